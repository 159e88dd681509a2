/**
 * nn.TemporalRowConvolution(inputFrameSize, kW[, dW = 1, featFirst = false]): a depthwise temporal
 * convolution (TemporalRowConvolution.lua): each of the inputFrameSize features is convolved with its own
 * kW-tap filter, out[x][c] = bias[c] + Σ_kw weight[c][1][kw]·in[(x-1)·dW + kw][c]. The input is
 * nInputFrame x inputFrameSize (or batch), or inputFrameSize x nInputFrame with featFirst.
 */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clearWorkBuffers, removeBias, resetUniform } from './SpatialConvolutionBase.js';

/**
 * A row (depthwise) convolution over time with weight inputFrameSize x 1 x kW.
 * @example
 * const conv = new nn.TemporalRowConvolution(6, 3);
 * conv.forward(torch.randn(10, 6)); // 8 x 6
 */
export class TemporalRowConvolution extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  inputFrameSize: number;
  kW: number;
  dW: number;
  featFirst: boolean;
  /** The unfolded input of the last forward (inputFrameSize x kW x nOutputFrame per frame). */
  finput?: Tensor;
  /** The unfolded gradient work buffer. */
  fgradInput?: Tensor;

  constructor(inputFrameSize: number, kW: number, dW?: number, featFirst?: boolean) {
    super();
    this.inputFrameSize = inputFrameSize;
    this.kW = kW;
    this.dW = dW ?? 1;
    this.weight = newDefault().resize(inputFrameSize, 1, kW);
    this.bias = newDefault().resize(inputFrameSize);
    this.gradWeight = newDefault().resize(inputFrameSize, 1, kW);
    this.gradBias = newDefault().resize(inputFrameSize);
    this.featFirst = !!featFirst;
    this.reset();
  }

  /** Removes the bias. */
  noBias(): this {
    removeBias(this);
    return this;
  }

  /** Uniform in ±1/sqrt(kW*inputFrameSize) (or ±stdv·sqrt(3)): the weight, then the bias. */
  override reset(stdv?: number): this {
    resetUniform(this, this.kW * this.inputFrameSize, stdv);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    input.THNN.TemporalRowConvolution_updateOutput(input, this.output, this.weight, this.bias, this.finput, this.fgradInput,
      this.kW, this.dW, 0, this.featFirst);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    input.THNN.TemporalRowConvolution_updateGradInput(input, gradOutput, this.gradInput, this.weight, this.finput, this.fgradInput,
      this.kW, this.dW, 0, this.featFirst);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    input.THNN.TemporalRowConvolution_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, this.finput, this.fgradInput,
      this.kW, this.dW, 0, this.featFirst, scale);
  }

  /** Converts the parameters; the work buffers are emptied first (as TemporalRowConvolution:type). */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    this.finput?.set();
    this.fgradInput?.set();
    return super.type(type, cache);
  }

  override clearState(): this {
    clearWorkBuffers(this);
    return super.clearState();
  }

  override toString(): string {
    let s = `${this.__typename}(${this.inputFrameSize}, ${this.kW}`;
    if (this.dW !== 1) s += `, ${this.dW}`;
    return s + (this.bias ? ')' : ') without bias');
  }
}
