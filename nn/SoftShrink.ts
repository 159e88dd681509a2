/** nn.SoftShrink(lambda = 0.5): y = x - lambda (x > lambda), x + lambda (x < -lambda), else 0 (SoftShrink.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Shrinkage: y = x - lambda (x > lambda), x + lambda (x < -lambda), else 0.
 * @example
 * new nn.SoftShrink(0.3).forward(torch.randn(4, 6));
 */
export class SoftShrink extends Module {
  lambda: number;

  constructor(lam?: number) {
    super();
    this.lambda = lam ?? 0.5;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.SoftShrink_updateOutput(input, this.output, this.lambda);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SoftShrink_updateGradInput(input, gradOutput, this.gradInput, this.lambda);
    return this.gradInput;
  }
}
