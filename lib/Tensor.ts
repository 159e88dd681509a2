/**
 * torch.*Tensor: Storage + offset + size + stride, with Torch7's geometry and view semantics.
 * Dims and indices are 1-based at this API and 0-based inside, as in TH.
 */
import { fillZero } from './fillZero.js';
import ndarray from 'ndarray';
import { runs1, runs2 } from './apply.js';
import { argCheck, argError, check, TorchError } from './errors.js';
import { LongStorage, STORAGES, Storage } from './Storage.js';
import { TYPES, toLong, typeInfoOf, type TypeInfo, type TypeKey, type TypedArray } from './types.js';

/** Nested arrays of numbers, as Torch's `torch.Tensor({{1,2},{3,4}})` takes a Lua table. */
export type NestedArray = number | NestedArray[];

/** Anything that names sizes: numbers, a LongStorage, or an array of numbers. */
export type SizeLike = LongStorage | readonly number[];

/** An integer within int32 as a V8 small integer (`| 0`); anything else unchanged. */
const smi = (v: number): number => (v === (v | 0) ? v | 0 : v);

/** Reads `(s1, s2, ...)` or `(LongStorage)` / `(number[])` size arguments. */
export function readSizes(args: readonly unknown[], fn: string): number[] {
  // Sizes become small-integer (Smi) arrays: V8 runs kernels indexing with them ~2x faster than with doubles.
  if (args.length === 1 && args[0] instanceof LongStorage) return Array.from(args[0].data, smi);
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as number[]).map(smi);
  for (let i = 0; i < args.length; i++) {
    argCheck(typeof args[i] === 'number' && Number.isInteger(args[i]), i + 1, fn, 'number expected');
  }
  return args as number[];
}

/** The base of every CPU tensor class (DoubleTensor, FloatTensor, ...). */
export abstract class Tensor {
  /** The element type. */
  get kind(): TypeInfo { throw new Error('abstract Tensor'); }
  /** The storage this tensor is a view of (declared so a device tensor can count references). */
  declare _storage: Storage;
  /** 0-based offset of element (1,1,...) in the storage. */
  offset = 0;
  /** Sizes (internal; use `size()`). */
  _size: number[] = [];
  /** Strides (internal; use `stride()`). */
  _stride: number[] = [];

  /**
   * `new torch.DoubleTensor()` (empty), `(s1, s2, ...)`, `(LongStorage sizes[, LongStorage strides])`,
   * `(tensor)` (a new view of the same storage), `(storage[, offset[, sizes[, strides]]])` (1-based
   * offset; sizes as a LongStorage or as `sz1, st1, sz2, st2 ...`), or `({{1,2},{3,4}})` as nested arrays.
   * Torch leaves new memory uninitialised; here it is zero.
   */
  constructor(...args: unknown[]) {
    this._storage = this.newStorage(0);
    const a0 = args[0];
    if (args.length === 0) return;
    if (a0 instanceof Tensor) {
      argCheck(a0.kind === this.kind && args.length === 1, 1, this.kind.tensorName, `expected ${this.kind.tensorName}`);
      this.set(a0);
    } else if (a0 instanceof Storage && a0.kind === this.kind) {
      const off = args[1] === undefined ? 1 : (args[1] as number);
      argCheck(Number.isInteger(off) && off >= 1, 2, this.kind.tensorName, 'storage offset must be >= 1');
      if (args.length <= 2) { this.set(a0, off, [a0.size() - off + 1]); return; }
      if (args[2] instanceof LongStorage) {
        this.set(a0, off, Array.from(args[2].data), args[3] instanceof LongStorage ? Array.from(args[3].data) : undefined);
        return;
      }
      const sizes: number[] = [], strides: number[] = [];
      for (let i = 2; i < args.length; i += 2) {
        sizes.push(args[i] as number);
        strides.push(args[i + 1] === undefined ? -1 : (args[i + 1] as number));
      }
      this.set(a0, off, sizes, strides);
    } else if (Array.isArray(a0)) {
      argCheck(args.length === 1, 2, this.kind.tensorName, 'unexpected argument after a table');
      this.fromNested(a0);
    } else if (a0 instanceof LongStorage) {
      this.resizeNd(Array.from(a0.data), args[1] instanceof LongStorage ? Array.from(args[1].data) : undefined);
    } else {
      this.resizeNd(readSizes(args, this.kind.tensorName));
    }
  }

