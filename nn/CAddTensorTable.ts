/** nn.CAddTensorTable: adds one tensor to each tensor of a table (CAddTensorTable.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `{t, {t_1, ..., t_n}}` → `{t_1 + t, ..., t_n + t}` (fresh tensors each forward, as Torch); the
 * gradient w.r.t. t is the sum of the gradOutputs, w.r.t. each t_i a copy of gradOutput[i].
 * @example
 * new nn.CAddTensorTable().forward([torch.ones(2), [torch.zeros(2), torch.ones(2)]]); // [1 1], [2 2]
 */
export class CAddTensorTable extends Module {
  override output: Tensor[] = [];
  override gradInput: any[] = [];

  override updateOutput(input: [Tensor, Tensor[]]): Tensor[] {
    this.output = input[1].map((x) => input[0].new().resizeAs(input[0]).copy(x).add(input[0]));
    return this.output;
  }

  override updateGradInput(input: [Tensor, Tensor[]], gradOutput: Tensor[]): any[] {
    const [t, table] = input;
    const g1: Tensor = (this.gradInput[0] ??= t.new());
    g1.resizeAs(t).copy(gradOutput[0]);
    for (let i = 1; i < table.length; i++) g1.add(gradOutput[i]);
    const g2: Tensor[] = (this.gradInput[1] ??= []);
    table.forEach((_, i) => { (g2[i] ??= t.new()).resizeAs(t).copy(gradOutput[i]); });
    g2.length = table.length;
    return this.gradInput;
  }
}
