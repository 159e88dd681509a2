/** nn.Exp: y = exp(x) (Exp.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Exponential, elementwise, on a tensor of any shape; the gradient reuses the output.
 * @example
 * new nn.Exp().forward(torch.randn(4, 6));
 */
export class Exp extends Module {
  override updateOutput(input: Tensor): Tensor {
    return (this.output as Tensor).exp(input);
  }
  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    return (this.gradInput as Tensor).cmul(this.output, gradOutput);
  }
}
