/**
 * nn.SpatialConvolutionMM(nInputPlane, nOutputPlane, kW, kH[, dW = 1, dH = 1, padW = 0, padH = padW]):
 * SpatialConvolution's legacy twin with a 2-D weight (nOutputPlane x nInputPlane*kH*kW)
 * (SpatialConvolutionMM.lua).
 */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { convString } from './SpatialConvolution.js';
import { clear } from './utils.js';

/**
 * A 2-D convolution whose weight is stored as one matrix row per output plane.
 * @example
 * const conv = new nn.SpatialConvolutionMM(1, 6, 5, 5);
 * conv.forward(torch.randn(1, 28, 28)); // 6 x 24 x 24
 */
export class SpatialConvolutionMM extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  nInputPlane: number;
  nOutputPlane: number;
  kW: number;
  kH: number;
  dW: number;
  dH: number;
  padW: number;
  padH: number;
  /** The unfolded input of the last forward. */
  finput?: Tensor;
  /** The unfolded gradient work buffer. */
  fgradInput?: Tensor;

  constructor(nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW = 1, dH = 1, padW = 0, padH?: number) {
    super();
    this.nInputPlane = nInputPlane;
    this.nOutputPlane = nOutputPlane;
    this.kW = kW;
    this.kH = kH;
    this.dW = dW;
    this.dH = dH;
    this.padW = padW;
    this.padH = padH ?? padW;
    this.weight = newDefault().resize(nOutputPlane, nInputPlane * kH * kW);
    this.bias = newDefault().resize(nOutputPlane);
    this.gradWeight = newDefault().resize(nOutputPlane, nInputPlane * kH * kW);
    this.gradBias = newDefault().resize(nOutputPlane);
    this.reset();
  }

  /** Removes the bias. */
  noBias(): this {
    this.bias = undefined;
    this.gradBias = undefined;
    return this;
  }

  /** Uniform in ±1/sqrt(kW*kH*nInputPlane) (or ±stdv·sqrt(3)): the weight, then the bias. */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.kW * this.kH * this.nInputPlane);
    this.weight.uniform(-s, s);
    this.bias?.uniform(-s, s);
    return this;
  }

  private buffers(input: Tensor): [Tensor, Tensor] {
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    return [this.finput, this.fgradInput];
  }

  override updateOutput(input: Tensor): Tensor {
    const [finput, fgradInput] = this.buffers(input);
    input.THNN.SpatialConvolutionMM_updateOutput(input, this.output, this.weight, this.bias, finput, fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [finput, fgradInput] = this.buffers(input);
    input.THNN.SpatialConvolutionMM_updateGradInput(input, gradOutput, this.gradInput, this.weight, finput, fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [finput, fgradInput] = this.buffers(input);
    input.THNN.SpatialConvolutionMM_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, finput, fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, scale);
  }

  /** Converts the parameters; the work buffers start afresh. */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) {
      if (this.finput) this.finput = newDefault();
      if (this.fgradInput) this.fgradInput = newDefault();
    }
    return super.type(type, cache);
  }

  override clearState(): this {
    clear(this as unknown as Record<string, unknown>, 'finput', 'fgradInput', '_input', '_gradOutput');
    return super.clearState();
  }

  override toString(): string {
    return convString(this, this.bias ? ')' : ') without bias');
  }
}
