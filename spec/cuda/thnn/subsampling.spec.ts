/**
 * Device SpatialSubSampling, TemporalSubSampling and SpatialConvolutionMap against the CPU kernels,
 * through the nn modules: contiguous and non-contiguous operands, nothing read back, no CPU fallback;
 * the CPU kernels' errors; no leaked buffers.
 */
import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import { prng, randomTensor } from '../../helpers.js';
import { expectClose, liveBuffers, onDevice } from './parity.js';

const rnd = prng(63);
const TOL = 1e-5;

interface Case { name: string; make: () => Module; sizes: number[][]; thnn: string }
const CASES: Case[] = [
  { name: 'SpatialSubSampling 2x2 stride 2', make: () => new nn.SpatialSubSampling(3, 2, 2, 2, 2), sizes: [[2, 3, 6, 7], [3, 5, 6]], thnn: 'SpatialSubSampling' },
  { name: 'SpatialSubSampling 3x2 stride 1,2 (overlapping, leftover)', make: () => new nn.SpatialSubSampling(2, 3, 2, 1, 2), sizes: [[3, 2, 7, 6], [2, 6, 8]], thnn: 'SpatialSubSampling' },
  { name: 'TemporalSubSampling 3 stride 2', make: () => new nn.TemporalSubSampling(4, 3, 2), sizes: [[10, 4]], thnn: 'TemporalSubSampling' },
  { name: 'SpatialConvolutionMap random table 3x3', make: () => new nn.SpatialConvolutionMap(nn.tables.random(4, 5, 2), 3, 3), sizes: [[2, 4, 6, 7], [4, 5, 5]], thnn: 'SpatialConvolutionMap' },
  { name: 'SpatialConvolutionMap full table 3x2 stride 2,3 (leftover)', make: () => new nn.SpatialConvolutionMap(nn.tables.full(2, 3), 3, 2, 2, 3), sizes: [[2, 2, 9, 8], [2, 8, 8]], thnn: 'SpatialConvolutionMap' },
];

function toDevice(x: Tensor, strided: boolean): Tensor {
  if (!strided) return x.cuda();
  const d = x.dim();
  return x.transpose(1, d).clone().cuda().transpose(1, d);
}

/** `tableReads`: the first forward reads the connection table back once to check its rows (8 bytes a row). */
function compare(m: Module, sizes: number[], strided: boolean, tableReads: number): void {
  const mc = m.clone().type('torch.CudaTensor') as Module;
  m.zeroGradParameters();
  mc.zeroGradParameters();
  const x = randomTensor('Double', sizes, rnd), xc = toDevice(x, strided);
  const y = m.forward(x) as Tensor;
  onDevice(() => mc.forward(xc), tableReads);
  const yc = onDevice(() => mc.forward(xc) as Tensor);
  expect(yc.type()).to.equal('torch.CudaTensor');
  expectClose(yc, y, TOL, 'output');
  const g = randomTensor('Double', [...y._size], rnd), gc = toDevice(g, strided);
  const gi = m.backward(x, g) as Tensor;
  m.accGradParameters(x, g, 0.5);
  const gic = onDevice(() => { const r = mc.backward(xc, gc) as Tensor; mc.accGradParameters(xc, gc, 0.5); return r; });
  expectClose(gic, gi, TOL, 'gradInput');
  expectClose(mc.gradWeight!, m.gradWeight!, TOL, 'gradWeight');
  expectClose(mc.gradBias!, m.gradBias!, TOL, 'gradBias');
}

describe('cuda THNN subsampling and connection-table convolution (parity with the CPU kernels)', function () {
  this.timeout(120000);
  for (const c of CASES) {
    for (const sizes of c.sizes) {
      for (const strided of [false, true]) {
        it(`${c.name}, input ${sizes.join('x')}${strided ? ', non-contiguous input and gradOutput' : ''}`, () => compare(c.make(), sizes, strided, c.thnn === 'SpatialConvolutionMap' ? 1 : 0));
      }
    }
    it(`${c.name}: its THNN kernels are device kernels`, () => {
      for (const pass of ['updateOutput', 'updateGradInput', 'accGradParameters']) expect(cuda.deviceTHNN()).to.include(`${c.thnn}_${pass}`);
    });
  }

  it('raises the CPU kernels\' errors for bad arguments', () => {
    const cu = (m: Module): Module => m.type('torch.CudaTensor') as Module;
    expect(() => cu(new nn.SpatialSubSampling(3, 2, 2)).forward(torch.randn(2, 5, 6).cuda())).to.throw('invalid number of input planes');
    expect(() => cu(new nn.SpatialSubSampling(1, 5, 5)).forward(torch.randn(1, 3, 3).cuda())).to.throw('input image smaller than kernel size');
    expect(() => cu(new nn.TemporalSubSampling(4, 5)).forward(torch.randn(3, 4).cuda())).to.throw('input sequence smaller than kernel size');
    expect(() => cu(new nn.SpatialConvolutionMap(nn.tables.full(2, 2), 3, 3)).forward(torch.randn(5, 5).cuda())).to.throw('3D or 4D(batch mode) tensor expected');
  });

  it('reads a batch with more planes than nInputPlane as THNN does (on the CPU, logged as a fallback)', () => {
    const m = new nn.SpatialConvolutionMap(nn.tables.oneToOne(2), 2, 2), x = randomTensor('Double', [2, 3, 4, 4], rnd);
    const y = m.forward(x) as Tensor;
    const mc = m.clone().type('torch.CudaTensor') as Module;
    cuda.resetFallbacks();
    expectClose(mc.forward(x.cuda()) as Tensor, y, TOL, 'output');
    expect(Object.keys(cuda.fallbacks())).to.deep.equal(['THNN.SpatialConvolutionMap_updateOutput']);
  });

  it('frees what it allocates: repeated forward/backward keeps the live buffer count', () => {
    const m = new nn.Sequential().add(new nn.SpatialConvolutionMap(nn.tables.random(3, 4, 2), 3, 3)).add(new nn.SpatialSubSampling(4, 2, 2, 2, 2))
      .type('torch.CudaTensor') as Module;
    const xc = torch.randn(2, 3, 7, 7).cuda(), gc = torch.randn(2, 4, 2, 2).cuda();
    m.forward(xc); m.backward(xc, gc);
    const before = liveBuffers();
    for (let i = 0; i < 3; i++) { m.forward(xc); m.backward(xc, gc); }
    expect(liveBuffers()).to.equal(before);
  });
});
