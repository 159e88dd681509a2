import { expect } from 'chai';
import { torch } from '../../../lib/index.js';
import type { LongTensor, Tensor } from '../../../lib/Tensor.js';
import { flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

const TYPES = ['Double', 'Float', 'Int', 'Long', 'Byte'];
const SHAPES = [[7], [4, 5], [3, 4, 5]];

/** Every coordinate (0-based) of a shape, in row-major order. */
function coords(shape: number[]): number[][] {
  const out: number[][] = [];
  const n = shape.reduce((a, b) => a * b, 1);
  for (let k = 0; k < n; k++) {
    const c: number[] = [];
    let r = k;
    for (let d = shape.length - 1; d >= 0; d--) { c.unshift(r % shape[d]); r = Math.floor(r / shape[d]); }
    out.push(c);
  }
  return out;
}
const at = (t: Tensor, c: number[]): number => t.get(...c.map((i) => i + 1));
const put = (t: Tensor, c: number[], v: number): void => { t.put(...c.map((i) => i + 1), v); };
const with_ = (c: number[], d: number, v: number): number[] => { const r = c.slice(); r[d] = v; return r; };

/** n 1-based indices in [1, max] (repeats allowed). */
function indices(n: number, max: number, rnd: () => number): LongTensor {
  return new torch.LongTensor(Array.from({ length: n }, () => 1 + Math.floor(rnd() * max)));
}
/** An index vector, as a strided view when `strided`. */
function maybeStrided(idx: LongTensor, strided: boolean): LongTensor {
  return strided ? (nonContiguous(idx) as LongTensor) : idx;
}

/** The three layouts of one set of values: contiguous, transposed (strided), and with a zero stride. */
function layouts(type: string, shape: number[], rnd: () => number): [string, Tensor][] {
  const t = randomTensor(type, shape, rnd, -9, 9);
  const out: [string, Tensor][] = [['contiguous', t], ['non-contiguous', nonContiguous(t)]];
  const one = shape.slice(); one[0] = 1;
  out.push(['expanded', randomTensor(type, one, rnd, -9, 9).expand(shape)]);
  return out;
}

function expectSame(actual: Tensor, expected: Tensor): void {
  expect(actual.type()).to.equal(expected.type());
  expect(actual.shape).to.deep.equal(expected.shape);
  expect(flat(actual)).to.deep.equal(flat(expected));
}

describe('index (indexSelect)', () => {
  const rnd = prng(11);
  const reference = (src: Tensor, d: number, idx: LongTensor): Tensor => {
    const ix = flat(idx);
    const shape = src.shape; shape[d] = ix.length;
    const ref = src.new(...shape);
    for (const c of coords(shape)) put(ref, c, at(src, with_(c, d, ix[c[d]] - 1)));
    return ref;
  };
  for (const type of TYPES) {
    for (const shape of SHAPES) {
      it(`${type} ${shape.join('x')}: every dim and layout, all four call forms`, () => {
        for (const [layout, src] of layouts(type, shape, rnd)) {
          for (let dim = 1; dim <= shape.length; dim++) {
            const idx = maybeStrided(indices(6, shape[dim - 1], rnd), layout === 'non-contiguous');
            const ref = reference(src, dim - 1, idx);
            expectSame(torch.index(src, dim, idx), ref);
            expectSame(src.index(dim, idx), ref);
            const res = src.new(2, 2).fill(3);
            expect(torch.index(res, src, dim, idx)).to.equal(res);
            expectSame(res, ref);
            const res2 = nonContiguous(src.new(2, 3).zero());
            expect(res2.index(src, dim, idx)).to.equal(res2);
            expectSame(res2, ref);
          }
        }
      });
    }
  }

  it('copies (the result does not share storage) and may repeat slices', () => {
    const x = new torch.DoubleTensor([[1, 2], [3, 4]]);
    const y = x.index(1, new torch.LongTensor([2, 2, 1]));
    expect(y.totable()).to.deep.equal([[3, 4], [3, 4], [1, 2]]);
    y.fill(0);
    expect(x.totable()).to.deep.equal([[1, 2], [3, 4]]);
  });

  it('copies long rows (the block-copy path) for index and indexCopy', () => {
    const src = randomTensor('Float', [4, 50], rnd);
    const idx = new torch.LongTensor([4, 2, 4]);
    const y = src.index(1, idx);
    for (let i = 0; i < 3; i++) expect(flat(y.select(1, i + 1) as Tensor)).to.deep.equal(flat(src.select(1, flat(idx)[i]) as Tensor));
    const x = torch.zeros(5, 50).float();
    x.indexCopy(1, new torch.LongTensor([5, 1, 3, 2]), src);
    for (const [row, from] of [[5, 1], [1, 2], [3, 3], [2, 4], [4, 0]]) {
      expect(flat(x.select(1, row) as Tensor)).to.deep.equal(from ? flat(src.select(1, from) as Tensor) : new Array(50).fill(0));
    }
  });

  it('writes into its own source through a temporary', () => {
    const x = new torch.DoubleTensor([[1, 2, 3], [4, 5, 6]]);
    x.index(x, 2, new torch.LongTensor([3, 1]));
    expect(x.totable()).to.deep.equal([[3, 1], [6, 4]]);
  });

  it('raises Torch errors', () => {
    const x = new torch.DoubleTensor(3, 4);
    expect(() => x.index(1, new torch.LongTensor([4]))).to.throw('index out of range');
    expect(() => x.index(2, new torch.LongTensor([0]))).to.throw('index out of range');
    expect(() => nonContiguous(x).index(2, new torch.LongTensor([5]))).to.throw('index out of range');
    expect(() => x.index(3, new torch.LongTensor([1]))).to.throw("bad argument #4 to 'index' (Indexing dim 3 is out of bounds of tensor)");
    expect(() => x.index(0, new torch.LongTensor([1]))).to.throw("bad argument #4 to 'index' (Indexing dim 0 is out of bounds of tensor)");
    expect(() => x.index(1, new torch.LongTensor([[1]]))).to.throw("bad argument #3 to 'index' (Index is supposed to be a vector)");
    expect(() => x.index(1, new torch.IntTensor([1]))).to.throw(/invalid arguments to 'index'/);
    expect(() => torch.index(new torch.FloatTensor(), x, 1, new torch.LongTensor([1]))).to.throw(/invalid arguments to 'index'/);
  });
});

describe('indexCopy / indexAdd', () => {
  const rnd = prng(12);
  for (const op of ['indexCopy', 'indexAdd'] as const) {
    const reference = (x: Tensor, d: number, idx: LongTensor, src: Tensor): Tensor => {
      const ref = x.clone(), ix = flat(idx);
      for (const c of coords(src.shape)) {
        const tc = with_(c, d, ix[c[d]] - 1);
        put(ref, tc, op === 'indexAdd' ? at(ref, tc) + at(src, c) : at(src, c));
      }
      return ref;
    };
    for (const type of TYPES) {
      for (const shape of SHAPES) {
        it(`${op} ${type} ${shape.join('x')}: every dim, strided and expanded operands, method and functional`, () => {
          for (let dim = 1; dim <= shape.length; dim++) {
            const sshape = shape.slice(); sshape[dim - 1] = 5;
            for (const [layout, src] of layouts(type, sshape, rnd)) {
              for (const target of ['contiguous', 'non-contiguous']) {
                const base = randomTensor(type, shape, rnd, -9, 9);
                const x = target === 'contiguous' ? base : nonContiguous(base);
                const idx = maybeStrided(indices(5, shape[dim - 1], rnd), layout === 'expanded');
                const ref = reference(x, dim - 1, idx, src);
                const x2 = x.clone();
                expect((x as any)[op](dim, idx, src), `${layout} into ${target}`).to.equal(x);
                expectSame(x, ref);
                expect((torch as any)[op](x2, dim, idx, src)).to.equal(x2);
                expectSame(x2, ref);
              }
            }
          }
        });
      }
    }
  }

  it('indexAdd accumulates repeated indices; indexCopy keeps the last', () => {
    const x = torch.zeros(3, 2);
    x.indexAdd(1, new torch.LongTensor([2, 2, 3]), new torch.DoubleTensor([[1, 2], [10, 20], [5, 5]]));
    expect(x.totable()).to.deep.equal([[0, 0], [11, 22], [5, 5]]);
    x.indexCopy(2, new torch.LongTensor([1, 1]), new torch.DoubleTensor([[7, 8], [7, 8], [7, 8]]));
    expect(x.totable()).to.deep.equal([[8, 0], [8, 22], [8, 5]]);
  });

  it('copies slices with the same number of elements but another shape, as TH', () => {
    const x = torch.zeros(3, 2, 2);
    x.indexCopy(1, new torch.LongTensor([3]), new torch.DoubleTensor([[1, 2, 3, 4]]));
    expect(x.select(1, 3).totable()).to.deep.equal([[1, 2], [3, 4]]);
    expect(() => x.indexCopy(1, new torch.LongTensor([1]), new torch.DoubleTensor([[1, 2, 3]]))).to.throw('inconsistent tensor size');
  });

  it('raises Torch errors', () => {
    for (const op of ['indexCopy', 'indexAdd']) {
      const x = torch.zeros(3, 4), src = torch.zeros(2, 4);
      const call = (...a: unknown[]) => () => (x as any)[op](...a);
      expect(call(1, new torch.LongTensor([1, 4]), src)).to.throw(`bad argument #3 to '${op}' (out of range)`);
      expect(call(1, new torch.LongTensor([1, 0]), src)).to.throw(`bad argument #3 to '${op}' (out of range)`);
      expect(call(1, new torch.LongTensor([1]), src)).to.throw(`bad argument #4 to '${op}' (Number of indices should be equal to source:size(dim))`);
      expect(call(3, new torch.LongTensor([1, 2]), src)).to.throw(`bad argument #4 to '${op}' (Indexing dim 3 is out of bounds of tensor)`);
      expect(call(1, new torch.LongTensor([[1, 2]]), src)).to.throw(`bad argument #3 to '${op}' (Index is supposed to be a vector)`);
      expect(call(1, new torch.LongTensor([1, 2]), torch.zeros(2, 4).float())).to.throw(`invalid arguments to '${op}'`);
      const v = torch.zeros(4);
      expect(() => (v as any)[op](1, new torch.LongTensor([5]), torch.zeros(1))).to.throw(`bad argument #2 to '${op}' (out of range)`);
      expect(x.totable(), 'nothing written on error').to.deep.equal(torch.zeros(3, 4).totable());
    }
  });
});

describe('indexFill', () => {
  const rnd = prng(13);
  for (const type of TYPES) {
    for (const shape of SHAPES) {
      it(`${type} ${shape.join('x')}: every dim, contiguous and strided, method and functional`, () => {
        for (let dim = 1; dim <= shape.length; dim++) {
          for (const strided of [false, true]) {
            const base = randomTensor(type, shape, rnd, -9, 9);
            const x = strided ? nonContiguous(base) : base;
            const idx = maybeStrided(indices(3, shape[dim - 1], rnd), strided);
            const value = type === 'Byte' ? 200 : -7;
            const ref = x.clone(), ix = flat(idx);
            for (const c of coords(shape)) if (ix.includes(c[dim - 1] + 1)) put(ref, c, value);
            const x2 = x.clone();
            expect(x.indexFill(dim, idx, value)).to.equal(x);
            expectSame(x, ref);
            expect(torch.indexFill(x2, dim, idx, value)).to.equal(x2);
            expectSame(x2, ref);
          }
        }
      });
    }
  }

  it('truncates the value for a LongTensor and raises Torch errors', () => {
    const l = new torch.LongTensor(2, 2).zero();
    l.indexFill(2, new torch.LongTensor([2]), 2.7);
    expect(l.totable()).to.deep.equal([[0, 2], [0, 2]]);
    expect(() => l.indexFill(1, new torch.LongTensor([3]), 1)).to.throw("bad argument #3 to 'indexFill' (out of range)");
    expect(() => l.indexFill(3, new torch.LongTensor([1]), 1)).to.throw("bad argument #4 to 'indexFill' (Indexing dim 3 is out of bounds of tensor)");
    expect(() => new torch.DoubleTensor(3).indexFill(1, new torch.LongTensor([4]), 1)).to.throw("bad argument #2 to 'indexFill' (out of range)");
    expect(() => l.indexFill(1, new torch.LongTensor([[1]]), 1)).to.throw("bad argument #3 to 'indexFill' (Index is supposed to be a vector)");
  });
});

describe('gather / scatter', () => {
  const rnd = prng(14);
  /** An index tensor of `shape` with values in [1, max]. */
  const randIdx = (shape: number[], max: number): LongTensor => {
    const t = new torch.LongTensor(...shape);
    t.apply(() => 1 + Math.floor(rnd() * max));
    return t;
  };
  for (const type of TYPES) {
    for (const shape of SHAPES) {
      it(`gather ${type} ${shape.join('x')}: every dim and layout, all four call forms`, () => {
        for (const [layout, src] of layouts(type, shape, rnd)) {
          for (let dim = 1; dim <= shape.length; dim++) {
            const ishape = shape.slice(); ishape[dim - 1] = 3;
            let idx = randIdx(ishape, shape[dim - 1]);
            if (layout === 'non-contiguous') idx = nonContiguous(idx) as LongTensor;
            const ref = src.new(...ishape);
            for (const c of coords(ishape)) put(ref, c, at(src, with_(c, dim - 1, at(idx, c) - 1)));
            expectSame(torch.gather(src, dim, idx), ref);
            expectSame(src.gather(dim, idx), ref);
            const res = src.new(1).zero();
            expect(torch.gather(res, src, dim, idx)).to.equal(res);
            expectSame(res, ref);
            const res2 = src.new();
            expect(res2.gather(src, dim, idx)).to.equal(res2);
            expectSame(res2, ref);
          }
        }
      });

      it(`scatter ${type} ${shape.join('x')}: tensor and value forms, every dim, strided operands`, () => {
        for (let dim = 1; dim <= shape.length; dim++) {
          const ishape = shape.slice(); ishape[dim - 1] = 3;
          const sshape = shape.slice(); sshape[dim - 1] = 4; // src may be longer than idx along dim
          for (const [layout, src] of layouts(type, sshape, rnd)) {
            let idx = randIdx(ishape, shape[dim - 1]);
            if (layout === 'non-contiguous') idx = nonContiguous(idx) as LongTensor;
            const base = randomTensor(type, shape, rnd, -9, 9);
            const x = layout === 'non-contiguous' ? nonContiguous(base) : base;
            const ref = x.clone(), refv = x.clone();
            for (const c of coords(ishape)) {
              const tc = with_(c, dim - 1, at(idx, c) - 1);
              put(ref, tc, at(src, c));
              put(refv, tc, 5);
            }
            const x2 = x.clone(), x3 = x.clone();
            expect(x.scatter(dim, idx, src)).to.equal(x);
            expectSame(x, ref);
            expect(torch.scatter(x2, dim, idx, src)).to.equal(x2);
            expectSame(x2, ref);
            expect(x3.scatter(dim, idx, 5)).to.equal(x3);
            expectSame(x3, refv);
          }
        }
      });
    }
  }

  it('gather inverts max indices; scatter with repeats keeps the last write of a row', () => {
    const src = randomTensor('Double', [3, 4, 5], rnd);
    const vals = src.new(3, 4, 1), idx = new torch.LongTensor(3, 4, 1);
    for (let i = 1; i <= 3; i++) for (let j = 1; j <= 4; j++) {
      let best = 1; // a plain argmax along dim 3, 1-based
      for (let m = 2; m <= 5; m++) if (src.get(i, j, m) > src.get(i, j, best)) best = m;
      idx.put(i, j, 1, best);
      vals.put(i, j, 1, src.get(i, j, best));
    }
    expectSame(torch.gather(src, 3, idx), vals);
    const x = torch.zeros(2, 3).scatter(2, new torch.LongTensor([[1, 1, 3], [2, 2, 2]]), new torch.DoubleTensor([[1, 2, 3], [4, 5, 6]]));
    expect(x.totable()).to.deep.equal([[2, 0, 3], [0, 6, 0]]);
  });

  it('scatter truncates a value for a LongTensor', () => {
    const l = new torch.LongTensor(2, 2).zero().scatter(1, new torch.LongTensor([[2, 1]]), -3.9);
    expect(l.totable()).to.deep.equal([[0, -3], [-3, 0]]);
  });

  it('raises Torch errors', () => {
    const src = torch.zeros(3, 4);
    expect(() => torch.gather(src, 1, new torch.LongTensor([[4, 1, 1, 1]]))).to.throw('Invalid index in gather');
    expect(() => torch.gather(src, 2, new torch.LongTensor([[0], [1], [1]]))).to.throw('Invalid index in gather');
    expect(() => torch.gather(src, 1, new torch.LongTensor([1, 2]))).to.throw("bad argument #2 to 'gather' (Input tensor must have same dimensions as output tensor)");
    expect(() => torch.gather(src, 3, new torch.LongTensor([[1]]))).to.throw("bad argument #3 to 'gather' (Index dimension is out of bounds)");
    expect(() => torch.gather(src, 0, new torch.LongTensor([[1]]))).to.throw('invalid dimension -1 (expected to be 0 <= dim < 2)');
    expect(() => torch.gather(src, 1, new torch.LongTensor([[1, 1]])))
      .to.throw('Expected tensor [1 x 2], src [3 x 4] and index [1 x 2] to have the same size in dimension 0');
    expect(() => torch.gather(new torch.FloatTensor(), src, 1, new torch.LongTensor([[1, 1, 1, 1]]))).to.throw(/invalid arguments to 'gather'/);

    const idx = new torch.LongTensor([[1, 2, 3, 4]]);
    expect(() => torch.zeros(3, 4).scatter(1, new torch.LongTensor([[1, 4, 1, 1]]), torch.ones(1, 4))).to.throw('Invalid index in scatter');
    expect(() => torch.zeros(3, 4).scatter(1, new torch.LongTensor([[1, 4, 1, 1]]), 1)).to.throw('Invalid index in scatter');
    expect(() => torch.zeros(3, 4).scatter(3, idx, torch.ones(1, 4))).to.throw("bad argument #2 to 'scatter' (Index dimension is out of bounds)");
    expect(() => torch.zeros(3, 4).scatter(1, new torch.LongTensor([1]), torch.ones(1, 4))).to.throw("bad argument #3 to 'scatter' (Index tensor must have same dimensions as output tensor)");
    expect(() => torch.zeros(3, 4).scatter(1, idx, torch.ones(4))).to.throw("bad argument #4 to 'scatter' (Input tensor must have same dimensions as output tensor)");
    expect(() => torch.zeros(3, 4).scatter(1, idx, torch.ones(1, 3)))
      .to.throw('Expected tensor [3 x 4], src [1 x 3] and index [1 x 4] to have the same size in dimension 0');
    expect(() => torch.zeros(3, 4).scatter(1, new torch.LongTensor([[1, 2]]), 1))
      .to.throw('Expected tensor [3 x 4] and index [1 x 2] to have the same size in dimension 0');
    expect(() => torch.zeros(3, 4).scatter(1, new torch.LongTensor([[1, 2, 3, 1], [1, 2, 3, 1]]), torch.ones(1, 4)))
      .to.throw('Expected index [2 x 4] to be no larger than src [1 x 4] in dimension 0');
    expect(() => torch.zeros(3, 4).scatter(1, idx, torch.ones(1, 4).float())).to.throw(/invalid arguments to 'scatter'/);
  });
});
