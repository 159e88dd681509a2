/** nn.CSubTable: input[1] - input[2] (CSubTable.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * The element-wise difference of a pair of tensors.
 * @example
 * new nn.CSubTable().forward([a, b]); // a - b
 */
export class CSubTable extends Module {
  override gradInput: Tensor[] = [];

  override updateOutput(input: Tensor[]): Tensor {
    const output = this.output as Tensor;
    output.resizeAs(input[0]).copy(input[0]);
    output.add(-1, input[1]);
    return output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    const g1 = (this.gradInput[0] ??= input[0].new());
    const g2 = (this.gradInput[1] ??= input[0].new());
    g1.resizeAs(input[0]).copy(gradOutput);
    g2.resizeAs(input[1]).copy(gradOutput).mul(-1);
    this.gradInput.length = Math.min(this.gradInput.length, input.length);
    return this.gradInput;
  }
}
