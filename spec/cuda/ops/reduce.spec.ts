import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { torch, Tensor } from '../../../lib/index.js';
import { LongTensor } from '../../../lib/Tensor.js';
import { flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

const rnd = prng(6003);
const F = (sizes: number[], lo = -2, hi = 2) => randomTensor('Float', sizes, rnd, lo, hi);
const call = (x: unknown, name: string, ...a: unknown[]) => (x as any)[name](...a);

/** Runs f with no CPU fallback and `reads` readbacks. */
function onDevice<T>(reads: number, f: () => T): T {
  cuda.resetFallbacks();
  const before = cuda.traffic().downloads;
  const r = f();
  expect(cuda.fallbacks(), 'CPU fallbacks').to.deep.equal({});
  expect(cuda.traffic().downloads - before, 'readbacks').to.equal(reads);
  return r;
}

/** Same sizes, and max |a - e| <= tol * max |e| (float32 sums vs TH's double accumulators); NaNs matching. */
function close(actual: Tensor, expected: Tensor, tol = 2e-6): void {
  expect(actual.size().totable()).to.deep.equal(expected.size().totable());
  const a = flat(actual.double()), e = flat(expected.double());
  const scale = Math.max(...e.filter(Number.isFinite).map(Math.abs), 1e-30);
  a.forEach((v, i) => {
    if (Number.isNaN(e[i])) expect(v, `element ${i}`).to.be.NaN;
    else expect(Math.abs(v - e[i]) <= tol * scale, `element ${i}: ${v} vs ${e[i]}`).to.equal(true);
  });
}
const near = (a: number, e: number, tol = 2e-6) => expect(Math.abs(a - e) <= tol * Math.abs(e), `${a} vs ${e}`).to.equal(true);

describe('cuda reductions, scans and statistics', function () {
  this.timeout(240000);
  const xf = F([4, 5, 6], 0.5, 1.5), x = xf.cuda(), xt = nonContiguous(x);

  it('whole-tensor forms return the number with one readback (contiguous and non-contiguous)', () => {
    for (const t of [x, xt]) {
      for (const [name, args] of [['sum', []], ['prod', []], ['mean', []], ['max', []], ['min', []], ['var', []], ['var', [true]],
        ['std', []], ['norm', []], ['norm', [1]], ['norm', [3]], ['norm', [0]]] as [string, unknown[]][]) {
        const v = onDevice(1, () => call(t, name, ...args));
        expect(typeof v, name).to.equal('number');
        near(v, call(xf, name, ...args), name === 'prod' ? 2e-5 : 2e-6);
      }
      for (const p of [1, 2, 3]) near(onDevice(1, () => torch.dist(t, x.clone().mul(0.5), p)), torch.dist(xf, xf.clone().mul(0.5), p));
    }
  });

  it('along every dim the result keeps the dim (size 1) and stays on the device', () => {
    for (const t of [x, xt]) {
      for (let d = 1; d <= 3; d++) {
        for (const [name, args] of [['sum', [d]], ['prod', [d]], ['mean', [d]], ['var', [d]], ['var', [d, true]], ['std', [d]],
          ['norm', [2, d]], ['norm', [1, d]], ['norm', [3, d]], ['norm', [0, d]], ['cumsum', [d]], ['cumprod', [d]]] as [string, unknown[]][]) {
          const r = onDevice(0, () => call(t, name, ...args));
          expect(r, name).to.be.instanceOf(cuda.CudaTensor);
          close(r, call(xf, name, ...args), name === 'prod' || name === 'cumprod' ? 1e-5 : 2e-6);
        }
      }
    }
  });

  it('writes into a given result, also a view of a bigger tensor, and cumsum defaults to dim 1', () => {
    const big = x.new(4, 3, 6).zero(), view = big.narrow(2, 2, 1);
    onDevice(0, () => torch.sum(view, x, 2));
    close(view, torch.sum(xf, 2));
    close(big.narrow(2, 1, 1), new torch.FloatTensor(4, 1, 6).zero(), 0);
    const r = x.new();
    onDevice(0, () => torch.cumsum(r, x));
    close(r, torch.cumsum(xf, 1));
    onDevice(0, () => torch.std(r, x, 3, true));
    close(r, torch.std(xf, 3, true));
  });

  it('max/min along a dim: the first extreme or the first NaN, 1-based indices as a LongTensor or a CudaTensor', () => {
    const gf = new torch.FloatTensor(5, 7);
    gf.apply(() => Math.floor(rnd() * 3));
    gf.storage().data[9] = NaN;
    gf.storage().data[12] = NaN;
    const g = gf.cuda();
    for (const name of ['max', 'min'] as const) {
      for (let d = 1; d <= 2; d++) {
        const [v, i] = onDevice(1, () => (g as any)[name](d));
        const [ev, ei] = (gf as any)[name](d);
        expect(v).to.be.instanceOf(cuda.CudaTensor);
        expect(i).to.be.instanceOf(LongTensor);
        close(v, ev, 0);
        expect(flat(i)).to.deep.equal(flat(ei));
        const vals = g.new(), idx = g.new();
        onDevice(0, () => torch[name](vals, idx, g, d));
        expect(idx).to.be.instanceOf(cuda.CudaTensor);
        close(vals, ev, 0);
        expect(flat(idx.float())).to.deep.equal(flat(ei));
        const li = new LongTensor(), nv = onDevice(1, () => torch[name](li, nonContiguous(g), d))[0];
        close(nv, ev, 0);
        expect(flat(li)).to.deep.equal(flat(ei));
      }
    }
  });

  it('long slices reduce in several passes with the same results (sums, ties and NaNs across chunks, scans)', () => {
    const lf = F([2, 70000]), l = lf.cuda();
    close(onDevice(0, () => l.sum(2)), lf.sum(2), 1e-5);
    near(onDevice(1, () => l.sum()), lf.sum(), 1e-4);
    close(onDevice(0, () => l.std(2)), lf.std(2), 1e-5);
    close(onDevice(0, () => l.norm(3, 2)), lf.norm(3, 2), 1e-5);
    const tf = new torch.FloatTensor(3, 5000).zero();
    const put = (row: number, col: number, v: number) => tf.narrow(1, row, 1).narrow(2, col, 1).fill(v);
    put(1, 4000, 5); put(1, 4500, 5); put(1, 7, 4);
    put(2, 2600, NaN); put(2, 2700, NaN); put(2, 9, 9);
    const t = tf.cuda();
    for (const name of ['max', 'min'] as const) {
      const [v, i] = onDevice(1, () => (t as any)[name](2));
      const [ev, ei] = (tf as any)[name](2);
      close(v, ev, 0);
      expect(flat(i)).to.deep.equal(flat(ei));
    }
    expect(flat(torch.max(tf, 2)[1])).to.deep.equal([4000, 2600, 1]);
    expect(onDevice(1, () => t.max())).to.be.NaN;
    const cf = F([3, 3000]);
    close(onDevice(0, () => cf.cuda().cumsum(2)), cf.cumsum(2), 1e-5);
    close(onDevice(0, () => cf.t().cuda().cumsum(1)), cf.t().cumsum(1), 1e-5);
    const pf = F([2, 300], 0.99, 1.01), p = nonContiguous(pf.cuda());
    close(onDevice(0, () => p.cumprod(2)), pf.cumprod(2), 1e-5);
    close(onDevice(0, () => torch.cumsum(p, 2).narrow(2, 31, 40)), pf.cumsum(2).narrow(2, 31, 40), 1e-5);
  });

  it('renorm scales the slices whose p-norm exceeds maxnorm, as TH (in place and into a result)', () => {
    for (const [p, dim, maxnorm] of [[2, 1, 3], [1, 2, 4], [3, 3, 2.5]]) {
      const r = onDevice(0, () => torch.renorm(x, p, dim, maxnorm));
      close(r, torch.renorm(xf, p, dim, maxnorm), 2e-6);
    }
    const y = xt.clone(), yf = xf.clone();
    onDevice(0, () => y.renorm(2, 2, 2));
    close(y, yf.renorm(2, 2, 2));
  });

  it('raises Torch\'s errors for bad dims, and declines what it cannot do (empty tensors)', () => {
    expect(() => x.sum(4)).to.throw("bad argument #2 to 'sum' (dimension 4 out of range)");
    expect(() => x.std(0)).to.throw("bad argument #3 to 'std' (invalid dimension 0)");
    expect(() => torch.renorm(x, 0, 1, 1)).to.throw('non-positive-norm not supported');
    expect(() => x.new().max()).to.throw('tensor must have one dimension');
  });

  it('frees every temporary buffer: repeated reductions keep the live device buffer count flat', () => {
    const l = F([2, 3000]).cuda(), r = l.new(), v = l.new(), i = l.new();
    const run = () => { torch.sum(r, l, 2); torch.std(r, l, 2); torch.max(v, i, l, 2); torch.cumsum(r, l, 2); l.norm(); torch.renorm(r, l, 2, 1, 1); };
    run();
    const before = cuda.memory();
    for (let k = 0; k < 3; k++) run();
    expect(cuda.memory()).to.deep.equal(before);
  });
});
