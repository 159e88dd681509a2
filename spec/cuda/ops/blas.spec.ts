import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { gemmStats, tiledMode } from '../../../cuda/kernels/gemm.js';
import { context } from '../../../cuda/device.js';
import type { CudaStorage } from '../../../cuda/CudaStorage.js';
import { torch, Tensor } from '../../../lib/index.js';
import { flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

const rnd = prng(6101);
const F = (...sizes: number[]) => randomTensor('Float', sizes, rnd, -1, 1);
const T = torch as any;

/** Runs f with no CPU fallback and `reads` readbacks; returns its result. */
function onDevice<R>(f: () => R, reads = 0): R {
  cuda.resetFallbacks();
  const before = cuda.traffic().downloads;
  const r = f();
  expect(cuda.fallbacks(), 'CPU fallbacks').to.deep.equal({});
  expect(cuda.traffic().downloads - before, 'readbacks').to.equal(reads);
  return r;
}

/** A CudaTensor result against the FloatTensor one: same sizes, |a - e| <= tol * max|e| (float32 sums in another order). */
function close(actual: Tensor, expected: Tensor, tol = 1e-5): void {
  expect(actual).to.be.instanceOf(cuda.CudaTensor);
  expect(actual.size().totable()).to.deep.equal(expected.size().totable());
  const a = flat(actual.float()), e = flat(expected);
  const scale = Math.max(...e.map(Math.abs), 1e-30);
  a.forEach((v, i) => expect(Math.abs(v - e[i]) <= tol * scale, `element ${i}: ${v} vs ${e[i]}`).to.equal(true));
}

/** Device bytes of a tensor's buffer as the context counts them (a GL texture: 16 bytes a texel). */
function bufferBytes(t: Tensor): number {
  const h = (t._storage as CudaStorage).deviceBuffer() as { size?: number[] } | Float32Array;
  return h instanceof Float32Array ? h.length * 4 : h.size![0] * h.size![1] * 16;
}

/** Runs f (products with inner size k) and checks the path taken: tiled (packed vec4) on GL when k >= 4, else naive. */
function countsPath<R>(k: number, f: () => R): R {
  const before = { ...gemmStats };
  const r = f();
  const tiled = tiledMode(context()) && k >= 4;
  expect(gemmStats.tiled - before.tiled, 'tiled products').to.equal(tiled ? 1 : 0);
  expect(gemmStats.naive - before.naive, 'naive products').to.equal(tiled ? 0 : 1);
  return r;
}

describe('cuda BLAS TensorMath', function () {
  this.timeout(240000);

  it('addmm matches the FloatTensor result for contiguous, transposed and narrowed operands, on the device', () => {
    for (const [m, k, n] of [[7, 9, 5], [3, 10, 2], [16, 8, 12], [1, 6, 9], [5, 3, 4]]) {
      const af = F(m, k), bf = F(k, n), tf = F(m, n);
      const at = nonContiguous(af.cuda()), bt = F(n, k), big = F(k + 3, n + 2);
      close(countsPath(k, () => onDevice(() => T.addmm(0.5, tf.cuda(), 2, af.cuda(), bf.cuda()))), T.addmm(0.5, tf, 2, af, bf));
      close(onDevice(() => T.addmm(tf.cuda(), at, bt.cuda().t())), T.addmm(tf, af, bt.t()));
      const bn = big.cuda().narrow(1, 2, k).narrow(2, 3, n);
      close(onDevice(() => T.addmm(-1, nonContiguous(tf.cuda()), at, bn)), T.addmm(-1, tf, af, big.narrow(1, 2, k).narrow(2, 3, n)));
    }
  });

  it('addmm into a result view and in place (M:addmm), with every scalar form', () => {
    const af = F(6, 11), bf = F(11, 7), mf = F(6, 7);
    const m = mf.cuda();
    onDevice(() => m.addmm(af.cuda(), bf.cuda()));
    close(m, mf.clone().addmm(af, bf));
    const m2 = mf.cuda();
    onDevice(() => m2.addmm(0.25, af.cuda(), bf.cuda()));
    close(m2, mf.clone().addmm(0.25, af, bf));
    const rf = F(7, 6), r = rf.cuda(); // a transposed result view
    onDevice(() => r.t().addmm(2, mf.cuda(), -3, af.cuda(), bf.cuda()));
    const re = rf.clone();
    re.t().addmm(2, mf, -3, af, bf);
    close(r, re);
    const r3 = onDevice(() => T.addmm(new cuda.CudaTensor(), mf.cuda(), 3, af.cuda(), bf.cuda()));
    close(r3, T.addmm(mf, 3, af, bf));
  });

  it('beta = 0 ignores NaNs in t, as BLAS does (and the CPU kernel)', () => {
    const af = F(4, 5), bf = F(5, 6), nan = new torch.FloatTensor(4, 6).fill(NaN);
    const expected = T.addmm(0, nan, 1.5, af, bf);
    expect(flat(expected).every(Number.isFinite)).to.equal(true);
    close(onDevice(() => T.addmm(0, nan.cuda(), 1.5, af.cuda(), bf.cuda())), expected);
    const v = F(5), y = new torch.FloatTensor(4).fill(NaN);
    close(onDevice(() => T.addmv(0, y.cuda(), 1, af.cuda(), v.cuda())), T.addmv(0, y, 1, af, v));
    const m = new torch.FloatTensor(4, 5).fill(NaN), x = F(4);
    close(onDevice(() => T.addr(0, m.cuda(), 2, x.cuda(), v.cuda())), T.addr(0, m, 2, x, v));
  });

  it('mm, mv, ger and bmm (function forms, new and given results) match the CPU', () => {
    const af = F(9, 13), bf = F(13, 6), vf = F(13), wf = F(9), b1 = F(3, 5, 7), b2 = F(3, 7, 4);
    close(onDevice(() => T.mm(af.cuda(), bf.cuda())), T.mm(af, bf));
    close(onDevice(() => T.mm(new cuda.CudaTensor(2, 2), af.cuda(), bf.cuda())), T.mm(af, bf));
    close(onDevice(() => T.mv(af.cuda(), vf.cuda())), T.mv(af, vf));
    close(onDevice(() => T.mv(af.cuda().t().contiguous().t(), nonContiguous(vf.cuda()))), T.mv(af, vf));
    close(onDevice(() => T.ger(wf.cuda(), vf.cuda())), T.ger(wf, vf));
    close(onDevice(() => T.bmm(b1.cuda(), b2.cuda())), T.bmm(b1, b2));
  });

  it('addmv and addr read strided vectors and transposed matrices in place, and run in place', () => {
    const af = F(8, 6), big = F(6, 3), yf = F(8), xf = F(8), wf = F(6);
    const col = big.cuda().select(2, 2) as Tensor; // stride 3
    close(onDevice(() => T.addmv(0.5, yf.cuda(), 2, af.cuda(), col)), T.addmv(0.5, yf, 2, af, big.select(2, 2)));
    const at = F(6, 8);
    close(onDevice(() => T.addmv(yf.cuda(), at.cuda().t(), wf.cuda())), T.addmv(yf, at.t(), wf));
    const y = yf.cuda();
    onDevice(() => y.addmv(af.cuda(), wf.cuda()));
    close(y, yf.clone().addmv(af, wf));
    const mf = F(8, 6), m = mf.cuda();
    onDevice(() => m.addr(-2, xf.cuda(), col));
    close(m, mf.clone().addr(-2, xf, big.select(2, 2) as Tensor));
    close(onDevice(() => T.addr(0.5, mf.cuda().t(), 1, wf.cuda(), xf.cuda())), T.addr(0.5, mf.t(), 1, wf, xf));
  });

  it('addbmm sums the batch products and baddbmm adds them per batch, with transposed batches', () => {
    const b1 = F(4, 6, 5), b2 = F(4, 5, 3), mf = F(6, 3), tf = F(4, 6, 3), b1t = F(4, 5, 6);
    close(countsPath(5, () => onDevice(() => T.addbmm(0.5, mf.cuda(), 2, b1.cuda(), b2.cuda()))), T.addbmm(0.5, mf, 2, b1, b2));
    close(onDevice(() => T.addbmm(mf.cuda(), b1t.cuda().transpose(2, 3), b2.cuda())), T.addbmm(mf, b1t.transpose(2, 3), b2));
    close(onDevice(() => T.baddbmm(0.5, tf.cuda(), 2, b1.cuda(), b2.cuda())), T.baddbmm(0.5, tf, 2, b1, b2));
    const t = tf.cuda();
    onDevice(() => t.baddbmm(b1t.cuda().transpose(2, 3), b2.cuda()));
    close(t, tf.clone().baddbmm(b1t.transpose(2, 3), b2));
    const m = mf.cuda();
    onDevice(() => m.addbmm(-1, b1.cuda(), b2.cuda()));
    close(m, mf.clone().addbmm(-1, b1, b2));
  });

  it('a product larger than the first one of its kernels is computed in full (gpu.js precision switch)', () => {
    const small = [F(2, 4), F(4, 2)], big = [F(190, 40), F(40, 210)];
    close(onDevice(() => T.mm(small[0].cuda(), small[1].cuda())), T.mm(small[0], small[1]));
    close(onDevice(() => T.mm(big[0].cuda(), big[1].cuda())), T.mm(big[0], big[1]), 2e-5);
  });

  it('dot returns the number with one readback, for contiguous and strided tensors', () => {
    const xf = F(7, 9), yf = F(7, 9), y = flat(yf);
    const exact = flat(xf).reduce((s, v, i) => s + v * y[i], 0);
    const tol = 1e-5 * flat(xf).reduce((s, v, i) => s + Math.abs(v * y[i]), 0);
    const d = onDevice(() => xf.cuda().dot(yf.cuda()), 1);
    expect(Math.abs(d - exact)).to.be.at.most(tol);
    const d2 = onDevice(() => T.dot(nonContiguous(xf.cuda()), yf.cuda()), 1);
    expect(Math.abs(d2 - exact)).to.be.at.most(tol);
  });

  it("raises the CPU kernel's errors for bad sizes and mixed types", () => {
    const a = F(3, 4).cuda(), b = F(5, 2).cuda(), v = F(3).cuda();
    expect(() => T.addmm(F(3, 2).cuda(), a, b)).to.throw(torch.TorchError, 'size mismatch, m1: [3 x 4], m2: [5 x 2]');
    expect(() => T.mm(a, v)).to.throw(torch.TorchError, 'matrices expected, got 2D, 1D tensors');
    expect(() => T.mv(a, v)).to.throw(torch.TorchError, 'size mismatch, [3 x 4], [3]');
    expect(() => T.bmm(F(2, 3, 4).cuda(), F(3, 4, 2).cuda())).to.throw(torch.TorchError, 'equal number of batches expected, got 2, 3');
    expect(() => a.dot(v)).to.throw(torch.TorchError, /inconsistent tensor size/);
    expect(() => T.mm(a, F(4, 2))).to.throw(torch.TorchError, /invalid arguments/);
  });

  it('frees every temporary: a product leaves only its result on the device (buffers and bytes)', () => {
    const a = F(12, 30).cuda(), b = F(30, 9).cuda(), t = F(12, 9).cuda(), b1 = F(3, 4, 5).cuda(), b2 = F(3, 5, 6).cuda();
    const v = F(30).cuda(), m = F(4, 6).cuda();
    const before = cuda.memory();
    const results = [T.addmm(t, a, b), T.mm(a, b), T.mv(a, v), T.bmm(b1, b2), T.addbmm(m, b1, b2)] as Tensor[];
    const bytes = results.reduce((s, r) => s + bufferBytes(r), 0);
    expect(cuda.memory().buffers - before.buffers).to.equal(results.length);
    expect(cuda.memory().bytes - before.bytes).to.equal(bytes);
    a.dot(a);
    expect(cuda.memory()).to.deep.equal({ buffers: before.buffers + results.length, bytes: before.bytes + bytes });
  });

  it('accounts packed vec4 buffers at their texture size on GL (16 bytes a texel), and makes none elsewhere', () => {
    const ctx = context();
    if (tiledMode(ctx)) {
      const k = ctx.kernel('spec:vec4', 'function (x) { return [x, x + 1, x + 2, x + 3]; }', { x: 'Float' });
      const before = ctx.liveBytes;
      const h = ctx.run(k, 1000, [1]) as { size: number[] };
      const texels = h.size[0] * h.size[1];
      expect(texels).to.be.within(1000, 1100);
      expect(ctx.liveBytes - before).to.equal(texels * 16);
      ctx.free(h, 1000);
      expect(ctx.liveBytes).to.equal(before);
    } else {
      const tiled = gemmStats.tiled;
      T.mm(F(8, 8).cuda(), F(8, 8).cuda());
      expect(gemmStats.tiled).to.equal(tiled);
    }
  });
});
