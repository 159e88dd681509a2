/** nn.ELU(alpha = 1, inplace = false): y = x > 0 ? x : alpha (exp(x) - 1) (ELU.lua; Clevert et al. 2015). */
import { TorchError } from '../lib/errors.js';
import { printf } from '../lib/print.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Exponential linear unit.
 * @example
 * new nn.ELU(0.5).forward(torch.randn(4, 6));
 */
export class ELU extends Module {
  alpha: number;
  inplace: boolean;

  constructor(alpha?: number, inplace?: boolean) {
    super();
    this.alpha = alpha ?? 1;
    if (typeof this.alpha !== 'number') throw new TorchError('assertion failed!');
    this.inplace = inplace ?? false;
    if (typeof this.inplace !== 'boolean') throw new TorchError('assertion failed!');
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.ELU_updateOutput(input, this.output, this.alpha, this.inplace ?? false);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.ELU_updateGradInput(input, gradOutput, this.gradInput, this.output, this.alpha, this.inplace ?? false);
    return this.gradInput;
  }
  override toString(): string {
    return `${this.__typename} (alpha:${printf({ conv: 'f', width: 0, prec: 6 }, this.alpha)})`;
  }
}
