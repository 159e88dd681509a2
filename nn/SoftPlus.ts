/** nn.SoftPlus(beta = 1): y = log(1 + exp(beta x)) / beta, linear where beta x > 20 (SoftPlus.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Smooth ReLU; `beta` sets the sharpness, and `threshold` (20) where it switches to the identity.
 * @example
 * new nn.SoftPlus(2).forward(torch.randn(4, 6));
 */
export class SoftPlus extends Module {
  beta: number;
  threshold = 20;

  constructor(beta?: number) {
    super();
    this.beta = beta ?? 1;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.SoftPlus_updateOutput(input, this.output, this.beta, this.threshold);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SoftPlus_updateGradInput(input, gradOutput, this.gradInput, this.output, this.beta, this.threshold);
    return this.gradInput;
  }
}
