/** nn.Container: a module made of child modules (Container.lua). */
import { TorchError } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/** The base of Sequential, Concat, ConcatTable, ParallelTable ... */
export class Container extends Module {
  override modules: Module[] = [];

  constructor(...modules: Module[]) {
    super();
    for (const m of modules) this.add(m);
  }

  /** Appends a child; returns self so calls chain. */
  add(module: Module): this {
    if (!(module instanceof Module)) throw new TorchError(`${this.__typename}:add expects a module`);
    this.modules.push(module);
    return this;
  }
  /** The child at 1-based `index`. */
  get(index: number): Module {
    const m = this.modules[index - 1];
    if (!m) throw new TorchError(`${this.__typename}:get: index ${index} out of range (1..${this.modules.length})`);
    return m;
  }
  /** Number of children. */
  size(): number { return this.modules.length; }

  /** Calls `fn` on child `index` (1-based); an error says which child failed, as Torch does. */
  protected rethrowErrors<T>(module: Module, index: number, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      const err = e as Error;
      const info = `In ${index} module of ${this.__typename}:`;
      if (err instanceof Error) {
        err.message = `${info}\n${err.message}`;
        throw err;
      }
      throw new TorchError(`${info}\n${String(e)}`);
    }
  }

  /** Every child's parameters, concatenated in order. */
  override parameters(): [Tensor[], Tensor[]] {
    const w: Tensor[] = [], gw: Tensor[] = [];
    for (const m of this.modules) {
      const p = m.parameters();
      if (p) { w.push(...p[0]); gw.push(...p[1]); }
    }
    return [w, gw];
  }
  override zeroGradParameters(): void { this.modules.forEach((m) => m.zeroGradParameters()); }
  override updateParameters(lr: number): void { this.modules.forEach((m) => m.updateParameters(lr)); }
  override training(): this { super.training(); this.modules.forEach((m) => m.training()); return this; }
  override evaluate(): this { super.evaluate(); this.modules.forEach((m) => m.evaluate()); return this; }
  override share(mlp: Module, ...names: string[]): this {
    this.modules.forEach((m, i) => m.share(mlp.modules![i], ...names));
    return this;
  }
  override reset(...args: unknown[]): this { this.modules.forEach((m) => m.reset(...args)); return this; }
  /** Replaces output/gradInput by fresh empties (never `set()`: they may be a child's or the caller's tensors), then clears the children. */
  override clearState(): this {
    const self = this as unknown as Record<string, unknown>;
    for (const f of ['output', 'gradInput']) {
      const v = self[f];
      if (v instanceof Tensor) self[f] = v.new();
      else if (Array.isArray(v)) self[f] = [];
    }
    this.modules.forEach((m) => m.clearState());
    return this;
  }
}
