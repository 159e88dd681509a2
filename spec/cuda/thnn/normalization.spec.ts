import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import type { BatchNormalization } from '../../../nn/BatchNormalization.js';
import { prng, randomTensor } from '../../helpers.js';
import { expectClose, liveBuffers, onDevice } from './parity.js';

const rnd = prng(64);
const TOL = 1e-5; // f32 statistics against the double CPU kernels

interface Case { name: string; make: () => BatchNormalization; sizes: number[]; train: boolean }
const CASES: Case[] = [];
for (const train of [true, false]) {
  for (const affine of [true, false]) {
    const mode = `${train ? 'training' : 'evaluation'}, ${affine ? 'affine' : 'not affine'}`;
    CASES.push({ name: `BatchNormalization, ${mode}`, make: () => new nn.BatchNormalization(5, 1e-3, 0.3, affine), sizes: [7, 5], train });
    CASES.push({ name: `SpatialBatchNormalization, ${mode}`, make: () => new nn.SpatialBatchNormalization(3, 1e-5, 0.1, affine), sizes: [4, 3, 5, 6], train });
  }
}
CASES.push({ name: 'SpatialBatchNormalization, evaluation of one image', make: () => new nn.SpatialBatchNormalization(3), sizes: [3, 4, 5], train: false });

/** Random running statistics (evaluation reads them), the same on both modules. */
function setRunning(m: BatchNormalization, mc: BatchNormalization): void {
  const n = m.running_mean.nElement();
  m.running_mean.copy(randomTensor('Double', [n], rnd, -1, 1));
  m.running_var.copy(randomTensor('Double', [n], rnd, 0.5, 2));
  mc.running_mean.copy(m.running_mean);
  mc.running_var.copy(m.running_var);
}

/** A device copy of x, as a non-contiguous (transposed) view when `strided`. */
function toDevice(x: Tensor, strided: boolean): Tensor {
  if (!strided) return x.cuda();
  const d = x.dim();
  return x.transpose(1, d).clone().cuda().transpose(1, d);
}

