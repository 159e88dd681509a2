import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { torch } from '../../../lib/index.js';
import { LongTensor, type Tensor } from '../../../lib/Tensor.js';
import type { Criterion } from '../../../nn/Criterion.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import { prng, randomTensor } from '../../helpers.js';
import { expectClose, expectNear, liveBuffers, onDevice } from './parity.js';

const rnd = prng(23);
const classes = (n: number, nC: number, lo = 1): LongTensor => {
  const t = new LongTensor(n);
  t.apply(() => lo + Math.floor(rnd() * (nC - lo + 1)));
  return t;
};
const signs = (...sizes: number[]): Tensor => randomTensor('Double', sizes, rnd).sign().apply((v) => (v === 0 ? 1 : v));
const strided = (x: Tensor): Tensor => x.t().clone().cuda().t();

interface Case { name: string; make: () => Criterion; input: () => Tensor; target: () => Tensor; cudaTarget?: boolean; view?: boolean }
const CASES: Case[] = [
  { name: 'MSECriterion', make: () => new nn.MSECriterion(), input: () => randomTensor('Double', [4, 5], rnd), target: () => randomTensor('Double', [4, 5], rnd), cudaTarget: true, view: true },
  { name: 'MSECriterion (sum)', make: () => new nn.MSECriterion(false), input: () => randomTensor('Double', [4, 5], rnd), target: () => randomTensor('Double', [4, 5], rnd), cudaTarget: true },
  { name: 'AbsCriterion', make: () => new nn.AbsCriterion(), input: () => randomTensor('Double', [4, 5], rnd), target: () => randomTensor('Double', [4, 5], rnd), cudaTarget: true, view: true },
  { name: 'SmoothL1Criterion', make: () => new nn.SmoothL1Criterion(), input: () => randomTensor('Double', [6, 5], rnd), target: () => randomTensor('Double', [6, 5], rnd), cudaTarget: true, view: true },
  { name: 'DistKLDivCriterion', make: () => new nn.DistKLDivCriterion(), input: () => randomTensor('Double', [4, 5], rnd, -3, 0), target: () => randomTensor('Double', [4, 5], rnd, -0.2, 1).clamp(0, 1), cudaTarget: true, view: true },
  { name: 'SoftMarginCriterion', make: () => new nn.SoftMarginCriterion(), input: () => randomTensor('Double', [4, 5], rnd, -4, 4), target: () => signs(4, 5), cudaTarget: true, view: true },
  { name: 'MarginCriterion', make: () => new nn.MarginCriterion(0.7), input: () => randomTensor('Double', [4, 5], rnd), target: () => signs(4, 5), cudaTarget: true, view: true },
  { name: 'BCECriterion', make: () => new nn.BCECriterion(), input: () => randomTensor('Double', [4, 5], rnd, 0.01, 0.99), target: () => randomTensor('Double', [4, 5], rnd, 0, 1).round(), cudaTarget: true, view: true },
  { name: 'BCECriterion (weights)', make: () => new nn.BCECriterion(randomTensor('Double', [5], rnd, 0.1, 2)), input: () => randomTensor('Double', [4, 5], rnd, 0.01, 0.99), target: () => randomTensor('Double', [4, 5], rnd, 0, 1).round(), cudaTarget: true },
  { name: 'ClassNLLCriterion (batch)', make: () => new nn.ClassNLLCriterion(), input: () => randomTensor('Double', [6, 4], rnd, -3, 0), target: () => classes(6, 4), view: true },
  { name: 'ClassNLLCriterion (weights, sum)', make: () => new nn.ClassNLLCriterion(randomTensor('Double', [4], rnd, 0.1, 2), false), input: () => randomTensor('Double', [6, 4], rnd, -3, 0), target: () => classes(6, 4) },
  { name: 'ClassNLLCriterion (weights, ignoreIndex)', make: () => new nn.ClassNLLCriterion(randomTensor('Double', [4], rnd, 0.1, 2), true, 2), input: () => randomTensor('Double', [8, 4], rnd, -3, 0), target: () => classes(8, 4) },
  { name: 'ClassNLLCriterion (1-D input, weights)', make: () => new nn.ClassNLLCriterion(randomTensor('Double', [5], rnd, 0.1, 2)), input: () => randomTensor('Double', [5], rnd, -3, 0), target: () => classes(1, 5) },
  { name: 'SpatialClassNLLCriterion', make: () => new nn.SpatialClassNLLCriterion(), input: () => randomTensor('Double', [2, 3, 4, 5], rnd, -3, 0), target: () => classes(40, 3).view(2, 4, 5) },
  { name: 'SpatialClassNLLCriterion (weights, sum)', make: () => new nn.SpatialClassNLLCriterion(randomTensor('Double', [3], rnd, 0.1, 2), false), input: () => randomTensor('Double', [2, 3, 2, 3], rnd, -3, 0), target: () => classes(12, 3).view(2, 2, 3) },
  { name: 'MultiMarginCriterion (p = 1)', make: () => new nn.MultiMarginCriterion(), input: () => randomTensor('Double', [5, 6], rnd), target: () => classes(5, 6), view: true },
  { name: 'MultiMarginCriterion (p = 2, weights, margin)', make: () => new nn.MultiMarginCriterion(2, randomTensor('Double', [6], rnd, 0.1, 2), 0.5), input: () => randomTensor('Double', [5, 6], rnd), target: () => classes(5, 6) },
  { name: 'MultiMarginCriterion (vector)', make: () => new nn.MultiMarginCriterion(), input: () => randomTensor('Double', [7], rnd), target: () => classes(1, 7) },
  { name: 'MultiLabelMarginCriterion', make: () => new nn.MultiLabelMarginCriterion(), input: () => randomTensor('Double', [3, 5], rnd),
    target: () => new LongTensor([[3, 1, 0, 2, 0], [5, 4, 4, 2, 1], [0, 2, 3, 0, 0]]), view: true },
  { name: 'MultiLabelMarginCriterion (vector)', make: () => new nn.MultiLabelMarginCriterion(), input: () => randomTensor('Double', [6], rnd), target: () => new LongTensor([2, 6, 0, 1, 0, 0]) },
];

