/**
 * The 'sparse' family's own checks: nn.SparseLinear, nn.PartialLinear, nn.Kmeans,
 * nn.ClassSimplexCriterion and nn.DistanceRatioCriterion against hand-computed values and naive loops,
 * their RNG draws, the sparse update paths, error messages, type() and .t7 round trips.
 * (torch7-ref has no fixtures for these modules.)
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose } from '../helpers.js';

const t = torch as any;
const T = (a: unknown) => new torch.Tensor(a as any) as Tensor;
const roundTrip = <M>(m: M): M => torch.deserialize(torch.serialize(m as any)) as M;

/** y = b + sum over (index, value) rows of value * W[:, index], by a naive loop. */
function naiveSparse(W: Tensor, b: Tensor, x: number[][]): number[] {
  const y: number[] = [];
  for (let j = 1; j <= W.size(1); j++) {
    let s = b.get(j);
    for (const [i, v] of x) s += v * W.get(j, i);
    y.push(s);
  }
  return y;
}

describe('nn.SparseLinear', () => {
  const x1 = [[1, 0.5], [4, -2], [5, 1.5]];
  const x2 = [[2, 3], [4, 0.25]];

  it('reset draws weight then bias uniform(±1/sqrt(inputSize)) with the bias scaled by 1e-6, zeroed gradients', () => {
    t.manualSeed(7);
    const m = new nn.SparseLinear(5, 3);
    t.manualSeed(7);
    const s = 1 / Math.sqrt(5);
    const w = new torch.Tensor(3, 5).uniform(-s, s);
    const b = new torch.Tensor(3).uniform(-s, s).mul(1e-6);
    expectClose(m.weight, w, 0);
    expectClose(m.bias, b, 0);
    expect(m.gradWeight.sum()).to.equal(0);
    expect(m.gradBias.sum()).to.equal(0);
    expect(m.doGradInput).to.equal(false);
    expect(m.weightDecay).to.equal(0);
    expect(m.gradInput).to.deep.equal([]);
    m.reset(0.1);
    expect(m.weight.abs().max()).to.be.at.most(0.1 * Math.sqrt(3));
    expect(() => new nn.SparseLinear(5, 3, 1 as any)).to.throw('assertion failed!');
  });

  it('forward on one nnz x 2 sample, a table batch and the legacy batch x nnz x 2 tensor matches a naive loop', () => {
    t.manualSeed(1);
    const m = new nn.SparseLinear(5, 3);
    const y = m.forward(T(x1)) as Tensor;
    expect(y.size().totable()).to.deep.equal([3]);
    expectClose(y, naiveSparse(m.weight, m.bias, x1), 1e-14);
    const yb = m.forward([T(x1), T(x2)]) as Tensor;
    expect(yb.size().totable()).to.deep.equal([2, 3]);
    expectClose(yb.select(1, 1) as Tensor, naiveSparse(m.weight, m.bias, x1), 1e-14);
    expectClose(yb.select(1, 2) as Tensor, naiveSparse(m.weight, m.bias, x2), 1e-14);
    const legacy = T([[[1, 0.5], [4, -2]], [[2, 3], [4, 0.25]]]);
    const yl = m.forward(legacy) as Tensor;
    expect(m.legacyMode).to.equal(true);
    expectClose(yl.select(1, 1) as Tensor, naiveSparse(m.weight, m.bias, [[1, 0.5], [4, -2]]), 1e-14);
    expectClose(yl.select(1, 2) as Tensor, naiveSparse(m.weight, m.bias, x2), 1e-14);
    // an entry whose value is 0 is skipped, even with an index out of range
    expectClose(m.forward(T([[9, 0], [2, 1]])) as Tensor, naiveSparse(m.weight, m.bias, [[2, 1]]), 1e-14);
    // the empty batch gives the bias
    const e = new nn.SparseLinear(4, 2);
    expectClose(e.forward([]) as Tensor, e.bias, 0);
  });

  it("rejects indices out of range in THNN's words", () => {
    const m = new nn.SparseLinear(5, 3);
    expect(() => m.forward(T([[6, 1]]))).to.throw('index out of bound. updateOutput: 6 not between 1 and 5');
    expect(() => m.forward(T([[[0, 1]]]))).to.throw('index out of bound. updateOutput: 0 not between 1 and 5');
    expect(() => m.forward(T([[[1, 1, 1]]]))).to.throw("bad argument #2 to 'SparseLinear_legacyUpdateOutput' (input size must be batchsize x nnz x 2)");
    expect(() => m.forward(T([[1, 1, 1]]))).to.throw('inconsistent tensor size');
    const K = m.weight.THNN;
    expect(() => K.SparseLinear_updateOutput(T([[1, 1]]), T([[0, 0, 0]]), m.weight, m.bias))
      .to.throw("bad argument #2 to 'SparseLinear_updateOutput' (input must be in coo format, nnz x 3)");
    expect(() => K.SparseLinear_updateOutput(T([[1, 1, 1]]), T([[0, 0]]), m.weight, T([1, 2])))
      .to.throw("bad argument #5 to 'SparseLinear_updateOutput' (bias size wrong)");
    expect(() => K.SparseLinear_accGradParameters(T([[1, 1, 1]]), T([[1, 1, 1]]), T(5), m.gradBias, m.weight, m.bias, 0, 1))
      .to.throw("bad argument #4 to 'SparseLinear_accGradParameters' (gradWeight size wrong)");
    expect(() => K.SparseLinear_accGradParameters(T([[1, 1, 1]]), T([[1, 2], [3, 4], [5, 6]]).t(), m.gradWeight, m.gradBias, m.weight, m.bias, 0, 1))
      .to.throw("bad argument #1 to 'SparseLinear_accGradParameters' (gradOutput must be contiguous)");
    expect(() => K.SparseLinear_legacyAccGradParameters(T([[[7, 1]]]), T([[1, 1, 1]]), m.gradWeight, m.gradBias, m.weight, m.bias, 0, 1))
      .to.throw('index out of bound. accGradParameters: 7 not between 1 and 5');
    expect(() => K.SparseLinear_updateParameters(m.weight, m.bias, m.gradWeight, m.gradBias, T([[1, 9, 1]]), 0.1))
      .to.throw('index out of bound. updateParameters: 9 not between 1 and 5');
    expect(() => K.SparseLinear_zeroGradParameters(m.gradWeight, m.gradBias, T([[1, 1]])))
      .to.throw("bad argument #4 to 'SparseLinear_zeroGradParameters' (input must be in coo format, nnz x 3)");
    expect(() => K.SparseLinear_legacyZeroGradParameters(m.gradWeight, m.gradBias, T([[[0, 1]]])))
      .to.throw('index out of bound. zeroGradParameters: 0 not between 1 and 5');
  });

  it('accGradParameters adds scale * value * gradOutput into the used columns and scale * gradOutput into gradBias (all input forms)', () => {
    t.manualSeed(2);
    const go = T([[1, -2, 0.5], [3, 1, -1]]);
    const expectGrads = (m: InstanceType<typeof nn.SparseLinear>, rows: number[][][], scale: number) => {
      const gw = new torch.Tensor(3, 5).zero();
      const gb = new torch.Tensor(3).zero();
      rows.forEach((x, h) => {
        for (let j = 1; j <= 3; j++) {
          gb.put(j, gb.get(j) + scale * go.get(h + 1, j));
          for (const [i, v] of x) gw.put(j, i, gw.get(j, i) + scale * v * go.get(h + 1, j));
        }
      });
      expectClose(m.gradWeight, gw, 1e-14);
      expectClose(m.gradBias, gb, 1e-14);
    };
    const m = new nn.SparseLinear(5, 3);
    m.forward([T(x1), T(x2)]);
    m.accGradParameters([T(x1), T(x2)], go, 0.5);
    expectGrads(m, [x1, x2], 0.5);
    const ml = new nn.SparseLinear(5, 3);
    const legacy = T([[[1, 0.5], [4, -2]], [[2, 3], [4, 0.25]]]);
    ml.forward(legacy);
    ml.accGradParameters(legacy, go.clone(), 2);
    expectGrads(ml, [[[1, 0.5], [4, -2]], x2], 2);
    const ms = new nn.SparseLinear(5, 3);
    const g1 = T([1, -2, 0.5]);
    ms.forward(T(x1));
    ms.backward(T(x1), g1);
    expect(g1.size().totable(), 'the caller\'s gradOutput keeps its shape').to.deep.equal([3]);
    expectGrads(ms, [x1], 1);
    // weightDecay adds weightDecay * weight
    const md = new nn.SparseLinear(5, 3);
    md.weightDecay = 0.1;
    md.forward(T(x1));
    md.accGradParameters(T(x1), T([0, 0, 0]));
    expectClose(md.gradWeight, md.weight.clone().mul(0.1), 1e-15);
  });

  it('updateGradInput: an empty table, or with doGradInput the dense W^T gradOutput as (index, value) rows', () => {
    t.manualSeed(3);
    const m = new nn.SparseLinear(4, 2);
    m.forward(T(x2));
    expect(m.updateGradInput(T(x2), T([1, 1]))).to.deep.equal([]);
    const md = new nn.SparseLinear(4, 2, true);
    const go = T([[1, -1], [2, 0.5]]);
    md.forward([T(x2), T([[1, 1]])]);
    const gi = md.updateGradInput([T(x2), T([[1, 1]])], go) as Tensor[];
    expect(gi.length).to.equal(2);
    for (let h = 1; h <= 2; h++) {
      expect(gi[h - 1].size().totable()).to.deep.equal([4, 2]);
      for (let f = 1; f <= 4; f++) {
        expect(gi[h - 1].get(f, 1)).to.equal(f);
        const want = md.weight.get(1, f) * go.get(h, 1) + md.weight.get(2, f) * go.get(h, 2);
        expect(gi[h - 1].get(f, 2)).to.be.closeTo(want, 1e-15);
      }
    }
    md.forward(T(x2));
    const g1 = md.updateGradInput(T(x2), T([1, -1])) as Tensor[];
    expect(g1.length, 'one sample still gives a table').to.equal(1);
    expectClose(g1[0].select(2, 2) as Tensor, (gi[0].select(2, 2) as Tensor), 1e-15);
    const legacy = T([[[1, 0.5], [4, -2]], [[2, 3], [4, 0.25]]]);
    md.forward(legacy);
    const gl = md.updateGradInput(legacy, go) as Tensor;
    expect(gl.size().totable()).to.deep.equal([2, 4, 2]);
    expectClose(gl.select(3, 2) as Tensor, torch.mm(go, md.weight), 1e-15);
    expectClose(gl.select(3, 1) as Tensor, [1, 2, 3, 4, 1, 2, 3, 4], 0);
  });

  it('after one accGradParameters, updateParameters and zeroGradParameters touch only lastInput\'s columns (as THNN)', () => {
    t.manualSeed(4);
    const m = new nn.SparseLinear(5, 3);
    m.gradWeight.fill(1);
    m.forward(T(x2));
    m.accGradParameters(T(x2), T([1, 2, 3]));
    expectClose(m.lastInput!, [1, 2, 3, 1, 4, 0.25], 0);
    const w0 = m.weight.clone(), b0 = m.bias.clone(), gw = m.gradWeight.clone();
    m.updateParameters(0.1);
    for (let j = 1; j <= 3; j++) {
      expect(m.bias.get(j)).to.be.closeTo(b0.get(j) - 0.1 * m.gradBias.get(j), 1e-15);
      for (let i = 1; i <= 5; i++) {
        const touched = i === 2 || i === 4;
        expect(m.weight.get(j, i)).to.equal(touched ? w0.get(j, i) - 0.1 * gw.get(j, i) : w0.get(j, i));
      }
    }
    m.zeroGradParameters();
    expect(m.gradBias.abs().sum()).to.equal(0);
    expectClose(m.gradWeight.select(2, 1) as Tensor, [1, 1, 1], 0);
    expectClose(m.gradWeight.select(2, 2) as Tensor, [0, 0, 0], 0);
    expectClose(m.gradWeight.select(2, 4) as Tensor, [0, 0, 0], 0);
    expect(m.sparseUpdate).to.equal(0);
    // two accumulations: the dense update and zeroing
    m.gradWeight.fill(1);
    m.forward(T(x2));
    m.accGradParameters(T(x2), T([1, 2, 3]));
    m.forward(T(x1));
    m.accGradParameters(T(x1), T([1, 2, 3]));
    expect(m.sparseUpdate).to.equal(2);
    const w1 = m.weight.clone();
    m.updateParameters(0.1);
    expectClose(m.weight, w1.add(-0.1, m.gradWeight), 1e-15);
    m.zeroGradParameters();
    expect(m.gradWeight.abs().sum()).to.equal(0);
    // the legacy path
    const ml = new nn.SparseLinear(5, 3);
    const legacy = T([[[3, 1], [5, 0]]]);
    ml.gradWeight.fill(1);
    ml.forward(legacy);
    ml.accGradParameters(legacy, T([[1, 1, 1]]));
    ml.zeroGradParameters();
    expectClose(ml.gradWeight.sum(1) as Tensor, [3, 3, 0, 3, 3], 0);
  });

  it('float(), clearState and a .t7 round trip', () => {
    t.manualSeed(5);
    const m = new nn.SparseLinear(5, 3);
    const y = (m.forward([T(x1), T(x2)]) as Tensor).clone();
    m.accGradParameters([T(x1), T(x2)], T([[1, 2, 3], [4, 5, 6]]));
    const back = roundTrip(m);
    expect(back).to.be.instanceOf(nn.SparseLinear);
    expectClose(back.weight, m.weight, 0);
    expect(back.sparseUpdate).to.equal(1);
    expectClose(back.lastInput!, m.lastInput!, 0);
    expectClose(back.forward([T(x1), T(x2)]) as Tensor, y, 0);
    expect(m.clearState()).to.equal(m);
    expect(m.lastInput!.nElement()).to.equal(0);
    expect(m.output.nElement()).to.equal(0);
    const f = m.float();
    const yf = f.forward([T(x1).float(), T(x2).float()]) as Tensor;
    expect(yf.type()).to.equal('torch.FloatTensor');
    expectClose(yf.double(), y, 1e-6);
  });
});

