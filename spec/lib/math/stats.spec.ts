import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { expectClose, flat } from '../../helpers.js';
import { arr, layouts, make, prng, randomSizes, reduceAlong } from './ref.js';

const T = torch as any;
const tolOf = (type: string) => (type === 'Float' ? 1e-5 : 1e-10);
const mean = (s: number[]) => s.reduce((p, v) => p + v, 0) / s.length;
const variance = (biased: boolean) => (s: number[]) => {
  const m = mean(s);
  return s.reduce((p, v) => p + (v - m) * (v - m), 0) / (s.length - (biased ? 0 : 1));
};
const pnorm = (p: number) => (s: number[]) =>
  (p === 0 ? s.filter((v) => v !== 0).length : s.reduce((acc, v) => acc + Math.abs(v) ** p, 0) ** (1 / p));

describe('torch.var / std', () => {
  const rnd = prng(606);
  for (const type of ['Double', 'Float']) {
    it(`of all elements (two-pass) and along every dim, unbiased or biased (${type})`, () => {
      for (let trial = 0; trial < 10; trial++) {
        for (const [layout, x] of layouts(type, randomSizes(rnd).map((s) => s + 1), rnd)) {
          const xs = flat(x);
          for (const biased of [false, true]) {
            const v = variance(biased)(xs);
            const all = biased ? torch.var(x, true) : torch.var(x);
            expect(typeof all).to.equal('number');
            expectClose([all], [v], 1e-12);
            expectClose([biased ? x.std(true) : x.std()], [Math.sqrt(v)], 1e-12);
            for (let d = 1; d <= x.dim(); d++) {
              const ev = reduceAlong(arr(x), d - 1, variance(biased));
              const r = biased ? torch.var(x, d, true) : torch.var(x, d);
              expect(r.shape, `${layout} dim ${d}`).to.deep.equal(ev.size);
              expectClose(r, ev.data, tolOf(type));
              // std = sqrt(var): compared squared, since sqrt magnifies the rounding of a zero variance
              const sq = (t: Tensor) => flat(t).map((v) => v * v);
              expectClose(sq(biased ? x.std(d, true) : x.std(d)), ev.data, tolOf(type));
              const res = x.new();
              expect(biased ? T.std(res, x, d, true) : T.std(res, x, d)).to.equal(res);
              expectClose(sq(res), ev.data, tolOf(type));
              expect(T.var(res, x, d, biased)).to.equal(res);
              expectClose(res, ev.data, tolOf(type));
            }
          }
        }
      }
    });
  }

  it('along a dim uses TH\'s one-pass Σx, Σx² formula (clamped at 0), not a two-pass one', () => {
    const x = make('Double', [[1e8 + 1, 1e8 + 2, 1e8 + 3]]);
    expect(flat(torch.var(x, 2))).to.deep.equal([0]); // the exact variance is 1; two-pass gives 1
    expect(torch.var(x)).to.equal(1);
    const y = make('Double', [[1e4 + 0.1, 1e4 + 0.2, 1e4 + 0.3]]);
    let s = 0, s2 = 0;
    for (const z of flat(y)) { s += z; s2 += z * z; }
    s /= 3; s2 /= 2; s2 -= (3 / 2) * s * s;
    expect(flat(torch.var(y, 2))).to.deep.equal([s2]);
  });

  it('squares Float elements in float32, as TH\'s `real z; sum2 += z*z` does', () => {
    // 4097², 4099², 4101² are not floats: the rounded squares give 2.5 where the exact variance is 4
    expect(flat(torch.var(make('Float', [[4097, 4099, 4101]]), 2))).to.deep.equal([2.5]);
    expect(flat(torch.var(make('Double', [[4097, 4099, 4101]]), 2))).to.deep.equal([4]);
    expect(torch.var(make('Float', [4097, 4099, 4101]))).to.equal(4); // varall works in double
  });

  it('gives NaN for one element unless biased', () => {
    const x = make('Double', [[2], [3]]);
    expect(flat(torch.var(x, 2)).every(Number.isNaN)).to.equal(true);
    expect(flat(torch.var(x, 2, true))).to.deep.equal([0, 0]);
    expect(torch.var(make('Double', [5]))).to.be.NaN;
  });

  it('exists for Float and Double only, and checks its dim', () => {
    expect(() => torch.var(new torch.IntTensor(3))).to.throw(/invalid arguments to 'var': IntTensor/);
    expect(() => torch.std(new torch.LongTensor(3), 1)).to.throw(/invalid arguments to 'std'/);
    expect(() => torch.var(make('Double', [[1, 2]]), 3)).to.throw("bad argument #3 to 'var' (invalid dimension 3)");
    expect(() => torch.std(make('Double', [[1, 2]]), 0, true)).to.throw("bad argument #3 to 'std' (invalid dimension 0)");
    expect(() => torch.var(new torch.DoubleTensor())).to.throw(/empty Tensor/);
  });
});

