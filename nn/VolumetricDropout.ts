/** nn.VolumetricDropout(p = 0.5, stochasticInference = false): drops whole 3-D feature maps (VolumetricDropout.lua). */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import { printf } from '../lib/print.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * On C x T x H x W or N x C x T x H x W input, zeroes each feature map with probability p in training:
 * one `bernoulli(1 - p)` draw per map (per sample and plane, row-major), kept maps unscaled; in
 * evaluation the output is multiplied by 1 - p, as in Torch. With stochasticInference (field `si`) the
 * maps are also dropped in evaluation, drawn into a clone so that `noise` keeps the last training mask.
 * Backward is only defined in training.
 * @example
 * new nn.VolumetricDropout(0.2).forward(torch.randn(4, 16, 3, 5, 5));
 */
export class VolumetricDropout extends Module {
  p: number;
  /** Torch's field for stochasticInference. */
  si: boolean;
  /** The last training mask: N x C x 1 x 1 x 1 (or C x 1 x 1 x 1). */
  noise: Tensor = newDefault();

  constructor(p?: number, stochasticInference?: boolean) {
    super();
    this.p = p ?? 0.5;
    this.train = true;
    this.si = stochasticInference ?? false;
  }

  override updateOutput(input: Tensor): Tensor {
    const out = (this.output as Tensor).resizeAs(input).copy(input);
    const si = this.si && !this.train;
    if (this.train || si) {
      const noise = si ? this.noise.clone() : this.noise;
      if (input.dim() === 5) noise.resize(input.size(1), input.size(2), 1, 1, 1);
      else if (input.dim() === 4) noise.resize(input.size(1), 1, 1, 1);
      else throw new TorchError('Input must be 5D (nbatch, nfeat, t, h, w) or 4D (nfeat, t, h, w)');
      noise.bernoulli(1 - this.p);
      out.cmul(noise.expandAs(input));
    } else {
      out.mul(1 - this.p);
    }
    return out;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (!this.train) throw new TorchError('backprop only defined while training');
    const gi = (this.gradInput as Tensor).resizeAs(gradOutput).copy(gradOutput);
    gi.cmul(this.noise.expandAs(input));
    return gi;
  }

  /** Changes the drop probability. */
  setp(p: number): void { this.p = p; }

  override toString(): string { return `${this.__typename}(${printf({ conv: 'f', width: 0, prec: 6 }, this.p)})`; }

  override clearState(): this {
    this.noise?.set();
    return super.clearState();
  }
}
