/** nn.Module: the base of every layer, with torch/nn's contract (Module.lua). */
import { newDefault } from '../lib/defaults.js';
import { TorchError, check } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { LongStorage } from '../lib/Storage.js';
import { Criterion } from './Criterion.js';
import { clear, deepClone, recursiveType, type Activity } from './utils.js';

/**
 * The base class of every nn layer. `output` and `gradInput` are buffers reused across calls.
 * @example
 * const m = new nn.Linear(4, 3);
 * const y = m.forward(torch.randn(4));
 * m.backward(x, gradY);
 */
export class Module {
  /** The result of the last `forward` (reused buffer). */
  output: any = newDefault();
  /** The result of the last `backward` (reused buffer). */
  gradInput: any = newDefault();
  /** True in training mode (`training()`), false after `evaluate()`. */
  train = true;
  /** The tensor type this module was last converted to. */
  _type: string = this.output.type();
  weight?: Tensor;
  bias?: Tensor;
  gradWeight?: Tensor;
  gradBias?: Tensor;
  /** Children, for containers. */
  modules?: Module[];

  /** The Torch class name, e.g. `nn.Linear`; registered classes set it. */
  get __typename(): string { return `nn.${this.constructor.name}`; }

  /** `[params, gradParams]`: the learnable tensors and their gradients (undefined when none). */
  parameters(): [Tensor[], Tensor[]] | undefined {
    if (this.weight && this.bias) return [[this.weight, this.bias], [this.gradWeight!, this.gradBias!]];
    if (this.weight) return [[this.weight], [this.gradWeight!]];
    if (this.bias) return [[this.bias], [this.gradBias!]];
    return undefined;
  }

  /** Computes `output` from `input`. */
  updateOutput(_input: any): any { return this.output; }
  /** Same as `updateOutput`. */
  forward(input: any): any { return this.updateOutput(input); }
  /** `updateGradInput` then `accGradParameters(input, gradOutput, scale)`; returns `gradInput`. */
  backward(input: any, gradOutput: any, scale = 1): any {
    this.updateGradInput(input, gradOutput);
    this.accGradParameters(input, gradOutput, scale);
    return this.gradInput;
  }
  /** `updateGradInput` then `accUpdateGradParameters(input, gradOutput, lr)`. */
  backwardUpdate(input: any, gradOutput: any, lr: number): any {
    this.updateGradInput(input, gradOutput);
    this.accUpdateGradParameters(input, gradOutput, lr);
    return this.gradInput;
  }
  /** Computes `gradInput` from `input` and `gradOutput`. */
  updateGradInput(_input: any, _gradOutput: any): any { return this.gradInput; }
  /** Accumulates `scale` times the parameter gradients into gradWeight/gradBias. */
  accGradParameters(_input: any, _gradOutput: any, _scale = 1): void {}
  /** True once `share` has tied this module's tensors to another's: updates then go through `sharedAccUpdateGradParameters`. */
  shared?: boolean;

  /** Updates the parameters directly: `sharedAccUpdateGradParameters` when shared, else `defaultAccUpdateGradParameters`. */
  accUpdateGradParameters(input: any, gradOutput: any, lr: number): void {
    if (this.shared) this.sharedAccUpdateGradParameters(input, gradOutput, lr);
    else this.defaultAccUpdateGradParameters(input, gradOutput, lr);
  }
  /** weight -= lr * dE/dweight (Torch's trick: gradients pointed at the weights). */
  defaultAccUpdateGradParameters(input: any, gradOutput: any, lr: number): void {
    const gw = this.gradWeight, gb = this.gradBias;
    this.gradWeight = this.weight;
    this.gradBias = this.bias;
    try {
      this.accGradParameters(input, gradOutput, -lr);
    } finally {
      this.gradWeight = gw;
      this.gradBias = gb;
    }
  }
  /** What `share` installs: zero the gradients, accumulate, then update (works with shared weights). */
  sharedAccUpdateGradParameters(input: any, gradOutput: any, lr: number): void {
    if (this.parameters()) {
      this.zeroGradParameters();
      this.accGradParameters(input, gradOutput, 1);
      this.updateParameters(lr);
    }
  }
  /** Zeroes every gradient buffer. */
  zeroGradParameters(): void {
    const p = this.parameters();
    if (p) for (const g of p[1]) g.zero();
  }
  /** params -= lr * gradParams. */
  updateParameters(lr: number): void {
    const p = this.parameters();
    if (p) p[0].forEach((w, i) => (w as any).add(-lr, p[1][i]));
  }
  /** Training mode (Dropout drops, BatchNorm uses batch statistics). */
  training(): this { this.train = true; return this; }
  /** Evaluation mode. */
  evaluate(): this { this.train = false; return this; }
  /** Re-initialises the parameters (layers with parameters override it). */
  reset(..._args: unknown[]): this { return this; }

  /** Makes the named fields of this module views of `mlp`'s (and switches both to shared updates). */
  share(mlp: Module, ...names: string[]): this {
    const self = this as unknown as Record<string, unknown>;
    const other = mlp as unknown as Record<string, unknown>;
    for (const name of names) {
      const v = self[name];
      if (v instanceof Tensor && other[name] instanceof Tensor) {
        v.set(other[name] as Tensor);
        this.shared = true;
        mlp.shared = true;
      }
    }
    return this;
  }

