/** optim.adagrad: AdaGrad, per-weight rates from the accumulated squared gradients (adagrad.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { axpy } from './blas.js';
import type { FEval, OptimResult, OptimTable } from './types.js';

/**
 * `optim.adagrad(opfunc, x[, config][, state])` → `[x, [f(x before the step)]]`.
 *
 * Config: `learningRate` (1e-3), `learningRateDecay` (0), `weightDecay` (0). State: `evalCounter`,
 * `paramVariance` (Σ g²) and `paramStd` (its square root plus 1e-10).
 * `x -= clr · g / (sqrt(Σ g²) + 1e-10)` with `clr = lr/(1 + evalCounter·lrd)`.
 * Prints "no state table, ADAGRAD initializing" when called without config and state, as Torch does.
 * @example
 * optim.adagrad(feval, x, { learningRate: 0.5 }, state);
 */
export function adagrad(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): OptimResult {
  if (config == null && state == null) console.log('no state table, ADAGRAD initializing');
  const cfg = config ?? {};
  const st = state ?? cfg;
  const lr: number = cfg.learningRate ?? 1e-3;
  const lrd: number = cfg.learningRateDecay ?? 0;
  const wd: number = cfg.weightDecay ?? 0;
  st.evalCounter = st.evalCounter ?? 0;
  const nevals: number = st.evalCounter;

  // (1) evaluate f(x) and df/dx
  const [fx, dfdx] = opfunc(x);

  // (2) weight decay with a single parameter
  if (wd !== 0) axpy(dfdx, wd, x);

  // (3) learning rate decay (annealing)
  const clr = lr / (1 + nevals * lrd);

  // (4) parameter update
  if (!st.paramVariance) {
    st.paramVariance = x.new().resizeAs(dfdx).zero();
    st.paramStd = x.new().resizeAs(dfdx);
  }
  const variance = st.paramVariance as Tensor, std = st.paramStd as Tensor;
  variance.addcmul(1, dfdx, dfdx);
  std.resizeAs(variance).copy(variance).sqrt();
  x.addcdiv(-clr, dfdx, std.add(1e-10));

  // (5) update the evaluation counter
  st.evalCounter = st.evalCounter + 1;
  return [x, [fx]];
}
