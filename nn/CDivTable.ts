/** nn.CDivTable: input[1] ./ input[2] (CDivTable.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * The element-wise quotient of a pair of tensors.
 * @example
 * new nn.CDivTable().forward([a, b]); // a ./ b
 */
export class CDivTable extends Module {
  override gradInput: Tensor[] = [];

  override updateOutput(input: Tensor[]): Tensor {
    const output = this.output as Tensor;
    output.resizeAs(input[0]).copy(input[0]);
    output.cdiv(input[1]);
    return output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    const g1 = (this.gradInput[0] ??= input[0].new());
    const g2 = (this.gradInput[1] ??= input[0].new());
    g1.resizeAs(input[0]).copy(gradOutput).cdiv(input[1]);
    g2.resizeAs(input[1]).zero().addcdiv(-1, g1, input[1]).cmul(input[0]);
    this.gradInput.length = Math.min(this.gradInput.length, input.length);
    return this.gradInput;
  }
}
