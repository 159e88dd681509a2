/**
 * nn.SpatialDepthWiseConvolution(nInputPlane, nOutputPlane, kW, kH[, dW = 1, dH = 1, padW = 0, padH = padW]):
 * a depth-wise convolution (SpatialDepthWiseConvolution.lua): each input plane i is correlated with
 * nOutputPlane (the depth multiplier) kernels of its own, giving nInputPlane * nOutputPlane output planes,
 * plane i*nOutputPlane + o from kernel [o][i]. weight nOutputPlane x nInputPlane*kH*kW (THNN resizes it,
 * in place, to nOutputPlane x nInputPlane x kH x kW on the first call, as in Torch), bias nOutputPlane x nInputPlane.
 */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clearWorkBuffers, convString, freshWorkBuffers, removeBias, resetUniform } from './SpatialConvolutionBase.js';

/**
 * A depth-wise convolution with a channel multiplier.
 * @example
 * const dw = new nn.SpatialDepthWiseConvolution(3, 2, 3, 3, 1, 1, 1, 1);
 * dw.forward(torch.randn(3, 8, 8)); // 6 x 8 x 8
 */
export class SpatialDepthWiseConvolution extends Module {
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
  /** Old files' single padding (moved to padW/padH on the next forward). */
  padding?: number;
  finput?: Tensor;
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
    this.padH = padH ?? this.padW;
    this.weight = newDefault().resize(nOutputPlane, nInputPlane * kH * kW);
    this.bias = newDefault().resize(nOutputPlane, nInputPlane);
    this.gradWeight = newDefault().resize(nOutputPlane, nInputPlane * kH * kW);
    this.gradBias = newDefault().resize(nOutputPlane, nInputPlane);
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

  override updateOutput(input: Tensor): Tensor {
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    if (this.padding !== undefined) {
      this.padW = this.padding;
      this.padH = this.padding;
      this.padding = undefined;
    }
    input.THNN.SpatialDepthWiseConvolution_updateOutput(input, this.output, this.weight, this.bias, this.finput, this.fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    input.THNN.SpatialDepthWiseConvolution_updateGradInput(input, gradOutput, this.gradInput, this.weight, this.finput, this.fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    if (!((this.bias && this.gradBias) || (!this.bias && !this.gradBias))) throw new TorchError('assertion failed!');
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    input.THNN.SpatialDepthWiseConvolution_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, this.finput,
      this.fgradInput, this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, scale);
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
    return convString(this, this.bias ? ')' : ') without bias');
  }
}
