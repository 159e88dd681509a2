/**
 * Helpers shared by the conv, pooling and normalization THNN kernels: THNN's shape-check macros
 * (with their messages), newContiguous, and a row-major view of lib/blas's column-major GEMM.
 */
import { gemm } from '../../lib/blas/index.js';
import { argError, TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { TypedArray } from '../../lib/types.js';

/** THTensor_sizeDesc: `[2 x 3 x 4]`. */
export const sizeDesc = (t: Tensor): string => `[${t._size.join(' x ')}]`;

/** THArgCheck: `bad argument #n to 'fn' (msg)`. */
export function argCheck(cond: boolean, n: number, fn: string, msg: string): void {
  if (!cond) throw argError(n, fn, msg);
}

/** THNN_CHECK_DIM_SIZE: t must have `dim` dimensions and size `size` at (0-based) `dimSize`. */
export function checkDimSize(t: Tensor, name: string, dim: number, dimSize: number, size: number): void {
  if (t.dim() !== dim || t._size[dimSize] !== size) {
    throw new TorchError(`Need ${name} of dimension ${dim} and ${name}.size[${dimSize}] == ${size} but got ${name} to be of shape: ${sizeDesc(t)}`);
  }
}

/** THNN_CHECK_SHAPE: `a and b shapes do not match: a [..], b [..]`. */
export function checkShape(a: Tensor, aName: string, b: Tensor, bName: string): void {
  if (!a.isSameSizeAs(b)) {
    throw new TorchError(`${aName} and ${bName} shapes do not match: ${aName} ${sizeDesc(a)}, ${bName} ${sizeDesc(b)}`);
  }
}

/** The FFI's refusal to pass a tensor of another type (a FloatTensor weight with a DoubleTensor input). */
export function checkType(t: Tensor | null | undefined, ref: Tensor, n: number, fn: string): void {
  if (t && t.kind !== ref.kind) {
    throw argError(n, fn, `expected ${ref.type()}, got ${t.type()}`);
  }
}

/** checkType for each [tensor, argument number] pair. */
export function checkTypes(fn: string, ref: Tensor, ...pairs: [Tensor | null | undefined, number][]): void {
  for (const [t, n] of pairs) checkType(t, ref, n, fn);
}

/** Index tensors (max pooling's `indices`) must be LongTensors, as THIndexTensor is. */
export function checkIndices(t: Tensor, n: number, fn: string): void {
  if (t.kind.key !== 'Long') throw argError(n, fn, `expected torch.LongTensor, got ${t.type()}`);
}

/** THTensor_newContiguous: the tensor itself when contiguous, else a contiguous copy. */
export const contiguous = (t: Tensor): Tensor => (t.isContiguous() ? t : t.clone());

/** Resizes `t` to `sizes` and makes sure its elements are contiguous from its offset (fresh storage if not). */
export function resizeContiguous(t: Tensor, sizes: number[]): Tensor {
  t.resizeNd(sizes);
  if (!t.isContiguous()) t.set().resizeNd(sizes);
  return t;
}

/**
 * Row-major GEMM on flat arrays: C (m x n, row stride ldc) = alpha op(A) op(B) + beta C, where A and B
 * are stored row-major with row strides lda and ldb ('t' uses the transpose of the stored matrix).
 * It is column-major BLAS's C' = op(B)' op(A)', the trick THNN's kernels use; beta 0 does not read C.
 */
export function gemmRM(ta: 'n' | 't', tb: 'n' | 't', m: number, n: number, k: number, alpha: number,
  a: TypedArray, aOff: number, lda: number, b: TypedArray, bOff: number, ldb: number,
  beta: number, c: TypedArray, cOff: number, ldc: number): void {
  gemm(tb, ta, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
}

/** A 2-D [rows x (nElement/rows)] contiguous view of a weight (THNN's view_weight_MM2d / view_weight). */
export function weight2d(w: Tensor): { d: TypedArray; off: number; rows: number; cols: number } {
  const c = contiguous(w);
  const rows = c._size[0];
  return { d: c._storage.data, off: c.offset, rows, cols: rows > 0 ? c.nElement() / rows : 0 };
}

/**
 * The hot loops index with int32 arithmetic. Sizes and offsets that went through a Float64Array (a
 * LongStorage, or getParameters' flattening) arrive as heap doubles; passed on as they are, they make
 * V8 re-optimize the loops with float64 indices, which runs them 2x slower. So callers pass `n | 0`
 * after this check that every index fits (arrays beyond 2^31 - 1 elements are refused, never wrapped).
 */
export function fitsInt32(what: string, ...ends: number[]): void {
  for (const e of ends) if (!(e <= 0x7fffffff)) throw new TorchError(`${what}: tensor too large (more than 2^31 - 1 elements)`);
}

/** Sum of a contiguous run, in order, in double. */
export function sumRun(d: TypedArray, off: number, n: number): number {
  fitsInt32('sum', off + n);
  return sumInt(d, off | 0, n | 0);
}

function sumInt(d: TypedArray, off: number, n: number): number {
  let s = 0;
  for (let i = off, e = off + n; i < e; i++) s += d[i];
  return s;
}