describe('nn.PartialLinear', () => {
  it('builds Sequential(ParallelTable(Identity, LookupTable(out, in)), MM(false, true)); weight N(0,1), bias 0', () => {
    t.manualSeed(11);
    const m = new nn.PartialLinear(4, 5);
    t.manualSeed(11);
    const w = new torch.Tensor(5, 4).normal(0, 1);
    const [params, grads] = m.parameters();
    expectClose(params[0], w, 0);
    expect(params[1].size().totable()).to.deep.equal([1, 5]);
    expect(params[1].abs().sum()).to.equal(0);
    expect(grads.length).to.equal(2);
    expectClose(m.partition, [1, 2, 3, 4, 5], 0);
    expect(m.network.modules!.length).to.equal(2);
    expect(String(m)).to.equal('nn.PartialLinear(4 -> 5)');
    expect(String(new nn.PartialLinear(2, 3, false))).to.equal('nn.PartialLinear(2 -> 3) without bias');
    expect(new nn.PartialLinear(2, 3, false).parameters()[0].length).to.equal(1);
  });

  it('forward/backward on a partition match the Linear made of those rows (naive loops), with scale', () => {
    t.manualSeed(12);
    const m = new nn.PartialLinear(3, 4);
    const W = m.parameters()[0][0];
    m.bias!.copy(T([[0.1, 0.2, 0.3, 0.4]]));
    m.setPartition(T([4, 2]));
    expect(m.partition.type()).to.equal('torch.DoubleTensor');
    const x = T([[1, 2, 3], [-1, 0.5, 2]]);
    const y = m.forward(x);
    expect(y.size().totable()).to.deep.equal([2, 2]);
    const part = [4, 2];
    for (let n = 1; n <= 2; n++) {
      part.forEach((c, k) => {
        let s = m.bias!.get(1, c);
        for (let i = 1; i <= 3; i++) s += x.get(n, i) * W.get(c, i);
        expect(y.get(n, k + 1)).to.be.closeTo(s, 1e-14);
      });
    }
    const go = T([[1, -1], [2, 0.5]]);
    m.zeroGradParameters();
    const gi = m.backward(x, go, 0.5);
    for (let n = 1; n <= 2; n++) {
      for (let i = 1; i <= 3; i++) {
        const want = go.get(n, 1) * W.get(4, i) + go.get(n, 2) * W.get(2, i);
        expect(gi.get(n, i)).to.be.closeTo(want, 1e-14);
      }
    }
    const gW = m.parameters()[1][0];
    expect((gW.select(1, 1) as Tensor).abs().sum()).to.equal(0);
    expect((gW.select(1, 3) as Tensor).abs().sum()).to.equal(0);
    for (let i = 1; i <= 3; i++) expect(gW.get(4, i)).to.be.closeTo(0.5 * (x.get(1, i) * 1 + x.get(2, i) * 2), 1e-14);
    expectClose(m.gradBias!, [0, 0.5 * -0.5, 0, 0.5 * 3], 1e-15);
    m.resetPartition();
    expect(m.forward(x).size().totable()).to.deep.equal([2, 4]);
    expect(() => m.forward(T([1, 2, 3]))).to.throw('input tensors must be 2D or 3D');
  });

  it('updateParameters / accUpdateGradParameters move the weight and bias by -lr * gradient', () => {
    t.manualSeed(13);
    const m = new nn.PartialLinear(3, 2);
    const x = torch.randn(4, 3), go = torch.randn(4, 2);
    const c = m.clone();
    m.forward(x);
    m.zeroGradParameters();
    m.backward(x, go);
    m.updateParameters(0.1);
    c.forward(x);
    c.backwardUpdate(x, go, 0.1);
    expectClose(c.parameters()[0][0], m.parameters()[0][0], 1e-15);
    expectClose(c.bias!, m.bias!, 1e-15);
    expect(c.parameters()[1][0].abs().sum(), 'the gradient buffers are untouched').to.equal(0);
  });

  it('float() and a .t7 round trip keep the partition', () => {
    t.manualSeed(14);
    const m = new nn.PartialLinear(3, 4).setPartition(T([3, 1]));
    const x = torch.randn(2, 3);
    const y = m.forward(x).clone();
    const back = roundTrip(m);
    expectClose(back.partition, [3, 1], 0);
    expectClose(back.forward(x), y, 0);
    const f = m.clone().float();
    expect(f.partition.type()).to.equal('torch.FloatTensor');
    expectClose(f.forward(x.float()).double(), y, 1e-5);
  });
});

