import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

const rnd = prng(77);
const T = (type: string, ...args: unknown[]): Tensor => new (torch as any)[`${type}Tensor`](...args);
const op = (name: string) => (torch as any)[name] as (...a: unknown[]) => any;
const call = (x: Tensor, name: string, ...a: unknown[]) => (x as any)[name](...a);
const sizesOf = (t: Tensor) => t.size().totable();
/** Small integers (so that ties occur) in every type. */
const gen = (type: string, sizes: number[]) => randomTensor(type, sizes, rnd, type === 'Byte' ? 0 : -3, 3);
const ARR: Record<string, new (xs: number[]) => ArrayLike<number>> = {
  Byte: Uint8Array, Int: Int32Array, Float: Float32Array, Double: Float64Array,
};
const cast = (type: string, x: number) => (type === 'Long' ? Math.trunc(x) : new ARR[type]([x])[0]);

const CMP: Record<string, (a: number, b: number) => boolean> = {
  lt: (a, b) => a < b, le: (a, b) => a <= b, gt: (a, b) => a > b, ge: (a, b) => a >= b, eq: (a, b) => a === b, ne: (a, b) => a !== b,
};
const TYPES = ['Double', 'Float', 'Int', 'Long', 'Byte'];

/** The expected 0/1 values of `name` between a's elements and b (a tensor or a scalar already cast). */
const expected = (name: string, a: Tensor, b: Tensor | number) => {
  const x = flat(a), y = b instanceof Tensor ? flat(b) : null;
  return x.map((v, i) => (CMP[name](v, y ? y[i] : (b as number)) ? 1 : 0));
};

function expectMask(r: unknown, type: string, sizes: number[], values: number[], what: string): void {
  expect(r, what).to.be.instanceOf(Tensor);
  const t = r as Tensor;
  expect(t.type(), `${what}: type`).to.equal(`torch.${type}Tensor`);
  expect(sizesOf(t), `${what}: sizes`).to.deep.equal(sizes);
  expect(flat(t), `${what}: values`).to.deep.equal(values);
}

describe('comparisons lt le gt ge eq ne', () => {
  for (const name of Object.keys(CMP)) {
    it(`${name}: with a number or a tensor, into a new ByteTensor, a ByteTensor res or a res of the input type`, () => {
      for (const type of TYPES) {
        const a = gen(type, [3, 4]), b = gen(type, [3, 4]), before = flat(a);
        for (const rhs of [1.5, b] as (number | Tensor)[]) {
          const exp = expected(name, a, typeof rhs === 'number' ? cast(type, rhs) : rhs), what = `${type} ${name} ${typeof rhs}`;
          expectMask(op(name)(a, rhs), 'Byte', [3, 4], exp, `torch.${name}(a, b) ${what}`);
          expectMask(call(a, name, rhs), 'Byte', [3, 4], exp, `a.${name}(b) ${what}`);
          expect(flat(a), 'a.lt(b) leaves a alone').to.deep.equal(before);
          const byteRes = T('Byte', 7);
          expect(op(name)(byteRes, a, rhs)).to.equal(byteRes);
          expectMask(byteRes, 'Byte', [3, 4], exp, `torch.${name}(byteRes, a, b) ${what}`);
          const sameRes = T(type, 2);
          expect(op(name)(sameRes, a, rhs)).to.equal(sameRes);
          expectMask(sameRes, type, [3, 4], exp, `torch.${name}(res of ${type}, a, b)`);
          const mask = T('Byte');
          expect(call(mask, name, a, rhs)).to.equal(mask);
          expectMask(mask, 'Byte', [3, 4], exp, `mask.${name}(a, b) ${what}`);
          const offRes = T('Byte', 14).narrow(1, 3, 12).view(3, 4), offA = T(type, 13).narrow(1, 2, 12).view(3, 4).copy(a);
          op(name)(offRes, offA, rhs);
          expect(flat(offRes), `contiguous at an offset ${what}`).to.deep.equal(exp);
          const ncRes = nonContiguous(T('Byte', 3, 4).zero());
          op(name)(ncRes, nonContiguous(a), rhs instanceof Tensor ? nonContiguous(rhs) : rhs);
          expect(flat(ncRes), `non-contiguous ${what}`).to.deep.equal(exp);
        }
        const ex = a.narrow(2, 1, 1).expand(3, 4);
        expectMask(op(name)(ex, b), 'Byte', [3, 4], expected(name, ex, b), `expanded ${type} ${name}`);
        const other = type === 'Double' ? 'Float' : 'Double';
        expect(() => op(name)(T(other, 2), a, 1), 'res of a third type').to.throw(`invalid arguments to '${name}'`);
        expect(() => op(name)(a, T(other, 3, 4)), 'operands of two types').to.throw(`invalid arguments to '${name}'`);
        expect(() => op(name)(a, gen(type, [5]))).to.throw(/inconsistent tensor size/);
      }
    });
  }

  it('the number is cast to the element type first (Torch compares a ByteTensor with 0, not 0.5)', () => {
    const z = T('Byte', [0, 1]);
    expect(z.lt(0.5).totable()).to.deep.equal([0, 0]);
    expect(z.ge(0.5).totable()).to.deep.equal([1, 1]);
    expect(T('Int', [2, 3]).eq(2.9).totable()).to.deep.equal([1, 0]);
    expect(T('Float', [0.1]).eq(0.1).totable(), 'float 0.1 equals (float)0.1').to.deep.equal([1]);
    expect(T('Double', [Math.fround(0.1)]).eq(0.1).totable()).to.deep.equal([0]);
  });

  it('NaN compares false, except ne', () => {
    const x = T('Double', [NaN]);
    for (const name of ['lt', 'le', 'gt', 'ge', 'eq']) expect(call(x, name, x).totable(), name).to.deep.equal([0]);
    expect(x.ne(x).totable()).to.deep.equal([1]);
    expect(x.ne(NaN).totable()).to.deep.equal([1]);
  });
});