describe('cuda THNN criterion kernels (parity with the CPU kernels through nn criteria)', () => {
  for (const c of CASES) {
    for (const view of c.view ? [false, true] : [false]) {
      it(`${c.name}${view ? ', strided input' : ''}`, () => {
        const crit = c.make();
        const critc = crit.clone().type('torch.CudaTensor');
        const x = c.input(), t = c.target();
        const xc = view ? strided(x) : x.cuda();
        const tc = c.cudaTarget ? t.cuda() : t;
        const loss = crit.forward(x, t) as number;
        const lossc = onDevice(() => critc.forward(xc, tc) as number, 1); // the loss is the one readback
        expectNear(lossc, loss, 1e-5, 'loss');
        const gi = crit.backward(x, t) as Tensor;
        const gic = onDevice(() => critc.backward(xc, tc) as Tensor);
        expect(gic.type()).to.equal('torch.CudaTensor');
        expectClose(gic, gi, 1e-4, 'gradInput');
      });
    }
  }

  it('ClassNLLCriterion takes a CudaTensor of 1-based classes as cunn does (kernel level)', () => {
    const x = randomTensor('Double', [6, 4], rnd, -3, 0), t = classes(6, 4), w = randomTensor('Double', [4], rnd, 0.5, 2);
    const out = torch.zeros(1), tw = torch.zeros(1);
    x.THNN.ClassNLLCriterion_updateOutput(x, t, out, true, w, tw, -100);
    const xc = x.cuda(), tc = t.cuda(), outc = torch.zeros(1).cuda(), twc = torch.zeros(1).cuda(), wc = w.cuda();
    onDevice(() => xc.THNN.ClassNLLCriterion_updateOutput(xc, tc, outc, true, wc, twc, -100), 1);
    expectNear(onDevice(() => outc.get(1) as number), out.get(1) as number, 1e-5, 'loss');
    expectNear(twc.get(1) as number, tw.get(1) as number, 1e-6, 'total weight');
    const gi = torch.zeros(6, 4), gic = torch.zeros(6, 4).cuda();
    x.THNN.ClassNLLCriterion_updateGradInput(x, t, gi, true, w, tw, -100);
    onDevice(() => xc.THNN.ClassNLLCriterion_updateGradInput(xc, tc, gic, true, wc, twc, -100));
    expectClose(gic, gi, 1e-6, 'gradInput');
  });

  it('raises the CPU kernels\' errors for bad classes and probabilities found on the device', () => {
    const xc = torch.randn(3, 4).cuda();
    const nll = new nn.ClassNLLCriterion().type('torch.CudaTensor');
    const err = "Assertion `cur_target >= 0 && cur_target < n_classes' failed.";
    expect(() => nll.forward(xc, new LongTensor([1, 5, 2]))).to.throw(err);
    expect(() => xc.THNN.ClassNLLCriterion_updateOutput(xc, new LongTensor([1, 0, 2]).cuda(), torch.zeros(1).cuda(), true, undefined, torch.zeros(1).cuda(), -100))
      .to.throw(err);
    expect(() => new nn.BCECriterion().type('torch.CudaTensor').forward(new torch.DoubleTensor([[0.5, 1.5]]).cuda(), new torch.DoubleTensor([[1, 0]]).cuda()))
      .to.throw('input value should be between 0~1, but got 1.500000');
    expect(() => new nn.MultiMarginCriterion().type('torch.CudaTensor').forward(xc, new LongTensor([1, 7, 2])))
      .to.throw("bad argument #3 to 'MultiMarginCriterion_updateOutput' (target out of range)");
    expect(() => new nn.MSECriterion().type('torch.CudaTensor').forward(xc, torch.randn(3, 5).cuda()))
      .to.throw('input and target have different number of elements: input[3 x 4] has 12 elements, while target[3 x 5] has 15 elements');
  });

  it('frees its temporaries (uploaded targets, partial sums)', () => {
    const nll = new nn.ClassNLLCriterion().type('torch.CudaTensor'), mse = new nn.MSECriterion().type('torch.CudaTensor');
    const x = torch.randn(5, 3).cuda(), t = classes(5, 3), y = torch.randn(5, 3).cuda();
    const run = () => { nll.forward(x, t); nll.backward(x, t); mse.forward(x, y); mse.backward(x, y); };
    run();
    const n = liveBuffers();
    run(); run();
    expect(liveBuffers()).to.equal(n);
  });
});

