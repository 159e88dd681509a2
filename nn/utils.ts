/** nn.utils: recursive helpers over tensors and (nested) tables of tensors, as torch/nn's utils.lua. */
import { Tensor } from '../lib/Tensor.js';
import { TorchError } from '../lib/errors.js';
import { Storage } from '../lib/Storage.js';

/** A module's input or output: a tensor, or a (nested) table of them. */
export type Activity = Tensor | Activity[];

/** `nn.utils.recursiveType(param, typename, cache)`: converts tensors (sharing storages map to shared storages). */
export function recursiveType(param: unknown, type: string, cache = new Map<unknown, Tensor>()): any {
  if (Array.isArray(param)) return param.map((p) => recursiveType(p, type, cache));
  if (isModuleLike(param)) return param.type(type, cache);
  if (param instanceof Tensor) {
    if (param.type() === type) return param;
    if (param.nElement() === 0) return param.new().type(type);
    // tensors sharing a storage stay sharing one converted storage; the first converted tensor is
    // itself returned (re-pointed), so no extra view keeps a device storage alive
    const key = param.storage();
    const shared = cache.get(key);
    if (shared) return shared.new().set(shared.storage(), param.storageOffset(), param.size(), param.stride());
    const t = param.new().set(param.storage()).type(type);
    cache.set(key, t);
    return t.set(t.storage(), param.storageOffset(), param.size(), param.stride());
  }
  return param;
}

/** A Module or Criterion (anything with a `type(type, cache)` method and nn's forward). */
function isModuleLike(x: unknown): x is { type(t: string, cache: Map<unknown, Tensor>): unknown } {
  return typeof x === 'object' && x !== null && typeof (x as any).type === 'function' && typeof (x as any).updateOutput === 'function';
}

/** `nn.utils.recursiveResizeAs(t1, t2)`: makes t1 a tensor/table shaped like t2; returns it. */
export function recursiveResizeAs(t1: Activity | undefined, t2: Activity): Activity {
  if (Array.isArray(t2)) {
    const out = Array.isArray(t1) ? t1 : [];
    for (let i = 0; i < t2.length; i++) out[i] = recursiveResizeAs(out[i], t2[i]);
    out.length = t2.length;
    return out;
  }
  const t = t1 instanceof Tensor && t1.type() === t2.type() ? t1 : t2.new();
  return t.resizeAs(t2);
}

/** `nn.utils.recursiveAdd(t1, val, t2)`: t1 += val * t2, recursively over tables; returns t1. */
export function recursiveAdd(t1: Activity, val: number, t2: Activity): Activity {
  if (Array.isArray(t2)) {
    const a = t1 as Activity[];
    for (let i = 0; i < t2.length; i++) a[i] = recursiveAdd(a[i], val, t2[i]);
  } else if (t1 instanceof Tensor) {
    (t1 as any).add(val, t2);
  }
  return t1;
}

/** `nn.utils.recursiveFill(t, v)`. */
export function recursiveFill(t: Activity, v: number): Activity {
  if (Array.isArray(t)) t.forEach((x) => recursiveFill(x, v));
  else t.fill(v);
  return t;
}

/** `nn.utils.recursiveCopy(t1, t2)`: copies t2 into t1 (resizing), returns t1. */
export function recursiveCopy(t1: Activity | undefined, t2: Activity): Activity {
  if (Array.isArray(t2)) {
    const out = Array.isArray(t1) ? t1 : [];
    for (let i = 0; i < t2.length; i++) out[i] = recursiveCopy(out[i], t2[i]);
    out.length = t2.length;
    return out;
  }
  const t = t1 instanceof Tensor ? t1 : t2.new();
  return t.resizeAs(t2).copy(t2);
}

/** `nn.utils.clear(self, names...)`: empties tensor fields (keeping their type) and table fields. */
export function clear(self: Record<string, unknown>, ...names: string[]): void {
  for (const name of names) {
    const v = self[name];
    if (v instanceof Tensor) v.set();
    else if (Array.isArray(v)) self[name] = [];
    else if (v !== undefined && v !== null && typeof v === 'object') self[name] = {};
  }
}

/**
 * Deep copy of a module graph (what Torch's clone does through serialization): tensors that share a
 * storage keep sharing one (new) storage; prototypes are kept; cycles are followed once.
 */
export function deepClone<T>(value: T, seen = new Map<unknown, unknown>()): T {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value) as T;
  if (value instanceof Tensor) {
    const storage = deepClone(value.storage(), seen);
    const t = value.new();
    if (value.dim() > 0) t.set(storage, value.storageOffset(), value.size(), value.stride());
    else t.set(storage, 1, [0]);
    seen.set(value, t);
    return t as T;
  }
  if (value instanceof Storage) {
    const copy = new (value.constructor as new (n: number) => Storage)(value.size());
    copy.data.set(value.data);
    seen.set(value, copy);
    return copy as T;
  }
  if (ArrayBuffer.isView(value) || typeof (value as { then?: unknown }).then === 'function') {
    throw new TorchError('clone: cannot clone a typed array or a promise held by a module');
  }
  if (value instanceof Map) {
    // LuaTables (nngraph's mapindex / reverseMap): keys and values copied, key identities kept consistent
    const m = new (value.constructor as new () => Map<unknown, unknown>)();
    seen.set(value, m);
    for (const [k, v] of value) m.set(deepClone(k, seen), deepClone(v, seen));
    return m as T;
  }
  const out = Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value));
  seen.set(value, out);
  for (const k of Object.keys(value as object)) out[k] = deepClone((value as Record<string, unknown>)[k], seen);
  return out;
}
