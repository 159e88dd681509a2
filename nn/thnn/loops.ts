/**
 * Elementwise loops for THNN kernels: one tight loop when contiguous, runs otherwise; and the
 * branch-free select loops behind Threshold / ReLU.
 */
import { runs2, runs3 } from '../../lib/apply.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { TypedArray } from '../../lib/types.js';

/** out[i] = f(a[i]) over two tensors with the same number of elements. */
export function map1(out: Tensor, a: Tensor, f: (x: number) => number): void {
  const o = out._storage.data, x = a._storage.data;
  if (out.isContiguous() && a.isContiguous()) {
    const n = a.nElement(), oo = out.offset, ao = a.offset;
    for (let i = 0; i < n; i++) o[oo + i] = f(x[ao + i]);
    return;
  }
  runs2(out, a, (po, so, pa, sa, len) => {
    for (let i = 0; i < len; i++, po += so, pa += sa) o[po] = f(x[pa]);
  });
}

/** out[i] = f(a[i], b[i]) over three tensors with the same number of elements. */
export function map2(out: Tensor, a: Tensor, b: Tensor, f: (x: number, y: number) => number): void {
  const o = out._storage.data, x = a._storage.data, y = b._storage.data;
  if (out.isContiguous() && a.isContiguous() && b.isContiguous()) {
    const n = a.nElement(), oo = out.offset, ao = a.offset, bo = b.offset;
    for (let i = 0; i < n; i++) o[oo + i] = f(x[ao + i], y[bo + i]);
    return;
  }
  runs3(out, a, b, (po, so, pa, sa, pb, sb, len) => {
    for (let i = 0; i < len; i++, po += so, pa += sa, pb += sb) o[po] = f(x[pa], y[pb]);
  });
}

// `x > th ? a : v` is a branch V8 does not turn into a select: on data of random sign (ReLU) it is
// mispredicted half the time, about 8 ns per element. For float arrays the loops below pick the bits
// instead, through Int32Array views, with the mask `-(c > th)` (V8 compiles a boolean-to-number to a
// setcc, branch free): each result is exactly the element, or value, the comparison chooses (a NaN
// compares false, as in C). The loops index the views from 0, which lets V8 drop more bounds checks
// than an offset added to each index (25% faster). Offsets and counts must be int32 (see fitsInt32).

/** The int32 words of elements [off, off + n) of a float array (1 per float, 2 per double), or null. */
function words(a: TypedArray, off: number, n: number): Int32Array | null {
  if (!(a instanceof Float32Array || a instanceof Float64Array)) return null;
  return new Int32Array(a.buffer, a.byteOffset + off * a.BYTES_PER_ELEMENT, n * (a.BYTES_PER_ELEMENT >> 2));
}
/** The int32 words of v stored as an element of `a` (one for a float, [lo, hi] for a double). */
function valueWords(a: Float32Array | Float64Array, v: number): Int32Array {
  const one = a instanceof Float32Array ? new Float32Array([v]) : new Float64Array([v]);
  return new Int32Array(one.buffer);
}

/** out[i] = c[i] > th ? a[i] : v, for n elements from the given offsets (out and a of one type). */
export function selectAbove(out: TypedArray, oo: number, a: TypedArray, ao: number, c: TypedArray, co: number, n: number,
  th: number, v: number): void {
  const ow = words(out, oo, n), aw = words(a, ao, n);
  if (ow && aw && out.constructor === a.constructor) {
    const vw = valueWords(out as Float32Array | Float64Array, v), cs = c.subarray(co, co + n);
    if (vw.length === 1) select1(ow, aw, cs, n, th, vw[0]);
    else select2(ow, aw, cs, n, th, vw[0], vw[1]);
    return;
  }
  for (let i = 0; i < n; i++) out[oo + i] = c[co + i] > th ? a[ao + i] : v;
}

/** a[i] = c[i] <= th ? v : a[i] in place, for n elements from the given offsets. */
export function replaceAtMost(a: TypedArray, ao: number, c: TypedArray, co: number, n: number, th: number, v: number): void {
  const aw = words(a, ao, n);
  if (aw) {
    const vw = valueWords(a as Float32Array | Float64Array, v), cs = c.subarray(co, co + n);
    if (vw.length === 1) replace1(aw, cs, n, th, vw[0]);
    else replace2(aw, cs, n, th, vw[0], vw[1]);
    return;
  }
  for (let i = 0; i < n; i++) if (c[co + i] <= th) a[ao + i] = v;
}

function select1(ow: Int32Array, aw: Int32Array, c: TypedArray, n: number, th: number, vb: number): void {
  for (let i = 0; i < n; i++) {
    const m = -(c[i] > th);
    ow[i] = (aw[i] & m) | (vb & ~m);
  }
}

function select2(ow: Int32Array, aw: Int32Array, c: TypedArray, n: number, th: number, vlo: number, vhi: number): void {
  for (let i = 0; i < n; i++) {
    const m = -(c[i] > th), k = 2 * i;
    ow[k] = (aw[k] & m) | (vlo & ~m);
    ow[k + 1] = (aw[k + 1] & m) | (vhi & ~m);
  }
}

function replace1(aw: Int32Array, c: TypedArray, n: number, th: number, vb: number): void {
  for (let i = 0; i < n; i++) {
    const m = -(c[i] <= th);
    aw[i] = (aw[i] & ~m) | (vb & m);
  }
}

function replace2(aw: Int32Array, c: TypedArray, n: number, th: number, vlo: number, vhi: number): void {
  for (let i = 0; i < n; i++) {
    const m = -(c[i] <= th), k = 2 * i;
    aw[k] = (aw[k] & ~m) | (vlo & m);
    aw[k + 1] = (aw[k + 1] & ~m) | (vhi & m);
  }
}
