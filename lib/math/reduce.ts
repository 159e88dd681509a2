/**
 * Reductions: sum, prod, mean, max, min (THTensorMath.c `sumall sum prodall prod meanall mean
 * maxall max minall min`). Without a dim they return a number (accumulated in double for Float, as
 * TH's accreal); along a dim they keep the dim with size 1, following TH's two loops: per slice with
 * an accreal accumulator when the dim has stride 1, else a row-major pass accumulating in the
 * element type.
 */
import { runs1, runs2, runs3, type Strided } from '../apply.js';
import { checkSameType, defineOp, type TorchFunction } from '../dispatch.js';
import { argCheck } from '../errors.js';
import type { LongTensor, Tensor } from '../Tensor.js';
import type { TypedArray } from '../types.js';
import { dimApply, dimArg, requireFloat, valIdxSigs, withDim } from './dimutil.js';
import { accumulateRun, extremeAccumulateRun, extremeRun, imulRun, prodRun, sumRun } from './runs.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.sum(x)` is the sum of all elements (a number); `torch.sum([res,] x, dim)` sums along dim (kept, size 1). @example torch.sum(x, 2) */
    sum: TorchFunction;
    /** `torch.prod(x)`: product of all elements; `torch.prod([res,] x, dim)` along dim. */
    prod: TorchFunction;
    /** `torch.mean(x)`: mean of all elements; `torch.mean([res,] x, dim)` along dim. Float and Double only. */
    mean: TorchFunction;
    /** `torch.max(x)`: the largest element (NaN if any); `torch.max([resval, resind,] x, dim)` gives `[values, indices]` (1-based, first max wins). @example const [v, i] = torch.max(x, 2) */
    max: TorchFunction;
    /** `torch.min(x)`: the smallest element; `torch.min([resval, resind,] x, dim)` gives `[values, indices]`. */
    min: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.sum()`: sum of all elements; `x.sum(dim)`: a new tensor summed along dim. @example x.sum(2) */
    sum(): number;
    sum(dim: number): this;
    /** `x.prod()`: product of all elements; `x.prod(dim)`: along dim. */
    prod(): number;
    prod(dim: number): this;
    /** `x.mean()`: mean of all elements; `x.mean(dim)`: along dim (Float and Double). */
    mean(): number;
    mean(dim: number): this;
    /** `x.max()`: the largest element; `x.max(dim)`: `[values, indices]` along dim. */
    max(): number;
    max(dim: number): [this, LongTensor];
    /** `x.min()`: the smallest element; `x.min(dim)`: `[values, indices]` along dim. */
    min(): number;
    min(dim: number): [this, LongTensor];
  }
}

// ---- dim-less ----------------------------------------------------------------------------------

/** Sum of all elements in row-major order, accumulated in double (TH's accreal). */
export function sumall(t: Tensor): number {
  const d = t._storage.data;
  if (t.isContiguous()) return sumRun(d, t.offset, 1, t.nElement());
  let s = 0;
  runs1(t, (o, st, len) => { s = sumRun(d, o, st, len, s); });
  return s;
}

/** Product of all elements; integer types wrap as TH's int64 accreal does. */
export function prodall(t: Tensor): number {
  const d = t._storage.data;
  let p = 1;
  runs1(t, (o, st, len) => { p = prodRun(d, o, st, len, p); });
  if (!t.kind.isFloat && !Number.isSafeInteger(p)) {
    let b = 1n;
    runs1(t, (o, st, len) => { b = BigInt.asIntN(64, b * int64Prod(d, o, st, len)); });
    return Number(b);
  }
  return t.kind.isFloat ? p : p + 0;
}

/** The product of a run as TH's int64 accumulator computes it (wrapping modulo 2^64). */
function int64Prod(d: TypedArray, o: number, s: number, n: number): bigint {
  let b = 1n;
  for (let i = 0; i < n; i++, o += s) b = BigInt.asIntN(64, b * BigInt(d[o]));
  return b;
}

/** Largest (`sign` 1) or smallest (`sign` -1) element; the first NaN ends the search, as in TH. */
function extremeAll(t: Tensor, fn: string, sign: 1 | -1): number {
  argCheck(t._size.length > 0, 1, fn, 'tensor must have one dimension');
  const d = t._storage.data;
  let m = d[t.offset];
  let done = false;
  runs1(t, (o, st, len) => {
    if (done) return;
    const i = extremeRun(d, o, st, len, m, sign);
    if (i >= 0) { m = d[o + i * st]; done = m !== m; }
  });
  return m;
}

// ---- along a dim -------------------------------------------------------------------------------

/** Row-major strides of `sizes` with 0 at dim `d`: the reduced tensor seen as if expanded along d. */
function expandedGeometry(offset: number, sizes: readonly number[], d: number, n: number): Strided {
  const stride = new Array<number>(sizes.length);
  let z = 1;
  for (let k = sizes.length - 1; k >= 0; k--) { stride[k] = k === d ? 0 : z; if (k !== d) z *= sizes[k]; }
  const size = sizes.slice();
  size[d] = n;
  return { offset, _size: size, _stride: stride };
}

/** Integer types but Long multiply modulo 2^32 (their low bits are exact, as TH's wrapping products). */
const imulTypes = new Set(['Byte', 'Char', 'Short', 'Int']);

/** sum (`mul` false) or prod (`mul` true) of t along dim d into r, as THTensor_(sum) / THTensor_(prod). */
function sumProdDim(r: Tensor, t: Tensor, d: number, mul: boolean): Tensor {
  r.resizeNd(withDim(t, d));
  const n = t._size[d];
  const td = t._storage.data, rd = r._storage.data;
  const imul = mul && imulTypes.has(t.kind.key);
  const longMul = mul && t.kind.key === 'Long';
  const slice = (o: number, s: number): number => {
    if (!mul) return sumRun(td, o, s, n);
    if (imul) return imulRun(td, o, s, n);
    const acc = prodRun(td, o, s, n);
    return longMul ? (Number.isSafeInteger(acc) ? acc + 0 : Number(int64Prod(td, o, s, n))) : acc;
  };
  if (t._stride[d] === 1) {
    if (d === t._size.length - 1 && t.isContiguous() && r.isContiguous()) {
      const rows = r.nElement();
      for (let k = 0, o = t.offset, q = r.offset; k < rows; k++, o += n, q++) rd[q] = slice(o, 1);
    } else {
      dimApply([t, r], d, (offs) => { rd[offs[1]] = slice(offs[0], 1); });
    }
    return r;
  }
  // Row-major pass: r viewed with stride 0 along d, accumulating in the element type.
  const out = r.isContiguous() ? r : r.new().resizeAs(r);
  const od = out._storage.data;
  out.fill(mul ? 1 : 0);
  const temp = expandedGeometry(out.offset, out._size, d, n);
  const op = !mul ? 0 : imul ? 2 : 1;
  runs2(temp, t, (oa, sa, ob, sb, len) => accumulateRun(od, oa, sa, td, ob, sb, len, op));
  if (longMul) runs1(out, (o, s, len) => { for (let i = 0; i < len; i++, o += s) od[o] += 0; }); // no -0 in a LongTensor
  if (out !== r) r.copy(out);
  return r;
}

/** mean of t along dim d into r: the sum, divided by the size in the element type (THTensor_(mean)). */
function meanDim(r: Tensor, t: Tensor, d: number): Tensor {
  sumProdDim(r, t, d, false);
  const rd = r._storage.data, n = t._size[d];
  runs1(r, (o, s, len) => { for (let i = 0; i < len; i++, o += s) rd[o] = rd[o] / n; });
  return r;
}

/**
 * max (`sign` 1) or min (`sign` -1) along dim d: values into `vals`, 1-based indices into `idx`.
 * The first NaN wins, else the first extreme, whichever of TH's two loops runs.
 */
export function extremeDim(vals: Tensor, idx: Tensor, t: Tensor, d: number, sign: 1 | -1): void {
  const sizes = withDim(t, d);
  vals.resizeNd(sizes);
  idx.resizeNd(sizes);
  const n = t._size[d];
  const td = t._storage.data, vd = vals._storage.data, id = idx._storage.data;
  if (t._stride[d] === 1 || n === 1) {
    const s = t._stride[d];
    dimApply([t, vals, idx], d, (offs) => {
      const o = offs[0];
      const mi = Math.max(extremeRun(td, o, s, n, td[o], sign), 0);
      vd[offs[1]] = td[o + mi * s];
      id[offs[2]] = mi + 1;
    });
    return;
  }
  // Row-major pass into contiguous scratch (values of the element type, 0-based indices).
  const m = vals.nElement();
  const sv: TypedArray = new t.kind.Array(m), si = new Float64Array(m);
  const first: Strided = { offset: t.offset, _size: sizes, _stride: t._stride };
  runs2({ offset: 0, _size: sizes, _stride: contiguousStrides(sizes) }, first, (oa, sa, ob, sb, len) => {
    for (let i = 0; i < len; i++, oa += sa, ob += sb) sv[oa] = td[ob];
  });
  const temp = expandedGeometry(0, sizes, d, n);
  const along: Strided = { offset: 0, _size: t._size, _stride: t._size.map((_, k) => (k === d ? 1 : 0)) };
  runs3(t, temp, along, (ot, st, os, ss, oi, sa, len) => extremeAccumulateRun(td, ot, st, sv, os, ss, si, oi, sa, len, sign));
  let k = 0;
  runs2(vals, idx, (oa, sa, ob, sb, len) => {
    for (let i = 0; i < len; i++, oa += sa, ob += sb, k++) { vd[oa] = sv[k]; id[ob] = si[k] + 1; }
  });
}

function contiguousStrides(sizes: readonly number[]): number[] {
  const st = new Array<number>(sizes.length);
  for (let k = sizes.length - 1, z = 1; k >= 0; k--) { st[k] = z; z *= sizes[k]; }
  return st;
}

// ---- the public forms --------------------------------------------------------------------------

function sumLike(name: 'sum' | 'prod', all: (t: Tensor) => number, mul: boolean): void {
  const dimForm = (r: Tensor, t: Tensor, dim: number) => {
    checkSameType(name, r, t);
    return sumProdDim(r, t, dimArg(t, dim, 2, name, 'dimension %d out of range'), mul);
  };
  defineOp(name, {
    'Tensor': all,
    'Tensor, number': (t: Tensor, dim: number) => dimForm(t.new(), t, dim),
    'Tensor, Tensor, number': dimForm,
  });
}
sumLike('sum', sumall, false);
sumLike('prod', prodall, true);

const MEAN_EXPECTED = 'FloatTensor|DoubleTensor | [*FloatTensor|DoubleTensor*] FloatTensor|DoubleTensor index';
defineOp('mean', {
  'Tensor': (t: Tensor) => {
    requireFloat('mean', t, [t], MEAN_EXPECTED);
    argCheck(t._size.length > 0, 1, 'mean', 'empty Tensor');
    return sumall(t) / t.nElement();
  },
  'Tensor, number': (t: Tensor, dim: number) => {
    requireFloat('mean', t, [t, dim], MEAN_EXPECTED);
    return meanDim(t.new(), t, dimArg(t, dim, 2, 'mean', 'invalid dimension %d'));
  },
  'Tensor, Tensor, number': (r: Tensor, t: Tensor, dim: number) => {
    requireFloat('mean', t, [r, t, dim], MEAN_EXPECTED);
    checkSameType('mean', r, t);
    return meanDim(r, t, dimArg(t, dim, 2, 'mean', 'invalid dimension %d'));
  },
});

for (const [name, sign] of [['max', 1], ['min', -1]] as const) {
  const expected = `Tensor | [*Tensor*] [*LongTensor*] Tensor index`;
  defineOp(name, {
    'Tensor': (t: Tensor) => extremeAll(t, name, sign),
    ...valIdxSigs(name, [', number'], expected, ({ values, indices, x, rest }) => {
      extremeDim(values, indices, x, dimArg(x, rest[0] as number, 2, name, 'dimension %d out of range'), sign);
      return [values, indices];
    }),
  });
}
