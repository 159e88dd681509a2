/**
 * nn.SpatialDepthWiseConvolution(nInputPlane, nOutputPlane, kW, kH[, dW = 1, dH = 1, padW = 0, padH = padW]):
 * a depth-wise convolution (SpatialDepthWiseConvolution.lua): each input plane i is correlated with
 * nOutputPlane (the depth multiplier) kernels of its own, giving nInputPlane * nOutputPlane output planes,
 * plane i*nOutputPlane + o from kernel [o][i]. weight nOutputPlane x nInputPlane*kH*kW (THNN resizes it,
 * in place, to nOutputPlane x nInputPlane x kH x kW on the first call, as in Torch), bias nOutputPlane x nInputPlane.
 */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { SpatialConvolutionBase } from './SpatialConvolutionBase.js';

/**
 * A depth-wise convolution with a channel multiplier.
 * @example
 * const dw = new nn.SpatialDepthWiseConvolution(3, 2, 3, 3, 1, 1, 1, 1);
 * dw.forward(torch.randn(3, 8, 8)); // 6 x 8 x 8
 */
export class SpatialDepthWiseConvolution extends SpatialConvolutionBase {
  /** Old files' single padding (moved to padW/padH on the next forward). */
  padding?: number;

  protected weightSize(): number[] { return [this.nOutputPlane, this.nInputPlane * this.kH * this.kW]; }
  protected override biasSize(): number[] { return [this.nOutputPlane, this.nInputPlane]; }

  protected buffers(input: Tensor): [Tensor, Tensor] {
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    return [this.finput, this.fgradInput];
  }

  override updateOutput(input: Tensor): Tensor {
    const [finput, fgradInput] = this.buffers(input);
    if (this.padding !== undefined) {
      this.padW = this.padding;
      this.padH = this.padding;
      this.padding = undefined;
    }
    input.THNN.SpatialDepthWiseConvolution_updateOutput(input, this.output, this.weight, this.bias, finput, fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [finput, fgradInput] = this.buffers(input);
    input.THNN.SpatialDepthWiseConvolution_updateGradInput(input, gradOutput, this.gradInput, this.weight, finput, fgradInput,
      this.kW, this.kH, this.dW, this.dH, this.padW, this.padH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    if (!((this.bias && this.gradBias) || (!this.bias && !this.gradBias))) throw new TorchError('assertion failed!');
    const [finput, fgradInput] = this.buffers(input);
    input.THNN.SpatialDepthWiseConvolution_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, finput,
      fgradInput, this.kW, this.kH, this.dW, this.dH, this.padW, this.padH, scale);
  }
}
