/**
 * Device reductions: a fold over each slice (see reduce-slices.ts), in two or more passes when slices
 * are long and few: pass 1 folds chunks of C elements into m*P partial results, each further pass
 * folds up to C' partials, until one value per slice remains. The expressions are gpu.js source over
 * `acc` (the accumulator), `v` (the element or partial), the scalars `x`, `y`, `z`, and `mu` (the
 * slice's value of an auxiliary buffer, e.g. the mean for a variance).
 */
import type { Handle } from '../context.js';
import { baseArgs, baseExpr, baseParams, baseTypes, layoutKey, rowSlices, type Slices } from './reduce-slices.js';

/** A fold: `init`, then `acc = step` over elements, `acc = combine` over partials, and `finish` at the end. */
export interface Fold {
  readonly init: string;
  readonly step: string;
  readonly combine: string;
  /** The result from `acc` (default `acc`). */
  readonly finish?: string;
}

/** Slices this long or shorter are folded by one thread each. */
const SHORT = 256;
/** With this many slices or more, one thread per slice is parallel enough. */
const MANY = 8192;

/**
 * Chunk length C and chunk count P for m slices of K elements.
 * @example
 * chunking(1, 1e6); // { C: 1000, P: 1000 }: two passes of 1000-element loops
 */
export function chunking(m: number, K: number): { C: number; P: number } {
  if (K <= SHORT || m >= MANY) return { C: Math.max(K, 1), P: 1 };
  const C = Math.max(SHORT, Math.ceil(Math.sqrt(K)));
  return { C, P: Math.ceil(K / C) };
}

/** Scalars padded to the kernels' three Float arguments x, y, z. */
export function scalars3(s: readonly number[]): number[] {
  return [s[0] ?? 0, s[1] ?? 0, s[2] ?? 0];
}

/**
 * One pass: thread j folds chunk (j mod P) of slice floor(j / P) with `expr`; `fin` > 0 applies
 * `finish`. Returns m*P values.
 * @example
 * const parts = foldPass(sl, 'acc + v', '0', 'acc', 256, 4, false, []); // 4 partial sums per slice
 */
export function foldPass(sl: Slices, expr: string, init: string, finish: string, C: number, P: number,
  fin: boolean, scalars: readonly number[], aux?: Handle): Handle {
  const key = `fold:${layoutKey(sl)}:${aux ? 'u' : ''}:${init}|${expr}|${finish}`;
  const params = [...baseParams(sl), 'st', 'K', 'C', 'P', 'fin', 'x', 'y', 'z', ...(aux ? ['u'] : [])];
  const types: Record<string, string> = { ...baseTypes(sl), st: 'Integer', K: 'Integer', C: 'Integer', P: 'Integer', fin: 'Integer', x: 'Float', y: 'Float', z: 'Float' };
  if (aux) types.u = 'Array';
  const src = `function (${params.join(', ')}) {
  const j = this.thread.x;
  const s = Math.floor(j / P);
  const k0 = (j - s * P) * C;
  const base = ${baseExpr(sl)};
  let kn = K - k0;
  if (kn > C) { kn = C; }
  ${aux ? 'const mu = u[s];' : ''}
  let acc = ${init};
  for (let k = 0; k < kn; k++) {
    const v = a[base + (k0 + k) * st];
    acc = ${expr};
  }
  if (fin > 0) { return ${finish}; }
  return acc;
}`;
  const k = sl.ctx.kernel(key, src, types);
  return sl.ctx.run(k, sl.m * P, [...baseArgs(sl), sl.st, sl.K, C, P, fin ? 1 : 0, ...scalars3(scalars), ...(aux ? [aux] : [])]);
}

/**
 * Folds every slice to one value: m results, in slice order (a new buffer the caller owns).
 * @example
 * const h = fold(slicesAlong(t, 1)!, { init: '0', step: 'acc + v', combine: 'acc + v' }, []);
 */
export function fold(sl: Slices, f: Fold, scalars: readonly number[], aux?: Handle): Handle {
  const finish = f.finish ?? 'acc';
  let { C, P } = chunking(sl.m, sl.K);
  let h = foldPass(sl, f.step, f.init, finish, C, P, P === 1, scalars, aux);
  while (P > 1) {
    const cur = rowSlices(sl.ctx, h, sl.m, P);
    C = P <= SHORT ? P : Math.max(SHORT, Math.ceil(Math.sqrt(P)));
    const next = Math.ceil(P / C);
    const h2 = foldPass(cur, f.combine, f.init, finish, C, next, next === 1, scalars);
    sl.ctx.free(h, sl.m * P);
    h = h2;
    P = next;
  }
  return h;
}

/**
 * Folds the single slice of `sl` (m = 1) and reads the one value back.
 * @example
 * const total = foldToNumber(wholeSlices(x)!.sl, FOLDS.sum, []);
 */
export function foldToNumber(sl: Slices, f: Fold, scalars: readonly number[], aux?: Handle): number {
  const h = fold(sl, f, scalars, aux);
  const v = sl.ctx.download(h, 1)[0];
  sl.ctx.free(h, 1);
  return v;
}

/** The folds the TensorMath reductions use. */
export const FOLDS = {
  sum: { init: '0', step: 'acc + v', combine: 'acc + v' },
  /** The mean: x = the slice length. */
  mean: { init: '0', step: 'acc + v', combine: 'acc + v', finish: 'acc / x' },
  prod: { init: '1', step: 'acc * v', combine: 'acc * v' },
  /** Squared deviations from mu, divided by x (variance). */
  var: { init: '0', step: 'acc + (v - mu) * (v - mu)', combine: 'acc + v', finish: 'acc / x' },
  std: { init: '0', step: 'acc + (v - mu) * (v - mu)', combine: 'acc + v', finish: 'Math.sqrt(acc / x)' },
  /** Counts nonzero elements (norm 0). */
  count: { init: '0', step: 'acc + (v !== 0 ? 1 : 0)', combine: 'acc + v' },
  norm1: { init: '0', step: 'acc + Math.abs(v)', combine: 'acc + v' },
  norm2: { init: '0', step: 'acc + v * v', combine: 'acc + v', finish: 'Math.sqrt(acc)' },
  /** (Σ|v|^x)^y, y = 1/x. */
  normp: { init: '0', step: 'acc + Math.pow(Math.abs(v), x)', combine: 'acc + v', finish: 'Math.pow(acc, y)' },
} as const satisfies Record<string, Fold>;

/**
 * The fold of the p-norm (p = 0 counts nonzeros), with its scalars.
 * @example
 * const { f, scalars } = normFold(3); fold(sl, f, scalars); // (Σ|v|^3)^(1/3) per slice
 */
export function normFold(p: number): { f: Fold; scalars: number[] } {
  if (p === 0) return { f: FOLDS.count, scalars: [] };
  if (p === 1) return { f: FOLDS.norm1, scalars: [] };
  if (p === 2) return { f: FOLDS.norm2, scalars: [] };
  return { f: FOLDS.normp, scalars: [p, Math.fround(1 / p)] };
}
