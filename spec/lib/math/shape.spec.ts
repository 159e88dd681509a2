import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

const rnd = prng(4242);
const ri = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const T = (type: string, ...sizes: number[]): Tensor => new (torch as any)[`${type}Tensor`](...sizes);
const D = (a: unknown) => new torch.DoubleTensor(a);

/** Offsets of a row-major index into sizes. */
function unravel(k: number, sizes: number[]): number[] {
  const idx = new Array<number>(sizes.length);
  for (let d = sizes.length - 1; d >= 0; d--) { idx[d] = k % sizes[d]; k = Math.floor(k / sizes[d]); }
  return idx;
}
/** Element at 0-based indices. */
const at = (t: Tensor, idx: number[]) => t.get(...idx.map((i) => i + 1));

/** Plain-loop concatenation of same-rank tensors along the 0-based dim d. */
function refCat(ts: Tensor[], d: number): { size: number[]; values: number[] } {
  const size = ts[0].shape;
  size[d] = ts.reduce((s, t) => s + t.size(d + 1), 0);
  const n = size.reduce((a, b) => a * b, 1);
  const values: number[] = [];
  for (let k = 0; k < n; k++) {
    const idx = unravel(k, size);
    let j = 0, i = idx[d];
    while (i >= ts[j].size(d + 1)) { i -= ts[j].size(d + 1); j++; }
    idx[d] = i;
    values.push(at(ts[j], idx));
  }
  return { size, values };
}

/** Some layout of the same values: contiguous, non-contiguous, or a zero-stride expand when possible. */
function layout(t: Tensor, which: number): Tensor {
  if (which === 1) return nonContiguous(t);
  if (which === 2 && t.size(1) > 1) return t.narrow(1, 1, 1).expand(t.shape);
  return t;
}