  private fromNested(table: NestedArray[]): void {
    const sizes: number[] = [];
    let level: NestedArray = table;
    while (Array.isArray(level)) {
      sizes.push(level.length);
      level = level[0];
      if (level === undefined) break;
    }
    this.resizeNd(sizes);
    const data = this._storage.data;
    let k = 0;
    const walk = (v: NestedArray, d: number): void => {
      if (d === sizes.length) {
        check(typeof v === 'number', 'invalid tensor definition: number expected');
        data[k++] = this.kind.key === 'Long' ? toLong(v) : v;
        return;
      }
      check(Array.isArray(v) && v.length === sizes[d], 'inconsistent tensor size');
      for (const x of v) walk(x, d + 1);
    };
    walk(table, 0);
  }

  // ---- queries -------------------------------------------------------------------------------

  /** `size()` is a LongStorage of the sizes; `size(d)` the size of dim d (1-based). */
  size(): LongStorage;
  size(dim: number): number;
  size(dim?: number): LongStorage | number {
    if (dim === undefined) return new LongStorage(this._size);
    argCheck(Number.isInteger(dim) && dim >= 1 && dim <= this._size.length, 1, 'size', 'dimension out of range');
    return this._size[dim - 1];
  }

  /** `stride()` is a LongStorage of the strides; `stride(d)` the stride of dim d (1-based). */
  stride(): LongStorage;
  stride(dim: number): number;
  stride(dim?: number): LongStorage | number {
    if (dim === undefined) return new LongStorage(this._stride);
    argCheck(Number.isInteger(dim) && dim >= 1 && dim <= this._stride.length, 1, 'stride', 'dimension out of range');
    return this._stride[dim - 1];
  }

  /** The sizes as a plain array (a copy). */
  get shape(): number[] { return this._size.slice(); }
  /** Number of dimensions (0 for an empty tensor). */
  dim(): number { return this._size.length; }
  /** Same as `dim()`. */
  nDimension(): number { return this._size.length; }
  /** Number of elements (0 for an empty tensor). */
  nElement(): number {
    if (this._size.length === 0) return 0;
    let n = 1;
    for (const s of this._size) n *= s;
    return n;
  }
  /** Same as `nElement()`. */
  numel(): number { return this.nElement(); }
  /** The storage. */
  storage(): Storage { return this._storage; }
  /** 1-based offset into the storage, as Torch reports it. */
  storageOffset(): number { return this.offset + 1; }
  /** The type name, e.g. `torch.DoubleTensor`; `type(name)` converts (returns self if the type matches). */
  type(): string;
  type(name: string): Tensor;
  type(name?: string): string | Tensor {
    if (name === undefined) return this.kind.tensorName;
    const info = typeInfoOf(name);
    if (!info) {
      const convert = TYPE_CONVERTERS.get(name);
      if (convert) return convert(this);
      throw argError(1, 'type', `unknown tensor type '${name}'`);
    }
    if (info === this.kind) return this;
    return new TENSORS[info.key]().resize(this._size).copy(this);
  }
  /** Converts to the type of t (self when already that type). */
  typeAs(t: Tensor): Tensor { return this.type(t.type()); }
  byte(): ByteTensor { return this.type('torch.ByteTensor') as ByteTensor; }
  char(): CharTensor { return this.type('torch.CharTensor') as CharTensor; }
  short(): ShortTensor { return this.type('torch.ShortTensor') as ShortTensor; }
  int(): IntTensor { return this.type('torch.IntTensor') as IntTensor; }
  long(): LongTensor { return this.type('torch.LongTensor') as LongTensor; }
  float(): FloatTensor { return this.type('torch.FloatTensor') as FloatTensor; }
  double(): DoubleTensor { return this.type('torch.DoubleTensor') as DoubleTensor; }

