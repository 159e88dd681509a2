/**
 * Building THNN device kernels from a body of gpu.js source: tensor operands addressed through their
 * collapsed strides (`@x[i]` reads element i, row-major, of operand x), raw device buffers (`x[i]`),
 * and Integer / Float scalars. One compiled kernel per body and operand layout serves every size.
 */
import type { Tensor } from '../../lib/Tensor.js';
import type { DeviceContext, Handle } from '../context.js';
import type { CudaStorage } from '../CudaStorage.js';
import { indexExpr, operand, operandArgs, operandParams, operandTypes, type Operand } from './geometry.js';

/** What a kernel reads and its body; the body sees `j` (the thread) and must `return` a number. */
export interface KernelSpec {
  /** A name for the kernel cache (the body and layout are part of the key too). */
  name: string;
  /** gpu.js statements; `@x[expr]` reads element `expr` (row-major) of tensor operand x. */
  body: string;
  /** Tensor operands, addressed through their strides (any view of at most 4 non-mergeable dims). */
  tensors?: Record<string, Tensor>;
  /** Raw device buffers (contiguous from 0), indexed directly: `x[k]`. */
  buffers?: Record<string, Handle>;
  /** Integer arguments (sizes, strides, offsets; exact below 2^24). */
  ints?: Record<string, number>;
  /** Float arguments. */
  floats?: Record<string, number>;
}

/** The device context of a CudaTensor. */
export const ctxOf = (t: Tensor): DeviceContext => (t._storage as CudaStorage).ctx;

/** The gpu.js parameters, types, arguments and body of a spec, or undefined when an operand has > 4 dims. */
export function compileSpec(spec: KernelSpec): { key: string; params: string[]; types: Record<string, string>; args: unknown[]; body: string } | undefined {
  const params: string[] = [], types: Record<string, string> = {}, args: unknown[] = [];
  const layout: string[] = [];
  const ops: Record<string, Operand> = {};
  for (const [x, t] of Object.entries(spec.tensors ?? {})) {
    const o = operand(t);
    if (!o) return undefined;
    ops[x] = o;
    layout.push(o.contiguous ? 'c' : 's');
    params.push(...operandParams(x, o.contiguous));
    Object.assign(types, operandTypes(x, o.contiguous));
    args.push(...operandArgs(o));
  }
  for (const [x, h] of Object.entries(spec.buffers ?? {})) { params.push(x); types[x] = 'Array'; args.push(h); }
  for (const [x, v] of Object.entries(spec.ints ?? {})) { params.push(x); types[x] = 'Integer'; args.push(v); }
  for (const [x, v] of Object.entries(spec.floats ?? {})) { params.push(x); types[x] = 'Float'; args.push(v); }
  const body = spec.body.replace(/@(\w+)\[([^\]]+)\]/g, (_m, x: string, i: string) => {
    const o = ops[x];
    if (!o) throw new Error(`thnn kernel ${spec.name}: @${x} is not a tensor operand`);
    if (i.includes('[')) throw new Error(`thnn kernel ${spec.name}: @${x}[...] cannot nest brackets (name the index first)`);
    return `${x}[${indexExpr(x, o.contiguous, `(${i})`)}]`;
  });
  return { key: `thnn:${spec.name}:${layout.join('')}:${params.join(',')}:${spec.body}`, params, types, args, body };
}

/**
 * Runs `spec` over n threads into a new buffer of n floats on ctx, or returns undefined when an operand
 * cannot be addressed (the caller then declines).
 * @example
 * launch(ctx, { name: 'twice', body: 'return 2 * @a[j];', tensors: { a: x } }, x.nElement());
 */
export function launch(ctx: DeviceContext, spec: KernelSpec, n: number): Handle | undefined {
  const c = compileSpec(spec);
  if (!c) return undefined;
  const src = `function (${c.params.join(', ')}) {\n const j = this.thread.x;\n ${c.body}\n}`;
  return ctx.run(ctx.kernel(c.key, src, c.types), n, c.args);
}

/** gpu.js source of tanh(v) that stays finite for large |v| (GL's tanh is exp-based and overflows). */
export const TANH = (v: string): string =>
  `(Math.abs(${v}) < 0.0625 ? ${v} * (1 - ${v} * ${v} * (0.3333333333 - ${v} * ${v} * (0.1333333333 - ${v} * ${v} * 0.0539682540)))` +
  ` : Math.sign(${v}) * (1 - Math.exp(-2 * Math.abs(${v}))) / (1 + Math.exp(-2 * Math.abs(${v}))))`;

/** gpu.js source of log1p(z) for z >= 0, accurate for small z (a series below 1e-3). */
export const LOG1P = (z: string): string =>
  `(${z} < 0.001 ? ${z} * (1 - ${z} * (0.5 - ${z} * 0.3333333333)) : Math.log(1 + ${z}))`;
