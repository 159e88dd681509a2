/**
 * Order statistics: sort, topk, kthvalue, median, mode (THTensorMath.c). Each returns
 * `[values, indices]` (indices 1-based in a LongTensor) and takes optional `[resval, resind,]`
 * results first. They run TH's own quicksort / quickselect (./quicksort.ts), so tied elements and NaNs
 * come out in Torch's order.
 */
import { defineOp, type TorchFunction } from '../dispatch.js';
import { argCheck } from '../errors.js';
import type { LongTensor, Tensor } from '../Tensor.js';
import { dimApply, dimArg, valIdxSigs, withDim, type ValIdxArgs } from './dimutil.js';
import { quickselect, quicksortAscend, quicksortDescend } from './quicksort.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.sort([resval, resind,] x[, dim=last][, descending=false])`: `[sorted, indices]` (TH's unstable quicksort). @example const [v, i] = torch.sort(x, 1, true) */
    sort: TorchFunction;
    /**
     * `torch.topk([resval, resind,] x[, k=1][, dim=last][, dir=false][, sort=false])`: the k smallest
     * (dir false) or largest (dir true) along dim, as `[values, indices]`; sorted only when `sort`.
     * @example torch.topk(x, 3, 1, true, true) // the 3 largest along dim 1, largest first
     */
    topk: TorchFunction;
    /** `torch.kthvalue([resval, resind,] x, k[, dim=last])`: the k-th smallest along dim (kept). */
    kthvalue: TorchFunction;
    /** `torch.median([resval, resind,] x[, dim=last])`: the lower median along dim (kept). */
    median: TorchFunction;
    /** `torch.mode([resval, resind,] x[, dim=last])`: the most frequent value along dim (smallest on ties). */
    mode: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.sort([dim][, descending])`: `[sorted, indices]`. */
    sort(dim?: number | boolean, descending?: boolean): [this, LongTensor];
    /** `x.topk([k][, dim][, dir][, sort])`: `[values, indices]`. */
    topk(...args: (number | boolean)[]): [this, LongTensor];
    /** `x.kthvalue(k[, dim])`: `[values, indices]`. */
    kthvalue(k: number, dim?: number): [this, LongTensor];
    /** `x.median([dim])`: `[values, indices]`. */
    median(dim?: number): [this, LongTensor];
    /** `x.mode([dim])`: `[values, indices]`. */
    mode(dim?: number): [this, LongTensor];
  }
}

/** Scratch buffers for one slice: values (exact for every type) and 0-based indices. */
class Slice {
  readonly v: Float64Array;
  readonly ix: Float64Array;
  constructor(readonly n: number) {
    this.v = new Float64Array(n);
    this.ix = new Float64Array(n);
  }
  /** Loads the slice at offset `o`, stride `s` of `data`, with indices 0..n-1. */
  load(data: ArrayLike<number>, o: number, s: number): void {
    const { v, ix, n } = this;
    for (let i = 0; i < n; i++, o += s) { v[i] = data[o]; ix[i] = i; }
  }
  /** Stores `count` values and 1-based indices from position `from` into two strided outputs. */
  store(vd: { [i: number]: number }, ov: number, sv: number, id: { [i: number]: number }, oi: number, si: number,
    from: number, count: number): void {
    const { v, ix } = this;
    for (let i = from, e = from + count; i < e; i++, ov += sv, oi += si) { vd[ov] = v[i]; id[oi] = ix[i] + 1; }
  }
}

/** THTensor_(sort) of t along dim d (0-based). */
export function sort(rv: Tensor, ri: LongTensor, t: Tensor, d: number, descending: boolean): void {
  rv.resizeNd(t._size);
  ri.resizeNd(t._size);
  const n = t._size[d];
  const sl = new Slice(n);
  const td = t._storage.data, vd = rv._storage.data, id = ri._storage.data;
  const st = t._stride[d], sv = rv._stride[d], si = ri._stride[d];
  dimApply([t, rv, ri], d, (offs) => {
    sl.load(td, offs[0], st);
    if (descending) quicksortDescend(sl.v, sl.ix, n);
    else quicksortAscend(sl.v, sl.ix, n);
    sl.store(vd, offs[1], sv, id, offs[2], si, 0, n);
  });
}

/** THTensor_(topk): k smallest (dir false) or largest (dir true) along dim d, left in quickselect's order unless `sorted`. */
export function topk(rv: Tensor, ri: LongTensor, t: Tensor, k: number, d: number, dir: boolean, sorted: boolean): void {
  const n = t._size[d];
  const sizes = withDim(t, d, k);
  rv.resizeNd(sizes);
  ri.resizeNd(sizes);
  const sl = new Slice(n);
  const td = t._storage.data, vd = rv._storage.data, id = ri._storage.data;
  const st = t._stride[d], sv = rv._stride[d], si = ri._stride[d];
  const K = n - k;
  dimApply([t, rv, ri], d, (offs) => {
    sl.load(td, offs[0], st);
    if (dir) {
      if (K > 0) quickselect(sl.v, sl.ix, K - 1, n);
      if (sorted) quicksortDescend(sl.v.subarray(K), sl.ix.subarray(K), k);
      sl.store(vd, offs[1], sv, id, offs[2], si, K, k);
    } else {
      quickselect(sl.v, sl.ix, k - 1, n);
      if (sorted) quicksortAscend(sl.v, sl.ix, k - 1);
      sl.store(vd, offs[1], sv, id, offs[2], si, 0, k);
    }
  });
}

/** THTensor_(kthvalue): the k-th smallest (1-based k) along dim d, and its index as quickselect leaves it. */
export function kthvalue(rv: Tensor, ri: LongTensor, t: Tensor, k: number, d: number): void {
  const sizes = withDim(t, d);
  rv.resizeNd(sizes);
  ri.resizeNd(sizes);
  const n = t._size[d];
  const sl = new Slice(n);
  const td = t._storage.data, vd = rv._storage.data, id = ri._storage.data;
  const st = t._stride[d];
  dimApply([t, rv, ri], d, (offs) => {
    sl.load(td, offs[0], st);
    quickselect(sl.v, sl.ix, k - 1, n);
    sl.store(vd, offs[1], 0, id, offs[2], 0, k - 1, 1);
  });
}

/**
 * THTensor_(mode): sorts each slice, then takes the value of the first longest run of equal values
 * (so the smallest such value) and the index sitting at the end of that run after TH's sort.
 */
export function mode(rv: Tensor, ri: LongTensor, t: Tensor, d: number): void {
  const sizes = withDim(t, d);
  rv.resizeNd(sizes);
  ri.resizeNd(sizes);
  const n = t._size[d];
  const sl = new Slice(n);
  const td = t._storage.data, vd = rv._storage.data, id = ri._storage.data;
  const st = t._stride[d];
  dimApply([t, rv, ri], d, (offs) => {
    sl.load(td, offs[0], st);
    const { v, ix } = sl;
    quicksortAscend(v, ix, n);
    let best = 0, maxFreq = 0, freq = 0;
    for (let i = 0; i < n; i++) {
      freq++;
      if (i === n - 1 || v[i] !== v[i + 1]) {
        if (freq > maxFreq) { best = i; maxFreq = freq; }
        freq = 0;
      }
    }
    vd[offs[1]] = v[best];
    id[offs[2]] = ix[best] + 1;
  });
}

// ---- the public forms --------------------------------------------------------------------------

/** `[resval, resind,] Tensor` followed by `nums` numbers then `bools` booleans, for every count up to the maxima. */
function tails(maxNums: number, maxBools: number, minNums = 0): string[] {
  const out: string[] = [];
  for (let a = minNums; a <= maxNums; a++) {
    for (let b = 0; b <= maxBools; b++) out.push(', number'.repeat(a) + ', boolean'.repeat(b));
  }
  return out;
}

const pair = (a: ValIdxArgs) => [a.values, a.indices];
/** The default dim: the last one (cwrap's `lastdim`), 1-based. */
const lastDim = (x: Tensor) => x._size.length;

defineOp('sort', valIdxSigs('sort', tails(1, 1), '[*Tensor*] [*LongTensor*] Tensor [index] [boolean]', (a) => {
  const [dim = lastDim(a.x), desc = false] = splitArgs(a.rest);
  sort(a.values, a.indices, a.x, dimArg(a.x, dim as number, 2, 'sort', 'invalid dimension %d'), desc as boolean);
  return pair(a);
}));

defineOp('topk', valIdxSigs('topk', tails(2, 2), '[*Tensor*] [*LongTensor*] Tensor [long] [index] [boolean] [boolean]', (a) => {
  const nums = a.rest.filter((r) => typeof r === 'number') as number[];
  const bools = a.rest.filter((r) => typeof r === 'boolean') as boolean[];
  const k = Math.trunc(nums[0] ?? 1);
  const d = dimArg(a.x, nums[1] ?? lastDim(a.x), 3, 'topk', 'dim not in range');
  argCheck(k > 0 && k <= a.x._size[d], 2, 'topk', 'k not in range for dimension');
  topk(a.values, a.indices, a.x, k, d, bools[0] ?? false, bools[1] ?? false);
  return pair(a);
}));

defineOp('kthvalue', valIdxSigs('kthvalue', [', number', ', number, number'], '[*Tensor*] [*LongTensor*] Tensor long [index]', (a) => {
  const k = Math.trunc(a.rest[0] as number);
  const d = dimArg(a.x, (a.rest[1] as number | undefined) ?? lastDim(a.x), 3, 'kthvalue', 'dimension out of range');
  argCheck(k > 0 && k <= a.x._size[d], 2, 'kthvalue', 'selected index out of range');
  kthvalue(a.values, a.indices, a.x, k, d);
  return pair(a);
}));

defineOp('median', valIdxSigs('median', ['', ', number'], '[*Tensor*] [*LongTensor*] Tensor [index]', (a) => {
  const d = dimArg(a.x, (a.rest[0] as number | undefined) ?? lastDim(a.x), 3, 'median', 'dimension out of range');
  kthvalue(a.values, a.indices, a.x, ((a.x._size[d] - 1) >> 1) + 1, d);
  return pair(a);
}));

defineOp('mode', valIdxSigs('mode', ['', ', number'], '[*Tensor*] [*LongTensor*] Tensor [index]', (a) => {
  const d = dimArg(a.x, (a.rest[0] as number | undefined) ?? lastDim(a.x), 3, 'mode', 'dimension out of range');
  mode(a.values, a.indices, a.x, d);
  return pair(a);
}));

/** `[dim][, flag]` of sort: the number (if any) then the boolean (if any). */
function splitArgs(rest: unknown[]): [number | undefined, boolean | undefined] {
  return [rest.find((r) => typeof r === 'number') as number | undefined, rest.find((r) => typeof r === 'boolean') as boolean | undefined];
}
