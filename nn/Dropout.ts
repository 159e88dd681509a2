/** nn.Dropout(p = 0.5, v1 = false, inplace = false, stochasticInference = false) (Dropout.lua). */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import { printf } from '../lib/print.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * In training, zeroes each element with probability p: the mask `noise` is `bernoulli(1 - p)` drawn
 * from Torch's RNG (one draw per element, row-major) and, by default (v2), divided by 1 - p so that
 * evaluation is the identity. With `v1` the mask is not rescaled and evaluation multiplies by 1 - p.
 * `stochasticInference` keeps dropping in evaluation mode.
 * @example
 * const d = new nn.Dropout(0.3);
 * d.forward(torch.randn(4, 6)); // about 30% zeros, the rest scaled by 1/0.7
 * d.evaluate().forward(x);      // x
 */
export class Dropout extends Module {
  p: number;
  inplace: boolean;
  stochastic_inference: boolean;
  /** True unless constructed with v1: scale in training rather than in evaluation. */
  v2: boolean;
  /** The last mask drawn (already divided by 1 - p in v2). */
  noise: Tensor = newDefault();

  constructor(p?: number, v1?: boolean, inplace?: boolean, stochasticInference?: boolean) {
    super();
    this.p = p ?? 0.5;
    this.train = true;
    this.inplace = inplace ?? false;
    this.stochastic_inference = stochasticInference ?? false;
    this.v2 = !v1;
    if (this.p >= 1 || this.p < 0) throw new TorchError('<Dropout> illegal percentage, must be 0 <= p < 1');
  }

  override updateOutput(input: Tensor): Tensor {
    const out = this.output as Tensor;
    if (this.inplace) out.set(input);
    else out.resizeAs(input).copy(input);
    if (this.p > 0) {
      if (this.train || this.stochastic_inference) {
        this.noise.resizeAs(input);
        this.noise.bernoulli(1 - this.p);
        if (this.v2) this.noise.div(1 - this.p);
        out.cmul(this.noise);
      } else if (!this.v2) {
        out.mul(1 - this.p);
      }
    }
    return out;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    const gi = this.gradInput as Tensor;
    if (this.inplace) gi.set(gradOutput);
    else gi.resizeAs(gradOutput).copy(gradOutput);
    if (this.train) {
      if (this.p > 0) gi.cmul(this.noise);
    } else if (!this.v2 && this.p > 0) {
      gi.mul(1 - this.p);
    }
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