describe('all, any, equal', () => {
  it('all / any on a ByteTensor, contiguous or not', () => {
    const m = T('Byte', [[1, 2], [3, 0]]);
    expect(torch.all(m)).to.equal(false);
    expect(torch.any(m)).to.equal(true);
    expect(m.narrow(1, 1, 1).all()).to.equal(true);
    expect(torch.any(T('Byte', 3).zero())).to.equal(false);
    expect(torch.all(T('Byte', 3).fill(7))).to.equal(true);
    const nc = nonContiguous(T('Byte', [[1, 1, 1], [1, 1, 1]]));
    expect(nc.all()).to.equal(true);
    nc.put(2, 3, 0);
    expect(nc.all()).to.equal(false);
    expect(nc.any()).to.equal(true);
    expect(T('Byte', [0]).expand(4).any()).to.equal(false);
  });

  it('all / any: an empty tensor or a tensor that is not a ByteTensor is an error', () => {
    expect(() => torch.all(T('Byte'))).to.throw("bad argument #1 to 'all' (empty Tensor)");
    expect(() => torch.any(T('Byte'))).to.throw("bad argument #1 to 'any' (empty Tensor)");
    expect(() => torch.all(T('Double', 2))).to.throw("invalid arguments to 'all'");
    expect(() => (T('Int', 2) as any).any()).to.throw("invalid arguments to 'any'");
  });

  it('equal: the same size and the same values', () => {
    for (const type of TYPES) {
      const a = gen(type, [3, 4]);
      expect(torch.equal(a, a.clone()), type).to.equal(true);
      expect(a.equal(nonContiguous(a)), 'non-contiguous').to.equal(true);
      const b = a.clone();
      b.put(3, 4, b.get(3, 4) + 1);
      expect(torch.equal(a, b)).to.equal(false);
      expect(nonContiguous(a).equal(nonContiguous(b))).to.equal(false);
      expect(torch.equal(a, a.clone().view(4, 3)), 'same values, other size').to.equal(false);
      expect(torch.equal(a, a.narrow(1, 1, 2))).to.equal(false);
    }
    expect(torch.equal(T('Double', [NaN]), T('Double', [NaN]))).to.equal(false);
    expect(torch.equal(T('Double'), T('Double'))).to.equal(true);
    expect(() => torch.equal(T('Double', 2), T('Float', 2))).to.throw("invalid arguments to 'equal'");
  });
});
