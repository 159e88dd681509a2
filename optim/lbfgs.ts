/** optim.lbfgs: limited-memory BFGS, after Mark Schmidt's minFunc (lbfgs.lua). */
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { axpy, dot } from './blas.js';
import { tonumber, truthy, type FEval, type OptimTable } from './types.js';

/** A line search as lbfgs calls it: `lineSearch(opfunc, x, t, d, f, g, gtd, options)` → `[f, g, x, t, nEvals]`. */
export type LineSearch = (opfunc: FEval, x: Tensor, t: number, d: Tensor, f: number, g: Tensor, gtd: number,
  options?: OptimTable) => [f: number, g: Tensor, x: Tensor, t: number, lsFuncEval: number];

/**
 * `optim.lbfgs(opfunc, x[, config][, state])` → `[x, f_hist, currentFuncEval]`: every f evaluated in this
 * call (`f_hist[0]` at the start) and the number of evaluations. When the start point is already
 * optimal (Σ|g| ≤ tolFun) it returns `[x, [f]]` with no third element, as Torch does.
 *
 * Config: `maxIter` (20), `maxEval` (1.25·maxIter), `tolFun` (1e-5), `tolX` (1e-9), `nCorrection` (100),
 * `lineSearch` (a function such as `optim.lswolfe`; without one, fixed steps of `learningRate`),
 * `lineSearchOptions`, `learningRate` (1), `verbose` (false). State: `funcEval`, `nIter`, `d`, `t`,
 * `old_dirs`, `old_stps`, `Hdiag`, `g_old`, `f_old`, `tmp1`, `dir_bufs`, `stp_bufs`, `ro`, `al`.
 * Its dot products and `x:add(t, d)` steps round as Torch's BLAS does (./blas.ts), so a run on a small
 * problem follows Torch's bit for bit, line search included.
 * @example
 * const [xs, fhist] = optim.lbfgs(feval, x, { maxIter: 100, lineSearch: optim.lswolfe });
 */
