/** optim.adam: Adam, adaptive moment estimation (adam.lua; Kingma & Ba, https://arxiv.org/abs/1412.6980). */
import type { Tensor } from '../lib/Tensor.js';
import { axpy } from './blas.js';
import type { FEval, OptimResult, OptimTable } from './types.js';

/**
 * `optim.adam(opfunc, x[, config][, state])` → `[x, [f(x before the step)]]`.
 *
 * Config: `learningRate` (1e-3), `learningRateDecay` (0), `beta1` (0.9), `beta2` (0.999),
 * `epsilon` (1e-8), `weightDecay` (0). State: `t`, `m`, `v`, `denom`.
 * The step is `clr·sqrt(1-beta2^t)/(1-beta1^t) · m/(sqrt(v)+epsilon)` with `clr = lr/(1+t·lrd)`.
 * @example
 * const state = {};
 * optim.adam(feval, x, { learningRate: 0.01 }, state);
 */
export function adam(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): OptimResult {
  const cfg = config ?? {};
  const st = state ?? cfg;
  const lr: number = cfg.learningRate ?? 0.001;
  const lrd: number = cfg.learningRateDecay ?? 0;
  const beta1: number = cfg.beta1 ?? 0.9;
  const beta2: number = cfg.beta2 ?? 0.999;
  const epsilon: number = cfg.epsilon ?? 1e-8;
  const wd: number = cfg.weightDecay ?? 0;

  // (1) evaluate f(x) and df/dx
  const [fx, dfdx] = opfunc(x);

  // (2) weight decay
  if (wd !== 0) axpy(dfdx, wd, x);

  // initialisation
  st.t = st.t ?? 0;
  st.m ??= x.new(dfdx.size()).zero();
  st.v ??= x.new(dfdx.size()).zero();
  st.denom ??= x.new(dfdx.size()).zero();
  const m = st.m as Tensor, v = st.v as Tensor, denom = st.denom as Tensor;

  // (3) learning rate decay (annealing)
  const clr = lr / (1 + st.t * lrd);
  st.t = st.t + 1;

  // decay the first and second moment running averages
  axpy(m.mul(beta1), 1 - beta1, dfdx);
  v.mul(beta2).addcmul(1 - beta2, dfdx, dfdx);
  denom.copy(v).sqrt().add(epsilon);

  const biasCorrection1 = 1 - beta1 ** st.t;
  const biasCorrection2 = 1 - beta2 ** st.t;
  const stepSize = clr * Math.sqrt(biasCorrection2) / biasCorrection1;

  // (4) update x
  x.addcdiv(-stepSize, m, denom);
  return [x, [fx]];
}