  /** A deep copy; `clone('weight', 'bias', ...)` makes those fields shared with this module. */
  clone(...names: string[]): this {
    const c = deepClone(this);
    if (names.length > 0) c.share(this, ...names);
    return c;
  }

  /** Converts every tensor field to `type` (`'torch.FloatTensor'` ...); tensors sharing storage keep sharing. */
  type(type?: string, cache = new Map<unknown, Tensor>()): this | string {
    if (type === undefined) return this._type;
    const self = this as unknown as Record<string, unknown>;
    for (const key of Object.keys(self)) {
      const v = self[key];
      if (v instanceof Module || v instanceof Criterion) v.type(type, cache);
      else if (Array.isArray(v) && v.some((x) => x instanceof Module)) v.forEach((m) => m instanceof Module && m.type(type, cache));
      else self[key] = recursiveType(v, type, cache);
    }
    this._type = type;
    return this;
  }
  /** `type('torch.FloatTensor')`. */
  float(): this { return this.type('torch.FloatTensor') as this; }
  /** `type('torch.DoubleTensor')`. */
  double(): this { return this.type('torch.DoubleTensor') as this; }

  /** Empties the output/gradInput buffers (and any the layer lists) to save memory. */
  clearState(): this {
    clear(this as unknown as Record<string, unknown>, 'output', 'gradInput');
    return this;
  }

  /** Calls `fn(module)` on this module and every descendant, depth first. */
  apply(fn: (m: Module) => void): void {
    fn(this);
    this.modules?.forEach((m) => m.apply(fn));
  }

  /** `replace(fn)`: replaces this module and every descendant by `fn(module)`. */
  replace(fn: (m: Module) => Module): Module {
    const out = fn(this);
    this.modules?.forEach((m, i) => { this.modules![i] = m.replace(fn); });
    return out;
  }

  /** Every module (and its container) whose Torch type is `typename`: `[modules, containers]`. */
  findModules(typename: string, container?: Module): [Module[], Module[]] {
    const nodes: Module[] = [], containers: Module[] = [];
    if (this.__typename === typename) { nodes.push(this); containers.push(container ?? this); }
    for (const child of this.modules ?? []) {
      const [n, c] = child.findModules(typename, this);
      nodes.push(...n);
      containers.push(...c);
    }
    return [nodes, containers];
  }

  /** This module and all its descendants, depth first. */
  listModules(): Module[] {
    const out: Module[] = [];
    this.apply((m) => out.push(m));
    return out;
  }

  /**
   * `[flatParams, flatGradParams]`: every parameter (and gradient) re-pointed into one contiguous
   * tensor, shared storages counted once, as Module.flatten does. Call it once, after building the net.
   */
  getParameters(): [Tensor, Tensor] {
    const p = this.parameters() ?? [[], []];
    const flatParams = flatten(p[0]);
    const flatGrads = flatten(p[1]);
    check(flatParams.nElement() === flatGrads.nElement(), 'check that you are sharing parameters and gradParameters');
    p[0].forEach((w, i) => check(w.storageOffset() === p[1][i].storageOffset(), `misaligned parameter at ${i + 1}`));
    return [flatParams, flatGrads];
  }

  /** Torch's one-line description (containers print their children). */
  toString(): string { return this.__typename; }
}

/** True if the tensor covers a hole-free region of its storage. */
function isCompact(t: Tensor): boolean {
  const dims = t._size.map((s, i) => [t._stride[i], s]).sort((a, b) => a[0] - b[0]);
  let expected = 1;
  for (const [stride, size] of dims) {
    if (stride !== expected) return false;
    expected *= size;
  }
  return true;
}

/** Module.flatten: one storage for all of `params` (in place), returned as a 1-D tensor. */
export function flatten(params: Tensor[]): Tensor {
  if (params.length === 0) return newDefault();
  const first = params[0];
  const offsets = new Map<unknown, number>();
  let total = 0;
  const meta = params.map((p) => {
    check(p.type() === first.type(), 'getParameters: all parameters must have the same type');
    const s = p.storage();
    if (!offsets.has(s)) { offsets.set(s, total); total += s.size(); }
    return { off: p.storageOffset() + offsets.get(s)!, size: p.size(), stride: p.stride() };
  });
  let flat = first.new(total).zero();
  const mask = new Uint8Array(total);
  let compact = true;
  for (const m of meta) {
    const v = first.new().set(flat.storage(), m.off, m.size, m.stride);
    v.fill(1);
    compact = compact && isCompact(v);
  }
  flat.storage().data.forEach((v, i) => { mask[i] = v; });
  for (const [s, off] of offsets) {
    const st = s as ReturnType<Tensor['storage']>;
    flat.storage().data.set(st.data, off);
  }
  for (const p of params) p.set();
  let used = 0;
  const compactOff = new Float64Array(total);
  for (let i = 0; i < total; i++) { used += mask[i]; compactOff[i] = used; }
  if (used !== total) {
    if (!compact) throw new TorchError('Cannot gather tensors that are not compact');
    const packed = first.new(used);
    let k = 0;
    const src = flat.storage().data, dst = packed.storage().data;
    for (let i = 0; i < total; i++) if (mask[i]) dst[k++] = src[i];
    for (const m of meta) m.off = compactOff[m.off - 1];
    flat = packed;
  }
  params.forEach((p, i) => p.set(flat.storage(), meta[i].off, meta[i].size as LongStorage, meta[i].stride as LongStorage));
  return flat;
}
