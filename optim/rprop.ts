/** optim.rprop: resilient backpropagation, sign-based per-weight step sizes (rprop.lua). */
import { torch } from '../lib/index.js';
import type { ByteTensor, Tensor } from '../lib/Tensor.js';
import type { FEval, OptimResult, OptimTable } from './types.js';

/**
 * `optim.rprop(opfunc, x[, config][, state])` → `[x, [f at each of the niter evaluations]]`.
 *
 * Config: `stepsize` (0.1, the initial step of every weight), `etaplus` (1.2), `etaminus` (0.5),
 * `stepsizemax` (50), `stepsizemin` (1e-6), `niter` (1). State: `delta` (the previous gradient),
 * `stepsize` (the per-weight steps; a tensor, it replaces the number in a shared config table as in
 * Torch), `sign`, `psign`, `nsign`, `zsign`, `dminmax`.
 * Where the gradient kept its sign the step grows by etaplus, where it flipped it shrinks by etaminus
 * and that gradient is zeroed; `x -= sign(g)·step`.
 * Prints "no state table RPROP initializing" when called without config and state, as Torch does.
 * @example
 * optim.rprop(feval, x, { stepsize: 0.01, niter: 10 }, state);
 */
export function rprop(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): OptimResult {
  if (config == null && state == null) console.log('no state table RPROP initializing');
  const cfg = config ?? {};
  const st = state ?? cfg;
  const stepsize: number = cfg.stepsize ?? 0.1;
  const etaplus: number = cfg.etaplus ?? 1.2;
  const etaminus: number = cfg.etaminus ?? 0.5;
  const stepsizemax: number = cfg.stepsizemax ?? 50.0;
  const stepsizemin: number = cfg.stepsizemin ?? 1e-6;
  const niter: number = cfg.niter ?? 1;
  const hfx: number[] = [];

  for (let i = 1; i <= niter; i++) {
    // (1) evaluate f(x) and df/dx
    const [fx, dfdx] = opfunc(x);

    // temporary storage
    if (!st.delta) {
      st.delta = dfdx.new(dfdx.size()).zero();
      st.stepsize = dfdx.new(dfdx.size()).fill(stepsize);
      st.sign = dfdx.new(dfdx.size());
      // masks: ByteTensors, or (as rprop.lua pushes them to the GPU) CudaTensors for a CudaTensor x
      const mask = (): Tensor => (x.type() === 'torch.CudaTensor' ? dfdx.new(dfdx.size()) : new torch.ByteTensor(dfdx.size()));
      st.psign = mask();
      st.nsign = mask();
      st.zsign = mask();
      st.dminmax = mask();
    }
    const delta = st.delta as Tensor, step = st.stepsize as Tensor, sign = st.sign as Tensor;
    const psign = st.psign as ByteTensor, nsign = st.nsign as ByteTensor;
    const zsign = st.zsign as ByteTensor, dminmax = st.dminmax as ByteTensor;

    // the sign of the derivative from the last step to this one
    torch.cmul(sign, dfdx, delta);
    torch.sign(sign, sign);

    // masks of the >0, <0 and ==0 entries
    torch.gt(psign, sign, 0);
    torch.lt(nsign, sign, 0);
    torch.eq(zsign, sign, 0);

    // step size factors
    sign.maskedFill(psign, etaplus);
    sign.maskedFill(nsign, etaminus);
    sign.maskedFill(zsign, 1);

    // update and clamp the step sizes
    step.cmul(sign);
    torch.gt(dminmax, step, stepsizemax);
    step.maskedFill(dminmax, stepsizemax);
    torch.lt(dminmax, step, stepsizemin);
    step.maskedFill(dminmax, stepsizemin);

    // where the direction flipped, dfdx = 0
    dfdx.maskedFill(nsign, 0);
    torch.sign(sign, dfdx);

    // update the weights
    x.addcmul(-1, sign, step);

    // remember this gradient
    delta.copy(dfdx);
    hfx.push(fx);
  }
  return [x, hfx];
}