  /** True when the strides are row-major contiguous (size-1 dims ignored). */
  isContiguous(): boolean {
    let z = 1;
    for (let d = this._size.length - 1; d >= 0; d--) {
      if (this._size[d] !== 1) {
        if (this._stride[d] !== z) return false;
        z *= this._size[d];
      }
    }
    return true;
  }
  /** True when t has the same sizes. */
  isSameSizeAs(t: Tensor): boolean {
    return this._size.length === t._size.length && this._size.every((s, i) => s === t._size[i]);
  }
  /** True when the sizes equal `sizes`. */
  isSize(sizes: SizeLike): boolean {
    const s = readSizes([sizes], 'isSize');
    return s.length === this._size.length && s.every((v, i) => v === this._size[i]);
  }
  /** True when t views exactly the same elements of the same storage. */
  isSetTo(t: Tensor): boolean {
    return this._storage === t._storage && this.offset === t.offset && this.isSameSizeAs(t) &&
      this._stride.every((s, i) => s === t._stride[i]) && this._size.length > 0;
  }

  // ---- geometry changes ----------------------------------------------------------------------

  /** Re-shapes in place; strides become row-major; the storage only grows (data kept). */
  resizeNd(sizes: readonly number[], strides?: readonly number[]): this {
    let nDim = 0;
    while (nDim < sizes.length && sizes[nDim] > 0) nDim++;
    const size = sizes.slice(0, nDim);
    // As TH: a tensor that already has these sizes (and strides, if given) keeps its geometry.
    if (nDim === this._size.length && size.every((s, d) => s === this._size[d] &&
      (strides === undefined || strides[d] === undefined || strides[d] < 0 || strides[d] === this._stride[d]))) return this;
    const stride = new Array<number>(nDim);
    let total = 1;
    for (let d = nDim - 1; d >= 0; d--) {
      argCheck(Number.isInteger(size[d]), d + 1, 'resize', 'size must be an integer');
      const given = strides?.[d];
      if (given !== undefined && given >= 0) stride[d] = given;
      else stride[d] = d === nDim - 1 ? 1 : stride[d + 1] * Math.max(size[d + 1], 1);
      total += (size[d] - 1) * stride[d];
    }
    this._size = size;
    this._stride = stride;
    if (nDim > 0 && this.offset + total > this._storage.size()) this._storage.resize(this.offset + total);
    return this;
  }

  /** `resize(s1, s2, ...)` or `resize(LongStorage)`: see `resizeNd`. */
  resize(...sizes: (number | SizeLike)[]): this {
    return this.resizeNd(readSizes(sizes, 'resize'));
  }
  /** Resizes to the sizes of t. */
  resizeAs(t: Tensor): this { return this.resizeNd(t._size); }

  /**
   * Re-points this tensor: `set(tensor)` views the same elements; `set(storage[, offset[, sizes[, strides]]])`
   * views a storage (1-based offset); `set()` makes it empty.
   */
  set(src?: Tensor | Storage, offset = 1, sizes?: SizeLike, strides?: SizeLike): this {
    if (src === undefined) {
      this._storage = this.newStorage(0);
      this.offset = 0;
      this._size = [];
      this._stride = [];
      return this;
    }
    argCheck(src.kind === this.kind, 1, 'set', `expected ${this.kind.tensorName} or ${this.kind.storageName}`);
    if (src instanceof Tensor) {
      this._storage = src._storage;
      this.offset = src.offset;
      this._size = src._size.slice();
      this._stride = src._stride.slice();
      return this;
    }
    argCheck(Number.isInteger(offset) && offset >= 1, 2, 'set', 'storage offset must be >= 1');
    this._storage = src;
    this.offset = offset - 1;
    const sz = sizes === undefined ? [src.size() - offset + 1] : readSizes([sizes], 'set');
    return this.resizeNd(sz, strides === undefined ? undefined : readSizes([strides], 'set'));
  }

  /** A new storage of this tensor's type with n elements (a device tensor makes a device storage). */
  newStorage(n: number): Storage { return new STORAGES[this.kind.key](n); }

