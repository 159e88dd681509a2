/** nn.Tanh: y = tanh(x). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

export class Tanh extends Module {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.Tanh_updateOutput(input, this.output);
    return this.output;
  }
  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    gradOutput.THNN.Tanh_updateGradInput(gradOutput, this.gradInput, this.output);
    return this.gradInput;
  }
}
