/**
 * The description of a device GEMM (what addmm, addmv, addr, addbmm and baddbmm reduce to) and the pieces
 * its kernels share: the beta * t term, read through t's strides.
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { DeviceContext, Handle } from '../context.js';
import { indexExpr, operand, operandArgs, operandParams, operandTypes } from './geometry.js';

/** A matrix operand: element (batch p, row i, col k) is at `off + p*sb + i*s0 + k*s1` of `buf`. */
export interface MatOperand { buf: Handle; off: number; s0: number; s1: number; sb: number }

/** One (batched) product: nb outputs of m x n, each the sum over `fold` batches of (m x k) @ (k x n). */
export interface GemmSpec {
  nb: number; m: number; n: number; k: number;
  /** Batches summed into one output (addbmm); batch p = output * fold + f. */
  fold: number;
  a: MatOperand; b: MatOperand;
  alpha: number;
  /** beta * t is added when beta !== 0 (t, with nb*m*n elements, is then read through its strides). */
  beta: number; t?: Tensor;
}

/** True where packed vec4 textures can be passed between kernels (GL); webgpu cannot take Array(4) results. */
export function tiledMode(ctx: DeviceContext): boolean {
  return ctx.mode === 'headlessgl' || ctx.mode === 'webgl' || ctx.mode === 'webgl2';
}

/** argumentTypes entries: every name an Integer. */
export const ints = (names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, 'Integer']));

/** The beta * t term: extra parameters, their types and arguments, and the expression (of thread `o`). */
export function tTerm(g: GemmSpec): { key: string; params: string[]; types: Record<string, string>; args: unknown[]; expr: string } {
  if (g.beta === 0 || !g.t) return { key: 'b0', params: [], types: {}, args: [], expr: '' };
  const op = operand(g.t);
  if (!op) throw new TorchError('internal: gemm t operand has more than 4 strided dims');
  return {
    key: op.contiguous ? 'tc' : 'ts',
    params: ['beta', ...operandParams('t', op.contiguous)],
    types: { beta: 'Float', ...operandTypes('t', op.contiguous) },
    args: [Math.fround(g.beta), ...operandArgs(op)],
    expr: ` + beta * t[${indexExpr('t', op.contiguous, 'o')}]`,
  };
}

