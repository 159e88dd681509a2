/**
 * Elementwise device kernels built from an expression: `va`, `vb`, ... are the operands' elements
 * (in row-major order of each operand), `x`, `y`, `z` scalars. One compiled kernel per expression and
 * operand layout (contiguous or strided) serves every size.
 */
import type { Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import type { Handle } from '../context.js';
import { indexExpr, operand, operandArgs, operandParams, operandTypes, type Operand } from './geometry.js';

const NAMES = ['a', 'b', 'c', 'd'];
const SCALARS = ['x', 'y', 'z'];

/**
 * Computes `expr` over the elements of `inputs` into a new contiguous buffer of n elements on their
 * device, or returns undefined when an operand cannot be addressed (more than 4 strided dims).
 * @example
 * map('va + x * vb', [a, b], [2], a.nElement()); // a + 2 b
 */
export function map(expr: string, inputs: readonly Tensor[], scalars: readonly number[], n: number): Handle | undefined {
  const ops: Operand[] = [];
  for (const t of inputs) { const o = operand(t); if (!o) return undefined; ops.push(o); }
  const ctx = (inputs[0]._storage as CudaStorage).ctx;
  const layout = ops.map((o) => (o.contiguous ? 'c' : 's')).join('');
  const key = `map:${layout}:${scalars.length}:${expr}`;
  const params: string[] = [], types: Record<string, string> = {}, reads: string[] = [];
  ops.forEach((o, k) => {
    const x = NAMES[k];
    params.push(...operandParams(x, o.contiguous));
    Object.assign(types, operandTypes(x, o.contiguous));
    reads.push(`const v${x} = ${x}[${indexExpr(x, o.contiguous)}];`);
  });
  scalars.forEach((_, k) => { params.push(SCALARS[k]); types[SCALARS[k]] = 'Float'; });
  const src = `function (${params.join(', ')}) {\n const i = this.thread.x;\n ${reads.join('\n ')}\n return ${expr};\n}`;
  const k = ctx.kernel(key, src, types);
  return ctx.run(k, n, [...ops.flatMap(operandArgs), ...scalars]);
}

/** A kernel with no tensor operands: `expr` of `i` (the element index) and scalars. */
export function generate(ctx: CudaStorage['ctx'], expr: string, scalars: readonly number[], n: number): Handle {
  const params = scalars.map((_, k) => SCALARS[k]);
  const types: Record<string, string> = {};
  for (const p of params) types[p] = 'Float';
  const src = `function (${params.join(', ')}) {\n const i = this.thread.x;\n return ${expr};\n}`;
  const k = ctx.kernel(`gen:${scalars.length}:${expr}`, src, types);
  return ctx.run(k, n, [...scalars]);
}
