/** optim.asgd: averaged SGD as in L. Bottou's sgd-2.0 (asgd.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { axpy } from './blas.js';
import type { FEval, OptimTable } from './types.js';

/**
 * `optim.asgd(opfunc, x[, config][, state])` → `[x, [f(x before the step)], ax]`.
 *
 * ```
 * x  := (1 - lambda·eta_t)·x - eta_t·df/dx
 * ax := ax + mu_t·(x - ax)
 * eta_t = eta0 / (1 + lambda·eta0·t)^alpha,  mu_t = 1/max(1, t - t0)
 * ```
 * Config (the defaults are written back into config, as Torch does): `eta0` (1e-4), `lambda` (1e-4),
 * `alpha` (0.75), `t0` (1e6). State: `eta_t`, `mu_t`, `t`, `ax` (the average), `tmp`.
 * @example
 * const [, , ax] = optim.asgd(feval, x, { eta0: 0.01 }, state);
 */
export function asgd(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): [x: Tensor, fs: number[], ax: Tensor] {
  const cfg = config ?? {};
  const st = state ?? cfg;
  cfg.eta0 = cfg.eta0 ?? 1e-4;
  cfg.lambda = cfg.lambda ?? 1e-4;
  cfg.alpha = cfg.alpha ?? 0.75;
  cfg.t0 = cfg.t0 ?? 1e6;

  // (hidden state)
  st.eta_t = st.eta_t ?? cfg.eta0;
  st.mu_t = st.mu_t ?? 1;
  st.t = st.t ?? 0;

  // (1) evaluate f(x) and df/dx
  const [fx, dfdx] = opfunc(x);

  // (2) decay term
  x.mul(1 - cfg.lambda * st.eta_t);

  // (3) update x
  axpy(x, -st.eta_t, dfdx);

  // (4) averaging
  st.ax ??= x.new().resizeAs(x).zero();
  st.tmp ??= (st.ax as Tensor).new().resizeAs(st.ax as Tensor);
  const ax = st.ax as Tensor, tmp = st.tmp as Tensor;
  if (st.mu_t !== 1) {
    tmp.copy(x);
    axpy(tmp, -1, ax).mul(st.mu_t);
    axpy(ax, 1, tmp);
  } else {
    ax.copy(x);
  }

  // (5) update eta_t and mu_t
  st.t = st.t + 1;
  st.eta_t = cfg.eta0 / Math.pow(1 + cfg.lambda * cfg.eta0 * st.t, cfg.alpha);
  st.mu_t = 1 / Math.max(1, st.t - cfg.t0);
  return [x, [fx], ax];
}
