/** nn.LogSigmoid: y = log(1 / (1 + exp(-x))), computed stably (LogSigmoid.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Log of the logistic function; `buffer` keeps exp(-m) + exp(-x - m) (m = max(0, -x)) for the backward.
 * @example
 * new nn.LogSigmoid().forward(torch.randn(4, 6));
 */
export class LogSigmoid extends Module {
  buffer?: Tensor;

  override updateOutput(input: Tensor): Tensor {
    this.buffer ??= input.new();
    input.THNN.LogSigmoid_updateOutput(input, this.output, this.buffer);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.buffer ??= input.new();
    input.THNN.LogSigmoid_updateGradInput(input, gradOutput, this.gradInput, this.buffer);
    return this.gradInput;
  }
  override clearState(): this {
    this.buffer?.set();
    return super.clearState();
  }
}