describe('nn.Kmeans', () => {
  const data = () => T([[0, 0], [0, 1], [5, 5], [6, 5], [5, 6]]);

  it('checks its arguments and draws the centroids uniform(-1, 1) (or ±stdev)', () => {
    expect(() => new nn.Kmeans(0, 2)).to.throw('Clusters cannot be 0 or negative.');
    expect(() => new nn.Kmeans(2, 0)).to.throw('Dimensionality cannot be 0 or negative.');
    t.manualSeed(21);
    const km = new nn.Kmeans(3, 2);
    t.manualSeed(21);
    expectClose(km.weight, new torch.Tensor(3, 2).uniform(-1, 1), 0);
    km.reset(0.01);
    expect(km.weight.abs().max()).to.be.at.most(0.01);
    expect(km.loss).to.equal(0);
  });

  it('forward gives each sample its nearest centroid and the summed squared distances; gradInput is zero', () => {
    const km = new nn.Kmeans(2, 2);
    km.weight.copy(T([[0, 0.5], [5, 5]]));
    const out = km.forward(data());
    expectClose(out, [1, 1, 2, 2, 2], 0);
    expect(km.loss).to.be.closeTo(0.25 + 0.25 + 0 + 1 + 1, 1e-12);
    const gi = km.updateGradInput(data(), out);
    expect(gi.size().totable()).to.deep.equal([5, 2]);
    expect(gi.abs().sum()).to.equal(0);
    expect(() => km.forward(T([1, 2]))).to.throw('Incorrect input dimensionality. Expecting 2D.');
    expect(() => km.forward(T([[1, 2, 3]]))).to.throw("Dimensionality of input and weight don't match.");
    expect(() => km.forward(T([[1, 2], [3, 4]]).t())).to.throw('Input is not contiguous.');
  });

  it('accGradParameters: gradWeight[c] += -scale/(n_c + 1e-7) * sum (x - c); the scale field wins; updateParameters moves to the means', () => {
    const km = new nn.Kmeans(2, 2);
    km.weight.copy(T([[0, 0.5], [5, 5]]));
    km.gradWeight.zero();
    const x = data();
    km.forward(x);
    km.accGradParameters(x, km.output, 2);
    const n1 = 2 + 1e-7, n2 = 3 + 1e-7;
    expectClose(km.clusterSampleCount, [2, 3], 0);
    expectClose(km.gradWeight, [0, -2 * 0 / n1, -2 * 1 / n2, -2 * 1 / n2], 1e-15);
    km.gradWeight.zero();
    km.accGradParameters(x, km.output, 1);
    km.updateParameters(1);
    expectClose(km.weight, [0, 0.5, 5 + 1 / n2, 5 + 1 / n2], 1e-15);
    const ks = new nn.Kmeans(2, 2, 0.5);
    ks.weight.copy(T([[0, 0.5], [5, 5]]));
    ks.gradWeight.zero();
    ks.forward(x);
    ks.accGradParameters(x, ks.output, 3);
    expect(ks.gradWeight.get(2, 1)).to.be.closeTo(-0.5 * 1 / n2, 1e-15);
    const bad = new nn.Kmeans(2, 2, -1);
    bad.forward(x);
    expect(() => bad.accGradParameters(x, bad.output)).to.throw(' Scale has to be positive.');
  });

  it('initRandom copies the samples drawn by torch.zeros(k):random(1, n) (reproducible from manualSeed)', () => {
    const x = data();
    const km = new nn.Kmeans(3, 2);
    t.manualSeed(22);
    km.initRandom(x);
    t.manualSeed(22);
    const idx = torch.zeros(3).random(1, 5);
    for (let i = 1; i <= 3; i++) expectClose(km.weight.select(1, i) as Tensor, x.select(1, idx.get(i)) as Tensor, 0);
    expect(() => km.initRandom(T([1, 2]))).to.throw('Incorrect input dimensionality. Expecting 2D.');
    expect(() => km.initRandom(T([[1, 2, 3]]))).to.throw("Dimensionality of input and weight don't match.");
    expect(() => km.initRandom(T([[1, 2], [3, 4]]))).to.throw('Need atleast k samples for initialization.');
  });

  it('initKmeansPlus draws as Kmeans.lua (a naive replay of its torch.random calls agrees); p is checked', () => {
    const x = torch.randn(20, 3);
    const km = new nn.Kmeans(4, 3);
    t.manualSeed(23);
    km.initKmeansPlus(x, 0.8);
    expect(km.p).to.equal(0.8);
    // replay: first a random sample, then a random one of the ceil(0.2 * 20) = 4 farthest
    t.manualSeed(23);
    const rows: number[] = [torch.random(20)];
    const dist = new Array(20).fill(Infinity);
    for (let k = 2; k <= 4; k++) {
      const c = x.select(1, rows[k - 2]) as Tensor;
      for (let i = 1; i <= 20; i++) {
        let s = 0;
        for (let d = 1; d <= 3; d++) s += (x.get(i, d) - c.get(d)) ** 2;
        dist[i - 1] = Math.min(dist[i - 1], s);
      }
      const order = dist.map((d, i) => [d, i + 1]).sort((a, b) => b[0] - a[0]).map((p) => p[1]);
      rows.push(order[torch.random(4) - 1]);
    }
    rows.forEach((r, k) => expectClose(km.weight.select(1, k + 1) as Tensor, x.select(1, r) as Tensor, 0));
    expect(new Set(rows).size, 'farthest-first never repeats a centroid here').to.equal(4);
    expect(() => km.initKmeansPlus(x, 1.5)).to.throw('P value should be between 0-1.');
    expect(() => km.initKmeansPlus(T([1, 2]), 0.5)).to.throw('Incorrect input dimensionality. Expecting 2D.');
  });

  it('online training finds two separated clusters; clearState keeps output; float() and a .t7 round trip', () => {
    t.manualSeed(24);
    const x = torch.cat(torch.randn(30, 2).mul(0.1), torch.randn(30, 2).mul(0.1).add(4), 1);
    const km = new nn.Kmeans(2, 2);
    km.initKmeansPlus(x);
    for (let it = 0; it < 5; it++) {
      km.zeroGradParameters();
      km.forward(x);
      km.backward(x, km.output);
      km.updateParameters(1);
    }
    const means = [x.narrow(1, 1, 30).mean(1), x.narrow(1, 31, 30).mean(1)] as Tensor[];
    const sorted = km.weight.get(1, 1) < km.weight.get(2, 1) ? [1, 2] : [2, 1];
    expectClose(km.weight.select(1, sorted[0]) as Tensor, means[0], 1e-6);
    expectClose(km.weight.select(1, sorted[1]) as Tensor, means[1], 1e-6);
    const out = km.forward(x).clone();
    expect(km.clearState()).to.equal(km);
    expect(km._minIndx).to.equal(undefined);
    expectClose(km.output, out, 0);
    const back = roundTrip(km);
    expect(back).to.be.instanceOf(nn.Kmeans);
    expect(back.k).to.equal(2);
    expectClose(back.forward(x), out, 0);
    const f = km.clone().float();
    expect(f.weight.type()).to.equal('torch.FloatTensor');
    expectClose(f.forward(x.float()).double(), out, 0);
  });
});

