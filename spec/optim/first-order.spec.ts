/**
 * The first-order optimisers: Torch's conventions (state defaults to config, weight decay added into
 * the caller's gradient, dampening = momentum), hand-computed first steps for those without
 * fixtures (adamax, adadelta, nag, asgd, rprop) and convergence on a quadratic.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { optim } from '../../optim/index.js';
import type { FEval, OptimTable } from '../../optim/types.js';
import { l2, quadratic, rosenbrock, values } from './problems.js';

const T = (...v: number[]) => new torch.DoubleTensor(v);
const close = (a: Tensor | number[], e: number[], tol = 1e-14) => {
  const av = a instanceof Tensor ? values(a) : a;
  expect(av).to.have.length(e.length);
  av.forEach((v, i) => expect(v, `element ${i + 1}`).to.be.closeTo(e[i], tol * (1 + Math.abs(e[i]))));
};
/** f = ½‖x‖², gradient x (a fresh tensor). */
const half: FEval = (x) => [0.5 * x.dot(x), x.clone()];

describe('optim first-order methods', () => {
  describe('sgd', () => {
    it('keeps its state in config when no state is given, and counts evaluations', () => {
      const config: OptimTable = { learningRate: 0.1 };
      const x = T(1, 1);
      const [xr, fs] = optim.sgd(half, x, config);
      expect(xr).to.equal(x);
      expect(fs).to.deep.equal([1]);
      expect(config.evalCounter).to.equal(1);
      close(x, [0.9, 0.9]);
    });

    it('dampening defaults to momentum (v = m·v + (1−m)·g after a first v = g)', () => {
      const { feval } = quadratic([1, 2], [0, 0]);
      const x = T(1, 1), state: OptimTable = {};
      optim.sgd(feval, x, { learningRate: 0.1, momentum: 0.9 }, state);
      close(x, [0.9, 0.8]);
      optim.sgd(feval, x, { learningRate: 0.1, momentum: 0.9 }, state);
      close(state.dfdx, [0.99, 1.96]);
      close(x, [0.801, 0.604]);
    });

    it('adds the weight decay into the gradient the caller returned', () => {
      const { feval, grad } = quadratic([1, 2], [0.5, 0]);
      const x = T(1, 1);
      optim.sgd(feval, x, { learningRate: 0.1, weightDecay: 0.5 });
      close(grad, [1 - 0.5 + 0.5, 2 + 0.5]);
      close(x, [0.9, 0.75]);
    });

    it('refuses Nesterov momentum without zero dampening', () => {
      const x = T(1, 1);
      expect(() => optim.sgd(half, x, { momentum: 0.9, nesterov: true })).to.throw('Nesterov momentum requires a momentum and zero dampening');
      expect(() => optim.sgd(half, x, { momentum: 0.9, dampening: 0, nesterov: true })).to.not.throw();
    });

    it('takes per-weight learning rates and weight decays, and decays the rate', () => {
      const { feval } = quadratic([1, 2], [0, 0]);
      const x = T(1, 1), state: OptimTable = {};
      const config = { learningRate: 0.1, learningRates: T(1, 0), weightDecays: T(0, 1), learningRateDecay: 0.5 };
      optim.sgd(feval, x, config, state);
      close(x, [0.9, 1]);
      close(state.decayParameters, [0, 1]);
      optim.sgd(feval, x, config, state);
      close(x, [0.9 - 0.1 / 1.5 * 0.9, 1]);
    });

    it('walks down the Rosenbrock valley as test_sgd.lua does', () => {
      const x = torch.zeros(2) as Tensor, config = { learningRate: 1e-3 };
      const f0 = rosenbrock(x)[0];
      for (let i = 0; i < 10001; i++) optim.sgd(rosenbrock, x, config);
      expect(rosenbrock(x)[0]).to.be.below(f0 * 0.05);
    });
  });

  describe('adamax', () => {
    it('first two steps by hand; u keeps Torch\'s 1×n shape', () => {
      const x = T(1, -2), state: OptimTable = {};
      optim.adamax(half, x, {}, state);
      close(x, [1 - 0.002, -2 + 0.002]);
      expect(state.u.size().totable()).to.deep.equal([1, 2]);
      const g1 = [1, -2], g2 = values(x);
      optim.adamax(half, x, {}, state);
      const m = g1.map((g, i) => 0.9 * 0.1 * g + 0.1 * g2[i]);
      const u = g1.map((g, i) => Math.max(0.999 * Math.abs(g), Math.abs(g2[i]) + 1e-38));
      close(x, g2.map((v, i) => v - 0.002 / (1 - 0.81) * m[i] / u[i]));
      expect(state.t).to.equal(2);
    });
  });

  describe('adadelta', () => {
    it('first step by hand', () => {
      const x = T(1, -2), state: OptimTable = {};
      const [, fs] = optim.adadelta(half, x, { rho: 0.9, eps: 1e-6 }, state);
      expect(fs).to.deep.equal([2.5]);
      const delta = [1, -2].map((g) => Math.sqrt(1e-6) / Math.sqrt(0.1 * g * g + 1e-6) * g);
      close(x, [1 - delta[0], -2 - delta[1]]);
      close(state.accDelta, delta.map((d) => 0.1 * d * d));
      expect(state.evalCounter).to.equal(1);
    });
  });

  describe('nag', () => {
    it('looks ahead along the velocity before evaluating', () => {
      const x = T(1, 2), state: OptimTable = {};
      const cfg = { learningRate: 0.1, momentum: 0.9 };
      optim.nag(half, x, cfg, state);
      close(x, [0.9, 1.8]);
      close(state.dfdx, [-0.1, -0.2]);
      const [, fs] = optim.nag(half, x, cfg, state);
      expect(fs[0]).to.be.closeTo(0.5 * 0.81 ** 2 * 5, 1e-14);
      close(state.dfdx, [-0.171, -0.342]);
      close(x, [0.729, 1.458]);
    });

    it('needs a positive momentum', () => {
      expect(() => optim.nag(half, T(1), { momentum: 0 })).to.throw('Momentum must be positive for Nesterov Accelerated Gradient');
    });
  });

  describe('asgd', () => {
    it('writes its defaults into config and returns the average', () => {
      const config: OptimTable = {};
      const r = optim.asgd(half, T(1), config);
      expect([config.eta0, config.lambda, config.alpha, config.t0]).to.deep.equal([1e-4, 1e-4, 0.75, 1e6]);
      expect(r).to.have.length(3);
      expect(r[2]).to.equal(config.ax);
    });

    it('first steps by hand, averaging from t0 on', () => {
      const cfg = { eta0: 0.1, lambda: 0.01, alpha: 0.75, t0: 2 };
      const x = T(1), state: OptimTable = {};
      let xs = 1, eta = 0.1, ax = 0;
      for (let t = 1; t <= 5; t++) {
        const mu = 1 / Math.max(1, t - 1 - cfg.t0);
        const [, , axr] = optim.asgd(half, x, cfg, state);
        xs = (1 - 0.01 * eta) * xs - eta * xs;
        ax = mu === 1 ? xs : ax + mu * (xs - ax);
        eta = 0.1 / (1 + 0.01 * 0.1 * t) ** 0.75;
        close(x, [xs]);
        close(axr, [ax]);
        expect(state.eta_t).to.be.closeTo(eta, 1e-16);
      }
      expect(state.mu_t).to.equal(1 / 3);
    });
  });

  describe('rprop', () => {
    it('grows the step while the sign holds and shrinks it (zeroing that gradient) when it flips', () => {
      const x = T(1, 0.05), state: OptimTable = {};
      optim.rprop(half, x, {}, state);
      close(x, [0.9, -0.05]);
      optim.rprop(half, x, {}, state);
      // coordinate 1 kept its sign: step 0.12; coordinate 2 flipped: step 0.05, gradient zeroed, no move
      close(state.stepsize, [0.12, 0.05]);
      close(x, [0.78, -0.05]);
      close(state.delta, [0.9, 0]);
      optim.rprop(half, x, {}, state);
      close(x, [0.78 - 0.144, 0]);
    });

    it('runs niter evaluations per call and clamps the steps', () => {
      const x = T(1000), state: OptimTable = {};
      const [, fs] = optim.rprop(half, x, { niter: 30, stepsizemax: 2 }, state);
      expect(fs).to.have.length(30);
      expect(state.stepsize.get(1)).to.equal(2);
    });
  });

  describe('adagrad / rmsprop', () => {
    it('adagrad says so when it has no state table, as Torch prints', () => {
      const log = console.log;
      const lines: unknown[][] = [];
      console.log = (...a: unknown[]) => { lines.push(a); };
      try { optim.adagrad(half, T(1)); } finally { console.log = log; }
      expect(lines).to.deep.equal([['no state table, ADAGRAD initializing']]);
    });

    it('rmsprop starts its mean from initialMean', () => {
      const x = T(2), state: OptimTable = {};
      optim.rmsprop(half, x, { learningRate: 0.1, initialMean: 1 }, state);
      const m = 0.99 * 1 + 0.01 * 4;
      close(state.m, [m]);
      close(x, [2 - 0.1 * 2 / (Math.sqrt(m) + 1e-8)]);
    });
  });

  describe('convergence on ½xᵀHx − bᵀx (H = diag(1, 10))', () => {
    const runs: [string, (f: FEval, x: Tensor, c: OptimTable, s: OptimTable) => unknown, OptimTable, number, number][] = [
      ['sgd + momentum', optim.sgd, { learningRate: 0.05, momentum: 0.9, dampening: 0 }, 300, 1e-6],
      ['sgd + nesterov', optim.sgd, { learningRate: 0.05, momentum: 0.9, dampening: 0, nesterov: true }, 300, 1e-6],
      ['adam', optim.adam, { learningRate: 0.05 }, 2000, 1e-4],
      ['adamax', optim.adamax, { learningRate: 0.05 }, 2000, 1e-4],
      ['adagrad', optim.adagrad, { learningRate: 1 }, 2000, 1e-4],
      ['adadelta', optim.adadelta, { rho: 0.95, eps: 1e-4 }, 5000, 1e-3],
      ['rmsprop', optim.rmsprop, { learningRate: 0.002 }, 5000, 1e-2],
      ['nag', optim.nag, { learningRate: 0.05, momentum: 0.9 }, 300, 1e-6],
      ['asgd', optim.asgd, { eta0: 0.05, lambda: 0, t0: 100 }, 2000, 1e-6],
      ['rprop', optim.rprop, { niter: 200 }, 1, 1e-4],
    ];
    for (const [name, method, config, iters, tol] of runs) {
      it(name, () => {
        const { feval, xstar } = quadratic([1, 10], [1, -5]);
        const x = T(3, 2), state: OptimTable = {};
        for (let i = 0; i < iters; i++) method(feval, x, { ...config }, state);
        close(x, xstar, tol);
        if (name === 'asgd') close(state.ax, xstar, 1e-3);
      });
    }

    it('l2 from test/l2.lua goes to 0 with adam', () => {
      const x = T(1, -1, 0.5), state = {};
      for (let i = 0; i < 3000; i++) optim.adam(l2, x, { learningRate: 0.01 }, state);
      close(x, [0, 0, 0], 1e-3);
    });
  });
});