describe('cuda THNN BatchNormalization (parity with the CPU kernels through nn modules)', function () {
  this.timeout(120000);
  for (const c of CASES) {
    for (const strided of [false, true]) {
      it(`${c.name}, input ${c.sizes.join('x')}${strided ? ', non-contiguous input and gradOutput' : ''}`, () => {
        const m = c.make();
        if (m.weight) m.weight.copy(randomTensor('Double', [m.weight.nElement()], rnd, 0.5, 1.5));
        if (m.bias) m.bias.copy(randomTensor('Double', [m.bias.nElement()], rnd));
        const mc = m.clone().type('torch.CudaTensor') as BatchNormalization;
        setRunning(m, mc);
        if (!c.train) { m.evaluate(); mc.evaluate(); }
        m.zeroGradParameters();
        mc.zeroGradParameters();
        const x = randomTensor('Double', c.sizes, rnd, -3, 5), xc = toDevice(x, strided);
        const y = m.forward(x) as Tensor;
        const yc = onDevice(() => mc.forward(xc) as Tensor);
        expect(yc.type()).to.equal('torch.CudaTensor');
        expectClose(yc, y, TOL, 'output');
        expectClose(mc.running_mean, m.running_mean, TOL, 'running_mean');
        expectClose(mc.running_var, m.running_var, TOL, 'running_var');
        if (c.train) {
          expectClose(mc.save_mean!, m.save_mean!, TOL, 'save_mean');
          expectClose(mc.save_std!, m.save_std!, TOL, 'save_std');
        }
        const g = randomTensor('Double', [...y._size], rnd);
        const gi = m.backward(x, g) as Tensor;
        m.accGradParameters(x, g, 0.5);
        const gc = toDevice(g, strided);
        const gic = onDevice(() => { const r = mc.backward(xc, gc) as Tensor; mc.accGradParameters(xc, gc, 0.5); return r; });
        expectClose(gic, gi, TOL, 'gradInput');
        if (m.gradWeight) expectClose(mc.gradWeight!, m.gradWeight, TOL, 'gradWeight');
        if (m.gradBias) expectClose(mc.gradBias!, m.gradBias, TOL, 'gradBias');
      });
    }
  }

  it('its THNN kernels are device kernels', () => {
    expect(cuda.deviceTHNN()).to.include.members(['BatchNormalization_updateOutput', 'BatchNormalization_backward']);
  });

  for (const sizes of [[4, 3, 7], [2, 3, 3, 4, 2]]) {
    it(`runs on ${sizes.length}-D input through THNN: strided input, results into views (offset storages)`, () => {
      const C = sizes[1], x = randomTensor('Double', sizes, rnd), g = randomTensor('Double', sizes, rnd);
      const w = randomTensor('Double', [C], rnd), b = randomTensor('Double', [C], rnd);
      const K = x.THNN, rm = torch.zeros(C), rv = torch.ones(C), sm = new torch.DoubleTensor(C), ss = new torch.DoubleTensor(C);
      const y = new torch.DoubleTensor(), gi = new torch.DoubleTensor(), gw = torch.zeros(C), gb = torch.zeros(C);
      K.BatchNormalization_updateOutput(x, y, w, b, rm, rv, sm, ss, true, 0.2, 1e-4);
      K.BatchNormalization_backward(x, g, gi, gw, gb, w, rm, rv, sm, ss, true, 0.7, 1e-4);
      const xc = toDevice(x, true), [wc, bc, rmc, rvc] = [w, b, torch.zeros(C), torch.ones(C)].map((t) => t.cuda());
      const smc = new cuda.CudaTensor(C), ssc = new cuda.CudaTensor(C);
      const big = new cuda.CudaTensor(sizes[0] + 2, ...sizes.slice(1)).zero();
      const yc = big.narrow(1, 2, sizes[0]); // contiguous from an offset: THNN's resize keeps it
      const gic = new cuda.CudaTensor(), gwc = torch.zeros(2 * C).cuda().narrow(1, 1, C), gbc = torch.zeros(C).cuda();
      const gc = toDevice(g, true);
      onDevice(() => {
        xc.THNN.BatchNormalization_updateOutput(xc, yc, wc, bc, rmc, rvc, smc, ssc, true, 0.2, 1e-4);
        xc.THNN.BatchNormalization_backward(xc, gc, gic, gwc, gbc, wc, rmc, rvc, smc, ssc, true, 0.7, 1e-4);
      });
      expect(yc.storage()).to.equal(big.storage());
      expect(big.narrow(1, 1, 1).abs().max()).to.equal(0);
      for (const [a, e, what] of [[yc, y, 'output'], [rmc, rm, 'running_mean'], [rvc, rv, 'running_var'], [smc, sm, 'save_mean'], [ssc, ss, 'save_std'],
        [gic, gi, 'gradInput'], [gwc, gw, 'gradWeight'], [gbc, gb, 'gradBias']] as const) expectClose(a, e, TOL, what);
    });
  }

  it('raises the CPU kernel\'s errors for bad arguments', () => {
    const xc = torch.randn(4, 3).cuda(), gc = torch.randn(3, 4).cuda();
    const v = () => new cuda.CudaTensor(3).zero();
    expect(() => xc.THNN.BatchNormalization_backward(xc, gc, new cuda.CudaTensor(), v(), v(), v(), v(), v(), v(), v(), true, 1, 1e-5))
      .to.throw('input and gradOutput shapes do not match');
  });

  it('frees what it allocates: repeated forward/backward keeps the live buffer count', () => {
    const m = new nn.SpatialBatchNormalization(3).type('torch.CudaTensor') as BatchNormalization;
    const xc = torch.randn(2, 3, 4, 4).cuda(), gc = torch.randn(2, 3, 4, 4).cuda();
    const run = () => { m.forward(xc); m.backward(xc, gc); };
    run();
    const before = liveBuffers();
    onDevice(() => { run(); run(); });
    expect(liveBuffers()).to.equal(before);
  });
});
