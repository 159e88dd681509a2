import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { torch } from '../../../lib/index.js';
import { LongTensor, type Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import { flat, prng, randomTensor } from '../../helpers.js';
import { expectClose, liveBuffers, onDevice } from './parity.js';

const rnd = prng(63);
const TOL = 1e-6; // sums of a few floats against the double CPU kernels

/** A device copy of x, as a non-contiguous (transposed) view when `strided`. */
function toDevice(x: Tensor, strided: boolean): Tensor {
  if (!strided) return x.cuda();
  const d = x.dim();
  return x.transpose(1, d).clone().cuda().transpose(1, d);
}

interface ModuleCase { name: string; make: () => Module; sizes: number[][]; thnn: string }
const MODULES: ModuleCase[] = [
  { name: 'SpatialAveragePooling 3x2 stride 2', make: () => new nn.SpatialAveragePooling(3, 2, 2, 2), sizes: [[2, 3, 7, 8], [3, 6, 5]], thnn: 'SpatialAveragePooling' },
  { name: 'SpatialAveragePooling pad 1, ceil', make: () => new nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1).ceil(), sizes: [[2, 2, 6, 7], [2, 5, 6]], thnn: 'SpatialAveragePooling' },
  { name: 'SpatialAveragePooling pad 1, ceil, padding not counted', make: () => new nn.SpatialAveragePooling(3, 2, 2, 3, 1, 1).ceil().setCountExcludePad(), sizes: [[2, 2, 7, 6], [3, 8, 5]], thnn: 'SpatialAveragePooling' },
  { name: 'SpatialAdaptiveAveragePooling 3x2', make: () => new nn.SpatialAdaptiveAveragePooling(3, 2), sizes: [[2, 3, 7, 5], [2, 5, 8]], thnn: 'SpatialAdaptiveAveragePooling' },
  { name: 'SpatialAdaptiveAveragePooling growing', make: () => new nn.SpatialAdaptiveAveragePooling(5, 4), sizes: [[2, 2, 3, 3]], thnn: 'SpatialAdaptiveAveragePooling' },
  { name: 'SpatialReflectionPadding', make: () => new nn.SpatialReflectionPadding(2, 1, 3, 2), sizes: [[2, 3, 5, 4], [2, 4, 3]], thnn: 'SpatialReflectionPadding' },
  { name: 'SpatialReflectionPadding cropping', make: () => new nn.SpatialReflectionPadding(-1, 2, 1, -2), sizes: [[2, 2, 5, 6]], thnn: 'SpatialReflectionPadding' },
  { name: 'SpatialReplicationPadding', make: () => new nn.SpatialReplicationPadding(3, 1, 2, 4), sizes: [[2, 3, 4, 5], [2, 1, 3]], thnn: 'SpatialReplicationPadding' },
  { name: 'SpatialReplicationPadding cropping', make: () => new nn.SpatialReplicationPadding(2, -1, -2, 3), sizes: [[2, 2, 5, 4]], thnn: 'SpatialReplicationPadding' },
  { name: 'SpatialUpSamplingNearest x3', make: () => new nn.SpatialUpSamplingNearest(3), sizes: [[2, 3, 4, 3], [2, 3, 5]], thnn: 'SpatialUpSamplingNearest' },
  { name: 'SpatialUpSamplingBilinear x2', make: () => new nn.SpatialUpSamplingBilinear(2), sizes: [[2, 3, 4, 5], [3, 3, 4]], thnn: 'SpatialUpSamplingBilinear' },
  { name: 'SpatialUpSamplingBilinear to 7 x 10', make: () => new nn.SpatialUpSamplingBilinear({ oheight: 7, owidth: 10 }), sizes: [[2, 2, 4, 3]], thnn: 'SpatialUpSamplingBilinear' },
  { name: 'SpatialUpSamplingBilinear to 1 x 5', make: () => new nn.SpatialUpSamplingBilinear({ oheight: 1, owidth: 5 }), sizes: [[1, 2, 3, 5]], thnn: 'SpatialUpSamplingBilinear' },
];