export function lbfgs(opfunc: FEval, x: Tensor, config?: OptimTable, state?: OptimTable): [x: Tensor, fs: number[], currentFuncEval?: number] {
  const cfg = config ?? {};
  const st = state ?? cfg;
  const maxIter = tonumber(cfg.maxIter) ?? 20;
  const maxEval = tonumber(cfg.maxEval) ?? maxIter * 1.25;
  const tolFun: number = cfg.tolFun ?? 1e-5;
  const tolX: number = cfg.tolX ?? 1e-9;
  const nCorrection: number = cfg.nCorrection ?? 100;
  const lineSearch: unknown = cfg.lineSearch;
  const lineSearchOpts: OptimTable | undefined = cfg.lineSearchOptions;
  const learningRate: number = cfg.learningRate ?? 1;
  const verbose = truthy(cfg.verbose) ? (...a: unknown[]) => console.log('<optim.lbfgs> ', ...a) : () => {};

  st.funcEval = st.funcEval ?? 0;
  st.nIter = st.nIter ?? 0;

  // evaluate the initial f(x) and df/dx
  let [f, g] = opfunc(x);
  const fHist = [f];
  let currentFuncEval = 1;
  st.funcEval = st.funcEval + 1;
  const p = g.size(1);

  // check the optimality of the initial point
  st.tmp1 ??= g.new(g.size()).zero();
  const tmp1 = st.tmp1 as Tensor;
  tmp1.copy(g).abs();
  if (tmp1.sum() <= tolFun) {
    verbose('optimality condition below tolFun');
    return [x, fHist];
  }

  if (!st.dir_bufs) {
    // reusable buffers for the y's and s's, and their histories
    verbose('creating recyclable direction/step/history buffers');
    st.dir_bufs = g.new(nCorrection + 1, p).split(1).map((b) => b.squeeze(1));
    st.stp_bufs = g.new(nCorrection + 1, p).split(1).map((b) => b.squeeze(1));
  }
  const dirBufs = st.dir_bufs as Tensor[], stpBufs = st.stp_bufs as Tensor[];

  // variables cached in state (for tracing)
  let d = st.d as Tensor;
  let t = st.t as number;
  let oldDirs = st.old_dirs as Tensor[];
  let oldStps = st.old_stps as Tensor[];
  let Hdiag = st.Hdiag as number;
  let gOld = st.g_old as Tensor | undefined;
  let fOld = st.f_old as number;

  // optimise for at most maxIter iterations
  let nIter = 0;
  while (nIter < maxIter) {
    nIter++;
    st.nIter = st.nIter + 1;

    // ---- the descent direction
    if (st.nIter === 1) {
      d = g.clone().mul(-1);
      oldDirs = [];
      oldStps = [];
      Hdiag = 1;
    } else {
      // the L-BFGS memory update
      const y = dirBufs.pop()!;
      const s = stpBufs.pop()!;
      y.add(g, -1, gOld!); // g - g_old
      s.mul(d, t); // d*t
      const ys = dot(y, s);
      if (ys > 1e-10) {
        if (oldDirs.length === nCorrection) {
          // shift the history by one (limited memory)
          dirBufs.push(oldDirs.shift()!);
          stpBufs.push(oldStps.shift()!);
        }
        // store the new direction/step (Torch's names: old_dirs holds s, old_stps holds y)
        oldDirs.push(s);
        oldStps.push(y);
        // the scale of the initial Hessian approximation
        Hdiag = ys / dot(y, y);
      } else {
        // put y and s back into the buffer pool
        dirBufs.push(y);
        stpBufs.push(s);
      }

      // the approximate inverse Hessian times the gradient: two-loop recursion
      const k = oldDirs.length;
      st.ro ??= new torch.Tensor(nCorrection);
      const ro = st.ro as Tensor;
      for (let i = 1; i <= k; i++) ro.put(i, 1 / dot(oldStps[i - 1], oldDirs[i - 1]));

      const q = tmp1; // tmp1 doubles as the q buffer
      st.al ??= torch.zeros(nCorrection);
      const al = st.al as Tensor;
      q.mul(g, -1);
      for (let i = k; i >= 1; i--) {
        al.put(i, dot(oldDirs[i - 1], q) * ro.get(i));
        axpy(q, -al.get(i), oldStps[i - 1]);
      }

      // multiply by the initial Hessian; r shares d's buffer
      const r = d;
      r.mul(q, Hdiag);
      for (let i = 1; i <= k; i++) {
        const beI = dot(oldStps[i - 1], r) * ro.get(i);
        axpy(r, al.get(i) - beI, oldDirs[i - 1]);
      }
    }
    gOld = gOld ?? g.clone();
    gOld.copy(g);
    fOld = f;

    // ---- the step length
    const gtd = dot(g, d); // directional derivative
    if (gtd > -tolX) break; // no progress can be made along d

    // the initial guess for the step size
    if (st.nIter === 1) {
      tmp1.copy(g).abs();
      t = Math.min(1, 1 / tmp1.sum()) * learningRate;
    } else {
      t = learningRate;
    }

    let lsFuncEval = 0;
    if (typeof lineSearch === 'function') {
      // line search: the user's function
      [f, g, x, t, lsFuncEval] = (lineSearch as LineSearch)(opfunc, x, t, d, f, g, gtd, lineSearchOpts);
      fHist.push(f);
    } else {
      // no line search: a fixed step
      axpy(x, t, d);
      if (nIter !== maxIter) {
        // re-evaluate only when not in the last iteration (useless in a stochastic setting)
        [f, g] = opfunc(x);
        lsFuncEval = 1;
        fHist.push(f);
      }
    }

    currentFuncEval += lsFuncEval;
    st.funcEval = st.funcEval + lsFuncEval;

    // ---- the stopping conditions
    if (nIter === maxIter) { verbose('reached max number of iterations'); break; }
    if (currentFuncEval >= maxEval) { verbose('max nb of function evals'); break; }
    tmp1.copy(g).abs();
    if (tmp1.sum() <= tolFun) { verbose('optimality condition below tolFun'); break; }
    tmp1.copy(d).mul(t).abs();
    if (tmp1.sum() <= tolX) { verbose('step size below tolX'); break; }
    if (Math.abs(f - fOld) < tolX) { verbose('function value changing less than tolX'); break; }
  }

  // save the state
  st.old_dirs = oldDirs;
  st.old_stps = oldStps;
  st.Hdiag = Hdiag;
  st.g_old = gOld;
  st.f_old = fOld;
  st.t = t;
  st.d = d;
  return [x, fHist, currentFuncEval];
}