  /** A new tensor of the same type: `x.new()`, `x.new(2, 3)`, ... (same forms as the constructor). */
  new(...args: unknown[]): this {
    return new (this.constructor as new (...a: unknown[]) => this)(...args);
  }

  /** A new header on the same storage with the same geometry. */
  protected view_(): this {
    const t = this.new();
    t._storage = this._storage;
    t.offset = this.offset;
    t._size = this._size.slice();
    t._stride = this._stride.slice();
    return t;
  }

  private dimArg(dim: number, n: number, fn: string, extra = 0): number {
    argCheck(Number.isInteger(dim) && dim >= 1 && dim <= this._size.length + extra, n, fn, 'dimension out of range');
    return dim - 1;
  }

  /** View of `size` slices of dim `dim` starting at `index` (all 1-based). */
  narrow(dim: number, index: number, size: number): this {
    const d = this.dimArg(dim, 1, 'narrow');
    argCheck(Number.isInteger(index) && index >= 1 && index <= this._size[d], 2, 'narrow', 'out of range');
    argCheck(Number.isInteger(size) && size >= 1 && index - 1 + size <= this._size[d], 3, 'narrow', 'out of range');
    const t = this.view_();
    t.offset += (index - 1) * this._stride[d];
    t._size[d] = size;
    return t;
  }

  /** Slice `index` of dim `dim`, removing the dim; on a 1-D tensor, the number itself (as Torch). */
  select(dim: number, index: number): this | number {
    const d = this.dimArg(dim, 1, 'select');
    argCheck(Number.isInteger(index) && index >= 1 && index <= this._size[d], 2, 'select', 'out of range');
    if (this._size.length === 1) return this._storage.data[this.offset + (index - 1) * this._stride[0]];
    const t = this.view_();
    t.offset += (index - 1) * this._stride[d];
    t._size.splice(d, 1);
    t._stride.splice(d, 1);
    return t;
  }

  /** `select` that always returns a tensor (throws on a 1-D tensor). */
  selectTensor(dim: number, index: number): this {
    const r = this.select(dim, index);
    check(typeof r !== 'number', 'select on a 1-D tensor gives a number');
    return r;
  }

  /** `sub(d1s, d1e[, d2s, d2e ...])`: inclusive 1-based ranges; negative counts from the end. */
  sub(...ranges: number[]): this {
    argCheck(ranges.length % 2 === 0 && ranges.length / 2 <= this._size.length, 1, 'sub', 'invalid number of arguments');
    let t = this;
    for (let d = 0; d < ranges.length / 2; d++) {
      const n = this._size[d];
      let s = ranges[2 * d], e = ranges[2 * d + 1];
      if (s < 0) s = n + s + 1;
      if (e < 0) e = n + e + 1;
      argCheck(s >= 1 && s <= n, 2 * d + 1, 'sub', 'out of range');
      argCheck(e >= s && e <= n, 2 * d + 2, 'sub', 'end smaller than beginning');
      t = t.narrow(d + 1, s, e - s + 1);
    }
    return t === this ? this.view_() : t;
  }

  /** View with dims d1 and d2 swapped. */
  transpose(dim1: number, dim2: number): this {
    const a = this.dimArg(dim1, 1, 'transpose'), b = this.dimArg(dim2, 2, 'transpose');
    const t = this.view_();
    [t._size[a], t._size[b]] = [t._size[b], t._size[a]];
    [t._stride[a], t._stride[b]] = [t._stride[b], t._stride[a]];
    return t;
  }

  /** Transpose of a 2-D tensor. */
  t(): this {
    check(this._size.length === 2, 't() expects a 2D tensor, but self is ' + this._size.length + 'D');
    return this.transpose(1, 2);
  }

  /** View with dims reordered: dim i of the result is dim `dims[i]` of this tensor. */
  permute(...dims: number[]): this {
    check(dims.length === this._size.length, 'Invalid permutation: expected ' + this._size.length + ' dims');
    const seen = new Set<number>();
    for (let i = 0; i < dims.length; i++) {
      this.dimArg(dims[i], i + 1, 'permute');
      check(!seen.has(dims[i]), 'Invalid permutation: repeated dim ' + dims[i]);
      seen.add(dims[i]);
    }
    const t = this.view_();
    t._size = dims.map((d) => this._size[d - 1]);
    t._stride = dims.map((d) => this._stride[d - 1]);
    return t;
  }