describe('cuda THNN pooling, padding and upsampling (parity with the CPU kernels through nn modules)', function () {
  this.timeout(120000);
  for (const c of MODULES) {
    for (const sizes of c.sizes) {
      for (const strided of [false, true]) {
        it(`${c.name}, input ${sizes.join('x')}${strided ? ', non-contiguous input and gradOutput' : ''}`, () => {
          const m = c.make(), mc = m.clone().type('torch.CudaTensor') as Module;
          const x = randomTensor('Double', sizes, rnd), xc = toDevice(x, strided);
          const y = m.forward(x) as Tensor;
          const yc = onDevice(() => mc.forward(xc) as Tensor);
          expect(yc.type()).to.equal('torch.CudaTensor');
          expectClose(yc, y, TOL, 'output');
          const g = randomTensor('Double', [...y._size], rnd);
          const gi = m.backward(x, g) as Tensor;
          const gic = onDevice(() => mc.backward(xc, toDevice(g, strided)) as Tensor);
          expectClose(gic, gi, TOL, 'gradInput');
        });
      }
    }
    it(`${c.name}: its THNN kernels are device kernels`, () => {
      for (const pass of ['updateOutput', 'updateGradInput']) expect(cuda.deviceTHNN()).to.include(`${c.thnn}_${pass}`);
    });
  }
});

interface MaxCase { name: string; thnn: string; sizes: number[]; args: (number | boolean)[]; adaptive?: boolean }
const MAX: MaxCase[] = [
  { name: 'SpatialMaxPooling 2x2', thnn: 'SpatialMaxPooling', sizes: [2, 3, 6, 7], args: [2, 2, 2, 2, 0, 0, false] },
  { name: 'SpatialMaxPooling 3x2 stride 2,1 pad 1,1 ceil', thnn: 'SpatialMaxPooling', sizes: [3, 7, 6], args: [3, 2, 2, 1, 1, 1, true] },
  { name: 'SpatialMaxPooling 3x3 stride 2 ceil', thnn: 'SpatialMaxPooling', sizes: [2, 2, 8, 8], args: [3, 3, 2, 2, 0, 0, true] },
  { name: 'SpatialDilatedMaxPooling', thnn: 'SpatialDilatedMaxPooling', sizes: [2, 2, 9, 8], args: [3, 2, 2, 1, 1, 1, 2, 3, false] },
  { name: 'SpatialDilatedMaxPooling ceil', thnn: 'SpatialDilatedMaxPooling', sizes: [2, 9, 10], args: [2, 3, 2, 2, 1, 1, 2, 2, true] },
  { name: 'TemporalMaxPooling', thnn: 'TemporalMaxPooling', sizes: [2, 9, 4], args: [3, 2] },
  { name: 'TemporalMaxPooling overlapping', thnn: 'TemporalMaxPooling', sizes: [8, 3], args: [3, 1] },
  { name: 'VolumetricMaxPooling', thnn: 'VolumetricMaxPooling', sizes: [2, 2, 5, 6, 5], args: [2, 2, 3, 2, 2, 2, 1, 1, 1, false] },
  { name: 'VolumetricMaxPooling ceil', thnn: 'VolumetricMaxPooling', sizes: [2, 5, 7, 6], args: [3, 2, 2, 2, 2, 2, 0, 1, 0, true] },
  { name: 'SpatialAdaptiveMaxPooling', thnn: 'SpatialAdaptiveMaxPooling', sizes: [2, 3, 25, 9], args: [4, 5], adaptive: true },
  { name: 'SpatialAdaptiveMaxPooling growing', thnn: 'SpatialAdaptiveMaxPooling', sizes: [2, 3, 4], args: [5, 4], adaptive: true },
];

