import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { flat } from '../../helpers.js';
import { along, arr, layouts, make, prng, randomSizes, type Arr } from './ref.js';

const T = torch as any;
const lo = (type: string) => (type === 'Byte' ? 0 : -3);
const asc = (a: number, b: number) => a - b;

/** The slices of `a` along dim d (0-based), in the order `along` visits them. */
function slices(a: Arr, d: number): number[][] {
  const out: number[][] = [];
  along(a, d, (s) => { out.push(s); return s; });
  return out;
}

/** Asserts `values`/`indices` are `[values, 1-based indices]` of x along dim d: x[index] == value in every slice. */
function expectIndexed(x: Tensor, values: Tensor, indices: Tensor, d: number, what: string): void {
  expect(indices.type(), what).to.equal('torch.LongTensor');
  expect(values.type(), what).to.equal(x.type());
  const xs = slices(arr(x), d), vs = slices(arr(values), d), is = slices(arr(indices), d);
  const bad: string[] = [];
  vs.forEach((v, k) => v.forEach((val, j) => {
    const idx = is[k][j];
    if (!(Number.isInteger(idx) && idx >= 1 && idx <= xs[k].length) || !Object.is(xs[k][idx - 1], val)) {
      bad.push(`slice ${k} position ${j + 1}: index ${idx}, value ${val}`);
    }
  }));
  expect(bad, what).to.deep.equal([]);
}

// Tie and NaN orders of TH's quicksort and quickselect, from THTensorMath.c compiled unmodified.
const A = [3, 1, 2, 3, 1, 2, 3, 1, 2, 0, 0, 5, 5, 2, 1, 3, 4, 4, 0, 2, 1, 3, 5, 0, 2];
const B = [2, NaN, 1, 3, NaN, 0, 2, 2, 1, 5, 4, 3, 1, 0, NaN, 2];
const TH = {
  sortAasc: [10, 19, 24, 11, 15, 2, 21, 8, 5, 9, 25, 6, 14, 3, 20, 22, 1, 16, 7, 4, 18, 17, 12, 23, 13],
  sortAdesc: [12, 13, 23, 18, 17, 22, 16, 1, 7, 4, 6, 3, 20, 9, 14, 25, 8, 21, 15, 5, 2, 19, 10, 11, 24],
  sortBascV: [1, 1, 2, NaN, 0, 0, 1, 2, NaN, 2, 3, 4, 5, NaN, 2, 3],
  sortBascI: [9, 3, 8, 15, 14, 6, 13, 1, 2, 7, 12, 11, 10, 5, 16, 4],
  sortBdescV: [5, 2, NaN, 4, 3, 3, 2, NaN, 2, 1, 0, NaN, 2, 1, 1, 0],
  sortBdescI: [10, 8, 15, 11, 4, 12, 1, 2, 7, 9, 6, 5, 16, 13, 3, 14],
  small5: { v: [0, 0, 0, 0, 1], i: [19, 24, 10, 11, 15] },
  sortCasc: [14, 30, 37, 27, 22, 17, 16, 60, 9, 47, 25, 12, 59, 29, 39, 11, 2, 38, 50, 42, 41, 51, 44, 15, 57, 54, 6, 48, 3, 46,
    24, 1, 5, 58, 40, 49, 23, 56, 18, 53, 52, 55, 35, 43, 32, 28, 31, 20, 34, 36, 21, 13, 8, 7, 4, 19, 26, 45, 33, 10],
  sortCdesc: [7, 33, 10, 26, 8, 13, 19, 4, 45, 55, 31, 28, 35, 32, 34, 36, 43, 21, 52, 20, 5, 1, 53, 40, 56, 18, 49, 23, 58, 46,
    3, 48, 6, 24, 44, 42, 50, 54, 57, 51, 41, 2, 38, 15, 59, 29, 39, 47, 25, 12, 11, 30, 37, 27, 22, 17, 16, 14, 9, 60],
  kthC: [[20, 2, 41], [41, 5, 55]],
  small7C: [22, 27, 17, 14, 37, 30, 16],
  large7C: [13, 4, 19, 26, 45, 33, 10],
  sorted20C: [30, 17, 37, 27, 22, 14, 16, 60, 9, 29, 11, 39, 47, 59, 12, 25, 2, 38, 50, 41],
  sortedLarge20C: [10, 7, 33, 19, 4, 45, 8, 13, 26, 20, 21, 55, 28, 52, 32, 34, 36, 43, 35, 31],
  large5: { v: [4, 4, 5, 5, 5], i: [18, 17, 12, 23, 13] },
};
const C = [4, 2, 3, 6, 4, 3, 6, 6, 0, 6, 1, 1, 6, 0, 2, 0, 0, 4, 6, 5, 5, 0, 4, 3, 1, 6, 0, 5, 1, 0, 5, 5, 6, 5, 5, 5, 0, 2, 1, 4,
  2, 2, 5, 2, 6, 3, 1, 3, 4, 2, 2, 5, 4, 2, 5, 4, 2, 4, 1, 0];
