/** nn.Concat(dim): every child on the same input, outputs concatenated along `dim` (Concat.lua). */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Container } from './Container.js';
import type { Module } from './Module.js';

/**
 * Torch's printing of the branching containers (Concat, ConcatTable, Parallel, ParallelTable ...):
 * `nn.Concat {\n  input\n    |`-> (1): ...\n     `-> (2): ...\n     ... -> output\n}`.
 */
export function branchesToString(typename: string, modules: Module[]): string {
  const tab = '  ', line = '\n';
  const next = '  |`-> ', lastNext = '   `-> ', ext = '  |    ', extlast = '       ', last = '   ... -> ';
  let str = `${typename} {${line}${tab}input`;
  modules.forEach((m, i) => {
    const isLast = i === modules.length - 1;
    const indent = line + tab + (isLast ? extlast : ext);
    str += `${line}${tab}${isLast ? lastNext : next}(${i + 1}): ${String(m).split(line).join(indent)}`;
  });
  return `${str}${line}${tab}${last}output${line}}`;
}

/**
 * Concat.lua's `retable(t1, t2, f)`: walks t2 (a nested table of tensors), recursing into sub-tables of
 * t1, calling `f(t1, k, v)` on each tensor, and dropping t1's entries beyond #t2.
 */
export function retable(t1: any[], t2: any[], f: (t: any[], k: number, v: Tensor) => void): any[] {
  t2.forEach((v, k) => {
    if (Array.isArray(v)) t1[k] = retable(Array.isArray(t1[k]) ? t1[k] : [], v, f);
    else f(t1, k, v);
  });
  t1.length = t2.length;
  return t1;
}

/**
 * Accumulates one child's table-shaped gradInput into `self.gradInput` (ConcatTable/Concat's backward on a
 * table input): the first child's is copied (reusing the buffers already there), the others are added.
 */
export function accumulateTableGrad(self: { gradInput: any }, input: any[], currentGradInput: any, first: boolean,
  wasTable: boolean): void {
  if (!Array.isArray(currentGradInput)) throw new TorchError('currentGradInput is not a table!');
  if (input.length !== currentGradInput.length) {
    throw new TorchError(`table size mismatch: ${input.length} ~= ${currentGradInput.length}`);
  }
  if (first) {
    self.gradInput = wasTable ? self.gradInput : [];
    retable(self.gradInput, currentGradInput, (t, k, v) => {
      t[k] = t[k] ?? v.clone();
      t[k].resizeAs(v).copy(v);
    });
  } else {
    retable(self.gradInput, currentGradInput, (t, k, v) => {
      if (t[k]) t[k].add(v);
      else t[k] = v.clone();
    });
  }
}

type Method = 'updateGradInput' | 'backward';

/**
 * Concatenates the outputs of its children, each run on the whole input, along dimension `dimension`.
 * @example
 * const c = new nn.Concat(2).add(new nn.Linear(5, 3)).add(new nn.Linear(5, 2));
 * c.forward(torch.randn(4, 5)); // 4x5
 */
export class Concat extends Container {
  /** The dimension the outputs are joined along (1-based). */
  dimension: number;
  /** The size of the joined output (as Torch's LongStorage, here an array). */
  outputSize: number[] = [];

  constructor(dimension: number) {
    super();
    this.dimension = dimension;
  }

  override updateOutput(input: any): Tensor {
    const outs: Tensor[] = [];
    const size = this.outputSize;
    this.modules.forEach((m, i) => {
      const out: Tensor = this.rethrowErrors(m, i + 1, () => m.updateOutput(input));
      outs.push(out);
      if (i === 0) { size.length = 0; size.push(...out._size); }
      else size[this.dimension - 1] += out.size(this.dimension);
    });
    const output = this.output as Tensor;
    output.resize(size);
    let offset = 1;
    for (const out of outs) {
      const n = out.size(this.dimension);
      output.narrow(this.dimension, offset, n).copy(out);
      offset += n;
    }
    return output;
  }

  /** The window of gradOutput that belongs to child `m` (starting at `offset`). */
  protected gradOutputWindow(gradOutput: Tensor, m: Module, offset: number): Tensor {
    return gradOutput.narrow(this.dimension, offset, (m.output as Tensor).size(this.dimension));
  }

  protected backwardWith(method: Method, input: any, gradOutput: Tensor, scale = 1): any {
    const wasTable = Array.isArray(this.gradInput);
    let offset = 1;
    if (Array.isArray(input)) {
      this.modules.forEach((m, i) => {
        const g = this.gradOutputWindow(gradOutput, m, offset);
        const cur = this.rethrowErrors(m, i + 1, () => m[method](input, g, scale));
        accumulateTableGrad(this, input, cur, i === 0, wasTable);
        offset += g.size(this.dimension);
      });
      return this.gradInput;
    }
    const gi: Tensor = wasTable ? (input as Tensor).clone() : (this.gradInput as Tensor).resizeAs(input);
    this.gradInput = gi;
    this.modules.forEach((m, i) => {
      const g = this.gradOutputWindow(gradOutput, m, offset);
      const cur = this.rethrowErrors(m, i + 1, () => m[method](input, g, scale));
      if (cur) {
        if (i === 0) gi.copy(cur);
        else gi.add(cur);
      }
      offset += g.size(this.dimension);
    });
    return gi;
  }

  override updateGradInput(input: any, gradOutput: Tensor): any {
    return this.backwardWith('updateGradInput', input, gradOutput);
  }

  override backward(input: any, gradOutput: Tensor, scale = 1): any {
    return this.backwardWith('backward', input, gradOutput, scale);
  }

  override accGradParameters(input: any, gradOutput: Tensor, scale = 1): void {
    let offset = 1;
    this.modules.forEach((m, i) => {
      const g = this.gradOutputWindow(gradOutput, m, offset);
      this.rethrowErrors(m, i + 1, () => m.accGradParameters(input, g, scale));
      offset += g.size(this.dimension);
    });
  }

  override accUpdateGradParameters(input: any, gradOutput: Tensor, lr: number): void {
    let offset = 1;
    this.modules.forEach((m, i) => {
      const g = this.gradOutputWindow(gradOutput, m, offset);
      this.rethrowErrors(m, i + 1, () => m.accUpdateGradParameters(input, g, lr));
      offset += g.size(this.dimension);
    });
  }

  override toString(): string { return branchesToString(this.__typename, this.modules); }
}
