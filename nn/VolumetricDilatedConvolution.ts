/**
 * nn.VolumetricDilatedConvolution(nInputPlane, nOutputPlane, kT, kW, kH[, dT = 1, dW = 1, dH = 1, padT = 0, padW, padH,
 * dilationT = 1, dilationW = 1, dilationH = 1]): a VolumetricConvolution whose kernel taps are dilation voxels apart
 * (VolumetricDilatedConvolution.lua); oT = (iT + 2*padT - (dilationT*(kT-1)+1)) / dT + 1 (integer division).
 */
import type { Tensor } from '../lib/Tensor.js';
import { VolumetricConvolution } from './VolumetricConvolution.js';

/**
 * A dilated ("à trous") 3-D convolution; weight nOutputPlane x nInputPlane x kT x kH x kW.
 * @example
 * const conv = new nn.VolumetricDilatedConvolution(2, 4, 3, 3, 3, 1, 1, 1, 2, 2, 2, 2, 2, 2);
 * conv.forward(torch.randn(2, 6, 8, 8)); // 4 x 6 x 8 x 8
 */
export class VolumetricDilatedConvolution extends VolumetricConvolution {
  dilationT: number;
  dilationW: number;
  dilationH: number;

  constructor(nInputPlane: number, nOutputPlane: number, kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number,
    padT?: number, padW?: number, padH?: number, dilationT = 1, dilationW = 1, dilationH = 1) {
    super(nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, padT, padW, padH);
    this.dilationT = dilationT;
    this.dilationW = dilationW;
    this.dilationH = dilationH;
  }

  private work(): [Tensor, Tensor] {
    this.finput ??= this.weight.new();
    this.fgradInput ??= this.weight.new();
    return [this.finput, this.fgradInput];
  }

  override updateOutput(input: Tensor): Tensor {
    const [finput, fgradInput] = this.work();
    input.THNN.VolumetricDilatedConvolution_updateOutput(input, this.output, this.weight, this.bias, finput, fgradInput,
      this.kT, this.kW, this.kH, this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, this.dilationT, this.dilationW, this.dilationH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [finput] = this.work();
    input.THNN.VolumetricDilatedConvolution_updateGradInput(input, gradOutput, this.gradInput, this.weight, finput,
      this.kT, this.kW, this.kH, this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, this.dilationT, this.dilationW, this.dilationH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [finput, fgradInput] = this.work();
    input.THNN.VolumetricDilatedConvolution_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, finput, fgradInput,
      this.kT, this.kW, this.kH, this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, this.dilationT, this.dilationW, this.dilationH,
      scale);
  }

  override toString(): string {
    let s = `${this.__typename}(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kT}x${this.kW}x${this.kH}`;
    const padded = this.padT !== 0 || this.padW !== 0 || this.padH !== 0;
    if (this.dT !== 1 || this.dW !== 1 || this.dH !== 1 || padded) s += `, ${this.dT},${this.dW},${this.dH}`;
    if (padded) s += `, ${this.padT},${this.padW},${this.padH}`;
    s += `, ${this.dilationT},${this.dilationW},${this.dilationH}`;
    return s + (this.bias ? ')' : ') without bias');
  }
}