const same = (a: number[], b: number[]) => expect(a.map(String)).to.deep.equal(b.map(String));

describe('torch.sort', () => {
  const rnd = prng(909);
  for (const type of ['Double', 'Float', 'Int', 'Byte', 'Long']) {
    it(`sorts along every dim, ascending or descending, with 1-based indices (${type}), every form`, () => {
      for (let trial = 0; trial < 10; trial++) {
        const sizes = randomSizes(rnd, 3, 14);
        for (const [layout, x] of layouts(type, sizes, rnd, lo(type), 3)) {
          const before = flat(x);
          for (let d = 1; d <= x.dim(); d++) {
            for (const desc of [false, true]) {
              const e = along(arr(x), d - 1, (s) => s.slice().sort(desc ? (a, b) => b - a : asc));
              const [v, i] = desc ? torch.sort(x, d, true) : torch.sort(x, d);
              expect(v.shape, `${layout} dim ${d}`).to.deep.equal(x.shape);
              expect(flat(v), `${layout} dim ${d} desc ${desc}`).to.deep.equal(e.data);
              expectIndexed(x, v, i, d - 1, `${layout} dim ${d}`);
              const rv = x.new(), ri = new torch.LongTensor();
              const out = torch.sort(rv, ri, x, d, desc);
              expect(out[0]).to.equal(rv);
              expect(out[1]).to.equal(ri);
              expect(flat(ri)).to.deep.equal(flat(i));
              const [mv, mi] = x.sort(d, desc);
              expect(flat(mv)).to.deep.equal(e.data);
              expect(flat(mi)).to.deep.equal(flat(i));
            }
          }
          const last = along(arr(x), x.dim() - 1, (s) => s.slice().sort(asc));
          expect(flat(torch.sort(x)[0]), 'default: last dim').to.deep.equal(last.data);
          const lastDesc = along(arr(x), x.dim() - 1, (s) => s.slice().sort((a, b) => b - a));
          expect(flat(torch.sort(x, true)[0]), 'descending along the last dim').to.deep.equal(lastDesc.data);
          const rv = x.new();
          expect(torch.sort(rv, x)[0]).to.equal(rv);
          const ri = new torch.LongTensor();
          // a lone LongTensor result is the indices, unless x is a LongTensor too (then it is the values, as in cwrap)
          expect(torch.sort(ri, x, 1, true)[type === 'Long' ? 0 : 1]).to.equal(ri);
          expect(flat(x), 'input untouched').to.deep.equal(before);
        }
      }
    });
  }

  it('orders ties and NaNs exactly as TH\'s unstable quicksort does', () => {
    for (const type of ['Double', 'Float', 'Int', 'Long']) {
      const [, ia] = torch.sort(make(type, A));
      expect(flat(ia), `${type} ascending`).to.deep.equal(TH.sortAasc);
      const [, id] = torch.sort(make(type, A), 1, true);
      expect(flat(id), `${type} descending`).to.deep.equal(TH.sortAdesc);
    }
    expect(flat(torch.sort(make('Short', C))[1]), '60 elements: several partition rounds').to.deep.equal(TH.sortCasc);
    expect(flat(torch.sort(make('Float', C), true)[1])).to.deep.equal(TH.sortCdesc);
    const x = make('Double', [A, A.map((v) => v)]).t();
    expect(flat(torch.sort(x, 1)[1].select(2, 2) as Tensor), 'strided slices').to.deep.equal(TH.sortAasc);
    for (const type of ['Double', 'Float']) {
      const [v, i] = torch.sort(make(type, B));
      same(flat(v), TH.sortBascV);
      expect(flat(i)).to.deep.equal(TH.sortBascI);
      const [vd, id] = torch.sort(make(type, B), 1, true);
      same(flat(vd), TH.sortBdescV);
      expect(flat(id)).to.deep.equal(TH.sortBdescI);
    }
  });

  it('rejects a bad dim and wrong result types', () => {
    const x = make('Double', [[1, 2], [3, 4]]);
    expect(() => torch.sort(x, 3)).to.throw("bad argument #2 to 'sort' (invalid dimension 3)");
    expect(() => torch.sort(new torch.DoubleTensor())).to.throw("bad argument #2 to 'sort' (invalid dimension 0)");
    expect(() => torch.sort(new torch.FloatTensor(), new torch.LongTensor(), x)).to.throw(/invalid arguments to 'sort'/);
    expect(() => torch.sort(new torch.IntTensor(), x)).to.throw(/invalid arguments to 'sort'/);
  });
});

