/**
 * Device reductions, scans and statistics, under the CPU registrations' names and signatures: sum,
 * prod, mean, max, min, cumsum, cumprod, var, std, norm, dist, renorm. Whole-tensor forms
 * (`torch.sum(x)`, `x.max()`, `x.norm()`) fold on the device and read back the one number; dim forms
 * keep the dim with size 1, as TH, and leave the result on the device. max/min along a dim give the
 * first extreme (or the first NaN), with 1-based indices: into a CudaTensor indices result on the
 * device, into a LongTensor one (given, or the new LongTensor the CPU form returns) read back once.
 * Sums accumulate in float32 in chunks (not in TH's double accreal), so they agree with the CPU to
 * float32 rounding. Empty tensors, views of more than 4 uncollapsible dims and infinite norms decline.
 */
import { DECLINE } from '../../lib/dispatch.js';
import { argCheck } from '../../lib/errors.js';
import { dimArg, withDim } from '../../lib/math/dimutil.js';
import { LongTensor, type Tensor } from '../../lib/Tensor.js';
import type { Handle } from '../context.js';
import { CudaTensor } from '../CudaTensor.js';
import { commit } from '../kernels/commit.js';
import { map } from '../kernels/pointwise.js';
import { fold, FOLDS, foldToNumber, normFold, type Fold } from '../kernels/reduce.js';
import { scan } from '../kernels/reduce-scan.js';
import { bufferTensor, slicesAlong, wholeSlices, type Slices } from '../kernels/reduce-slices.js';
import { distance, extremes, renormed, variance } from '../kernels/reduce-stats.js';
import { registerOp, sameDevice } from './run.js';

type Maybe<T> = T | typeof DECLINE;

/** body over all of t as one slice (its temporary copy freed after), or DECLINE. */
function overAll<T>(t: Tensor, body: (sl: Slices) => T): Maybe<T> {
  if (!sameDevice(t) || t.nElement() === 0) return DECLINE;
  const w = wholeSlices(t);
  if (!w) return DECLINE;
  try { return body(w.sl); } finally { if (w.temp) w.sl.ctx.free(w.temp, w.sl.K); }
}

/** r = body(slices of t along dim), r sized as t with the dim 1 (TH's checks and messages). */
function alongDim(name: string, r: Tensor, t: Tensor, dim: number, argn: number, msg: string, body: (sl: Slices) => Handle): Maybe<Tensor> {
  if (!sameDevice(r, t) || t.nElement() === 0) return DECLINE;
  const d = dimArg(t, dim, argn, name, msg);
  const sl = slicesAlong(t, d);
  if (!sl) return DECLINE;
  const h = body(sl);
  return commit(r.resizeNd(withDim(t, d)), h);
}

/** The `Tensor`, `Tensor, number` and `Tensor, Tensor, number` forms of a fold (sum, prod, mean). */
function foldOp(name: string, f: Fold, byMean: boolean, msg: string): void {
  const dimForm = (r: Tensor, t: Tensor, dim: number) => alongDim(name, r, t, dim, 2, msg, (sl) => fold(sl, f, byMean ? [sl.K] : []));
  registerOp(name, {
    'Tensor': (t: Tensor) => overAll(t, (sl) => foldToNumber(sl, f, byMean ? [sl.K] : [])),
    'Tensor, number': (t: Tensor, dim: number) => dimForm(t.new(), t, dim),
    'Tensor, Tensor, number': dimForm,
  });
}
foldOp('sum', FOLDS.sum, false, 'dimension %d out of range');
foldOp('prod', FOLDS.prod, false, 'dimension %d out of range');
foldOp('mean', FOLDS.mean, true, 'invalid dimension %d');

/** Reads m 0-based positions back into a LongTensor as 1-based indices. */
function positionsToLong(idx: LongTensor, sl: Slices, positions: Handle): void {
  const values = sl.ctx.download(positions, sl.m);
  if (idx.isContiguous()) { const d = idx._storage.data; for (let i = 0; i < sl.m; i++) d[idx.offset + i] = values[i] + 1; }
  else { let k = 0; idx.apply(() => values[k++] + 1); }
}

