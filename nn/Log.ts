/** nn.Log: y = log(x) (Log.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Natural logarithm, elementwise, on a tensor of any shape; dy/dx = 1/x.
 * @example
 * new nn.Log().forward(torch.rand(4, 6));
 */
export class Log extends Module {
  override updateOutput(input: Tensor): Tensor {
    return (this.output as Tensor).resizeAs(input).copy(input).log();
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    return (this.gradInput as Tensor).resizeAs(input).fill(1).cdiv(input).cmul(gradOutput);
  }
}
