/**
 * The inner loops of the reductions: one top-level function per loop, taking the typed array, the
 * run's offset, stride and length, and the running accumulator (so a run sequence sums in TH's
 * element order). Top-level functions with the stride-1 loop split out keep V8's loops tight; the
 * same loop inside a closure that captures its arrays runs several times slower.
 */
import type { TypedArray } from '../types.js';

/** `acc` plus the elements, in order, in double. */
export function sumRun(d: TypedArray, o: number, s: number, n: number, acc = 0): number {
  if (s === 1) for (const e = o + n; o < e; o++) acc += d[o];
  else for (let i = 0; i < n; i++, o += s) acc += d[o];
  return acc;
}

/** `acc` times the elements, in double. */
export function prodRun(d: TypedArray, o: number, s: number, n: number, acc = 1): number {
  for (let i = 0; i < n; i++, o += s) acc *= d[o];
  return acc;
}

/** `acc` times the elements, modulo 2^32 (the low bits of an integer product). */
export function imulRun(d: TypedArray, o: number, s: number, n: number, acc = 1): number {
  for (let i = 0; i < n; i++, o += s) acc = Math.imul(acc, d[o]);
  return acc;
}

/**
 * Position (0-based, in the run) of the last element that replaces `m` in a max (`sign` 1) or min
 * (`sign` -1) scan, which stops at the first NaN; -1 if none does. This is TH's test `!(v <= m)`
 * (for max) written as `v > m`, else `v` is NaN: the same outcome while `m` is not NaN (and a NaN
 * `m` ends the scan), but a faster loop in V8.
 */
export function extremeRun(d: TypedArray, o: number, s: number, n: number, m: number, sign: number): number {
  let best = -1;
  if (sign > 0) {
    for (let i = 0; i < n; i++, o += s) {
      const v = d[o];
      if (v > m) { m = v; best = i; } else if (v !== v) return i;
    }
  } else {
    for (let i = 0; i < n; i++, o += s) {
      const v = d[o];
      if (v < m) { m = v; best = i; } else if (v !== v) return i;
    }
  }
  return best;
}

/** `acc` plus the squares, in double. */
export function sumSqRun(d: TypedArray, o: number, s: number, n: number, acc: number): number {
  if (s === 1) for (const e = o + n; o < e; o++) { const v = d[o]; acc += v * v; }
  else for (let i = 0; i < n; i++, o += s) { const v = d[o]; acc += v * v; }
  return acc;
}

/** `acc` plus the squared deviations from `mean`, in double. */
export function sqDevRun(d: TypedArray, o: number, s: number, n: number, acc: number, mean: number): number {
  if (s === 1) for (const e = o + n; o < e; o++) { const z = d[o] - mean; acc += z * z; }
  else for (let i = 0; i < n; i++, o += s) { const z = d[o] - mean; acc += z * z; }
  return acc;
}

/** `acc` plus the absolute values, in double. */
export function absSumRun(d: TypedArray, o: number, s: number, n: number, acc: number): number {
  for (let i = 0; i < n; i++, o += s) acc += Math.abs(d[o]);
  return acc;
}

/** `acc` plus the count of nonzero elements. */
export function nonzeroRun(d: TypedArray, o: number, s: number, n: number, acc: number): number {
  for (let i = 0; i < n; i++, o += s) if (d[o] !== 0) acc++;
  return acc;
}

/** `acc` plus |x|^p, each power rounded to float32 when `isFloat` (TH's powf), summed in double. */
export function powSumRun(d: TypedArray, o: number, s: number, n: number, acc: number, p: number, isFloat: boolean): number {
  if (isFloat) for (let i = 0; i < n; i++, o += s) acc += Math.fround(Math.abs(d[o]) ** p);
  else for (let i = 0; i < n; i++, o += s) acc += Math.abs(d[o]) ** p;
  return acc;
}

/**
 * TH's var along a dim for one slice: Σx and Σx² in double (x² in float32 for Float), then
 * `Σx²/(n-1) - ratio·mean²` (or `/n - mean²` when biased), clamped at 0.
 */
export function varSlice(d: TypedArray, o: number, s: number, n: number, biased: boolean, ratio: number, isFloat: boolean): number {
  let sum = 0, sum2 = 0;
  if (isFloat) for (let i = 0; i < n; i++, o += s) { const z = d[o]; sum += z; sum2 += Math.fround(z * z); }
  else for (let i = 0; i < n; i++, o += s) { const z = d[o]; sum += z; sum2 += z * z; }
  sum /= n;
  if (biased) {
    sum2 /= n;
    sum2 -= sum * sum;
  } else {
    sum2 /= n - 1;
    sum2 -= ratio * sum * sum;
  }
  return sum2 < 0 ? 0 : sum2;
}

/**
 * One run of TH's row-major reduction: `r[oa] op= d[ob]` in the element type of `r` (its typed array
 * rounds or wraps each step, as TH's `real` arithmetic does). `op`: 0 add, 1 multiply, 2 imul.
 */
export function accumulateRun(r: TypedArray, oa: number, sa: number, d: TypedArray, ob: number, sb: number, n: number, op: number): void {
  if (op === 0) for (let i = 0; i < n; i++, oa += sa, ob += sb) r[oa] += d[ob];
  else if (op === 1) for (let i = 0; i < n; i++, oa += sa, ob += sb) r[oa] *= d[ob];
  else for (let i = 0; i < n; i++, oa += sa, ob += sb) r[oa] = Math.imul(r[oa], d[ob]);
}

/**
 * One run of TH's row-major max (`sign` 1) / min (`sign` -1): the candidate `v[ov]` is replaced by
 * `d[od]` (and `ix[ov]` by its position `oi` along the reduced dim) when `d[od]` beats it, unless
 * the candidate is already NaN (TH's `!(x <= c) && !isnan(c)`).
 */
export function extremeAccumulateRun(d: TypedArray, od: number, sd: number, v: TypedArray, ov: number, sv: number,
  ix: Float64Array, oi: number, si: number, n: number, sign: number): void {
  if (sign > 0) {
    for (let i = 0; i < n; i++, od += sd, ov += sv, oi += si) {
      const x = d[od], c = v[ov];
      if (x > c || (x !== x && c === c)) { v[ov] = x; ix[ov] = oi; }
    }
  } else {
    for (let i = 0; i < n; i++, od += sd, ov += sv, oi += si) {
      const x = d[od], c = v[ov];
      if (x < c || (x !== x && c === c)) { v[ov] = x; ix[ov] = oi; }
    }
  }
}
