/** nn.Square: y = x^2 (Square.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Square, elementwise, on a tensor of any shape; dy/dx = 2x.
 * @example
 * new nn.Square().forward(torch.randn(4, 6));
 */
export class Square extends Module {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.Square_updateOutput(input, this.output);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.Square_updateGradInput(input, gradOutput, this.gradInput);
    return this.gradInput;
  }
}
