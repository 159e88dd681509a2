/** nn.Abs: y = |x| (Abs.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Absolute value, elementwise, on a tensor of any shape; the gradient is sign(x), with +1 at 0.
 * @example
 * new nn.Abs().forward(torch.randn(4, 6));
 */
export class Abs extends Module {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.Abs_updateOutput(input, this.output);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.Abs_updateGradInput(input, gradOutput, this.gradInput);
    return this.gradInput;
  }
}
