/**
 * Statistics and norms: var, std, norm, renorm, dist (THTensorMath.c `varall var stdall std normall
 * norm renorm dist`), Float and Double only as in TensorMath.lua. The arithmetic follows TH's C
 * types: accreal (double) accumulators, and float32 (`real`) steps where TH computes in `real`.
 */
import { runs1, runs2, type Strided } from '../apply.js';
import { checkSameType, defineOp, defineResultOp, type TorchFunction } from '../dispatch.js';
import { argCheck } from '../errors.js';
import type { Tensor } from '../Tensor.js';
import { dimApply, dimArg, realRound, requireFloat, withDim } from './dimutil.js';
import { sumall } from './reduce.js';
import { absSumRun, nonzeroRun, powSumRun, sqDevRun, sumSqRun, varSlice } from './runs.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.var(x[, biased=false])`: variance of all elements (two-pass; n-1 unless biased); `torch.var([res,] x, dim[, biased])` along dim. */
    var: TorchFunction;
    /** `torch.std(x[, biased=false])`: standard deviation; `torch.std([res,] x, dim[, biased])` along dim. @example torch.std(x, 1) */
    std: TorchFunction;
    /** `torch.norm(x[, p=2])`: p-norm of all elements (p=0 counts nonzeros); `torch.norm([res,] x, p, dim)` along dim. */
    norm: TorchFunction;
    /** `torch.renorm([res,] x, p, dim, maxnorm)`: each slice along dim whose p-norm exceeds maxnorm is scaled to maxnorm. */
    renorm: TorchFunction;
    /** `torch.dist(a, b[, p=2])`: the p-norm of a - b (a number). */
    dist: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.var([biased])`: variance of all elements; `x.var(dim[, biased])`: a new tensor along dim. */
    var(biased?: boolean): number;
    var(dim: number, biased?: boolean): this;
    /** `x.std([biased])`: standard deviation; `x.std(dim[, biased])` along dim. */
    std(biased?: boolean): number;
    std(dim: number, biased?: boolean): this;
    /** `x.norm([p=2])`: p-norm of all elements; `x.norm(p, dim)`: a new tensor along dim. */
    norm(p?: number): number;
    norm(p: number, dim: number): this;
    /** `x.renorm(p, dim, maxnorm)`: renormalises x in place; `x.renorm(src, p, dim, maxnorm)` writes into x. */
    renorm(p: number, dim: number, maxnorm: number): this;
    renorm(src: Tensor, p: number, dim: number, maxnorm: number): this;
    /** `x.dist(y[, p=2])`: the p-norm of x - y. */
    dist(y: Tensor, p?: number): number;
  }
}

// ---- dim-less ----------------------------------------------------------------------------------

/** THTensor_(varall): two-pass variance around the double mean. */
export function varall(t: Tensor, biased: boolean): number {
  argCheck(t._size.length > 0, 1, 'var', 'empty Tensor');
  const n = t.nElement();
  const mean = sumall(t) / n;
  const d = t._storage.data;
  let sum = 0;
  runs1(t, (o, s, len) => { sum = sqDevRun(d, o, s, len, sum, mean); });
  return sum / (n - (biased ? 0 : 1));
}

/** THTensor_(normall). */
export function normall(t: Tensor, p: number): number {
  const isFloat = t.kind.key === 'Float';
  const d = t._storage.data;
  let sum = 0;
  if (p === 0) runs1(t, (o, s, len) => { sum = nonzeroRun(d, o, s, len, sum); });
  else if (p === 1) runs1(t, (o, s, len) => { sum = absSumRun(d, o, s, len, sum); });
  else if (p === 2) runs1(t, (o, s, len) => { sum = sumSqRun(d, o, s, len, sum); });
  else runs1(t, (o, s, len) => { sum = powSumRun(d, o, s, len, sum, p, isFloat); });
  if (p === 0 || p === 1) return sum;
  if (p === 2) return Math.sqrt(sum);
  const fr = realRound(t.kind);
  return fr(fr(sum) ** fr(1 / p));
}

/** THTensor_(dist): the sum runs in the element type (float32 for Float), as in TH. */
export function dist(a: Tensor, b: Tensor, p: number): number {
  const fr = realRound(a.kind);
  const da = a._storage.data, db = b._storage.data;
  let sum = 0;
  runs2(a, b, (oa, sa, ob, sb, len) => {
    let acc = sum;
    for (let i = 0; i < len; i++, oa += sa, ob += sb) acc = fr(acc + fr(Math.abs(fr(da[oa] - db[ob])) ** p));
    sum = acc;
  });
  return fr(sum ** fr(1 / p));
}

// ---- along a dim -------------------------------------------------------------------------------

/** THTensor_(var) / THTensor_(std) along dim d: one pass of Σx and Σx² (x² in the element type). */
function varDim(r: Tensor, t: Tensor, d: number, biased: boolean, sqrt: boolean): Tensor {
  r.resizeNd(withDim(t, d));
  const fr = realRound(t.kind);
  const n = t._size[d], s = t._stride[d];
  const td = t._storage.data, rd = r._storage.data;
  const ratio = fr(fr(n) / fr(n - 1));
  const isFloat = t.kind.key === 'Float';
  dimApply([t, r], d, (offs) => {
    const v = varSlice(td, offs[0], s, n, biased, ratio, isFloat);
    rd[offs[1]] = sqrt ? Math.sqrt(v) : v;
  });
  return r;
}

/** THTensor_(norm) along dim d: p = 0 counts nonzeros; else (Σ|x|^p)^(1/p) with pow in the element type. */
function normDim(r: Tensor, t: Tensor, p: number, d: number): Tensor {
  r.resizeNd(withDim(t, d));
  const fr = realRound(t.kind);
  const n = t._size[d], s = t._stride[d];
  const td = t._storage.data, rd = r._storage.data;
  const inv = fr(1 / p);
  const isFloat = t.kind.key === 'Float';
  dimApply([t, r], d, (offs) => {
    rd[offs[1]] = p === 0 ? nonzeroRun(td, offs[0], s, n, 0) : fr(powSumRun(td, offs[0], s, n, 0, p, isFloat)) ** inv;
  });
  return r;
}

/** The slice `i` of dim d of t, as a geometry (TH's select, keeping 1 dim for a 1-D tensor). */
function sliceGeometry(t: Tensor, d: number, i: number): Strided {
  const size = t._size.filter((_, k) => k !== d), stride = t._stride.filter((_, k) => k !== d);
  return { offset: t.offset + i * t._stride[d], _size: size, _stride: stride };
}

/** THTensor_(renorm): the norm accumulates in the element type; the scale is maxnorm / (norm + 1e-7). */
function renorm(res: Tensor, src: Tensor, p: number, dim: number, maxnorm: number): Tensor {
  requireFloat('renorm', src, [res, src, p, dim, maxnorm], RENORM_EXPECTED);
  checkSameType('renorm', res, src);
  const d = dimArg(src, dim, 3, 'renorm', 'invalid dimension %d');
  const fr = realRound(src.kind);
  p = fr(p);
  maxnorm = fr(maxnorm);
  argCheck(p > 0, 2, 'renorm', 'non-positive-norm not supported');
  argCheck(src._size.length > 1, 1, 'renorm', `need at least 2 dimensions, got ${src._size.length} dimensions`);
  res.resizeNd(src._size);
  const sd = src._storage.data, rd = res._storage.data;
  const inv = fr(1 / p);
  for (let i = 0; i < src._size[d]; i++) {
    const rowS = sliceGeometry(src, d, i), rowR = sliceGeometry(res, d, i);
    let norm = 0;
    runs1(rowS, (o, s, len) => {
      let acc = norm;
      if (p === 1) for (let k = 0; k < len; k++, o += s) acc = fr(acc + Math.abs(sd[o]));
      else if (p === 2) for (let k = 0; k < len; k++, o += s) acc = fr(acc + sd[o] * sd[o]);
      else for (let k = 0; k < len; k++, o += s) acc = fr(acc + fr(Math.abs(sd[o]) ** p));
      norm = acc;
    });
    norm = fr(norm ** inv);
    const scale = norm > maxnorm ? fr(maxnorm / (norm + 1e-7)) : 1;
    const scaled = norm > maxnorm;
    runs2(rowR, rowS, (oa, sa, ob, sb, len) => {
      if (scaled) for (let k = 0; k < len; k++, oa += sa, ob += sb) rd[oa] = sd[ob] * scale;
      else for (let k = 0; k < len; k++, oa += sa, ob += sb) rd[oa] = sd[ob];
    });
  }
  return res;
}

// ---- the public forms --------------------------------------------------------------------------

const FT = 'FloatTensor|DoubleTensor';
const RENORM_EXPECTED = `[*${FT}*] ${FT} real index real`;

for (const [name, sqrt] of [['var', false], ['std', true]] as const) {
  const expected = `${FT} [boolean] | [*${FT}*] ${FT} index [boolean]`;
  const all = (t: Tensor, biased: boolean) => {
    requireFloat(name, t, [t], expected);
    const v = varall(t, biased);
    return sqrt ? Math.sqrt(v) : v;
  };
  const byDim = (r: Tensor, t: Tensor, dim: number, biased: boolean, args: unknown[]) => {
    requireFloat(name, t, args, expected);
    checkSameType(name, r, t);
    return varDim(r, t, dimArg(t, dim, 3, name, 'invalid dimension %d'), biased, sqrt);
  };
  defineOp(name, {
    'Tensor': (t: Tensor) => all(t, false),
    'Tensor, boolean': all,
    'Tensor, number': (t: Tensor, dim: number) => byDim(t.new(), t, dim, false, [t, dim]),
    'Tensor, number, boolean': (t: Tensor, dim: number, b: boolean) => byDim(t.new(), t, dim, b, [t, dim, b]),
    'Tensor, Tensor, number': (r: Tensor, t: Tensor, dim: number) => byDim(r, t, dim, false, [r, t, dim]),
    'Tensor, Tensor, number, boolean': (r: Tensor, t: Tensor, dim: number, b: boolean) => byDim(r, t, dim, b, [r, t, dim, b]),
  });
}

const NORM_EXPECTED = `${FT} [real] | [*${FT}*] ${FT} real index`;
const normByDim = (r: Tensor, t: Tensor, p: number, dim: number) => {
  requireFloat('norm', t, [r, t, p, dim], NORM_EXPECTED);
  checkSameType('norm', r, t);
  return normDim(r, t, realRound(t.kind)(p), dimArg(t, dim, 3, 'norm', 'invalid dimension %d'));
};
const normAll = (t: Tensor, p = 2) => {
  requireFloat('norm', t, [t, p], NORM_EXPECTED);
  return normall(t, realRound(t.kind)(p));
};
defineOp('norm', {
  'Tensor': (t: Tensor) => normAll(t),
  'Tensor, number': normAll,
  'Tensor, number, number': (t: Tensor, p: number, dim: number) => normByDim(t.new(), t, p, dim),
  'Tensor, Tensor, number, number': normByDim,
});

defineResultOp('renorm', { 'Tensor, number, number, number': renorm }, 'result');

const distForm = (a: Tensor, b: Tensor, p = 2) => {
  requireFloat('dist', a, [a, b, p], `${FT} ${FT} [real]`);
  checkSameType('dist', a, b);
  return dist(a, b, realRound(a.kind)(p));
};
defineOp('dist', { 'Tensor, Tensor': (a: Tensor, b: Tensor) => distForm(a, b), 'Tensor, Tensor, number': distForm });
