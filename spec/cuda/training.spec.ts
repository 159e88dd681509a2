/**
 * Training on CudaTensor follows training on FloatTensor: the same model (built once on the CPU,
 * cloned, one copy .float(), the other .cuda()) trained with optim.sgd on getParameters() gives the
 * same losses and the same weights, within float32 tolerance.
 */
import { expect } from 'chai';
import { torch } from '../../lib/index.js';
import { cuda } from '../../cuda/index.js';
import type { Module } from '../../nn/Module.js';
import { expectClose } from '../helpers.js';
import { lenet, mlp, syntheticData, trainer } from './cases.js';

/** Trains a float and a cuda copy of `build()` side by side for `steps` sgd steps; returns both losses and runs. */
function sideBySide(build: () => Module, shape: number[], steps: number, batch: number) {
  torch.manualSeed(42);
  const base = build();
  const data = syntheticData(7, 3, batch, shape);
  const f = trainer(base.clone().float(), data);
  const c = trainer(base.clone().cuda(), data);
  const lf: number[] = [], lc: number[] = [];
  for (let i = 0; i < steps; i++) { lf.push(f.step(i)); lc.push(c.step(i)); }
  return { f, c, lf, lc };
}

describe('cuda training: optim.sgd on CudaTensor follows FloatTensor', function () {
  this.timeout(120000);

  it('MLP 64-16-10 (Linear, Tanh, LogSoftMax, ClassNLLCriterion): 10 sgd steps with momentum', () => {
    const { f, c, lf, lc } = sideBySide(mlp, [64], 10, 8);
    expect(cuda.isCuda(c.params), 'flat parameters live on the device').to.equal(true);
    expect(c.params.type()).to.equal('torch.CudaTensor');
    expectClose(lc, lf, 1e-4);
    expect(lf[9], 'the loss went down').to.be.below(lf[0]);
    expectClose(c.params.float(), f.params, 1e-4);
  });

  it('LeNet (conv 5x5, max-pool, conv 3x3, max-pool, Linear) on 1x12x12: 6 sgd steps', () => {
    const { f, c, lf, lc } = sideBySide(lenet, [1, 12, 12], 6, 4);
    expectClose(lc, lf, 1e-4);
    expect(Math.min(...lf.slice(3)), 'the loss went down').to.be.below(lf[0]);
    expectClose(c.params.float(), f.params, 1e-4);
    const out = c.model.forward(syntheticData(7, 1, 4, [1, 12, 12])[0].x.cuda());
    expect(out.type()).to.equal('torch.CudaTensor');
    expect(out.size().totable()).to.deep.equal([4, 10]);
  });

  it('an sgd step with momentum reads back one number, the loss (optim never touches device data on the host)', () => {
    const { c } = sideBySide(mlp, [64], 2, 8);
    const t0 = cuda.traffic();
    for (let i = 2; i < 5; i++) c.step(i);
    const t1 = cuda.traffic();
    expect(t1.downloads - t0.downloads, 'readbacks in 3 steps').to.equal(3);
    expect(t1.downloadedBytes - t0.downloadedBytes, 'bytes read back in 3 steps: the loss and its weight, no tensor').to.be.at.most(3 * 16);
  });

  it('the parameters stay views of the flat device storage while training (no host copies of weights)', () => {
    const { c } = sideBySide(mlp, [64], 2, 4);
    const [params] = c.model.parameters()!;
    for (const p of params) {
      expect(cuda.isCuda(p)).to.equal(true);
      expect(p.storage(), 'weight shares the flat storage').to.equal(c.params.storage());
    }
  });
});
