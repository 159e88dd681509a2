/**
 * nn.SpatialConvolution(nInputPlane, nOutputPlane, kW, kH[, dW = 1, dH = 1, padW = 0, padH = padW]):
 * a 2-D convolution over C x H x W or N x C x H x W inputs (SpatialConvolution.lua), computed by the
 * SpatialConvolutionMM kernels (im2col into `finput`, then one GEMM per frame).
 */
import type { Tensor } from '../lib/Tensor.js';
import { SpatialConvolutionBase } from './SpatialConvolutionBase.js';

export { convString } from './SpatialConvolutionBase.js';

/**
 * A 2-D convolution with a 4-D weight (nOutputPlane x nInputPlane x kH x kW).
 * @example
 * const conv = new nn.SpatialConvolution(3, 16, 5, 5, 1, 1, 2);
 * conv.forward(torch.randn(8, 3, 32, 32)); // 8 x 16 x 32 x 32
 */
export class SpatialConvolution extends SpatialConvolutionBase {
  protected override weightSize(): number[] {
    return [this.nOutputPlane, this.nInputPlane, this.kH, this.kW];
  }

  /**
   * Torch's backCompatibility: creates the work buffers with the weight's type, and upgrades modules
   * read from old files (a single `padding` field, 2-D weights).
   */
  protected override buffers(): [Tensor, Tensor] {
    this.finput ??= this.weight.new();
    this.fgradInput ??= this.weight.new();
    const self = this as this & { padding?: number };
    if (self.padding !== undefined) {
      this.padW = this.padH = self.padding;
      delete self.padding;
    } else {
      this.padW ??= 0;
      this.padH ??= 0;
    }
    if (this.weight.dim() === 2) this.weight = this.weight.view(this.nOutputPlane, this.nInputPlane, this.kH, this.kW);
    if (this.gradWeight?.dim() === 2) this.gradWeight = this.gradWeight.view(this.nOutputPlane, this.nInputPlane, this.kH, this.kW);
    return [this.finput, this.fgradInput];
  }
}