  /** View with every slice of `size` along `dim`, `step` apart, as a new last dim. */
  unfold(dim: number, size: number, step: number): this {
    const d = this.dimArg(dim, 1, 'unfold');
    argCheck(size <= this._size[d], 2, 'unfold', 'size out of range');
    argCheck(step > 0, 3, 'unfold', 'invalid step');
    const t = this.view_();
    t._size[d] = Math.floor((this._size[d] - size) / step) + 1;
    t._stride[d] = this._stride[d] * step;
    t._size.push(size);
    t._stride.push(this._stride[d]);
    return t;
  }

  /** View with new sizes (one may be -1); the tensor must be contiguous. */
  view(...sizes: (number | SizeLike)[]): this {
    check(this.isContiguous(), 'expecting a contiguous tensor');
    const s = readSizes(sizes, 'view');
    const n = this.nElement();
    const infer = s.indexOf(-1);
    if (infer >= 0) {
      check(s.lastIndexOf(-1) === infer, 'only one dimension can be at -1');
      const rest = s.reduce((p, v, i) => (i === infer ? p : p * v), 1);
      check(rest > 0 && n % rest === 0, 'size mismatch: cannot infer dimension -1 of view');
      s[infer] = n / rest;
    }
    check(s.reduce((p, v) => p * v, 1) === n, 'size mismatch: view of ' + this._size.join('x') + ' as ' + s.join('x'));
    const t = this.view_();
    t._size = [];
    t._stride = [];
    return t.resizeNd(s);
  }

  /** View with the sizes of t. */
  viewAs(t: Tensor): this { return this.view(t._size); }

  /** View that repeats size-1 dims with stride 0; the number of dims is kept. */
  expand(...sizes: (number | SizeLike)[]): this {
    const s = readSizes(sizes, 'expand');
    check(s.length === this._size.length, 'the number of dimensions provided must equal tensor:dim()');
    const t = this.view_();
    for (let d = 0; d < s.length; d++) {
      if (this._size[d] === s[d]) continue;
      check(this._size[d] === 1, `incorrect size: only supporting singleton expansion (size=1) at dim ${d + 1}`);
      t._size[d] = s[d];
      t._stride[d] = 0;
    }
    return t;
  }
  /** `expand` to the sizes of t. */
  expandAs(t: Tensor): this { return this.expand(t._size); }

  /** View without size-1 dims (or without dim `dim` if it has size 1); at least one dim is kept. */
  squeeze(dim?: number): this {
    const t = this.view_();
    if (dim !== undefined) {
      const d = this.dimArg(dim, 1, 'squeeze');
      if (this._size[d] === 1 && this._size.length > 1) { t._size.splice(d, 1); t._stride.splice(d, 1); }
      return t;
    }
    const keep = this._size.map((s) => s !== 1);
    if (!keep.some(Boolean) && this._size.length > 0) keep[0] = true;
    t._size = this._size.filter((_, i) => keep[i]);
    t._stride = this._stride.filter((_, i) => keep[i]);
    if (t._size.length === 0 && this._size.length > 0) { t._size = [1]; t._stride = [1]; }
    return t;
  }

  /** Narrow views of `size` slices along `dim` (default 1); the last may be smaller. */
  split(size: number, dim = 1): this[] {
    const d = this.dimArg(dim, 2, 'split');
    argCheck(Number.isInteger(size) && size > 0, 1, 'split', 'size must be positive');
    const out: this[] = [];
    for (let i = 1; i <= this._size[d]; i += size) out.push(this.narrow(dim, i, Math.min(size, this._size[d] - i + 1)));
    return out;
  }
  /** `n` narrow views along `dim` (default 1), each of ceil(size/n) slices. */
  chunk(n: number, dim = 1): this[] {
    const d = this.dimArg(dim, 2, 'chunk');
    return this.split(Math.ceil(this._size[d] / n), dim);
  }