describe('torch.norm / dist', () => {
  const rnd = prng(707);
  for (const type of ['Double', 'Float']) {
    it(`p-norms of all elements and along every dim, p = 0, 1, 2, 3, 0.5 (${type})`, () => {
      for (let trial = 0; trial < 8; trial++) {
        for (const [layout, x] of layouts(type, randomSizes(rnd), rnd)) {
          const xs = flat(x);
          expectClose([torch.norm(x)], [pnorm(2)(xs)], 1e-12);
          expectClose([x.norm()], [pnorm(2)(xs)], 1e-12);
          for (const p of [0, 1, 2, 3, 0.5]) {
            expectClose([torch.norm(x, p)], [pnorm(p)(xs)], tolOf(type));
            for (let d = 1; d <= x.dim(); d++) {
              const e = reduceAlong(arr(x), d - 1, pnorm(p));
              const r = torch.norm(x, p, d);
              expect(r.shape, `${layout} p ${p} dim ${d}`).to.deep.equal(e.size);
              expectClose(r, e.data, tolOf(type));
              expectClose(x.norm(p, d), e.data, tolOf(type));
              const res = x.new();
              expect(torch.norm(res, x, p, d)).to.equal(res);
              expectClose(res, e.data, tolOf(type));
            }
          }
        }
      }
    });

    it(`dist(a, b[, p]) is the p-norm of a - b (${type})`, () => {
      for (let trial = 0; trial < 8; trial++) {
        const sizes = randomSizes(rnd);
        const [[, a], [, an], [, ae]] = layouts(type, sizes, rnd);
        const [[, b]] = layouts(type, sizes, rnd);
        for (const x of [a, an, ae]) {
          const diff = flat(x).map((v, i) => v - flat(b)[i]);
          expectClose([torch.dist(x, b)], [pnorm(2)(diff)], tolOf(type));
          expectClose([x.dist(b)], [pnorm(2)(diff)], tolOf(type));
          for (const p of [1, 3]) expectClose([torch.dist(x, b, p)], [pnorm(p)(diff)], tolOf(type));
        }
      }
    });
  }

  it('dist accumulates in the element type (float32 for Float), as TH\'s `real sum` does', () => {
    const a = new torch.FloatTensor(17).fill(1);
    a.put(1, 1e8);
    expect(torch.dist(a, torch.zeros(17).float(), 1)).to.equal(1e8); // each +1 is lost in float32
    expect(torch.dist(a.double(), torch.zeros(17), 1)).to.equal(1e8 + 16);
    expect(torch.norm(a, 1), 'norm accumulates in double').to.equal(1e8 + 16);
  });

  it('keeps TH\'s quirks: norm p=inf and dist p=0 are not max / count', () => {
    const x = make('Double', [3, -4, 0.5]);
    expect(torch.norm(x, Infinity)).to.equal(1); // (inf + inf + 0)^(1/inf) = 1
    expect(torch.dist(x, torch.zeros(3), 0)).to.equal(Infinity); // (1+1+1)^(1/0)
  });

  it('rejects integer types, a bad dim and mismatched sizes', () => {
    expect(() => torch.norm(new torch.IntTensor(3))).to.throw(/invalid arguments to 'norm': IntTensor/);
    expect(() => torch.norm(make('Double', [[1, 2]]), 2, 3)).to.throw("bad argument #3 to 'norm' (invalid dimension 3)");
    expect(() => torch.dist(new torch.DoubleTensor(3), new torch.DoubleTensor(4))).to.throw('inconsistent tensor size');
    expect(() => torch.dist(new torch.DoubleTensor(3), new torch.FloatTensor(3))).to.throw(/invalid arguments to 'dist'/);
    expect(() => torch.dist(new torch.IntTensor(3), new torch.IntTensor(3))).to.throw(/invalid arguments to 'dist'/);
  });
});

