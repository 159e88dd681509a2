/**
 * The tiled GL GEMM: operands packed to vec4 along K (ArrayTexture(4), read through their strides, so
 * transposed views cost no copy), 4 adjacent outputs per thread from vec4 dot products, then one kernel
 * unpacking to row-major order while adding beta * t.
 */
import type { DeviceContext, Handle } from '../context.js';
import { ints, tiledMode, tTerm, type GemmSpec, type MatOperand } from './gemmSpec.js';

/** Element k0+c of packed row (bo, r): batch bo*F + floor(k'/K), column k' mod K; 0 past the end. */
const packRead = (c: number): string =>
  `if (k0 + ${c} < KK) { const f${c} = Math.floor((k0 + ${c}) / K); x${c} = a[base + f${c} * sb + (k0 + ${c} - f${c} * K) * sk]; }`;

/** Packs rows of an operand along K into vec4s: texel (bo*R + r)*K4 + q holds K-elements 4q..4q+3. */
const PACK_SRC = `function (a, ao, R, Rv, K, KK, K4, F, sr, sk, sb) {
  const t = this.thread.x;
  const pr = Math.floor(t / K4);
  const k0 = (t - pr * K4) * 4;
  const bo = Math.floor(pr / R);
  const r = pr - bo * R;
  let x0 = 0; let x1 = 0; let x2 = 0; let x3 = 0;
  if (r < Rv) {
    const base = ao + bo * F * sb + r * sr;
    ${[0, 1, 2, 3].map(packRead).join('\n    ')}
  }
  return [x0, x1, x2, x3];
}`;
const PACK_TYPES = { a: 'Array', ...ints(['ao', 'R', 'Rv', 'K', 'KK', 'K4', 'F', 'sr', 'sk', 'sb']) };

const dot4 = (x: string, y: string): string => `${x}[0] * ${y}[0] + ${x}[1] * ${y}[1] + ${x}[2] * ${y}[2] + ${x}[3] * ${y}[3]`;

/** Thread t: packed row pr = t / N4 of A against 4 packed rows of B: returns 4 adjacent outputs. */
const TILE_SRC = `function (a4, b4, PM, N4, K4, NP) {
  const t = this.thread.x;
  const pr = Math.floor(t / N4);
  const c = t - pr * N4;
  const bo = Math.floor(pr / PM);
  const ar = pr * K4;
  const br = (bo * NP + c * 4) * K4;
  let s0 = 0; let s1 = 0; let s2 = 0; let s3 = 0;
  for (let q = 0; q < K4; q++) {
    const va = a4[ar + q];
    const v0 = b4[br + q];
    const v1 = b4[br + K4 + q];
    const v2 = b4[br + 2 * K4 + q];
    const v3 = b4[br + 3 * K4 + q];
    s0 += ${dot4('va', 'v0')};
    s1 += ${dot4('va', 'v1')};
    s2 += ${dot4('va', 'v2')};
    s3 += ${dot4('va', 'v3')};
  }
  return [s0, s1, s2, s3];
}`;
/** The argument type of a packed operand: a GL texture of vec4s; elsewhere (a forced tiled run) gpu.js's Array1D(4). */
const vec4Type = (ctx: DeviceContext): string => (tiledMode(ctx) ? 'ArrayTexture(4)' : 'Array1D(4)');

/** Output o (row-major batch, i, j) from the packed product P (P = C, or C' when tr = 1). */
const UNPACK_BODY = `
  const o = this.thread.x;
  const bo = Math.floor(o / (M * N));
  const rem = o - bo * M * N;
  const i = Math.floor(rem / N);
  const j = rem - i * N;
  let pi = i; let pj = j;
  if (tr === 1) { pi = j; pj = i; }
  const q = Math.floor(pj / 4);
  const comp = pj - q * 4;
  const v = c4[(bo * PM + pi) * N4 + q];
  let s = v[0];
  if (comp === 1) { s = v[1]; }
  if (comp === 2) { s = v[2]; }
  if (comp === 3) { s = v[3]; }`;

/** Packs `x` (rows r of each batch: row stride sr, K stride sk) into rows padded to R; returns the texel count. */
function pack(ctx: DeviceContext, x: MatOperand, rows: number, R: number, sr: number, sk: number, g: GemmSpec, K4: number): [Handle, number] {
  const k = ctx.kernel('gemm:pack', PACK_SRC, PACK_TYPES);
  const n = g.nb * R * K4;
  return [ctx.run(k, n, [x.buf, x.off, R, rows, g.k, g.k * g.fold, K4, g.fold, sr, sk, x.sb]), n];
}

/** C = alpha * Σ_f A[f] B[f] (+ beta * t) as a new row-major buffer; every temporary is freed. */
export function gemmTiled(ctx: DeviceContext, g: GemmSpec): Handle {
  // P = C (m x n) or, when fewer 4-wide column groups waste less, P = C' = B'A' (n x m)
  const tr = g.n * Math.ceil(g.m / 4) < g.m * Math.ceil(g.n / 4);
  const PM = tr ? g.n : g.m, PN = tr ? g.m : g.n;
  const N4 = Math.ceil(PN / 4), NP = N4 * 4, K4 = Math.ceil((g.k * g.fold) / 4);
  // the row operand of P and the column operand (whose rows along K are P's columns)
  const [ra, rsr, rsk] = tr ? [g.b, g.b.s1, g.b.s0] : [g.a, g.a.s0, g.a.s1];
  const [ca, csr, csk] = tr ? [g.a, g.a.s0, g.a.s1] : [g.b, g.b.s1, g.b.s0];
  const [pa, na] = pack(ctx, ra, PM, PM, rsr, rsk, g, K4);
  const [pb, nb] = pack(ctx, ca, PN, NP, csr, csk, g, K4);
  const v4 = vec4Type(ctx);
  const tile = ctx.kernel('gemm:tile1x4', TILE_SRC, { a4: v4, b4: v4, ...ints(['PM', 'N4', 'K4', 'NP']) });
  const nc = g.nb * PM * N4;
  const c4 = ctx.run(tile, nc, [pa, pb, PM, N4, K4, NP]);
  ctx.free(pa, na);
  ctx.free(pb, nb);
  const tt = tTerm(g);
  const params = ['c4', 'PM', 'N4', 'M', 'N', 'tr', 'alpha', ...tt.params];
  const types = { c4: v4, ...ints(['PM', 'N4', 'M', 'N', 'tr']), alpha: 'Float', ...tt.types };
  const src = `function (${params.join(', ')}) {${UNPACK_BODY}\n  return alpha * s${tt.expr};\n}`;
  const un = ctx.kernel(`gemm:unpack:${tt.key}`, src, types);
  const out = ctx.run(un, g.nb * g.m * g.n, [c4, PM, N4, g.m, g.n, tr ? 1 : 0, Math.fround(g.alpha), ...tt.args]);
  ctx.free(c4, nc);
  return out;
}
