/** nn.MapTable(module, shared = true): one module applied to every entry of a table (MapTable.lua). */
import { TorchError } from '../lib/errors.js';
import { Container } from './Container.js';
import type { Module } from './Module.js';

/**
 * Applies `module` (or clones of it, one per entry) to each entry of a table input. With `shared` (the
 * default) the clones share weight, bias, gradWeight and gradBias with the original.
 * @example
 * const map = new nn.MapTable(new nn.Linear(10, 3));
 * map.forward([torch.randn(10), torch.randn(10)]); // two outputs of size 3, same weights
 */
export class MapTable extends Container {
  override output: any[] = [];
  override gradInput: any[] = [];
  /** The mapped module (also `modules[1]`). */
  module?: Module;
  /** Whether clones share `sharedparams` with `module` (note: not Module's `share` flag). */
  override shared: boolean;
  /** The fields clones share when `shared`. */
  sharedparams = ['weight', 'bias', 'gradWeight', 'gradBias'];

  constructor(module: Module, shared = true) {
    super();
    this.shared = shared;
    this.add(module);
  }

  /** Makes sure there is one clone per entry for a table of n entries. */
  private extend(n: number): void {
    this.modules[0] = this.module!;
    for (let i = 1; i < n; i++) {
      if (!this.modules[i]) {
        this.modules[i] = this.shared ? this.module!.clone(...this.sharedparams) : this.module!.clone();
      }
    }
  }

  /** Keeps exactly n clones (dropping, and clearing, the extra ones). */
  resize(n: number): this {
    this.extend(n);
    for (let i = n; i < this.modules.length; i++) this.modules[i].clearState();
    this.modules.length = Math.max(n, 1);
    return this;
  }

  /** Sets the single mapped module (only once). */
  override add(module: Module): this {
    if (this.module) throw new TorchError('Single module required');
    super.add(module);
    this.module = module;
    this.modules[0] = module;
    this.modules.length = 1;
    return this;
  }

  override updateOutput(input: any[]): any[] {
    this.output = [];
    this.extend(input.length);
    input.forEach((x, i) => {
      const m = this.modules[i];
      this.output[i] = this.rethrowErrors(m, i + 1, () => m.updateOutput(x));
    });
    return this.output;
  }

  override updateGradInput(input: any[], gradOutput: any[]): any[] {
    this.gradInput = [];
    this.extend(input.length);
    input.forEach((x, i) => {
      const m = this.modules[i];
      this.gradInput[i] = this.rethrowErrors(m, i + 1, () => m.updateGradInput(x, gradOutput[i]));
    });
    return this.gradInput;
  }

  override accGradParameters(input: any[], gradOutput: any[], scale = 1): void {
    this.extend(input.length);
    input.forEach((x, i) => {
      const m = this.modules[i];
      this.rethrowErrors(m, i + 1, () => m.accGradParameters(x, gradOutput[i], scale));
    });
  }

  override accUpdateGradParameters(input: any[], gradOutput: any[], lr = 1): void {
    this.extend(input.length);
    input.forEach((x, i) => {
      const m = this.modules[i];
      this.rethrowErrors(m, i + 1, () => m.accUpdateGradParameters(x, gradOutput[i], lr));
    });
  }

  /** With shared clones, zeroing the original's gradients zeroes them all. */
  override zeroGradParameters(): void {
    if (!this.module) return;
    if (this.shared) this.module.zeroGradParameters();
    else super.zeroGradParameters();
  }

  /** With shared clones, one update of the original updates them all. */
  override updateParameters(lr: number): void {
    if (!this.module) return;
    if (this.shared) this.module.updateParameters(lr);
    else super.updateParameters(lr);
  }

  /** Drops the clones (they are rebuilt on the next forward) and clears the original. */
  override clearState(): this {
    for (let i = 1; i < this.modules.length; i++) this.modules[i].clearState();
    this.modules.length = Math.min(this.modules.length, 1);
    return super.clearState();
  }

  override toString(): string {
    const tab = '  ', line = '\n', extlast = '      ';
    if (!this.module) return `${this.__typename} { }`;
    return `${this.__typename} {${line}${tab}${String(this.module).split(line).join(line + tab + extlast)}${line}}`;
  }
}
