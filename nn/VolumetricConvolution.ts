/**
 * nn.VolumetricConvolution(nInputPlane, nOutputPlane, kT, kW, kH[, dT = 1, dW = 1, dH = 1, padT = 0, padW = padT, padH = padW]):
 * a 3-D convolution over C x T x H x W or N x C x T x H x W inputs (VolumetricConvolution.lua), computed
 * on the CPU by the VolumetricConvolutionMM kernels.
 */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clearWorkBuffers, removeBias, resetUniform } from './SpatialConvolutionBase.js';

/**
 * A spatio-temporal convolution with weight nOutputPlane x nInputPlane x kT x kH x kW.
 * @example
 * const conv = new nn.VolumetricConvolution(3, 8, 3, 3, 3);
 * conv.forward(torch.randn(3, 5, 10, 10)); // 8 x 3 x 8 x 8
 */
export class VolumetricConvolution extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  nInputPlane: number;
  nOutputPlane: number;
  kT: number;
  kW: number;
  kH: number;
  dT: number;
  dW: number;
  dH: number;
  padT: number;
  padW: number;
  padH: number;
  /** The unfolded input of the last forward. */
  finput?: Tensor;
  /** The unfolded gradient work buffer. */
  fgradInput?: Tensor;

  constructor(nInputPlane: number, nOutputPlane: number, kT: number, kW: number, kH: number, dT = 1, dW = 1, dH = 1,
    padT = 0, padW?: number, padH?: number) {
    super();
    this.nInputPlane = nInputPlane;
    this.nOutputPlane = nOutputPlane;
    this.kT = kT;
    this.kW = kW;
    this.kH = kH;
    this.dT = dT;
    this.dW = dW;
    this.dH = dH;
    this.padT = padT;
    this.padW = padW ?? this.padT;
    this.padH = padH ?? this.padW;
    this.weight = newDefault().resize(nOutputPlane, nInputPlane, kT, kH, kW);
    this.bias = newDefault().resize(nOutputPlane);
    this.gradWeight = newDefault().resize(nOutputPlane, nInputPlane, kT, kH, kW);
    this.gradBias = newDefault().resize(nOutputPlane);
    this.reset();
  }

  /** Uniform in ±1/sqrt(kT*kW*kH*nInputPlane) (or ±stdv·sqrt(3)): the weight, then the bias. */
  override reset(stdv?: number): this {
    resetUniform(this, this.kT * this.kW * this.kH * this.nInputPlane, stdv);
    return this;
  }

  /** Removes the bias. */
  noBias(): this {
    removeBias(this);
    return this;
  }

  private buffers(input: Tensor): [Tensor, Tensor] {
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    return [this.finput, this.fgradInput];
  }

  override updateOutput(input: Tensor): Tensor {
    const [finput] = this.buffers(input);
    input.THNN.VolumetricConvolutionMM_updateOutput(input, this.output, this.weight, this.bias, finput,
      this.kT, this.kW, this.kH, this.dT, this.dW, this.dH, this.padT, this.padW, this.padH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [finput, fgradInput] = this.buffers(input);
    input.THNN.VolumetricConvolutionMM_updateGradInput(input, gradOutput, this.gradInput, this.weight, finput, fgradInput,
      this.kT, this.kW, this.kH, this.dT, this.dW, this.dH, this.padT, this.padW, this.padH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [finput] = this.buffers(input);
    input.THNN.VolumetricConvolutionMM_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, finput,
      this.kT, this.kW, this.kH, this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, scale);
  }

  /** Converts the parameters; the work buffers are emptied first (as VolumetricConvolution:type). */
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
    let s = `${this.__typename}(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kT}x${this.kW}x${this.kH}`;
    const padded = this.padT !== 0 || this.padW !== 0 || this.padH !== 0;
    if (this.dT !== 1 || this.dW !== 1 || this.dH !== 1 || padded) s += `, ${this.dT},${this.dW},${this.dH}`;
    if (padded) s += `, ${this.padT},${this.padW},${this.padH}`;
    return s + ')';
  }
}
