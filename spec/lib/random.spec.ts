import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ByteTensor, DoubleTensor, FloatTensor, IntTensor, LongTensor, ShortTensor, CharTensor } from '../../lib/Tensor.js';
import * as R from '../../lib/random/index.js';
import { Generator } from '../../lib/random/index.js';
import * as libm from '../../lib/random/libm.js';

const DIR = '/work/shared/fixtures/torch7-ref/rng/';
type TJ = { __tensor: string; size: number[]; data: number[] };
const F = JSON.parse(readFileSync(DIR + 'rng.json', 'utf8')) as Record<string, Record<string, TJ>> & {
  random_123: { values: number[] };
  scalars_123: { uniform3: number[]; normal3: number[]; rand2_after: TJ };
  initialSeed_after_manualSeed_123: number;
};

/** Elements in row-major logical order. */
const vals = (t: { storage(): { data: ArrayLike<number> }; nElement(): number; apply(f: (v: number) => void): unknown }): number[] => {
  const out: number[] = [];
  t.apply((v) => { out.push(v); });
  return out;
};
/** Bit-for-bit equality with a fixture tensor (type, size and every element). */
function expectTensor(t: DoubleTensor | FloatTensor, ref: TJ): void {
  expect(t.type()).to.equal(ref.__tensor);
  expect(t.shape).to.deep.equal(ref.size);
  const v = vals(t);
  for (let i = 0; i < v.length; i++) expect(v[i], `element ${i + 1}`).to.equal(ref.data[i]);
}

/** The ByteStorage payload of rng_state_seed123.t7: an 8-byte size 5048, then the struct (seed 123 first). */
function fixtureState(): Uint8Array {
  const b = new Uint8Array(readFileSync(DIR + 'rng_state_seed123.t7'));
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i + 16 <= b.length; i++) {
    if (v.getBigUint64(i, true) === 5048n && v.getBigUint64(i + 8, true) === 123n) return b.subarray(i + 8, i + 8 + 5048);
  }
  throw new Error('state payload not found');
}

