import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { context } from '../../../cuda/device.js';
import { convPath } from '../../../cuda/kernels/conv-family.js';
import { gemmStats, tiledMode } from '../../../cuda/kernels/gemm.js';
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import { prng, randomTensor } from '../../helpers.js';
import { expectClose, liveBuffers, onDevice } from './parity.js';

const rnd = prng(62);
const TOL = 1e-5; // f32 accumulation against the double CPU kernels (cunn's 1e-4 / 1e-2 is looser)

interface Case { name: string; make: () => Module; sizes: number[][]; thnn: string }
const CASES: Case[] = [
  { name: 'SpatialConvolution 3x3 pad 1', make: () => new nn.SpatialConvolution(3, 4, 3, 3, 1, 1, 1, 1), sizes: [[2, 3, 6, 5], [3, 6, 5]], thnn: 'SpatialConvolutionMM' },
  { name: 'SpatialConvolution 2x3 stride 2,1 pad 2,1', make: () => new nn.SpatialConvolution(2, 3, 2, 3, 2, 1, 2, 1), sizes: [[3, 2, 7, 6], [2, 5, 8]], thnn: 'SpatialConvolutionMM' },
  { name: 'SpatialConvolution without bias', make: () => new nn.SpatialConvolution(2, 3, 3, 3, 2, 2, 1).noBias(), sizes: [[2, 2, 7, 7], [2, 6, 5]], thnn: 'SpatialConvolutionMM' },
  { name: 'SpatialConvolutionMM', make: () => new nn.SpatialConvolutionMM(2, 3, 3, 2, 1, 2, 0, 1), sizes: [[2, 2, 5, 6], [2, 6, 4]], thnn: 'SpatialConvolutionMM' },
  { name: 'SpatialDilatedConvolution', make: () => new nn.SpatialDilatedConvolution(2, 3, 3, 2, 1, 2, 2, 1, 2, 3), sizes: [[2, 2, 9, 8], [2, 7, 9]], thnn: 'SpatialDilatedConvolution' },
  { name: 'SpatialFullConvolution stride 2 adj 1', make: () => new nn.SpatialFullConvolution(3, 2, 3, 3, 2, 2, 1, 1, 1, 1), sizes: [[2, 3, 4, 5], [3, 3, 4]], thnn: 'SpatialFullConvolution' },
  { name: 'SpatialFullConvolution 2x3 stride 1,2 pad 0,1', make: () => new nn.SpatialFullConvolution(2, 3, 2, 3, 1, 2, 0, 1), sizes: [[2, 2, 3, 4], [2, 4, 3]], thnn: 'SpatialFullConvolution' },
  { name: 'TemporalConvolution', make: () => new nn.TemporalConvolution(4, 3, 3, 2), sizes: [[2, 9, 4], [8, 4]], thnn: 'TemporalConvolution' },
  { name: 'TemporalConvolution stride 1', make: () => new nn.TemporalConvolution(3, 5, 2), sizes: [[3, 6, 3], [5, 3]], thnn: 'TemporalConvolution' },
  { name: 'VolumetricConvolution', make: () => new nn.VolumetricConvolution(2, 3, 2, 3, 2, 1, 2, 1, 1, 0, 1), sizes: [[2, 2, 4, 5, 4], [2, 3, 6, 5]], thnn: 'VolumetricConvolutionMM' },
];

/** A device copy of x, as a non-contiguous (transposed) view when `strided`. */
function toDevice(x: Tensor, strided: boolean): Tensor {
  if (!strided) return x.cuda();
  const d = x.dim();
  return x.transpose(1, d).clone().cuda().transpose(1, d);
}

