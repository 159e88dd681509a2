/**
 * Where the slices of a device reduction or scan lie: m slices of K elements each, the elements of a
 * slice `st` apart, and slice s starting at the address of element s (row-major) of an "outer" view
 * (the tensor without the reduced dim). Outer views that collapse to one dim are addressed as rows
 * (`ao + s * aR`); others through geometry.ts's 4-D index expression. Also: pseudo-tensors, header-only
 * views over a storage or a temporary buffer that `map` and `operand` can address without creating a
 * CudaTensor (so no storage reference counts change).
 */
import type { Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import type { DeviceContext, Handle } from '../context.js';
import { collapse, indexExpr } from './geometry.js';
import { map } from './pointwise.js';

/** The slices of a reduction. */
export interface Slices {
  readonly ctx: DeviceContext;
  /** The buffer the slices are read from. */
  readonly buf: Handle;
  /** Element offset of slice 0. */
  readonly off: number;
  /** Row stride between slices (rows layout), or undefined for the 4-D layout in `n`/`s`. */
  readonly R?: number;
  /** Sizes of dims 1..3 and strides of dims 0..3 of the outer view (4-D layout). */
  readonly n?: readonly number[];
  readonly s?: readonly number[];
  readonly m: number;
  readonly K: number;
  readonly st: number;
}

/** Kernel parameters addressing the slice bases of `x` (buffer first). */
export function baseParams(sl: Slices, x = 'a'): string[] {
  return sl.R !== undefined ? [x, `${x}o`, `${x}R`] : [x, `${x}o`, `${x}n1`, `${x}n2`, `${x}n3`, `${x}s0`, `${x}s1`, `${x}s2`, `${x}s3`];
}
/** argumentTypes of `baseParams`. */
export function baseTypes(sl: Slices, x = 'a'): Record<string, string> {
  const t: Record<string, string> = {};
  for (const p of baseParams(sl, x)) t[p] = p === x ? 'Array' : 'Integer';
  return t;
}
/** The arguments matching `baseParams`. */
export function baseArgs(sl: Slices): unknown[] {
  return sl.R !== undefined ? [sl.buf, sl.off, sl.R] : [sl.buf, sl.off, ...sl.n!, ...sl.s!];
}
/** gpu.js source of the address where slice `s` starts. */
export function baseExpr(sl: Slices, x = 'a', s = 's'): string {
  return sl.R !== undefined ? `${x}o + ${s} * ${x}R` : indexExpr(x, false, s);
}
/** The layout part of a kernel cache key. */
export function layoutKey(sl: Slices): string { return sl.R !== undefined ? 'rows' : 'nd'; }

/**
 * The slices of `t` along dim d (0-based), or undefined when the outer view has more than 4 dims.
 * @example
 * const sl = slicesAlong(x, 1)!; // x: 4x5x6 -> 24 slices of 5 elements, 6 apart
 */
export function slicesAlong(t: Tensor, d: number): Slices | undefined {
  const st = t._storage as CudaStorage;
  const outer = { _size: t._size.filter((_, k) => k !== d), _stride: t._stride.filter((_, k) => k !== d) };
  const m = outer._size.reduce((a, b) => a * b, 1);
  return outerSlices(st.ctx, st.deviceBuffer(), t.offset, outer._size, outer._stride, m, t._size[d], t._stride[d]);
}

function outerSlices(ctx: DeviceContext, buf: Handle, off: number, size: number[], stride: number[], m: number, K: number, st: number): Slices | undefined {
  const c = collapse({ _size: size, _stride: stride } as Tensor);
  if (c.size.length <= 1) return { ctx, buf, off, R: c.stride[0] ?? 0, m, K, st };
  if (c.size.length > 4) return undefined;
  while (c.size.length < 4) { c.size.unshift(1); c.stride.unshift(0); }
  return { ctx, buf, off, n: c.size.slice(1), s: c.stride, m, K, st };
}

/**
 * m contiguous rows of K elements in buffer h.
 * @example
 * fold(rowSlices(ctx, h, 1, n), FOLDS.sum, []); // the sum of a temporary buffer of n floats
 */
export function rowSlices(ctx: DeviceContext, h: Handle, m: number, K: number): Slices {
  return { ctx, buf: h, off: 0, R: K, m, K, st: 1 };
}

/**
 * All elements of t as one slice: t's own buffer when t is contiguous, else a contiguous copy
 * (`temp`, which the caller frees). Undefined when t cannot be addressed.
 * @example
 * const w = wholeSlices(x)!; const s = foldToNumber(w.sl, FOLDS.sum, []); if (w.temp) w.sl.ctx.free(w.temp, w.sl.K);
 */
export function wholeSlices(t: Tensor): { sl: Slices; temp?: Handle } | undefined {
  const st = t._storage as CudaStorage;
  const n = t.nElement();
  if (t.isContiguous()) return { sl: { ctx: st.ctx, buf: st.deviceBuffer(), off: t.offset, R: 0, m: 1, K: n, st: 1 } };
  const temp = map('va', [t], [], n);
  return temp && { sl: rowSlices(st.ctx, temp, 1, n), temp };
}

/**
 * A header-only view of `t`'s storage (no CudaTensor is made, so no reference count changes).
 * @example
 * map('va', [pseudoView(x, x.offset, [x.size(2), x.size(1)], [x.stride(2), x.stride(1)])], [], n); // x transposed, copied
 */
export function pseudoView(t: Tensor, offset: number, size: readonly number[], stride: readonly number[]): Tensor {
  return pseudo(t._storage as CudaStorage, offset, size, stride);
}

/**
 * A header-only tensor over a temporary buffer h of context ctx, for `map` and `operand`.
 * @example
 * map('va + 1', [bufferTensor(ctx, h, [m])], [], m); // h + 1 in a new buffer
 */
export function bufferTensor(ctx: DeviceContext, h: Handle, size: readonly number[], stride?: readonly number[]): Tensor {
  const storage = { ctx, device: ctx.id, deviceBuffer: () => h } as unknown as CudaStorage;
  return pseudo(storage, 0, size, stride ?? rowMajor(size));
}

function pseudo(storage: CudaStorage, offset: number, size: readonly number[], stride: readonly number[]): Tensor {
  const n = size.length === 0 ? 0 : size.reduce((a, b) => a * b, 1);
  return { _storage: storage, offset, _size: size.slice(), _stride: stride.slice(), nElement: () => n } as unknown as Tensor;
}

/** Row-major strides of `size`. */
export function rowMajor(size: readonly number[]): number[] {
  const s = new Array<number>(size.length);
  for (let k = size.length - 1, z = 1; k >= 0; k--) { s[k] = z; z *= size[k]; }
  return s;
}
