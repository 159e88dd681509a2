/**
 * Tensors in shared memory, for the CPU worker devices: storages whose typed array lives in a
 * SharedArrayBuffer (so two threads see the same elements without copying), and the plain
 * descriptors (`Desc`) that carry such tensors, or (nested) tables of them, across `postMessage`.
 */
import { STORAGES, type Storage } from '../../lib/Storage.js';
import { TENSORS, Tensor } from '../../lib/Tensor.js';
import { isSharedArray, TYPES, type TypeKey, type TypedArray } from '../../lib/types.js';
import type { Activity } from '../utils.js';

type ArrayCtor = new (buffer: ArrayBufferLike, byteOffset?: number, length?: number) => TypedArray;
type StorageCtor = new (arg?: unknown, offset?: number, size?: number) => Storage;

/** A typed array of `n` elements of type `key` over a fresh SharedArrayBuffer. */
export function sharedArray(key: TypeKey, n: number): TypedArray {
  const A = TYPES[key].Array as unknown as ArrayCtor & { BYTES_PER_ELEMENT: number };
  return new A(new SharedArrayBuffer(n * A.BYTES_PER_ELEMENT), 0, n);
}


const sharedClasses = new Map<TypeKey, StorageCtor>();

/**
 * The storage class of type `key` that keeps its elements in shared memory, also when it grows
 * (`resize` allocates a new SharedArrayBuffer). Instances are ordinary `torch.<key>Storage`s otherwise.
 * @example
 * const S = SharedStorage('Float'); new S(10).data.buffer instanceof SharedArrayBuffer; // true
 */
export function SharedStorage(key: TypeKey): StorageCtor {
  let C = sharedClasses.get(key);
  if (!C) {
    const Base = STORAGES[key] as unknown as StorageCtor;
    const toShared = (arg: unknown): unknown => {
      if (arg === undefined) return sharedArray(key, 0);
      if (typeof arg === 'number') return sharedArray(key, arg);
      if (ArrayBuffer.isView(arg) && !isSharedArray(arg as TypedArray)) {
        const a = sharedArray(key, (arg as TypedArray).length);
        a.set(arg as TypedArray);
        return a;
      }
      return arg;
    };
    C = class extends Base {
      constructor(arg?: unknown, offset?: number, size?: number) { super(toShared(arg), offset, size); }
      override resize(n: number): this {
        if (!Number.isInteger(n) || n < 0) return super.resize(n) as this; // Torch's error
        if (n !== this.data.length) {
          const d = sharedArray(key, n);
          d.set(this.data.length <= n ? this.data : this.data.subarray(0, n));
          this.data = d;
        }
        return this;
      }
    };
    sharedClasses.set(key, C);
  }
  return C;
}

/** An empty tensor of type `key` whose storage stays in shared memory as it is resized. */
export function sharedTensor(key: TypeKey): Tensor {
  return new TENSORS[key]().set(new (SharedStorage(key))() as never);
}

/** True when `t` can be resized without leaving shared memory (made by `sharedTensor`). */
export function isSharedTensor(t: unknown): t is Tensor {
  return t instanceof Tensor && t.storage() instanceof SharedStorage(t.kind.key);
}

/** Moves a storage's elements into shared memory in place (every tensor viewing it follows); true if it moved. */
export function shareInPlace(s: Storage): boolean {
  if (isSharedArray(s.data)) return false;
  const a = sharedArray(s.kind.key, s.data.length);
  a.set(s.data);
  s.data = a;
  return true;
}

const bufferIds = new WeakMap<SharedArrayBuffer, number>();
let lastBufferId = 0;
/** A number naming a shared buffer in this thread (each thread that receives it sees a new SharedArrayBuffer object). */
function bufferId(b: SharedArrayBuffer): number {
  let id = bufferIds.get(b);
  if (id === undefined) bufferIds.set(b, (id = ++lastBufferId));
  return id;
}

/** A tensor as plain data: its shared buffer and geometry (offset 0-based). */
export interface TensorDesc {
  type: TypeKey;
  buffer: SharedArrayBuffer | null;
  /** The buffer's number in the describing thread (0 when empty): equal numbers, same memory. */
  bufferId: number;
  byteOffset: number;
  length: number;
  offset: number;
  size: number[];
  stride: number[];
}
/** A tensor, a (nested) table of them, or nothing. */
export type Desc = TensorDesc | Desc[] | null;

/** Describes a tensor (whose elements must be in shared memory unless it is empty) or a table of them. */
export function describe(x: Activity | undefined | null): Desc {
  if (x === undefined || x === null) return null;
  if (Array.isArray(x)) return x.map(describe);
  const t = x as Tensor;
  const empty = t.nElement() === 0;
  const data = t.storage().data;
  if (!empty && !isSharedArray(data)) throw new Error(`internal: a ${t.type()} outside shared memory cannot cross threads`);
  return {
    type: t.kind.key,
    buffer: empty ? null : (data.buffer as SharedArrayBuffer),
    bufferId: empty ? 0 : bufferId(data.buffer as SharedArrayBuffer),
    byteOffset: empty ? 0 : data.byteOffset,
    length: empty ? 0 : data.length,
    offset: empty ? 0 : t.storageOffset() - 1,
    size: empty ? [] : t.size().totable() as number[],
    stride: empty ? [] : t.stride().totable() as number[],
  };
}

/** The tensor (a view of the shared elements, no copy) or table a descriptor stands for. */
export function materialize(d: Desc): Activity | undefined {
  if (d === null) return undefined;
  if (Array.isArray(d)) return d.map((x) => materialize(x) as Activity);
  const t = new TENSORS[d.type]();
  if (d.buffer === null) return t;
  const A = TYPES[d.type].Array as unknown as ArrayCtor;
  const storage = new STORAGES[d.type](new A(d.buffer, d.byteOffset, d.length));
  return t.set(storage, d.offset + 1, d.size, d.stride);
}

/**
 * A job's result made describable without copying it: the storages of its tensors move into shared
 * memory in place (once; the module keeps using them), so the calling thread reads the worker's own
 * output or gradInput. Empty tensors stay as they are.
 */
export function shareResult(r: Activity): Activity {
  if (Array.isArray(r)) { r.forEach(shareResult); return r; }
  if (r.nElement() > 0) shareInPlace(r.storage());
  return r;
}

/** What a descriptor (or table of them) points at, as a string: equal keys, same elements (within one sending thread). */
export function viewOf(d: Desc): string {
  if (d === null) return '-';
  if (Array.isArray(d)) return `[${d.map(viewOf).join(';')}]`;
  return `${d.type}@${d.bufferId}+${d.byteOffset}+${d.offset}:${d.size.join('x')}/${d.stride.join(',')}`;
}

/**
 * Appends what identifies the views of `x` (a tensor, a nested table of them, or nothing) to `out`:
 * each tensor's elements array, offset, sizes and strides. Equal signatures, same tensors: the fast
 * path's test that a job or a result is that of last time, without describing anything.
 */
export function viewSignature(x: unknown, out: unknown[] = []): unknown[] {
  if (x === undefined || x === null) {
    out.push(null);
  } else if (Array.isArray(x)) {
    out.push('[');
    for (const e of x) viewSignature(e, out);
    out.push(']');
  } else {
    const t = x as Tensor;
    out.push(t.storage().data, t.storageOffset(), t.nDimension());
    for (let d = 1; d <= t.nDimension(); d++) out.push(t.size(d), t.stride(d));
  }
  return out;
}

/** True when two signatures (`viewSignature`) are equal, element by element; false if either is missing. */
export function sameSignature(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