describe('nn.ClassSimplexCriterion', () => {
  it('embeds the classes as a regular simplex with unit-norm vertices, padded with a zero column', () => {
    const c = new nn.ClassSimplexCriterion(3);
    const h = Math.sqrt(3) / 2;
    expectClose(c.simplex, [1, 0, 0, -0.5, h, 0, -0.5, -h, 0], 1e-15);
    const c5 = new nn.ClassSimplexCriterion(5);
    expect(c5.simplex.size().totable()).to.deep.equal([5, 5]);
    const g = torch.mm(c5.simplex, c5.simplex.t());
    for (let i = 1; i <= 5; i++) {
      for (let j = 1; j <= 5; j++) expect(g.get(i, j)).to.be.closeTo(i === j ? 1 : -1 / 4, 1e-14);
      expect(c5.simplex.get(i, 5)).to.equal(0);
    }
    expect(c5.sizeAverage).to.equal(true);
    expect(() => new nn.ClassSimplexCriterion(1)).to.throw('Required positive integer argument nClasses > 1');
    expect(() => new nn.ClassSimplexCriterion(2.5)).to.throw('Required positive integer argument nClasses > 1');
  });

  it('the loss is MSE to the target classes\' vertices (number or 1-D tensor target), with its gradient', () => {
    const c = new nn.ClassSimplexCriterion(3);
    const x = T([[0.5, 0.1, -0.2], [0, 1, 2]]);
    const tgt = T([1, 3]);
    let want = 0;
    const target = [c.simplex.select(1, 1), c.simplex.select(1, 3)] as Tensor[];
    for (let n = 1; n <= 2; n++) for (let j = 1; j <= 3; j++) want += (x.get(n, j) - target[n - 1].get(j)) ** 2;
    expect(c.forward(x, tgt)).to.be.closeTo(want / 6, 1e-15);
    const gi = c.backward(x, tgt);
    for (let n = 1; n <= 2; n++) for (let j = 1; j <= 3; j++) expect(gi.get(n, j)).to.be.closeTo(2 * (x.get(n, j) - target[n - 1].get(j)) / 6, 1e-15);
    const v = T([0.5, 0.1, -0.2]);
    const s = new nn.ClassSimplexCriterion(3);
    s.sizeAverage = false;
    expect(s.forward(v, 2)).to.be.closeTo((0.5 + 0.5) ** 2 + (0.1 - Math.sqrt(3) / 2) ** 2 + 0.04, 1e-14);
    expect(() => c.forward(x, T([[1, 2]]))).to.throw('1D tensors only!');
    expect(() => c.forward(x, T([1, 2, 3]))).to.throw('assertion failed!');
    expect(() => c.forward(v, 4)).to.throw('out of range');
  });

  it('getPredictions / getTopPrediction score the classes by the dot product with their vertices', () => {
    const c = new nn.ClassSimplexCriterion(3);
    const p = c.getPredictions(T([1, 0, 0]));
    expectClose(p, [1, -0.5, -0.5], 1e-15);
    const top = c.getTopPrediction(T([[1, 0, 0], [-0.4, -0.9, 0], [-0.5, 0.8, 0.3]]));
    expect(top.type()).to.equal('torch.LongTensor');
    expectClose(top, [1, 3, 2], 0);
  });

  it('float() and a .t7 round trip', () => {
    const c = new nn.ClassSimplexCriterion(4);
    const x = torch.randn(3, 4);
    const loss = c.forward(x, T([2, 4, 1]));
    const back = roundTrip(c);
    expect(back).to.be.instanceOf(nn.ClassSimplexCriterion);
    expectClose(back.simplex, c.simplex, 0);
    expect(back.forward(x, T([2, 4, 1]))).to.equal(loss);
    const f = c.clone().float();
    expect(f.simplex.type()).to.equal('torch.FloatTensor');
    expect(f.forward(x.float(), T([2, 4, 1]))).to.be.closeTo(loss, 1e-6);
  });
});

