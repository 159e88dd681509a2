/** nn.Sigmoid: y = 1 / (1 + exp(-x)) (Sigmoid.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * The logistic function, elementwise, on a tensor of any shape.
 * @example
 * new nn.Sigmoid().forward(torch.randn(4, 6));
 */
export class Sigmoid extends Module {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.Sigmoid_updateOutput(input, this.output);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.Sigmoid_updateGradInput(input, gradOutput, this.gradInput, this.output);
    return this.gradInput;
  }
}
