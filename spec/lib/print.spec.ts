/**
 * Torch7's printing (torch7/Tensor.lua `__tostring__`). Every expected string below is derived by hand
 * from Tensor.lua's Storage__printformat / Tensor__printMatrix / Tensor__printTensor (the reasoning is
 * in the comments); each was also checked against Tensor.lua's own code run under LuaJIT 2.1.
 */
import { expect } from 'chai';
import { inspect } from 'node:util';
import { torch, Tensor } from '../../lib/index.js';

const D = (a: unknown) => new torch.DoubleTensor(a);
const rows = (r: number, c: number, f: (i: number, j: number) => number) =>
  Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => f(i, j)));

describe('print: Tensor.__tostring__', () => {
  it('integer values print with %{expMax+1}d (1-D, one per line)', () => {
    // intMode; max 5 -> expMax = floor(log10 5)+1 = 1 -> '%2d'
    expect(String(torch.range(2, 5))).to.equal(' 2\n 3\n 4\n 5\n[torch.DoubleTensor of size 4]\n');
    // all zeros: max 0 -> expMax 1 -> '%2d'
    expect(String(torch.zeros(2))).to.equal(' 0\n 0\n[torch.DoubleTensor of size 2]\n');
  });

  it('fractions print with %{expMax+6}.4f, columns joined by one space (maths.md example)', () => {
    // min .25 -> expMin 0; max 1 -> expMax 1; diff 1 <= 4, 0 <= expMax <= 5 -> sz 7 -> '%7.4f'
    expect(String(D([[1, 0.5], [1 / 3, 0.25]])))
      .to.equal(' 1.0000  0.5000\n 0.3333  0.2500\n[torch.DoubleTensor of size 2x2]\n');
  });

  it('negative numbers: the width counts the sign', () => {
    // min 1.5 -> expMin 1; max 10 -> expMax 2 -> sz 8 -> '%8.4f'
    expect(String(D([-1.5, 2.25, -10]))).to.equal(' -1.5000\n  2.2500\n-10.0000\n[torch.DoubleTensor of size 3]\n');
    // -0 among fractions: min 0 -> expMin 1, max .5 -> expMax 0 -> sz 7
    expect(String(D([-0, 0.5]))).to.equal('-0.0000\n 0.5000\n[torch.DoubleTensor of size 2]\n');
  });

  it('small magnitudes get a %g scale line (1-D and 2-D, where rows gain a space)', () => {
    // min .001 -> expMin -2; max .002 -> expMax -2 < 0 -> scale 10^-3, '%7.4f' of v/scale
    expect(String(D([0.001, 0.002]))).to.equal('0.001 *\n 1.0000\n 2.0000\n[torch.DoubleTensor of size 2]\n');
    // expMin = expMax = -4 -> scale 1e-05; printMatrix writes '%g *\n ' then rows prefixed by ' '
    expect(String(D([[1e-5, 2e-5], [3e-5, 4.5e-5]])))
      .to.equal('1e-05 *\n  1.0000  2.0000\n  3.0000  4.5000\n[torch.DoubleTensor of size 2x2]\n');
  });

  it('large magnitudes get a scale line too (expMax > 5)', () => {
    // 100000.5, 250000.25: expMin = expMax = 6 -> scale 10^5, %g -> '100000'
    expect(String(D([100000.5, 250000.25]))).to.equal('100000 *\n 1.0000\n 2.5000\n[torch.DoubleTensor of size 2]\n');
    // expMax 7 -> scale 1e6, %g -> '1e+06'; 1.2345675 -> ' 1.2346'
    expect(String(D([1234567.5]))).to.equal('1e+06 *\n 1.2346\n[torch.DoubleTensor of size 1]\n');
  });

  it('wide ranges switch to %11.4e (%12.4e for 3-digit exponents)', () => {
    // expMin -9, expMax 1: diff 10 > 4
    expect(String(D([1e-10, 1]))).to.equal(' 1.0000e-10\n 1.0000e+00\n[torch.DoubleTensor of size 2]\n');
    // |expMin| = 199 > 99 -> sz 12
    expect(String(D([1e-200, 1.5]))).to.equal(' 1.0000e-200\n  1.5000e+00\n[torch.DoubleTensor of size 2]\n');
  });

  it('integer types print as integers; integers above 1e9 switch to %11.4e', () => {
    // max 100 -> expMax 3 -> '%4d'
    expect(String(new torch.LongTensor([-5, 3, 100]))).to.equal('  -5\n   3\n 100\n[torch.LongTensor of size 3]\n');
    // expMax 11 > 9
    expect(String(new torch.LongTensor([12345678901, 1]))).to.equal(' 1.2346e+10\n 1.0000e+00\n[torch.LongTensor of size 2]\n');
    expect(String(new torch.ByteTensor([[0, 255], [7, 10]]))).to.equal('   0  255\n   7   10\n[torch.ByteTensor of size 2x2]\n');
    expect(String(new torch.IntTensor([[1, 2], [3, 4]]))).to.equal(' 1  2\n 3  4\n[torch.IntTensor of size 2x2]\n');
  });

  it('FloatTensor prints its float values through a double copy', () => {
    // 0.1f = 0.10000000149..: expMin = expMax = 0 -> sz 7
    expect(String(new torch.FloatTensor([0.1, 0.2]))).to.equal(' 0.1000\n 0.2000\n[torch.FloatTensor of size 2]\n');
  });

  it('exact ties round away from zero, as LuaJIT 2.1 string.format does', () => {
    // 0.03125 = 1/32 is exactly between 0.0312 and 0.0313
    expect(String(D([0.03125, -0.03125, 1]))).to.equal(' 0.0313\n-0.0313\n 1.0000\n[torch.DoubleTensor of size 3]\n');
    // 4217450 in %11.4e is exactly between 4.2174e+06 and 4.2175e+06
    expect(String(new torch.LongTensor([4217450, 12345678901]))).to.equal(' 4.2175e+06\n 1.2346e+10\n[torch.LongTensor of size 2]\n');
  });

  it('wide matrices print in column chunks of floor(80/(sz+1))', () => {
    // values 1.5 .. 30.5: sz 8 -> 8 columns per chunk; chunks after the first start with '\n'
    const t = D(rows(2, 15, (i, j) => i * 15 + j + 1.5));
    expect(String(t)).to.equal(
      'Columns 1 to 8\n' +
      '  1.5000   2.5000   3.5000   4.5000   5.5000   6.5000   7.5000   8.5000\n' +
      ' 16.5000  17.5000  18.5000  19.5000  20.5000  21.5000  22.5000  23.5000\n' +
      '\nColumns 9 to 15\n' +
      '  9.5000  10.5000  11.5000  12.5000  13.5000  14.5000  15.5000\n' +
      ' 24.5000  25.5000  26.5000  27.5000  28.5000  29.5000  30.5000\n' +
      '[torch.DoubleTensor of size 2x15]\n');
  });

  it('column chunks repeat the scale line', () => {
    // (k+1.5)e-3: expMin -2, expMax -1 -> scale 0.01, sz 7 -> 10 columns per chunk
    const t = D(rows(2, 12, (i, j) => (i * 12 + j + 1.5) * 1e-3));
    expect(String(t)).to.equal(
      'Columns 1 to 10\n0.01 *\n' +
      '  0.1500  0.2500  0.3500  0.4500  0.5500  0.6500  0.7500  0.8500  0.9500  1.0500\n' +
      '  1.3500  1.4500  1.5500  1.6500  1.7500  1.8500  1.9500  2.0500  2.1500  2.2500\n' +
      '\nColumns 11 to 12\n0.01 *\n' +
      '  1.1500  1.2500\n' +
      '  2.3500  2.4500\n' +
      '[torch.DoubleTensor of size 2x12]\n');
  });

  it('3-D tensors print (i,.,.) slices with a one-space indent', () => {
    expect(String(torch.range(1, 8).resize(2, 2, 2))).to.equal(
      '(1,.,.) = \n  1  2\n  3  4\n\n(2,.,.) = \n  5  6\n  7  8\n[torch.DoubleTensor of size 2x2x2]\n');
  });

  it('4-D slices are visited with the first index fastest, as Tensor__printTensor counts', () => {
    expect(String(torch.range(1, 8).resize(2, 2, 1, 2))).to.equal(
      '(1,1,.,.) = \n  1  2\n\n(2,1,.,.) = \n  5  6\n\n(1,2,.,.) = \n  3  4\n\n(2,2,.,.) = \n  7  8\n' +
      '[torch.DoubleTensor of size 2x2x1x2]\n');
  });

  it('wide slices: only the first "Columns" line is indented', () => {
    // max 60 -> '%3d'; indent ' ' -> floor(79/4) = 19 columns per chunk
    expect(String(torch.range(1, 60).resize(1, 2, 30))).to.equal(
      '(1,.,.) = \n Columns 1 to 19\n' +
      '   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19\n' +
      '  31  32  33  34  35  36  37  38  39  40  41  42  43  44  45  46  47  48  49\n' +
      '\nColumns 20 to 30\n' +
      '  20  21  22  23  24  25  26  27  28  29  30\n' +
      '  50  51  52  53  54  55  56  57  58  59  60\n' +
      '[torch.DoubleTensor of size 1x2x30]\n');
  });

  it('empty tensors', () => {
    expect(String(new torch.DoubleTensor())).to.equal('[torch.DoubleTensor with no dimension]\n');
    expect(String(new torch.FloatTensor())).to.equal('[torch.FloatTensor with no dimension]\n');
  });

  it('NaN makes the width NaN, so Tensor.lua falls back to %f', () => {
    expect(String(D([1, NaN]))).to.equal('1.000000\nnan\n[torch.DoubleTensor of size 2]\n');
    expect(String(D([[1, NaN], [-2.5, 3]]))).to.equal('1.000000 nan\n-2.500000 3.000000\n[torch.DoubleTensor of size 2x2]\n');
  });

  it('infinities are integers to Tensor.lua: expMax = inf -> %11.4e', () => {
    expect(String(D([1, Infinity, -Infinity]))).to.equal(' 1.0000e+00\n        inf\n       -inf\n[torch.DoubleTensor of size 3]\n');
  });

  it('prints the elements of a view in row-major order, with the format of the view only', () => {
    const big = D([[1, 1000.5], [2, 2000.5], [3, 3000.5]]);
    expect(String(big.select(2, 1))).to.equal(' 1\n 2\n 3\n[torch.DoubleTensor of size 3]\n');
    expect(String(torch.range(1, 6).resize(2, 3).t())).to.equal(' 1  4\n 2  5\n 3  6\n[torch.DoubleTensor of size 3x2]\n');
  });

  it('String(t), template literals and util.inspect all give the same text', () => {
    const t: Tensor = torch.range(1, 3);
    const text = ' 1\n 2\n 3\n[torch.DoubleTensor of size 3]\n';
    expect(`${t}`).to.equal(text);
    expect(t.toString()).to.equal(text);
    expect(inspect(t)).to.equal(text);
    expect(inspect(t.storage())).to.equal(' 1\n 2\n 3\n[torch.DoubleStorage of size 3]\n');
  });
});

