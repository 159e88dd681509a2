/**
 * nn.TemporalConvolution(inputFrameSize, outputFrameSize, kW[, dW = 1]): a 1-D convolution over a
 * sequence nInputFrame x inputFrameSize, or a batch nBatch x nInputFrame x inputFrameSize
 * (TemporalConvolution.lua); nOutputFrame = floor((nInputFrame - kW) / dW) + 1.
 */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * A convolution along time whose weight is outputFrameSize x (kW*inputFrameSize).
 * @example
 * const conv = new nn.TemporalConvolution(10, 4, 3);
 * conv.forward(torch.randn(7, 10)); // 5 x 4
 */
export class TemporalConvolution extends Module {
  declare weight: Tensor;
  declare bias: Tensor;
  declare gradWeight: Tensor;
  declare gradBias: Tensor;
  inputFrameSize: number;
  outputFrameSize: number;
  kW: number;
  dW: number;

  constructor(inputFrameSize: number, outputFrameSize: number, kW: number, dW = 1) {
    super();
    this.inputFrameSize = inputFrameSize;
    this.outputFrameSize = outputFrameSize;
    this.kW = kW;
    this.dW = dW;
    this.weight = newDefault().resize(outputFrameSize, inputFrameSize * kW);
    this.bias = newDefault().resize(outputFrameSize);
    this.gradWeight = newDefault().resize(outputFrameSize, inputFrameSize * kW);
    this.gradBias = newDefault().resize(outputFrameSize);
    this.reset();
  }

  /** Uniform in ±1/sqrt(kW*inputFrameSize) (or ±stdv·sqrt(3)): the weight, then the bias. */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.kW * this.inputFrameSize);
    this.weight.uniform(-s, s);
    this.bias.uniform(-s, s);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.TemporalConvolution_updateOutput(input, this.output, this.weight, this.bias, this.kW, this.dW,
      this.inputFrameSize, this.outputFrameSize);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.TemporalConvolution_updateGradInput(input, gradOutput, this.gradInput, this.weight, this.kW, this.dW);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    input.THNN.TemporalConvolution_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, this.kW, this.dW, scale);
  }

  /** Shared modules need no accumulation: the default direct update (as TemporalConvolution.lua). */
  override sharedAccUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    this.defaultAccUpdateGradParameters(input, gradOutput, lr);
  }
}
