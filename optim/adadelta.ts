/** optim.adadelta: ADADELTA (adadelta.lua; Zeiler, http://arxiv.org/abs/1212.5701). */
import type { Tensor } from '../lib/Tensor.js';
import { axpy } from './blas.js';
import type { FEval, OptimResult, OptimTable } from './types.js';

/**
 * `optim.adadelta(opfunc, x[, config][, state])` → `[x, [f(x before the step)]]`.
 *
 * Config: `rho` (0.9), `eps` (1e-6), `weightDecay` (0). State: `evalCounter`, `paramVariance`,
 * `paramStd`, `delta`, `accDelta`.
 * `var = rho·var + (1-rho)·g²; delta = sqrt(accDelta+eps)/sqrt(var+eps) · g; x -= delta;
 * accDelta = rho·accDelta + (1-rho)·delta²`.
 * Prints "no state table, ADADELTA initializing" when called without config and state, as Torch does.
 * @example
 * optim.adadelta(feval, x, { rho: 0.95 }, state);
 */
export function adadelta(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): OptimResult {
  if (config == null && state == null) console.log('no state table, ADADELTA initializing');
  const cfg = config ?? {};
  const st = state ?? cfg;
  const rho: number = cfg.rho ?? 0.9;
  const eps: number = cfg.eps ?? 1e-6;
  const wd: number = cfg.weightDecay ?? 0;
  st.evalCounter = st.evalCounter ?? 0;

  // (1) evaluate f(x) and df/dx
  const [fx, dfdx] = opfunc(x);

  // (2) weight decay
  if (wd !== 0) axpy(dfdx, wd, x);

  // (3) parameter update
  if (!st.paramVariance) {
    st.paramVariance = x.new().resizeAs(dfdx).zero();
    st.paramStd = x.new().resizeAs(dfdx).zero();
    st.delta = x.new().resizeAs(dfdx).zero();
    st.accDelta = x.new().resizeAs(dfdx).zero();
  }
  const variance = st.paramVariance as Tensor, std = st.paramStd as Tensor;
  const delta = st.delta as Tensor, accDelta = st.accDelta as Tensor;
  variance.mul(rho).addcmul(1 - rho, dfdx, dfdx);
  std.resizeAs(variance).copy(variance).add(eps).sqrt();
  delta.resizeAs(variance).copy(accDelta).add(eps).sqrt().cdiv(std).cmul(dfdx);
  axpy(x, -1, delta);
  accDelta.mul(rho).addcmul(1 - rho, delta, delta);

  // (4) update the evaluation counter
  st.evalCounter = st.evalCounter + 1;
  return [x, [fx]];
}
