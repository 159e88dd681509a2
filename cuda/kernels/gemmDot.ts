/**
 * Sums over the elements of tensors on the device, down to one float read back: the dot product of the
 * BLAS family, and the range checks of device index tensors. Two passes: ~sqrt(n) threads each sum a
 * run of ~sqrt(n) elements, then one thread sums those.
 */
import type { Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import { indexExpr, operand, operandArgs, operandParams, operandTypes, type Operand } from './geometry.js';

const NAMES = ['a', 'b'];
const SCALARS = ['x', 'y'];

/**
 * Σ_e expr(va, vb, x, y) over the n elements (row-major order) of `inputs`, as a number; undefined when
 * an operand has more than 4 strided dims.
 * @example
 * sumOf('va * vb', [x, y], [], x.nElement()); // the dot product
 */
export function sumOf(expr: string, inputs: readonly Tensor[], scalars: readonly number[], n: number): number | undefined {
  const ops: Operand[] = [];
  for (const t of inputs) { const o = operand(t); if (!o) return undefined; ops.push(o); }
  const ctx = (inputs[0]._storage as CudaStorage).ctx;
  const chunk = Math.max(1, Math.ceil(Math.sqrt(n)));
  const parts = Math.ceil(n / chunk);
  const params: string[] = [], types: Record<string, string> = {}, reads: string[] = [];
  ops.forEach((o, k) => {
    const x = NAMES[k];
    params.push(...operandParams(x, o.contiguous));
    Object.assign(types, operandTypes(x, o.contiguous));
    reads.push(`const v${x} = ${x}[${indexExpr(x, o.contiguous, 'e')}];`);
  });
  scalars.forEach((_, k) => { params.push(SCALARS[k]); types[SCALARS[k]] = 'Float'; });
  params.push('n', 'chunk');
  Object.assign(types, { n: 'Integer', chunk: 'Integer' });
  const layout = ops.map((o) => (o.contiguous ? 'c' : 's')).join('');
  const src = `function (${params.join(', ')}) {
  const e0 = this.thread.x * chunk;
  let s = 0;
  for (let q = 0; q < chunk; q++) {
    const e = e0 + q;
    if (e < n) {
      ${reads.join('\n      ')}
      s += ${expr};
    }
  }
  return s;
}`;
  const k1 = ctx.kernel(`sum:${layout}:${scalars.length}:${expr}`, src, types);
  const partial = ctx.run(k1, parts, [...ops.flatMap(operandArgs), ...scalars.map(Math.fround), n, chunk]);
  const k2 = ctx.kernel('sum:total', `function (p, n) {
  let s = 0;
  for (let q = 0; q < n; q++) { s += p[q]; }
  return s;
}`, { p: 'Array', n: 'Integer' });
  const total = ctx.run(k2, 1, [partial, parts]);
  ctx.free(partial, parts);
  const v = ctx.download(total, 1)[0];
  ctx.free(total, 1);
  return v;
}
