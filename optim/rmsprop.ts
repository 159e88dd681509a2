/** optim.rmsprop: RMSprop, steps scaled by a leaky mean of squared gradients (rmsprop.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { axpy } from './blas.js';
import type { FEval, OptimResult, OptimTable } from './types.js';

/**
 * `optim.rmsprop(opfunc, x[, config][, state])` → `[x, [f(x before the step)]]`.
 *
 * Config: `learningRate` (1e-2), `alpha` (0.99), `epsilon` (1e-8), `weightDecay` (0),
 * `initialMean` (0, the initial value of m). State: `m` (leaky mean of g²) and `tmp` (sqrt(m) + epsilon).
 * `m = alpha·m + (1-alpha)·g²; x -= lr · g / (sqrt(m) + epsilon)`.
 * @example
 * optim.rmsprop(feval, x, { learningRate: 0.01, alpha: 0.9 }, state);
 */
export function rmsprop(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): OptimResult {
  const cfg = config ?? {};
  const st = state ?? cfg;
  const lr: number = cfg.learningRate ?? 1e-2;
  const alpha: number = cfg.alpha ?? 0.99;
  const epsilon: number = cfg.epsilon ?? 1e-8;
  const wd: number = cfg.weightDecay ?? 0;
  const mfill: number = cfg.initialMean ?? 0;

  // (1) evaluate f(x) and df/dx
  const [fx, dfdx] = opfunc(x);

  // (2) weight decay
  if (wd !== 0) axpy(dfdx, wd, x);

  // (3) mean square values and a buffer for their square root
  if (!st.m) {
    st.m = x.new().resizeAs(dfdx).fill(mfill);
    st.tmp = x.new().resizeAs(dfdx);
  }
  const m = st.m as Tensor, tmp = st.tmp as Tensor;

  // (4) the new (leaky) mean squared values
  m.mul(alpha);
  m.addcmul(1.0 - alpha, dfdx, dfdx);

  // (5) update
  tmp.sqrt(m).add(epsilon);
  x.addcdiv(-lr, dfdx, tmp);
  return [x, [fx]];
}
