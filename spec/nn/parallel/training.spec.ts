/**
 * Training with DataParallelTable on 2 CPU devices gives the parameters of training on one module
 * (cunn's test_DataParallelTable, _sync and _accGradParameters, on CPU tensors).
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import { optim } from '../../../optim/index.js';
import { Tables, maxDiff } from './helpers.js';

const t = torch as any;

/** cunn's createSplitNetwork: a ConcatTable of Narrow(dim, i, 1), i = 1..n. */
function split(dim: number, n: number): Module {
  const c = new nn.ConcatTable();
  for (let i = 1; i <= n; i++) c.add(new nn.Narrow(dim, i, 1));
  return c;
}

/** cunn's buildNet with table input and output (smaller sizes). */
function buildNet(width: number, height: number, pool: number, feat: number, filt: number): Module {
  const net = new nn.Sequential().add(new nn.JoinTable(2));
  net.add(new nn.SpatialConvolutionMM(3, feat, filt, filt, 1, 1, (filt - 1) / 2)).add(new nn.Threshold());
  net.add(new nn.SpatialMaxPooling(pool, pool));
  const n = (width * height * feat) / (pool * pool);
  net.add(new nn.Reshape(n)).add(new nn.Linear(n, 2)).add(split(2, 2));
  return net;
}

describe('nn.DataParallelTable training on 2 CPU devices = 1 module', () => {
  const tables = new Tables();
  after(() => tables.disposeAll());

  it('cunn test_DataParallelTable: table in/out, after a save/load, nesterov sgd, 10 steps (double)', () => {
    const [width, height, pool, feat, filt] = [8, 8, 2, 4, 3];
    for (const batch of [4, 9, 5]) {
      t.manualSeed(batch);
      const cpu = buildNet(width, height, pool, feat, filt);
      const g = new nn.DataParallelTable(1).add(cpu.clone(), 1).add(cpu.clone(), 2);
      const cNet = new nn.Sequential().add(split(2, 3)).add(cpu).add(new nn.JoinTable(2));
      let gNet = new nn.Sequential().add(split(2, 3)).add(g).add(new nn.JoinTable(2));
      gNet.clearState();
      gNet = torch.deserialize(torch.serialize(gNet)) as typeof gNet;
      const dpt = tables.track(gNet.get(2) as InstanceType<typeof nn.DataParallelTable>);
      expect(dpt).to.be.instanceOf(nn.DataParallelTable);
      const input = t.rand(batch, 3, height, width), target = t.rand(batch, 2);
      const [cp, cg] = cNet.getParameters(), [gp, gg] = gNet.getParameters();
      const stateC: Record<string, any> = { learningRate: 0.1, weightDecay: 0, momentum: 0.9, dampening: 0, learningRateDecay: 0, nesterov: true };
      const stateG = { ...stateC };
      const critC = new nn.MSECriterion(), critG = new nn.MSECriterion();
      const feval = (net: Module, p: Tensor, gr: Tensor, crit: any) => (x: Tensor): [number, Tensor] => {
        if (x !== p) p.copy(x);
        net.zeroGradParameters();
        const out = net.forward(input);
        const err = crit.forward(out, target);
        net.backward(input, crit.backward(out, target));
        return [err, gr];
      };
      for (let i = 1; i <= 10; i++) {
        optim.sgd(feval(cNet, cp, cg, critC), cp, stateC);
        optim.sgd(feval(gNet, gp, gg, critG), gp, stateG);
        dpt.syncParameters();
        const tol = 1e-9;
        expect(maxDiff(gNet.output, cNet.output), `batch ${batch} step ${i}: fprop`).to.be.below(tol);
        expect(maxDiff(gp, cp), 'parameters').to.be.below(tol);
        expect(maxDiff(gg, cg), 'gradParameters').to.be.below(tol);
        expect(maxDiff(gNet.gradInput, cNet.gradInput), 'gradInput').to.be.below(tol);
        if (i % 4 === 0) cp.copy(gp);
      }
    }
  });

  it('cunn test_sync: sgd through getParameters without calling syncParameters (float)', () => {
    t.manualSeed(11);
    const net = new nn.Sequential().add(new nn.Linear(10, 10)).add(new nn.ReLU(true)).add(new nn.Linear(10, 10)).float();
    const dpt = tables.track(new nn.DataParallelTable(1).add(net.clone(), [1, 2]));
    const crit = new nn.MSECriterion().float();
    const input = new t.FloatTensor(2, 10), target = new t.FloatTensor(2, 10);
    const feval = (m: Module): [Tensor, (x: Tensor) => [number, Tensor]] => {
      const [p, g] = m.getParameters();
      return [p, () => {
        m.zeroGradParameters();
        const out = m.forward(input);
        const err = crit.forward(out, target);
        m.backward(input, crit.backward(out, target));
        return [err, g];
      }];
    };
    const [pd, fd] = feval(dpt), [pb, fb] = feval(net);
    const state = { learningRate: 1, momentum: 0 };
    for (let i = 0; i < 10; i++) {
      input.uniform(-1, 1); target.uniform(-1, 1);
      optim.sgd(fd, pd, state);
      optim.sgd(fb, pb, state);
    }
    expect(maxDiff(pd, pb)).to.be.below(1e-5 * (1 + (pd.clone().abs().max() as number)));
  });

  it('cunn test_accGradParameters: three accumulated batches, then updateParameters (flattened or not)', () => {
    t.manualSeed(12);
    const net = new nn.Sequential().add(new nn.Linear(3, 10)).add(new nn.ReLU()).add(new nn.Linear(10, 7));
    const inputs = [0, 1, 2].map(() => t.randn(8, 3)), gradOutputs = [0, 1, 2].map(() => t.randn(8, 7));
    const accumulate = (m: Module) => {
      m.zeroGradParameters();
      inputs.forEach((x, i) => { m.forward(x); m.backward(x, gradOutputs[i]); });
      m.updateParameters(0.5);
    };
    const base = net.clone();
    accumulate(base);
    const expected = base.forward(inputs[0]);
    for (const flatten of [false, true]) {
      const dpt = tables.track(new nn.DataParallelTable(1, flatten).add(net.clone(), [1, 2]));
      accumulate(dpt);
      expect(maxDiff(dpt.forward(inputs[0]), expected), `flatten=${flatten}`).to.be.below(1e-12);
    }
  });
});
