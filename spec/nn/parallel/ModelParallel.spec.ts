/** fbcunn's nn.ModelParallel on CPU devices: every child sees the input; outputs concatenated; gradInputs summed. */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import { setCpuDeviceCount } from '../../../nn/parallel/cpu.js';
import { expectError, maxDiff } from './helpers.js';

const t = torch as any;

describe('nn.ModelParallel (fbcunn)', () => {
  after(() => setCpuDeviceCount(undefined));

  it('concatenates the children\'s outputs along the dimension and sums their gradInputs', () => {
    t.manualSeed(41);
    const a = new nn.Linear(6, 3), b = new nn.Sequential().add(new nn.Linear(6, 4)).add(new nn.Tanh());
    const ra = a.clone(), rb = b.clone();
    const mp = new nn.ModelParallel(2).add(a, 1).add(b, 2);
    const x = t.randn(5, 6), go = t.randn(5, 7);
    const out = mp.forward(x) as Tensor;
    expect(out.size().totable()).to.deep.equal([5, 7]);
    expect(maxDiff(out.narrow(2, 1, 3), ra.forward(x))).to.be.below(1e-12);
    expect(maxDiff(out.narrow(2, 4, 4), rb.forward(x))).to.be.below(1e-12);
    mp.zeroGradParameters(); ra.zeroGradParameters(); rb.zeroGradParameters();
    const gi = mp.backward(x, go) as Tensor;
    const expected = (ra.backward(x, go.narrow(2, 1, 3)) as Tensor).clone().add(rb.backward(x, go.narrow(2, 4, 4)));
    expect(maxDiff(gi, expected)).to.be.below(1e-12);
    expect(maxDiff(a.gradWeight!, ra.gradWeight!)).to.be.below(1e-12);
    expect(maxDiff(mp.updateGradInput(x, go), expected)).to.be.below(1e-12);
    mp.updateParameters(0.1); ra.updateParameters(0.1);
    expect(maxDiff(a.weight!, ra.weight!)).to.be.below(1e-12);
  });

  it('assigns devices round robin by default, and checks them when it runs', () => {
    setCpuDeviceCount(2);
    const mp = new nn.ModelParallel(1);
    for (let i = 0; i < 3; i++) mp.add(new nn.Identity());
    expect(mp.gpu_assignments).to.deep.equal([1, 2, 1]);
    const bad = new nn.ModelParallel(1).add(new nn.Identity(), 3);
    expectError(() => bad.forward(t.randn(2, 2)), 'invalid device ordinal 3');
    setCpuDeviceCount(undefined);
  });

  it('needs a dimension, refuses share, prints its devices', () => {
    expectError(() => new (nn.ModelParallel as any)(), 'must specify a dimension!');
    const mp = new nn.ModelParallel(2).add(new nn.Linear(2, 2), 1).add(new nn.Tanh(), 2);
    expectError(() => mp.share(new nn.Linear(2, 2), 'weight'), 'Share is not supported for the AbstractParallel layer.');
    expect(String(mp)).to.contain('(1) [gpu:1] nn.Linear').and.contain('(2) [gpu:2] nn.Tanh');
  });
});
