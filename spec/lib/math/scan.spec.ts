import { expect } from 'chai';
import { torch } from '../../../lib/index.js';
import { expectClose, flat } from '../../helpers.js';
import { along, arr, layouts, make, prng, randomSizes } from './ref.js';

const T = torch as any;
const ARRAYS: Record<string, { new (a: number[]): ArrayLike<number> }> = {
  Byte: Uint8Array, Char: Int8Array, Short: Int16Array, Int: Int32Array, Long: Float64Array, Float: Float32Array, Double: Float64Array,
};
/** Stores v as the element type does (C cast: wrap for integers, round for float). */
const castTo = (type: string, v: number) => new ARRAYS[type]([v])[0];
const running = (mul: boolean) => (s: number[]) => {
  let acc = mul ? 1 : 0;
  return s.map((v) => (acc = mul ? acc * v : acc + v));
};

describe('torch.cumsum / cumprod', () => {
  const rnd = prng(303);

  for (const type of ['Double', 'Float', 'Int', 'Byte', 'Long']) {
    it(`running sums and products along every dim, default dim 1, every form (${type})`, () => {
      for (let trial = 0; trial < 10; trial++) {
        for (const [layout, x] of layouts(type, randomSizes(rnd), rnd, type === 'Byte' ? 0 : -3, 3)) {
          const before = flat(x);
          for (const [name, mul] of [['cumsum', false], ['cumprod', true]] as const) {
            for (let d = 1; d <= x.dim(); d++) {
              const e = along(arr(x), d - 1, running(mul));
              e.data = e.data.map((v) => castTo(type, v));
              const r = T[name](x, d);
              expect(r.shape, `${layout} ${name} dim ${d}`).to.deep.equal(x.shape);
              expect(r.type()).to.equal(x.type());
              expectClose(r, e.data, 0);
              expectClose(x[name](d), e.data, 0);
              const res = x.new();
              expect(T[name](res, x, d)).to.equal(res);
              expectClose(res, e.data, 0);
            }
            const e1 = along(arr(x), 0, running(mul));
            e1.data = e1.data.map((v) => castTo(type, v));
            expectClose(T[name](x), e1.data, 0);
            expectClose(x[name](), e1.data, 0);
            const res = x.new();
            expect(T[name](res, x)).to.equal(res);
            expectClose(res, e1.data, 0);
          }
          expect(flat(x), 'inputs are untouched').to.deep.equal(before);
        }
      }
    });
  }

  it('accumulates in TH\'s accreal and casts each running value to the element type', () => {
    expect(flat(torch.cumsum(make('Byte', [200, 100, 10])))).to.deep.equal([200, 44, 54]);
    expect(flat(torch.cumprod(make('Byte', [16, 16, 16, 1])))).to.deep.equal([16, 0, 0, 0]);
    const big = new torch.IntTensor(30).fill(3);
    const expected = Array.from({ length: 30 }, (_, i) => Number(BigInt.asIntN(32, 3n ** BigInt(i + 1))));
    expect(flat(torch.cumprod(big))).to.deep.equal(expected);
    // Float: double accumulator, so the ones after 1e8 still count once they add up to a float step
    const f = new torch.FloatTensor(17).fill(1);
    f.put(1, 1e8);
    expect(flat(torch.cumsum(f))[16]).to.equal(100000016);
  });

  it('rejects a bad dim in Torch\'s words', () => {
    const x = make('Double', [[1, 2], [3, 4]]);
    expect(() => torch.cumsum(x, 3)).to.throw("bad argument #2 to 'cumsum' (dimension 3 out of range)");
    expect(() => x.cumprod(0)).to.throw("bad argument #2 to 'cumprod' (dimension 0 out of range)");
    expect(() => torch.cumsum(new torch.DoubleTensor())).to.throw(/dimension 1 out of range/);
    expect(() => torch.cumsum(new torch.FloatTensor(), x)).to.throw(/invalid arguments to 'cumsum'/);
  });
});
