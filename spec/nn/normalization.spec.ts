/** nn.BatchNormalization and nn.SpatialBatchNormalization against plain statistics, and Torch7's buffers. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, nonContiguous } from '../helpers.js';
import { builders, jacobianError } from './builders/conv.js';
import { fromJSON, loadCases } from './torch7ref.js';

const t = torch as any;

/** Per-feature statistics of an N x C (x S...) tensor: mean, biased and unbiased variance. */
function stats(x: Tensor): { mean: number[]; varB: number[]; varU: number[] } {
  const C = x.size(2), xs = x.transpose(1, 2).contiguous().view(C, -1);
  const n = xs.size(2), mean: number[] = [], varB: number[] = [], varU: number[] = [];
  for (let c = 1; c <= C; c++) {
    const row = xs.select(1, c) as Tensor;
    const m = row.sum() / n;
    let s = 0;
    for (let i = 1; i <= n; i++) s += ((row.get(i)) - m) ** 2;
    mean.push(m); varB.push(s / n); varU.push(s / (n - 1));
  }
  return { mean, varB, varU };
}

/** y = (x - mean[c]) / sqrt(var[c] + eps) * w[c] + b[c] over feature dim 2. */
function normalise(x: Tensor, mean: number[], variance: number[], eps: number, w?: Tensor, b?: Tensor): Tensor {
  const y = x.clone();
  for (let c = 1; c <= x.size(2); c++) {
    const s = y.select(2, c) as Tensor;
    s.add(-mean[c - 1]).mul(1 / Math.sqrt(variance[c - 1] + eps)).mul(w ? w.get(c) : 1).add(b ? b.get(c) : 0);
  }
  return y;
}

