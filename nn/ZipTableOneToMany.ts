/** nn.ZipTableOneToMany: pairs one element with each of a table (ZipTableOneToMany.lua). */
import { check } from '../lib/errors.js';
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `{v, {a, b, c}}` → `{{v, a}, {v, b}, {v, c}}` (the tensors passed through); the gradient w.r.t. v is
 * the sum of the pairs' first gradients (in the `gradInputEl` buffer), the others are passed back.
 * @example
 * new nn.ZipTableOneToMany().forward([v, [a, b]]); // [[v, a], [v, b]]
 */
export class ZipTableOneToMany extends Module {
  override output: any[] = [];
  override gradInput: any[] = [];
  gradInputEl: Tensor = newDefault();

  override updateOutput(input: [any, any[]]): any[] {
    check(input.length === 2, 'input must be table of element and table');
    const [inputEl, inputTable] = input;
    this.output = inputTable.map((v) => [inputEl, v]);
    return this.output;
  }

  override updateGradInput(input: [Tensor, any[]], gradOutput: [Tensor, any][]): any[] {
    check(input.length === 2, 'input must be table of element and table');
    this.gradInputEl.resizeAs(input[0]).zero();
    const gradInputTable = gradOutput.map((g) => { this.gradInputEl.add(g[0]); return g[1]; });
    this.gradInput = [this.gradInputEl, gradInputTable];
    return this.gradInput;
  }
}
