/** nn.SoftMin: y = softmax(-x) (SoftMin.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Softmax of the negated input, over the same dim as nn.SoftMax.
 * @example
 * new nn.SoftMin().forward(torch.randn(8, 10));
 */
export class SoftMin extends Module {
  /** -input (kept between calls). */
  mininput?: Tensor;

  override updateOutput(input: Tensor): Tensor {
    this.mininput ??= input.new();
    this.mininput.resizeAs(input).copy(input).mul(-1);
    input.THNN.SoftMax_updateOutput(this.mininput, this.output);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.mininput ??= input.new();
    this.mininput.resizeAs(input).copy(input).mul(-1);
    input.THNN.SoftMax_updateGradInput(this.mininput, gradOutput, this.gradInput, this.output);
    this.gradInput.mul(-1);
    return this.gradInput;
  }
  override clearState(): this {
    this.mininput?.set();
    return super.clearState();
  }
}
