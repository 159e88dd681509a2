/** optim.sgd: stochastic gradient descent with momentum, Nesterov, weight decay and per-weight rates (sgd.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { TorchError } from '../lib/errors.js';
import { axpy } from './blas.js';
import type { FEval, OptimResult, OptimTable } from './types.js';

/**
 * `optim.sgd(opfunc, x[, config][, state])` → `[x, [f(x before the step)]]`.
 *
 * Config: `learningRate` (1e-3), `learningRateDecay` (0), `weightDecay` (0), `weightDecays` (a tensor),
 * `momentum` (0), `dampening` (= momentum, as in Torch), `nesterov` (false; needs momentum > 0 and
 * dampening 0), `learningRates` (a tensor). State: `evalCounter`, `dfdx` (the momentum buffer),
 * `decayParameters`, `deltaParameters`. Weight decay is added into the gradient that `opfunc`
 * returned (`dfdx.add(wd, x)`), as Torch does.
 * @example
 * const config = { learningRate: 0.1, momentum: 0.9 };
 * for (let i = 0; i < 100; i++) optim.sgd(feval, x, config);
 */
export function sgd(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): OptimResult {
  const cfg = config ?? {};
  const st = state ?? cfg;
  const lr: number = cfg.learningRate ?? 1e-3;
  const lrd: number = cfg.learningRateDecay ?? 0;
  const wd: number = cfg.weightDecay ?? 0;
  const mom: number = cfg.momentum ?? 0;
  const damp: number = cfg.dampening ?? mom;
  const nesterov: boolean = cfg.nesterov ?? false;
  const lrs: Tensor | undefined = cfg.learningRates ?? undefined;
  const wds: Tensor | undefined = cfg.weightDecays ?? undefined;
  st.evalCounter = st.evalCounter ?? 0;
  const nevals: number = st.evalCounter;
  if (nesterov && !(mom > 0 && damp === 0)) {
    throw new TorchError('Nesterov momentum requires a momentum and zero dampening');
  }

  // (1) evaluate f(x) and df/dx
  let [fx, dfdx] = opfunc(x);

  // (2) weight decay with a single or individual parameters
  if (wd !== 0) {
    axpy(dfdx, wd, x);
  } else if (wds) {
    st.decayParameters ??= x.new().resizeAs(dfdx);
    (st.decayParameters as Tensor).copy(wds).cmul(x);
    axpy(dfdx, 1, st.decayParameters as Tensor);
  }

  // (3) momentum: the first step copies the gradient (no dampening)
  if (mom !== 0) {
    if (!st.dfdx) st.dfdx = dfdx.new().resizeAs(dfdx).copy(dfdx);
    else axpy((st.dfdx as Tensor).mul(mom), 1 - damp, dfdx);
    if (nesterov) axpy(dfdx, mom, st.dfdx as Tensor);
    else dfdx = st.dfdx as Tensor;
  }

  // (4) learning rate decay (annealing)
  const clr = lr / (1 + nevals * lrd);

  // (5) parameter update with a single or individual learning rates
  if (lrs) {
    st.deltaParameters ??= x.new().resizeAs(dfdx);
    (st.deltaParameters as Tensor).copy(lrs).cmul(dfdx);
    axpy(x, -clr, st.deltaParameters as Tensor);
  } else {
    axpy(x, -clr, dfdx);
  }

  // (6) update the evaluation counter
  st.evalCounter = st.evalCounter + 1;
  return [x, [fx]];
}
