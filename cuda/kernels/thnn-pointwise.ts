/**
 * The elementwise step every THNN transfer kernel shares: `res` (resized as `like`, or written in
 * place when `like` is null) = expr over `inputs` (`va`, `vb`, ... and scalars `x`, `y`, `z`, as in
 * kernels/pointwise.ts), and gpu.js source snippets for the math GL lacks or gets wrong.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import { commit } from './commit.js';
import { map } from './pointwise.js';

/**
 * Writes expr(inputs, scalars) into res; DECLINE when an operand has more than 4 non-mergeable dims
 * (nothing has been written then, so the CPU kernel can run).
 * @example
 * ew(output, input, 'va * va', [input]); // Square_updateOutput
 */
export function ew(res: Tensor, like: Tensor | null, expr: string, inputs: Tensor[], scalars: number[] = []): undefined | typeof DECLINE {
  if (like) res.resizeAs(like);
  const n = res.nElement();
  if (n === 0) return undefined;
  for (const t of inputs) if (t.nElement() !== n) return DECLINE;
  const h = map(expr, inputs, scalars, n);
  if (!h) return DECLINE;
  commit(res, h);
  return undefined;
}

/** gpu.js source of exp(u) - 1, accurate for small |u| (a series below 1e-3). */
export const EXPM1 = (u: string): string =>
  `(Math.abs(${u}) < 0.001 ? ${u} * (1 + ${u} * (0.5 + ${u} * 0.1666666667)) : Math.exp(${u}) - 1)`;

/** gpu.js source of the logistic function of v. */
export const SIGMOID = (v: string): string => `1 / (1 + Math.exp(-${v}))`;

/** TH_CONVERT_ACCREAL_TO_REAL for CudaTensor (float): a scalar argument as a float. */
export const f32 = Math.fround;