describe('random', () => {
  describe('Generator and scalar draws vs torch7 (rng.json)', () => {
    it('random_123: raw tempered MT19937 outputs', () => {
      R.manualSeed(123);
      expect(F.random_123.values.map(() => R.random())).to.deep.equal(F.random_123.values);
      expect(R.initialSeed()).to.equal(F.initialSeed_after_manualSeed_123);
    });

    it('scalars_123: uniform x3, normal x3 (cached pair), then rand(2)', () => {
      R.manualSeed(123);
      F.scalars_123.uniform3.forEach((u) => expect(R.uniform()).to.equal(u));
      F.scalars_123.normal3.forEach((n) => expect(R.normal()).to.equal(n));
      expectTensor(R.rand(2) as DoubleTensor, F.scalars_123.rand2_after);
    });

    it('distributions_123 as tensor fills', () => {
      const d = F.distributions_123;
      R.manualSeed(123);
      expectTensor(new DoubleTensor(8).bernoulli(0.3), d.bernoulli8);
      expectTensor(new DoubleTensor(4).uniform(-2, 3), d.uniform4);
      expectTensor(new DoubleTensor(4).normal(10, 0.5), d.normal4);
      expectTensor(new DoubleTensor(4).exponential(2), d.exponential4);
    });

    it('distributions_123 as scalar draws (the same stream)', () => {
      const d = F.distributions_123;
      R.manualSeed(123);
      d.bernoulli8.data.forEach((v) => expect(R.bernoulli(0.3)).to.equal(v));
      d.uniform4.data.forEach((v) => expect(R.uniform(-2, 3)).to.equal(v));
      d.normal4.data.forEach((v) => expect(R.normal(10, 0.5)).to.equal(v));
      d.exponential4.data.forEach((v) => expect(R.exponential(2)).to.equal(v));
    });

    for (const s of [0, 1, 42, 1234]) {
      it(`seed_${s}: rand(4) then randn(4)`, () => {
        R.manualSeed(s);
        expectTensor(R.rand(4) as DoubleTensor, F[`seed_${s}`].rand4);
        expectTensor(R.randn(4) as DoubleTensor, F[`seed_${s}`].randn4);
      });
    }

    it('sequence_123: rand(5), randn(5), randperm(10) on one stream', () => {
      const q = F.sequence_123;
      R.manualSeed(123);
      expectTensor(R.rand(5) as DoubleTensor, q.rand5);
      expectTensor(R.randn(5) as DoubleTensor, q.randn5);
      expectTensor(R.randperm(10) as DoubleTensor, q.randperm10);
    });

    it('separate_123: each right after manualSeed(123)', () => {
      const q = F.separate_123;
      R.manualSeed(123); expectTensor(R.rand(5) as DoubleTensor, q.rand5);
      R.manualSeed(123); expectTensor(R.randn(5) as DoubleTensor, q.randn5);
      R.manualSeed(123); expectTensor(R.randperm(10) as DoubleTensor, q.randperm10);
    });

    it('shapes_123: rand(2,3), randn(3,2), FloatTensor(4):uniform(), FloatTensor(4):normal()', () => {
      const q = F.shapes_123;
      R.manualSeed(123);
      expectTensor(R.rand(2, 3) as DoubleTensor, q.rand2x3);
      expectTensor(R.randn([3, 2]) as DoubleTensor, q.randn3x2);
      expectTensor(new FloatTensor(4).uniform(), q.float_uniform4);
      expectTensor(new FloatTensor(4).normal(), q.float_normal4);
    });
  });

  describe('Generator semantics', () => {
    it('two Generators are independent of each other and of the default', () => {
      const a = new Generator(), b = new Generator();
      a.manualSeed(123); R.manualSeed(123);
      const first = R.random(a);
      b.manualSeed(7); R.random(b); R.uniform(b);
      expect(first).to.equal(2991312382);
      expect(R.random(a)).to.equal(3062119789);
      expect(R.random()).to.equal(2991312382);
      expect(R.initialSeed(b)).to.equal(7);
    });

    it('manualSeed resets the cached normal', () => {
      R.manualSeed(123); R.uniform(); R.uniform(); R.uniform();
      R.normal();
      R.manualSeed(123);
      expect(R.normal()).to.equal(F.separate_123.randn5.data[0]);
    });

    it('seeds use the low 32 bits; number seeds go through C (long), bigints are the unsigned long', () => {
      const g = new Generator();
      g.manualSeed(2 ** 32 + 123);
      expect(g.random()).to.equal(2991312382);
      expect(g.initialSeed()).to.equal(2 ** 32 + 123);
      g.manualSeed(-1);
      expect(g.the_initial_seed).to.equal(2n ** 64n - 1n);
      expect(g.initialSeed()).to.equal(-1);
      const h = new Generator();
      h.manualSeed(2n ** 64n - 1n);
      expect(h.random()).to.equal(g.random());
      g.manualSeed(2 ** 63); // out of long's range: x86-64 gives LONG_MIN
      expect(g.the_initial_seed).to.equal(2n ** 63n);
      expect(g.state[0]).to.equal(0);
    });

    it('seed() reseeds and initialSeed() reports it', () => {
      const g = new Generator();
      const s = R.seed(g);
      expect(R.initialSeed(g)).to.equal(s);
      expect(g.seeded).to.equal(1);
    });

    it('torch.random(b) and random(a, b)', () => {
      const g = new Generator();
      R.manualSeed(123); g.manualSeed(123);
      expect(R.random(10)).to.equal(g.random() % 10 + 1);
      expect(R.random(-5, 5)).to.equal(g.random() % 11 - 5);
      expect(R.random(3.9)).to.equal(g.random() % 3 + 1); // (long) truncates
    });

    it('logNormal = exp(normal), cauchy, geometric follow THRandom.c', () => {
      const g = new Generator(), h = new Generator();
      g.manualSeed(5); h.manualSeed(5);
      expect(R.logNormal(g, 0.5, 0.25)).to.equal(libm.exp(h.normal(0.5, 0.25)));
      const u = () => h.random() / 2 ** 32;
      expect(R.cauchy(g, 1, 2)).to.equal(1 + 2 * libm.tan(Math.PI * (u() - 0.5)));
      expect(R.geometric(g, 0.3)).to.equal(Math.trunc(libm.log(1 - u()) / libm.log(0.3)) + 1);
    });
  });

  describe('libm: correctly rounded, as glibc (where V8\'s Math differs by 1 ulp)', () => {
    // [x, glibc 2.36 result]: in each case V8's Math.<f>(x) is one ulp away.
    const cases: Record<'log' | 'exp' | 'sin' | 'cos' | 'tan', [number, number][]> = {
      log: [[0.21997223957441747, -1.5142539243442628], [0.6078824826981872, -0.49777370073380617], [2.795977734918285, 1.0281818611489724]],
      exp: [[-0.3982294779346045, 0.6715079137306993], [1.914004970875891, 6.780188953934878]],
      sin: [[2.6584562966098324, 0.46455883250002605], [4.162452117832684, -0.8525575214979925]],
      cos: [[1.7978664889957332, -0.22512386453546349], [3.9062780096363015, -0.7216002243034569]],
      tan: [[-0.7209252526533562, -0.8787062313636483], [-0.6364681941064364, -0.7390685505347784]],
    };
    for (const [f, list] of Object.entries(cases) as [keyof typeof cases, [number, number][]][]) {
      it(f, () => {
        for (const [x, y] of list) {
          expect(libm[f](x), `${f}(${x})`).to.equal(y);
          expect(Math[f](x)).to.not.equal(y);
        }
      });
    }

    it('special values and fallbacks', () => {
      expect(libm.log(1)).to.equal(0);
      expect(libm.log(0)).to.equal(-Infinity);
      expect(libm.log(-1)).to.be.NaN;
      expect(libm.log(5e-324)).to.equal(-744.4400719213812);
      expect(libm.exp(0)).to.equal(1);
      expect(libm.exp(710)).to.equal(Infinity);
      expect(libm.sin(0)).to.equal(0);
      expect(libm.cos(0)).to.equal(1);
      expect(libm.sin(1e6)).to.equal(Math.sin(1e6));
    });

    it('agrees with Math to 1 ulp on a sweep', () => {
      for (let i = 1; i < 500; i++) {
        const x = i / 500;
        for (const [f, y] of [['log', x * 10], ['exp', 40 * x - 20], ['sin', 7 * x], ['cos', 7 * x], ['tan', 3 * x - 1.5]] as [keyof typeof cases, number][]) {
          const a = libm[f](y), b = Math[f](y);
          expect(Math.abs(a - b), `${f}(${y})`).to.be.at.most(Math.abs(b) * 2.3e-16);
        }
      }
    });
  });

  describe('RNG state', () => {
    it('the byte layout after manualSeed(123) matches torch7 getRNGState', () => {
      R.manualSeed(123);
      const s = R.getRNGState();
      expect(s.type()).to.equal('torch.ByteTensor');
      expect(s.nElement()).to.equal(5048);
      expect(Buffer.from(vals(s)).equals(Buffer.from(fixtureState()))).to.equal(true);
    });

    it('setRNGState(fixture) replays torch7 stream', () => {
      R.manualSeed(1);
      R.setRNGState(fixtureState());
      expect(R.random()).to.equal(2991312382);
    });

    it('save/restore replays the same stream, cached normal included', () => {
      const g = new Generator(); g.manualSeed(99);
      R.normal(g);
      const st = R.getRNGState(g);
      expect(g.normal_is_valid).to.equal(1);
      const a = [R.normal(g), R.normal(g), R.uniform(g)];
      const h = new Generator();
      R.setRNGState(h, st);
      expect([R.normal(h), R.normal(h), R.uniform(h)]).to.deep.equal(a);
      const res = new ByteTensor(3);
      expect(R.getRNGState(h, res)).to.equal(res);
      expect(res.nElement()).to.equal(5048);
    });

    it('setRNGState errors', () => {
      expect(() => R.setRNGState(new ByteTensor(10))).to.throw("bad argument #1 to 'setRNGState' (RNG state is wrong size)");
      const bad = R.getRNGState(); bad.fill(0);
      expect(() => R.setRNGState(bad)).to.throw("bad argument #1 to 'setRNGState' (Invalid RNG state)");
      const nc = new ByteTensor(5048, 2).select(2, 1) as ByteTensor;
      expect(() => R.setRNGState(nc)).to.throw("bad argument #1 to 'setRNGState' (RNG state needs to be contiguous)");
    });
  });

  describe('tensor fills', () => {
    it('fill a transposed tensor in row-major logical order', () => {
      R.manualSeed(3);
      const ref = vals(R.rand(3, 4));
      const x = new DoubleTensor(4, 3).t() as DoubleTensor;
      R.manualSeed(3);
      expect(x.uniform()).to.equal(x);
      expect(vals(x)).to.deep.equal(ref);
      const g = new Generator(); g.manualSeed(3);
      const y = new DoubleTensor(4, 3).t() as DoubleTensor;
      expect(R.rand(y, g, 3, 4)).to.equal(y); // resizes y: now contiguous 3x4, same values
      expect(vals(y)).to.deep.equal(ref);
    });

    it('an explicit generator and Float rounding of values and real arguments', () => {
      const g = new Generator(); g.manualSeed(11);
      const h = new Generator(); h.manualSeed(11);
      const x = new FloatTensor(5).uniform(g, -2, 0.1);
      const want = [0, 1, 2, 3, 4].map(() => Math.fround(h.uniform(-2, Math.fround(0.1))));
      expect(vals(x)).to.deep.equal(want);
    });

    it('torch.uniform(x, ...) fills x', () => {
      const x = new DoubleTensor(3);
      R.manualSeed(123);
      expect(R.uniform(x, 0, 1)).to.equal(x);
      expect(vals(x)).to.deep.equal(F.separate_123.rand5.data.slice(0, 3));
    });

    it('random() per type ranges', () => {
      const mods: [new (n: number) => { random(): unknown; apply(f: (v: number) => void): unknown }, number][] = [
        [ByteTensor, 256], [CharTensor, 128], [ShortTensor, 32768], [IntTensor, 2 ** 31],
        [LongTensor, 2 ** 32], [FloatTensor, 2 ** 24 + 1], [DoubleTensor, 2 ** 32],
      ];
      for (const [T, m] of mods) {
        const g = new Generator(); g.manualSeed(123);
        R.manualSeed(123);
        const x = new T(6); x.random();
        const out: number[] = []; x.apply((v) => { out.push(v); });
        expect(out).to.deep.equal(out.map(() => g.random() % m));
      }
    });

    it('random(b), random(a, b); TH\'s unsigned arithmetic makes negatives 2^64+v in Float/Double', () => {
      const g = new Generator(); g.manualSeed(8);
      R.manualSeed(8);
      const l = new LongTensor(20).random(-3, 2);
      const want = vals(l).map(() => g.random() % 6 - 3);
      expect(vals(l)).to.deep.equal(want);
      expect(want.some((v) => v < 0)).to.equal(true);
      R.manualSeed(8);
      expect(vals(new DoubleTensor(20).random(-3, 2))).to.deep.equal(want.map((v) => (v < 0 ? 2 ** 64 : v)));
      g.manualSeed(8); R.manualSeed(8);
      expect(vals(new IntTensor(20).random(6))).to.deep.equal(want.map(() => g.random() % 6 + 1));
    });

    it('bernoulli with a tensor of p', () => {
      const p = new FloatTensor([0, 1, 0.5, 0.25]);
      R.manualSeed(4);
      const x = new ByteTensor(2, 2).bernoulli(p);
      const g = new Generator(); g.manualSeed(4);
      expect(vals(x)).to.deep.equal([0, 1, 0.5, 0.25].map((q) => g.bernoulli(Math.fround(q))));
      expect(() => new DoubleTensor(3).bernoulli(p)).to.throw('inconsistent tensor size, expected self [3] and p [4]');
      expect(() => new DoubleTensor(4).bernoulli(new DoubleTensor([0.5, 2, 0, 0]))).to.throw("calling 'bernoulli' on bad self (must be >= 0 and <= 1)");
    });

    it('geometric and randperm on other types', () => {
      R.manualSeed(2);
      const x = new IntTensor(4).geometric(0.5);
      R.manualSeed(2);
      expect(vals(x)).to.deep.equal([1, 2, 3, 4].map(() => R.geometric(0.5)));
      R.manualSeed(123);
      const r = R.randperm(new LongTensor(), 10);
      expect(r.type()).to.equal('torch.LongTensor');
      expect(vals(r)).to.deep.equal(F.separate_123.randperm10.data);
      R.manualSeed(123);
      expect(vals(new FloatTensor().randperm(10))).to.deep.equal(F.separate_123.randperm10.data);
    });
  });

  describe('errors in Torch\'s words', () => {
    it('scalar functions', () => {
      expect(() => R.normal(0, 0)).to.throw("bad argument #2 to 'normal' (standard deviation must be strictly positive)");
      expect(() => R.logNormal(0, -1)).to.throw("bad argument #2 to 'logNormal' (standard deviation must be strictly positive)");
      expect(() => R.bernoulli(1.5)).to.throw("bad argument #1 to 'bernoulli' (must be >= 0 and <= 1)");
      expect(() => R.geometric(1)).to.throw("bad argument #1 to 'geometric' (must be > 0 and < 1)");
      expect(() => R.random(0)).to.throw("bad argument #1 to 'random' (upper bound must be strictly positive)");
      expect(() => R.random(5, 4)).to.throw("bad argument #2 to 'random' (upper bound must be larger than lower bound)");
      expect(() => R.randperm(0)).to.throw("bad argument #1 to 'randperm' (must be strictly positive)");
      expect(() => (R.exponential as () => number)()).to.throw(/invalid arguments to 'exponential'/);
      expect(() => (R.uniform as (a: unknown) => number)('x')).to.throw(/invalid arguments to 'uniform': string/);
    });

    it('methods (Lua shifts the argument number for a method call)', () => {
      expect(() => new DoubleTensor(2).normal(0, -1)).to.throw("bad argument #1 to 'normal' (standard deviation must be strictly positive)");
      expect(() => new DoubleTensor(2).bernoulli(2)).to.throw("calling 'bernoulli' on bad self (must be >= 0 and <= 1)");
      expect(() => new DoubleTensor(2).random(0)).to.throw("calling 'random' on bad self (upper bound must be strictly positive)");
      expect(() => new IntTensor(2).uniform()).to.throw("attempt to call method 'uniform' (a nil value)");
    });
  });
});
