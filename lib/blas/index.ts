/**
 * torch7ts BLAS: column-major, Fortran-convention routines with the semantics of torch7's THBlas
 * (lib/TH/generic/THBlas.c), on every Torch element type.
 *
 * Float32Array / Float64Array run on the system OpenBLAS (through koffi) where it loads, else on the
 * WebAssembly SIMD kernels (multi-threaded for large GEMMs), else in plain JS; integer arrays always
 * run in plain JS. TORCH7TS_BLAS=openblas|wasm|js forces a backend; TORCH7TS_BLAS_LIB names a CBLAS
 * library to load. As in BLAS, beta == 0 means C (or y) is not read, so NaN there does not propagate.
 */
import type { TypedArray } from '../types.js';
import { current } from './backend.js';
import { checkDim, checkLd, checkMatrix, checkVector, transFlag } from './check.js';
import { axpyJs, dotJs, gemmJs, gemvJs, gerJs, scalJs } from './js.js';
import { NO_TRANS, TRANS, type NativeRoutines } from './native.js';

export type { TypedArray };
export { availableBackends, blasInfo, getNumThreads, setBackend, setNumThreads, type BlasBackend, type BlasInfo } from './backend.js';

/**
 * Below these sizes (multiply-adds m*n*k, or elements) the plain-JS loops beat a call into native
 * code (~0.2 us through koffi) or into the WebAssembly engine (packing, ~1 us); measured in Node 20.
 */
const NATIVE_GEMM_MIN = 64, WASM_GEMM_MIN = 512, NATIVE_VEC_MIN = 64;

type Float = Float32Array | Float64Array;
const isFloat = (x: TypedArray): x is Float => x instanceof Float32Array || x instanceof Float64Array;
/** The native routines for the arrays, when all are floats of one type and native runs. */
function nativeFor(...xs: TypedArray[]): NativeRoutines | null {
  const native = current.native;
  if (current.backend !== 'openblas' || !native) return null;
  const c = xs[0].constructor;
  if (!isFloat(xs[0]) || xs.some((x) => x.constructor !== c)) return null;
  return xs[0] instanceof Float32Array ? native.s : native.d;
}
const at = <T extends TypedArray>(x: T, off: number): T => (off === 0 ? x : (x.subarray(off) as T));
/** Torch casts alpha and beta to the element type: integers truncate. */
const scalar = (x: TypedArray, v: number): number => (isFloat(x) ? v : Math.trunc(v));

/** v converted to x's element type, as THBlas_dot returns a `real` (Float64Array: unchanged). */
function castLike(x: TypedArray, v: number): number {
  if (x instanceof Float64Array) return v;
  if (x instanceof Float32Array) return Math.fround(v);
  const one = new (x.constructor as new (n: number) => TypedArray)(1);
  one[0] = v;
  return one[0];
}

/**
 * C = alpha op(A) op(B) + beta C, column-major: op(A) is m x k, op(B) is k x n, C is m x n
 * (THBlas_gemm, with its leading-dimension fixes for size-1 dimensions).
 * @example
 * const c = new Float64Array(4);
 * gemm('n', 'n', 2, 2, 2, 1, new Float64Array([1, 2, 3, 4]), 0, 2, new Float64Array([1, 0, 0, 1]), 0, 2, 0, c, 0, 2);
 * // c = [1, 2, 3, 4]
 */