describe('nn.DistanceRatioCriterion', () => {
  const X = () => T([1, 2, 0.5]), Y = () => T([3, 1, 0.5]);
  const lossOf = (x: number, y: number) => x + Math.log(Math.exp(-x) + Math.exp(-y));

  it('loss = sum X + log(exp(-X) + exp(-Y)), averaged over X:size(1) by default', () => {
    const c = new nn.DistanceRatioCriterion();
    expect(c.sizeAverage).to.equal(true);
    const want = lossOf(1, 3) + lossOf(2, 1) + lossOf(0.5, 0.5);
    expect(c.forward([X(), Y()], undefined)).to.be.closeTo(want / 3, 1e-15);
    expect(c.output, 'Torch returns the loss without storing it').to.equal(0);
    const s = new nn.DistanceRatioCriterion(false);
    expect(s.forward([X(), Y()], undefined)).to.be.closeTo(want, 1e-15);
  });

  it('the gradient is {1 - e^-X/(e^-X+e^-Y), -e^-Y/(e^-X+e^-Y)} (/ size(1)), and matches finite differences', () => {
    const c = new nn.DistanceRatioCriterion();
    const x = X(), y = Y();
    c.forward([x, y], undefined);
    const [dX, dY] = c.backward([x, y], undefined) as Tensor[];
    for (let i = 1; i <= 3; i++) {
      const ex = Math.exp(-x.get(i)), ey = Math.exp(-y.get(i));
      expect(dX.get(i)).to.be.closeTo((1 - ex / (ex + ey)) / 3, 1e-15);
      expect(dY.get(i)).to.be.closeTo(-ey / (ex + ey) / 3, 1e-15);
      const e = 1e-6;
      const xp = x.clone(); xp.put(i, x.get(i) + e);
      const xm = x.clone(); xm.put(i, x.get(i) - e);
      const fd = (c.forward([xp, y], undefined) - c.forward([xm, y], undefined)) / (2 * e);
      expect(dX.get(i)).to.be.closeTo(fd, 1e-8);
    }
  });

  it("rejects bad input in Torch's words; type() drops the buffers; a .t7 round trip", () => {
    const c = new nn.DistanceRatioCriterion();
    expect(() => c.forward([X()], undefined)).to.throw('Invalid number of inputs');
    expect(() => c.forward([X(), T([1, 2])], undefined)).to.throw("Number of distances don't match.");
    expect(() => c.forward([T([[1, 2]]), T([[1], [2]])], undefined)).to.throw("Invalid distances' size.");
    expect(() => c.backward([X()], undefined)).to.throw('Invalid number of inputs');
    const loss = c.forward([X(), Y()], undefined);
    expect(c._expMinusX!.nElement()).to.equal(3);
    c.float();
    expect(c._expMinusX).to.equal(undefined);
    expect(c.forward([X().float(), Y().float()], undefined)).to.be.closeTo(loss, 1e-6);
    expect(c.loss!.type()).to.equal('torch.FloatTensor');
    const back = roundTrip(new nn.DistanceRatioCriterion(false));
    expect(back).to.be.instanceOf(nn.DistanceRatioCriterion);
    expect(back.sizeAverage).to.equal(false);
  });
});