describe('cat', () => {
  it('maths.md examples (default dim = last dim)', () => {
    const a = torch.cat(torch.ones(3), torch.zeros(2));
    expect(a.totable()).to.deep.equal([1, 1, 1, 0, 0]);
    expect(torch.cat(torch.ones(3, 2), torch.zeros(2, 2), 1).totable()).to.deep.equal([[1, 1], [1, 1], [1, 1], [0, 0], [0, 0]]);
    expect(torch.cat(torch.ones(2, 2), torch.zeros(2, 2), 2).totable()).to.deep.equal([[1, 1, 0, 0], [1, 1, 0, 0]]);
    expect(torch.cat(torch.ones(2, 2), torch.zeros(2, 2)).totable()).to.deep.equal([[1, 1, 0, 0], [1, 1, 0, 0]]);
    const r = D([[5, 6], [7, 8], [9, 10]]);
    expect(torch.cat([torch.ones(2, 2), torch.zeros(2, 2), r], 1).totable())
      .to.deep.equal([[1, 1], [1, 1], [0, 0], [0, 0], [5, 6], [7, 8], [9, 10]]);
    expect(torch.cat([new torch.DoubleTensor(), r], 1).totable()).to.deep.equal(r.totable());
  });

  it('matches a plain loop for random shapes, dims, types and layouts (two-tensor and array forms)', () => {
    for (const type of ['Double', 'Float', 'Int', 'Byte']) {
      for (let n = 0; n < 12; n++) {
        const nd = ri(1, 4), d = ri(0, nd - 1), k = ri(2, 4);
        const base = Array.from({ length: nd }, () => ri(1, 4));
        const ts = Array.from({ length: k }, () => {
          const s = base.slice(); s[d] = ri(1, 3);
          return layout(randomTensor(type, s, rnd, 0, 50), ri(0, 2));
        });
        const want = refCat(ts, d);
        const got = torch.cat(ts, d + 1);
        expect(got.type()).to.equal(`torch.${type}Tensor`);
        expect(got.shape).to.deep.equal(want.size);
        expect(flat(got)).to.deep.equal(want.values);
        const two = torch.cat(ts[0], ts[1], d + 1);
        expect(flat(two)).to.deep.equal(refCat(ts.slice(0, 2), d).values);
        if (d === nd - 1) expect(flat(torch.cat(ts))).to.deep.equal(want.values);
      }
    }
  });

  it('res forms write into res (also a non-contiguous one); method x.cat(y) allocates', () => {
    const a = torch.range(1, 4).resize(2, 2), b = torch.range(5, 8).resize(2, 2);
    const res = T('Double', 9).fill(-1);
    expect(torch.cat(res, a, b, 1)).to.equal(res);
    expect(res.totable()).to.deep.equal([[1, 2], [3, 4], [5, 6], [7, 8]]);
    const res2 = T('Double');
    expect(torch.cat(res2, [a, b])).to.equal(res2);
    expect(res2.totable()).to.deep.equal([[1, 2, 5, 6], [3, 4, 7, 8]]);
    const c = a.cat(b, 1);
    expect(c).to.not.equal(a);
    expect(c.totable()).to.deep.equal([[1, 2], [3, 4], [5, 6], [7, 8]]);
    expect(a.totable()).to.deep.equal([[1, 2], [3, 4]]);
    const r3 = T('Double');
    expect(r3.cat(a, b)).to.equal(r3);
    expect(r3.cat([a, b, a], 1).size().totable()).to.deep.equal([6, 2]);
    const nc = nonContiguous(T('Double', 4, 2).zero());
    torch.cat(nc, a, b, 1);
    expect(nc.totable()).to.deep.equal([[1, 2], [3, 4], [5, 6], [7, 8]]);
  });

  it('default dim is the last dim of the input with the most dims; missing dims count as 1', () => {
    // 1-D (2) and 2-D (2x3): cat along dim 2; the vector becomes a column
    expect(torch.cat(D([10, 20]), torch.range(1, 6).resize(2, 3)).totable()).to.deep.equal([[10, 1, 2, 3], [20, 4, 5, 6]]);
    // a dim past the inputs' dims adds dims of size 1
    const r = torch.cat(torch.ones(2, 3), torch.zeros(2, 3), 3);
    expect(r.size().totable()).to.deep.equal([2, 3, 2]);
    expect(flat(r.selectTensor(3, 1))).to.deep.equal(new Array(6).fill(1));
    expect(flat(r.selectTensor(3, 2))).to.deep.equal(new Array(6).fill(0));
    expect(torch.cat(D([1]), D([2]), -1).totable()).to.deep.equal([1, 2]);
  });

  it('skips empty tensors; only empty inputs leave the result empty', () => {
    const e = new torch.DoubleTensor();
    expect(torch.cat(e, D([1, 2])).totable()).to.deep.equal([1, 2]);
    expect(torch.cat([D([1]), e, D([2, 3]), e]).totable()).to.deep.equal([1, 2, 3]);
    expect(torch.cat(e, new torch.DoubleTensor()).dim()).to.equal(0);
  });

  it('raises Torch\'s errors', () => {
    expect(() => torch.cat(torch.ones(2, 3), torch.ones(3, 3), 2)).to.throw('inconsistent tensor sizes');
    expect(() => torch.cat(torch.ones(3), torch.ones(2, 3))).to.throw('inconsistent tensor sizes');
    expect(() => torch.cat(torch.ones(2), torch.ones(2), 0)).to.throw("bad argument #4 to 'cat' (invalid dimension 0)");
    expect(() => torch.cat([torch.ones(2), torch.ones(2).float()])).to.throw('expected DoubleTensor in tensor array');
    expect(() => torch.cat(T('Float'), [torch.ones(2)])).to.throw('expected FloatTensor in tensor array');
    expect(() => torch.cat([torch.ones(2), 3])).to.throw('expected DoubleTensor in tensor array');
    expect(() => torch.cat([])).to.throw(/invalid arguments to 'cat'/);
    expect(() => torch.cat(torch.ones(2), torch.ones(2).int())).to.throw(/invalid arguments to 'cat'/);
  });
});

