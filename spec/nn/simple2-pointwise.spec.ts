/** The elementwise math layers of the simple2 family (Exp ... Clamp, GradientReversal) against plain references. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import type { Module } from '../../nn/Module.js';
import { expectClose, flat, nonContiguous, prng, randomTensor } from '../helpers.js';

const rnd = prng(20240611);
const gen = (type: string, sizes: number[], lo = -3, hi = 3): Tensor => randomTensor(type, sizes, rnd, lo, hi);
const sizesOf = (x: Tensor) => x.size().totable();
const TOL: Record<string, number> = { Double: 1e-12, Float: 2e-6 };

/** An elementwise module: its builder, y = f(x), dy/dx = df(x), and the input range it is defined on. */
interface Pointwise { name: string; build: () => Module; f: (x: number) => number; df: (x: number) => number; lo?: number; hi?: number; str: string }

const POINTWISE: Pointwise[] = [
  { name: 'Exp', build: () => new nn.Exp(), f: Math.exp, df: Math.exp, str: 'nn.Exp' },
  { name: 'Log', build: () => new nn.Log(), f: Math.log, df: (x) => 1 / x, lo: 0.1, hi: 4, str: 'nn.Log' },
  { name: 'Abs', build: () => new nn.Abs(), f: Math.abs, df: (x) => (x >= 0 ? 1 : -1), str: 'nn.Abs' },
  { name: 'Square', build: () => new nn.Square(), f: (x) => x * x, df: (x) => 2 * x, str: 'nn.Square' },
  { name: 'Sqrt', build: () => new nn.Sqrt(), f: Math.sqrt, df: (x) => 0.5 / Math.sqrt(x), lo: 0.05, hi: 4, str: 'nn.Sqrt' },
  { name: 'Sqrt(1e-3)', build: () => new nn.Sqrt(1e-3), f: Math.sqrt, df: (x) => 0.5 / Math.sqrt(x), lo: 0.05, hi: 4, str: 'nn.Sqrt' },
  { name: 'Power(2)', build: () => new nn.Power(2), f: (x) => x * x, df: (x) => 2 * x, str: 'nn.Power' },
  { name: 'Power(3)', build: () => new nn.Power(3), f: (x) => x ** 3, df: (x) => 3 * x * x, str: 'nn.Power' },
  { name: 'Power(0.5)', build: () => new nn.Power(0.5), f: Math.sqrt, df: (x) => 0.5 / Math.sqrt(x), lo: 0.05, hi: 4, str: 'nn.Power' },
  { name: 'Power(-1.5)', build: () => new nn.Power(-1.5), f: (x) => x ** -1.5, df: (x) => -1.5 * x ** -2.5, lo: 0.2, hi: 4, str: 'nn.Power' },
  { name: 'Clamp(-0.5,1)', build: () => new nn.Clamp(-0.5, 1), f: (x) => Math.min(Math.max(x, -0.5), 1), df: (x) => (x > -0.5 && x < 1 ? 1 : 0), str: 'nn.Clamp' },
  { name: 'Clamp()', build: () => new nn.Clamp(), f: (x) => Math.min(Math.max(x, -1), 1), df: (x) => (x > -1 && x < 1 ? 1 : 0), str: 'nn.Clamp' },
];

/** Forward + backward of m on x against f and g * df, elementwise; the input is left unchanged. */
function checkPointwise(p: Pointwise, m: Module, x: Tensor, type: string): void {
  const g = gen(type, sizesOf(x));
  const xs = flat(x), gs = flat(g);
  const y = m.forward(x);
  expect(y.type()).to.equal(`torch.${type}Tensor`);
  expect(sizesOf(y)).to.deep.equal(sizesOf(x));
  expectClose(y, xs.map(p.f), TOL[type]);
  const gi = m.backward(x, g);
  expect(gi.type()).to.equal(`torch.${type}Tensor`);
  expect(sizesOf(gi)).to.deep.equal(sizesOf(x));
  expectClose(gi, xs.map((v, i) => gs[i] * p.df(v)), TOL[type] * 10);
  expect(flat(x), 'input unchanged').to.deep.equal(xs);
}