  /** Self when contiguous, else a contiguous copy. */
  contiguous(): this { return this.isContiguous() ? this : this.clone(); }
  /** A contiguous copy. */
  clone(): this { return this.new().resizeAs(this).copy(this); }

  // ---- element access --------------------------------------------------------------------------

  private elementOffset(idx: readonly number[], fn: string): number {
    check(idx.length === this._size.length, `${fn}: expected ${this._size.length} indices, got ${idx.length}`);
    let o = this.offset;
    for (let d = 0; d < idx.length; d++) {
      let i = idx[d];
      if (i < 0) i += this._size[d] + 1;
      argCheck(Number.isInteger(i) && i >= 1 && i <= this._size[d], d + 1, fn, 'index out of bound');
      o += (i - 1) * this._stride[d];
    }
    return o;
  }
  /** Element at 1-based indices (negative counts from the end), like Lua's `t[i][j]`. */
  get(...idx: number[]): number { return this._storage.data[this.elementOffset(idx, 'get')]; }
  /** `put(i, j, ..., value)` sets one element, like Lua's `t[i][j] = value`. */
  put(...idxAndValue: number[]): this {
    const v = idxAndValue[idxAndValue.length - 1];
    const o = this.elementOffset(idxAndValue.slice(0, -1), 'put');
    this._storage.data[o] = this.kind.key === 'Long' ? toLong(v) : v;
    return this;
  }

  // ---- whole-tensor helpers ------------------------------------------------------------------

  /** Sets every element to `value`. */
  fill(value: number): this {
    const data = this._storage.data;
    const v = this.kind.key === 'Long' ? toLong(value) : value;
    runs1(this, (o, s, len) => {
      if (s === 1) {
        if (v === 0 && !Object.is(v, -0)) fillZero(data, o, o + len); // fast over shared memory
        else data.fill(v, o, o + len);
      } else for (let i = 0; i < len; i++, o += s) data[o] = v;
    });
    return this;
  }
  /** Sets every element to 0. */
  zero(): this { return this.fill(0); }

  /** Copies src (any type, same number of elements) in row-major order, converting as a C cast. */
  copy(src: Tensor): this {
    check(src instanceof Tensor, 'copy: expected a tensor');
    const from = src._storage.read(), dst = this._storage.data;
    const trunc = this.kind.key === 'Long' && src.kind.isFloat;
    check(this.nElement() === src.nElement(), 'inconsistent tensor size');
    if (!trunc && this.isContiguous() && src.isContiguous()) {
      const n = this.nElement();
      if (dst === from && this.offset === src.offset) return this;
      dst.set(from.subarray(src.offset, src.offset + n), this.offset);
      return this;
    }
    runs2(this, src, (oa, sa, ob, sb, len) => {
      if (trunc) for (let i = 0; i < len; i++, oa += sa, ob += sb) dst[oa] = toLong(from[ob]);
      else for (let i = 0; i < len; i++, oa += sa, ob += sb) dst[oa] = from[ob];
    });
    return this;
  }

  /** Calls f(value) on each element in row-major order; a returned number replaces the element. */
  apply(f: (v: number) => number | void): this {
    const data = this._storage.data;
    const long = this.kind.key === 'Long';
    runs1(this, (o, s, len) => {
      for (let i = 0; i < len; i++, o += s) {
        const r = f(data[o]);
        if (typeof r === 'number') data[o] = long ? toLong(r) : r;
      }
    });
    return this;
  }
  /** Calls f(self_i, t_i) in row-major order; a returned number replaces self_i. */
  map(t: Tensor, f: (a: number, b: number) => number | void): this {
    const a = this._storage.data, b = t._storage.data;
    const long = this.kind.key === 'Long';
    runs2(this, t, (oa, sa, ob, sb, len) => {
      for (let i = 0; i < len; i++, oa += sa, ob += sb) {
        const r = f(a[oa], b[ob]);
        if (typeof r === 'number') a[oa] = long ? toLong(r) : r;
      }
    });
    return this;
  }
  /** Calls f(self_i, t1_i, t2_i) in row-major order; a returned number replaces self_i. */
  map2(t1: Tensor, t2: Tensor, f: (a: number, b: number, c: number) => number | void): this {
    const n = this.nElement();
    check(t1.nElement() === n && t2.nElement() === n, 'inconsistent tensor size');
    const a = this._storage.data, b = t1._storage.data, c = t2._storage.data;
    const ob: number[] = [], oc: number[] = [];
    runs1(t1, (o, s, len) => { for (let i = 0; i < len; i++, o += s) ob.push(o); });
    runs1(t2, (o, s, len) => { for (let i = 0; i < len; i++, o += s) oc.push(o); });
    let k = 0;
    runs1(this, (o, s, len) => {
      for (let i = 0; i < len; i++, o += s, k++) {
        const r = f(a[o], b[ob[k]], c[oc[k]]);
        if (typeof r === 'number') a[o] = this.kind.key === 'Long' ? toLong(r) : r;
      }
    });
    return this;
  }

