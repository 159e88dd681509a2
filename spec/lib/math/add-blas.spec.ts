/** The BLAS paths of add/csub (TH's axpy for in-place; memcpy + axpy for res = t + src): same values as the loops. */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { flat, prng, randomTensor } from '../../helpers.js';

const t = torch as any;

describe('add/csub through BLAS', () => {
  const rnd = prng(99);
  for (const type of ['Float', 'Double']) {
    for (const n of [10, 1000, 100000]) {
      it(`${type}, ${n} elements: torch.add(res, a, b) is bit for bit a + b; a.add(b) and a.csub(b) too`, () => {
        const a = randomTensor(type, [n], rnd), b = randomTensor(type, [n], rnd);
        const A = flat(a), B = flat(b);
        const round = type === 'Float' ? Math.fround : (x: number) => x;
        const res: Tensor = new (t[`${type}Tensor`])(n);
        t.add(res, a, b);
        expect(flat(res)).to.deep.equal(A.map((x, i) => round(x + B[i])));
        expect(flat(a), 'a untouched').to.deep.equal(A);
        a.add(b);
        expect(flat(a)).to.deep.equal(A.map((x, i) => round(x + B[i])));
        a.csub(b);
        const back = A.map((x, i) => round(round(x + B[i]) - B[i]));
        expect(flat(a)).to.deep.equal(back);
      });
    }
    it(`${type}: a result that shares storage with the second operand still gives t + src`, () => {
      const a = randomTensor(type, [5000], rnd), b = randomTensor(type, [5000], rnd);
      const A = flat(a), B = flat(b);
      const round = type === 'Float' ? Math.fround : (x: number) => x;
      t.add(b, a, b);
      expect(flat(b)).to.deep.equal(A.map((x, i) => round(x + B[i])));
    });
  }
});