describe('print: Storage.__tostring__', () => {
  it('one element per line, then the trailer', () => {
    expect(String(new torch.DoubleStorage([1, 2, 3]))).to.equal(' 1\n 2\n 3\n[torch.DoubleStorage of size 3]\n');
    expect(String(new torch.FloatStorage([0.5, 1.25]))).to.equal(' 0.5000\n 1.2500\n[torch.FloatStorage of size 2]\n');
    expect(String(new torch.LongStorage([10, -20]))).to.equal(' 10\n-20\n[torch.LongStorage of size 2]\n');
  });

  it('scale line and empty storage', () => {
    expect(String(new torch.DoubleStorage([0.001, 0.002]))).to.equal('0.001 *\n 1.0000\n 2.0000\n[torch.DoubleStorage of size 2]\n');
    expect(String(new torch.DoubleStorage(0))).to.equal('[torch.DoubleStorage of size 0]\n');
  });

  it('a tensor view prints only its own elements, but its storage prints all of them', () => {
    const t = torch.range(1, 4);
    const v = t.narrow(1, 2, 2);
    expect(String(v)).to.equal(' 2\n 3\n[torch.DoubleTensor of size 2]\n');
    expect(String(v.storage())).to.equal(' 1\n 2\n 3\n 4\n[torch.DoubleStorage of size 4]\n');
  });
});
