/**
 * nn.DataParallelTable on CPU devices (device 1 = this thread, device 2 = a worker thread): the
 * results of one module, cunn's gradient reduction and broadcast, and the forwarded methods.
 * Three replicas on two devices ({1, 2, 2}) exercise uneven splits and idle replicas.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import { Tables, maxDiff } from './helpers.js';

const t = torch as any;
const mlp = (): Module => new nn.Sequential().add(new nn.Linear(5, 7)).add(new nn.Tanh()).add(new nn.Linear(7, 3));
const grads = (m: Module): Tensor[] => m.parameters()![1];
const params = (m: Module): Tensor[] => m.parameters()![0];
const listDiff = (a: Tensor[], b: Tensor[]): number => Math.max(...a.map((x, i) => maxDiff(x, b[i])));

describe('nn.DataParallelTable (CPU devices)', () => {
  const tables = new Tables();
  after(() => tables.disposeAll());

  for (const devices of [[1], [1, 2], [1, 2, 2]]) {
    it(`forward/backward equal one module on devices {${devices}} (uneven and small batches)`, () => {
      t.manualSeed(1);
      const net = mlp(), base = net.clone();
      const dpt = tables.track(new nn.DataParallelTable(1).add(net, devices));
      for (const batch of [9, 2, 1, 6]) {
        const x = t.randn(batch, 5), go = t.randn(batch, 3);
        expect(maxDiff(dpt.forward(x), base.forward(x)), `output, batch ${batch}`).to.be.below(1e-12);
        expect(dpt.maxUsedGpu, `replicas used, batch ${batch}`).to.equal(Math.min(batch, devices.length));
        dpt.zeroGradParameters(); base.zeroGradParameters();
        expect(maxDiff(dpt.backward(x, go), base.backward(x, go)), 'gradInput').to.be.below(1e-12);
        expect(listDiff(grads(net), grads(base)), 'gradients in replica 1').to.be.below(1e-12);
      }
    });
  }

  describe('replicas, reduction and broadcast', () => {
    let net: Module, base: Module, dpt: InstanceType<typeof nn.DataParallelTable>;
    const x = (): Tensor => { t.manualSeed(7); return t.randn(8, 5); };
    before(() => {
      t.manualSeed(2);
      net = mlp(); base = net.clone();
      dpt = tables.track(new nn.DataParallelTable(1).add(net, [1, 2, 2]));
    });

    it('sums the gradients into replica 1, zeroes them on the others, and marks a sync', () => {
      dpt.forward(x());
      dpt.zeroGradParameters(); base.zeroGradParameters();
      const go = t.randn(8, 3);
      dpt.backward(x(), go); base.forward(x()); base.backward(x(), go);
      const reps = dpt.moduleParameters();
      expect(reps.length).to.equal(3);
      expect(listDiff(reps[0][1], grads(base))).to.be.below(1e-12);
      for (const r of [1, 2]) for (const g of reps[r][1]) expect(g.abs().max(), `replica ${r + 1} gradient`).to.equal(0);
      expect(dpt.needsSync).to.equal(true);
    });

    it('copies replica 1\'s parameters to the others at the next forward (syncParameters)', () => {
      params(net)[0].add(0.5); // as optim does, replica 1 only
      const reps = () => dpt.moduleParameters();
      expect(maxDiff(reps()[1][0][0], params(net)[0]), 'not yet broadcast').to.be.above(0.4);
      base.parameters()![0][0].add(0.5);
      expect(maxDiff(dpt.forward(x()), base.forward(x()))).to.be.below(1e-12);
      expect(dpt.needsSync).to.equal(false);
      for (const r of [1, 2]) expect(listDiff(reps()[r][0], params(net)), `replica ${r + 1}`).to.equal(0);
      params(net)[1].fill(0.25);
      dpt.syncParameters();
      expect(listDiff(reps()[2][0], params(net))).to.equal(0);
    });

    it('updateParameters updates replica 1 and broadcasts; zeroGradParameters zeroes every replica', () => {
      dpt.syncParameters();
      const reps = dpt.moduleParameters();
      reps[0][1].forEach((g) => g.fill(1));
      const before = params(net).map((p) => p.clone());
      dpt.updateParameters(0.1);
      params(net).forEach((p, i) => expect(maxDiff(p, before[i].add(-0.1)), 'replica 1 updated').to.be.below(1e-12));
      for (const r of [1, 2]) expect(listDiff(dpt.moduleParameters()[r][0], params(net)), 'broadcast').to.equal(0);
      for (const r of [1, 2]) dpt.moduleParameters()[r][1].forEach((g) => g.fill(3));
      dpt.zeroGradParameters();
      for (const rep of dpt.moduleParameters()) for (const g of rep[1]) expect(g.abs().max()).to.equal(0);
    });

    it('parameters() are replica 1\'s tensors', () => {
      const [p, g] = dpt.parameters();
      const [np, ng] = net.parameters()!;
      p.forEach((x, i) => expect(x.isSetTo(np[i]), `param ${i + 1}`).to.equal(true));
      g.forEach((x, i) => expect(x.isSetTo(ng[i]), `grad ${i + 1}`).to.equal(true));
    });
  });

  it('getParameters flattens every replica and returns replica 1\'s pair (cunn flattenParameters)', () => {
    const layer1 = new nn.Linear(10, 10), layer2 = new nn.Linear(10, 5);
    const dpt = tables.track(new nn.DataParallelTable(1, true).add(layer2, [1, 2]));
    const seq = new nn.Sequential().add(layer1).add(dpt);
    const [p] = seq.getParameters();
    expect(p.nElement()).to.equal(110 + 55);
    seq.forward(t.randn(7, 10));
    expect(dpt.flattenedParams!.length).to.equal(2);
    for (const [fp, fg] of dpt.flattenedParams!) { expect(fp.size(1)).to.equal(55); expect(fg.size(1)).to.equal(55); }
    const [dp, dg] = dpt.getParameters();
    expect(dp.storage()).to.equal(layer2.weight!.storage());
    expect(dg.storage()).to.equal(layer2.gradWeight!.storage());
  });

  describe('the broadcast on CPU devices shares memory instead of copying', () => {
    /** One sgd-like step on the table, then a forward (which broadcasts). */
    const step = (dpt: InstanceType<typeof nn.DataParallelTable>, net: Module, x: Tensor, go: Tensor): void => {
      dpt.forward(x); dpt.zeroGradParameters(); dpt.backward(x, go);
      dpt.parameters()[0].forEach((p, i) => p.add(-0.1, dpt.parameters()[1][i]));
      dpt.forward(x);
    };
    /** True when a change to `a` shows in `b` (the same elements, whatever thread described them). */
    const sameMemory = (a: Tensor, b: Tensor): boolean => {
      const before = b.clone();
      a.add(1);
      const shared = maxDiff(b, before) > 0;
      a.add(-1);
      return shared;
    };

    it("after the first broadcast a worker replica's weights are views of replica 1's, and results stay those of one module", () => {
      t.manualSeed(4);
      const net = mlp(), base = net.clone();
      const dpt = tables.track(new nn.DataParallelTable(1).add(net, [1, 2]));
      const x = t.randn(6, 5), go = t.randn(6, 3);
      step(dpt, net, x, go);
      base.forward(x); base.zeroGradParameters(); base.backward(x, go);
      base.parameters()![0].forEach((p, i) => p.add(-0.1, base.parameters()![1][i]));
      const reps = dpt.moduleParameters();
      reps[1][0].forEach((p, j) => expect(sameMemory(params(net)[j], p), `parameter ${j + 1} shared`).to.equal(true));
      reps[1][1].forEach((g, j) => expect(sameMemory(grads(net)[j], g), `gradient ${j + 1} is the replica's own`).to.equal(false));
      expect(maxDiff(dpt.forward(x), base.forward(x))).to.be.below(1e-12);
      step(dpt, net, x, go); // a second broadcast finds them shared already
      base.forward(x); base.zeroGradParameters(); base.backward(x, go);
      base.parameters()![0].forEach((p, i) => p.add(-0.1, base.parameters()![1][i]));
      expect(maxDiff(dpt.forward(x), base.forward(x))).to.be.below(1e-12);
    });

    it('gives the replicas of a module that writes its weights in the forward (LookupTable maxNorm) copies, renormalised each on its own', () => {
      t.manualSeed(5);
      const net = new nn.Sequential().add(new nn.LookupTable(10, 4, 0, 1.5)).add(new nn.Sum(2));
      const dpt = tables.track(new nn.DataParallelTable(1).add(net, [1, 2]));
      net.get(1).weight!.mul(3); // every row above maxNorm
      const x = new torch.LongTensor([[1, 2], [3, 4], [5, 6], [7, 8]]), go = t.randn(4, 4);
      step(dpt, net, x, go);
      const w1 = params(net)[0], w2 = dpt.moduleParameters()[1][0][0];
      expect(sameMemory(w1, w2), 'a copy').to.equal(false);
      // each replica renormalised the rows its half of the batch looked up, in its own copy (as cunn's replicas do)
      for (const row of [1, 2, 3, 4]) expect((w1.select(1, row) as Tensor).norm(), `replica 1 row ${row}`).to.be.at.most(1.5 + 1e-9);
      for (const row of [5, 6, 7, 8]) expect((w2.select(1, row) as Tensor).norm(), `replica 2 row ${row}`).to.be.at.most(1.5 + 1e-9);
      expect((w1.select(1, 9) as Tensor).norm(), 'a row nobody looked up').to.be.above(1.5);
    });
  });

  it('training and evaluate reach every replica (Dropout)', () => {
    t.manualSeed(3);
    const net = new nn.Sequential().add(new nn.Dropout(0.5)).add(new nn.Linear(6, 4));
    const base = net.clone();
    const dpt = tables.track(new nn.DataParallelTable(1).add(net, [1, 2]));
    const x = t.randn(10, 6);
    dpt.evaluate(); base.evaluate();
    expect(dpt.train).to.equal(false);
    expect(maxDiff(dpt.forward(x), base.forward(x)), 'evaluate: no dropout on any replica').to.be.below(1e-12);
    dpt.training();
    const out = dpt.forward(x) as Tensor;
    const rowsDiffer = (r: number) => maxDiff(out.narrow(1, r, 1), (base.output as Tensor).narrow(1, r, 1)) > 1e-9;
    expect(rowsDiffer(1) || rowsDiffer(2), 'replica 1 drops').to.equal(true);
    expect([6, 7, 8, 9, 10].some(rowsDiffer), 'replica 2 drops').to.equal(true);
  });

  it('clearState reaches every replica; the table still computes', () => {
    t.manualSeed(4);
    const net = mlp(), base = net.clone();
    const dpt = tables.track(new nn.DataParallelTable(1).add(net, [1, 2]));
    const x = t.randn(6, 5);
    dpt.forward(x);
    dpt.clearState();
    expect((dpt.output as Tensor).nElement()).to.equal(0);
    expect((net.output as Tensor).nElement()).to.equal(0);
    expect(maxDiff(dpt.forward(x), base.forward(x))).to.be.below(1e-12);
  });

  it('apply re-copies replica 1 onto every replica (cunn test_apply, flattened or not)', () => {
    t.manualSeed(5);
    const net = new nn.Sequential().add(new nn.Linear(3, 10)).add(new nn.ReLU()).add(new nn.Linear(10, 7));
    const inputs = [0, 1, 2].map(() => t.randn(8, 3)), gradOutputs = [0, 1, 2].map(() => t.randn(8, 7));
    const train = (m: Module) => {
      m.apply(() => {});
      inputs.forEach((x, i) => {
        m.zeroGradParameters(); m.forward(x); m.backward(x, gradOutputs[i]); m.updateParameters(0.1);
        m.apply(() => {});
      });
    };
    const fill = (m: Module) => { if (m.weight) m.weight.fill(0.01); };
    for (const flatten of [false, true]) {
      const base = net.clone();
      train(base);
      const dpt = tables.track(new nn.DataParallelTable(1, flatten).add(net.clone(), [1, 2]));
      train(dpt);
      expect(maxDiff(dpt.forward(inputs[0]), base.forward(inputs[0])), `flatten=${flatten}`).to.be.below(1e-12);
      dpt.apply(fill); base.apply(fill);
      expect(maxDiff(dpt.forward(inputs[1]), base.forward(inputs[1])), 'changed weights reach replica 2').to.be.below(1e-12);
    }
  });

  it('splits and gathers nested tables, and tables holding an empty tensor (cunn emptyData / emptyTensor)', () => {
    const identity = new nn.Linear(5, 5);
    identity.bias!.zero();
    identity.weight!.copy(t.eye(5));
    const pt = new nn.ParallelTable().add(identity).add(identity.clone());
    const dpt = tables.track(new nn.DataParallelTable(1).add(pt, [1, 2, 2]));
    for (const n of [3, 1, 2, 7]) {
      const x = t.range(1, n * 5).reshape(n, 5);
      const input = [x, x.clone().mul(2)];
      const out = dpt.forward(input);
      expect(maxDiff(out, input), `output of ${n} rows`).to.equal(0);
      expect(maxDiff(dpt.backward(input, out), input), `gradInput of ${n} rows`).to.equal(0);
    }
    const net = new nn.Sequential().add(new nn.SelectTable(2)).add(new nn.Linear(10, 2));
    const base = net.clone();
    const d2 = tables.track(new nn.DataParallelTable(1).add(net, [1, 2]));
    const input = [new t.Tensor(), new t.Tensor(4, 10).fill(1)];
    expect(maxDiff(d2.forward(input), base.forward(input))).to.be.below(1e-12);
    const go = t.randn(4, 2);
    const gi = d2.backward(input, go) as Tensor[];
    expect(maxDiff(gi[1], (base.backward(input, go) as Tensor[])[1])).to.be.below(1e-12);
  });

  it('converts between Float and Double (and keeps computing)', () => {
    t.manualSeed(6);
    const net = mlp(), base = net.clone().float();
    const dpt = tables.track(new nn.DataParallelTable(1).add(net, [1, 2]));
    dpt.forward(t.randn(4, 5));
    dpt.float();
    expect(dpt.type()).to.equal('torch.FloatTensor');
    expect(net.type()).to.equal('torch.FloatTensor');
    const x = t.randn(5, 5).float();
    const out = dpt.forward(x) as Tensor;
    expect(out.type()).to.equal('torch.FloatTensor');
    expect(maxDiff(out, base.forward(x))).to.be.below(1e-6);
  });

  it('keeps BLAS single-threaded while worker devices exist, and restores the thread count after', () => {
    tables.disposeAll(); // the hold is process-wide: end the other tables' workers first
    const prev = torch.getnumthreads();
    torch.setnumthreads(2);
    try {
      const dpt = new nn.DataParallelTable(1).add(mlp(), [1, 2]);
      dpt.forward(t.randn(4, 5));
      expect(torch.getnumthreads(), 'while the worker exists').to.equal(1);
      dpt.dispose();
      expect(torch.getnumthreads(), 'after dispose').to.equal(2);
    } finally {
      torch.setnumthreads(prev);
    }
  });

  it('prints, lists and clones as cunn\'s (test_misc)', () => {
    const net = new nn.Sequential().add(new nn.Linear(3, 10)).add(new nn.ReLU()).add(new nn.Linear(10, 7));
    const dpt = tables.track(new nn.DataParallelTable(1).add(net, [1, 2]));
    expect(String(dpt)).to.match(/^DataParallelTable: 2 x nn\.Sequential/);
    const x = t.randn(8, 3);
    const out = (dpt.forward(x) as Tensor).clone();
    const copy = tables.track(dpt.clone());
    expect(maxDiff(copy.forward(x), out)).to.equal(0);
    const mods = copy.listModules();
    expect(mods.length).to.equal(net.listModules().length + 1);
    expect(mods[0].__typename).to.equal('nn.DataParallelTable');
    expect(mods[1].__typename).to.equal('nn.Sequential');
    expect(copy.findModules('nn.ReLU')[0].length).to.equal(1);
  });
});
