/** lib/fillZero: zeroing runs of shared typed arrays through a wider view gives exactly `fill(0)`. */
import { expect } from 'chai';
import { torch } from '../../lib/index.js';
import { fillZero, nativeMemset, zeroBytesWide } from '../../lib/fillZero.js';

const ones = <T extends Float32Array | Float64Array | Int32Array | Uint8Array>(A: new (b: ArrayBufferLike, o: number, n: number) => T, n: number, shared: boolean, byteOffset = 0): T => {
  const bytes = byteOffset + n * (A as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  const a = new A(shared ? new SharedArrayBuffer(bytes + 16) : new ArrayBuffer(bytes + 16), byteOffset, n);
  a.fill(1);
  return a;
};

describe('fillZero (lib/fillZero.ts)', () => {
  for (const [name, A] of [['Float32', Float32Array], ['Float64', Float64Array], ['Int32', Int32Array], ['Uint8', Uint8Array]] as const) {
    it(`${name}: zeroes exactly [start, end) for short and long, aligned and unaligned runs, shared or not`, () => {
      for (const shared of [true, false]) {
        for (const byteOffset of A === Float64Array ? [0, 8] : [0, 4]) {
          for (const [start, end] of [[0, 10], [3, 5000], [1, 4097], [7, 9999], [0, 10000]]) {
            const a = ones(A as any, 10000, shared, byteOffset), b = ones(A as any, 10000, false, byteOffset);
            fillZero(a, start, end);
            b.fill(0, start, end);
            expect(Array.from(a), `${shared ? 'shared' : 'plain'} +${byteOffset} [${start}, ${end})`).to.deep.equal(Array.from(b));
          }
        }
      }
    });
  }

  it('zeroBytesWide (the fallback without memset) zeroes exactly the byte range, aligned or not', () => {
    for (const [from, to] of [[0, 16], [3, 5], [1, 4097], [7, 9999], [8, 8000], [5, 13], [12, 12]]) {
      const a = new Uint8Array(new SharedArrayBuffer(10016)).fill(7), b = new Uint8Array(10016).fill(7);
      zeroBytesWide(a.buffer, from, to);
      b.fill(0, from, to);
      expect(Array.from(a), `[${from}, ${to})`).to.deep.equal(Array.from(b));
    }
  });

  it('takes the C library\'s memset (through koffi) and memset zeroes only the bytes given', () => {
    const memset = nativeMemset();
    expect(memset, 'memset loaded').to.be.a('function');
    const a = new Uint8Array(new SharedArrayBuffer(64)).fill(9);
    memset!(a.subarray(5, 21), 0, 16);
    expect(Array.from(a).map((x, i) => (x === 0) === (i >= 5 && i < 21)).every(Boolean)).to.equal(true);
  });

  it('is what Tensor.fill(0) / zero() use: a shared storage is zeroed where the view is, and nowhere else; fill(-0) keeps -0', () => {
    const s = new torch.FloatStorage(new Float32Array(new SharedArrayBuffer(4 * 6000)).fill(2) as never);
    const t = new torch.FloatTensor(s, 1001, 4000);
    t.zero();
    const d = s.data as Float32Array;
    expect(d[999]).to.equal(2);
    expect(d[1000]).to.equal(0);
    expect(d[4999]).to.equal(0);
    expect(d[5000]).to.equal(2);
    expect(t.sum()).to.equal(0);
    const m = new torch.FloatTensor(new torch.FloatStorage(new Float32Array(new SharedArrayBuffer(4 * 2000)) as never), 1, 2000).fill(-0);
    expect(Object.is((m.storage().data as Float32Array)[1500], -0), '-0 is not all-zero bytes').to.equal(true);
  });
});
