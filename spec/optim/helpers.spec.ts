/** optim's helpers: C/Lua number formatting, and the FMA-rounded axpy and dot Torch's BLAS gives. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { axpy, dot, fma } from '../../optim/blas.js';
import { sprintf, tostring } from '../../optim/format.js';
import { prng } from '../helpers.js';

/** a·b + c rounded once, by exact rational arithmetic (BigInt). */
function fmaExact(a: number, b: number, c: number): number {
  const dv = new DataView(new ArrayBuffer(8));
  const dec = (v: number): [bigint, number] => {
    dv.setFloat64(0, v);
    const hi = dv.getUint32(0), lo = dv.getUint32(4), be = (hi >>> 20) & 0x7ff;
    const m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    const s = hi >>> 31 ? -1n : 1n;
    return be === 0 ? [s * m, -1074] : [s * (m | (1n << 52n)), be - 1075];
  };
  if (a === 0 || b === 0 || c === 0) return a * b + c;
  const [ma, ea] = dec(a), [mb, eb] = dec(b), [mc, ec] = dec(c);
  const e0 = Math.min(ea + eb, ec);
  let S = ma * mb * (1n << BigInt(ea + eb - e0)) + mc * (1n << BigInt(ec - e0));
  if (S === 0n) return 0;
  const neg = S < 0n;
  if (neg) S = -S;
  const k = Math.max(0, S.toString(2).length - 64);
  const rest = S & ((1n << BigInt(k)) - 1n);
  S >>= BigInt(k);
  if (rest) S |= 1n; // sticky bit
  const r = Number(S) * 2 ** (e0 + k);
  return neg ? -r : r;
}

describe('optim helpers', () => {
  describe('sprintf / tostring (Lua string.format and tostring)', () => {
    it('formats %11.4e as Logger writes numbers', () => {
      expect(sprintf('%11.4e', 1)).to.equal(' 1.0000e+00');
      expect(sprintf('%11.4e', 0.1)).to.equal(' 1.0000e-01');
      expect(sprintf('%11.4e', -123456)).to.equal('-1.2346e+05');
      expect(sprintf('%11.4e', 1e-300)).to.equal('1.0000e-300');
      expect(sprintf('%11.4e', 0)).to.equal(' 0.0000e+00');
      expect(sprintf('%11.4e', NaN)).to.equal('        nan');
      expect(sprintf('%11.4e', -Infinity)).to.equal('       -inf');
      expect(sprintf('%11.4e', 9.99995)).to.equal(' 1.0000e+01'); // 9.99995000000000011653 in binary
      expect(sprintf('%11.4e', 9.99985)).to.equal(' 9.9999e+00');
    });

    it('rounds exact ties to even, as glibc does', () => {
      expect(sprintf('%2.3f', 1.5625)).to.equal('1.562');
      expect(sprintf('%2.3f', 1.5635)).to.equal('1.563'); // 1.56349999999999988987 in binary
      expect(sprintf('%.0f', 2.5)).to.equal('2');
      expect(sprintf('%.0f', 3.5)).to.equal('4');
      expect(sprintf('%2.3f', 66.66666865348816)).to.equal('66.667');
      expect(sprintf('%2.3f', 100)).to.equal('100.000');
    });

    it('formats %g, %d and widths', () => {
      expect(sprintf('%g', 1e-5)).to.equal('1e-05');
      expect(sprintf('%g', 123456789)).to.equal('1.23457e+08');
      expect(sprintf('%g', 0.0001)).to.equal('0.0001');
      expect(sprintf('%g', 100)).to.equal('100');
      expect(sprintf('%g', 0.1)).to.equal('0.1');
      expect(sprintf('%8d|%-4d|%04d', 42, 7, -3)).to.equal('      42|7   |-003');
      expect(sprintf(' %6.1f %8.1e ', 1.04, 0.76)).to.equal('    1.0  7.6e-01 ');
      expect(sprintf('%s=%d%%', 'a', 5)).to.equal('a=5%');
    });

    it('tostring is Lua\'s %.14g', () => {
      expect(tostring(2 / 3)).to.equal('0.66666666666667');
      expect(tostring(100)).to.equal('100');
      expect(tostring(1e15)).to.equal('1e+15');
      expect(tostring(123456789012345)).to.equal('1.2345678901234e+14');
      expect(tostring(0.1)).to.equal('0.1');
      expect(tostring(-0)).to.equal('-0');
      expect(tostring(Infinity)).to.equal('inf');
      expect(tostring(NaN)).to.equal('nan');
      expect(tostring(72.22222288449605)).to.equal('72.222222884496');
    });
  });

  describe('fma, axpy and dot', () => {
    it('fma rounds once: it agrees with exact arithmetic', () => {
      expect(fma(0.1, 10, -1)).to.equal(5.551115123125783e-17);
      const rnd = prng(7);
      const r = () => (rnd() - 0.5) * 2 ** Math.floor(rnd() * 60 - 30);
      for (let i = 0; i < 20000; i++) {
        const a = r(), b = r();
        const c = i % 3 === 0 ? -a * b : i % 3 === 1 ? r() : -(a * b) * (1 + 2 ** -52);
        const e = fmaExact(a, b, c), v = fma(a, b, c);
        expect(v === e || (v === 0 && e === 0), `fma(${a}, ${b}, ${c})`).to.equal(true);
      }
    });

    it('axpy rounds each element once for short double vectors, and is add() otherwise', () => {
      const y = new torch.DoubleTensor([1, 1e16, -3]), x = new torch.DoubleTensor([0.1, 1, 2]);
      const r = axpy(y, 10, x);
      expect(r).to.equal(y);
      expect(y.totable()).to.deep.equal([fma(10, 0.1, 1), 1e16 + 10, 17]);
      const big = torch.ones(100) as Tensor, big2 = big.clone();
      axpy(big, 0.1, torch.range(1, 100) as Tensor);
      big2.add(0.1, torch.range(1, 100));
      expect(big.totable()).to.deep.equal(big2.totable());
      const f = new torch.FloatTensor([1, 2]);
      axpy(f, 0.5, new torch.FloatTensor([2, 2]));
      expect(f.totable()).to.deep.equal([2, 3]);
    });

    it('dot is a sequential FMA sum below 16 elements, the library\'s dot above', () => {
      const a = new torch.DoubleTensor([0.1, 0.2, 0.3]), b = new torch.DoubleTensor([3, -7, 11]);
      expect(dot(a, b)).to.equal(fma(0.3, 11, fma(0.2, -7, fma(0.1, 3, 0))));
      const u = torch.range(1, 20) as Tensor;
      expect(dot(u, u)).to.equal(u.dot(u));
    });
  });
});
