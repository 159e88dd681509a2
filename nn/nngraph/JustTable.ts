/** `nngraph.JustTable` (nngraph/JustTable.lua): wraps one element into a table. */
import { Module } from '../Module.js';

/**
 * Input `x` → output `{x}`; gradInput `gradOutput[1]`.
 * @example
 * new JustTable().forward(x); // [x]
 */
export class JustTable extends Module {
  constructor() {
    super();
    this.output = [];
  }
  override get __typename(): string { return 'nngraph.JustTable'; }
  override updateOutput(input: any): any {
    this.output[0] = input;
    return this.output;
  }
  override updateGradInput(_input: any, gradOutput: any[]): any {
    this.gradInput = gradOutput[0];
    return this.gradInput;
  }
}
