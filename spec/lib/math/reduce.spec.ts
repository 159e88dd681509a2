import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { expectClose, flat } from '../../helpers.js';
import { arr, layouts, make, prng, randomSizes, reduceAlong } from './ref.js';

const T = torch as any;
const tolOf = (type: string) => (type === 'Float' ? 1e-5 : type === 'Double' ? 1e-12 : 0);
const lo = (type: string) => (type === 'Byte' ? 0 : -3);

/** The product as TH's int64 accumulator computes it (wrapping modulo 2^64). */
function intProd(xs: number[]): number {
  let b = 1n;
  for (const x of xs) b = BigInt.asIntN(64, b * BigInt(x));
  return Number(b);
}
function castTo(type: string, v: number): number {
  const A = { Byte: Uint8Array, Char: Int8Array, Short: Int16Array, Int: Int32Array, Long: Float64Array, Float: Float32Array, Double: Float64Array }[type]!;
  return new A([v])[0];
}
const refSum = (xs: number[]) => xs.reduce((p, v) => p + v, 0);
const refProd = (type: string) => (xs: number[]) =>
  (type === 'Float' || type === 'Double' ? xs.reduce((p, v) => p * v, 1) : intProd(xs));

describe('torch.sum / prod / mean', () => {
  const rnd = prng(101);

  for (const type of ['Double', 'Float', 'Int', 'Byte', 'Long']) {
    it(`sum and prod of all elements (${type}) return numbers accumulated as TH's accreal`, () => {
      for (let trial = 0; trial < 12; trial++) {
        for (const [layout, x] of layouts(type, randomSizes(rnd), rnd, lo(type), 3)) {
          const xs = flat(x);
          const s = torch.sum(x), p = x.prod();
          expect(typeof s, layout).to.equal('number');
          expectClose([s], [refSum(xs)], 1e-12);
          expectClose([p], [refProd(type)(xs)], 1e-12);
        }
      }
    });

    it(`sum and prod along every dim keep the dim (${type}), in every form`, () => {
      for (let trial = 0; trial < 10; trial++) {
        for (const [layout, x] of layouts(type, randomSizes(rnd), rnd, lo(type), 3)) {
          const before = flat(x);
          for (let d = 1; d <= x.dim(); d++) {
            const es = reduceAlong(arr(x), d - 1, refSum);
            const ep = reduceAlong(arr(x), d - 1, refProd(type));
            ep.data = ep.data.map((v) => castTo(type, v));
            es.data = es.data.map((v) => castTo(type, v));
            const s = torch.sum(x, d);
            expect(s.shape, `${layout} dim ${d}`).to.deep.equal(es.size);
            expect(s.type()).to.equal(x.type());
            expectClose(s, es.data, tolOf(type));
            const res = x.new();
            expect(torch.sum(res, x, d)).to.equal(res);
            expectClose(res, es.data, tolOf(type));
            expectClose(x.sum(d), es.data, tolOf(type));
            expectClose(torch.prod(x, d), ep.data, tolOf(type) || 1e-12);
            expectClose(x.prod(d), ep.data, tolOf(type) || 1e-12);
          }
          expect(flat(x), 'inputs are untouched').to.deep.equal(before);
        }
      }
    });
  }

  it('sums a FloatTensor along a strided dim in float32 steps, as TH does, and along stride-1 dims in double', () => {
    const x = new torch.FloatTensor(17, 2).fill(1);
    x.put(1, 1, 1e8);
    x.put(1, 2, 1e8);
    // dim 1 has stride 2: float32 accumulation loses every 1 (the float spacing at 1e8 is 8)
    expect(flat(torch.sum(x, 1))).to.deep.equal([1e8, 1e8]);
    // the transposed copy sums along a stride-1 dim in double: 1e8 + 16 is a float
    expect(flat(torch.sum(x.t().clone(), 2))).to.deep.equal([100000016, 100000016]);
    expect(torch.sum(x)).to.equal(2e8 + 32);
  });

  it('integer products wrap as TH\'s int64 accumulator, cast to the element type along a dim', () => {
    const x = new torch.IntTensor(2, 40).fill(3);
    const full = BigInt.asIntN(64, 3n ** 80n);
    expect(torch.prod(x)).to.equal(Number(full));
    const row = BigInt.asIntN(32, 3n ** 40n);
    expect(flat(torch.prod(x, 2))).to.deep.equal([Number(row), Number(row)]);
    expect(flat(torch.prod(x.t().clone().t(), 2)), 'row-major loop').to.deep.equal([Number(row), Number(row)]);
    const b = new torch.ByteTensor(1, 9).fill(3);
    expect(flat(b.prod(2))).to.deep.equal([3 ** 9 % 256]);
    const l = new torch.LongTensor(41).fill(3);
    expect(l.prod()).to.equal(Number(BigInt.asIntN(64, 3n ** 41n)));
  });

  it('never leaves -0 in a LongTensor or an integer result; floats keep it, as in C', () => {
    const l = make('Long', [[0, -3], [-2, 0]]);
    const isZero = (v: number) => Object.is(v, 0);
    expect(isZero(torch.prod(l))).to.equal(true);
    expect(isZero(torch.prod(make('Int', [0, -3])))).to.equal(true);
    expect(flat(torch.prod(l, 2)).every(isZero), 'stride-1 loop').to.equal(true);
    expect(flat(torch.prod(l, 1)).every(isZero), 'row-major loop').to.equal(true);
    expect(flat(torch.cumprod(l, 2)).map((v) => Object.is(v, -0))).to.deep.equal([false, false, false, false]);
    expect(Object.is(torch.prod(make('Double', [0, -3])), -0)).to.equal(true);
  });

  it('mean of all elements and along dims (Float and Double)', () => {
    for (const type of ['Double', 'Float']) {
      for (let trial = 0; trial < 8; trial++) {
        for (const [layout, x] of layouts(type, randomSizes(rnd), rnd)) {
          const xs = flat(x);
          expectClose([torch.mean(x)], [refSum(xs) / xs.length], 1e-12);
          for (let d = 1; d <= x.dim(); d++) {
            const e = reduceAlong(arr(x), d - 1, (s) => refSum(s) / s.length);
            expectClose(torch.mean(x, d), e.data, tolOf(type));
            expect(x.mean(d).shape, layout).to.deep.equal(e.size);
            const res = x.new();
            expect(torch.mean(res, x, d)).to.equal(res);
            expectClose(res, e.data, tolOf(type));
          }
        }
      }
    }
  });

  it('writes into a result that already has the right size without changing its geometry', () => {
    const x = make('Double', [[1, 2, 3], [4, 5, 6]]);
    const big = torch.zeros(2, 3) as Tensor;
    const res = big.narrow(2, 2, 1);
    torch.sum(res, x, 2);
    expect(big.totable()).to.deep.equal([[0, 6, 0], [0, 15, 0]]);
    const wrong = new torch.DoubleTensor(5);
    torch.sum(wrong, x, 1);
    expect(wrong.shape).to.deep.equal([1, 3]);
  });

  it('rejects bad dims, types and empty tensors in Torch\'s words', () => {
    const x = make('Double', [[1, 2], [3, 4]]);
    expect(() => torch.sum(x, 3)).to.throw("bad argument #2 to 'sum' (dimension 3 out of range)");
    expect(() => x.prod(0)).to.throw("bad argument #2 to 'prod' (dimension 0 out of range)");
    expect(() => torch.mean(x, 3)).to.throw("bad argument #2 to 'mean' (invalid dimension 3)");
    expect(() => torch.mean(new torch.IntTensor(3))).to.throw(/invalid arguments to 'mean': IntTensor/);
    expect(() => torch.mean(new torch.DoubleTensor())).to.throw("bad argument #1 to 'mean' (empty Tensor)");
    expect(() => torch.sum(new torch.FloatTensor(), x, 1)).to.throw(/invalid arguments to 'sum'/);
    expect(torch.sum(new torch.DoubleTensor())).to.equal(0);
  });
});

