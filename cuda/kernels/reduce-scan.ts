/**
 * Running folds along a dim (cumsum, cumprod): output element j (row-major over the input's sizes)
 * is the fold of its slice up to its position. Slices longer than 16 run in three kernels: the chunk
 * totals (reduce.ts's first pass), their exclusive running fold per slice, and the outputs, each of
 * which starts from its chunk's running total and folds the elements of its chunk up to itself.
 */
import type { Handle } from '../context.js';
import { foldPass, type Fold } from './reduce.js';
import { baseArgs, baseExpr, baseParams, baseTypes, layoutKey, type Slices } from './reduce-slices.js';

const INT = 'Integer';

/**
 * Chunk length C and count P of a scan of K: the outputs fold about C/2 elements each and the chunk
 * totals about P/2 each, so C = (2K)^(1/3) minimises the work (K <= 16: one chunk).
 */
function scanChunking(K: number): { C: number; P: number } {
  if (K <= 16) return { C: Math.max(K, 1), P: 1 };
  const C = Math.max(4, Math.round(Math.cbrt(2 * K)));
  return { C, P: Math.ceil(K / C) };
}

/** The exclusive running fold of the P chunk totals of each slice (m*P values). */
function chunkPrefix(sl: Slices, f: Fold, parts: Handle, P: number): Handle {
  const src = `function (h, P) {
  const j = this.thread.x;
  const s = Math.floor(j / P);
  const c = j - s * P;
  let acc = ${f.init};
  for (let q = 0; q < c; q++) {
    const v = h[s * P + q];
    acc = ${f.combine};
  }
  return acc;
}`;
  const k = sl.ctx.kernel(`scanprefix:${f.init}|${f.combine}`, src, { h: 'Array', P: INT });
  return sl.ctx.run(k, sl.m * P, [parts, P]);
}

/**
 * The running fold of every slice of `sl` (the slices of dim d of a tensor), laid out row-major over
 * the tensor's sizes: `inner` is the product of the sizes after d. Returns m*K values the caller owns.
 * @example
 * const h = scan(slicesAlong(t, 0)!, FOLDS.sum, t.nElement() / t.size(1)); // cumsum along dim 1
 */
export function scan(sl: Slices, f: Fold, inner: number): Handle {
  const { C, P } = scanChunking(sl.K);
  let prefix: Handle | undefined;
  if (P > 1) {
    const parts = foldPass(sl, f.step, f.init, 'acc', C, P, false, []);
    prefix = chunkPrefix(sl, f, parts, P);
    sl.ctx.free(parts, sl.m * P);
  }
  const key = `scan:${layoutKey(sl)}:${prefix ? 'p' : ''}:${f.init}|${f.step}`;
  const params = [...baseParams(sl), 'st', 'K', 'inner', 'C', 'P', ...(prefix ? ['pre'] : [])];
  const types: Record<string, string> = { ...baseTypes(sl), st: INT, K: INT, inner: INT, C: INT, P: INT };
  if (prefix) types.pre = 'Array';
  const src = `function (${params.join(', ')}) {
  const j = this.thread.x;
  const q = Math.floor(j / inner);
  const outer = Math.floor(q / K);
  const pos = q - outer * K;
  const s = outer * inner + (j - q * inner);
  const base = ${baseExpr(sl)};
  const c = Math.floor(pos / C);
  let acc = ${prefix ? 'pre[s * P + c]' : f.init};
  const start = c * C;
  const cnt = pos - start + 1;
  for (let k = 0; k < cnt; k++) {
    const v = a[base + (start + k) * st];
    acc = ${f.step};
  }
  return acc;
}`;
  const k = sl.ctx.kernel(key, src, types);
  const h = sl.ctx.run(k, sl.m * sl.K, [...baseArgs(sl), sl.st, sl.K, inner, C, P, ...(prefix ? [prefix] : [])]);
  if (prefix) sl.ctx.free(prefix, sl.m * P);
  return h;
}
