/** nn.LeakyReLU(negval = 1/100, inplace = false): y = x > 0 ? x : negval * x (LeakyReLU.lua). */
import { formatG } from '../lib/print.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Leaky rectifier. As in Torch, `new nn.LeakyReLU(true)` keeps negval = 0.01 and is *not* in place
 * (the Lua shadows the flag), and a negative negval turns in-place processing off.
 * @example
 * new nn.LeakyReLU(0.2).forward(torch.randn(4, 6));
 */
export class LeakyReLU extends Module {
  negval: number;
  inplace: boolean;

  constructor(negval?: number | boolean, ip?: boolean) {
    super();
    this.negval = typeof negval === 'boolean' ? 1 / 100 : negval ?? 1 / 100;
    this.inplace = ip ?? false;
    if (this.negval < 0) this.inplace = false;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.LeakyReLU_updateOutput(input, this.output, this.negval, this.inplace);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.LeakyReLU_updateGradInput(input, gradOutput, this.gradInput, this.negval, this.inplace);
    return this.gradInput;
  }
  override toString(): string { return `${this.__typename}(${formatG(this.negval)})`; }
}
