/**
 * The parallel modules on gpu.js devices: nn.DataParallelTable over two CudaTensor devices trains as
 * one module does, with each replica's tensors on its own device; nn.GPU places layers on devices.
 */
import { expect } from 'chai';
import { cuda } from '../../cuda/index.js';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import type { Module } from '../../nn/Module.js';
import { optim } from '../../optim/index.js';

const t = torch as any;
const maxDiff = (a: Tensor, b: Tensor): number => (a.float() as any).add(-1, b.float()).abs().max();

function mlp(): Module {
  return new nn.Sequential().add(new nn.Linear(12, 16)).add(new nn.Tanh()).add(new nn.Linear(16, 4)).add(new nn.LogSoftMax());
}

describe('nn.DataParallelTable on cuda devices (gpu.js contexts)', () => {
  before(() => { expect(cuda.getDeviceCount()).to.be.at.least(2); });
  afterEach(() => cuda.setDevice(1));

  it('scatters the batch over devices 1 and 2 and trains as one module does (sgd, 5 steps)', () => {
    t.manualSeed(7);
    const cpu = mlp();
    const one = (cpu.clone() as any).cuda();
    const dpt = new nn.DataParallelTable(1).add((cpu.clone() as any).cuda(), [1, 2]);
    const crit1 = (new nn.ClassNLLCriterion() as any).cuda(), crit2 = (new nn.ClassNLLCriterion() as any).cuda();
    const x = t.randn(7, 12).cuda(), y = new torch.Tensor(7).random(4).cuda();
    const [p1, g1] = one.getParameters(), [p2, g2] = dpt.getParameters();
    const s1 = { learningRate: 0.1 }, s2 = { learningRate: 0.1 };
    for (let i = 0; i < 5; i++) {
      const f = (net: any, g: Tensor, crit: any) => (): [number, Tensor] => {
        net.zeroGradParameters();
        const loss = crit.forward(net.forward(x), y);
        net.backward(x, crit.backward(net.output, y));
        return [loss, g];
      };
      optim.sgd(f(one, g1, crit1), p1, s1);
      optim.sgd(f(dpt, g2, crit2), p2, s2);
      expect(maxDiff(dpt.output, one.output)).to.be.below(1e-5);
    }
    expect(maxDiff(p2, p1)).to.be.below(1e-5);
    // replica 2 lives on device 2; its parameters are re-broadcast at the next forward
    const replicas = (dpt as any).rt.set.current as { device: number; module: Module }[];
    expect(replicas.map((r) => r.device)).to.deep.equal([1, 2]);
    expect((replicas[1].module.parameters()![0][0] as any).getDevice()).to.equal(2);
    expect((replicas[0].module.parameters()![0][0] as any).getDevice()).to.equal(1);
    // gradients were summed into replica 1 and zeroed on replica 2
    expect((replicas[1].module.parameters()![1][0] as any).abs().max()).to.equal(0);
    expect(dpt.output.getDevice()).to.equal(1);
  });

  it('unknown devices and more devices than exist get cutorch\'s error', () => {
    const n = cuda.getDeviceCount();
    expect(() => new nn.DataParallelTable(1).add((mlp() as any).cuda(), [1, n + 1])).to.throw(/invalid device ordinal/);
    expect(() => cuda.setDevice(n + 1)).to.throw(/invalid device id/);
  });
});

describe('nn.GPU on cuda devices', () => {
  afterEach(() => cuda.setDevice(1));

  it('runs a layer on device 2 and returns its output on the output device', () => {
    t.manualSeed(3);
    const lin = new nn.Linear(5, 3);
    const ref = lin.clone().float();
    const g = new (nn as any).GPU((lin as any).cuda(), 2, 1);
    const x = t.randn(4, 5).float();
    const out = g.forward(x.cuda());
    expect(out.getDevice()).to.equal(1);
    expect(maxDiff(out, ref.forward(x))).to.be.below(1e-5);
    expect((g.modules[0].weight as any).getDevice()).to.equal(2);
    const gi = g.backward(x.cuda(), t.ones(4, 3).cuda());
    expect(gi.getDevice()).to.equal(1);
    expect(maxDiff(gi, ref.backward(x, t.ones(4, 3).float()))).to.be.below(1e-5);
  });
});
