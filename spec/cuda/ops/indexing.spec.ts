import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { DECLINE, DEVICE } from '../../../lib/dispatch.js';
import { torch, Tensor } from '../../../lib/index.js';
import { LongTensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import { flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

const rnd = prng(6102);
const F = (...sizes: number[]) => randomTensor('Float', sizes, rnd, -2, 2);
const L = (v: number[]) => new LongTensor(v);
/** A LongTensor of the given sizes with values in [1, hi]. */
const randIndex = (hi: number, ...sizes: number[]) => new LongTensor(...sizes).apply(() => 1 + Math.floor(rnd() * hi));
const T = torch as any;

/** Runs f with no CPU fallback and no readback; returns its result. */
function onDevice<R>(f: () => R, reads = 0): R {
  cuda.resetFallbacks();
  const before = cuda.traffic().downloads;
  const r = f();
  expect(cuda.fallbacks(), 'CPU fallbacks').to.deep.equal({});
  expect(cuda.traffic().downloads - before, 'readbacks').to.equal(reads);
  return r;
}

/** A CudaTensor equal to the FloatTensor (these ops move values without arithmetic, except indexAdd). */
function same(actual: Tensor, expected: Tensor, tol = 0): void {
  expect(actual).to.be.instanceOf(cuda.CudaTensor);
  expect(actual.size().totable()).to.deep.equal(expected.size().totable());
  const a = flat(actual.float()), e = flat(expected);
  a.forEach((v, i) => expect(Math.abs(v - e[i]) <= tol, `element ${i}: ${v} vs ${e[i]}`).to.equal(true));
}

describe('cuda indexing and shape TensorMath', function () {
  this.timeout(240000);
  const xf = F(4, 5, 6), x = xf.cuda(), xt = nonContiguous(x);

  it('index selects slices along every dim (repeats allowed), from contiguous and transposed tensors, into new or given results', () => {
    for (let dim = 1; dim <= 3; dim++) {
      const idx = randIndex(xf.size(dim) as number, 7);
      same(onDevice(() => T.index(x, dim, idx)), T.index(xf, dim, idx));
      same(onDevice(() => xt.index(dim, idx)), xf.index(dim, idx));
      const it = randIndex(xf.size(4 - dim) as number, 5);
      same(onDevice(() => T.index(x.transpose(1, 3), dim, it)), T.index(xf.transpose(1, 3), dim, it));
      same(onDevice(() => T.index(new cuda.CudaTensor(), x, dim, idx)), T.index(xf, dim, idx));
    }
    const v = F(9);
    same(onDevice(() => v.cuda().index(1, L([9, 1, 1]))), v.index(1, L([9, 1, 1])));
  });

  it('uploads the index once (a small counted upload) and frees it', () => {
    const idx = L([2, 4, 1]), mem = cuda.memory(), up = cuda.traffic();
    const r = onDevice(() => T.index(x, 2, idx));
    expect(cuda.traffic().uploads - up.uploads).to.equal(1);
    expect(cuda.traffic().uploadedBytes - up.uploadedBytes).to.equal(3 * 4);
    expect(cuda.memory().buffers - mem.buffers, 'only the result stays').to.equal(1);
    r.set();
    expect(cuda.memory().buffers).to.equal(mem.buffers);
  });

  it('indexCopy (a later index wins), indexAdd (repeats accumulate) and indexFill, in place and on views', () => {
    for (let dim = 1; dim <= 3; dim++) {
      const n = xf.size(dim) as number, idx = randIndex(n, n + 2);
      const sizes = xf._size.slice();
      sizes[dim - 1] = n + 2;
      const sf = F(...sizes);
      for (const [name, tol] of [['indexCopy', 0], ['indexAdd', 1e-6]] as const) {
        const t = xf.cuda();
        onDevice(() => (t as any)[name](dim, idx, sf.cuda()));
        same(t, (xf.clone() as any)[name](dim, idx, sf), tol);
        const tt = nonContiguous(xf.cuda());
        onDevice(() => (tt as any)[name](dim, idx, nonContiguous(sf.cuda())));
        same(tt, (xf.clone() as any)[name](dim, idx, sf), tol);
      }
      const t = xf.cuda();
      onDevice(() => t.indexFill(dim, idx, -7));
      same(t, xf.clone().indexFill(dim, idx, -7));
    }
    const big = F(6, 8), view = big.cuda().narrow(2, 2, 5);
    onDevice(() => view.indexFill(1, L([6, 2]), 3));
    same(view, big.clone().narrow(2, 2, 5).indexFill(1, L([6, 2]), 3));
  });

  it('gather and scatter (tensor and value) along every dim, on transposed tensors', () => {
    for (let dim = 1; dim <= 3; dim++) {
      const sizes = xf._size.slice();
      sizes[dim - 1] = 3;
      const idx = randIndex(xf.size(dim) as number, ...sizes);
      same(onDevice(() => T.gather(x, dim, idx)), T.gather(xf, dim, idx));
      same(onDevice(() => xt.gather(dim, idx)), xf.gather(dim, idx));
      const sf = F(...sizes);
      const t = xf.cuda();
      onDevice(() => t.scatter(dim, idx, sf.cuda()));
      same(t, xf.clone().scatter(dim, idx, sf));
      const tt = nonContiguous(xf.cuda());
      onDevice(() => tt.scatter(dim, idx, 2.5));
      same(tt, xf.clone().scatter(dim, idx, 2.5));
    }
  });

  it('maskedFill, maskedCopy and maskedSelect with a ByteTensor mask, on transposed tensors', () => {
    const mask = xf.gt(0.3);
    const t = xf.cuda();
    onDevice(() => t.maskedFill(mask, -1));
    same(t, xf.clone().maskedFill(mask, -1));
    const src = F(200);
    const tt = nonContiguous(xf.cuda());
    onDevice(() => tt.maskedCopy(mask, src.cuda()));
    same(tt, xf.clone().maskedCopy(mask, src));
    same(onDevice(() => xt.maskedSelect(mask)), xf.maskedSelect(mask));
    same(onDevice(() => T.maskedSelect(new cuda.CudaTensor(), x, mask)), T.maskedSelect(xf, mask));
    const none = xf.gt(100);
    expect(onDevice(() => x.maskedSelect(none)).nElement()).to.equal(0);
  });

  it('cat along every dim (two tensors, a given result, a table into a result) and JoinTable run on the device', () => {
    for (let dim = 1; dim <= 3; dim++) {
      const sizes = xf._size.slice();
      sizes[dim - 1] = 2;
      const yf = F(...sizes), y = yf.cuda();
      same(onDevice(() => T.cat(x, y, dim)), T.cat(xf, yf, dim));
      same(onDevice(() => T.cat(new cuda.CudaTensor(), xt, nonContiguous(y), dim)), T.cat(xf, yf, dim));
      same(onDevice(() => T.cat(new cuda.CudaTensor(), [y, x, y], dim)), T.cat([yf, xf, yf], dim));
    }
    same(onDevice(() => x.cat(x)), xf.cat(xf));
    const join = new nn.JoinTable(2).cuda(), a = F(3, 2), b = F(3, 4);
    same(onDevice(() => join.forward([a.cuda(), b.cuda()]) as Tensor), T.cat(a, b, 2));
  });

  it('contiguous and clone copy on the device', () => {
    const c = onDevice(() => xt.contiguous());
    expect(c.isContiguous()).to.equal(true);
    same(c, xf);
    same(onDevice(() => x.transpose(1, 2).clone()), xf.transpose(1, 2).clone());
    expect(x.contiguous()).to.equal(x);
  });

  it('takes a CudaTensor of 1-based indices (cutorch\'s CudaLongTensor place) and checks its range on the device', () => {
    const op = (name: string) => (sig: string, args: unknown[]) => DEVICE.ops.get(name)!(sig, args);
    const idx = L([3, 1, 3]), ci = idx.cuda();
    same(onDevice(() => op('index')('Tensor, number, Tensor', [x, 2, ci]) as Tensor, 1), T.index(xf, 2, idx));
    const t = xf.cuda(), sf = F(4, 3, 6);
    onDevice(() => op('indexAdd')('Tensor, number, Tensor, Tensor', [t, 2, ci, sf.cuda()]), 1);
    same(t, xf.clone().indexAdd(2, idx, sf), 1e-6);
    const gi = randIndex(5, 4, 2, 6);
    same(onDevice(() => op('gather')('Tensor, number, Tensor', [x, 2, gi.cuda()]) as Tensor, 1), T.gather(xf, 2, gi));
    expect(op('index')('Tensor, number, Tensor', [x, 2, L([6]).cuda()])).to.equal(DECLINE);
    expect(op('index')('Tensor, number, Tensor', [x, 2, new torch.FloatTensor([1.5]).cuda()])).to.equal(DECLINE);
  });

  it("raises the CPU kernel's errors (bad indices, dims and masks)", () => {
    expect(() => x.index(2, L([6]))).to.throw(torch.TorchError, 'index out of range');
    expect(() => x.index(4, L([1]))).to.throw(torch.TorchError, 'Indexing dim 4 is out of bounds of tensor');
    expect(() => xf.cuda().indexCopy(1, L([5]), F(1, 5, 6).cuda())).to.throw(torch.TorchError, /out of range/);
    expect(() => x.gather(1, new LongTensor(2, 5, 6).fill(5))).to.throw(torch.TorchError, 'Invalid index in gather');
    expect(() => xf.cuda().scatter(2, new LongTensor(4, 1, 6).fill(0), 1)).to.throw(torch.TorchError, 'Invalid index in scatter');
    expect(() => xf.cuda().maskedFill(new torch.ByteTensor(4, 5, 6).fill(2), 1)).to.throw(torch.TorchError, 'Mask tensor can take 0 and 1 values only');
    expect(() => T.cat(x, F(4, 5, 2).cuda(), 1)).to.throw(torch.TorchError, 'inconsistent tensor sizes');
  });
});
