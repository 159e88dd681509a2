/**
 * max/min of each slice with its position, as TH finds them: the first NaN wins, else the first
 * extreme (a later equal value does not replace it). Pass 1 finds the 0-based position of the
 * extreme of each chunk; later passes pick among the chunks' candidates in order, so ties and NaNs
 * resolve as one sequential scan would.
 */
import type { Handle } from '../context.js';
import { chunking } from './reduce.js';
import { baseArgs, baseExpr, baseParams, baseTypes, layoutKey, type Slices } from './reduce-slices.js';

const INT = 'Integer';

/** The comparison that replaces the current extreme: `>` for max, `<` for min. */
function cmp(sign: 1 | -1): string { return sign > 0 ? '>' : '<'; }

/** Pass 1: m*P positions, the extreme of chunk (j mod P) of slice floor(j / P). */
function firstPass(sl: Slices, sign: 1 | -1, C: number, P: number): Handle {
  const key = `argext1:${layoutKey(sl)}:${sign}`;
  const params = [...baseParams(sl), 'st', 'K', 'C', 'P'];
  const src = `function (${params.join(', ')}) {
  const j = this.thread.x;
  const s = Math.floor(j / P);
  const k0 = (j - s * P) * C;
  const base = ${baseExpr(sl)};
  let kn = K - k0;
  if (kn > C) { kn = C; }
  let bi = k0;
  let best = a[base + k0 * st];
  if (best === best) {
    for (let k = 1; k < kn; k++) {
      const v = a[base + (k0 + k) * st];
      if (v ${cmp(sign)} best) { best = v; bi = k0 + k; } else if (v !== v) { bi = k0 + k; break; }
    }
  }
  return bi;
}`;
  const k = sl.ctx.kernel(key, src, { ...baseTypes(sl), st: INT, K: INT, C: INT, P: INT });
  return sl.ctx.run(k, sl.m * P, [...baseArgs(sl), sl.st, sl.K, C, P]);
}

/** A later pass: chunks of C of the Pin candidates per slice in `h`, into m*Pout candidates. */
function combinePass(sl: Slices, sign: 1 | -1, h: Handle, Pin: number, C: number, Pout: number): Handle {
  const key = `argext2:${layoutKey(sl)}:${sign}`;
  const params = [...baseParams(sl), 'st', 'h', 'Pin', 'C', 'Pout'];
  const src = `function (${params.join(', ')}) {
  const j = this.thread.x;
  const s = Math.floor(j / Pout);
  const k0 = (j - s * Pout) * C;
  const base = ${baseExpr(sl)};
  let kn = Pin - k0;
  if (kn > C) { kn = C; }
  let bi = h[s * Pin + k0];
  let best = a[base + bi * st];
  if (best === best) {
    for (let k = 1; k < kn; k++) {
      const i = h[s * Pin + k0 + k];
      const v = a[base + i * st];
      if (v ${cmp(sign)} best) { best = v; bi = i; } else if (v !== v) { bi = i; break; }
    }
  }
  return bi;
}`;
  const k = sl.ctx.kernel(key, src, { ...baseTypes(sl), st: INT, h: 'Array', Pin: INT, C: INT, Pout: INT });
  return sl.ctx.run(k, sl.m * Pout, [...baseArgs(sl), sl.st, h, Pin, C, Pout]);
}

/**
 * The 0-based position of the max (`sign` 1) or min (`sign` -1) of each slice: m values the caller owns.
 * @example
 * const pos = argExtreme(slicesAlong(x, 1)!, 1); // argmax along dim 2
 */
export function argExtreme(sl: Slices, sign: 1 | -1): Handle {
  let { C, P } = chunking(sl.m, sl.K);
  let h = firstPass(sl, sign, C, P);
  while (P > 1) {
    C = P <= 256 ? P : Math.max(256, Math.ceil(Math.sqrt(P)));
    const next = Math.ceil(P / C);
    const h2 = combinePass(sl, sign, h, P, C, next);
    sl.ctx.free(h, sl.m * P);
    h = h2;
    P = next;
  }
  return h;
}

/**
 * The element of each slice at the 0-based position in `idx` (m values the caller owns).
 * @example
 * const values = gatherAt(sl, argExtreme(sl, -1)); // the minima
 */
export function gatherAt(sl: Slices, idx: Handle): Handle {
  const key = `gatherat:${layoutKey(sl)}`;
  const params = [...baseParams(sl), 'st', 'h'];
  const src = `function (${params.join(', ')}) {
  const s = this.thread.x;
  const base = ${baseExpr(sl)};
  return a[base + h[s] * st];
}`;
  const k = sl.ctx.kernel(key, src, { ...baseTypes(sl), st: INT, h: 'Array' });
  return sl.ctx.run(k, sl.m, [...baseArgs(sl), sl.st, idx]);
}
