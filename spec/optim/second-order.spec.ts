/**
 * lbfgs (with and without a line search), lswolfe, polyinterp (and the least-squares / eigenvalue
 * code under it), cg and checkgrad: optim/test's Rosenbrock runs, Wolfe conditions, known minimisers.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { optim } from '../../optim/index.js';
import { eigenvalues, leastSquares, symeig } from '../../optim/linalg.js';
import { polyinterpMin } from '../../optim/polyinterp.js';
import type { FEval, OptimTable } from '../../optim/types.js';
import { quadratic, rosenbrock, values } from './problems.js';

const T = (...v: number[]) => new torch.DoubleTensor(v);
const P = (rows: number[][]) => new torch.DoubleTensor(rows);
const close = (a: number[], e: number[], tol: number) => a.forEach((v, i) => expect(v, `element ${i + 1}`).to.be.closeTo(e[i], tol));

/** Counts the evaluations of f. */
function counted(f: FEval): { f: FEval; n: () => number } {
  let n = 0;
  return { f: (x) => { n++; return f(x); }, n: () => n };
}

describe('optim second-order methods', () => {
  describe('lbfgs', () => {
    it('solves Rosenbrock with lswolfe (test_lbfgs_w_ls.lua)', () => {
      const x = torch.zeros(2) as Tensor;
      const c = counted(rosenbrock);
      const [xr, fx, evals] = optim.lbfgs(c.f, x, { maxIter: 100, lineSearch: optim.lswolfe });
      expect(xr).to.equal(x);
      close(values(x), [1, 1], 1e-6);
      expect(fx[0]).to.equal(1);
      expect(fx[fx.length - 1]).to.be.below(1e-12);
      expect(evals).to.equal(c.n());
    });

    it('solves Rosenbrock with fixed steps, in batch and stochastic mode (test_lbfgs.lua)', () => {
      const x = torch.zeros(2) as Tensor;
      const [, fx, evals] = optim.lbfgs(rosenbrock, x, { maxIter: 100, learningRate: 1e-1 });
      expect(fx.length).to.equal(evals);
      expect(fx[fx.length - 1]).to.be.below(fx[0]);
      const y = torch.zeros(2) as Tensor, config = { learningRate: 1e-1, maxIter: 1 };
      const fs: number[] = [];
      for (let i = 0; i < 100; i++) fs.push(optim.lbfgs(rosenbrock, y, config)[1][0]);
      expect(fs[99]).to.be.below(fs[0]);
      expect(config).to.include({ nIter: 100, funcEval: 100 });
    });

    it('minimises a quadratic in about n iterations, keeping minFunc\'s state', () => {
      const { feval, xstar } = quadratic([1, 2, 3, 4, 5], [1, 1, 1, 1, 1]);
      const x = torch.zeros(5) as Tensor, state: OptimTable = {};
      optim.lbfgs(feval, x, { lineSearch: optim.lswolfe, maxIter: 20, tolFun: 1e-12, tolX: 1e-20 }, state);
      close(values(x), xstar, 1e-8);
      expect(state.old_dirs.length).to.equal(state.old_stps.length);
      expect(state.nIter).to.be.at.most(20);
      expect(state).to.include.keys('d', 't', 'Hdiag', 'g_old', 'f_old', 'funcEval', 'dir_bufs', 'stp_bufs', 'ro', 'al');
    });

    it('returns at once (no third result) from an optimal start', () => {
      const r = optim.lbfgs(rosenbrock, T(1, 1), {});
      expect(r).to.have.length(2);
      expect(r[1]).to.deep.equal([0]);
    });

    it('limits the memory to nCorrection pairs', () => {
      const x = T(-1.2, 1), state: OptimTable = {};
      optim.lbfgs(rosenbrock, x, { maxIter: 50, nCorrection: 3, lineSearch: optim.lswolfe }, state);
      expect(state.old_dirs.length).to.be.at.most(3);
      expect(state.dir_bufs.length + state.old_dirs.length).to.equal(4);
    });

    it('prints its progress when verbose', () => {
      const log = console.log;
      const lines: string[] = [];
      console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
      try { optim.lbfgs(rosenbrock, torch.zeros(2) as Tensor, { maxIter: 2, verbose: true }); } finally { console.log = log; }
      expect(lines[0]).to.equal('<optim.lbfgs>  creating recyclable direction/step/history buffers');
      expect(lines[lines.length - 1]).to.equal('<optim.lbfgs>  reached max number of iterations');
    });
  });

  describe('lswolfe', () => {
    it('returns a step that satisfies the strong Wolfe conditions, and moves x there', () => {
      for (const t0 of [1e-3, 0.1, 1, 10]) {
        const x = T(-1.2, 1);
        const [f, g] = rosenbrock(x);
        const d = g.clone().mul(-1);
        const gtd = g.dot(d);
        const [fNew, gNew, xr, t, n] = optim.lswolfe(rosenbrock, x, t0, d, f, g, gtd);
        expect(xr).to.equal(x);
        close(values(x), [-1.2 + t * d.get(1), 1 + t * d.get(2)], 1e-15);
        expect(fNew, `sufficient decrease from t0=${t0}`).to.be.at.most(f + 1e-4 * t * gtd);
        expect(Math.abs(gNew.dot(d)), `curvature from t0=${t0}`).to.be.at.most(-0.9 * gtd);
        expect(n).to.be.at.least(1);
      }
    });
  });

  describe('polyinterp', () => {
    it('takes the closed-form cubic for two points without bounds', () => {
      // f = (x − 1)²: (0, 1, −2) and (3, 4, 4)
      expect(optim.polyinterp(P([[0, 1, -2], [3, 4, 4]]))).to.be.closeTo(1, 1e-15);
      // f = x³ − 3x: minimum at 1 between −2 and 2
      expect(optim.polyinterp(P([[2, 2, 9], [-2, -2, 9]]))).to.be.closeTo(1, 1e-15);
    });

    it('falls back to the mean of the points when the cubic has no real minimiser', () => {
      // d1² − g1·g2 < 0: the square root is NaN
      expect(optim.polyinterp(P([[0, 0, 1], [1, 1, 5]]))).to.equal(0.5);
    });

    it('fits by least squares within bounds, and clips to them', () => {
      const pts = P([[0, 1, -2], [3, 4, 4]]);
      expect(optim.polyinterp(pts, -5, 10)).to.be.closeTo(1, 1e-12);
      const [pos, fmin] = polyinterpMin(pts, 2, 3);
      expect(pos).to.equal(2);
      expect(fmin).to.be.closeTo(1, 1e-12);
      // three points of (x − 1)² + 2 fit a quintic whose minimum is at 1
      expect(optim.polyinterp(P([[0, 3, -2], [2, 3, 2], [3, 6, 4]]))).to.be.closeTo(1, 1e-9);
    });
  });

  describe('linear algebra under polyinterp and cmaes', () => {
    it('least squares matches the normal equations', () => {
      const A = [[1, 2], [3, 4], [5, 7], [-1, 0.5]], b = [1, 2, 3, 4];
      const x = leastSquares(A, b);
      // Aᵀ(Ax − b) = 0
      const r = A.map((row, i) => row[0] * x[0] + row[1] * x[1] - b[i]);
      close([0, 1].map((j) => A.reduce((s, row, i) => s + row[j] * r[i], 0)), [0, 0], 1e-12);
      expect(() => leastSquares([[1, 1], [1, 1]], [1, 2])).to.throw('diagonal element');
    });

    it('eigenvalues of companion matrices are the roots, real ones with an imaginary part of exactly 0', () => {
      // x³ − 6x² + 11x − 6 = (x − 1)(x − 2)(x − 3)
      const ev = eigenvalues([[6, -11, 6], [1, 0, 0], [0, 1, 0]]).sort((a, b) => a[0] - b[0]);
      close(ev.map((e) => e[0]), [1, 2, 3], 1e-12);
      expect(ev.map((e) => e[1])).to.deep.equal([0, 0, 0]);
      // x² + 1
      const c = eigenvalues([[0, -1], [1, 0]]);
      close(c.map((e) => e[0]), [0, 0], 1e-15);
      close(c.map((e) => Math.abs(e[1])), [1, 1], 1e-15);
      // x⁵ − 1: one real root and two complex pairs
      const f = eigenvalues([[0, 0, 0, 0, 1], [1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0]]);
      expect(f.filter((e) => e[1] === 0).map((e) => e[0])).to.have.length(1);
      f.forEach(([re, im]) => expect(Math.hypot(re, im)).to.be.closeTo(1, 1e-12));
    });

    it('symeig gives ascending eigenvalues and orthonormal eigenvectors', () => {
      const S = [[4, 1, 2], [1, 3, 0.5], [2, 0.5, 5]];
      const { values: l, vectors: V } = symeig(S);
      expect(l[0] <= l[1] && l[1] <= l[2]).to.equal(true);
      for (let k = 0; k < 3; k++) {
        const v = V.map((row) => row[k]);
        const Sv = S.map((row) => row.reduce((s, a, j) => s + a * v[j], 0));
        close(Sv, v.map((e) => e * l[k]), 1e-12);
        expect(Math.hypot(...v)).to.be.closeTo(1, 1e-14);
      }
    });
  });

  describe('cg', () => {
    it('solves Rosenbrock from (0, 0) as test_cg.lua does (minimize.m)', () => {
      const x = torch.zeros(2) as Tensor, state: OptimTable = {};
      const c = counted(rosenbrock);
      const [xr, fx, i] = optim.cg(c.f, x, { maxIter: 50 }, state);
      expect(xr).to.equal(x);
      expect(i).to.equal(c.n());
      expect(i).to.be.at.most(50 * 1.25 + 2); // the line search may overrun maxEval by an evaluation, as in Torch
      expect(fx[0]).to.equal(1);
      for (let k = 1; k < fx.length; k++) expect(fx[k]).to.be.below(fx[k - 1]);
      expect(fx[fx.length - 1]).to.be.below(1e-3);
      expect(state).to.include.keys('df0', 'df1', 'df2', 'df3', 'x0', 's');
    });

    it('minimises a quadratic, reusing its buffers across calls', () => {
      const { feval, xstar } = quadratic([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]);
      const x = torch.zeros(5) as Tensor, state: OptimTable = {};
      optim.cg(feval, x, { maxIter: 40 }, state);
      const s = state.s;
      optim.cg(feval, x, { maxIter: 40 }, state);
      expect(state.s).to.equal(s);
      close(values(x), xstar, 1e-6);
    });
  });

  describe('checkgrad', () => {
    it('gives a small ratio for a correct gradient and a large one for a wrong one', () => {
      const x = T(-1.2, 1, 0.3);
      const [diff, dC, dCest] = optim.checkgrad(rosenbrock, x);
      expect(diff).to.be.below(1e-6);
      close(values(dCest), values(dC), 1e-4);
      close(values(x), [-1.2, 1, 0.3], 0);
      const wrong: FEval = (y) => { const [f, g] = rosenbrock(y); return [f, g.mul(2)]; };
      expect(optim.checkgrad(wrong, x)[0]).to.be.closeTo(1 / 3, 1e-6);
      const [d2] = optim.checkgrad(rosenbrock, x, 1e-4);
      expect(d2).to.be.below(1e-6);
    });
  });
});
