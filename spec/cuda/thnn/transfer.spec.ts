import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import { prng, randomTensor } from '../../helpers.js';
import { expectClose, liveBuffers, onDevice } from './parity.js';

interface Case { name: string; make: () => Module; sizes: number[]; lo?: number; hi?: number; fwd?: number; bwd?: number; params?: boolean }
const CASES: Case[] = [
  { name: 'Tanh', make: () => new nn.Tanh(), sizes: [5, 7], lo: -30, hi: 30 },
  { name: 'Tanh (small values)', make: () => new nn.Tanh(), sizes: [4, 6], lo: -0.1, hi: 0.1 },
  { name: 'Sigmoid', make: () => new nn.Sigmoid(), sizes: [5, 7], lo: -8, hi: 8 },
  { name: 'Threshold', make: () => new nn.Threshold(0.3, -2), sizes: [6, 5] },
  { name: 'Threshold in place', make: () => new nn.Threshold(0.3, -2, true), sizes: [6, 5] },
  { name: 'ReLU in place', make: () => new nn.ReLU(true), sizes: [3, 4, 5] },
  { name: 'HardTanh', make: () => new nn.HardTanh(-0.5, 1), sizes: [6, 5] },
  { name: 'HardTanh in place', make: () => new nn.HardTanh(-0.5, 1, true), sizes: [6, 5] },
  { name: 'HardShrink', make: () => new nn.HardShrink(0.4), sizes: [6, 5] },
  { name: 'SoftShrink', make: () => new nn.SoftShrink(0.4), sizes: [6, 5] },
  { name: 'SoftPlus', make: () => new nn.SoftPlus(2), sizes: [6, 9], lo: -15, hi: 15 },
  { name: 'LogSigmoid', make: () => new nn.LogSigmoid(), sizes: [6, 9], lo: -12, hi: 12 },
  { name: 'LeakyReLU', make: () => new nn.LeakyReLU(0.1), sizes: [6, 5] },
  { name: 'LeakyReLU in place', make: () => new nn.LeakyReLU(0.1, true), sizes: [6, 5] },
  { name: 'PReLU (one slope)', make: () => new nn.PReLU(), sizes: [6, 5], params: true },
  { name: 'PReLU (per plane)', make: () => new nn.PReLU(3), sizes: [4, 3, 2, 5], params: true },
  { name: 'PReLU (per plane, 2-D)', make: () => new nn.PReLU(5), sizes: [4, 5], params: true },
  { name: 'RReLU evaluation', make: () => new nn.RReLU(0.1, 0.3).evaluate(), sizes: [6, 5] },
  { name: 'RReLU evaluation in place', make: () => new nn.RReLU(0.1, 0.3, true).evaluate(), sizes: [6, 5] },
  { name: 'ELU', make: () => new nn.ELU(0.7), sizes: [6, 5], lo: -5, hi: 3 },
  { name: 'ELU in place', make: () => new nn.ELU(0.7, true), sizes: [6, 5], lo: -5, hi: 3 },
  { name: 'GatedLinearUnit (last dim)', make: () => new nn.GatedLinearUnit(), sizes: [3, 8] },
  { name: 'GatedLinearUnit (dim 2 of 3)', make: () => new nn.GatedLinearUnit(2), sizes: [3, 4, 5] },
  { name: 'Abs', make: () => new nn.Abs(), sizes: [6, 5] },
  { name: 'Square', make: () => new nn.Square(), sizes: [6, 5] },
  { name: 'Sqrt', make: () => new nn.Sqrt(), sizes: [6, 5], lo: 0.1, hi: 4 },
];

/** A device copy of x, as a non-contiguous (transposed) view when `strided`. */
function toDevice(x: Tensor, strided: boolean): Tensor {
  if (!strided || x.dim() < 2) return x.cuda();
  const d = x.dim();
  return x.transpose(1, d).clone().cuda().transpose(1, d);
}

