/**
 * nn.VolumetricFullConvolution(nInputPlane, nOutputPlane, kT, kW, kH[, dT = 1, dW = 1, dH = 1, padT = 0, padW = 0,
 * padH = 0, adjT = 0, adjW = 0, adjH = 0]): the 3-D transposed convolution (VolumetricFullConvolution.lua);
 * oT = (iT - 1)*dT - 2*padT + kT + adjT (likewise H, W). The input may be `[input, target]`: the adj factors
 * are then chosen so that the output matches the target's last three sizes.
 */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clearWorkBuffers, removeBias, resetUniform } from './SpatialConvolutionBase.js';

const calculateAdj = (targetSize: number, ker: number, pad: number, stride: number): number =>
  (targetSize + 2 * pad - ker) % stride;

/**
 * A volumetric "deconvolution" with weight nInputPlane x nOutputPlane x kT x kH x kW.
 * @example
 * const up = new nn.VolumetricFullConvolution(8, 4, 4, 4, 4, 2, 2, 2, 1, 1, 1);
 * up.forward(torch.randn(8, 3, 5, 5)); // 4 x 6 x 10 x 10
 */
export class VolumetricFullConvolution extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  nInputPlane: number;
  nOutputPlane: number;
  kW: number;
  kH: number;
  kT: number;
  dW: number;
  dH: number;
  dT: number;
  padW: number;
  padH: number;
  padT: number;
  adjW: number;
  adjH: number;
  adjT: number;
  ones: Tensor;
  /** The column buffer (nOutputPlane*kT*kH*kW x iT*iH*iW). */
  finput: Tensor;
  /** THNN's `ones` buffer (unused on the CPU: the bias sums run directly). */
  fgradInput: Tensor;
  zeroScalar?: Tensor;
  /** Legacy field names of old .t7 files (renamed by backCompatibility). */
  pW?: number;
  pH?: number;
  pT?: number;

  constructor(nInputPlane: number, nOutputPlane: number, kT: number, kW: number, kH: number, dT = 1, dW = 1, dH = 1,
    padT = 0, padW = 0, padH = 0, adjT = 0, adjW = 0, adjH = 0) {
    super();
    this.nInputPlane = nInputPlane;
    this.nOutputPlane = nOutputPlane;
    this.kW = kW;
    this.kH = kH;
    this.kT = kT;
    this.dW = dW;
    this.dH = dH;
    this.dT = dT;
    this.padW = padW;
    this.padH = padH;
    this.padT = padT;
    this.adjW = adjW;
    this.adjH = adjH;
    this.adjT = adjT;
    if (this.adjW > this.dW - 1 || this.adjH > this.dH - 1 || this.adjT > this.dT - 1) {
      throw new TorchError('adjW, adjH and adjT must be smaller than self.dW - 1, self.dH - 1 and self.dT - 1 respectively');
    }
    this.weight = newDefault().resize(nInputPlane, nOutputPlane, kT, kH, kW);
    this.gradWeight = newDefault().resize(nInputPlane, nOutputPlane, kT, kH, kW);
    this.bias = newDefault().resize(nOutputPlane);
    this.gradBias = newDefault().resize(nOutputPlane);
    this.ones = newDefault();
    this.finput = newDefault();
    this.fgradInput = newDefault();
    this.reset();
  }

  /** Uniform in ±1/sqrt(kW*kH*kT*nInputPlane) (or ±stdv·sqrt(3)): the weight, then the bias. */
  override reset(stdv?: number): this {
    resetUniform(this, this.kW * this.kH * this.kT * this.nInputPlane, stdv);
    return this;
  }

  /** Removes the bias. */
  noBias(): this {
    removeBias(this);
    return this;
  }

  /** Old files: a weight without adj fields is nOutputPlane-major (transposed here); pW/pH/pT become padW/padH/padT. */
  backCompatibility(): void {
    if (this.adjW === undefined) this.weight = this.weight.transpose(1, 2).contiguous();
    this.padW ??= this.pW as number;
    this.padH ??= this.pH as number;
    this.padT ??= this.pT as number;
    this.adjW ??= 0;
    this.adjH ??= 0;
    this.adjT ??= 0;
  }

  /** The input tensor and the adj factors (from the target's size when the input is a table). */
  private resolve(input: Tensor | Tensor[]): [Tensor, number, number, number] {
    this.backCompatibility();
    this.finput ??= newDefault();
    this.fgradInput ??= newDefault();
    if (!Array.isArray(input)) return [input, this.adjT, this.adjW, this.adjH];
    const [x, target] = input;
    const d = target.dim();
    return [x, calculateAdj(target.size(d - 2), this.kT, this.padT, this.dT),
      calculateAdj(target.size(d), this.kW, this.padW, this.dW), calculateAdj(target.size(d - 1), this.kH, this.padH, this.dH)];
  }

  override updateOutput(input: Tensor | Tensor[]): Tensor {
    const [x, adjT, adjW, adjH] = this.resolve(input);
    x.THNN.VolumetricFullConvolution_updateOutput(x, this.output, this.weight, this.bias, this.finput, this.fgradInput,
      this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, adjT, adjW, adjH);
    return this.output;
  }

  override updateGradInput(input: Tensor | Tensor[], gradOutput: Tensor): Tensor | Tensor[] {
    const [x, adjT, adjW, adjH] = this.resolve(input);
    // the table of the last [input, target] call: its first tensor is reused (Torch would pass the table to THNN and fail)
    if (Array.isArray(this.gradInput)) this.gradInput = this.gradInput[0] ?? x.new();
    x.THNN.VolumetricFullConvolution_updateGradInput(x, gradOutput, this.gradInput, this.weight, this.finput, this.fgradInput,
      this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, adjT, adjW, adjH);
    if (Array.isArray(input)) {
      const target = input[1];
      this.zeroScalar ??= target.new(1).zero();
      this.ones.resize(target.dim()).fill(1);
      const zero = this.zeroScalar.view(...new Array<number>(target.dim()).fill(1)).expandAs(target);
      this.gradInput = [this.gradInput, zero];
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor | Tensor[], gradOutput: Tensor, scale = 1): void {
    const [x, adjT, adjW, adjH] = this.resolve(input);
    x.THNN.VolumetricFullConvolution_accGradParameters(x, gradOutput, this.gradWeight, this.gradBias, this.finput, this.fgradInput,
      this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, adjT, adjW, adjH, scale);
  }

  /** Converts the parameters; the work buffers start afresh (torch.Tensor() of the default type, as Torch). */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) {
      this.finput = newDefault();
      this.fgradInput = newDefault();
    }
    return super.type(type, cache);
  }

  override clearState(): this {
    clearWorkBuffers(this);
    return super.clearState();
  }

  override toString(): string {
    let s = `${this.__typename}(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kT}x${this.kW}x${this.kH}`;
    const padded = this.padT !== 0 || this.padW !== 0 || this.padH !== 0;
    if (this.dT !== 1 || this.dW !== 1 || this.dH !== 1 || padded) s += `, ${this.dT},${this.dW},${this.dH}`;
    if (padded) s += `, ${this.padT},${this.padW},${this.padH}`;
    if (this.adjT !== 0 || this.adjW !== 0 || this.adjH !== 0) s += `, ${this.adjT},${this.adjW},${this.adjH}`;
    return s + ')';
  }
}