describe('cuda THNN LookupTable kernels', () => {
  const idx = new LongTensor([[3, 1, 3, 7], [2, 3, 9, 1], [7, 7, 3, 10]]);
  for (const [name, setup] of [
    ['accGradParameters', (m: any) => m],
    ['accGradParameters (padding, scaleGradByFreq)', (m: any) => m.setPadding(7).scaleGradByFreq()],
  ] as [string, (m: any) => any][]) {
    it(name, () => {
      const m = setup(new nn.LookupTable(10, 5));
      const mc = (m.clone() as Module).type('torch.CudaTensor') as any;
      const g = randomTensor('Double', [3, 4, 5], rnd);
      m.accGradParameters(idx, g, 0.5);
      const gc = g.cuda();
      onDevice(() => mc.accGradParameters(idx, gc, 0.5));
      expectClose(mc.gradWeight, m.gradWeight, 1e-6, 'gradWeight');
      if (m.shouldScaleGradByFreq) expect(Array.from(mc._count.storage().data)).to.deep.equal(Array.from(m._count.storage().data));
      onDevice(() => mc.accGradParameters(idx, gc, 0.5));
      m.accGradParameters(idx, g, 0.5);
      expectClose(mc.gradWeight, m.gradWeight, 1e-6, 'gradWeight accumulated twice');
    });
  }
  for (const normType of [1, 2, 3]) {
    it(`renorm (normType ${normType})`, () => {
      const m = new nn.LookupTable(10, 5, 0, 1.2, normType);
      m.weight.mul(2);
      const mc = (m.clone() as Module).type('torch.CudaTensor') as any;
      const rows = new LongTensor([3, 1, 3, 7, 2, 9]);
      m.renorm(rows);
      onDevice(() => mc.renorm(rows));
      expectClose(mc.weight, m.weight, 1e-5, 'weight');
      expect(mc._input.storage().data.slice(0, 5)).to.deep.equal(m._input.storage().data.slice(0, 5));
    });
  }
  it('frees its uploads', () => {
    const mc = new nn.LookupTable(10, 5).type('torch.CudaTensor') as any;
    const g = torch.randn(3, 4, 5).cuda();
    mc.accGradParameters(idx, g, 1);
    const n = liveBuffers();
    mc.accGradParameters(idx, g, 1);
    expect(liveBuffers()).to.equal(n);
    expect(cuda.memory().buffers).to.equal(n);
  });
});