describe('torch.topk', () => {
  const rnd = prng(1010);
  for (const type of ['Double', 'Float', 'Int', 'Byte']) {
    it(`k smallest (dir false) or largest (dir true) along every dim, sorted or not (${type})`, () => {
      for (let trial = 0; trial < 6; trial++) {
        const sizes = randomSizes(rnd, 3, 10);
        for (const [layout, x] of layouts(type, sizes, rnd, lo(type), 6)) {
          for (let d = 1; d <= x.dim(); d++) {
            const n = x.size(d);
            for (const k of [1, Math.ceil(n / 2), n]) {
              for (const dir of [false, true]) {
                for (const sorted of [false, true]) {
                  const what = `${layout} dim ${d} k ${k} dir ${dir} sorted ${sorted}`;
                  const e = along(arr(x), d - 1, (s) => {
                    const o = s.slice().sort(asc);
                    return dir ? o.slice(n - k).reverse() : o.slice(0, k);
                  });
                  const [v, i] = torch.topk(x, k, d, dir, sorted);
                  expect(v.shape, what).to.deep.equal(e.size);
                  expectIndexed(x, v, i, d - 1, what);
                  if (sorted) expect(flat(v), what).to.deep.equal(e.data);
                  else {
                    const got = along(arr(v), d - 1, (s) => s.slice().sort(asc)).data;
                    expect(got, what).to.deep.equal(along(e, d - 1, (s) => s.slice().sort(asc)).data);
                  }
                }
              }
            }
          }
        }
      }
    });
  }

  it('defaults to k = 1, the last dim, the smallest, unsorted; numbers fill k then dim, booleans dir then sort', () => {
    const x = make('Double', [[5, 1, 4], [2, 8, 0]]);
    expect(torch.topk(x)[0].totable()).to.deep.equal([[1], [0]]);
    expect(torch.topk(x)[1].totable()).to.deep.equal([[2], [3]]);
    expect(torch.topk(x, 2, true, true)[0].totable()).to.deep.equal([[5, 4], [8, 2]]);
    expect(torch.topk(x, 1, 1, true)[0].totable()).to.deep.equal([[5, 8, 4]]);
    expect(torch.topk(x, true)[0].totable()).to.deep.equal([[5], [8]]);
    expect(x.topk(2, 2, false, true)[0].totable()).to.deep.equal([[1, 4], [0, 2]]);
    const rv = x.new(), ri = new torch.LongTensor();
    const out = torch.topk(rv, ri, x, 2, 1, true, true);
    expect(out[0]).to.equal(rv);
    expect(out[1]).to.equal(ri);
    expect(rv.totable()).to.deep.equal([[5, 8, 4], [2, 1, 0]]);
    expect(ri.totable()).to.deep.equal([[1, 2, 1], [2, 1, 2]]);
  });

  it('leaves unsorted results in TH\'s quickselect order', () => {
    const [v, i] = torch.topk(make('Double', A), 5);
    expect(flat(v)).to.deep.equal(TH.small5.v);
    expect(flat(i)).to.deep.equal(TH.small5.i);
    const [vl, il] = torch.topk(make('Int', A), 5, 1, true);
    expect(flat(vl)).to.deep.equal(TH.large5.v);
    expect(flat(il)).to.deep.equal(TH.large5.i);
    expect(flat(torch.topk(make('Double', C), 7)[1])).to.deep.equal(TH.small7C);
    expect(flat(torch.topk(make('Double', C), 7, true)[1])).to.deep.equal(TH.large7C);
    // sorted: TH sorts the first k-1 of the selection (k smallest) or the last k (k largest)
    expect(flat(torch.topk(make('Double', C), 20, 1, false, true)[1])).to.deep.equal(TH.sorted20C);
    expect(flat(torch.topk(make('Double', C), 20, 1, true, true)[1])).to.deep.equal(TH.sortedLarge20C);
    const D = [0, 3, 1, 0, 0, 1, 3, 4, 1, 4, 3, 3, 4, 2, 1, 3, 4, 2, 4, 1, 2, 1, 1, 0, 2, 0, 2, 2, 0, 0, 0, 1, 2, 4, 2, 0, 3, 2, 3,
      0, 0, 2, 0, 4, 3, 0, 1, 1, 3, 0, 1, 3, 0, 0, 2, 4, 2, 0, 1, 3, 4, 2, 1, 3, 2, 1, 3, 4, 1];
    expect(flat(torch.topk(make('Long', D), 29, 1, false, true)[1])).to.deep.equal(
      [50, 53, 36, 40, 41, 43, 46, 1, 29, 31, 24, 26, 54, 58, 5, 4, 30, 69, 6, 20, 47, 32, 48, 51, 59, 63, 66, 9, 15]);
  });

  it('rejects k and dim out of range', () => {
    const x = make('Double', [[1, 2], [3, 4]]);
    expect(() => torch.topk(x, 3)).to.throw("bad argument #2 to 'topk' (k not in range for dimension)");
    expect(() => torch.topk(x, 0)).to.throw("bad argument #2 to 'topk' (k not in range for dimension)");
    expect(() => torch.topk(x, 1, 3)).to.throw("bad argument #3 to 'topk' (dim not in range)");
  });
});

