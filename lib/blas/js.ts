/**
 * Plain-JS BLAS loops for every element type: the fallback for tiny sizes, for integer arrays and
 * for machines without WebAssembly. Int32Array uses Math.imul, so it wraps exactly as C int does;
 * the narrower integer types are exact in doubles and wrap on the store, as a C cast does.
 */
import type { TypedArray } from '../types.js';

/** C = alpha op(A) op(B) + beta C, column-major (arguments already checked). */
export function gemmJs(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number,
  a: TypedArray, aOff: number, lda: number, b: TypedArray, bOff: number, ldb: number,
  beta: number, c: TypedArray, cOff: number, ldc: number): void {
  if (c instanceof Int32Array) { gemmInt32(ta, tb, m, n, k, alpha | 0, a, aOff, lda, b, bOff, ldb, beta | 0, c, cOff, ldc); return; }
  // element strides of op(A) along i and p, and of op(B) along p and j
  const ai = ta ? lda : 1, ap = ta ? 1 : lda, bp = tb ? ldb : 1, bj = tb ? 1 : ldb;
  if (!ta && m > 2) { // axpy form: C(:,j) += A(:,p) * (alpha B(p,j)), contiguous in A and C
    for (let j = 0; j < n; j++) {
      const cj = cOff + j * ldc;
      if (beta === 0) for (let i = 0; i < m; i++) c[cj + i] = 0;
      else if (beta !== 1) for (let i = 0; i < m; i++) c[cj + i] *= beta;
      for (let p = 0; p < k; p++) {
        const z = alpha * b[bOff + p * bp + j * bj];
        if (z === 0) continue;
        const a0 = aOff + p * ap;
        for (let i = 0; i < m; i++) c[cj + i] += a[a0 + i] * z;
      }
    }
  } else { // dot form: contiguous in A along p when A is transposed
    for (let j = 0; j < n; j++) {
      const b0 = bOff + j * bj, cj = cOff + j * ldc;
      for (let i = 0; i < m; i++) {
        const a0 = aOff + i * ai;
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[a0 + p * ap] * b[b0 + p * bp];
        c[cj + i] = beta === 0 ? alpha * sum : beta * c[cj + i] + alpha * sum;
      }
    }
  }
}

function gemmInt32(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number,
  a: TypedArray, aOff: number, lda: number, b: TypedArray, bOff: number, ldb: number,
  beta: number, c: Int32Array, cOff: number, ldc: number): void {
  const ai = ta ? lda : 1, ap = ta ? 1 : lda, bp = tb ? ldb : 1, bj = tb ? 1 : ldb;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum = (sum + Math.imul(a[aOff + i * ai + p * ap], b[bOff + p * bp + j * bj])) | 0;
      const ci = cOff + i + j * ldc;
      c[ci] = beta === 0 ? Math.imul(alpha, sum) : (Math.imul(beta, c[ci]) + Math.imul(alpha, sum)) | 0;
    }
  }
}

/** y = alpha op(A) x + beta y. */
export function gemvJs(trans: boolean, m: number, n: number, alpha: number, a: TypedArray, aOff: number, lda: number,
  x: TypedArray, xOff: number, incx: number, beta: number, y: TypedArray, yOff: number, incy: number): void {
  if (y instanceof Int32Array) { gemvInt32(trans, m, n, alpha | 0, a, aOff, lda, x, xOff, incx, beta | 0, y, yOff, incy); return; }
  if (trans) { // y(i) = alpha sum_j A(j,i) x(j) + beta y(i), i < n
    for (let i = 0; i < n; i++) {
      const a0 = aOff + i * lda;
      let sum = 0;
      for (let j = 0; j < m; j++) sum += x[xOff + j * incx] * a[a0 + j];
      const yi = yOff + i * incy;
      y[yi] = beta === 0 ? alpha * sum : beta * y[yi] + alpha * sum;
    }
  } else {
    if (beta === 0) for (let i = 0; i < m; i++) y[yOff + i * incy] = 0;
    else if (beta !== 1) for (let i = 0; i < m; i++) y[yOff + i * incy] *= beta;
    for (let j = 0; j < n; j++) {
      const z = alpha * x[xOff + j * incx], a0 = aOff + j * lda;
      if (z === 0) continue;
      for (let i = 0; i < m; i++) y[yOff + i * incy] += z * a[a0 + i];
    }
  }
}

function gemvInt32(trans: boolean, m: number, n: number, alpha: number, a: TypedArray, aOff: number, lda: number,
  x: TypedArray, xOff: number, incx: number, beta: number, y: Int32Array, yOff: number, incy: number): void {
  const rows = trans ? n : m, len = trans ? m : n, ai = trans ? lda : 1, ap = trans ? 1 : lda;
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let p = 0; p < len; p++) sum = (sum + Math.imul(a[aOff + i * ai + p * ap], x[xOff + p * incx])) | 0;
    const yi = yOff + i * incy;
    y[yi] = beta === 0 ? Math.imul(alpha, sum) : (Math.imul(beta, y[yi]) + Math.imul(alpha, sum)) | 0;
  }
}

/** A += alpha x y'. */
export function gerJs(m: number, n: number, alpha: number, x: TypedArray, xOff: number, incx: number,
  y: TypedArray, yOff: number, incy: number, a: TypedArray, aOff: number, lda: number): void {
  const int = a instanceof Int32Array;
  for (let j = 0; j < n; j++) {
    const a0 = aOff + j * lda;
    if (int) {
      const z = Math.imul(alpha | 0, y[yOff + j * incy]);
      for (let i = 0; i < m; i++) a[a0 + i] = (a[a0 + i] + Math.imul(z, x[xOff + i * incx])) | 0;
    } else {
      const z = alpha * y[yOff + j * incy];
      for (let i = 0; i < m; i++) a[a0 + i] += z * x[xOff + i * incx];
    }
  }
}

/** sum_i x(i) y(i). Int32Array: wraps as a C int; the float types accumulate in double. */
export function dotJs(n: number, x: TypedArray, xOff: number, incx: number, y: TypedArray, yOff: number, incy: number): number {
  let sum = 0;
  if (x instanceof Int32Array) {
    for (let i = 0; i < n; i++) sum = (sum + Math.imul(x[xOff + i * incx], y[yOff + i * incy])) | 0;
  } else {
    for (let i = 0; i < n; i++) sum += x[xOff + i * incx] * y[yOff + i * incy];
  }
  return sum;
}

/** y += a x. */
export function axpyJs(n: number, a: number, x: TypedArray, xOff: number, incx: number, y: TypedArray, yOff: number, incy: number): void {
  if (y instanceof Int32Array) {
    for (let i = 0; i < n; i++) y[yOff + i * incy] = (y[yOff + i * incy] + Math.imul(a | 0, x[xOff + i * incx])) | 0;
  } else {
    for (let i = 0; i < n; i++) y[yOff + i * incy] += a * x[xOff + i * incx];
  }
}

/** x *= a (a == 0 writes zeros, as BLAS does: NaN in x does not survive). */
export function scalJs(n: number, a: number, x: TypedArray, xOff: number, incx: number): void {
  if (a === 0) for (let i = 0; i < n; i++) x[xOff + i * incx] = 0;
  else if (x instanceof Int32Array) for (let i = 0; i < n; i++) x[xOff + i * incx] = Math.imul(a | 0, x[xOff + i * incx]);
  else for (let i = 0; i < n; i++) x[xOff + i * incx] *= a;
}
