/** optim.adamax: AdaMax, Adam with the infinity norm (adamax.lua; http://arxiv.org/pdf/1412.6980.pdf). */
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { axpy } from './blas.js';
import type { FEval, OptimResult, OptimTable } from './types.js';

/**
 * `optim.adamax(opfunc, x[, config][, state])` → `[x, [f(x before the step)]]`.
 *
 * Config: `learningRate` (0.002), `beta1` (0.9), `beta2` (0.999), `epsilon` (1e-38), `weightDecay` (0).
 * State: `t`, `m`, `u` (the weighted infinity norm; 1×n after the first step, as in Torch) and `max` (a 2×n buffer for the max).
 * `m = beta1·m + (1-beta1)·g; u = max(beta2·u, |g|+eps); x -= lr/(1-beta1^t) · m/u`.
 * @example
 * optim.adamax(feval, x, { learningRate: 0.002 }, state);
 */
export function adamax(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): OptimResult {
  const cfg = config ?? {};
  const st = state ?? cfg;
  const lr: number = cfg.learningRate ?? 0.002;
  const beta1: number = cfg.beta1 ?? 0.9;
  const beta2: number = cfg.beta2 ?? 0.999;
  const epsilon: number = cfg.epsilon ?? 1e-38;
  const wd: number = cfg.weightDecay ?? 0;

  // (1) evaluate f(x) and df/dx
  const [fx, dfdx] = opfunc(x);

  // (2) weight decay
  if (wd !== 0) axpy(dfdx, wd, x);

  // initialisation
  st.t = st.t ?? 0;
  st.m ??= x.new(dfdx.size()).zero();
  st.u ??= x.new(dfdx.size()).zero();
  st.max ??= x.new(2, ...dfdx.size().totable()).zero();
  const m = st.m as Tensor, u = st.u as Tensor, max = st.max as Tensor;

  st.t = st.t + 1;

  // biased first moment; exponentially weighted infinity norm
  axpy(m.mul(beta1), 1 - beta1, dfdx);
  (max.select(1, 1) as Tensor).copy(u).mul(beta2);
  (max.select(1, 2) as Tensor).copy(dfdx).abs().add(epsilon);
  // u:max(buf, 1) — Torch keeps the reduced dim, so u becomes 1×n after the first step
  if (x.type() === 'torch.CudaTensor') {
    // cutorch keeps max's indices on the device (a CudaLongTensor); we have no device integer tensors and
    // would read them back every step, so the same values come from cmax of the two rows (NaN aside)
    torch.cmax(u.resize(max.narrow(1, 1, 1).size()), max.narrow(1, 1, 1), max.narrow(1, 2, 1));
  } else {
    torch.max(u, new torch.LongTensor(), max, 1);
  }

  const biasCorrection1 = 1 - beta1 ** st.t;
  const stepSize = lr / biasCorrection1;
  x.addcdiv(-stepSize, m, u);
  return [x, [fx]];
}