describe('nn simple2: elementwise math layers', () => {
  for (const p of POINTWISE) {
    it(`${p.name}: double batch, 1-D, 3-D, non-contiguous, float`, () => {
      const lo = p.lo ?? -3, hi = p.hi ?? 3;
      const m = p.build();
      checkPointwise(p, m, gen('Double', [4, 6], lo, hi), 'Double');
      checkPointwise(p, m, gen('Double', [7], lo, hi), 'Double');
      checkPointwise(p, m, gen('Double', [2, 3, 4], lo, hi), 'Double');
      const nc = nonContiguous(gen('Double', [5, 3], lo, hi));
      expect(nc.isContiguous()).to.equal(false);
      checkPointwise(p, m, nc, 'Double');
      checkPointwise(p, m, nonContiguous(gen('Double', [6], lo, hi)), 'Double');
      const mf = p.build().float();
      checkPointwise(p, mf, gen('Float', [4, 6], lo, hi), 'Float');
      checkPointwise(p, mf, nonContiguous(gen('Float', [3, 5], lo, hi)), 'Float');
      expect(m.float().forward(gen('Float', [3], lo, hi)).type(), 'converted module').to.equal('torch.FloatTensor');
    });
  }

  it('reuses the output and gradInput buffers (same tensors and storages) across calls', () => {
    for (const p of POINTWISE) {
      const m = p.build();
      const lo = p.lo ?? -3, hi = p.hi ?? 3;
      const x = gen('Double', [4, 6], lo, hi), g = gen('Double', [4, 6]);
      const y1 = m.forward(x), gi1 = m.backward(x, g);
      const ys = y1.storage(), gs = gi1.storage();
      const y2 = m.forward(gen('Double', [4, 6], lo, hi)), gi2 = m.backward(x, g);
      expect(y2, p.name).to.equal(y1);
      expect(gi2, p.name).to.equal(gi1);
      expect(y2.storage(), p.name).to.equal(ys);
      expect(gi2.storage(), p.name).to.equal(gs);
    }
  });

  it('prints as Torch (nn.Module\'s __tostring__: the type name)', () => {
    for (const p of POINTWISE) expect(String(p.build()), p.name).to.equal(p.str);
    expect(String(new nn.GradientReversal())).to.equal('nn.GradientReversal');
  });

  it('Abs gives gradient +g at exactly 0 (THNN: x >= 0 ? 1 : -1); Sqrt gives 0 where the output is 0', () => {
    const x = new (torch as any).DoubleTensor([0, -0, -2, 3]);
    const g = new (torch as any).DoubleTensor([5, 5, 5, 5]);
    const abs = new nn.Abs();
    abs.forward(x);
    expect(flat(abs.backward(x, g))).to.deep.equal([5, 5, -5, 5]);
    const sq = new nn.Sqrt();
    const y = new (torch as any).DoubleTensor([0, 4, 0.25]);
    sq.forward(y);
    expect(flat(sq.backward(y, new (torch as any).DoubleTensor([1, 1, 1])))).to.deep.equal([0, 0.25, 1]);
  });

  it('keeps the constructor fields as Torch names them', () => {
    expect(new nn.Sqrt().eps).to.equal(0);
    expect(new nn.Sqrt(0.1).eps).to.equal(0.1);
    expect(new nn.Power(2.5).pow).to.equal(2.5);
    const c = new nn.Clamp(-2, 3);
    expect([c.min_val, c.max_val]).to.deep.equal([-2, 3]);
    expect(c).to.be.instanceOf(nn.HardTanh);
  });

  it('raises Torch\'s errors', () => {
    expect(() => new (nn.Power as any)()).to.throw('nn.Power(power)');
    expect(() => new nn.Clamp(1, 0)).to.throw('max_value must be larger than min_value');
    const x = gen('Double', [2, 3]);
    const abs = new nn.Abs();
    abs.forward(x);
    expect(() => abs.backward(x, gen('Double', [7]))).to.throw(
      'input and gradOutput have different number of elements: input[2 x 3] has 6 elements, while gradOutput[7] has 7 elements');
    const sq = new nn.Square();
    sq.forward(x);
    expect(() => sq.backward(x, gen('Double', [3, 2]))).to.throw('input and gradOutput shapes do not match: input [2 x 3], gradOutput [3 x 2]');
    const rt = new nn.Sqrt();
    rt.forward(gen('Double', [2, 3], 0, 1));
    expect(() => rt.backward(x, gen('Double', [3, 2]))).to.throw('output and gradOutput shapes do not match: output [2 x 3], gradOutput [3 x 2]');
  });

  describe('GradientReversal', () => {
    it('is the identity forward (a view of the input) and -lambda * gradOutput backward', () => {
      for (const [lambda, k] of [[undefined, 1], [0.5, 0.5], [0, 0], [-2, -2]] as const) {
        const m = new nn.GradientReversal(lambda);
        expect(m.lambda).to.equal(k);
        const x = gen('Double', [3, 4]), g = nonContiguous(gen('Double', [3, 4]));
        const y = m.forward(x);
        expect(y.storage()).to.equal(x.storage());
        expect(flat(y)).to.deep.equal(flat(x));
        expectClose(m.backward(x, g), flat(g).map((v) => -k * v), 0);
      }
    });
    it('setLambda changes the scale; float works; gradInput is reused', () => {
      const m = new nn.GradientReversal();
      const x = gen('Double', [5]), g = gen('Double', [5]);
      const gi = m.backward(x, g);
      m.setLambda(3);
      expect(m.backward(x, g)).to.equal(gi);
      expectClose(gi, flat(g).map((v) => -3 * v), 0);
      const mf = m.float();
      const gf = gen('Float', [2, 5]);
      const gif = mf.backward(gen('Float', [2, 5]), gf);
      expect(gif.type()).to.equal('torch.FloatTensor');
      expectClose(gif, flat(gf).map((v) => -3 * v), 1e-7);
    });
  });
});
