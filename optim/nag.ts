/** optim.nag: SGD with Nesterov's accelerated gradient, after Sutskever et al. 2013 (nag.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { TorchError } from '../lib/errors.js';
import { axpy } from './blas.js';
import type { FEval, OptimResult, OptimTable } from './types.js';

/**
 * `optim.nag(opfunc, x[, config][, state])` → `[x, [f(x + momentum·v)]]`.
 *
 * Config: `learningRate` (1e-3), `learningRateDecay` (0), `weightDecay` (0), `momentum` (0.9, must
 * be > 0), `learningRates` (a tensor); `dampening` is read but unused, as in Torch. State:
 * `evalCounter`, `dfdx` (the velocity v), `deltaParameters`.
 * Each call first moves `x += momentum·v`, evaluates the gradient g there, then
 * `v = momentum·v − clr·g` and `x −= clr·g`. The returned f is the value at the look-ahead point.
 * @example
 * optim.nag(feval, x, { learningRate: 0.01, momentum: 0.9 }, state);
 */
export function nag(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): OptimResult {
  const cfg = config ?? {};
  const st = state ?? cfg;
  const lr: number = cfg.learningRate ?? 1e-3;
  const lrd: number = cfg.learningRateDecay ?? 0;
  const wd: number = cfg.weightDecay ?? 0;
  const mom: number = cfg.momentum ?? 0.9;
  const lrs: Tensor | undefined = cfg.learningRates ?? undefined;
  st.evalCounter = st.evalCounter ?? 0;
  const nevals: number = st.evalCounter;
  if (mom <= 0) throw new TorchError('Momentum must be positive for Nesterov Accelerated Gradient');

  // (1) a first step along the momentum vector, then the gradient at that point
  if (st.dfdx) axpy(x, mom, st.dfdx as Tensor);
  const [fx, dfdx] = opfunc(x);

  // (2) weight decay
  if (wd !== 0) axpy(dfdx, wd, x);

  // (3) learning rate decay (annealing)
  const clr = lr / (1 + nevals * lrd);

  // (4) momentum
  if (!st.dfdx) st.dfdx = dfdx.new().resizeAs(dfdx).fill(0);
  else (st.dfdx as Tensor).mul(mom);
  const v = st.dfdx as Tensor;

  // (5) parameter update with a single or individual learning rates
  if (lrs) {
    st.deltaParameters ??= x.new().resizeAs(dfdx);
    const delta = (st.deltaParameters as Tensor).copy(lrs).cmul(dfdx);
    axpy(x, -clr, delta);
    axpy(v, -clr, delta);
  } else {
    axpy(x, -clr, dfdx);
    axpy(v, -clr, dfdx);
  }

  // (6) update the evaluation counter
  st.evalCounter = st.evalCounter + 1;
  return [x, [fx]];
}
