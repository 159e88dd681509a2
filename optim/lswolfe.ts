/** optim.lswolfe: a line search satisfying the strong Wolfe conditions (lswolfe.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { axpy, dot } from './blas.js';
import { polyinterp } from './polyinterp.js';
import { truthy, type FEval, type OptimTable } from './types.js';

/** TH's `min(1)` on a short vector: the first minimum (a NaN wins), 1-based. */
function argmin(v: Tensor): number {
  let best = v.get(1), pos = 1;
  for (let i = 2; i <= v.size(1); i++) {
    const x = v.get(i);
    if (!(x >= best)) { best = x; pos = i; if (Number.isNaN(x)) break; }
  }
  return pos;
}

/** Row i of a matrix (Lua's `m[i]`). */
const row = (m: Tensor, i: number): Tensor => m.select(1, i) as Tensor;

/**
 * `optim.lswolfe(opfunc, x, t, d, f, g, gtd[, options])` → `[f_new, g_new, x, t, lsFuncEval]`: a step t
 * along d from x (x is moved to x + t·d in place) where the strong Wolfe conditions hold.
 *
 * `t` is the initial step, `d` the descent direction, `f`/`g` the value and gradient at x and `gtd` the
 * directional derivative g·d. Options: `c1` (1e-4, sufficient decrease), `c2` (0.9, curvature),
 * `tolX` (1e-9, the smallest allowed bracket), `maxIter` (20), `verbose`. Brackets first, then zooms
 * with cubic interpolation (`optim.polyinterp`), as Torch does.
 * @example
 * optim.lbfgs(feval, x, { lineSearch: optim.lswolfe, lineSearchOptions: { c2: 0.5 } });
 */
export function lswolfe(opfunc: FEval, x: Tensor, t: number, d: Tensor, f: number, g: Tensor, gtd: number,
  options?: OptimTable): [f: number, g: Tensor, x: Tensor, t: number, lsFuncEval: number] {
  const opts = options ?? {};
  const c1: number = opts.c1 ?? 1e-4;
  const c2: number = opts.c2 ?? 0.9;
  const tolX: number = opts.tolX ?? 1e-9;
  const maxIter: number = opts.maxIter ?? 20;
  const verbose = (...a: unknown[]) => { if (truthy(opts.verbose)) console.log('<optim.lswolfe> ', ...a); };
  const vec = (...v: number[]) => x.new(v);
  const n = () => gNew.size(1);

  // the objective and gradient at the initial step
  const xInit = x.clone();
  axpy(x, t, d);
  let [fNew, gNew] = opfunc(x);
  let lsFuncEval = 1;
  let gtdNew = dot(gNew, d);

  // bracket an interval containing a point that satisfies the Wolfe criteria
  let LSiter = 0, tPrev = 0, done = false;
  let fPrev = f, gPrev = g.clone(), gtdPrev = gtd;
  let bracket!: Tensor, bracketFval!: Tensor, bracketGval!: Tensor;
  const bracketTwo = () => {
    bracket = vec(tPrev, t);
    bracketFval = vec(fPrev, fNew);
    bracketGval = x.new(2, n());
    row(bracketGval, 1).copy(gPrev);
    row(bracketGval, 2).copy(gNew);
  };
  while (LSiter < maxIter) {
    // check the conditions
    if (fNew > f + c1 * t * gtd || (LSiter > 1 && fNew >= fPrev)) {
      bracketTwo();
      break;
    } else if (Math.abs(gtdNew) <= -c2 * gtd) {
      bracket = vec(t);
      bracketFval = vec(fNew);
      bracketGval = x.new(1, n());
      row(bracketGval, 1).copy(gNew);
      done = true;
      break;
    } else if (gtdNew >= 0) {
      bracketTwo();
      break;
    }

    // interpolate
    const tmp = tPrev;
    tPrev = t;
    const minStep = t + 0.01 * (t - tmp);
    const maxStep = t * 10;
    t = polyinterp(x.new([[tmp, fPrev, gtdPrev], [t, fNew, gtdNew]]), minStep, maxStep);

    // the next step
    fPrev = fNew;
    gPrev = gNew.clone();
    gtdPrev = gtdNew;
    x.copy(xInit);
    axpy(x, t, d);
    [fNew, gNew] = opfunc(x);
    lsFuncEval++;
    gtdNew = dot(gNew, d);
    LSiter++;
  }

  // reached the maximum number of iterations?
  if (LSiter === maxIter) {
    bracket = vec(0, t);
    bracketFval = vec(f, fNew);
    bracketGval = x.new(2, n());
    row(bracketGval, 1).copy(g);
    row(bracketGval, 2).copy(gNew);
  }

  // zoom: refine the bracket until a point satisfies the criteria
  let insufProgress = false;
  while (!done && LSiter < maxIter) {
    // the high and low points of the bracket
    const LOpos = argmin(bracketFval);
    const fLO = bracketFval.get(LOpos);
    const HIpos = -LOpos + 3;

    // a new trial value
    t = polyinterp(x.new([
      [bracket.get(1), bracketFval.get(1), dot(row(bracketGval, 1), d)],
      [bracket.get(2), bracketFval.get(2), dot(row(bracketGval, 2), d)],
    ]));

    // test that we are making sufficient progress
    const bmax = bracket.max(), bmin = bracket.min();
    if (Math.min(bmax - t, t - bmin) / (bmax - bmin) < 0.1) {
      if (insufProgress || t >= bmax || t <= bmin) {
        if (Math.abs(t - bmax) < Math.abs(t - bmin)) t = bmax - 0.1 * (bmax - bmin);
        else t = bmin + 0.1 * (bmax - bmin);
        insufProgress = false;
      } else {
        insufProgress = true;
      }
    } else {
      insufProgress = false;
    }

    // evaluate the new point
    x.copy(xInit);
    axpy(x, t, d);
    [fNew, gNew] = opfunc(x);
    lsFuncEval++;
    gtdNew = dot(gNew, d);
    LSiter++;
    if (fNew > f + c1 * t * gtd || fNew >= fLO) {
      // Armijo condition not satisfied, or not lower than the lowest point
      bracket.put(HIpos, t);
      bracketFval.put(HIpos, fNew);
      row(bracketGval, HIpos).copy(gNew);
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) {
        done = true; // Wolfe conditions satisfied
      } else if (gtdNew * (bracket.get(HIpos) - bracket.get(LOpos)) >= 0) {
        // the old HI becomes the new LO
        bracket.put(HIpos, bracket.get(LOpos));
        bracketFval.put(HIpos, bracketFval.get(LOpos));
        row(bracketGval, HIpos).copy(row(bracketGval, LOpos));
      }
      // the new point becomes the new LO
      bracket.put(LOpos, t);
      bracketFval.put(LOpos, fNew);
      row(bracketGval, LOpos).copy(gNew);
    }

    // done?
    if (!done && Math.abs((bracket.get(1) - bracket.get(2)) * gtdNew) < tolX) break;
  }

  if (LSiter === maxIter) verbose('reached max number of iterations');

  // return the lowest point of the bracket
  const LOpos = argmin(bracketFval);
  t = bracket.get(LOpos);
  fNew = bracketFval.get(LOpos);
  gNew = row(bracketGval, LOpos);
  x.copy(xInit);
  axpy(x, t, d);
  return [fNew, gNew, x, t, lsFuncEval];
}