  /** Nested arrays of the elements (a number for... never: a 1-D tensor gives a flat array). */
  totable(): NestedArray[] {
    const data = this._storage.data;
    const build = (d: number, o: number): NestedArray[] => {
      const out: NestedArray[] = [];
      for (let i = 0; i < this._size[d]; i++) {
        const oi = o + i * this._stride[d];
        out.push(d === this._size.length - 1 ? data[oi] : build(d + 1, oi));
      }
      return out;
    };
    return this._size.length === 0 ? [] : build(0, this.offset);
  }

  /** A zero-copy ndarray view of this tensor (same storage, offset, shape and strides). */
  ndarray(): ndarray.NdArray<TypedArray> {
    return ndarray(this._storage.data, this._size.slice(), this._stride.slice(), this.offset);
  }

  /** Torch's printing: the values, then `[torch.DoubleTensor of size 2x3]`. */
  toString(): string { return formatTensor(this); }
}

/** Set by lib/print.ts: formats a tensor as Torch prints it. */
export let formatTensor: (t: Tensor) => string = (t) => `[${t.kind.tensorName} of size ${t._size.join('x')}]`;
/** Installs the tensor printer (lib/print.ts does this). */
export function setTensorFormatter(f: (t: Tensor) => string): void { formatTensor = f; }

/** Converters for types outside the CPU set (e.g. `torch.CudaTensor`), registered by their packages. */
export const TYPE_CONVERTERS = new Map<string, (t: Tensor) => Tensor>();

export class ByteTensor extends Tensor { override get kind() { return TYPES.Byte; } }
export class CharTensor extends Tensor { override get kind() { return TYPES.Char; } }
export class ShortTensor extends Tensor { override get kind() { return TYPES.Short; } }
export class IntTensor extends Tensor { override get kind() { return TYPES.Int; } }
export class LongTensor extends Tensor { override get kind() { return TYPES.Long; } }
export class FloatTensor extends Tensor { override get kind() { return TYPES.Float; } }
export class DoubleTensor extends Tensor { override get kind() { return TYPES.Double; } }

/** A concrete tensor class. */
export type TensorClass = new (...args: unknown[]) => Tensor;

/** The tensor class of each type. */
export const TENSORS: Record<TypeKey, TensorClass> = {
  Byte: ByteTensor, Char: CharTensor, Short: ShortTensor, Int: IntTensor,
  Long: LongTensor, Float: FloatTensor, Double: DoubleTensor,
};

/** Wraps an ndarray without copying (its data must be a typed array; strides must be >= 0). */
export function fromNdarray(a: ndarray.NdArray): Tensor {
  const data = a.data as unknown;
  const key = (Object.keys(TYPES) as TypeKey[]).find((k) => k !== 'Long' && data instanceof TYPES[k].Array);
  if (!key) throw new TorchError('fromNdarray: the ndarray data must be a typed array (Uint8/Int8/Int16/Int32/Float32/Float64)');
  check(a.stride.every((s) => s >= 0), 'fromNdarray: negative strides are not supported by Torch tensors');
  const storage = new STORAGES[key](data as TypedArray);
  const t = new TENSORS[key]();
  t._storage = storage;
  t.offset = a.offset;
  t._size = a.shape.slice();
  t._stride = a.stride.slice();
  return t;
}
