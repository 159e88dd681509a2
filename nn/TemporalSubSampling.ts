/**
 * nn.TemporalSubSampling(inputFrameSize, kW[, dW = 1]): subsampling along time of a sequence
 * nInputFrame x inputFrameSize (TemporalSubSampling.lua; THNN takes 2-D input only): output frame t =
 * (sum of input frames t*dW .. t*dW+kW-1) .* weight + bias, nOutputFrame = floor((nInputFrame - kW) / dW) + 1.
 */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * A trainable sum-pooling over time with one weight and one bias per frame element.
 * @example
 * const sub = new nn.TemporalSubSampling(4, 3, 2);
 * sub.forward(torch.randn(9, 4)); // 4 x 4
 */
export class TemporalSubSampling extends Module {
  declare weight: Tensor;
  declare bias: Tensor;
  declare gradWeight: Tensor;
  declare gradBias: Tensor;
  inputFrameSize: number;
  kW: number;
  dW: number;

  constructor(inputFrameSize: number, kW: number, dW = 1) {
    super();
    this.inputFrameSize = inputFrameSize;
    this.kW = kW;
    this.dW = dW;
    this.weight = newDefault().resize(inputFrameSize);
    this.bias = newDefault().resize(inputFrameSize);
    this.gradWeight = newDefault().resize(inputFrameSize);
    this.gradBias = newDefault().resize(inputFrameSize);
    this.reset();
  }

  /** Uniform in ±1/sqrt(kW) (or ±stdv·sqrt(3)): the weight, then the bias (Torch's draws, in its order). */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.kW);
    this.weight.uniform(-s, s);
    this.bias.uniform(-s, s);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.TemporalSubSampling_updateOutput(input, this.output, this.weight, this.bias, this.kW, this.dW, this.inputFrameSize);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.TemporalSubSampling_updateGradInput(input, gradOutput, this.gradInput, this.weight, this.kW, this.dW);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    input.THNN.TemporalSubSampling_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, this.kW, this.dW, scale);
  }
}