/** Forward, backward (scale 1) then a second accGradParameters with scale 0.5, on the CPU and on the device. */
function compare(m: Module, sizes: number[], strided: boolean): void {
  const mc = m.clone().type('torch.CudaTensor') as Module;
  m.zeroGradParameters();
  mc.zeroGradParameters();
  const x = randomTensor('Double', sizes, rnd);
  const xc = toDevice(x, strided);
  expect(xc.isContiguous()).to.equal(!strided);
  const y = m.forward(x) as Tensor;
  const yc = onDevice(() => mc.forward(xc) as Tensor);
  expect(yc.type()).to.equal('torch.CudaTensor');
  expectClose(yc, y, TOL, 'output');
  const g = randomTensor('Double', [...y._size], rnd);
  const gi = m.backward(x, g) as Tensor;
  m.accGradParameters(x, g, 0.5);
  const gc = toDevice(g, strided);
  const gic = onDevice(() => { const r = mc.backward(xc, gc) as Tensor; mc.accGradParameters(xc, gc, 0.5); return r; });
  expectClose(gic, gi, TOL, 'gradInput');
  expectClose(mc.gradWeight!, m.gradWeight!, TOL, 'gradWeight');
  if (m.gradBias) expectClose(mc.gradBias!, m.gradBias, TOL, 'gradBias');
}

/** Runs fn with the convolutions forced onto one path. */
function onPath<T>(mode: 'direct' | 'gemm', fn: () => T): T {
  const prev = convPath.mode;
  convPath.mode = mode;
  try { return fn(); } finally { convPath.mode = prev; }
}

