import { expect } from 'chai';
import { torch } from '../../../lib/index.js';
import { expectClose, flat, nonContiguous, randomTensor } from '../../helpers.js';
import { make, prng } from './ref.js';

const crossRef = (a: number[], b: number[]) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

describe('torch.trace', () => {
  const rnd = prng(404);
  for (const type of ['Double', 'Float', 'Int', 'Long']) {
    it(`sums the diagonal of any matrix (${type}), strided or not`, () => {
      for (const [r, c] of [[1, 1], [3, 3], [2, 5], [6, 4]]) {
        const x = randomTensor(type, [r, c], rnd, -5, 5);
        const rows = x.totable() as number[][];
        let e = 0;
        for (let i = 0; i < Math.min(r, c); i++) e += rows[i][i];
        expect(torch.trace(x)).to.equal(e);
        expect(nonContiguous(x).trace()).to.equal(e);
        expect(torch.trace(x.t())).to.equal(e);
      }
    });
  }
  it('wants a matrix', () => {
    expect(() => torch.trace(new torch.DoubleTensor(3))).to.throw("bad argument #1 to 'trace' (expected a matrix)");
    expect(() => torch.trace(new torch.DoubleTensor(2, 2, 2))).to.throw(/expected a matrix/);
  });
});

describe('torch.cross', () => {
  const rnd = prng(505);
  for (const type of ['Double', 'Float', 'Int']) {
    it(`cross products along the given dim or the first dim of size 3 (${type}), every form`, () => {
      for (const sizes of [[3], [3, 4], [4, 3], [2, 3, 3], [3, 2, 3]]) {
        const a = randomTensor(type, sizes, rnd, -4, 4), b = randomTensor(type, sizes, rnd, -4, 4);
        const tol = type === 'Float' ? 1e-5 : 0;
        for (let d = 1; d <= sizes.length; d++) {
          if (sizes[d - 1] !== 3) continue;
          const expected = crossAlong(flat(a), flat(b), sizes, d - 1);
          expectClose(torch.cross(a, b, d), expected, tol);
          expectClose(nonContiguous(a).cross(nonContiguous(b), d), expected, tol);
          const res = a.new();
          expect(torch.cross(res, a, b, d)).to.equal(res);
          expectClose(res, expected, tol);
        }
        const first = sizes.indexOf(3);
        const expected = crossAlong(flat(a), flat(b), sizes, first);
        expectClose(torch.cross(a, b), expected, tol);
        expectClose(a.cross(b), expected, tol);
        expectClose(torch.cross(a, b, 0), expected, tol); // TH: dim 0 becomes -1, which means "search"
        const res = a.new();
        expect(torch.cross(res, a, b)).to.equal(res);
        expectClose(res, expected, tol);
      }
    });
  }

  it('reads zero-stride (expanded) inputs and writes into a strided result in place', () => {
    const a = make('Double', [[1], [0], [0]]).expand(3, 4);
    const b = make('Double', [[0, 0, 0, 1]]).expand(3, 4).clone();
    b.selectTensor(1, 2).fill(1);
    const big = torch.zeros(3, 8) as any;
    const res = big.narrow(2, 3, 4);
    torch.cross(res, a, b, 1);
    // a = e1 in every column; b = e2 in columns 1-3 and (1,1,1) in column 4: e1 x e2 = e3, e1 x (1,1,1) = (0,-1,1)
    expect(flat(big).map((v) => v + 0)).to.deep.equal([
      0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, -1, 0, 0,
      0, 0, 1, 1, 1, 1, 0, 0,
    ]);
  });

  it('rejects tensors without a dim of size 3, mismatched shapes and bad dims', () => {
    const a = make('Double', [[1, 2], [3, 4]]);
    expect(() => torch.cross(a, a)).to.throw('no dimension of size 3 in a: [2 x 2]');
    expect(() => torch.cross(new torch.DoubleTensor(3, 2), new torch.DoubleTensor(3))).to.throw('inconsistent tensor dimension 2D, 1D');
    expect(() => torch.cross(new torch.DoubleTensor(3, 2), new torch.DoubleTensor(3, 4))).to.throw('inconsistent tensor sizes [3 x 2], [3 x 4]');
    expect(() => torch.cross(new torch.DoubleTensor(3, 2), new torch.DoubleTensor(3, 2), 2)).to.throw("bad argument #3 to 'cross' (dimension 2 does not have size 3)");
    expect(() => torch.cross(new torch.DoubleTensor(3, 2), new torch.DoubleTensor(3, 2), 3)).to.throw("bad argument #3 to 'cross' (dimension 3 out of range)");
    expect(() => torch.cross(new torch.DoubleTensor(3), new torch.FloatTensor(3))).to.throw(/invalid arguments to 'cross'/);
  });
});

/** Cross products of the 3-element slices along dim d of two row-major arrays of the given sizes. */
function crossAlong(a: number[], b: number[], sizes: number[], d: number): number[] {
  const inner = sizes.slice(d + 1).reduce((p, v) => p * v, 1);
  const outer = sizes.slice(0, d).reduce((p, v) => p * v, 1);
  const out = new Array<number>(a.length);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (k: number) => (o * 3 + k) * inner + j;
      const r = crossRef([a[at(0)], a[at(1)], a[at(2)]], [b[at(0)], b[at(1)], b[at(2)]]);
      for (let k = 0; k < 3; k++) out[at(k)] = r[k];
    }
  }
  return out;
}
