/** cunn's batch split: the first n mod k replicas get one more row; with n < k the last replicas are idle. */
import { expect } from 'chai';
import { sliceRange } from '../../../nn/parallel/sliceRange.js';

describe('parallel/sliceRange (cunn DataParallelTable split)', () => {
  it('gives the first n mod k replicas one more row, in order, tiling 1..n', () => {
    for (let k = 1; k <= 6; k++) {
      for (let n = 0; n <= 25; n++) {
        let next = 1;
        for (let i = 1; i <= k; i++) {
          const [start, size] = sliceRange(n, i, k);
          expect(start, `n=${n} k=${k} i=${i} start`).to.equal(next);
          expect(size, `n=${n} k=${k} i=${i} size`).to.equal(Math.floor(n / k) + (i <= n % k ? 1 : 0));
          next += size;
        }
        expect(next - 1, `n=${n} k=${k} covered`).to.equal(n);
      }
    }
  });

  it('leaves the last k - n replicas idle when n < k', () => {
    expect([1, 2, 3].map((i) => sliceRange(2, i, 3))).to.deep.equal([[1, 1], [2, 1], [3, 0]]);
    expect([1, 2, 3, 4].map((i) => sliceRange(1, i, 4)[1])).to.deep.equal([1, 0, 0, 0]);
  });

  it('matches cunn for uneven batches', () => {
    expect([sliceRange(9, 1, 2), sliceRange(9, 2, 2)]).to.deep.equal([[1, 5], [6, 4]]);
    expect([1, 2, 3, 4].map((i) => sliceRange(10, i, 4))).to.deep.equal([[1, 3], [4, 3], [7, 2], [9, 2]]);
  });
});