describe('cuda THNN convolutions (parity with the CPU kernels through nn modules, on both device paths)', function () {
  this.timeout(120000);
  for (const c of CASES) {
    for (const path of c.thnn === 'TemporalConvolution' ? ['direct'] as const : ['direct', 'gemm'] as const) {
      for (const sizes of c.sizes) {
        for (const strided of [false, true]) {
          it(`${c.name} (${path}), input ${sizes.join('x')}${strided ? ', non-contiguous input and gradOutput' : ''}`,
            () => onPath(path, () => compare(c.make(), sizes, strided)));
        }
      }
    }
    it(`${c.name}: its THNN kernels are device kernels`, () => {
      for (const pass of ['updateOutput', 'updateGradInput', 'accGradParameters']) expect(cuda.deviceTHNN()).to.include(`${c.thnn}_${pass}`);
    });
  }

  it('takes the GEMM path by default exactly where the device GEMM is the vec4-packed GL one', () => {
    const m = new nn.SpatialConvolution(2, 3, 3, 3).type('torch.CudaTensor') as Module;
    const xc = torch.randn(2, 2, 5, 5).cuda();
    const before = gemmStats.tiled + gemmStats.naive;
    m.forward(xc);
    expect(gemmStats.tiled + gemmStats.naive - before).to.equal(tiledMode(context()) ? 1 : 0);
  });

  for (const path of ['direct', 'gemm'] as const) {
    it(`SpatialFullDilatedConvolution (THNN, ${path}) matches the CPU kernel`, () => onPath(path, () => {
    const x = randomTensor('Double', [2, 3, 4, 5], rnd), w = randomTensor('Double', [3, 2, 2, 3], rnd), b = randomTensor('Double', [2], rnd);
    const args = [3, 2, 2, 1, 1, 0, 2, 3, 1, 0] as const; // kW kH dW dH padW padH dilW dilH adjW adjH
    const y = new torch.DoubleTensor(), yc = new cuda.CudaTensor();
    x.THNN.SpatialFullDilatedConvolution_updateOutput(x, y, w, b, new torch.DoubleTensor(), new torch.DoubleTensor(), ...args);
    const [xc, wc, bc] = [x.cuda(), w.cuda(), b.cuda()];
    onDevice(() => xc.THNN.SpatialFullDilatedConvolution_updateOutput(xc, yc, wc, bc, new cuda.CudaTensor(), new cuda.CudaTensor(), ...args));
    expectClose(yc, y, TOL, 'output');
    const g = randomTensor('Double', [...y._size], rnd), gi = new torch.DoubleTensor(), gic = new cuda.CudaTensor();
    x.THNN.SpatialFullDilatedConvolution_updateGradInput(x, g, gi, w, new torch.DoubleTensor(), ...args);
    const gc = g.cuda();
    onDevice(() => xc.THNN.SpatialFullDilatedConvolution_updateGradInput(xc, gc, gic, wc, new cuda.CudaTensor(), ...args));
    expectClose(gic, gi, TOL, 'gradInput');
    const gw = torch.zeros(3, 2, 2, 3), gb = torch.zeros(2), gwc = gw.cuda(), gbc = gb.cuda();
    x.THNN.SpatialFullDilatedConvolution_accGradParameters(x, g, gw, gb, new torch.DoubleTensor(), new torch.DoubleTensor(), ...args, 0.7);
    onDevice(() => xc.THNN.SpatialFullDilatedConvolution_accGradParameters(xc, gc, gwc, gbc, new cuda.CudaTensor(), new cuda.CudaTensor(), ...args, 0.7));
    expectClose(gwc, gw, TOL, 'gradWeight');
    expectClose(gbc, gb, TOL, 'gradBias');
    }));
  }

  it('writes the output into a view of a device tensor (SpatialConvolutionMM with a 2-D weight)', () => {
    const x = randomTensor('Double', [2, 4, 5], rnd), w = randomTensor('Double', [3, 2 * 2 * 3], rnd), b = randomTensor('Double', [3], rnd);
    const y = new torch.DoubleTensor();
    x.THNN.SpatialConvolutionMM_updateOutput(x, y, w, b, new torch.DoubleTensor(), new torch.DoubleTensor(), 3, 2, 1, 1, 1, 0);
    const big = torch.zeros(5, 5, 5).cuda();
    const out = big.narrow(1, 2, 3); // 3 x 5 x 5, contiguous from an offset: THNN's resize keeps it
    const xc = x.cuda();
    onDevice(() => xc.THNN.SpatialConvolutionMM_updateOutput(xc, out, w.cuda(), b.cuda(), new cuda.CudaTensor(), new cuda.CudaTensor(), 3, 2, 1, 1, 1, 0));
    expectClose(out, y, TOL, 'output');
    expect(out.storage()).to.equal(big.storage());
    expect(big.narrow(1, 1, 1).abs().max() + big.narrow(1, 5, 1).abs().max()).to.equal(0);
  });

  it('raises the CPU kernels\' errors for bad arguments', () => {
    expect(() => (new nn.SpatialConvolution(3, 4, 3, 3).type('torch.CudaTensor') as Module).forward(torch.randn(2, 5, 6).cuda()))
      .to.throw('Need input of dimension 3 and input.size[0] == 3 but got input to be of shape: [2 x 5 x 6]');
    expect(() => (new nn.SpatialConvolution(1, 4, 5, 5).type('torch.CudaTensor') as Module).forward(torch.randn(1, 3, 3).cuda()))
      .to.throw('Output size is too small');
    expect(() => (new nn.TemporalConvolution(4, 3, 5).type('torch.CudaTensor') as Module).forward(torch.randn(3, 4).cuda()))
      .to.throw('input sequence smaller than kernel size');
  });

  it('frees what it allocates: repeated forward/backward keeps the live buffer count', () => {
    const m = new nn.Sequential().add(new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1)).add(new nn.SpatialFullConvolution(3, 2, 2, 2, 2, 2))
      .add(new nn.SpatialDilatedConvolution(2, 2, 3, 3, 1, 1, 2, 2, 2, 2)).type('torch.CudaTensor') as Module;
    const xc = torch.randn(2, 2, 5, 5).cuda();
    const gc = torch.randn(2, 2, 10, 10).cuda();
    for (const path of ['direct', 'gemm'] as const) {
      const run = () => onPath(path, () => { m.forward(xc); m.backward(xc, gc); });
      run();
      const before = liveBuffers();
      onDevice(() => { run(); run(); });
      expect(liveBuffers(), path).to.equal(before);
    }
  });
});
