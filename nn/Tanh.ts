/** nn.Tanh: y = tanh(x) (Tanh.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Hyperbolic tangent, elementwise, on a tensor of any shape.
 * @example
 * new nn.Tanh().forward(torch.randn(4, 6));
 */
export class Tanh extends Module {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.Tanh_updateOutput(input, this.output);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.Tanh_updateGradInput(input, gradOutput, this.gradInput, this.output);
    return this.gradInput;
  }
}
