/** nn.SelectTable(index): the index-th entry of a table input (SelectTable.lua). */
import { TorchError } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { recursiveCopy } from './utils.js';

/**
 * Identity's clearState: replaces the named fields by fresh empties of the same kind, never `set()`, since
 * they may be the caller's own tensors (these modules output references into their input).
 */
export function clearReferences(self: Module, ...names: string[]): void {
  const obj = self as unknown as Record<string, unknown>;
  for (const f of names) {
    const v = obj[f];
    if (v instanceof Tensor) obj[f] = v.new();
    else if (Array.isArray(v)) obj[f] = [];
    else if (v !== undefined && v !== null) obj[f] = undefined;
  }
}

/** SelectTable.lua's zeroTableCopy: makes t1 a zero-filled copy of the (nested) table t2's shape. */
function zeroTableCopy(t1: any[], t2: any[]): any[] {
  t2.forEach((v, k) => {
    if (Array.isArray(v)) t1[k] = zeroTableCopy(Array.isArray(t1[k]) ? t1[k] : [], v);
    else if (v instanceof Tensor) {
      if (t1[k] instanceof Tensor && t1[k].type() === v.type()) t1[k].resizeAs(v).zero();
      else t1[k] = v.clone().zero();
    } else t1[k] = undefined;
  });
  t1.length = t2.length;
  return t1;
}

/**
 * Outputs `input[index]` (1-based; negative counts from the end) by reference. gradInput has the input's
 * shape: zeros everywhere but the selected entry, which gets a copy of gradOutput.
 * @example
 * new nn.SelectTable(-1).forward([a, b, c]); // c
 */
export class SelectTable extends Module {
  index: number;
  override gradInput: any[] = [];

  constructor(index: number) {
    super();
    this.index = index;
  }

  private position(input: any[]): number {
    return this.index < 0 ? input.length + this.index + 1 : this.index;
  }

  override updateOutput(input: any[]): any {
    const index = this.position(input);
    if (input[index - 1] === undefined) throw new TorchError('index does not exist in the input table');
    this.output = input[index - 1];
    return this.output;
  }

  override updateGradInput(input: any[], gradOutput: any): any[] {
    zeroTableCopy(this.gradInput, input);
    const index = this.position(input);
    if (this.gradInput[index - 1] === undefined) throw new TorchError('index does not exist in the input table');
    this.gradInput[index - 1] = recursiveCopy(this.gradInput[index - 1], gradOutput);
    return this.gradInput;
  }

  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) { this.gradInput = []; this.output = []; }
    return super.type(type, cache);
  }

  override clearState(): this {
    clearReferences(this, 'output', 'gradInput');
    return this;
  }

  override toString(): string { return `${this.__typename}(${this.index})`; }
}
