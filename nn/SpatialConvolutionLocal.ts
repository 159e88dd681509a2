/**
 * nn.SpatialConvolutionLocal(nInputPlane, nOutputPlane, iW, iH, kW, kH[, dW = 1, dH = 1, padW = 0, padH = padW]):
 * a locally connected layer (SpatialConvolutionLocal.lua): a convolution whose kernels are not shared,
 * one per output position. weight oH x oW x nOutputPlane x nInputPlane x kH x kW, bias nOutputPlane x oH x oW,
 * oW = floor((2*padW + iW - kW) / dW) + 1. The input must be nInputPlane x iH x iW (or a batch of those).
 */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clearWorkBuffers, freshWorkBuffers, resetUniform } from './SpatialConvolutionBase.js';

/**
 * A convolution with unshared weights over a fixed input size.
 * @example
 * const local = new nn.SpatialConvolutionLocal(3, 8, 10, 10, 3, 3);
 * local.forward(torch.randn(3, 10, 10)); // 8 x 8 x 8
 */
export class SpatialConvolutionLocal extends Module {
  declare weight: Tensor;
  declare bias: Tensor;
  declare gradWeight: Tensor;
  declare gradBias: Tensor;
  nInputPlane: number;
  nOutputPlane: number;
  kW: number;
  kH: number;
  iW: number;
  iH: number;
  dW: number;
  dH: number;
  padW: number;
  padH: number;
  oW: number;
  oH: number;
  finput?: Tensor;
  fgradInput?: Tensor;

  constructor(nInputPlane: number, nOutputPlane: number, iW: number, iH: number, kW: number, kH: number,
    dW = 1, dH = 1, padW = 0, padH?: number) {
    super();
    this.nInputPlane = nInputPlane;
    this.nOutputPlane = nOutputPlane;
    this.kW = kW;
    this.kH = kH;
    this.iW = iW;
    this.iH = iH;
    this.dW = dW;
    this.dH = dH;
    this.padW = padW;
    this.padH = padH ?? this.padW;
    this.oW = Math.floor((this.padW * 2 + iW - kW) / dW) + 1;
    this.oH = Math.floor((this.padH * 2 + iH - kH) / dH) + 1;
    if (!(this.oW >= 1 && this.oH >= 1)) throw new TorchError('illegal configuration: output width or height less than 1');
    this.weight = newDefault().resize(this.oH, this.oW, nOutputPlane, nInputPlane, kH, kW);
    this.bias = newDefault().resize(nOutputPlane, this.oH, this.oW);
    this.gradWeight = newDefault().resizeAs(this.weight);
    this.gradBias = newDefault().resizeAs(this.bias);
    this.reset();
  }

  /** Uniform in ±1/sqrt(kW*kH*nInputPlane) (or ±stdv·sqrt(3)): the weight, then the bias. */
  override reset(stdv?: number): this {
    resetUniform(this, this.kW * this.kH * this.nInputPlane, stdv);
    return this;
  }

  private checkInputSize(input: Tensor): void {
    const s = (i: number) => input.size(i);
    if (input.dim() === 3) {
      if (s(1) !== this.nInputPlane || s(2) !== this.iH || s(3) !== this.iW) {
        throw new TorchError(`Given input size: (${s(1)}x${s(2)}x${s(3)}) inconsistent with expected input size: (${this.nInputPlane}x${this.iH}x${this.iW}).`);
      }
    } else if (input.dim() === 4) {
      if (s(2) !== this.nInputPlane || s(3) !== this.iH || s(4) !== this.iW) {
        throw new TorchError(`Given input size: (${s(1)}x${s(2)}x${s(3)}x${s(4)}) inconsistent with expected input size: (batchsize x${this.nInputPlane}x${this.iH}x${this.iW}).`);
      }
    } else {
      throw new TorchError('3D or 4D(batch mode) tensor expected');
    }
  }

  private checkOutputSize(input: Tensor, output: Tensor): void {
    if (output.dim() !== input.dim()) throw new TorchError('inconsistent dimension between output and input.');
    const s = (i: number) => output.size(i);
    if (output.dim() === 3) {
      if (s(1) !== this.nOutputPlane || s(2) !== this.oH || s(3) !== this.oW) {
        throw new TorchError(`Given output size: (${s(1)}x${s(2)}x${s(3)}) inconsistent with expected output size: (${this.nOutputPlane}x${this.oH}x${this.oW}).`);
      }
    } else if (output.dim() === 4) {
      if (s(2) !== this.nOutputPlane || s(3) !== this.oH || s(4) !== this.oW) {
        throw new TorchError(`Given output size: (${s(1)}x${s(2)}x${s(3)}x${s(4)}) inconsistent with expected output size: (batchsize x${this.nOutputPlane}x${this.oH}x${this.oW}).`);
      }
    } else {
      throw new TorchError('3D or 4D(batch mode) tensor expected');
    }
  }

  override updateOutput(input: Tensor): Tensor {
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    this.checkInputSize(input);
    input.THNN.SpatialConvolutionLocal_updateOutput(input, this.output, this.weight, this.bias, this.finput, this.fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, this.iW, this.iH, this.oW, this.oH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.checkInputSize(input);
    this.checkOutputSize(input, gradOutput);
    input.THNN.SpatialConvolutionLocal_updateGradInput(input, gradOutput, this.gradInput, this.weight, this.finput ?? input.new(),
      this.fgradInput ?? input.new(), this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, this.iW, this.iH, this.oW, this.oH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.checkInputSize(input);
    this.checkOutputSize(input, gradOutput);
    input.THNN.SpatialConvolutionLocal_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, this.finput ?? input.new(),
      this.fgradInput ?? input.new(), this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, this.iW, this.iH, this.oW, this.oH, scale);
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
    let s = `${this.__typename}(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.iW}x${this.iH}, ${this.kW}x${this.kH}`;
    if (this.dW !== 1 || this.dH !== 1 || this.padW !== 0 || this.padH !== 0) s += `, ${this.dW},${this.dH}`;
    if (this.padW !== 0 || this.padH !== 0) s += `, ${this.padW},${this.padH}`;
    return s + ')';
  }
}
