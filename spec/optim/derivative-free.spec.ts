/** cmaes and de (derivative-free, on optim/test's Rosenbrock and a sphere) and FistaLS (an L1 problem). */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { optim } from '../../optim/index.js';
import type { FistaSmooth } from '../../optim/FistaLS.js';
import type { OptimTable } from '../../optim/types.js';
import { l2, rosenbrock, values } from './problems.js';

describe('optim derivative-free methods and FistaLS', () => {
  describe('cmaes', () => {
    it('minimises a sphere, leaving x alone', () => {
      torch.manualSeed(1);
      const x = torch.ones(5) as Tensor;
      const [best, fhist, evals] = optim.cmaes(l2, x, { sigma: 0.5, maxEval: 4000, verb_disp: 0, ftarget: 1e-12 });
      expect(values(x)).to.deep.equal([1, 1, 1, 1, 1]);
      expect(fhist[0]).to.equal(5);
      expect(fhist[fhist.length - 1]).to.be.at.most(1e-12);
      expect(l2(best)[0]).to.equal(fhist[fhist.length - 1]);
      expect(evals % 8).to.equal(0); // popsize 4 + ⌊3 ln 5⌋ = 8
      expect(evals).to.be.at.most(4000);
    });

    it('solves 10-D Rosenbrock (test_cmaes.lua)', () => {
      torch.manualSeed(2);
      const x = torch.zeros(10) as Tensor;
      const [best, fhist, evals] = optim.cmaes(rosenbrock, x, { maxEval: 10000, sigma: 0.5, verb_disp: 0 });
      expect(fhist[fhist.length - 1]).to.be.below(1e-6);
      values(best).forEach((v) => expect(v).to.be.closeTo(1, 1e-3));
      expect(evals).to.be.at.most(10000);
    });

    it('prints Torch\'s progress lines with verb_disp', () => {
      torch.manualSeed(3);
      const log = console.log;
      const lines: string[] = [];
      console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
      try { optim.cmaes(l2, torch.zeros(2) as Tensor, { sigma: 1, maxEval: 12, verb_disp: 1 }); } finally { console.log = log; }
      expect(lines[0]).to.equal('evals:\t ax-ratio max(std)   f-value');
      expect(lines[1]).to.match(/^6:  +\d+\.\d  \d\.\de[+-]\d\d [-\d.e]+$/);
      expect(lines).to.include('solution = ');
    });

    it('refuses integer tensors', () => {
      expect(() => optim.cmaes(l2, new torch.LongTensor(2), { sigma: 1 })).to.throw('Unsupported Tensor torch.LongTensor');
    });
  });

  describe('de', () => {
    const config = { popsize: 50, scaleFactor: 0.5, crossoverRate: 0.9, maxFEs: 3000 };
    it('finds Rosenbrock\'s minimum with test_de.lua\'s settings, repeatably', () => {
      const x = torch.zeros(2) as Tensor;
      const [best, fx] = optim.de(rosenbrock, x, { ...config });
      expect(fx.size(1)).to.equal(3000);
      expect(rosenbrock(best)[0]).to.be.below(1e-6);
      values(best).forEach((v) => expect(v).to.be.closeTo(1, 1e-2));
      const [best2, fx2] = optim.de(rosenbrock, x, { ...config });
      expect(values(best2)).to.deep.equal(values(best));
      expect(values(fx2)).to.deep.equal(values(fx));
      expect(values(x)).to.deep.equal([0, 0]);
    });

    it('stops with an index error when popsize does not divide maxFEs, as Torch does', () => {
      expect(() => optim.de(rosenbrock, torch.zeros(2) as Tensor, { ...config, maxFEs: 120 })).to.throw('index out of bound');
    });
  });

  describe('FistaLS', () => {
    // min ‖Dx − y‖² + λ‖x‖₁ for a random 10×20 dictionary and a sparse code
    function lasso(lambda: number) {
      torch.manualSeed(5);
      const D = torch.randn(10, 20) as Tensor;
      const xTrue = torch.zeros(20) as Tensor;
      xTrue.put(3, 1.5); xTrue.put(11, -2);
      const y = torch.mv(D, xTrue) as Tensor;
      const f: FistaSmooth = (x, mode) => {
        const r = (torch.mv(D, x) as Tensor).add(-1, y);
        const fval = r.dot(r);
        return mode === 'dx' ? [fval, torch.mv(D.t(), r).mul(2) as Tensor] : fval;
      };
      const g = (x: Tensor) => lambda * (x.clone().abs().sum() as number);
      const pl = (x: Tensor, L: number) => { x.apply((v) => Math.sign(v) * Math.max(Math.abs(v) - lambda / L, 0)); };
      return { D, y, f, g, pl };
    }

    it('FISTA and ISTA reach the same L1 solution, which satisfies the optimality conditions', () => {
      const lambda = 0.5;
      const { D, y, f, g, pl } = lasso(lambda);
      const fistaParams: OptimTable = { doFistaUpdate: true, maxiter: 3000, errthres: 1e-12 };
      const xinit = torch.zeros(20) as Tensor;
      const [code, h] = optim.FistaLS(f, g, pl, xinit, fistaParams);
      expect(values(xinit)).to.deep.equal(values(code));
      expect(fistaParams.L).to.equal(h[h.length - 1].L);
      expect(h[0]).to.include.keys('nline', 'L', 'F', 'Fply', 'Gply', 'Q');
      // KKT: 2Dᵀ(Dx − y) = −λ sign(x) where x ≠ 0, and |·| ≤ λ where x = 0
      const grad = values(torch.mv(D.t(), (torch.mv(D, code) as Tensor).add(-1, y)).mul(2) as Tensor);
      values(code).forEach((v, i) => {
        if (v !== 0) expect(grad[i]).to.be.closeTo(-lambda * Math.sign(v), 1e-4);
        else expect(Math.abs(grad[i])).to.be.at.most(lambda + 1e-4);
      });
      const [codeIsta, hIsta] = optim.FistaLS(f, g, pl, torch.zeros(20) as Tensor, { maxiter: 20000, errthres: 1e-13 });
      expect(hIsta.length).to.be.above(h.length);
      values(codeIsta).forEach((v, i) => expect(v).to.be.closeTo(values(code)[i], 1e-3));
    });

    it('keeps xk and y in the history and prints when verbose', () => {
      const { f, g, pl } = lasso(0.1);
      const log = console.log;
      const lines: string[] = [];
      console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
      let h;
      try { [, h] = optim.FistaLS(f, g, pl, torch.zeros(20) as Tensor, { maxiter: 3, verbose: true, doFistaUpdate: true }); } finally { console.log = log; }
      expect(h).to.have.length(3);
      expect(h[0].xk).to.be.instanceOf(Tensor);
      expect(lines[0]).to.match(/^nline=0 L=0\.1 fply=\S+ Q=\S+ fy=\S+ Q2=\S+ Q3=\S+$/);
      expect(lines.some((l) => /^iter=0 eold=inf enew=\S+$/.test(l))).to.equal(true);
    });
  });
});
