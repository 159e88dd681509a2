/**
 * nn.GPU: a pass-through on CPU tensors (as in Torch); on a device kind it runs the module with its
 * device current and moves input, output and gradInput (checked with a recording device kind).
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import type { Activity } from '../../../nn/utils.js';
import { cpuDevices } from '../../../nn/parallel/cpu.js';
import { registerDeviceKind, type DeviceKind } from '../../../nn/parallel/devices.js';
import { expectError, maxDiff } from './helpers.js';

const t = torch as any;

describe('nn.GPU', () => {
  it('is the module itself on CPU tensors (forward, backward, parameters)', () => {
    t.manualSeed(31);
    const lin = new nn.Linear(4, 3), base = lin.clone();
    const g = new nn.GPU(lin, 2, 1);
    expect([g.device, g.outdevice]).to.deep.equal([2, 1]);
    expect(new nn.GPU(new nn.Tanh(), 3).outdevice).to.equal(3);
    const x = t.randn(5, 4), go = t.randn(5, 3);
    expect(maxDiff(g.forward(x), base.forward(x))).to.equal(0);
    g.zeroGradParameters(); base.zeroGradParameters();
    expect(maxDiff(g.backward(x, go), base.backward(x, go))).to.equal(0);
    expect(maxDiff(g.parameters()[1][0], base.gradWeight!)).to.equal(0);
    g.updateParameters(0.1); base.updateParameters(0.1);
    expect(maxDiff(lin.weight!, base.weight!)).to.equal(0);
    expect(String(g)).to.equal('nn.GPU(2) @ nn.Linear(4 -> 3)');
  });

  it('checks its arguments and refuses accUpdateGradParameters', () => {
    expectError(() => new nn.GPU(new nn.Tanh(), 'x' as never), 'nn.GPU: device must be a number');
    expectError(() => new nn.GPU({} as Module, 1), 'nn.GPU: expecting an nn.Module');
    expectError(() => new nn.GPU(new nn.Tanh(), 1).accUpdateGradParameters(t.randn(2), t.randn(2), 1), 'Not Implemented');
  });

  it('saves its header {_type, device} and loads back as an nn.GPU', () => {
    const g = new nn.GPU(new nn.Linear(3, 2), 2);
    const bytes = torch.serialize(g);
    const at = bytes.toString('latin1').indexOf('nn.GPU');
    expect(bytes.readInt32LE(at + 6), 'header is a table').to.equal(3);
    const back = torch.deserialize(bytes) as InstanceType<typeof nn.GPU>;
    expect(back).to.be.instanceOf(nn.GPU);
    expect([back.device, back.outdevice]).to.deep.equal([2, 2]);
    back.setDevice(1);
    const again = torch.deserialize(torch.serialize(back)) as InstanceType<typeof nn.GPU>;
    expect(again.device).to.equal(1);
    const x = t.randn(2, 3);
    expect(maxDiff(again.forward(x), g.forward(x))).to.equal(0);
    again.clearState();
    expect((again.output as Tensor).nElement()).to.equal(0);
  });

  describe('on a device kind (a recording stand-in for a GPU package)', () => {
    const log: string[] = [];
    let current = 1;
    const move = (dst: Activity | undefined, src: Activity, to: number | Activity): Activity => {
      log.push(`move to ${typeof to === 'number' ? to : 'input'}`);
      if (Array.isArray(src)) return src.map((s) => move(undefined, s, to));
      return (dst instanceof Tensor ? dst : src.new()).resizeAs(src).copy(src);
    };
    const fake: DeviceKind = {
      name: 'fake', types: ['torch.FloatTensor'], deviceCount: () => 4, describe: (id) => `fake device ${id}`,
      replicate: () => { throw new Error('unused'); },
      withDevice<T>(id: number, fn: () => T): T {
        const prev = current;
        current = id;
        log.push(`on ${id}`);
        try { return fn(); } finally { current = prev; }
      },
      moveTo: move,
    };
    before(() => registerDeviceKind(fake));
    after(() => registerDeviceKind(cpuDevices));

    it('runs the module on its device, moving input, output and gradInput', () => {
      t.manualSeed(32);
      const seen: number[] = [];
      const lin = new nn.Linear(4, 3).float(), base = lin.clone();
      const orig = lin.updateOutput.bind(lin);
      lin.updateOutput = (x: Tensor) => { seen.push(current); return orig(x); };
      const g = new nn.GPU(lin, 3, 2);
      const x = t.randn(2, 4).float(), go = t.randn(2, 3).float();
      log.length = 0;
      const out = g.forward(x) as Tensor;
      expect(seen).to.deep.equal([3]);
      expect(log).to.deep.equal(['move to 3', 'on 3', 'move to 2']);
      expect(out).to.not.equal(lin.output);
      expect(maxDiff(out, base.forward(x))).to.be.below(1e-6);
      log.length = 0;
      const gi = g.backward(x, go) as Tensor;
      expect(log).to.deep.equal(['move to 3', 'on 3', 'move to input', 'on 3']);
      expect(maxDiff(gi, base.backward(x, go))).to.be.below(1e-6);
      expect(current).to.equal(1);
    });
  });
});