describe('torch.max / min', () => {
  const rnd = prng(202);
  const firstExtreme = (sign: number) => (s: number[]) => {
    let m = s[0], mi = 0;
    for (let i = 0; i < s.length; i++) {
      if (Number.isNaN(s[i])) return [s[i], i + 1];
      if (sign * (s[i] - m) > 0) { m = s[i]; mi = i; }
    }
    return [m, mi + 1];
  };

  for (const type of ['Double', 'Float', 'Int', 'Byte', 'Long']) {
    it(`max and min of all elements and along every dim, first extreme wins (${type})`, () => {
      for (let trial = 0; trial < 12; trial++) {
        // few distinct values, so ties are common
        for (const [layout, x] of layouts(type, randomSizes(rnd), rnd, type === 'Byte' ? 0 : -2, 2)) {
          const xs = flat(x);
          expect(torch.max(x), layout).to.equal(Math.max(...xs));
          expect(x.min(), layout).to.equal(Math.min(...xs));
          for (let d = 1; d <= x.dim(); d++) {
            for (const [name, sign] of [['max', 1], ['min', -1]] as const) {
              const ev = reduceAlong(arr(x), d - 1, (s) => firstExtreme(sign)(s)[0]);
              const ei = reduceAlong(arr(x), d - 1, (s) => firstExtreme(sign)(s)[1]);
              const [v, i] = T[name](x, d);
              expect(v.type()).to.equal(x.type());
              expect(i.type()).to.equal('torch.LongTensor');
              expect(v.shape, `${layout} ${name} dim ${d}`).to.deep.equal(ev.size);
              expect(flat(v), `${layout} ${name} values dim ${d}`).to.deep.equal(ev.data);
              expect(flat(i), `${layout} ${name} indices dim ${d}`).to.deep.equal(ei.data);
              const [mv, mi] = x[name](d);
              expect(flat(mv)).to.deep.equal(ev.data);
              expect(flat(mi)).to.deep.equal(ei.data);
            }
          }
        }
      }
    });
  }

  it('propagates NaN: dim-less result NaN, along a dim the first NaN and its index (both TH loops)', () => {
    const x = make('Double', [[1, NaN, 3, NaN], [7, 2, 9, 0], [NaN, 5, 5, 5]]);
    expect(torch.max(x)).to.be.NaN;
    expect(torch.min(x)).to.be.NaN;
    const [v2, i2] = torch.max(x, 2); // stride-1 loop
    expect(flat(v2).map(String)).to.deep.equal(['NaN', '9', 'NaN']);
    expect(flat(i2)).to.deep.equal([2, 3, 1]);
    const [v1, i1] = torch.min(x, 1); // row-major loop
    expect(flat(v1).map(String)).to.deep.equal(['NaN', 'NaN', '3', 'NaN']);
    expect(flat(i1)).to.deep.equal([3, 1, 1, 1]);
    const [w1, j1] = torch.max(x, 1); // row-major loop: a NaN candidate is never replaced
    expect(flat(w1).map(String)).to.deep.equal(['NaN', 'NaN', '9', 'NaN']);
    expect(flat(j1)).to.deep.equal([3, 1, 2, 1]);
    const [vt, it] = torch.min(x.t().clone(), 2); // same, through the stride-1 loop
    expect(flat(vt).map(String)).to.deep.equal(['NaN', 'NaN', '3', 'NaN']);
    expect(flat(it)).to.deep.equal([3, 1, 1, 1]);
  });

  it('takes [resval, resind,] results: both, values only, or indices only', () => {
    const x = make('Double', [[1, 8, 3], [4, 2, 6]]);
    const v = new torch.DoubleTensor(), i = new torch.LongTensor();
    const out = torch.max(v, i, x, 2);
    expect(out[0]).to.equal(v);
    expect(out[1]).to.equal(i);
    expect(v.totable()).to.deep.equal([[8], [6]]);
    expect(i.totable()).to.deep.equal([[2], [3]]);
    const v2 = new torch.DoubleTensor();
    expect(torch.min(v2, x, 1)[0]).to.equal(v2);
    expect(v2.totable()).to.deep.equal([[1, 2, 3]]);
    const i2 = new torch.LongTensor();
    expect(torch.min(i2, x, 1)[1]).to.equal(i2);
    expect(i2.totable()).to.deep.equal([[1, 2, 1]]);
    // a LongTensor input: a lone LongTensor result is the values result (cwrap tries that first)
    const lx = make('Long', [[5, 1], [2, 7]]);
    const lr = new torch.LongTensor();
    const [lv, li] = torch.max(lr, lx, 2);
    expect(lv).to.equal(lr);
    expect(lv.totable()).to.deep.equal([[5], [7]]);
    expect(li.totable()).to.deep.equal([[1], [2]]);
  });

  it('rejects bad calls in Torch\'s words', () => {
    const x = make('Double', [[1, 2], [3, 4]]);
    expect(() => torch.max(x, 3)).to.throw("bad argument #2 to 'max' (dimension 3 out of range)");
    expect(() => torch.min(new torch.DoubleTensor())).to.throw("bad argument #1 to 'min' (tensor must have one dimension)");
    expect(() => torch.max(new torch.FloatTensor(), new torch.LongTensor(), x, 1)).to.throw(/invalid arguments to 'max'/);
    expect(() => torch.max(new torch.DoubleTensor(), new torch.IntTensor(), x, 1)).to.throw(/invalid arguments to 'max'/);
    expect(() => torch.max(new torch.IntTensor(), x, 1)).to.throw(/invalid arguments to 'max'/);
  });
});
