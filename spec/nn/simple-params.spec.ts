/** Layers with parameters: Add, CAdd, Mul, CMul, Euclidean, WeightedEuclidean, Cosine, Bilinear. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import type { Module } from '../../nn/Module.js';
import { expectClose, nonContiguous } from '../helpers.js';
import { T, checkAccUpdate, checkFloat, checkGradients, expectTorchError } from './simple-helpers.js';

const randn = (...s: number[]): Tensor => torch.randn(...s);
const rows = (t: Tensor): number[][] => t.totable() as number[][];

/** The parameters `build()` draws after manualSeed(s) equal `draw()`'s uniform tensors after the same seed. */
function expectInit(build: () => Module, draw: () => Tensor[]): void {
  T.manualSeed(42);
  const m = build();
  T.manualSeed(42);
  const expected = draw();
  const params = m.parameters()![0];
  expect(params.length).to.be.at.least(1);
  expected.forEach((e, i) => expectClose(params[i], e, 0));
}
const U = (s: number, ...sizes: number[]) => new torch.DoubleTensor(...sizes).uniform(-s, s);

describe('nn layers with parameters', () => {
  beforeEach(() => T.manualSeed(777));

  describe('Add', () => {
    it('draws its bias as Add.lua and adds it to a sample or to each row', () => {
      expectInit(() => new nn.Add(5), () => [U(1 / Math.sqrt(5), 5)]);
      expectInit(() => new nn.Add(5, true), () => [U(1, 1)]);
      const m = new nn.Add(3);
      const b = m.bias.totable() as number[];
      const x = randn(4, 3);
      expectClose(m.forward(x), rows(x).flatMap((r) => r.map((v, j) => v + b[j])));
      expectClose(m.forward(x.select(1, 2) as Tensor), rows(x)[1].map((v, j) => v + b[j]));
      const nc = nonContiguous(randn(4, 3));
      expectClose(m.forward(nc), rows(nc).flatMap((r) => r.map((v, j) => v + b[j])));
      const s = new nn.Add(3, true);
      expectClose(s.forward(x), rows(x).flat().map((v) => v + s.bias.get(1)));
      m.reset(0.5);
      expect((m.bias as Tensor).abs().max()).to.be.at.most(0.5 * Math.sqrt(3));
      expect(m.toString()).to.equal('nn.Add');
    });
    it('has correct gradients, updates in place and runs in float', () => {
      checkGradients(new nn.Add(3), randn(4, 3));
      checkGradients(new nn.Add(3), randn(3));
      checkGradients(new nn.Add(3, true), randn(2, 3));
      checkAccUpdate(() => new nn.Add(3), randn(4, 3));
      checkFloat(() => new nn.Add(3), randn(4, 3));
    });
  });

  describe('CAdd', () => {
    it('draws its bias over nElement and broadcasts it', () => {
      expectInit(() => new nn.CAdd(5, 1), () => [U(1 / Math.sqrt(5), 5, 1)]);
      const m = new nn.CAdd(3, 1);
      expect(m.output.size().totable()).to.deep.equal([3, 1]);
      const b = (m.bias.totable() as number[][]).map((r) => r[0]);
      const x = randn(3, 4);
      expectClose(m.forward(x), rows(x).flatMap((r, i) => r.map((v) => v + b[i])));
      const v = new nn.CAdd(4);
      const bv = v.bias.totable() as number[];
      expectClose(v.forward(x), rows(x).flatMap((r) => r.map((e, j) => e + bv[j])));
      const nc = nonContiguous(randn(3, 4));
      expectClose(v.forward(nc), rows(nc).flatMap((r) => r.map((e, j) => e + bv[j])));
      const c = new nn.CAdd(new torch.LongStorage([2, 2]));
      expectClose(c.forward(torch.zeros(4)), c.bias);
    });
    it('accumulates the bias gradient over the broadcast dims', () => {
      const m = new nn.CAdd(3, 1);
      const x = randn(3, 4), go = randn(3, 4);
      m.zeroGradParameters();
      m.backward(x, go, 0.5);
      expectClose(m.gradBias, rows(go).map((r) => 0.5 * r.reduce((a, b) => a + b, 0)));
    });
    it('has correct gradients, updates in place, clears its buffers and runs in float', () => {
      checkGradients(new nn.CAdd(3, 1), randn(3, 4));
      checkGradients(new nn.CAdd(4), randn(3, 4));
      checkGradients(new nn.CAdd(2, 2), randn(2, 2));
      checkAccUpdate(() => new nn.CAdd(3, 1), randn(3, 4));
      checkFloat(() => new nn.CAdd(3, 1), randn(3, 4));
      const m = new nn.CAdd(4);
      m.forward(randn(3, 4));
      m.backward(randn(3, 4), randn(3, 4));
      expect(m.clearState()).to.equal(m);
      expect([m._output!.nElement(), m._expand!.nElement(), m._gradBias!.nElement(), m.output.nElement()]).to.deep.equal([0, 0, 0, 0]);
    });
  });

  describe('Mul', () => {
    it('draws one weight in ±1 and scales by it', () => {
      expectInit(() => new nn.Mul(), () => [U(1, 1)]);
      const m = new nn.Mul();
      const w = m.weight.get(1);
      const x = randn(3, 4);
      expectClose(m.forward(x), rows(x).flat().map((v) => v * w));
      expectClose(m.forward(nonContiguous(x)), rows(x).flat().map((v) => v * w));
    });
    it('has correct gradients, updates in place and runs in float', () => {
      checkGradients(new nn.Mul(), randn(3, 4));
      checkAccUpdate(() => new nn.Mul(), randn(3, 4));
      checkFloat(() => new nn.Mul(), randn(3, 4));
    });
  });

  describe('CMul', () => {
    it('draws its weight over nElement and multiplies elementwise with broadcast', () => {
      expectInit(() => new nn.CMul(3, 4), () => [U(1 / Math.sqrt(12), 3, 4)]);
      const m = new nn.CMul(1, 4);
      const w = (m.weight.totable() as number[][])[0];
      const x = randn(3, 4);
      expectClose(m.forward(x), rows(x).flatMap((r) => r.map((v, j) => v * w[j])));
      const b = new nn.CMul(4);
      const wb = b.weight.totable() as number[];
      expectClose(b.forward(x), rows(x).flatMap((r) => r.map((v, j) => v * wb[j])));
      const nc = nonContiguous(randn(3, 4));
      expectClose(b.forward(nc), rows(nc).flatMap((r) => r.map((v, j) => v * wb[j])));
      const c = new nn.CMul(2, 2);
      expectClose(c.forward(torch.ones(4)), c.weight);
    });
    it('handles non-contiguous gradOutput and inputs in every broadcast mode', () => {
      for (const [build, shape] of [[() => new nn.CMul(1, 4), [3, 4]], [() => new nn.CMul(4), [3, 4]], [() => new nn.CMul(3, 4), [3, 4]]] as const) {
        T.manualSeed(5);
        const a = build();
        T.manualSeed(5);
        const b = build();
        const x = randn(...shape), go = randn(...shape);
        a.forward(x);
        a.zeroGradParameters();
        const ga = a.backward(x, go).clone();
        b.forward(nonContiguous(x));
        b.zeroGradParameters();
        const gb = b.backward(nonContiguous(x), nonContiguous(go));
        expectClose(gb, ga);
        expectClose(b.gradWeight, a.gradWeight);
      }
    });
    it('has correct gradients, updates in place and runs in float', () => {
      checkGradients(new nn.CMul(1, 4), randn(3, 4));
      checkGradients(new nn.CMul(3, 1, 2), randn(3, 2, 2));
      checkGradients(new nn.CMul(4), randn(2, 4));
      checkGradients(new nn.CMul(4), randn(4));
      checkAccUpdate(() => new nn.CMul(4), randn(3, 4));
      checkFloat(() => new nn.CMul(1, 4), randn(3, 4));
    });
  });

  /** Distances of each row of x to each column of w. */
  const dists = (x: number[][], w: number[][], c?: number[][]) =>
    x.map((r) => w[0].map((_, j) => Math.sqrt(r.reduce((s, v, i) => s + ((v - w[i][j]) * (c ? c[i][j] : 1)) ** 2, 0))));

  describe('Euclidean / WeightedEuclidean', () => {
    it('draw their weights as the Lua (diagCov = 1) and compute distances', () => {
      expectInit(() => new nn.Euclidean(5, 3), () => [U(1 / Math.sqrt(5), 5, 3)]);
      expectInit(() => new nn.WeightedEuclidean(5, 3), () => [U(1 / Math.sqrt(5), 5, 3), torch.ones(5, 3)]);
      const e = new nn.Euclidean(4, 3);
      const x = randn(2, 4);
      expectClose(e.forward(x), dists(rows(x), rows(e.weight)).flat());
      expectClose(e.forward(x.select(1, 2) as Tensor), dists([rows(x)[1]], rows(e.weight)).flat());
      const nc = nonContiguous(randn(2, 4));
      expectClose(e.forward(nc), dists(rows(nc), rows(e.weight)).flat());
      const we = new nn.WeightedEuclidean(4, 3);
      we.diagCov.uniform(0.5, 1.5);
      expectClose(we.forward(x), dists(rows(x), rows(we.weight), rows(we.diagCov)).flat());
      expectClose(we.forward(nc.select(1, 1) as Tensor), dists([rows(nc)[0]], rows(we.weight), rows(we.diagCov)).flat());
      expect(we.parameters()[0][1]).to.equal(we.diagCov);
      expectTorchError(() => e.forward(randn(2, 2, 4)), '1D or 2D input expected');
    });
    it('have correct gradients (weights and diagCov), update in place and run in float', () => {
      checkGradients(new nn.Euclidean(4, 3), randn(4));
      checkGradients(new nn.Euclidean(4, 3), randn(2, 4));
      const we = () => { const m = new nn.WeightedEuclidean(4, 3); m.diagCov.uniform(0.5, 1.5); return m; };
      checkGradients(we(), randn(4));
      checkGradients(we(), randn(2, 4));
      checkAccUpdate(() => new nn.Euclidean(4, 3), randn(2, 4));
      checkAccUpdate(we, randn(2, 4));
      checkAccUpdate(we, randn(4));
      checkFloat(() => new nn.Euclidean(4, 3), randn(2, 4));
      checkFloat(() => new nn.WeightedEuclidean(4, 3), randn(2, 4));
    });
    it('reuse their buffers and clear them', () => {
      const e = new nn.Euclidean(4, 3);
      const x = randn(2, 4);
      e.forward(x);
      e.backward(x, randn(2, 3));
      const rep = e._repeat!.storage();
      e.forward(x);
      e.backward(x, randn(2, 3));
      expect(e._repeat!.storage()).to.equal(rep);
      e.clearState();
      expect(e._repeat!.nElement()).to.equal(0);
      e.float();
      expect(e.forward(x.float()).type()).to.equal('torch.FloatTensor');
    });
  });

  describe('Cosine', () => {
    const cos = (x: number[][], w: number[][]) => x.map((r) => w.map((wr) => {
      const dot = r.reduce((s, v, i) => s + v * wr[i], 0);
      const n = (a: number[]) => Math.sqrt(a.reduce((s, v) => s + v * v, 0)) + 1e-12;
      return dot / (n(r) * n(wr));
    }));
    it('draws in ±1/sqrt(outputSize) and computes cosines', () => {
      expectInit(() => new nn.Cosine(5, 3), () => [U(1 / Math.sqrt(3), 3, 5)]);
      const m = new nn.Cosine(4, 3);
      const x = randn(2, 4);
      expectClose(m.forward(x), cos(rows(x), rows(m.weight)).flat());
      expectClose(m.forward(x.select(1, 1) as Tensor), cos([rows(x)[0]], rows(m.weight)).flat());
      const nc = nonContiguous(randn(2, 4));
      expectClose(m.forward(nc), cos(rows(nc), rows(m.weight)).flat());
      expectTorchError(() => m.forward(randn(2, 2, 4)), 'input must be vector or matrix');
    });
    it('has correct gradients, updates in place and runs in float', () => {
      checkGradients(new nn.Cosine(4, 3), randn(4));
      checkGradients(new nn.Cosine(4, 3), randn(2, 4));
      checkAccUpdate(() => new nn.Cosine(4, 3), randn(4));
      checkAccUpdate(() => new nn.Cosine(4, 3), randn(2, 4));
      checkFloat(() => new nn.Cosine(4, 3), randn(2, 4));
    });
  });

  describe('Bilinear', () => {
    it('draws the weight then the bias and computes x1ᵀ W_k x2 + b_k', () => {
      const s = 1 / Math.sqrt(5);
      expectInit(() => new nn.Bilinear(5, 4, 3), () => [U(s, 3, 5, 4), U(s, 3)]);
      expectInit(() => new nn.Bilinear(5, 4, 3, false), () => [U(s, 3, 5, 4)]);
      const m = new nn.Bilinear(3, 2, 2);
      const x1 = randn(4, 3), x2 = nonContiguous(randn(4, 2));
      const W = m.weight.totable() as number[][][], b = m.bias!.totable() as number[];
      const ref = rows(x1).map((a, n) => W.map((Wk, k) =>
        a.reduce((s1, ai, i) => s1 + ai * rows(x2)[n].reduce((s2, bj, j) => s2 + Wk[i][j] * bj, 0), 0) + b[k]));
      expectClose(m.forward([x1, x2]), ref.flat());
    });
    it('checks its arguments and inputs in Torch\'s words', () => {
      expectTorchError(() => new (nn.Bilinear as any)(5, 4), 'should specify inputSize1 and inputSize2 and outputSize');
      expectTorchError(() => new nn.Bilinear(5, 4.5, 3), 'inputSize1 and inputSize2 and outputSize should be integer numbers');
      expectTorchError(() => new nn.Bilinear(5, 0, 3), 'should be positive numbers');
      expectTorchError(() => new nn.Bilinear(5, 4, 3).reset(-1), 'standard deviation should be a positive number');
      const m = new nn.Bilinear(5, 4, 3);
      expectTorchError(() => m.forward(randn(2, 5) as any), 'input should be a table containing two data Tensors');
      expectTorchError(() => m.forward([randn(5), randn(4)]), 'input Tensors should be two-dimensional');
      expectTorchError(() => m.forward([randn(2, 5), randn(3, 4)]), 'input Tensors should have the same number of rows (instances)');
      expectTorchError(() => m.forward([randn(2, 4), randn(2, 4)]), 'dimensionality of first input is erroneous');
      expectTorchError(() => m.forward([randn(2, 5), randn(2, 5)]), 'dimensionality of second input is erroneous');
      expectTorchError(() => m.backward([randn(2, 5), randn(2, 4)], randn(3, 3)), 'number of rows in gradOutput does not match input');
      expectTorchError(() => m.backward([randn(2, 5), randn(2, 4)], randn(2, 2)), 'number of columns in gradOutput does not output size of layer');
    });
    it('updates shared parameters directly, as Bilinear.lua', () => {
      const a = new nn.Bilinear(3, 2, 2);
      const b = a.clone('weight', 'bias');
      const inp = [randn(4, 3), randn(4, 2)], go = randn(4, 2);
      a.forward(inp);
      a.zeroGradParameters();
      a.backward(inp, go);
      const w = a.weight.clone().add(-0.1, a.gradWeight), bias = a.bias!.clone().add(-0.1, a.gradBias!);
      b.forward(inp);
      b.backwardUpdate(inp, go, 0.1);
      expectClose(a.weight, w, 1e-12);
      expectClose(a.bias!, bias, 1e-12);
      expect(b.weight.storage()).to.equal(a.weight.storage());
    });
    it('prints as Torch', () => {
      expect(new nn.Bilinear(5, 4, 3).toString()).to.equal('nn.Bilinear(5x4 -> 3) ');
      expect(new nn.Bilinear(5, 4, 3, false).toString()).to.equal('nn.Bilinear(5x4 -> 3)  without bias');
    });
    it('has correct gradients, updates in place, runs in float and rebuilds gradInput after clearState', () => {
      checkGradients(new nn.Bilinear(3, 2, 2), [randn(4, 3), randn(4, 2)]);
      checkGradients(new nn.Bilinear(3, 2, 1, false), [randn(2, 3), randn(2, 2)]);
      checkAccUpdate(() => new nn.Bilinear(3, 2, 2), [randn(4, 3), randn(4, 2)]);
      checkFloat(() => new nn.Bilinear(3, 2, 2), [randn(4, 3), randn(4, 2)]);
      const m = new nn.Bilinear(3, 2, 2);
      const inp = [randn(4, 3), randn(4, 2)];
      m.forward(inp);
      m.backward(inp, randn(4, 2));
      m.clearState();
      expect(m.gradInput).to.deep.equal([]);
      expect(m.buff1!.nElement()).to.equal(0);
      m.forward(inp);
      expect(m.backward(inp, randn(4, 2)).length).to.equal(2);
    });
  });
});