/** The THNN max pooling `c` on the CPU (LongTensor indices) and on the device (CudaTensor indices), compared. */
function compareMax(c: MaxCase, x0: Tensor, strided: boolean, exact = false): void {
  const x = x0.float().double(); // float values: the maxima are exact
  const K = x.THNN as any;
  const y = new torch.DoubleTensor(), ind = new LongTensor();
  K[`${c.thnn}_updateOutput`](x, y, ind, ...c.args);
  const xc = toDevice(x, strided), yc = new cuda.CudaTensor(), indc = new cuda.CudaTensor();
  onDevice(() => (xc.THNN as any)[`${c.thnn}_updateOutput`](xc, yc, indc, ...c.args));
  if (exact) expect(flat(yc), 'output').to.deep.equal(flat(y));
  else expectClose(yc, y, 0, 'output');
  expect(indc._size, 'indices sizes').to.deep.equal(ind._size);
  expect(flat(indc), 'indices').to.deep.equal(flat(ind));
  const g = randomTensor('Double', [...y._size], rnd), gi = new torch.DoubleTensor(), gic = new cuda.CudaTensor();
  K[`${c.thnn}_updateGradInput`](x, g, gi, ind, ...c.args);
  const gc = toDevice(g, strided);
  onDevice(() => (xc.THNN as any)[`${c.thnn}_updateGradInput`](xc, gc, gic, indc, ...c.args));
  expectClose(gic, gi, TOL, 'gradInput');
}

describe('cuda THNN max pooling (CudaTensor indices holding the CPU kernels\' values)', function () {
  this.timeout(120000);
  for (const c of MAX) {
    it(`${c.name}, input ${c.sizes.join('x')}`, () => compareMax(c, randomTensor('Double', c.sizes, rnd), false));
    it(`${c.name}, non-contiguous input and gradOutput`, () => compareMax(c, randomTensor('Double', c.sizes, rnd), true));
    it(`${c.name}, ties${c.adaptive ? '' : ' and -inf'}: the first maximum wins, as THNN's`, () => {
      const x = randomTensor('Double', c.sizes, rnd, c.adaptive ? 1 : 0, 4);
      x.apply((v) => (v < 1 ? -Infinity : Math.floor(v)));
      compareMax(c, x, false, true);
    });
    it(`${c.name}: its THNN kernels are device kernels`, () => {
      for (const pass of ['updateOutput', 'updateGradInput']) expect(cuda.deviceTHNN()).to.include(`${c.thnn}_${pass}`);
    });
  }

  it('raises the CPU kernels\' errors for bad arguments', () => {
    const xc = torch.randn(2, 5, 6).cuda();
    expect(() => xc.THNN.SpatialMaxPooling_updateOutput(xc, new cuda.CudaTensor(), new cuda.CudaTensor(), 3, 3, 1, 1, 2, 2, false))
      .to.throw('pad should be smaller than half of kernel size');
    expect(() => xc.THNN.SpatialAveragePooling_updateOutput(xc, new cuda.CudaTensor(), 7, 7, 1, 1, 0, 0, false, true))
      .to.throw('Output size is too small');
    expect(() => xc.THNN.SpatialReflectionPadding_updateOutput(xc, new cuda.CudaTensor(), 6, 0, 0, 0))
      .to.throw('Padding size should be less than the corresponding input dimension');
  });

  it('frees what it allocates: repeated forward/backward keeps the live buffer count', () => {
    const m = new nn.Sequential().add(new nn.SpatialReflectionPadding(1, 1, 1, 1)).add(new nn.SpatialAveragePooling(2, 2, 2, 2))
      .add(new nn.SpatialUpSamplingBilinear(2)).add(new nn.SpatialAdaptiveAveragePooling(3, 3)).type('torch.CudaTensor') as Module;
    const xc = torch.randn(2, 2, 6, 6).cuda(), gc = torch.randn(2, 2, 3, 3).cuda();
    const y = new cuda.CudaTensor(), ind = new cuda.CudaTensor(), gi = new cuda.CudaTensor();
    const run = () => {
      m.forward(xc); m.backward(xc, gc);
      xc.THNN.SpatialAdaptiveMaxPooling_updateOutput(xc, y, ind, 3, 2);
      xc.THNN.SpatialAdaptiveMaxPooling_updateGradInput(xc, y, gi, ind);
    };
    run();
    const before = liveBuffers();
    onDevice(() => { run(); run(); });
    expect(liveBuffers()).to.equal(before);
  });
});
