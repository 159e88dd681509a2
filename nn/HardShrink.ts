/** nn.HardShrink(lambda = 0.5): y = x where |x| > lambda, else 0 (HardShrink.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Shrinkage: y = x where |x| > lambda, else 0.
 * @example
 * new nn.HardShrink(0.3).forward(torch.randn(4, 6));
 */
export class HardShrink extends Module {
  lambda: number;

  constructor(lam?: number) {
    super();
    this.lambda = lam ?? 0.5;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.HardShrink_updateOutput(input, this.output, this.lambda);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.HardShrink_updateGradInput(input, gradOutput, this.gradInput, this.lambda);
    return this.gradInput;
  }
}
