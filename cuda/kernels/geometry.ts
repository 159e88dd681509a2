/**
 * How device kernels address a tensor: its storage buffer, offset and up to 4 (collapsed) sizes and
 * strides, passed as integer arguments so one compiled kernel serves every shape.
 */
import type { Tensor } from '../../lib/Tensor.js';
import type { Handle } from '../context.js';
import type { CudaStorage } from '../CudaStorage.js';

/** The dims of a tensor after merging dims that are contiguous with each other (size-1 dims dropped). */
export function collapse(t: Tensor): { size: number[]; stride: number[] } {
  const size: number[] = [], stride: number[] = [];
  for (let d = t._size.length - 1; d >= 0; d--) {
    const n = t._size[d], s = t._stride[d];
    if (n === 1) continue;
    const last = size.length - 1;
    if (last >= 0 && s === size[0] * stride[0]) { size[0] *= n; continue; }
    size.unshift(n); stride.unshift(s);
  }
  return { size, stride };
}

/** A tensor operand of a device kernel. */
export interface Operand {
  /** The storage's device buffer. */
  buf: Handle;
  /** Element offset into it. */
  off: number;
  /** True when the elements are buf[off .. off+n) in order. */
  contiguous: boolean;
  /** Sizes of dims 1..3 of the 4-D collapsed view (dim 0 is implied). */
  n: [number, number, number];
  /** Strides of the 4 dims. */
  s: [number, number, number, number];
}

/** The operand form of t, or undefined when it has more than 4 non-mergeable dims. */
export function operand(t: Tensor): Operand | undefined {
  const st = t._storage as CudaStorage;
  const { size, stride } = collapse(t);
  if (size.length > 4) return undefined;
  while (size.length < 4) { size.unshift(1); stride.unshift(0); }
  const contiguous = stride[3] === 1 && stride[2] === size[3] && stride[1] === size[3] * size[2] && stride[0] === size[3] * size[2] * size[1]
    || t.nElement() <= 1;
  return { buf: st.deviceBuffer(), off: t.offset, contiguous, n: [size[1], size[2], size[3]], s: [stride[0], stride[1], stride[2], stride[3]] };
}

/** gpu.js source of the index of element `i` of operand `x` (named x, xo, xn1.., xs0..). */
export function indexExpr(x: string, contiguous: boolean, i = 'i'): string {
  if (contiguous) return `${x}o + ${i}`;
  return `${x}o + ${x}s3 * (${i} % ${x}n3) + ${x}s2 * (Math.floor(${i} / ${x}n3) % ${x}n2)` +
    ` + ${x}s1 * (Math.floor(${i} / (${x}n3 * ${x}n2)) % ${x}n1) + ${x}s0 * Math.floor(${i} / (${x}n3 * ${x}n2 * ${x}n1))`;
}

/** The kernel parameters of operand `x` (buffer first). */
export function operandParams(x: string, contiguous: boolean): string[] {
  return contiguous ? [x, `${x}o`] : [x, `${x}o`, `${x}n1`, `${x}n2`, `${x}n3`, `${x}s0`, `${x}s1`, `${x}s2`, `${x}s3`];
}

/** The kernel arguments of an operand, matching `operandParams`. */
export function operandArgs(o: Operand): unknown[] {
  return o.contiguous ? [o.buf, o.off] : [o.buf, o.off, ...o.n, ...o.s];
}

/** argumentTypes for operandParams: the buffer is an Array, the rest Integers. */
export function operandTypes(x: string, contiguous: boolean): Record<string, string> {
  const t: Record<string, string> = {};
  for (const p of operandParams(x, contiguous)) t[p] = p === x ? 'Array' : 'Integer';
  return t;
}
