/**
 * The statistics of TensorMath on the device, per slice: variance / standard deviation (two passes:
 * the slice means, then the squared deviations from them, which is more accurate in float32 than TH's
 * one pass of Σx and Σx²), max/min with their positions, dist, and renorm.
 */
import type { Tensor } from '../../lib/Tensor.js';
import type { Handle } from '../context.js';
import type { CudaStorage } from '../CudaStorage.js';
import { map } from './pointwise.js';
import { fold, FOLDS, foldToNumber, normFold } from './reduce.js';
import { argExtreme, gatherAt } from './reduce-extreme.js';
import { bufferTensor, pseudoView, rowSlices, type Slices } from './reduce-slices.js';

/**
 * The variance (`sqrt` false) or standard deviation of each slice, over n - 1 unless `biased`.
 * @example
 * const h = variance(slicesAlong(t, 1)!, false, true); // std along dim 2
 */
export function variance(sl: Slices, biased: boolean, sqrt: boolean): Handle {
  const mu = fold(sl, FOLDS.mean, [sl.K]);
  const h = fold(sl, sqrt ? FOLDS.std : FOLDS.var, [biased ? sl.K : sl.K - 1], mu);
  sl.ctx.free(mu, sl.m);
  return h;
}

/**
 * The max (`sign` 1) or min of each slice and its 0-based position: two buffers of m the caller owns.
 * @example
 * const { values, positions } = extremes(slicesAlong(x, 0)!, 1); // max along dim 1
 */
export function extremes(sl: Slices, sign: 1 | -1): { values: Handle; positions: Handle } {
  const positions = argExtreme(sl, sign);
  return { values: gatherAt(sl, positions), positions };
}

/**
 * renorm's factor per slice: maxnorm / (norm + 1e-7) where the slice's p-norm exceeds maxnorm, else 1
 * (THTensor_(renorm)); p is finite and positive.
 */
function renormFactors(sl: Slices, p: number, maxnorm: number): Handle {
  const { f, scalars } = normFold(p);
  const norm = `(${f.finish ?? 'acc'})`;
  const scaled = { ...f, finish: `(${norm} > z ? z / (${norm} + 0.0000001) : 1)` };
  return fold(sl, scaled, [scalars[0] ?? 0, scalars[1] ?? 0, maxnorm]);
}

/**
 * THTensor_(renorm) of src along dim d (0-based): a new buffer (src's row-major order, the caller
 * owns it), or undefined when src cannot be addressed. p is finite and positive.
 * @example
 * commit(res.resizeAs(src), renormed(src, 0, 2, 1)!); // each row's 2-norm at most 1
 */
export function renormed(src: Tensor, d: number, p: number, maxnorm: number): Handle | undefined {
  const ctx = (src._storage as CudaStorage).ctx;
  const n = src.nElement(), rows = src._size[d];
  const others = (a: number[]) => a.filter((_, k) => k !== d);
  // the slices of dim d as contiguous rows: src with dim d moved first, copied
  const first = pseudoView(src, src.offset, [rows, ...others(src._size)], [src._stride[d], ...others(src._stride)]);
  const h = map('va', [first], [], n);
  if (!h) return undefined;
  const factors = renormFactors(rowSlices(ctx, h, rows, n / rows), p, maxnorm);
  ctx.free(h, n);
  const along = src._size.map((_, k) => (k === d ? 1 : 0));
  const out = map('va * vb', [src, bufferTensor(ctx, factors, src._size, along)], [], n);
  ctx.free(factors, rows);
  return out;
}

/** THTensor_(dist): (Σ|a - b|^p)^(1/p) of same-sized device tensors (p finite, not 0), or undefined. */
export function distance(a: Tensor, b: Tensor, p: number): number | undefined {
  const ctx = (a._storage as CudaStorage).ctx, n = a.nElement();
  const h = map('Math.abs(va - vb)', [a, b], [], n);
  if (!h) return undefined;
  const { f, scalars } = normFold(p);
  const v = foldToNumber(rowSlices(ctx, h, 1, n), f, scalars);
  ctx.free(h, n);
  return v;
}
