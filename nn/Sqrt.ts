/** nn.Sqrt(eps = 0): y = sqrt(x) (Sqrt.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Square root, elementwise, on a tensor of any shape; dy/dx = 0.5 / y (0 where y = 0). `eps` is kept
 * and passed to the kernel but, as in THNN, not used.
 * @example
 * new nn.Sqrt().forward(torch.rand(4, 6));
 */
export class Sqrt extends Module {
  eps: number;

  constructor(b?: number) {
    super();
    this.eps = b ?? 0;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.Sqrt_updateOutput(input, this.output, this.eps);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.Sqrt_updateGradInput(input, gradOutput, this.gradInput, this.output);
    return this.gradInput;
  }
}
