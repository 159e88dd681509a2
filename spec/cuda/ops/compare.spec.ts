import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import type { CudaStorage } from '../../../cuda/CudaStorage.js';
import { torch, Tensor } from '../../../lib/index.js';
import { ByteTensor } from '../../../lib/Tensor.js';
import { flat, nonContiguous, prng } from '../../helpers.js';

const rnd = prng(6002);
const OPS = ['lt', 'le', 'gt', 'ge', 'eq', 'ne'] as const;
const fn = (name: string) => (torch as any)[name] as (...a: unknown[]) => any;

/** Values on a coarse grid (so that ties with the threshold and between operands happen), and a NaN. */
function grid(sizes: number[]): Tensor {
  const t = new torch.FloatTensor(...sizes);
  t.apply(() => Math.floor(rnd() * 5) * 0.25);
  t.storage().data[1] = NaN;
  return t;
}

/** Runs f with no CPU fallback and `reads` readbacks. */
function onDevice<T>(reads: number, f: () => T): T {
  cuda.resetFallbacks();
  const before = cuda.traffic().downloads;
  const r = f();
  expect(cuda.fallbacks(), 'CPU fallbacks').to.deep.equal({});
  expect(cuda.traffic().downloads - before, 'readbacks').to.equal(reads);
  return r;
}

describe('cuda compare TensorMath', function () {
  this.timeout(120000);
  const af = grid([4, 6]), bf = grid([4, 6]);
  const a = af.cuda(), b = bf.cuda();

  for (const name of OPS) {
    it(`${name} into a CudaTensor result stays on the device (number and tensor forms, NaN as C compares it)`, () => {
      const r = a.new();
      onDevice(0, () => fn(name)(r, a, 0.5));
      expect(r).to.be.instanceOf(cuda.CudaTensor);
      expect(flat(r.float())).to.deep.equal(flat(fn(name)(af, 0.5)));
      onDevice(0, () => fn(name)(r, a, b));
      expect(flat(r.float())).to.deep.equal(flat(fn(name)(af, bf)));
      expect(flat(r.float())[1]).to.equal(name === 'ne' ? 1 : 0);
    });

    it(`${name} without a result returns a ByteTensor, as on the CPU, reading back only the 0/1 values`, () => {
      const m = onDevice(1, () => (a as any)[name](0.25));
      expect(m).to.be.instanceOf(ByteTensor);
      expect(flat(m)).to.deep.equal(flat(fn(name)(af, 0.25)));
      const m2 = onDevice(1, () => fn(name)(a, b));
      expect(flat(m2)).to.deep.equal(flat(fn(name)(af, bf)));
      expect((a._storage as CudaStorage).onDevice, 'the operand keeps its device copy').to.equal(true);
    });
  }

  it('writes into a given non-contiguous ByteTensor, and compares non-contiguous device views', () => {
    const mask = new ByteTensor(6, 4).zero().t();
    expect(mask.isContiguous()).to.equal(false);
    const at = nonContiguous(a), bt = nonContiguous(b);
    onDevice(1, () => torch.ge(mask, at, bt));
    expect(flat(mask)).to.deep.equal(flat(torch.ge(af, bf)));
    const big = a.new(4, 8).zero(), view = big.narrow(2, 2, 6);
    onDevice(0, () => torch.lt(view, at, 0.5));
    expect(flat(view.float())).to.deep.equal(flat(torch.lt(af, 0.5)));
    expect(flat(big.narrow(2, 1, 1).float())).to.deep.equal([0, 0, 0, 0]);
  });

  it('equal compares sizes and values on the device, one number read back', () => {
    expect(onDevice(1, () => a.equal(a.clone()))).to.equal(false); // a holds a NaN, which never equals itself
    const c = af.clone(); c.storage().data[1] = 7;
    const cc = c.cuda();
    expect(onDevice(1, () => cc.equal(cc.clone()))).to.equal(true);
    const d = cc.clone(); d.narrow(1, 3, 1).narrow(2, 5, 1).fill(-1);
    expect(onDevice(1, () => cc.equal(d))).to.equal(false);
    expect(onDevice(0, () => cc.equal(cc.view(6, 4)))).to.equal(false);
    expect(onDevice(1, () => nonContiguous(cc).equal(cc))).to.equal(true);
  });

  it('declines a result of another type, so the CPU raises Torch\'s error', () => {
    expect(() => torch.lt(new torch.FloatTensor(), a, 0.5)).to.throw(/invalid arguments/);
    expect(() => torch.lt(a.new(), af, 0.5)).to.throw(/invalid arguments/);
  });
});
