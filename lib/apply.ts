/**
 * Row-major iteration over strided tensors, as TH's TENSOR_APPLY does: every loop visits elements
 * in logical row-major order, whatever the strides. Work is handed out in runs: a run is `len`
 * elements that sit at a fixed stride in each tensor, so kernels keep a tight inner loop.
 */
import { TorchError } from './errors.js';

/** The geometry a cursor needs: what every Tensor has. */
export interface Strided {
  readonly offset: number;
  readonly _size: number[];
  readonly _stride: number[];
}

/** Merges dims that are contiguous with each other and drops size-1 dims. */
export function collapse(t: Strided): { size: number[]; stride: number[] } {
  const size: number[] = [];
  const stride: number[] = [];
  for (let d = 0; d < t._size.length; d++) {
    const s = t._size[d];
    if (s === 1) continue;
    const k = size.length - 1;
    if (k >= 0 && stride[k] === t._stride[d] * s) {
      size[k] *= s;
      stride[k] = t._stride[d];
    } else {
      size.push(s);
      stride.push(t._stride[d]);
    }
  }
  if (size.length === 0) { size.push(1); stride.push(1); }
  return { size, stride };
}

/** Walks one tensor's offsets run by run (the innermost collapsed dim is the run). */
class Cursor {
  private readonly size: number[];
  private readonly strides: number[];
  private readonly counter: number[];
  /** Offset of the next element. */
  offset: number;
  /** Stride inside the current run. */
  readonly step: number;
  /** Elements left in the current run. */
  left: number;

  constructor(t: Strided) {
    const c = collapse(t);
    this.size = c.size;
    this.strides = c.stride;
    this.counter = new Array(c.size.length).fill(0);
    this.offset = t.offset;
    const last = c.size.length - 1;
    this.step = c.stride[last];
    this.left = c.size[last];
  }

  /** Moves `n` elements forward inside the current run; starts the next run when it ends. */
  advance(n: number): void {
    this.left -= n;
    this.offset += n * this.step;
    if (this.left > 0) return;
    const last = this.size.length - 1;
    this.offset -= this.size[last] * this.step;
    for (let d = last - 1; d >= 0; d--) {
      this.counter[d]++;
      this.offset += this.strides[d];
      if (this.counter[d] < this.size[d]) break;
      this.offset -= this.counter[d] * this.strides[d];
      this.counter[d] = 0;
    }
    this.left = this.size[last];
  }
}

/** Number of elements of a strided geometry (0 for an empty tensor). */
function count(t: Strided): number {
  if (t._size.length === 0) return 0;
  let n = 1;
  for (const s of t._size) n *= s;
  return n;
}

/** Calls `fn(offset, stride, len)` for each run of `a`, in row-major order. */
export function runs1(a: Strided, fn: (oa: number, sa: number, len: number) => void): void {
  let n = count(a);
  if (n === 0) return;
  const ca = new Cursor(a);
  while (n > 0) {
    const len = ca.left;
    fn(ca.offset, ca.step, len);
    n -= len;
    if (n > 0) ca.advance(len);
  }
}

/** Lock-step runs over two tensors with the same number of elements (shapes may differ, as in TH). */
export function runs2(a: Strided, b: Strided,
  fn: (oa: number, sa: number, ob: number, sb: number, len: number) => void): void {
  let n = count(a);
  if (n !== count(b)) throw new TorchError('inconsistent tensor size');
  if (n === 0) return;
  const ca = new Cursor(a), cb = new Cursor(b);
  while (n > 0) {
    const len = Math.min(ca.left, cb.left);
    fn(ca.offset, ca.step, cb.offset, cb.step, len);
    n -= len;
    if (n > 0) { ca.advance(len); cb.advance(len); }
  }
}

/** Lock-step runs over three tensors with the same number of elements. */
export function runs3(a: Strided, b: Strided, c: Strided,
  fn: (oa: number, sa: number, ob: number, sb: number, oc: number, sc: number, len: number) => void): void {
  let n = count(a);
  if (n !== count(b) || n !== count(c)) throw new TorchError('inconsistent tensor size');
  if (n === 0) return;
  const ca = new Cursor(a), cb = new Cursor(b), cc = new Cursor(c);
  while (n > 0) {
    const len = Math.min(ca.left, cb.left, cc.left);
    fn(ca.offset, ca.step, cb.offset, cb.step, cc.offset, cc.step, len);
    n -= len;
    if (n > 0) { ca.advance(len); cb.advance(len); cc.advance(len); }
  }
}

/** Calls `fn(offset)` for every element of `a` in row-major order. */
export function forEachOffset(a: Strided, fn: (o: number) => void): void {
  runs1(a, (o, s, len) => { for (let i = 0; i < len; i++, o += s) fn(o); });
}

/**
 * Runs over all dims but `dim` (0-based): `fn(offset)` is called once per slice with the offset of the
 * slice's first element; the slice has `size[dim]` elements at stride `stride[dim]`. Row-major order.
 */
export function forEachSlice(a: Strided, dim: number, fn: (o: number) => void): void {
  const size = a._size.slice(), stride = a._stride.slice();
  size.splice(dim, 1);
  stride.splice(dim, 1);
  if (size.length === 0) { fn(a.offset); return; }
  forEachOffset({ offset: a.offset, _size: size, _stride: stride }, fn);
}

/** Slices of two tensors along `dim` in lock step (same sizes apart from `dim`). */
export function forEachSlice2(a: Strided, b: Strided, dim: number, fn: (oa: number, ob: number) => void): void {
  const drop = (t: Strided): Strided => {
    const size = t._size.slice(), stride = t._stride.slice();
    size.splice(dim, 1);
    stride.splice(dim, 1);
    return size.length ? { offset: t.offset, _size: size, _stride: stride } : { offset: t.offset, _size: [1], _stride: [1] };
  };
  runs2(drop(a), drop(b), (oa, sa, ob, sb, len) => {
    for (let i = 0; i < len; i++, oa += sa, ob += sb) fn(oa, ob);
  });
}
