/**
 * nn.UpSampling(scale_factor | {odepth, owidth, oheight}, mode = 'nearest'): upsampling of a 4-D
 * (N x C x H x W) or 5-D (N x C x D x H x W) input (UpSampling.lua). 'nearest' repeats each pixel
 * scale_factor times per axis; 'linear' (also 'bilinear' / 'trilinear') interpolates with aligned corners
 * to size * scale_factor, or to the given output sizes. (UpSampling.lua's comment promises
 * (size - 1) * (scale - 1) + size for linear mode, but its code, which we follow, asks THNN for size * scale.)
 * Any other mode means 'nearest', as in Torch.
 */
import { TorchError } from '../lib/errors.js';
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/** The explicit output sizes of linear mode (odepth for 5-D inputs only). */
export interface UpSamplingSizes { odepth?: number; owidth?: number; oheight?: number }

/**
 * Spatial or volumetric upsampling, nearest or (bi/tri)linear.
 * @example
 * new nn.UpSampling(2).forward(torch.randn(1, 3, 4, 4)); // 1 x 3 x 8 x 8
 * new nn.UpSampling(3, 'linear').forward(torch.randn(1, 2, 2, 3, 3)); // 1 x 2 x 6 x 9 x 9
 */
export class UpSampling extends Module {
  mode: 'nearest' | 'linear';
  odepth?: number;
  owidth?: number;
  oheight?: number;
  scale_factor?: number;
  inputSize = new LongStorage(5).fill(0);
  outputSize = new LongStorage(5).fill(0);

  constructor(params: number | UpSamplingSizes, mode?: string) {
    super();
    this.mode = mode === 'linear' || mode === 'bilinear' || mode === 'trilinear' ? 'linear' : 'nearest';
    if (typeof params === 'object' && params !== null) {
      if (this.mode === 'nearest') throw new TorchError('Nearest neighbour upsampling requires a scale_factor');
      this.odepth = params.odepth;
      this.owidth = params.owidth;
      this.oheight = params.oheight;
      if (this.owidth === undefined || this.oheight === undefined) throw new TorchError('Output height and width parameters are required');
    } else {
      this.scale_factor = params;
      if (params < 1) throw new TorchError('scale_factor must be greater than 1');
      if (Math.floor(params) !== params) throw new TorchError('scale_factor must be integer');
    }
  }

  /** Records the input and output sizes (Torch's setSize). */
  setSize(input: Tensor): void {
    const xdim = input.dim(), ydim = xdim - 1, zdim = xdim > 4 ? xdim - 2 : undefined;
    const inS = this.inputSize.data, outS = this.outputSize.data;
    for (let i = 1; i <= xdim; i++) {
      inS[i - 1] = input.size(i);
      outS[i - 1] = input.size(i);
    }
    if (this.scale_factor !== undefined) {
      if (zdim !== undefined) outS[zdim - 1] *= this.scale_factor;
      outS[ydim - 1] *= this.scale_factor;
      outS[xdim - 1] *= this.scale_factor;
      return;
    }
    if (zdim !== undefined) {
      if (this.odepth === undefined) throw new TorchError('No output depth dimension was supplied for volumetric upsampling');
      outS[zdim - 1] = this.odepth;
    }
    outS[ydim - 1] = this.oheight!;
    outS[xdim - 1] = this.owidth!;
  }

  /** The output size of (1-based) dim d that setSize recorded. */
  private linearSize(d: number): number {
    return this.outputSize.data[d - 1];
  }

  override updateOutput(input: Tensor): Tensor {
    const n = input.dim();
    if (n < 4 || n > 5) throw new TorchError('UpSampling only supports 4D or 5D tensors');
    this.setSize(input);
    const T = input.THNN;
    if (n === 4) {
      if (this.mode === 'nearest') T.SpatialUpSamplingNearest_updateOutput(input, this.output, this.scale_factor!);
      else T.SpatialUpSamplingBilinear_updateOutput(input, this.output, this.linearSize(3), this.linearSize(4));
    } else if (this.mode === 'nearest') {
      T.VolumetricUpSamplingNearest_updateOutput(input, this.output, this.scale_factor!);
    } else {
      T.VolumetricUpSamplingTrilinear_updateOutput(input, this.output, this.linearSize(3), this.linearSize(4), this.linearSize(5));
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const n = input.dim();
    if (n < 4 || n > 5) throw new TorchError('UpSampling only supports 4D or 5D tensors');
    if (n !== gradOutput.dim()) throw new TorchError('Input and gradOutput should be of same dimension');
    this.gradInput.resizeAs(input);
    const T = input.THNN, s = input._size;
    if (n === 4) {
      if (this.mode === 'nearest') T.SpatialUpSamplingNearest_updateGradInput(input, gradOutput, this.gradInput, this.scale_factor!);
      else T.SpatialUpSamplingBilinear_updateGradInput(gradOutput, this.gradInput, s[0], s[1], s[2], s[3], this.linearSize(3), this.linearSize(4));
    } else if (this.mode === 'nearest') {
      T.VolumetricUpSamplingNearest_updateGradInput(input, gradOutput, this.gradInput, this.scale_factor!);
    } else {
      T.VolumetricUpSamplingTrilinear_updateGradInput(gradOutput, this.gradInput, s[0], s[1], s[2], s[3], s[4],
        this.linearSize(3), this.linearSize(4), this.linearSize(5));
    }
    return this.gradInput;
  }

  override toString(): string {
    if (this.scale_factor !== undefined) return `${this.__typename}(${this.scale_factor}x, ${this.mode})`;
    if (this.odepth !== undefined) return `${this.__typename}(${this.odepth}x${this.oheight}x${this.owidth}, ${this.mode})`;
    return `${this.__typename}(${this.oheight}x${this.owidth}, ${this.mode})`;
  }
}
