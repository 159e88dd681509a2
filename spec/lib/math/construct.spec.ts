import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { expectClose, flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

const rnd = prng(7081);
const ri = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const T = (type: string, ...sizes: number[]): Tensor => new (torch as any)[`${type}Tensor`](...sizes);
const f32 = Math.fround;
const D = (a: unknown) => new torch.DoubleTensor(a);

/** Element (i, j) (0-based) of a matrix. */
const at = (t: Tensor, i: number, j: number) => t.get(i + 1, j + 1);

describe('range', () => {
  it('is inclusive, with floor((y-x)/step)+1 elements (maths.md examples)', () => {
    const a = torch.range(2, 5);
    expect(a.type()).to.equal('torch.DoubleTensor');
    expect(a.totable()).to.deep.equal([2, 3, 4, 5]);
    expect(torch.range(2, 5, 1.2).totable()).to.deep.equal([2, 2 + 1.2, 2 + 2 * 1.2]);
    expect(torch.range(5, 1, -2).totable()).to.deep.equal([5, 3, 1]);
    expect(torch.range(3, 3).totable()).to.deep.equal([3]);
  });

  it('matches x + i*step on random arguments, per type (integer types truncate the arguments)', () => {
    for (const type of ['Double', 'Float', 'Long', 'Int', 'Short']) {
      for (let n = 0; n < 20; n++) {
        const x0 = (rnd() - 0.5) * 40, step0 = (rnd() < 0.5 ? -1 : 1) * (0.3 + rnd() * 3);
        const y0 = x0 + step0 * ri(0, 30) + step0 * rnd() * 0.9;
        let x = x0, y = y0, step = step0;
        if (type !== 'Double' && type !== 'Float') { x = Math.trunc(x); y = Math.trunc(y); step = Math.trunc(step); }
        if (step === 0 || (step > 0 && y < x) || (step < 0 && y > x)) {
          expect(() => torch.range(T(type), x0, y0, step0)).to.throw(/bad argument #[23] to 'range'/);
          continue;
        }
        const res = torch.range(T(type), x0, y0, step0);
        const size = Math.trunc((y - x) / step + 1);
        const expected = Array.from({ length: size }, (_, i) => x + i * step);
        expect(res.dim()).to.equal(1);
        expectClose(res, type === 'Float' ? expected.map(f32) : expected, 0);
      }
    }
  });

  it('writes into res, keeping its shape when the element count already matches (row-major through strides)', () => {
    const res = T('Int', 2, 3);
    expect(torch.range(res, 1, 6)).to.equal(res);
    expect(res.totable()).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
    const view = nonContiguous(T('Double', 2, 3).zero());
    torch.range(view, 1, 6);
    expect(view.isContiguous()).to.equal(false);
    expect(view.totable()).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
    const x = T('Float');
    expect(x.range(1, 2, 0.5)).to.equal(x);
    expect(x.totable()).to.deep.equal([1, 1.5, 2]);
  });

  it('uses the default type, or a trailing type name', () => {
    expect(torch.range(1, 3, 'torch.IntTensor').type()).to.equal('torch.IntTensor');
    expect(torch.range(1, 3, 1, 'torch.FloatTensor').type()).to.equal('torch.FloatTensor');
    torch.setdefaulttensortype('torch.FloatTensor');
    try {
      expect(torch.range(1, 3).type()).to.equal('torch.FloatTensor');
    } finally {
      torch.setdefaulttensortype('torch.DoubleTensor');
    }
    expect(() => torch.range(1, 3, 'torch.NopeTensor')).to.throw(/unknown tensor type/);
  });

  it('raises Torch\'s errors', () => {
    expect(() => torch.range(1, 5, 0)).to.throw("bad argument #3 to 'range' (step must be a non-null number)");
    expect(() => torch.range(5, 1)).to.throw("bad argument #2 to 'range' (upper bound and larger bound incoherent with step sign)");
    expect(() => torch.range(1, 5, -1)).to.throw("bad argument #2 to 'range' (upper bound and larger bound incoherent with step sign)");
    // an integer type truncates step 0.5 to 0
    expect(() => torch.range(T('Int'), 1, 5, 0.5)).to.throw('step must be a non-null number');
  });
});

describe('linspace / logspace', () => {
  it('linspace(a, b, n) = a + i*(b-a)/(n-1); n defaults to 100', () => {
    expect(torch.linspace(0, 1, 5).totable()).to.deep.equal([0, 0.25, 0.5, 0.75, 1]);
    const d = torch.linspace(-1, 2);
    expect(d.size(1)).to.equal(100);
    expectClose(d, Array.from({ length: 100 }, (_, i) => -1 + i * 3 / 99), 0);
    for (let n = 0; n < 10; n++) {
      const a = (rnd() - 0.5) * 10, b = (rnd() - 0.5) * 10, k = ri(2, 40);
      expectClose(torch.linspace(a, b, k), Array.from({ length: k }, (_, i) => a + i * (b - a) / (k - 1)), 0);
      const fa = f32(a), fb = f32(b), w = f32(fb - fa), den = f32(k - 1);
      expectClose(torch.linspace(T('Float'), a, b, k), Array.from({ length: k }, (_, i) => f32(fa + f32(f32(i * w) / den))), 0);
    }
  });

  it('logspace(a, b, n) = 10^(linspace)', () => {
    expectClose(torch.logspace(0, 2, 3), [1, 10, 100], 1e-15);
    expect(torch.logspace(-1, 1).size(1)).to.equal(100);
    const exps = Array.from({ length: 7 }, (_, i) => -2 + i * 5 / 6);
    expectClose(torch.logspace(-2, 3, 7), exps.map((e) => Math.pow(10, e)), 1e-15);
    expectClose(torch.logspace(T('Float'), -2, 3, 7), exps.map((e) => Math.pow(10, e)), 1e-6);
  });

  it('n = 1 needs a == b', () => {
    expect(torch.linspace(3, 3, 1).totable()).to.deep.equal([3]);
    expect(torch.logspace(2, 2, 1).totable()).to.deep.equal([100]);
    expect(() => torch.linspace(1, 2, 1)).to.throw("bad argument #3 to 'linspace' (invalid number of points)");
    expect(() => torch.logspace(1, 2, 0)).to.throw("bad argument #3 to 'logspace' (invalid number of points)");
  });

  it('result forms: res (shape kept when the count matches), method; float types only', () => {
    const res = T('Double', 2, 2);
    expect(torch.linspace(res, 1, 4, 4)).to.equal(res);
    expect(res.totable()).to.deep.equal([[1, 2], [3, 4]]);
    const x = T('Float');
    expect(x.logspace(0, 1, 2)).to.equal(x);
    expect(x.totable()).to.deep.equal([1, 10]);
    expect(() => torch.linspace(T('Int'), 0, 1, 3)).to.throw('torch.IntTensor does not implement the torch.linspace() function');
    expect(() => T('Long').logspace(0, 1, 3)).to.throw('torch.LongTensor does not implement the torch.logspace() function');
  });
});

describe('eye', () => {
  it('n x n or n x m identity (m <= 0 means n)', () => {
    expect(torch.eye(3).totable()).to.deep.equal([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(torch.eye(2, 3).totable()).to.deep.equal([[1, 0, 0], [0, 1, 0]]);
    expect(torch.eye(3, 2).totable()).to.deep.equal([[1, 0], [0, 1], [0, 0]]);
    expect(torch.eye(2, 0).totable()).to.deep.equal([[1, 0], [0, 1]]);
    expect(torch.eye(1).type()).to.equal('torch.DoubleTensor');
  });

  it('res and method forms write into the tensor, of its type', () => {
    const res = T('Int', 5).fill(7);
    expect(torch.eye(res, 2)).to.equal(res);
    expect(res.totable()).to.deep.equal([[1, 0], [0, 1]]);
    const x = T('Byte');
    expect(x.eye(2, 3)).to.equal(x);
    expect(x.totable()).to.deep.equal([[1, 0, 0], [0, 1, 0]]);
    expect(torch.eye(2, 'torch.LongTensor').type()).to.equal('torch.LongTensor');
  });

  it('n must be positive', () => {
    expect(() => torch.eye(0)).to.throw("bad argument #1 to 'eye' (invalid argument)");
  });
});

describe('diag', () => {
  const refMatrix = (v: number[], k: number) => {
    const n = v.length + Math.abs(k);
    const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    v.forEach((x, i) => { m[k >= 0 ? i : i - k][k >= 0 ? i + k : i] = x; });
    return m;
  };
  const refDiag = (t: Tensor, k: number) => {
    const out: number[] = [];
    for (let i = 0; i < t.size(1); i++) {
      const j = i + k;
      if (j >= 0 && j < t.size(2)) out.push(at(t, i, j));
    }
    return out;
  };

  it('vector -> square matrix with the vector on the k-th diagonal', () => {
    expect(torch.diag(torch.range(1, 2)).totable()).to.deep.equal([[1, 0], [0, 2]]);
    for (const type of ['Double', 'Float', 'Int']) {
      for (const k of [0, 1, 2, -1, -3]) {
        const v = randomTensor(type, [ri(1, 5)], rnd);
        for (const x of [v, nonContiguous(v)]) {
          const r = torch.diag(x, k);
          expect(r.type()).to.equal(`torch.${type}Tensor`);
          expect(r.totable()).to.deep.equal(refMatrix(flat(v), k));
        }
      }
    }
  });

  it('matrix -> its k-th diagonal, any strides; empty when k is past the corner', () => {
    for (const type of ['Double', 'Float', 'Long']) {
      for (const k of [0, 1, 3, -1, -2]) {
        const m = randomTensor(type, [ri(1, 5), ri(1, 5)], rnd);
        for (const x of [m, nonContiguous(m), m.t()]) {
          const r = torch.diag(x, k);
          const want = refDiag(x, k);
          if (want.length === 0) expect(r.dim()).to.equal(0);
          else expect(r.totable()).to.deep.equal(want);
        }
      }
    }
    const e = torch.range(1, 3).resize(3, 1).expand(3, 4);
    expect(torch.diag(e, 1).totable()).to.deep.equal([1, 2, 3]);
  });

  it('res / method forms and errors', () => {
    const x = torch.range(1, 3);
    const m = x.diag();
    expect(m.size().totable()).to.deep.equal([3, 3]);
    expect(x.totable()).to.deep.equal([1, 2, 3]);
    expect(m.diag(1).totable()).to.deep.equal([0, 0]);
    const res = T('Double');
    expect(torch.diag(res, m)).to.equal(res);
    expect(res.totable()).to.deep.equal([1, 2, 3]);
    expect(res.diag(x, -1)).to.equal(res);
    expect(res.size().totable()).to.deep.equal([4, 4]);
    expect(() => torch.diag(T('Double', 2, 2, 2))).to.throw("bad argument #1 to 'diag' (matrix or a vector expected)");
    expect(() => torch.diag(T('Float'), x)).to.throw(/invalid arguments to 'diag'/);
  });
});

describe('tril / triu', () => {
  const ref = (t: Tensor, k: number, lower: boolean) =>
    Array.from({ length: t.size(1) }, (_, i) => Array.from({ length: t.size(2) }, (_, j) =>
      (lower ? j - i <= k : j - i >= k) ? at(t, i, j) : 0));

  it('keep the elements on and below (tril) / above (triu) the k-th diagonal', () => {
    const m = torch.range(1, 9).resize(3, 3);
    expect(torch.tril(m).totable()).to.deep.equal([[1, 0, 0], [4, 5, 0], [7, 8, 9]]);
    expect(torch.triu(m, 1).totable()).to.deep.equal([[0, 2, 3], [0, 0, 6], [0, 0, 0]]);
    for (const type of ['Double', 'Float', 'Int', 'Byte']) {
      for (let n = 0; n < 6; n++) {
        const r = ri(1, 6), c = ri(1, 6), k = ri(-7, 7);
        const x = randomTensor(type, [r, c], rnd, 0, 9);
        for (const v of [x, nonContiguous(x), x.t(), x.narrow(2, 1, 1).expand(r, c)]) {
          expect(torch.tril(v, k).totable(), `tril k=${k}`).to.deep.equal(ref(v, k, true));
          expect(torch.triu(v, k).totable(), `triu k=${k}`).to.deep.equal(ref(v, k, false));
          expect(torch.tril(v, k).type()).to.equal(`torch.${type}Tensor`);
        }
      }
    }
  });

  it('res / method / in-place forms and errors', () => {
    const m = torch.range(1, 6).resize(2, 3);
    const low = m.tril();
    expect(low.totable()).to.deep.equal([[1, 0, 0], [4, 5, 0]]);
    expect(m.totable()).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
    const res = T('Double', 7).fill(9);
    expect(res.triu(m, -1)).to.equal(res);
    expect(res.totable()).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
    const y = m.clone();
    expect(torch.triu(y, y, 1)).to.equal(y);
    expect(y.totable()).to.deep.equal([[0, 2, 3], [0, 0, 6]]);
    expect(() => torch.tril(torch.range(1, 3))).to.throw("bad argument #1 to 'tril' (expected a matrix)");
    expect(() => torch.triu(T('Double', 2, 2, 2))).to.throw("bad argument #1 to 'triu' (expected a matrix)");
    expect(() => torch.tril(T('Int'), m)).to.throw(/invalid arguments to 'tril'/);
  });
});

describe('histc / bhistc', () => {
  /** TH's loop in double (or float for FloatTensor). */
  function refHist(values: number[], nbins: number, lo: number, hi: number, float: boolean): number[] {
    const f = float ? f32 : (v: number) => v;
    let min = f(lo), max = f(hi);
    if (min === max) { min = Math.min(...values); max = Math.max(...values); }
    if (min === max) { min = f(min - 1); max = f(max + 1); }
    const h = new Array<number>(nbins).fill(0);
    for (const v of values) {
      if (v >= min && v <= max) {
        const b = float ? Math.trunc(f32(f32(f32(v - min) / f32(max - min)) * f32(nbins))) : Math.trunc((v - min) / (max - min) * nbins);
        h[Math.min(b, nbins - 1)]++;
      }
    }
    return h;
  }

  it('counts into nbins equal bins over [min, max]; max falls in the last bin', () => {
    expect(torch.histc(D([1, 2, 1]), 2).totable()).to.deep.equal([2, 1]);
    expect(torch.histc(D([0, 0.5, 1, 1.5, 3]), 3, 0, 1.5).totable()).to.deep.equal([1, 1, 2]);
    const h = torch.histc(torch.range(1, 250));
    expect(h.size(1)).to.equal(100);
    expect(flat(h).reduce((a, b) => a + b)).to.equal(250);
    // a constant input widens the range by 1 each way: everything lands in the middle bin
    expect(torch.histc(D([4, 4]), 4).totable()).to.deep.equal([0, 0, 2, 0]);
  });

  it('matches TH\'s loop on random data, Double and Float, any strides, each argument form', () => {
    for (const type of ['Double', 'Float']) {
      for (let n = 0; n < 8; n++) {
        const x = randomTensor(type, [ri(1, 6), ri(1, 6)], rnd, -5, 5);
        const v = flat(x), float = type === 'Float';
        const nb = ri(1, 12), lo = -3 + rnd(), hi = 2 + rnd();
        for (const y of [x, nonContiguous(x), x.t(), x.narrow(1, 1, 1).expand(x.shape)]) {
          const vy = flat(y);
          expect(flat(torch.histc(y))).to.deep.equal(refHist(vy, 100, 0, 0, float));
          expect(flat(torch.histc(y, nb))).to.deep.equal(refHist(vy, nb, 0, 0, float));
          expect(flat(torch.histc(y, nb, lo))).to.deep.equal(refHist(vy, nb, lo, 0, float));
          expect(flat(torch.histc(y, nb, lo, hi))).to.deep.equal(refHist(vy, nb, lo, hi, float));
        }
        const res = T(type, 3);
        expect(torch.histc(res, x, nb, lo, hi)).to.equal(res);
        expect(flat(res)).to.deep.equal(refHist(v, nb, lo, hi, float));
        expect(x.histc(nb).type()).to.equal(`torch.${type}Tensor`);
        const r2 = T(type);
        expect(r2.histc(x, nb)).to.equal(r2);
        expect(flat(r2)).to.deep.equal(refHist(v, nb, 0, 0, float));
      }
    }
  });

  it('ignores NaN data (min/max become NaN) and rejects non-float types', () => {
    expect(flat(torch.histc(D([1, NaN, 2]), 2))).to.deep.equal([0, 0]);
    expect(flat(torch.histc(D([0.5, NaN, 2]), 2, 0, 2))).to.deep.equal([1, 1]);
    expect(() => torch.histc(T('Int', 3).zero())).to.throw('torch.IntTensor does not implement the torch.histc() function');
    expect(() => torch.histc(T('Float'), D([1]))).to.throw(/invalid arguments to 'histc'/);
    expect(() => torch.histc(D([1]), 0)).to.throw("bad argument #2 to 'histc'");
    expect(() => torch.histc(T('Double'))).to.throw("bad argument #1 to 'histc' (tensor must have one dimension)");
  });

  it('bhistc: one histogram per row (maths.md example), global min/max', () => {
    const x = D([[2, 4, 2, 2, 5, 4], [3, 5, 1, 5, 3, 5], [3, 4, 2, 5, 5, 1]]);
    expect(torch.bhistc(x, 5, 1, 5).totable()).to.deep.equal([[0, 3, 0, 2, 1], [1, 0, 2, 0, 3], [1, 1, 1, 1, 2]]);
    for (const type of ['Double', 'Float']) {
      const m = randomTensor(type, [ri(1, 5), ri(1, 7)], rnd, -4, 4);
      for (const y of [m, nonContiguous(m)]) {
        const nb = ri(1, 9);
        const all = flat(y);
        const lo = Math.min(...all), hi = Math.max(...all);
        const got = torch.bhistc(y, nb);
        expect(got.size().totable()).to.deep.equal([y.size(1), nb]);
        for (let r = 1; r <= y.size(1); r++) {
          expect(flat(got.selectTensor(1, r))).to.deep.equal(refHist(flat(y.selectTensor(1, r)), nb, lo, hi, type === 'Float'));
        }
      }
    }
    expect(() => torch.bhistc(D([1, 2]))).to.throw("bad argument #2 to 'bhistc' (invalid dimension 2)");
    expect(() => torch.bhistc(T('Double', 2, 2, 2))).to.throw("bad argument #2 to 'bhistc' (invalid dimension 3, the input must be a 2d tensor)");
  });
});