describe('nn.BatchNormalization', () => {
  beforeEach(() => t.manualSeed(31));

  it('initialises weight ~ U[0,1], bias 0, running_mean 0, running_var 1, and prints as Torch', () => {
    t.manualSeed(5);
    const m = new nn.BatchNormalization(4);
    t.manualSeed(5);
    expectClose(m.weight!, new torch.Tensor(4).uniform(), 0);
    expect(m.bias!.totable()).to.deep.equal([0, 0, 0, 0]);
    expect(m.running_mean.totable()).to.deep.equal([0, 0, 0, 0]);
    expect(m.running_var.totable()).to.deep.equal([1, 1, 1, 1]);
    expect([m.eps, m.momentum, m.affine, m.train]).to.deep.equal([1e-5, 0.1, true, true]);
    expect(String(m)).to.equal('nn.BatchNormalization (2D) (4)');
    expect(String(new nn.SpatialBatchNormalization(3))).to.equal('nn.SpatialBatchNormalization (4D) (3)');
    const na = new nn.BatchNormalization(3, 1e-3, 0.3, false);
    expect(na.weight).to.equal(undefined);
    expect(na.parameters()).to.equal(undefined);
    expect(() => new nn.BatchNormalization(0)).to.throw(/To set affine=false call BatchNormalization/);
    expect(() => new nn.BatchNormalization(3, 1e-5, 0.1, 1 as any)).to.throw('affine has to be true/false');
  });

  it('normalises with the biased batch variance and moves the running stats with the unbiased one', () => {
    const m = new nn.BatchNormalization(3, 1e-3, 0.2);
    m.bias!.copy(torch.randn(3));
    const x = nonContiguous(torch.randn(6, 3).mul(2).add(1));
    const st = stats(x);
    expectClose(m.forward(x) as Tensor, normalise(x, st.mean, st.varB, 1e-3, m.weight, m.bias), 1e-12);
    expectClose(m.save_mean!, st.mean, 1e-14);
    expectClose(m.save_std!, st.varB.map((v) => 1 / Math.sqrt(v + 1e-3)), 1e-14);
    expectClose(m.running_mean, st.mean.map((v) => 0.2 * v), 1e-14);
    expectClose(m.running_var, st.varU.map((v) => 0.2 * v + 0.8), 1e-14);
    const x2 = torch.randn(5, 3);
    const st2 = stats(x2);
    m.forward(x2);
    expectClose(m.running_mean, st.mean.map((v, i) => 0.8 * 0.2 * v + 0.2 * st2.mean[i]), 1e-14);
  });

  it('uses the running stats in evaluate() (also for a single 1-D sample) and for a batch of one', () => {
    const m = new nn.BatchNormalization(3);
    m.running_mean.copy(torch.randn(3));
    m.running_var.copy(torch.rand(3).add(0.5));
    const rm = m.running_mean.totable() as number[], rv = m.running_var.totable() as number[];
    const x = torch.randn(4, 3);
    m.evaluate();
    expectClose(m.forward(x) as Tensor, normalise(x, rm, rv, 1e-5, m.weight), 1e-12);
    const x1 = torch.randn(3);
    const y1 = m.forward(x1) as Tensor;
    expect(y1.size().totable()).to.deep.equal([1, 3]);
    expect(x1.dim()).to.equal(1);
    expectClose(y1, normalise(x1.view(1, 3), rm, rv, 1e-5, m.weight), 1e-12);
    const go = torch.randn(3);
    const gi = m.backward(x1, go) as Tensor;
    expectClose(gi.view(3), [1, 2, 3].map((c) => go.get(c) * m.weight!.get(c) / Math.sqrt(rv[c - 1] + 1e-5)), 1e-12);
    m.training();
    expect(() => m.forward(torch.randn(3))).to.throw('only mini-batch supported (2D tensor), got 1D tensor instead');
    const single = torch.randn(1, 3);
    expectClose(m.forward(single) as Tensor, normalise(single, rm, rv, 1e-5, m.weight), 1e-12);
    expect(m.running_mean.totable()).to.deep.equal(rm);
  });

  it('computes the training gradients of Torch (and they are the true derivatives)', () => {
    const m = new nn.BatchNormalization(3);
    m.bias!.copy(torch.randn(3));
    const x = torch.randn(5, 3), go = torch.randn(5, 3);
    m.zeroGradParameters();
    m.forward(x);
    const gi = (m.backward(x, go, 0.5) as Tensor).clone();
    const st = stats(x);
    const xhat = normalise(x, st.mean, st.varB, 1e-5);
    for (let c = 1; c <= 3; c++) {
      const g = go.select(2, c) as Tensor, h = xhat.select(2, c) as Tensor;
      expect(m.gradBias!.get(c)).to.be.closeTo(0.5 * g.sum(), 1e-12);
      expect(m.gradWeight!.get(c)).to.be.closeTo(0.5 * g.dot(h), 1e-12);
      const k = 1 / Math.sqrt(st.varB[c - 1] + 1e-5) * m.weight!.get(c);
      for (let i = 1; i <= 5; i++) {
        const ref = k * (g.get(i) - g.sum() / 5 - h.get(i) * g.dot(h) / 5);
        expect(gi.get(i, c)).to.be.closeTo(ref, 1e-12);
      }
    }
    const m2 = new nn.BatchNormalization(3);
    m2.zeroGradParameters();
    m2.forward(x);
    m2.updateGradInput(x, go);
    expect(m2.gradWeight!.abs().sum()).to.equal(0);
    m2.accGradParameters(x, go, 2);
    expectClose(m2.gradBias!, m.gradBias!.clone().mul(4), 1e-12);
    expect(jacobianError(new nn.BatchNormalization(3), torch.rand(5, 3).mul(4).add(-2))).to.be.below(1e-6);
    expect(jacobianError(new nn.BatchNormalization(2, 1e-5, 0.1, false), torch.rand(4, 2).mul(4).add(-2))).to.be.below(1e-6);
    expect(jacobianError(new nn.BatchNormalization(3).evaluate(), torch.rand(4, 3).mul(4).add(-2))).to.be.below(1e-7);
  });

  it('checks its input as Torch', () => {
    const m = new nn.BatchNormalization(4);
    expect(() => m.forward(torch.randn(2, 3))).to.throw('got 3-feature tensor, expected 4');
    expect(() => m.forward(torch.randn(2, 4, 2))).to.throw('only mini-batch supported (2D tensor), got 3D tensor instead');
    m.forward(torch.randn(2, 4));
    expect(() => m.backward(torch.randn(2, 4), torch.randn(3, 4))).to.throw('input and gradOutput shapes do not match: input [2 x 4], gradOutput [3 x 4]');
    const fresh = new nn.BatchNormalization(4);
    expect(() => fresh.backward(torch.randn(2, 4), torch.randn(2, 4))).to.throw('must call :updateOutput() first');
  });

  it('converts to float (running stats too) and clearState drops save_mean/save_std', () => {
    const m = new nn.BatchNormalization(3);
    const x = torch.randn(6, 3);
    const ref = (m.clone().forward(x) as Tensor).clone();
    const f = m.float();
    expect(f.running_mean.type()).to.equal('torch.FloatTensor');
    expectClose(f.forward(x.float()) as Tensor, ref, 1e-5);
    expect(f.save_mean!.type()).to.equal('torch.FloatTensor');
    expect(() => new nn.BatchNormalization(3).forward(x.float())).to.throw(/bad argument #3 to 'BatchNormalization_updateOutput' \(expected torch.FloatTensor, got torch.DoubleTensor\)/);
    f.clearState();
    expect(f.save_mean!.nElement() + f.save_std!.nElement() + f.output.nElement()).to.equal(0);
  });
});

describe('nn.SpatialBatchNormalization', () => {
  beforeEach(() => t.manualSeed(32));

  it('normalises each plane over batch and pixels, train and eval; Jacobian', () => {
    const m = new nn.SpatialBatchNormalization(3);
    m.bias!.copy(torch.randn(3));
    const x = nonContiguous(torch.randn(2, 3, 4, 5).mul(3));
    const st = stats(x);
    expectClose(m.forward(x) as Tensor, normalise(x, st.mean, st.varB, 1e-5, m.weight, m.bias), 1e-12);
    expectClose(m.running_var, st.varU.map((v) => 0.1 * v + 0.9), 1e-14);
    m.evaluate();
    const x3 = torch.randn(3, 2, 2);
    const y = m.forward(x3) as Tensor;
    expect(y.size().totable()).to.deep.equal([1, 3, 2, 2]);
    expectClose(y, normalise(x3.view(1, 3, 2, 2), m.running_mean.totable() as number[], m.running_var.totable() as number[], 1e-5, m.weight, m.bias), 1e-12);
    expect(() => m.training().forward(torch.randn(3, 2, 2))).to.throw('only mini-batch supported (4D tensor), got 3D tensor instead');
    expect(jacobianError(new nn.SpatialBatchNormalization(2), torch.rand(3, 2, 2, 2).mul(4).add(-2))).to.be.below(1e-6);
    expect(m instanceof nn.BatchNormalization).to.equal(true);
  });
});

describe('BatchNormalization buffers against Torch7 (torch7-ref/modules)', () => {
  const cases = loadCases('modules');
  for (const name of ['BatchNormalization', 'BatchNormalization_noaffine', 'BatchNormalization_float', 'BatchNormalization_eval',
    'SpatialBatchNormalization', 'SpatialBatchNormalization_eval']) {
    it(`${name}: running_mean, running_var, save_mean, save_std`, () => {
      const c = cases[name];
      t.manualSeed(c.seed);
      const m = builders[name]() as InstanceType<typeof nn.BatchNormalization>;
      if (c.train === false) m.evaluate();
      m.zeroGradParameters();
      const input = fromJSON(c.input);
      m.forward(input);
      m.backward(input, fromJSON(c.gradOutput));
      const tol = name.endsWith('float') ? 1e-5 : 1e-10;
      for (const key of ['running_mean', 'running_var', 'save_mean', 'save_std'] as const) {
        const expected = fromJSON(c.buffers[key]) as Tensor;
        expect((m as any)[key].type(), key).to.equal(expected.type());
        expectClose((m as any)[key], expected, tol);
      }
    });
  }
});
