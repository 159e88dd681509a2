/** optim.FistaLS: FISTA (or ISTA) with a backtracking line search, Beck & Teboulle 2009 (fista.lua). */
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { TorchError } from '../lib/errors.js';
import { axpy, dot } from './blas.js';
import { sprintf } from './format.js';
import { firstValue, truthy, type OptimTable } from './types.js';

/**
 * The smooth part: `f(x)` → its value (or `[value, ...]`); `f(x, 'dx')` → `[value, gradient, ...]`,
 * as Lua's multiple returns.
 */
export type FistaSmooth = (x: Tensor, mode?: 'dx') => number | [number, Tensor, ...unknown[]];

/** One iteration's record in FistaLS's history. */
export interface FistaHistory {
  nline: number; L: number; F: number; Fply: number; Gply: number; Q: number; xk?: Tensor; y?: Tensor;
}

/**
 * `optim.FistaLS(f, g, pl, xinit[, params])` → `[x, history]`: minimises f(x) + g(x) for a smooth f and
 * a non-smooth g, where `pl(x, L)` solves the proximal problem in place (e.g. soft thresholding by
 * λ/L for an L1 penalty). The iterate starts from zeros, as in Torch, and the solution is copied
 * into xinit too.
 *
 * Params: `L` (0.1, 1/step), `Lstep` (1.5), `maxiter` (50), `maxline` (20), `errthres` (1e-4),
 * `doFistaUpdate` (FISTA's momentum when true; **ISTA when unset**, as Torch reads it without a
 * default), `verbose` (prints every step and keeps xk and y in the history). On return params.L holds
 * the last L, and `params.xkm`, `params.y`, `params.ply` the reusable buffers.
 * @example
 * const [code, h] = optim.FistaLS(f, g, pl, torch.zeros(n), { doFistaUpdate: true, maxiter: 200 });
 */
export function FistaLS(f: FistaSmooth, g: (x: Tensor) => number | [number, ...unknown[]], pl: (x: Tensor, L: number) => unknown,
  xinit: Tensor, params?: OptimTable): [x: Tensor, history: FistaHistory[]] {
  const prm = params ?? {};
  let L: number = prm.L ?? 0.1;
  const Lstep: number = prm.Lstep ?? 1.5;
  const maxiter: number = prm.maxiter ?? 50;
  const maxline: number = prm.maxline ?? 20;
  const errthres: number = prm.errthres ?? 1e-4;
  const doFistaUpdate = truthy(prm.doFistaUpdate);
  const verbose = truthy(prm.verbose);

  // temporary allocations
  prm.xkm ??= new torch.Tensor();
  prm.y ??= new torch.Tensor();
  prm.ply ??= new torch.Tensor();
  const xkm = prm.xkm as Tensor, y = prm.y as Tensor, ply = prm.ply as Tensor;

  // we start from all zeros
  const xk = xinit;
  xkm.resizeAs(xk).zero();
  ply.resizeAs(xk).zero();
  y.resizeAs(xk).zero();

  const history: FistaHistory[] = [];
  let niter = 0;
  let tk = 1, tkp = 0;
  g(y);
  let fval = Infinity;
  while (niter < maxiter) {
    // the smooth function and its gradient at y
    const [fy, gfy] = f(y, 'dx') as [number, Tensor];
    let fply = 0, gply = 0, Q = 0;

    // line search for the new current location, starting from the FISTA point
    let nline = 0;
    let linesearchdone = false;
    while (!linesearchdone) {
      // a gradient step on the smooth function, then the auxiliary problem
      ply.copy(y);
      axpy(ply, -1 / L, gfy);
      pl(ply, L);
      xk.copy(ply); // the candidate for the new iterate
      fply = firstValue(f(ply));
      axpy(ply, -1, y); // ply - y
      const Q2 = dot(gfy, ply);
      const Q3 = L / 2 * dot(ply, ply);
      Q = fy + Q2 + Q3;
      if (verbose) console.log(sprintf('nline=%d L=%g fply=%g Q=%g fy=%g Q2=%g Q3=%g', nline, L, fply, Q, fy, Q2, Q3));
      if (fply <= Q) {
        linesearchdone = true;
      } else if (nline >= maxline) {
        linesearchdone = true;
        xk.copy(xkm); // no better point: the current iterate stays the previous one
      } else {
        L = L * Lstep;
      }
      nline++;
    }

    if (doFistaUpdate) {
      // the FISTA step: y(k+1) = x(k) + (1-t(k))/t(k+1) · (x(k-1) - x(k))
      tkp = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
      axpy(xkm, -1, xk);
      y.copy(xk);
      axpy(y, (1 - tk) / tkp, xkm);
      xkm.copy(xk);
    } else {
      y.copy(xk);
    }
    tk = tkp;
    fply = firstValue(f(y));
    gply = firstValue(g(y));
    if (verbose) console.log(sprintf('iter=%d eold=%g enew=%g', niter, fval, fply + gply));

    niter++;
    fval = fply + gply;
    const h: FistaHistory = { nline, L, F: fval, Fply: fply, Gply: gply, Q };
    history.push(h);
    prm.L = L;
    if (verbose) { h.xk = xk.clone(); h.y = y.clone(); }

    // are we done?
    if (niter > 1 && Math.abs(h.F - history[niter - 2].F) <= errthres) {
      xinit.copy(y);
      return [y, history];
    }
    if (niter >= maxiter) {
      xinit.copy(y);
      return [y, history];
    }
  }
  throw new TorchError('not supposed to be here');
}
