/** nn.RReLU(lower = 1/8, upper = 1/3, inplace = false): randomized leaky ReLU (RReLU.lua). */
import { TorchError } from '../lib/errors.js';
import { newDefault } from '../lib/defaults.js';
import { printf } from '../lib/print.js';
import { _gen } from '../lib/random/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

const f6 = (x: number): string => printf({ conv: 'f', width: 0, prec: 6 }, x);

/**
 * In training, each x <= 0 is scaled by a slope drawn from Torch's RNG, uniform(lower, upper), one
 * draw per such element in row-major order (kept in `noise`); in evaluation by (lower + upper) / 2.
 * @example
 * const r = new nn.RReLU();
 * r.forward(torch.randn(4, 6)); // random slopes
 * r.evaluate().forward(torch.randn(4, 6)); // slope 0.2291...
 */
export class RReLU extends Module {
  lower: number;
  upper: number;
  inplace: boolean;
  noise: Tensor = newDefault();

  constructor(l?: number, u?: number, ip?: boolean) {
    super();
    this.lower = l ?? 1 / 8;
    this.upper = u ?? 1 / 3;
    if (!(this.lower <= this.upper && this.lower >= 0 && this.upper >= 0)) throw new TorchError('assertion failed!');
    this.train = true;
    this.inplace = ip ?? false;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.RReLU_updateOutput(input, this.output, this.noise, this.lower, this.upper, this.train, this.inplace, _gen);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.RReLU_updateGradInput(input, gradOutput, this.gradInput, this.noise, this.lower, this.upper, this.train, this.inplace);
    return this.gradInput;
  }
  override toString(): string { return `${this.__typename} (l:${f6(this.lower)}, u:${f6(this.upper)})`; }
  override clearState(): this {
    this.noise?.set();
    return super.clearState();
  }
}
