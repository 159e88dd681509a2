/**
 * Sums on the device for THNN's losses and parameter gradients: K quantities, each the sum of a term
 * over i in [0, n). Two kernels: K x T threads each sum a chunk of B = ~sqrt(n) terms, then K threads
 * add their T partial sums (gpu.js has no shared memory, so this is the tree a CUDA block would do).
 */
import type { DeviceContext, Handle } from '../context.js';
import { compileSpec, type KernelSpec } from './thnn-build.js';

/**
 * A reduction: `pre` (statements) and `term` (an expression) of `i` (the element) and `q` (the quantity);
 * names starting `r_` are the reduction's own.
 */
export interface ReduceSpec extends Omit<KernelSpec, 'body'> {
  /** Statements run before the term (may declare consts from i and q). */
  pre?: string;
  /** The term summed, a gpu.js expression. */
  term: string;
}

/**
 * A buffer of K floats: `scale * sum over i < n of term(i, q)` for q = 0..K-1 (0 when n is 0).
 * @example
 * sums(ctx, { name: 'sq', term: '@a[i] * @a[i]', tensors: { a: x } }, x.nElement()); // [sum x^2]
 */
export function sums(ctx: DeviceContext, spec: ReduceSpec, n: number, K = 1, scale = 1): Handle | undefined {
  const B = Math.max(16, Math.ceil(Math.sqrt(n)));
  const T = Math.max(1, Math.ceil(n / B));
  const body = `const q = Math.floor(j / r_T);
 const r_c = j - q * r_T;
 let r_s = 0;
 for (let r_k = 0; r_k < r_B; r_k++) {
  const i = r_c * r_B + r_k;
  if (i < r_n) {
   ${spec.pre ?? ''}
   r_s += ${spec.term};
  }
 }
 return r_s;`;
  const c = compileSpec({ ...spec, body, ints: { ...spec.ints, r_T: T, r_B: B, r_n: n } });
  if (!c) return undefined;
  const partial = ctx.run(ctx.kernel(c.key, `function (${c.params.join(', ')}) {\n const j = this.thread.x;\n ${c.body}\n}`, c.types), K * T, c.args);
  const k2 = ctx.kernel('thnn:sums2', `function (p, T, scale) {
 const q = this.thread.x;
 let s = 0;
 for (let k = 0; k < T; k++) { s += p[q * T + k]; }
 return s * scale;
}`, { p: 'Array', T: 'Integer', scale: 'Float' });
  const out = ctx.run(k2, K, [partial, T, scale]);
  ctx.free(partial, K * T);
  return out;
}