describe('torch.kthvalue / median / mode', () => {
  const rnd = prng(1111);
  for (const type of ['Double', 'Float', 'Int', 'Byte', 'Long']) {
    it(`k-th smallest, lower median and mode along every dim, dim kept (${type})`, () => {
      for (let trial = 0; trial < 10; trial++) {
        const sizes = randomSizes(rnd, 3, 9);
        for (const [layout, x] of layouts(type, sizes, rnd, lo(type), 4)) {
          for (let d = 1; d <= x.dim(); d++) {
            const n = x.size(d);
            const k = 1 + Math.floor(rnd() * n);
            const ek = along(arr(x), d - 1, (s) => [s.slice().sort(asc)[k - 1]]);
            const [kv, ki] = torch.kthvalue(x, k, d);
            expect(kv.shape, `${layout} dim ${d}`).to.deep.equal(ek.size);
            expect(flat(kv), `${layout} kthvalue k ${k} dim ${d}`).to.deep.equal(ek.data);
            expectIndexed(x, kv, ki, d - 1, `${layout} kthvalue`);
            const em = along(arr(x), d - 1, (s) => [s.slice().sort(asc)[(s.length - 1) >> 1]]);
            const [mv, mi] = torch.median(x, d);
            expect(flat(mv), `${layout} median dim ${d}`).to.deep.equal(em.data);
            expectIndexed(x, mv, mi, d - 1, `${layout} median`);
            const eo = along(arr(x), d - 1, (s) => {
              const counts = new Map<number, number>();
              for (const v of s) counts.set(v, (counts.get(v) ?? 0) + 1);
              const best = Math.max(...counts.values());
              return [Math.min(...[...counts].filter(([, c]) => c === best).map(([v]) => v))];
            });
            const [ov, oi] = x.mode(d);
            expect(flat(ov), `${layout} mode dim ${d}`).to.deep.equal(eo.data);
            expectIndexed(x, ov, oi, d - 1, `${layout} mode`);
            const rv = x.new(), ri = new torch.LongTensor();
            const out = T.kthvalue(rv, ri, x, k, d);
            expect(out[0]).to.equal(rv);
            expect(out[1]).to.equal(ri);
            expect(flat(rv)).to.deep.equal(ek.data);
          }
          const last = x.dim();
          expect(flat(x.median()[0]), 'median: last dim by default').to.deep.equal(flat(torch.median(x, last)[0]));
          expect(flat(torch.mode(x)[0]), 'mode: last dim by default').to.deep.equal(flat(x.mode(last)[0]));
          expect(flat(x.kthvalue(1)[0]), 'kthvalue: last dim by default').to.deep.equal(flat(torch.min(x, last)[0]));
        }
      }
    });
  }

  it('reports the index TH\'s quickselect and quicksort leave on ties', () => {
    const a = make('Double', A);
    expect(torch.kthvalue(a, 7).map((t: Tensor) => flat(t)[0])).to.deep.equal([1, 2]);
    expect(torch.median(a).map((t: Tensor) => flat(t)[0])).to.deep.equal([2, 9]);
    expect(torch.mode(a).map((t: Tensor) => flat(t)[0])).to.deep.equal([2, 20]);
    for (const [k, v, i] of TH.kthC) expect(torch.kthvalue(make('Double', C), k).map((t: Tensor) => flat(t)[0])).to.deep.equal([v, i]);
    const even = make('Double', [[4, 1, 3, 2]]);
    expect(flat(torch.median(even)[0]), 'lower median of an even count').to.deep.equal([2]);
  });

  it('rejects k and dims out of range', () => {
    const x = make('Double', [[1, 2], [3, 4]]);
    expect(() => torch.kthvalue(x, 3)).to.throw("bad argument #2 to 'kthvalue' (selected index out of range)");
    expect(() => torch.kthvalue(x, 0, 1)).to.throw("bad argument #2 to 'kthvalue' (selected index out of range)");
    expect(() => torch.kthvalue(x, 1, 3)).to.throw("bad argument #3 to 'kthvalue' (dimension out of range)");
    expect(() => torch.median(x, 0)).to.throw("bad argument #3 to 'median' (dimension out of range)");
    expect(() => torch.mode(x, 3)).to.throw("bad argument #3 to 'mode' (dimension out of range)");
    expect(() => torch.kthvalue(x)).to.throw(/invalid arguments to 'kthvalue'/);
  });
});
