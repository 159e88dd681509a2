/** nn.Sigmoid: y = 1 / (1 + exp(-x)). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

export class Sigmoid extends Module {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.Sigmoid_updateOutput(input, this.output);
    return this.output;
  }
  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    gradOutput.THNN.Sigmoid_updateGradInput(gradOutput, this.gradInput, this.output);
    return this.gradInput;
  }
}
