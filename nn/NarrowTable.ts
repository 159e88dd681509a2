/** nn.NarrowTable(offset, length = 1): entries offset .. offset+length-1 of a table (NarrowTable.lua). */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clearReferences } from './SelectTable.js';
import { recursiveFill, recursiveResizeAs } from './utils.js';

/**
 * Outputs the sub-table `{input[offset], ..., input[offset+length-1]}` (references). gradInput is
 * gradOutput's entries in those places and zeros elsewhere.
 * @example
 * new nn.NarrowTable(2, 2).forward([a, b, c, d]); // [b, c]
 */
export class NarrowTable extends Module {
  offset: number;
  length: number;
  override output: any[] = [];
  override gradInput: any[] = [];

  constructor(offset: number, length = 1) {
    super();
    if (offset === undefined) throw new TorchError('nn.NarrowTable(offset, length)');
    this.offset = offset;
    this.length = length;
  }

  override updateOutput(input: any[]): any[] {
    this.output.length = 0;
    for (let i = 0; i < this.length; i++) this.output[i] = input[this.offset - 1 + i];
    return this.output;
  }

  override updateGradInput(input: any[], gradOutput: any[]): any[] {
    gradOutput.forEach((g, i) => { this.gradInput[this.offset - 1 + i] = g; });
    input.forEach((x, i) => {
      if (i + 1 < this.offset || i + 1 >= this.offset + this.length) {
        this.gradInput[i] = recursiveFill(recursiveResizeAs(this.gradInput[i], x), 0);
      }
    });
    this.gradInput.length = input.length;
    return this.gradInput;
  }

  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) { this.output = []; this.gradInput = []; }
    return super.type(type, cache);
  }

  override clearState(): this {
    clearReferences(this, 'output', 'gradInput');
    return this;
  }
}
