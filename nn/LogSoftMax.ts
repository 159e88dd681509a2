/** nn.LogSoftMax: y = x - log(sum(exp(x))) over the feature dim (LogSoftMax.lua, THNN LogSoftMax.c). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Log of the softmax, computed stably (max subtraction, log-sum-exp), over the same dim as nn.SoftMax.
 * @example
 * const net = new nn.Sequential().add(new nn.Linear(20, 10)).add(new nn.LogSoftMax());
 */
export class LogSoftMax extends Module {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.LogSoftMax_updateOutput(input, this.output);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.LogSoftMax_updateGradInput(input, gradOutput, this.gradInput, this.output);
    return this.gradInput;
  }
}
