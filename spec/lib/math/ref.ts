/** Plain reference loops for the reduction / sort specs: tensors as row-major arrays, slices along a dim. */
import { torch, Tensor } from '../../../lib/index.js';
import { flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

/** A row-major array with its sizes. */
export interface Arr { size: number[]; data: number[] }

/** The elements of t as a row-major array. */
export const arr = (t: Tensor): Arr => ({ size: t.shape, data: flat(t) });

/**
 * Applies `f` to every slice of `a` along dim `d` (0-based); `f` returns `m` values that fill the dim
 * of the result (m = 1 for a reduction that keeps the dim).
 */
export function along(a: Arr, d: number, f: (slice: number[]) => number[]): Arr {
  const n = a.size[d];
  const outer = a.size.slice(0, d).reduce((p, v) => p * v, 1);
  const inner = a.size.slice(d + 1).reduce((p, v) => p * v, 1);
  let m = -1;
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const slice: number[] = [];
      for (let i = 0; i < n; i++) slice.push(a.data[(o * n + i) * inner + j]);
      const r = f(slice);
      m = r.length;
      for (let i = 0; i < m; i++) out[(o * m + i) * inner + j] = r[i];
    }
  }
  const size = a.size.slice();
  size[d] = m;
  return { size, data: out };
}

/** Like `along` with a reduction to one value. */
export const reduceAlong = (a: Arr, d: number, f: (slice: number[]) => number): Arr => along(a, d, (s) => [f(s)]);

/** Random sizes: 1 to `maxDim` dims of 1 to `maxSize` elements. */
export function randomSizes(rnd: () => number, maxDim = 4, maxSize = 5): number[] {
  const nd = 1 + Math.floor(rnd() * maxDim);
  return Array.from({ length: nd }, () => 1 + Math.floor(rnd() * maxSize));
}

/** The three layouts every op is checked on: contiguous, transposed (non-contiguous), and expanded (zero stride). */
export function layouts(type: string, sizes: number[], rnd: () => number, lo = -3, hi = 3): [string, Tensor][] {
  const t = randomTensor(type, sizes, rnd, lo, hi);
  const base = sizes.slice();
  const e = Math.max(0, sizes.findIndex((s) => s > 1));
  base[e] = 1;
  const ex = randomTensor(type, base, rnd, lo, hi).expand(sizes);
  return [['contiguous', t], ['non-contiguous', nonContiguous(t)], ['expanded', ex]];
}

/** A tensor of `type` from nested arrays. */
export const make = (type: string, values: unknown): Tensor => new (torch as any)[`${type}Tensor`](values);

/** A seeded generator per spec file. */
export { prng };
