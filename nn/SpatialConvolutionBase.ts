/**
 * The shared code of the convolution modules: nn.SpatialConvolution and nn.SpatialConvolutionMM (both run
 * Torch's SpatialConvolutionMM kernels and differ only in the weight's shape and work-buffer setup), and
 * the reset / noBias helpers that nn.SpatialFullConvolution and nn.VolumetricConvolution share with them.
 */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clear } from './utils.js';

/** Work buffers of the MM convolutions (finput/fgradInput): fresh ones after a type change, as Torch's `type`. */
export function freshWorkBuffers(m: { finput?: Tensor; fgradInput?: Tensor }): void {
  if (m.finput) m.finput = newDefault();
  if (m.fgradInput) m.fgradInput = newDefault();
}

/** Empties the work buffers and the saved input/gradOutput, as the convolutions' `clearState`. */
export function clearWorkBuffers(m: object): void {
  clear(m as Record<string, unknown>, 'finput', 'fgradInput', '_input', '_gradOutput');
}

/** The `__tostring__` shared by the spatial convolutions: `nn.X(2 -> 3, 3x3, 1,1, 1,1)`. */
export function convString(m: { __typename: string; nInputPlane: number; nOutputPlane: number; kW: number; kH: number;
  dW: number; dH: number; padW: number; padH: number }, extra = ''): string {
  let s = `${m.__typename}(${m.nInputPlane} -> ${m.nOutputPlane}, ${m.kW}x${m.kH}`;
  if (m.dW !== 1 || m.dH !== 1 || m.padW !== 0 || m.padH !== 0) s += `, ${m.dW},${m.dH}`;
  if (m.padW !== 0 || m.padH !== 0) s += `, ${m.padW},${m.padH}`;
  return s + extra;
}

/** Torch's convolution reset: uniform in ±1/sqrt(fanIn) (or ±stdv·sqrt(3)), the weight, then the bias. */
export function resetUniform(m: { weight?: Tensor; bias?: Tensor }, fanIn: number, stdv?: number): void {
  const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(fanIn);
  m.weight!.uniform(-s, s);
  m.bias?.uniform(-s, s);
}

/** Torch's convolution noBias: drops the bias and its gradient. */
export function removeBias(m: { bias?: Tensor; gradBias?: Tensor }): void {
  m.bias = undefined;
  m.gradBias = undefined;
}

/**
 * A 2-D convolution computed by the SpatialConvolutionMM kernels (im2col into `finput`, then one GEMM per
 * frame). Subclasses give the weight's shape and make the work buffers; one with THNN kernels of its own
 * (SpatialDepthWiseConvolution) overrides the three passes.
 */
export abstract class SpatialConvolutionBase extends Module {
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
    this.weight = newDefault().resize(...this.weightSize());
    this.bias = newDefault().resize(...this.biasSize());
    this.gradWeight = newDefault().resize(...this.weightSize());
    this.gradBias = newDefault().resize(...this.biasSize());
    this.reset();
  }

  /** The shape of the weight (and gradWeight), from the plane counts and kernel size. */
  protected abstract weightSize(): number[];

  /** The shape of the bias (and gradBias): one per output plane. */
  protected biasSize(): number[] { return [this.nOutputPlane]; }

  /** The work buffers `finput`, `fgradInput`, made on first use. */
  protected abstract buffers(input: Tensor): [Tensor, Tensor];

  /** Removes the bias. */
  noBias(): this {
    removeBias(this);
    return this;
  }

  /** Uniform in ±1/sqrt(kW*kH*nInputPlane) (or ±stdv·sqrt(3)): the weight, then the bias. */
  override reset(stdv?: number): this {
    resetUniform(this, this.kW * this.kH * this.nInputPlane, stdv);
    return this;
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

  /** Converts the parameters; the work buffers start afresh (as SpatialConvolution:type). */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) freshWorkBuffers(this);
    return super.type(type, cache);
  }

  override clearState(): this {
    clearWorkBuffers(this);
    return super.clearState();
  }

  override toString(): string {
    return convString(this, this.bias ? ')' : ') without bias');
  }
}