describe('cuda THNN transfer kernels (parity with the CPU kernels through nn modules)', () => {
  const rnd = prng(61);
  for (const c of CASES) {
    for (const strided of [false, true]) {
      it(`${c.name}${strided ? ', non-contiguous input' : ''}`, () => {
        const m = c.make();
        const mc = m.clone().type('torch.CudaTensor') as Module;
        const x = randomTensor('Double', c.sizes, rnd, c.lo ?? -2, c.hi ?? 2);
        const xc = toDevice(x, strided);
        expect(xc.isContiguous()).to.equal(!strided);
        const y = m.forward(x.clone()) as Tensor;
        const yc = onDevice(() => mc.forward(xc) as Tensor);
        expect(yc.type()).to.equal('torch.CudaTensor');
        expectClose(yc, y, c.fwd ?? 1e-5, 'output');
        const g = randomTensor('Double', [...y._size], rnd);
        const xb = x.clone();
        m.forward(xb);
        const gi = m.backward(xb, g.clone()) as Tensor;
        const gc = g.cuda();
        const gic = onDevice(() => mc.backward(xc, gc) as Tensor);
        expectClose(gic, gi, c.bwd ?? 1e-4, 'gradInput');
        if (c.params) expectClose((mc as any).gradWeight, (m as any).gradWeight, 1e-4, 'gradWeight');
      });
    }
  }

  it('in-place kernels write the input and return views of it (Threshold, HardTanh, LeakyReLU, ELU)', () => {
    for (const make of [() => new nn.ReLU(true), () => new nn.HardTanh(-1, 1, true), () => new nn.LeakyReLU(0.2, true), () => new nn.ELU(1, true)]) {
      const mc = make().type('torch.CudaTensor') as Module;
      const xc = randomTensor('Double', [4, 5], rnd).cuda();
      const y = onDevice(() => mc.forward(xc) as Tensor);
      expect(y.storage()).to.equal(xc.storage());
      const gc = randomTensor('Double', [4, 5], rnd).cuda();
      const gi = onDevice(() => mc.backward(xc, gc) as Tensor);
      expect(gi.storage()).to.equal(gc.storage());
    }
  });

  it('writes results into non-contiguous views of a device tensor', () => {
    const x = randomTensor('Double', [5, 6], rnd, -3, 3);
    const xc = x.cuda();
    const big = torch.zeros(6, 10).cuda();
    const out = big.narrow(2, 3, 5).t(); // 5 x 6 view, strided
    onDevice(() => xc.THNN.Tanh_updateOutput(xc, out));
    expect(out.storage()).to.equal(big.storage());
    const ref = torch.tanh(x);
    expectClose(out, ref, 1e-5, 'tanh into a view');
    expect(big.narrow(2, 1, 2).abs().max()).to.equal(0);
    const gi = torch.zeros(6, 5).cuda().t();
    const g = randomTensor('Double', [5, 6], rnd);
    onDevice(() => xc.THNN.Threshold_updateGradInput(xc, g.cuda(), gi, 0, 0, false));
    expectClose(gi, g.clone().cmul(x.gt(0).double()), 1e-7, 'threshold gradient into a view');
  });

  it('RReLU in training draws one slope per element from the CPU generator, uniform in [lower, upper]', () => {
    const x = randomTensor('Double', [6, 7], rnd);
    const mc = new nn.RReLU(0.1, 0.3).type('torch.CudaTensor') as Module;
    torch.manualSeed(7);
    const y = onDevice(() => mc.forward(x.cuda()) as Tensor).double();
    torch.manualSeed(7);
    const draws = Array.from({ length: 42 }, () => torch.uniform(Math.fround(0.1), Math.fround(0.3)));
    const noise = (mc as any).noise.double() as Tensor;
    let k = 0;
    x.apply((v) => {
      const r = noise.storage().get(k + 1), yv = y.storage().get(k + 1);
      expect(r).to.be.closeTo(v <= 0 ? Math.fround(draws[k]) : 1, 1e-7);
      expect(yv).to.be.closeTo(Math.fround(v) * r, 1e-6);
      k++;
      return v;
    });
    const g = randomTensor('Double', [6, 7], rnd);
    const gi = onDevice(() => mc.backward(x.cuda(), g.cuda()) as Tensor);
    expectClose(gi, g.clone().cmul(noise), 1e-6, 'gradInput = gradOutput * noise');
  });

  it('raises the CPU kernels\' shape errors', () => {
    const xc = torch.randn(4, 5).cuda();
    expect(() => xc.THNN.Tanh_updateGradInput(xc, torch.randn(5, 4).cuda(), new cuda.CudaTensor(), xc))
      .to.throw('output and gradOutput shapes do not match: output [4 x 5], gradOutput [5 x 4]');
    expect(() => (new nn.PReLU(3).type('torch.CudaTensor') as Module).forward(xc)).to.throw('Wrong number of input planes. Expected 3 but got 5.');
    expect(() => (new nn.GatedLinearUnit(2).type('torch.CudaTensor') as Module).forward(torch.randn(4, 5).cuda()))
      .to.throw('Halving dimension must be even. Dim 2 is size 5');
  });

  it('frees what it allocates: repeated forward/backward keeps the live buffer count', () => {
    const xc = torch.randn(2, 3, 4).cuda();
    const m2 = new nn.Sequential().add(new nn.PReLU(3)).add(new nn.Tanh()).add(new nn.SoftPlus()).type('torch.CudaTensor') as Module;
    const g2 = torch.randn(2, 3, 4).cuda();
    const run = () => { m2.forward(xc); m2.backward(xc, g2); };
    run();
    const before = liveBuffers();
    run(); run();
    expect(liveBuffers()).to.equal(before);
    expect(cuda.memory().bytes).to.be.greaterThan(0);
  });

  it('registers a device kernel for every transfer, softmax, criterion and LookupTable kernel of this family', () => {
    const names = ['Tanh', 'Sigmoid', 'Threshold', 'HardTanh', 'HardShrink', 'SoftShrink', 'SoftPlus', 'LogSigmoid', 'LeakyReLU',
      'PReLU', 'RReLU', 'ELU', 'GatedLinear', 'Abs', 'Square', 'Sqrt', 'SoftMax', 'LogSoftMax', 'MSECriterion', 'AbsCriterion',
      'SmoothL1Criterion', 'DistKLDivCriterion', 'SoftMarginCriterion', 'MarginCriterion', 'BCECriterion', 'ClassNLLCriterion',
      'SpatialClassNLLCriterion', 'MultiMarginCriterion', 'MultiLabelMarginCriterion'].flatMap((n) => [`${n}_updateOutput`, `${n}_updateGradInput`]);
    names.push('PReLU_accGradParameters', 'LookupTable_accGradParameters', 'LookupTable_renorm');
    const have = new Set(cuda.deviceTHNN());
    expect(names.filter((n) => !have.has(n))).to.deep.equal([]);
  });
});
