/** optim.cg: nonlinear conjugate gradients, a port of C. E. Rasmussen's minimize.m (cg.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { axpy, dot } from './blas.js';
import type { FEval, OptimTable } from './types.js';

/**
 * `optim.cg(opfunc, x[, config][, state])` → `[x, fx, i]`: the f values at the start and after each
 * successful line search, and the number of function evaluations.
 *
 * Config: `rho` (0.01) and `sig` (0.5) for the Wolfe-Powell conditions, `int` (0.1, don't re-evaluate
 * within 0.1 of the bracket's ends), `ext` (3.0, extrapolate at most 3 times the step), `maxIter` (20),
 * `ratio` (100, the largest slope ratio), `maxEval` (1.25·maxIter; the bound that matters).
 * State (reused buffers): `df0`, `df1`, `df2`, `df3`, `x0`, `s`.
 * As in Torch, the search stops at the first failed line search (`ls_failed` is a number, so Lua's
 * `if ls_failed` is always true).
 * @example
 * const [xs, fx, nEvals] = optim.cg(rosenbrock, torch.zeros(2), { maxIter: 50 });
 */
export function cg(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): [x: Tensor, fx: number[], i: number] {
  const cfg = config ?? {};
  const st = state ?? cfg;
  const rho: number = cfg.rho ?? 0.01;
  const sig: number = cfg.sig ?? 0.5;
  const int: number = cfg.int ?? 0.1;
  const ext: number = cfg.ext ?? 3.0;
  const maxIter: number = cfg.maxIter ?? 20;
  const ratio: number = cfg.ratio ?? 100;
  const maxEval: number = cfg.maxEval ?? maxIter * 1.25;
  const red = 1;

  let i = 0;
  const fx: number[] = [];

  // three points for the interpolation/extrapolation
  let z1 = 0, z2 = 0, z3 = 0, d1 = 0, d2 = 0, d3 = 0, f1 = 0, f2 = 0, f3 = 0;
  const df1 = (st.df1 as Tensor | undefined) ?? x.new();
  const df2 = (st.df2 as Tensor | undefined) ?? x.new();
  const df3 = (st.df3 as Tensor | undefined) ?? x.new();
  let tdf: Tensor;
  df1.resizeAs(x); df2.resizeAs(x); df3.resizeAs(x);

  // the search direction, and temporary storage for x
  const s = (st.s as Tensor | undefined) ?? x.new();
  s.resizeAs(x);
  const x0 = (st.x0 as Tensor | undefined) ?? x.new();
  let f0 = 0;
  const df0 = (st.df0 as Tensor | undefined) ?? x.new();
  x0.resizeAs(x); df0.resizeAs(x);

  // evaluate at the initial point
  [f1, tdf] = opfunc(x);
  fx.push(f1);
  df1.copy(tdf);
  i++;

  // the initial search direction, slope and step
  s.copy(df1).mul(-1);
  d1 = -dot(s, s);
  z1 = red / (1 - d1);

  while (i < Math.abs(maxEval)) {
    x0.copy(x);
    f0 = f1;
    df0.copy(df1);

    axpy(x, z1, s);
    [f2, tdf] = opfunc(x);
    df2.copy(tdf);
    i++;
    d2 = dot(df2, s);
    f3 = f1; d3 = d1; z3 = -z1; // point 3 starts equal to point 1
    let m = Math.min(maxIter, maxEval - i);
    let success = 0;
    let limit = -1;

    for (;;) {
      while ((f2 > f1 + z1 * rho * d1 || d2 > -sig * d1) && m > 0) {
        limit = z1;
        if (f2 > f1) {
          z2 = z3 - (0.5 * d3 * z3 * z3) / (d3 * z3 + f2 - f3);
        } else {
          const A = 6 * (f2 - f3) / z3 + 3 * (d2 + d3);
          const B = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
          z2 = (Math.sqrt(B * B - A * d2 * z3 * z3) - B) / A;
        }
        if (Number.isNaN(z2) || z2 === Infinity || z2 === -Infinity) z2 = z3 / 2;
        z2 = Math.max(Math.min(z2, int * z3), (1 - int) * z3);
        z1 = z1 + z2;
        axpy(x, z2, s);
        [f2, tdf] = opfunc(x);
        df2.copy(tdf);
        i++;
        m--;
        d2 = dot(df2, s);
        z3 = z3 - z2;
      }
      if (f2 > f1 + z1 * rho * d1 || d2 > -sig * d1) break;
      else if (d2 > sig * d1) { success = 1; break; }
      else if (m === 0) break;
      const A = 6 * (f2 - f3) / z3 + 3 * (d2 + d3);
      const B = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
      z2 = -d2 * z3 * z3 / (B + Math.sqrt(B * B - A * d2 * z3 * z3));

      if (Number.isNaN(z2) || z2 === Infinity || z2 === -Infinity || z2 < 0) {
        if (limit < -0.5) z2 = z1 * (ext - 1);
        else z2 = (limit - z1) / 2;
      } else if (limit > -0.5 && z2 + z1 > limit) {
        z2 = (limit - z1) / 2;
      } else if (limit < -0.5 && z2 + z1 > z1 * ext) {
        z2 = z1 * (ext - 1);
      } else if (z2 < -z3 * int) {
        z2 = -z3 * int;
      } else if (limit > -0.5 && z2 < (limit - z1) * (1 - int)) {
        z2 = (limit - z1) * (1 - int);
      }
      f3 = f2; d3 = d2; z3 = -z2;
      z1 = z1 + z2;
      axpy(x, z2, s);
      [f2, tdf] = opfunc(x);
      df2.copy(tdf);
      i++;
      m--;
      d2 = dot(df2, s);
    }
    if (success === 1) {
      f1 = f2;
      fx.push(f1);
      const ss = (dot(df2, df2) - dot(df2, df1)) / dot(df1, df1);
      s.mul(ss);
      axpy(s, -1, df2);
      const tmp = df1.clone();
      df1.copy(df2);
      df2.copy(tmp);
      d2 = dot(df1, s);
      if (d2 > 0) {
        s.copy(df1);
        s.mul(-1);
        d2 = -dot(s, s);
      }
      z1 = z1 * Math.min(ratio, d1 / (d2 - 1e-320));
      d1 = d2;
    } else {
      x.copy(x0);
      f1 = f0;
      df1.copy(df0);
      // Torch: `if ls_failed or i > maxEval then break end`, and ls_failed (0 or 1) is always true in Lua
      break;
    }
  }
  st.df0 = df0;
  st.df1 = df1;
  st.df2 = df2;
  st.df3 = df3;
  st.x0 = x0;
  st.s = s;
  return [x, fx, i];
}