describe('torch.renorm', () => {
  const rnd = prng(808);
  const refRenorm = (x: Tensor, p: number, d: number, maxnorm: number): number[] => {
    const a = arr(x);
    const out = a.data.slice();
    const n = a.size[d];
    const inner = a.size.slice(d + 1).reduce((q, v) => q * v, 1);
    const outer = a.size.slice(0, d).reduce((q, v) => q * v, 1);
    for (let i = 0; i < n; i++) {
      const pos: number[] = [];
      for (let o = 0; o < outer; o++) for (let j = 0; j < inner; j++) pos.push((o * n + i) * inner + j);
      const norm = pnorm(p)(pos.map((k) => a.data[k]));
      if (norm > maxnorm) for (const k of pos) out[k] = a.data[k] * (maxnorm / (norm + 1e-7));
    }
    return out;
  };

  for (const type of ['Double', 'Float']) {
    it(`scales the slices along dim whose p-norm exceeds maxnorm (${type}), every form`, () => {
      for (let trial = 0; trial < 8; trial++) {
        const sizes = [1 + Math.floor(rnd() * 4), ...randomSizes(rnd, 2)].map((s) => s + 1);
        for (const [layout, x] of layouts(type, sizes, rnd)) {
          for (const p of [1, 2, 3]) {
            for (let d = 1; d <= x.dim(); d++) {
              const maxnorm = 1 + rnd() * 3;
              const e = refRenorm(x, p, d - 1, maxnorm);
              const before = flat(x);
              expectClose(torch.renorm(x, p, d, maxnorm), e, tolOf(type));
              const res = x.new();
              expect(torch.renorm(res, x, p, d, maxnorm)).to.equal(res);
              expectClose(res, e, tolOf(type));
              expect(flat(x), layout).to.deep.equal(before);
              const into = x.new();
              expect(into.renorm(x, p, d, maxnorm)).to.equal(into);
              expectClose(into, e, tolOf(type));
              if (layout !== 'expanded') {
                const y = x.clone();
                expect(y.renorm(p, d, maxnorm), 'in place').to.equal(y);
                expectClose(y, e, tolOf(type));
              }
            }
          }
        }
      }
    });
  }

  it('rejects a bad dim, a non-positive p and 1-D tensors', () => {
    const x = make('Double', [[1, 2], [3, 4]]);
    expect(() => torch.renorm(x, 2, 3, 1)).to.throw("bad argument #3 to 'renorm' (invalid dimension 3)");
    expect(() => torch.renorm(x, 0, 1, 1)).to.throw("bad argument #2 to 'renorm' (non-positive-norm not supported)");
    expect(() => torch.renorm(make('Double', [1, 2]), 2, 1, 1)).to.throw("bad argument #1 to 'renorm' (need at least 2 dimensions, got 1 dimensions)");
    expect(() => torch.renorm(new torch.IntTensor(2, 2), 2, 1, 1)).to.throw(/invalid arguments to 'renorm'/);
  });
});
