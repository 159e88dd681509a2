/** nn.Sequential: children applied one after another (Sequential.lua). */
import { newDefault } from '../lib/defaults.js';
import { argCheck } from '../lib/errors.js';
import { Container } from './Container.js';
import type { Module } from './Module.js';

/**
 * Feeds each child's output to the next.
 * @example
 * const mlp = new nn.Sequential().add(new nn.Linear(10, 25)).add(new nn.Tanh()).add(new nn.Linear(25, 1));
 */
export class Sequential extends Container {
  override add(module: Module): this {
    if (this.modules.length === 0) this.gradInput = module.gradInput;
    super.add(module);
    this.output = module.output;
    return this;
  }
  /** Inserts a child at 1-based `index` (default: the end). */
  insert(module: Module, index = this.modules.length + 1): this {
    argCheck(index >= 1 && index <= this.modules.length + 1, 2, 'insert', 'index should be contiguous to existing modules');
    this.modules.splice(index - 1, 0, module);
    this.output = this.modules[this.modules.length - 1].output;
    this.gradInput = this.modules[0].gradInput;
    return this;
  }
  /** Removes the child at 1-based `index` (default: the last). */
  remove(index = this.modules.length): this {
    argCheck(index >= 1 && index <= this.modules.length, 1, 'remove', 'index out of range');
    this.modules.splice(index - 1, 1);
    if (this.modules.length > 0) {
      this.output = this.modules[this.modules.length - 1].output;
      this.gradInput = this.modules[0].gradInput;
    } else {
      this.output = newDefault();
      this.gradInput = newDefault();
    }
    return this;
  }

  override updateOutput(input: any): any {
    let current = input;
    this.modules.forEach((m, i) => { current = this.rethrowErrors(m, i + 1, () => m.updateOutput(current)); });
    this.output = current;
    return current;
  }

  override updateGradInput(input: any, gradOutput: any): any {
    let g = gradOutput;
    for (let i = this.modules.length - 1; i >= 0; i--) {
      const m = this.modules[i];
      const prev = i > 0 ? this.modules[i - 1].output : input;
      g = this.rethrowErrors(m, i + 1, () => m.updateGradInput(prev, g));
    }
    this.gradInput = g;
    return g;
  }

  override accGradParameters(input: any, gradOutput: any, scale = 1): void {
    let g = gradOutput;
    for (let i = this.modules.length - 1; i >= 0; i--) {
      const m = this.modules[i];
      const prev = i > 0 ? this.modules[i - 1].output : input;
      this.rethrowErrors(m, i + 1, () => m.accGradParameters(prev, g, scale));
      g = m.gradInput;
    }
  }

  override backward(input: any, gradOutput: any, scale = 1): any {
    let g = gradOutput;
    for (let i = this.modules.length - 1; i >= 0; i--) {
      const m = this.modules[i];
      const prev = i > 0 ? this.modules[i - 1].output : input;
      g = this.rethrowErrors(m, i + 1, () => m.backward(prev, g, scale));
    }
    this.gradInput = g;
    return g;
  }

  override accUpdateGradParameters(input: any, gradOutput: any, lr: number): void {
    let g = gradOutput;
    for (let i = this.modules.length - 1; i >= 0; i--) {
      const m = this.modules[i];
      const prev = i > 0 ? this.modules[i - 1].output : input;
      this.rethrowErrors(m, i + 1, () => m.accUpdateGradParameters(prev, g, lr));
      g = m.gradInput;
    }
  }

  /** Torch's printing: `nn.Sequential { [input -> (1) -> (2) -> output] ... }`. */
  override toString(): string {
    const tab = '  ';
    let str = `${this.__typename} {\n${tab}[input`;
    this.modules.forEach((_, i) => { str += ` -> (${i + 1})`; });
    str += ' -> output]';
    this.modules.forEach((m, i) => { str += `\n${tab}(${i + 1}): ${String(m).replace(/\n/g, `\n${tab}`)}`; });
    return `${str}\n}`;
  }
}
