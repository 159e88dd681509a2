/**
 * nn.SpatialConvolutionMM(nInputPlane, nOutputPlane, kW, kH[, dW = 1, dH = 1, padW = 0, padH = padW]):
 * SpatialConvolution's legacy twin with a 2-D weight (nOutputPlane x nInputPlane*kH*kW)
 * (SpatialConvolutionMM.lua).
 */
import type { Tensor } from '../lib/Tensor.js';
import { SpatialConvolutionBase } from './SpatialConvolutionBase.js';

/**
 * A 2-D convolution whose weight is stored as one matrix row per output plane.
 * @example
 * const conv = new nn.SpatialConvolutionMM(1, 6, 5, 5);
 * conv.forward(torch.randn(1, 28, 28)); // 6 x 24 x 24
 */
export class SpatialConvolutionMM extends SpatialConvolutionBase {
  protected override weightSize(): number[] {
    return [this.nOutputPlane, this.nInputPlane * this.kH * this.kW];
  }

  protected override buffers(input: Tensor): [Tensor, Tensor] {
    this.finput ??= input.new();
    this.fgradInput ??= input.new();
    return [this.finput, this.fgradInput];
  }
}
