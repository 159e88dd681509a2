/**
 * optim on CudaTensor: every first-order algorithm follows its FloatTensor trajectory, keeps its state
 * on the device (rprop's masks are CudaTensors, as rprop.lua pushes them to the GPU) and reads back
 * one number a step, the loss: no tensor crosses to the host.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { cuda } from '../../cuda/index.js';
import { nn } from '../../nn/index.js';
import { optim } from '../../optim/index.js';
import { expectClose } from '../helpers.js';
import { mlp, syntheticData } from './cases.js';

const ALGORITHMS = ['sgd', 'adam', 'adamax', 'adagrad', 'adadelta', 'rmsprop', 'nag', 'asgd', 'rprop'] as const;
const CONFIG: Record<string, Record<string, number>> = { sgd: { learningRate: 0.05, momentum: 0.9 }, nag: { learningRate: 0.05, momentum: 0.5 } };

/** A model of `type` (built from one seed) and an feval on one batch. */
function setup(type: 'float' | 'cuda') {
  torch.manualSeed(1);
  const model = type === 'cuda' ? mlp().cuda() : mlp().float();
  const crit = type === 'cuda' ? new nn.ClassNLLCriterion().cuda() : new nn.ClassNLLCriterion().float();
  const [p, g] = model.getParameters();
  const { x, y } = syntheticData(7, 1, 16, [64])[0];
  const [xi, yi] = type === 'cuda' ? [x.cuda(), y.cuda()] : [x, y];
  const feval = (): [number, Tensor] => {
    g.zero();
    const o = model.forward(xi);
    const loss = crit.forward(o, yi);
    model.backward(xi, crit.backward(o, yi));
    return [loss, g];
  };
  return { p, feval };
}

describe('optim on CudaTensor', function () {
  this.timeout(60000);
  for (const name of ALGORITHMS) {
    it(`${name}: follows FloatTensor, keeps its state on the device, reads back only the loss`, () => {
      const f = setup('float'), c = setup('cuda');
      const fs: Record<string, unknown> = {}, cs: Record<string, unknown> = {};
      const config = CONFIG[name] ?? { learningRate: 0.01 };
      const run = (s: typeof f, st: Record<string, unknown>): number => (optim as any)[name](s.feval, s.p, { ...config }, st)[1][0];
      expect(run(c, cs)).to.be.closeTo(run(f, fs), 1e-5);
      cuda.resetFallbacks();
      const t0 = cuda.traffic();
      const lf: number[] = [], lc: number[] = [];
      for (let i = 0; i < 3; i++) { lf.push(run(f, fs)); lc.push(run(c, cs)); }
      const t1 = cuda.traffic();
      expect(t1.downloads - t0.downloads, 'readbacks in 3 steps (the losses)').to.equal(3);
      expect(t1.uploads - t0.uploads, 'uploads in 3 steps').to.equal(0);
      expect(cuda.fallbacks()).to.deep.equal({});
      expectClose(lc, lf, 1e-4);
      expectClose(c.p.float(), f.p, 1e-4);
      for (const [k, v] of Object.entries(cs)) {
        if (v instanceof Tensor) expect(v.type(), `state.${k}`).to.equal('torch.CudaTensor');
      }
      if (name === 'rprop') for (const k of ['psign', 'nsign', 'zsign', 'dminmax']) expect((cs[k] as Tensor).type(), k).to.equal('torch.CudaTensor');
      if (name === 'adamax') expect((cs.u as Tensor).size().totable(), 'u is 1 x n, as Torch keeps the reduced dim').to.deep.equal((fs.u as Tensor).size().totable());
    });
  }

  it('maskedFill, maskedCopy and maskedSelect take a CudaTensor mask on the device (cutorch), and refuse a float mask on the CPU (TH)', () => {
    const x = torch.randn(3, 4).float();
    const mask = x.gt(0);
    const cmask = (torch as any).gt(new cuda.CudaTensor(), x.cuda(), 0) as Tensor;
    expect(cmask.type()).to.equal('torch.CudaTensor');
    const xc = x.cuda(), src = torch.randn(12).float();
    cuda.resetFallbacks();
    const t0 = cuda.traffic();
    const filled = xc.clone().maskedFill(cmask, 7);
    expect(cuda.traffic().downloads - t0.downloads, 'maskedFill reads nothing back').to.equal(0);
    const copied = xc.clone().maskedCopy(cmask, src.cuda()), selected = xc.maskedSelect(cmask);
    expect(cuda.fallbacks(), 'all on the device').to.deep.equal({});
    expectClose(filled.float(), x.clone().maskedFill(mask, 7), 0);
    expectClose(copied.float(), x.clone().maskedCopy(mask, src), 0);
    expectClose(selected.float(), x.maskedSelect(mask), 0);
    expect(() => x.clone().maskedFill(mask.float() as never, 1)).to.throw(torch.TorchError, /invalid arguments to 'maskedFill': FloatTensor FloatTensor number\nexpected arguments: Tensor ByteTensor number/);
    expect(() => x.maskedSelect(mask.float() as never)).to.throw(torch.TorchError, /invalid arguments to 'maskedSelect'/);
    // a device mask selects where it is non-zero, as cutorch's kernels do
    expectClose(xc.clone().maskedFill((cmask.clone() as any).mul(2), 7).float(), x.clone().maskedFill(mask, 7), 0);
    expectClose(xc.maskedSelect((cmask.clone() as any).mul(3)).float(), x.maskedSelect(mask), 0);
  });
});