describe('nn.IndexLinear', () => {
  const L = (a: unknown) => new torch.LongTensor(a as any) as any;
  const k1 = () => L([1, 4]), v1 = () => T([0.5, -2]);
  const k2 = () => L([2, 4, 6]), v2 = () => T([1, 2, 3]);
  const batch = (): any => [[k1(), k2()], [v1(), v2()]];
  /** bias + sum value * weight[key + off] (naive). */
  const naive = (W: Tensor, b: Tensor, keys: number[], vals: number[], off = 0): number[] =>
    Array.from({ length: b.size(1) }, (_, j) => keys.reduce((s, k, i) => s + vals[i] * W.get(k + off, j + 1), b.get(j + 1)));

  it('keeps weight and bias at zero until reset(), which draws weight then bias (x1e-6) and zeroes the normalisation columns', () => {
    const m = new nn.IndexLinear(6, 3);
    expect(m.weight.size().totable()).to.deep.equal([6, 3]);
    expect(m.weight.abs().sum() + m.bias.abs().sum()).to.equal(0);
    expect([m.inputSize, m.outputSize, m.offset, m.normalize, m.doGradInput]).to.deep.equal([6, 3, -1, 0, false]);
    expect(m.gradWeight.nElement()).to.equal(0);
    t.manualSeed(31);
    const n = new nn.IndexLinear(6, 2, false, 3, undefined, undefined, true).reset();
    t.manualSeed(31);
    const s = 1 / Math.sqrt(6);
    const w = new torch.Tensor(6, 6).uniform(-s, s);
    const b = new torch.Tensor(2).uniform(-s, s).mul(1e-6);
    w.narrow(2, 1, 4).zero();
    expectClose(n.weight, w, 0);
    expectClose(n.bias, b, 0);
    expect([n.outputSize, n.offset, n.normalize]).to.deep.equal([2, 2, 4]);
    const shared = new torch.Tensor(10, 2).zero();
    expect(new nn.IndexLinear(0, 0, false, undefined, shared).weight).to.equal(shared);
  });

  it('forward on {keys, values}, a batch of them and the flat {keys, values, sizes} matches a naive loop; keysOffset shifts rows', () => {
    t.manualSeed(32);
    const m = new nn.IndexLinear(6, 3).reset();
    const y1 = m.forward([k1(), v1()]) as Tensor;
    expect(y1.size().totable()).to.deep.equal([3]);
    expectClose(y1, naive(m.weight, m.bias, [1, 4], [0.5, -2]), 1e-15);
    const yb = (m.forward(batch()) as Tensor).clone();
    expectClose(yb.select(1, 2) as Tensor, naive(m.weight, m.bias, [2, 4, 6], [1, 2, 3]), 1e-15);
    const yf = m.forward([L([1, 4, 2, 4, 6]), T([0.5, -2, 1, 2, 3]), L([2, 3])]) as Tensor;
    expectClose(yf, yb, 0);
    expect(m.isFlat).to.equal(true);
    const o = new nn.IndexLinear(9, 3, false, 3).reset();
    expectClose(o.forward([k2(), v2()]) as Tensor, naive(o.weight, o.bias, [2, 4, 6], [1, 2, 3], 3), 1e-15);
    expect(() => o.forward([L([7]), T([1])])).to.throw('index out of bound. IndexLinear: key 7 gives weight row 10, not between 1 and 9');
    expect(() => m.forward([L([0]), T([1])])).to.throw('index out of bound. IndexLinear: key 0 gives weight row 0, not between 1 and 6');
    const one = new nn.IndexLinear(6, 1).reset();
    expectClose(one.forward(batch()) as Tensor, [...naive(one.weight, one.bias, [1, 4], [0.5, -2]), ...naive(one.weight, one.bias, [2, 4, 6], [1, 2, 3])], 1e-15);
  });

  it('max-normalisation: values divided by the running max |value| of their feature (clamped to sign), stats kept in the weight', () => {
    const m = new nn.IndexLinear(6, 2, false, undefined, undefined, undefined, true);
    m.weight.narrow(2, 5, 2).copy(T([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12]]));
    const y = m.forward(batch()) as Tensor;
    expectClose(m.normalizedValues, [1, -1, 1, 1, 1], 0);
    expectClose(m.weight.narrow(2, 1, 4), [0.5, 2, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 2, 0.5, 1, 0, 0, 0, 0, 0, 3, 1 / 3, 1, 0], 1e-15);
    expectClose(y, [1 - 7, 2 - 8, 3 + 7 + 11, 4 + 8 + 12], 1e-15);
    m.evaluate();
    m.forward([L([4]), T([8])]);
    expect(m.weight.get(4, 1), 'no update of the max in evaluation').to.equal(2);
    expectClose(m.normalizedValues, [1], 0);
    expect(() => new nn.IndexLinear(6, 2, true, undefined, undefined, undefined, true).updateGradInput(batch(), T([[1, 1], [1, 1]])))
      .to.throw('updateGradInput is not implemented in max-normalize mode');
  });

  it('accGradParameters fills per-pair gradients; updateParameters applies one or several accumulations as dense SGD', () => {
    t.manualSeed(33);
    const m = new nn.IndexLinear(6, 3).reset();
    const go = T([[1, 2, 3], [4, 5, 6]]);
    const w0 = m.weight.clone(), b0 = m.bias.clone();
    m.zeroGradParameters();
    m.forward(batch());
    m.backward(batch(), go, 0.5);
    expect(m.running.counter).to.equal(2);
    const gw = m.running.gradWeight[0];
    expect(gw.size().totable()).to.deep.equal([5, 3]);
    const pairs: [number, number, number][] = [[1, 0.5, 1], [4, -2, 1], [2, 1, 2], [4, 2, 2], [6, 3, 2]];
    pairs.forEach(([, v, h], p) => { for (let j = 1; j <= 3; j++) expect(gw.get(p + 1, j)).to.equal(0.5 * v * go.get(h, j)); });
    expectClose(m.gradBias, [2.5, 3.5, 4.5], 1e-15);
    // a second accumulation on another batch, then one update over all the keys
    const go2 = T([[1, -1, 0.5]]);
    m.forward([[L([3, 4])], [T([2, -1])]]);
    m.backward([[L([3, 4])], [T([2, -1])]], go2);
    expect(m.running.counter).to.equal(3);
    m.updateParameters(0.1);
    const want = w0.clone();
    const all: [number, number, Tensor][] = [...pairs.map(([k, v, h]) => [k, 0.5 * v, go.select(1, h) as Tensor] as [number, number, Tensor]),
      [3, 2, go2.select(1, 1) as Tensor], [4, -1, go2.select(1, 1) as Tensor]];
    for (const [k, v, g] of all) for (let j = 1; j <= 3; j++) want.put(k, j, want.get(k, j) - 0.1 * v * g.get(j));
    expectClose(m.weight, want, 1e-14);
    expectClose(m.bias, b0.clone().add(-0.1, m.gradBias), 1e-15);
    expect(() => m.updateParameters(undefined as any)).to.throw('You must specify a learning rate');
    m.zeroGradParameters();
    const w1 = m.weight.clone();
    m.updateParameters(0.1);
    expectClose(m.weight, w1, 0);
  });

  it('accUpdateGradParameters and sparse weight decay, against naive loops (outputSize 3 and 1)', () => {
    for (const out of [3, 1]) {
      t.manualSeed(34);
      const m = new nn.IndexLinear(6, out).reset();
      const go = torch.randn(2, out);
      const w0 = m.weight.clone(), b0 = m.bias.clone();
      m.forward(batch());
      m.accUpdateGradParameters(batch(), go, 0.1);
      const want = w0.clone();
      const pairs: [number, number, number][] = [[1, 0.5, 1], [4, -2, 1], [2, 1, 2], [4, 2, 2], [6, 3, 2]];
      for (const [k, v, h] of pairs) for (let j = 1; j <= out; j++) want.put(k, j, want.get(k, j) - 0.1 * v * go.get(h, j));
      expectClose(m.weight, want, 1e-14);
      expectClose(m.bias, b0.clone().add(-0.1, go.sum(1).view(out)), 1e-15);
      // weight decay in updateParameters: each updated row first shrinks by (1 - wd)
      const d = new nn.IndexLinear(6, out).reset();
      d.weightDecay = 0.01;
      const dw0 = d.weight.clone();
      d.zeroGradParameters();
      d.forward([L([2]), T([1.5])]);
      d.backward([L([2]), T([1.5])], go.select(1, 1) as Tensor);
      d.updateParameters(0.1);
      for (let j = 1; j <= out; j++) {
        const shrunk = out === 1 ? dw0.get(2, j) - 0.01 * dw0.get(2, j) : dw0.get(2, j) * (1 - 0.01);
        expect(d.weight.get(2, j)).to.be.closeTo(shrunk - 0.1 * 1.5 * go.get(1, j), 1e-14);
      }
      expectClose(d.weight.narrow(1, 3, 4), dw0.narrow(1, 3, 4), 0);
    }
  });

  it('with normalisation, updateParameters and accUpdateGradParameters also move the per-feature bias (naive replay, pair by pair)', () => {
    const go = T([[1, -2], [0.5, 3]]);
    const pairs: [number, number][] = [[1, 1], [4, 1], [2, 2], [4, 2], [6, 2]];
    for (const how of ['update', 'accUpdate']) {
      t.manualSeed(37);
      const m = new nn.IndexLinear(6, 2, false, undefined, undefined, undefined, true).reset();
      m.zeroGradParameters();
      m.forward(batch());
      const nv = m.normalizedValues.clone();
      const want = m.weight.clone();
      const lr = 0.1;
      if (how === 'update') {
        m.backward(batch(), go);
        m.updateParameters(lr);
      } else {
        m.accUpdateGradParameters(batch(), go, lr);
      }
      pairs.forEach(([k, h], p) => {
        const s = want.get(k, 3); // the update scale, 1 after a training forward
        expect(s).to.equal(1);
        for (let j = 1; j <= 2; j++) want.put(k, 4, want.get(k, 4) - go.get(h, j) * want.get(k, 4 + j) * lr * s);
        for (let j = 1; j <= 2; j++) want.put(k, 4 + j, want.get(k, 4 + j) - lr * s * nv.get(p + 1) * go.get(h, j));
      });
      expectClose(m.weight, want, 1e-14);
    }
  });

  it('updateGradInput: empty without doGradInput; the dense W gradOutput per sample as {indices, values}', () => {
    t.manualSeed(35);
    const m = new nn.IndexLinear(4, 2, true).reset();
    const go = T([[1, -1], [2, 0.5]]);
    m.forward([[L([1]), L([3, 4])], [T([1]), T([2, 1])]]);
    const gi = m.updateGradInput(undefined as any, go) as any;
    expect(gi[0].length).to.equal(2);
    expectClose(gi[0][1], [1, 2, 3, 4], 0);
    expectClose(gi[1][1], torch.mv(m.weight, go.select(1, 2) as Tensor), 1e-15);
    m.forward([L([1, 3, 4]), T([1, 2, 1]), L([1, 2])]);
    const gf = m.updateGradInput(undefined as any, go) as any;
    expect(gf[0].size().totable()).to.deep.equal([2, 4]);
    expectClose(gf[1], torch.mm(go, m.weight.t()), 1e-15);
    m.forward([L([2]), T([1])]);
    const g1 = m.updateGradInput(undefined as any, T([1, -1])) as any;
    expectClose(g1[1], torch.mv(m.weight, T([1, -1])), 1e-15);
    expectClose(g1[0], [1, 2, 3, 4], 0);
    const n = new nn.IndexLinear(4, 2);
    n.forward(batch().map((x: any) => x.slice(0, 1)));
    expect(n.updateGradInput(undefined as any, go)).to.deep.equal([]);
  });

  it("rejects bad input in Torch's words", () => {
    const m = new nn.IndexLinear(6, 3);
    expect(() => m.forward(T([1, 2]) as any)).to.throw('assertion failed!');
    expect(() => m.forward([k1()] as any)).to.throw('assertion failed!');
    expect(() => m.forward([k1(), [v1()]] as any)).to.throw('Wrong input format.');
    expect(() => m.forward([L([1, 2]), T([1]), L([1])])).to.throw('Keys and values should be of same size');
    expect(() => m.forward([L([[1, 2]]), T([[1, 2]]), L([2])])).to.throw('Keys and values should be 1D');
    expect(() => m.forward([[L([[1]])], [T([[1]])]])).to.throw('keys and values should be 1D');
    expect(() => m.forward([L([1, 2]), T([1])])).to.throw("bad argument #1 to 'IndexLinear_updateOutput' (Keys and values should have the same number of elements)");
  });

  it('float(), clearState and a .t7 round trip', () => {
    t.manualSeed(36);
    const m = new nn.IndexLinear(6, 3, false, undefined, undefined, undefined, true).reset();
    const y = (m.forward(batch()) as Tensor).clone();
    const back = roundTrip(m);
    expect(back).to.be.instanceOf(nn.IndexLinear);
    expectClose(back.weight, m.weight, 0);
    expect(back.normalize).to.equal(4);
    expectClose(back.forward(batch()) as Tensor, y, 0);
    expect(m.clearState()).to.equal(m);
    expect(m.running.keys.length).to.equal(0);
    expect(m.output.nElement()).to.equal(0);
    expectClose(m.forward(batch()) as Tensor, y, 0);
    const f = m.clone().float();
    const yf = f.forward([[k1(), k2()], [v1().float(), v2().float()]]) as Tensor;
    expect(yf.type()).to.equal('torch.FloatTensor');
    expectClose(yf.double(), y, 1e-6);
  });
});
