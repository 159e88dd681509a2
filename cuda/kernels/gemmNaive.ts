/** The naive device GEMM: one thread per output, a K loop over strided operands (webasm/cpu, webgpu, K < 4). */
import type { DeviceContext, Handle } from '../context.js';
import { ints, tTerm, type GemmSpec } from './gemmSpec.js';

/** Output o = (batch bo, row i, col j); one K loop per folded batch (a single loop when F = 1). */
const naiveBody = (folded: boolean): string => `
  const o = this.thread.x;
  const bo = Math.floor(o / (M * N));
  const rem = o - bo * M * N;
  const i = Math.floor(rem / N);
  const j = rem - i * N;
  let s = 0;${folded ? `
  for (let f = 0; f < F; f++) {
    const pa = ao + (bo * F + f) * asb + i * as0;
    const pb = bo_ + (bo * F + f) * bsb + j * bs1;
    for (let k = 0; k < K; k++) { s += a[pa + k * as1] * b[pb + k * bs0]; }
  }` : `
  const pa = ao + bo * asb + i * as0;
  const pb = bo_ + bo * bsb + j * bs1;
  for (let k = 0; k < K; k++) { s += a[pa + k * as1] * b[pb + k * bs0]; }`}`;

/** C = alpha * Σ_f A[f] B[f] (+ beta * t) as a new row-major buffer. */
export function gemmNaive(ctx: DeviceContext, g: GemmSpec): Handle {
  const tt = tTerm(g), folded = g.fold > 1;
  const params = ['a', 'ao', 'as0', 'as1', 'asb', 'b', 'bo_', 'bs0', 'bs1', 'bsb', 'M', 'N', 'K', 'F', 'alpha', ...tt.params];
  const types = { a: 'Array', ...ints(['ao', 'as0', 'as1', 'asb']), b: 'Array', ...ints(['bo_', 'bs0', 'bs1', 'bsb', 'M', 'N', 'K', 'F']),
    alpha: 'Float', ...tt.types };
  const src = `function (${params.join(', ')}) {${naiveBody(folded)}\n  return alpha * s${tt.expr};\n}`;
  const k = ctx.kernel(`gemm:naive:${folded ? 'f' : '1'}:${tt.key}`, src, types);
  const { a, b } = g;
  return ctx.run(k, g.nb * g.m * g.n, [a.buf, a.off, a.s0, a.s1, a.sb, b.buf, b.off, b.s0, b.s1, b.sb,
    g.m, g.n, g.k, g.fold, Math.fround(g.alpha), ...tt.args]);
}