describe('reshape', () => {
  it('copies the elements, row-major, into the new sizes', () => {
    for (const type of ['Double', 'Float', 'Long', 'Short']) {
      for (let n = 0; n < 8; n++) {
        const x = layout(randomTensor(type, [ri(1, 4), ri(1, 4), ri(1, 3)], rnd), ri(0, 2));
        const sizes = [x.size(2), x.size(1) * x.size(3)];
        const r = torch.reshape(x, ...sizes);
        expect(r.type()).to.equal(`torch.${type}Tensor`);
        expect(r.shape).to.deep.equal(sizes);
        expect(flat(r)).to.deep.equal(flat(x));
        expect(r.storage()).to.not.equal(x.storage());
        expect(flat(torch.reshape(x, new torch.LongStorage([x.nElement()])))).to.deep.equal(flat(x));
        expect(flat(x.reshape([1, x.nElement()]))).to.deep.equal(flat(x));
      }
    }
  });

  it('res forms and errors', () => {
    const x = torch.range(1, 6);
    const res = T('Double', 10);
    expect(torch.reshape(res, x, 2, 3)).to.equal(res);
    expect(res.totable()).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
    const r2 = T('Double');
    expect(r2.reshape(x, new torch.LongStorage([3, 2]))).to.equal(r2);
    expect(r2.totable()).to.deep.equal([[1, 2], [3, 4], [5, 6]]);
    expect(() => torch.reshape(x, 4, 2)).to.throw('inconsistent tensor size');
    expect(() => torch.reshape(T('Float'), x, 6)).to.throw(/invalid arguments to 'reshape'/);
  });
});

describe('repeatTensor', () => {
  /** out[i] = x[i mod xsize] with x's sizes padded by leading 1s. */
  function refRepeat(x: Tensor, reps: number[]): { size: number[]; values: number[] } {
    const xs = new Array<number>(reps.length - x.dim()).fill(1).concat(x.shape);
    const size = xs.map((s, i) => s * reps[i]);
    const n = size.reduce((a, b) => a * b, 1);
    const values: number[] = [];
    for (let k = 0; k < n; k++) {
      const idx = unravel(k, size).map((i, d) => i % xs[d]).slice(reps.length - x.dim());
      values.push(at(x, idx));
    }
    return { size, values };
  }

  it('tensor.md example: a vector repeated 3x2 and 3x2x1', () => {
    const x = D([1, 2, 3, 4, 5]);
    expect(torch.repeatTensor(x, 3, 2).totable()).to.deep.equal(new Array(3).fill([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]));
    const r = torch.repeatTensor(x, 3, 2, 1);
    expect(r.size().totable()).to.deep.equal([3, 2, 5]);
    expect(flat(r)).to.deep.equal(new Array(6).fill([1, 2, 3, 4, 5]).flat());
  });

  it('matches a plain loop for random shapes, extra leading dims, types and layouts', () => {
    for (const type of ['Double', 'Float', 'Int', 'Char']) {
      for (let n = 0; n < 10; n++) {
        const nd = ri(1, 3);
        const x = layout(randomTensor(type, Array.from({ length: nd }, () => ri(1, 4)), rnd, -9, 9), ri(0, 2));
        const reps = Array.from({ length: nd + ri(0, 2) }, () => ri(1, 3));
        const want = refRepeat(x, reps);
        const got = torch.repeatTensor(x, ...reps);
        expect(got.type()).to.equal(`torch.${type}Tensor`);
        expect(got.shape).to.deep.equal(want.size);
        expect(flat(got)).to.deep.equal(want.values);
        expect(flat(x.repeatTensor(new torch.LongStorage(reps)))).to.deep.equal(want.values);
      }
    }
  });

  it('res forms (also of another type, converted as copy does) and the method form', () => {
    const x = D([[1, 2], [3, 4]]);
    const res = T('Double', 3);
    expect(torch.repeatTensor(res, x, 1, 2)).to.equal(res);
    expect(res.totable()).to.deep.equal([[1, 2, 1, 2], [3, 4, 3, 4]]);
    const ires = T('Int');
    expect(ires.repeatTensor(D([1.5, -2.5]), 2)).to.equal(ires);
    expect(ires.totable()).to.deep.equal([1, -2, 1, -2]);
    const y = x.repeatTensor(2, 1);
    expect(y).to.not.equal(x);
    expect(y.totable()).to.deep.equal([[1, 2], [3, 4], [1, 2], [3, 4]]);
    expect(x.totable()).to.deep.equal([[1, 2], [3, 4]]);
    const self = D([7, 8]);
    expect(self.repeatTensor(self, 2).totable()).to.deep.equal([7, 8, 7, 8]);
  });

  it('needs at least as many sizes as dims', () => {
    expect(() => torch.repeatTensor(torch.ones(2, 2), 2))
      .to.throw('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
    expect(() => torch.repeatTensor(torch.ones(2), 0)).to.throw("bad argument #2 to 'repeatTensor'");
  });
});