for (const [name, sign] of [['max', 1], ['min', -1]] as const) {
  /** `[values, indices]` of `[resval, resind,] x, dim`, resolved as the CPU's valIdxArgs. */
  const dimForm = (nres: number) => (...args: unknown[]): unknown => {
    const x = args[nres] as Tensor, dim = args[nres + 1] as number;
    let values: Tensor | undefined, indices: Tensor | undefined;
    if (nres === 2) [values, indices] = args as Tensor[];
    else if (nres === 1) { if ((args[0] as Tensor).kind === x.kind) values = args[0] as Tensor; else indices = args[0] as Tensor; }
    values ??= x.new();
    indices ??= new LongTensor();
    const onDevice = indices instanceof CudaTensor;
    if (!sameDevice(values, x) || x.nElement() === 0 || (onDevice ? !sameDevice(indices, x) : !(indices instanceof LongTensor))) return DECLINE;
    const d = dimArg(x, dim, 2, name, 'dimension %d out of range');
    const sl = slicesAlong(x, d);
    if (!sl) return DECLINE;
    const e = extremes(sl, sign);
    commit(values.resizeNd(withDim(x, d)), e.values);
    indices.resizeNd(withDim(x, d));
    if (onDevice) commit(indices, map('va + 1', [bufferTensor(sl.ctx, e.positions, [sl.m])], [], sl.m)!);
    else positionsToLong(indices as LongTensor, sl, e.positions);
    sl.ctx.free(e.positions, sl.m);
    return [values, indices];
  };
  registerOp(name, {
    'Tensor': (t: Tensor) => overAll(t, (sl) => {
      const e = extremes(sl, sign);
      const v = sl.ctx.download(e.values, 1)[0];
      sl.ctx.free(e.values, 1);
      sl.ctx.free(e.positions, 1);
      return v;
    }),
    'Tensor, number': dimForm(0),
    'Tensor, Tensor, number': dimForm(1),
    'Tensor, Tensor, Tensor, number': dimForm(2),
  });
}

for (const [name, f] of [['cumsum', FOLDS.sum], ['cumprod', FOLDS.prod]] as const) {
  const run = (r: Tensor, t: Tensor, dim: number): Maybe<Tensor> => {
    if (!sameDevice(r, t) || t.nElement() === 0) return DECLINE;
    const d = dimArg(t, dim, 2, name, 'dimension %d out of range');
    const sl = slicesAlong(t, d);
    if (!sl) return DECLINE;
    const h = scan(sl, f, t._size.slice(d + 1).reduce((a, b) => a * b, 1));
    return commit(r.resizeNd(t._size), h);
  };
  registerOp(name, {
    'Tensor': (t: Tensor) => run(t.new(), t, 1),
    'Tensor, number': (t: Tensor, dim: number) => run(t.new(), t, dim),
    'Tensor, Tensor': (r: Tensor, t: Tensor) => run(r, t, 1),
    'Tensor, Tensor, number': run,
  });
}

for (const [name, sqrt] of [['var', false], ['std', true]] as const) {
  const all = (t: Tensor, biased = false) => overAll(t, (sl) => {
    const h = variance(sl, biased, false);
    const v = sl.ctx.download(h, 1)[0];
    sl.ctx.free(h, 1);
    return sqrt ? Math.sqrt(v) : v;
  });
  const byDim = (r: Tensor, t: Tensor, dim: number, biased = false) =>
    alongDim(name, r, t, dim, 3, 'invalid dimension %d', (sl) => variance(sl, biased, sqrt));
  registerOp(name, {
    'Tensor': all, 'Tensor, boolean': all,
    'Tensor, number': (t: Tensor, dim: number) => byDim(t.new(), t, dim),
    'Tensor, number, boolean': (t: Tensor, dim: number, b: boolean) => byDim(t.new(), t, dim, b),
    'Tensor, Tensor, number': byDim, 'Tensor, Tensor, number, boolean': byDim,
  });
}

const normAll = (t: Tensor, p = 2) => {
  p = Math.fround(p);
  if (!Number.isFinite(p)) return DECLINE;
  const { f, scalars } = normFold(p);
  return overAll(t, (sl) => foldToNumber(sl, f, scalars));
};
const normDim = (r: Tensor, t: Tensor, p: number, dim: number) => {
  p = Math.fround(p);
  if (!Number.isFinite(p)) return DECLINE;
  const { f, scalars } = normFold(p);
  return alongDim('norm', r, t, dim, 3, 'invalid dimension %d', (sl) => fold(sl, f, scalars));
};
registerOp('norm', {
  'Tensor': normAll, 'Tensor, number': normAll,
  'Tensor, number, number': (t: Tensor, p: number, dim: number) => normDim(t.new(), t, p, dim),
  'Tensor, Tensor, number, number': normDim,
});

/** dist(a, b, p): the p-norm of a - b (p = 0, whose TH result is n^inf, declines). */
const dist = (a: Tensor, b: Tensor, p = 2) => {
  p = Math.fround(p);
  const n = a.nElement();
  if (!sameDevice(a, b) || n === 0 || b.nElement() !== n || p === 0 || !Number.isFinite(p)) return DECLINE;
  return distance(a, b, p) ?? DECLINE;
};
registerOp('dist', { 'Tensor, Tensor': dist, 'Tensor, Tensor, number': dist });

registerOp('renorm', {
  'Tensor, number, number, number': (res: Tensor, src: Tensor, p: number, dim: number, maxnorm: number) => {
    if (!sameDevice(res, src) || src.nElement() === 0) return DECLINE;
    const d = dimArg(src, dim, 3, 'renorm', 'invalid dimension %d');
    p = Math.fround(p);
    argCheck(p > 0, 2, 'renorm', 'non-positive-norm not supported');
    argCheck(src._size.length > 1, 1, 'renorm', `need at least 2 dimensions, got ${src._size.length} dimensions`);
    if (!Number.isFinite(p)) return DECLINE;
    const h = renormed(src, d, p, Math.fround(maxnorm));
    return h ? commit(res.resizeAs(src), h) : DECLINE;
  },
});
