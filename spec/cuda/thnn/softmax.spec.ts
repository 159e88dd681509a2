import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import { prng, randomTensor } from '../../helpers.js';
import { expectClose, liveBuffers, onDevice } from './parity.js';

const MODULES: [string, () => Module][] = [
  ['SoftMax', () => new nn.SoftMax()],
  ['LogSoftMax', () => new nn.LogSoftMax()],
];
const SPATIAL: [string, () => Module][] = [
  ['SpatialSoftMax', () => new nn.SpatialSoftMax()],
  ['SpatialLogSoftMax', () => new nn.SpatialLogSoftMax()],
];

/** A device copy of x as a view whose dims are all strided (the storage holds the reversed dims). */
function stridedDevice(x: Tensor): Tensor {
  const d = x.dim();
  if (d < 2) {
    const big = torch.zeros(x.size(1), 3);
    big.select(2, 2).copy(x);
    return big.cuda().select(2, 2);
  }
  return x.transpose(1, d).clone().cuda().transpose(1, d);
}

describe('cuda THNN SoftMax / LogSoftMax kernels (parity with the CPU kernels)', () => {
  const rnd = prng(17);
  const shapes: [string, () => Module][][] = [MODULES, MODULES, SPATIAL, SPATIAL];
  const sizesOf = [[9], [4, 7], [5, 3, 4], [2, 4, 3, 5]];
  shapes.forEach((mods, k) => {
    for (const [name, make] of mods) {
      for (const strided of [false, true]) {
        const sizes = sizesOf[k];
        it(`${name} on ${sizes.length}-D input${strided ? ' (strided view)' : ''}`, () => {
          const m = make(), mc = make().type('torch.CudaTensor') as Module;
          const x = randomTensor('Double', sizes, rnd, -6, 6);
          const xc = strided ? stridedDevice(x) : x.cuda();
          expect(xc.isContiguous()).to.equal(!strided);
          const y = m.forward(x) as Tensor;
          const yc = onDevice(() => mc.forward(xc) as Tensor);
          expectClose(yc, y, 1e-5, 'output');
          const g = randomTensor('Double', sizes, rnd);
          const gc = strided ? stridedDevice(g) : g.cuda();
          const gi = m.backward(x, g) as Tensor;
          const gic = onDevice(() => mc.backward(xc, gc) as Tensor);
          expectClose(gic, gi, 1e-4, 'gradInput');
        });
      }
    }
  });

  it('is stable for large inputs (subtracts the max) and sums to one', () => {
    const x = new torch.DoubleTensor([[1000, 1001, 999], [-1000, -1002, -1001]]);
    const y = onDevice(() => (new nn.SoftMax().type('torch.CudaTensor') as Module).forward(x.cuda()) as Tensor);
    expectClose(y, new nn.SoftMax().forward(x) as Tensor, 1e-6, 'softmax of large values');
    expectClose(y.double().sum(2), torch.ones(2, 1), 1e-6, 'row sums');
    const ly = onDevice(() => (new nn.LogSoftMax().type('torch.CudaTensor') as Module).forward(x.cuda()) as Tensor);
    expectClose(ly, new nn.LogSoftMax().forward(x) as Tensor, 1e-6, 'log-softmax of large values');
  });

  it('writes into a non-contiguous result view', () => {
    const x = randomTensor('Double', [3, 5], rnd);
    const big = torch.zeros(5, 4).cuda();
    const out = big.narrow(2, 2, 3).t();
    onDevice(() => x.cuda().THNN.LogSoftMax_updateOutput(x.cuda(), out));
    expectClose(out, new nn.LogSoftMax().forward(x) as Tensor, 1e-6, 'into a view');
    expect(big.select(2, 1).abs().max()).to.equal(0);
  });

  it('raises SoftMax.c\'s errors', () => {
    const x5 = torch.randn(1, 2, 1, 2, 2).cuda();
    expect(() => x5.THNN.SoftMax_updateOutput(x5, new cuda.CudaTensor()))
      .to.throw("bad argument #2 to 'SoftMax_updateOutput' (1D, 2D, 3D or 4D tensor expected)");
    const x = torch.randn(3, 4).cuda();
    expect(() => x.THNN.LogSoftMax_updateGradInput(x, torch.randn(4, 3).cuda(), new cuda.CudaTensor(), x))
      .to.throw('input and gradOutput shapes do not match: input [3 x 4], gradOutput [4 x 3]');
  });

  it('frees its temporaries', () => {
    const mc = new nn.LogSoftMax().type('torch.CudaTensor') as Module;
    const x = torch.randn(6, 10).cuda(), g = torch.randn(6, 10).cuda();
    const run = () => { mc.forward(x); mc.backward(x, g); };
    run();
    const n = liveBuffers();
    run(); run();
    expect(liveBuffers()).to.equal(n);
  });
});
