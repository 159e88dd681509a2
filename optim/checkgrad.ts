/** optim.checkgrad: compares a gradient with central finite differences (checkgrad.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { torch } from '../lib/index.js';

/** An objective for checkgrad: `[f, df/dx]`; f may be a number or a one-element tensor. */
export type CheckgradFunc = (x: Tensor) => [number | Tensor, Tensor];

/** A number from a scalar or a one-element tensor result. */
const scalar = (v: number | Tensor): number => (typeof v === 'number' ? v : v.sum());

/**
 * `optim.checkgrad(opfunc, x[, eps = 1e-7])` → `[diff, dC, dC_est]`: the gradient opfunc returns at x
 * (resized to x's size), the central-difference estimate `(f(x+eps·e_i) − f(x−eps·e_i)) / (2·eps)`
 * for each element of the vector x, and `diff = ‖dC − dC_est‖ / ‖dC + dC_est‖`, small (≈1e-8 or
 * less) for a correct gradient. x is restored after each probe.
 * @example
 * const [diff] = optim.checkgrad(feval, x); // diff < 1e-6 for a correct gradient
 */
export function checkgrad(opfunc: CheckgradFunc, x: Tensor, eps?: number): [diff: number, dC: Tensor, dC_est: Tensor] {
  // the true gradient
  const [, dC] = opfunc(x);
  dC.resize(x.size());

  // numeric approximations of the gradient
  const e = eps ?? 1e-7;
  const dCest = dC.new().resizeAs(dC);
  for (let i = 1; i <= dC.size(1); i++) {
    const tmp = x.get(i);
    x.put(i, x.get(i) + e);
    const C1 = scalar(opfunc(x)[0]);
    x.put(i, x.get(i) - 2 * e);
    const C2 = scalar(opfunc(x)[0]);
    x.put(i, tmp);
    dCest.put(i, (C1 - C2) / (2 * e));
  }

  // the relative error of the gradient
  const diff = (torch.add(dC, -1, dCest).norm() as number) / (torch.add(dC, dCest).norm() as number);
  return [diff, dC, dCest];
}