export function gemm(transa: 'n' | 't', transb: 'n' | 't', m: number, n: number, k: number, alpha: number,
  a: TypedArray, aOff: number, lda: number, b: TypedArray, bOff: number, ldb: number,
  beta: number, c: TypedArray, cOff: number, ldc: number): void {
  const ta = transFlag('gemm', transa), tb = transFlag('gemm', transb);
  checkDim('gemm', 'm', m); checkDim('gemm', 'n', n); checkDim('gemm', 'k', k);
  if (n === 1) ldc = Math.max(1, m);
  if (ta) { if (m === 1) lda = Math.max(1, k); } else if (k === 1) lda = Math.max(1, m);
  if (tb) { if (k === 1) ldb = Math.max(1, n); } else if (n === 1) ldb = Math.max(1, k);
  checkLd('gemm', 'lda', lda, ta ? k : m); checkLd('gemm', 'ldb', ldb, tb ? n : k); checkLd('gemm', 'ldc', ldc, m);
  checkMatrix('gemm', 'A', a, aOff, ta ? k : m, ta ? m : k, lda);
  checkMatrix('gemm', 'B', b, bOff, tb ? n : k, tb ? k : n, ldb);
  checkMatrix('gemm', 'C', c, cOff, m, n, ldc);
  if (m === 0 || n === 0) return;
  alpha = scalar(c, alpha); beta = scalar(c, beta);
  if (k === 0 || alpha === 0) { for (let j = 0; j < n; j++) scalJs(m, beta, c, cOff + j * ldc, 1); return; }
  const size = m * n * k;
  const nat = size >= NATIVE_GEMM_MIN ? nativeFor(c, a, b) : null;
  if (nat) {
    nat.gemm(ta ? TRANS : NO_TRANS, tb ? TRANS : NO_TRANS, m, n, k, alpha, at(a as Float, aOff), lda, at(b as Float, bOff), ldb, beta, at(c as Float, cOff), ldc);
  } else if (current.backend === 'wasm' && current.engine && size >= WASM_GEMM_MIN && m > 1 && n > 1 && isFloat(c)
    && a.constructor === c.constructor && b.constructor === c.constructor) {
    current.engine.gemm(ta, tb, m, n, k, alpha, a as Float, aOff, lda, b as Float, bOff, ldb, beta, c, cOff, ldc);
  } else {
    gemmJs(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }
}

/**
 * y = alpha op(A) x + beta y, A is m x n column-major; op(A) = A' when trans is 't' (THBlas_gemv).
 * @example
 * const y = new Float64Array(2);
 * gemv('n', 2, 2, 1, new Float64Array([1, 2, 3, 4]), 0, 2, new Float64Array([1, 1]), 0, 1, 0, y, 0, 1); // y = [4, 6]
 */
export function gemv(trans: 'n' | 't', m: number, n: number, alpha: number, a: TypedArray, aOff: number, lda: number,
  x: TypedArray, xOff: number, incx: number, beta: number, y: TypedArray, yOff: number, incy: number): void {
  const t = transFlag('gemv', trans);
  checkDim('gemv', 'm', m); checkDim('gemv', 'n', n);
  if (n === 1) lda = Math.max(1, m);
  checkLd('gemv', 'lda', lda, m);
  checkMatrix('gemv', 'A', a, aOff, m, n, lda);
  const lx = t ? m : n, ly = t ? n : m;
  checkVector('gemv', 'x', x, xOff, lx, incx); checkVector('gemv', 'y', y, yOff, ly, incy);
  if (ly === 0) return;
  alpha = scalar(y, alpha); beta = scalar(y, beta);
  if (lx === 0 || alpha === 0) { scalJs(ly, beta, y, yOff, incy); return; }
  const nat = m * n >= NATIVE_VEC_MIN && incx > 0 && incy > 0 ? nativeFor(y, a, x) : null;
  if (nat) {
    if (beta === 0) scalJs(ly, 0, y, yOff, incy); // BLAS must not read y: make sure NaN there cannot leak
    nat.gemv(t ? TRANS : NO_TRANS, m, n, alpha, at(a as Float, aOff), lda, at(x as Float, xOff), incx, beta, at(y as Float, yOff), incy);
  } else {
    gemvJs(t, m, n, alpha, a, aOff, lda, x, xOff, incx, beta, y, yOff, incy);
  }
}

/**
 * A = alpha x y' + A, A is m x n column-major (THBlas_ger).
 * @example
 * const a = new Float64Array(4);
 * ger(2, 2, 1, new Float64Array([1, 2]), 0, 1, new Float64Array([3, 4]), 0, 1, a, 0, 2); // a = [3, 6, 4, 8]
 */
export function ger(m: number, n: number, alpha: number, x: TypedArray, xOff: number, incx: number,
  y: TypedArray, yOff: number, incy: number, a: TypedArray, aOff: number, lda: number): void {
  checkDim('ger', 'm', m); checkDim('ger', 'n', n);
  if (n === 1) lda = Math.max(1, m);
  checkLd('ger', 'lda', lda, m);
  checkVector('ger', 'x', x, xOff, m, incx); checkVector('ger', 'y', y, yOff, n, incy);
  checkMatrix('ger', 'A', a, aOff, m, n, lda);
  if (m === 0 || n === 0) return;
  alpha = scalar(a, alpha);
  const nat = m * n >= NATIVE_VEC_MIN && incx > 0 && incy > 0 ? nativeFor(a, x, y) : null;
  if (nat) nat.ger(m, n, alpha, at(x as Float, xOff), incx, at(y as Float, yOff), incy, at(a as Float, aOff), lda);
  else gerJs(m, n, alpha, x, xOff, incx, y, yOff, incy, a, aOff, lda);
}

/**
 * The dot product of two n-vectors (THBlas_dot).
 * @example
 * dot(3, new Float64Array([1, 2, 3]), 0, 1, new Float64Array([4, 5, 6]), 0, 1); // 32
 */
export function dot(n: number, x: TypedArray, xOff: number, incx: number, y: TypedArray, yOff: number, incy: number): number {
  checkDim('dot', 'n', n);
  if (n === 1) { incx = 1; incy = 1; }
  checkVector('dot', 'x', x, xOff, n, incx); checkVector('dot', 'y', y, yOff, n, incy);
  const nat = n >= NATIVE_VEC_MIN && incx > 0 && incy > 0 ? nativeFor(x, y) : null;
  if (nat) return nat.dot(n, at(x as Float, xOff), incx, at(y as Float, yOff), incy);
  return castLike(x, dotJs(n, x, xOff, incx, y, yOff, incy));
}

/**
 * y = a x + y on n-vectors (THBlas_axpy).
 * @example
 * const y = new Float64Array([1, 1]);
 * axpy(2, 2, new Float64Array([1, 2]), 0, 1, y, 0, 1); // y = [3, 5]
 */
export function axpy(n: number, a: number, x: TypedArray, xOff: number, incx: number, y: TypedArray, yOff: number, incy: number): void {
  checkDim('axpy', 'n', n);
  if (n === 1) { incx = 1; incy = 1; }
  checkVector('axpy', 'x', x, xOff, n, incx); checkVector('axpy', 'y', y, yOff, n, incy);
  a = scalar(y, a);
  const nat = n >= NATIVE_VEC_MIN && incx > 0 && incy > 0 ? nativeFor(y, x) : null;
  if (nat) nat.axpy(n, a, at(x as Float, xOff), incx, at(y as Float, yOff), incy);
  else axpyJs(n, a, x, xOff, incx, y, yOff, incy);
}

/**
 * x = a x on an n-vector (THBlas_scal); a == 0 writes zeros, as BLAS does.
 * @example
 * const x = new Float64Array([1, 2]);
 * scal(2, 3, x, 0, 1); // x = [3, 6]
 */
export function scal(n: number, a: number, x: TypedArray, xOff: number, incx: number): void {
  checkDim('scal', 'n', n);
  if (n === 1) incx = 1;
  checkVector('scal', 'x', x, xOff, n, incx);
  a = scalar(x, a);
  scalJs(n, a, x, xOff, incx);
}
