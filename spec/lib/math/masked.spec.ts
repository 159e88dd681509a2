import { expect } from 'chai';
import { torch } from '../../../lib/index.js';
import type { ByteTensor, Tensor } from '../../../lib/Tensor.js';
import { flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

const TYPES = ['Double', 'Float', 'Int', 'Long', 'Byte', 'Short'];
const SHAPES = [[9], [4, 5], [3, 2, 5]];

/** A 0/1 ByteTensor of `shape`. */
function randomMask(shape: number[], rnd: () => number): ByteTensor {
  return randomTensor('Byte', shape, rnd, 0, 2) as ByteTensor;
}

/** The three layouts of one set of values: contiguous, transposed (strided), and with a zero stride. */
function layouts(type: string, shape: number[], rnd: () => number): [string, Tensor][] {
  const t = randomTensor(type, shape, rnd, -9, 9);
  const one = shape.slice(); one[0] = 1;
  return [['contiguous', t], ['non-contiguous', nonContiguous(t)], ['expanded', randomTensor(type, one, rnd, -9, 9).expand(shape)]];
}

function expectSame(actual: Tensor, expected: Tensor): void {
  expect(actual.type()).to.equal(expected.type());
  expect(actual.shape).to.deep.equal(expected.shape);
  expect(flat(actual)).to.deep.equal(flat(expected));
}

describe('maskedSelect', () => {
  const rnd = prng(21);
  for (const type of TYPES) {
    for (const shape of SHAPES) {
      it(`${type} ${shape.join('x')}: every layout of src and mask, all four call forms`, () => {
        for (const [layout, src] of layouts(type, shape, rnd)) {
          for (const maskStrided of [false, true]) {
            const m = randomMask(shape, rnd);
            const mask = maskStrided ? (nonContiguous(m) as ByteTensor) : m;
            const s = flat(src), mk = flat(mask);
            const kept = s.filter((_, i) => mk[i] === 1);
            const ref = src.new(kept.length);
            kept.forEach((v, i) => ref.put(i + 1, v));
            if (kept.length === 0) expect(torch.maskedSelect(src, mask).dim()).to.equal(0);
            else {
              expectSame(torch.maskedSelect(src, mask), ref);
              expectSame(src.maskedSelect(mask), ref);
              const res = src.new(3, 3);
              expect(torch.maskedSelect(res, src, mask), layout).to.equal(res);
              expectSame(res, ref);
              const res2 = src.new();
              expect(res2.maskedSelect(src, mask)).to.equal(res2);
              expectSame(res2, ref);
            }
          }
        }
      });
    }
  }

  it('takes a mask of another shape with the same number of elements, and an all-zero mask gives an empty tensor', () => {
    const x = new torch.DoubleTensor([[1, 2, 3], [4, 5, 6]]);
    expect(x.maskedSelect(new torch.ByteTensor([1, 0, 0, 1, 1, 0])).totable()).to.deep.equal([1, 4, 5]);
    expect(x.maskedSelect(new torch.ByteTensor(6).zero()).nElement()).to.equal(0);
    x.maskedSelect(x, new torch.ByteTensor([[0, 1, 0], [0, 0, 1]]));
    expect(x.totable(), 'into its own source').to.deep.equal([2, 6]);
  });

  it('raises Torch errors', () => {
    const x = new torch.DoubleTensor(2, 3);
    expect(() => x.maskedSelect(new torch.ByteTensor(5).zero()))
      .to.throw('inconsistent tensor size, expected src [2 x 3] and mask [5] to have the same number of elements, but got 6 and 5 elements respectively');
    expect(() => x.maskedSelect(new torch.ByteTensor([1, 2, 0, 0, 0, 0]))).to.throw('Mask tensor can take 0 and 1 values only');
    expect(() => x.maskedSelect(new torch.DoubleTensor(6).zero())).to.throw(/invalid arguments to 'maskedSelect'/);
    expect(() => torch.maskedSelect(new torch.FloatTensor(), x, new torch.ByteTensor(6).zero())).to.throw(/invalid arguments to 'maskedSelect'/);
  });
});

describe('maskedFill / maskedCopy', () => {
  const rnd = prng(22);
  for (const type of TYPES) {
    for (const shape of SHAPES) {
      it(`${type} ${shape.join('x')}: strided targets, masks and sources, method and functional`, () => {
        for (const [layout, src] of layouts(type, [shape.reduce((a, b) => a * b, 1) + 2], rnd)) {
          for (const strided of [false, true]) {
            const base = randomTensor(type, shape, rnd, -9, 9);
            const x = strided ? nonContiguous(base) : base;
            const m = randomMask(shape, rnd);
            const mask = strided ? (nonContiguous(m) as ByteTensor) : m;
            const xs = flat(x), mk = flat(mask), ss = flat(src);
            // maskedFill
            const value = type === 'Byte' ? 250 : -3;
            const fillRef = x.clone();
            let k = 0;
            fillRef.apply(() => (mk[k++] === 1 ? value : undefined));
            const x1 = x.clone(), x2 = x.clone();
            expect(x1.maskedFill(mask, value)).to.equal(x1);
            expectSame(x1, fillRef);
            expect(torch.maskedFill(x2, mask, value)).to.equal(x2);
            expectSame(x2, fillRef);
            // maskedCopy: src's elements are taken in order
            const copyRef = x.clone();
            let j = 0;
            k = 0;
            copyRef.apply(() => (mk[k++] === 1 ? ss[j++] : undefined));
            const x3 = x.clone(), x4 = x.clone();
            expect(x3.maskedCopy(mask, src), layout).to.equal(x3);
            expectSame(x3, copyRef);
            expect(torch.maskedCopy(x4, mask, src)).to.equal(x4);
            expectSame(x4, copyRef);
            expect(xs.length).to.equal(mk.length);
          }
        }
      });
    }
  }

  it('truncates a fill value for a LongTensor', () => {
    const l = new torch.LongTensor([1, 2, 3]).maskedFill(new torch.ByteTensor([0, 1, 1]), -2.5);
    expect(l.totable()).to.deep.equal([1, -2, -2]);
  });

  it('raises Torch errors', () => {
    const x = new torch.DoubleTensor(2, 3).zero();
    expect(() => x.maskedFill(new torch.ByteTensor(5).zero(), 1))
      .to.throw('inconsistent tensor size, expected tensor [2 x 3] and mask [5] to have the same number of elements, but got 6 and 5 elements respectively');
    expect(() => x.maskedFill(new torch.ByteTensor([0, 0, 3, 0, 0, 0]), 1)).to.throw('Mask tensor can take 0 and 1 values only');
    expect(() => nonContiguous(x).maskedFill(nonContiguous(new torch.ByteTensor([[0, 0, 3], [0, 0, 0]])) as ByteTensor, 1))
      .to.throw('Mask tensor can take 0 and 1 values only');
    expect(() => x.maskedCopy(new torch.ByteTensor(5).zero(), torch.ones(6)))
      .to.throw('Number of elements of destination tensor != Number of elements in mask');
    expect(() => x.maskedCopy(new torch.ByteTensor([1, 1, 1, 0, 0, 0]), torch.ones(2)))
      .to.throw('Number of elements of src < number of ones in mask');
    expect(() => x.maskedCopy(new torch.ByteTensor([1, 0, 2, 0, 0, 0]), torch.ones(6))).to.throw('Mask tensor can take 0 and 1 values only');
    expect(() => x.maskedCopy(new torch.ByteTensor(6).zero(), torch.ones(6).float())).to.throw(/invalid arguments to 'maskedCopy'/);
    expect(() => x.maskedFill(new torch.IntTensor(6).zero(), 1)).to.throw(/invalid arguments to 'maskedFill'/);
  });
});

describe('nonzero', () => {
  const rnd = prng(23);
  for (const type of TYPES) {
    for (const shape of [...SHAPES, [2, 1, 3, 2]]) {
      it(`${type} ${shape.join('x')}: 1-based subscripts in row-major order, every layout and call form`, () => {
        for (const [layout, x] of layouts(type, shape, rnd)) {
          x.apply((v) => (Math.abs(v) < 4 ? 0 : v)); // plenty of zeros (an expanded x repeats them)
          const ref: number[][] = [];
          const n = shape.reduce((a, b) => a * b, 1), v = flat(x);
          for (let k = 0; k < n; k++) {
            if (v[k] === 0) continue;
            const c: number[] = [];
            let r = k;
            for (let d = shape.length - 1; d >= 0; d--) { c.unshift((r % shape[d]) + 1); r = Math.floor(r / shape[d]); }
            ref.push(c);
          }
          const a = torch.nonzero(x);
          expect(a.type()).to.equal('torch.LongTensor');
          expect(a.totable(), layout).to.deep.equal(ref);
          expect(x.nonzero().totable()).to.deep.equal(ref);
          const res = new torch.LongTensor(1, 1);
          expect(torch.nonzero(res, x)).to.equal(res);
          expect(res.totable()).to.deep.equal(ref);
          const res2 = nonContiguous(new torch.LongTensor(2, 3).zero());
          expect(res2.nonzero(x)).to.equal(res2);
          expect(res2.totable()).to.deep.equal(ref);
        }
      });
    }
  }

  it('counts NaN as non-zero, gives an empty tensor for all zeros, and rejects a non-Long result', () => {
    expect(torch.nonzero(new torch.DoubleTensor([0, NaN, 0, 1])).totable()).to.deep.equal([[2], [4]]);
    expect(torch.nonzero(torch.zeros(3, 2)).dim()).to.equal(0);
    const l = new torch.LongTensor([[0, 5], [6, 0]]);
    l.nonzero(l);
    expect(l.totable(), 'into its own input').to.deep.equal([[1, 2], [2, 1]]);
    expect(() => torch.nonzero(new torch.DoubleTensor(), torch.ones(2))).to.throw(/invalid arguments to 'nonzero'/);
  });
});
