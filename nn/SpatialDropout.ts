/** nn.SpatialDropout(p = 0.5, stochasticInference = false): drops whole feature maps (SpatialDropout.lua). */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import { printf } from '../lib/print.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * On C x H x W or N x C x H x W input, zeroes each feature map with probability p in training: one
 * `bernoulli(1 - p)` draw per map (per sample and plane, row-major), kept maps unscaled; in evaluation
 * the output is multiplied by 1 - p, as in Torch. Backward is only defined in training.
 * @example
 * new nn.SpatialDropout(0.2).forward(torch.randn(8, 16, 5, 5));
 */
export class SpatialDropout extends Module {
  p: number;
  stochastic_inference: boolean;
  /** The last mask: N x C x 1 x 1 (or C x 1 x 1). */
  noise: Tensor = newDefault();

  constructor(p?: number, stochasticInference?: boolean) {
    super();
    this.p = p ?? 0.5;
    this.train = true;
    this.stochastic_inference = stochasticInference ?? false;
  }

  override updateOutput(input: Tensor): Tensor {
    const out = (this.output as Tensor).resizeAs(input).copy(input);
    if (this.train || this.stochastic_inference) {
      if (input.dim() === 4) this.noise.resize(input.size(1), input.size(2), 1, 1);
      else if (input.dim() === 3) this.noise.resize(input.size(1), 1, 1);
      else throw new TorchError('Input must be 4D (nbatch, nfeat, h, w) or 3D (nfeat, h, w)');
      this.noise.bernoulli(1 - this.p);
      out.cmul(this.noise.expandAs(input));
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
