/**
 * nn.SpatialConvolution(nInputPlane, nOutputPlane, kW, kH[, dW = 1, dH = 1, padW = 0, padH = padW]):
 * a 2-D convolution over C x H x W or N x C x H x W inputs (SpatialConvolution.lua), computed by the
 * SpatialConvolutionMM kernels (im2col into `finput`, then one GEMM per frame).
 */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clear } from './utils.js';

/** The `__tostring__` shared by the spatial convolutions: `nn.X(2 -> 3, 3x3, 1,1, 1,1)`. */
export function convString(m: { __typename: string; nInputPlane: number; nOutputPlane: number; kW: number; kH: number;
  dW: number; dH: number; padW: number; padH: number }, extra = ''): string {
  let s = `${m.__typename}(${m.nInputPlane} -> ${m.nOutputPlane}, ${m.kW}x${m.kH}`;
  if (m.dW !== 1 || m.dH !== 1 || m.padW !== 0 || m.padH !== 0) s += `, ${m.dW},${m.dH}`;
  if (m.padW !== 0 || m.padH !== 0) s += `, ${m.padW},${m.padH}`;
  return s + extra;
}

/**
 * A 2-D convolution with a 4-D weight (nOutputPlane x nInputPlane x kH x kW).
 * @example
 * const conv = new nn.SpatialConvolution(3, 16, 5, 5, 1, 1, 2);
 * conv.forward(torch.randn(8, 3, 32, 32)); // 8 x 16 x 32 x 32
 */
export class SpatialConvolution extends Module {
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
  /** The unfolded input of the last forward (one kW*kH*nInputPlane x oH*oW matrix per frame). */
  finput?: Tensor;
  /** The unfolded gradient work buffer of updateGradInput. */
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
    this.weight = newDefault().resize(nOutputPlane, nInputPlane, kH, kW);
    this.bias = newDefault().resize(nOutputPlane);
    this.gradWeight = newDefault().resize(nOutputPlane, nInputPlane, kH, kW);
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

  /**
   * Torch's backCompatibility: creates the work buffers with the weight's type, and upgrades modules
   * read from old files (a single `padding` field, 2-D weights).
   */
  protected buffers(): [Tensor, Tensor] {
    this.finput ??= this.weight.new();
    this.fgradInput ??= this.weight.new();
    const self = this as this & { padding?: number };
    if (self.padding !== undefined) {
      this.padW = this.padH = self.padding;
      delete self.padding;
    } else {
      this.padW ??= 0;
      this.padH ??= 0;
    }
    if (this.weight.dim() === 2) this.weight = this.weight.view(this.nOutputPlane, this.nInputPlane, this.kH, this.kW);
    if (this.gradWeight?.dim() === 2) this.gradWeight = this.gradWeight.view(this.nOutputPlane, this.nInputPlane, this.kH, this.kW);
    return [this.finput, this.fgradInput];
  }

  override updateOutput(input: Tensor): Tensor {
    const [finput, fgradInput] = this.buffers();
    input.THNN.SpatialConvolutionMM_updateOutput(input, this.output, this.weight, this.bias, finput, fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [finput, fgradInput] = this.buffers();
    input.THNN.SpatialConvolutionMM_updateGradInput(input, gradOutput, this.gradInput, this.weight, finput, fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [finput, fgradInput] = this.buffers();
    input.THNN.SpatialConvolutionMM_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, finput, fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, scale);
  }

  /** Converts the parameters; the work buffers start afresh (as SpatialConvolution:type). */
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
