/**
 * nn.SpatialDilatedConvolution(nInputPlane, nOutputPlane, kW, kH[, dW, dH, padW, padH, dilationW = 1, dilationH = 1]):
 * a SpatialConvolution whose kernel taps are dilationW/dilationH pixels apart (SpatialDilatedConvolution.lua);
 * oW = floor((iW + 2*padW - (dilationW*(kW-1)+1)) / dW) + 1.
 */
import type { Tensor } from '../lib/Tensor.js';
import { SpatialConvolution } from './SpatialConvolution.js';
import { convString } from './SpatialConvolutionBase.js';

/**
 * A dilated ("à trous") 2-D convolution.
 * @example
 * const conv = new nn.SpatialDilatedConvolution(3, 8, 3, 3, 1, 1, 2, 2, 2, 2);
 * conv.forward(torch.randn(3, 16, 16)); // 8 x 16 x 16
 */
export class SpatialDilatedConvolution extends SpatialConvolution {
  dilationW: number;
  dilationH: number;

  constructor(nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW?: number, dH?: number,
    padW?: number, padH?: number, dilationW = 1, dilationH = 1) {
    super(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH);
    this.dilationW = dilationW;
    this.dilationH = dilationH;
  }

  override updateOutput(input: Tensor): Tensor {
    const [finput, fgradInput] = this.buffers();
    input.THNN.SpatialDilatedConvolution_updateOutput(input, this.output, this.weight, this.bias, finput, fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, this.dilationW, this.dilationH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [finput] = this.buffers();
    input.THNN.SpatialDilatedConvolution_updateGradInput(input, gradOutput, this.gradInput, this.weight, finput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, this.dilationW, this.dilationH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [finput, fgradInput] = this.buffers();
    input.THNN.SpatialDilatedConvolution_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, finput, fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, this.dilationW, this.dilationH, scale);
  }

  override toString(): string {
    return convString(this, `, ${this.dilationW},${this.dilationH}${this.bias ? ')' : ') without bias'}`);
  }
}
