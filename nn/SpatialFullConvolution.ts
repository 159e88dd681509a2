/**
 * nn.SpatialFullConvolution(nInputPlane, nOutputPlane, kW, kH[, dW = 1, dH = 1, padW = 0, padH = 0, adjW = 0, adjH = 0]):
 * the transposed convolution (SpatialFullConvolution.lua); oW = (iW - 1)*dW - 2*padW + kW + adjW.
 * The input may be `[input, target]`: adjW/adjH are then chosen so the output matches the target's size.
 */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clearWorkBuffers, convString, freshWorkBuffers, removeBias, resetUniform } from './SpatialConvolutionBase.js';

const calculateAdj = (targetSize: number, ker: number, pad: number, stride: number): number =>
  (targetSize + 2 * pad - ker) % stride;

/**
 * A "deconvolution" with weight nInputPlane x nOutputPlane x kH x kW.
 * @example
 * const up = new nn.SpatialFullConvolution(16, 8, 4, 4, 2, 2, 1, 1);
 * up.forward(torch.randn(16, 8, 8)); // 8 x 16 x 16
 */
export class SpatialFullConvolution extends Module {
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
  adjW: number;
  adjH: number;
  ones: Tensor;
  /** The column buffer of the last call. */
  finput?: Tensor;
  /** The bias work buffer (THNN's `ones`). */
  fgradInput?: Tensor;
  zeroScalar?: Tensor;

  constructor(nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW = 1, dH = 1,
    padW = 0, padH = 0, adjW = 0, adjH = 0) {
    super();
    this.nInputPlane = nInputPlane;
    this.nOutputPlane = nOutputPlane;
    this.kW = kW;
    this.kH = kH;
    this.dW = dW;
    this.dH = dH;
    this.padW = padW;
    this.padH = padH;
    this.adjW = adjW;
    this.adjH = adjH;
    if (this.adjW > this.dW - 1 || this.adjH > this.dH - 1) {
      throw new TorchError('adjW and adjH must be smaller than self.dW - 1 and self.dH - 1 respectively');
    }
    this.weight = newDefault().resize(nInputPlane, nOutputPlane, kH, kW);
    this.gradWeight = newDefault().resize(nInputPlane, nOutputPlane, kH, kW);
    this.bias = newDefault().resize(nOutputPlane);
    this.gradBias = newDefault().resize(nOutputPlane);
    this.ones = newDefault();
    this.reset();
  }

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

  /** The input tensor and the adj factors (from the target's size when the input is a table). */
  private resolve(input: Tensor | Tensor[]): [Tensor, number, number] {
    if (!Array.isArray(input)) return [input, this.adjW, this.adjH];
    const [x, target] = input;
    const d = target.dim();
    return [x, calculateAdj(target.size(d), this.kW, this.padW, this.dW), calculateAdj(target.size(d - 1), this.kH, this.padH, this.dH)];
  }

  override updateOutput(input: Tensor | Tensor[]): Tensor {
    const [x, adjW, adjH] = this.resolve(input);
    this.finput ??= x.new();
    this.fgradInput ??= x.new();
    x.THNN.SpatialFullConvolution_updateOutput(x, this.output, this.weight, this.bias, this.finput, this.fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, adjW, adjH);
    return this.output;
  }

  override updateGradInput(input: Tensor | Tensor[], gradOutput: Tensor): Tensor | Tensor[] {
    const [x, adjW, adjH] = this.resolve(input);
    if (Array.isArray(this.gradInput)) this.gradInput = this.gradInput[0] ?? x.new();
    this.finput ??= x.new();
    x.THNN.SpatialFullConvolution_updateGradInput(x, gradOutput, this.gradInput, this.weight, this.finput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, adjW, adjH);
    if (Array.isArray(input)) {
      const target = input[1];
      this.zeroScalar ??= target.new(1).zero();
      this.ones.resize(target.dim()).fill(1);
      const zero = this.zeroScalar.view(...new Array<number>(target.dim()).fill(1)).expand(target.size());
      this.gradInput = [this.gradInput, zero];
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor | Tensor[], gradOutput: Tensor, scale = 1): void {
    const [x, adjW, adjH] = this.resolve(input);
    this.finput ??= x.new();
    this.fgradInput ??= x.new();
    x.THNN.SpatialFullConvolution_accGradParameters(x, gradOutput, this.gradWeight, this.gradBias, this.finput, this.fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, adjW, adjH, scale);
  }

  /** Converts the parameters; the work buffers start afresh. */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) freshWorkBuffers(this);
    return super.type(type, cache);
  }

  override clearState(): this {
    clearWorkBuffers(this);
    return super.clearState();
  }

  override toString(): string {
    const adj = this.adjW !== 0 || this.adjH !== 0 ? `, ${this.adjW},${this.adjH}` : '';
    return convString(this, `${adj}${this.bias ? ')' : ') without bias'}`);
  }
}
