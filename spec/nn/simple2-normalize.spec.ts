/** nn.Normalize against a plain per-row computation of its output and of Normalize.lua's gradient. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, flat, nonContiguous, prng, randomTensor } from '../helpers.js';

const rnd = prng(9001);
const gen = (type: string, sizes: number[]): Tensor => randomTensor(type, sizes, rnd, -2, 2);

/** Rows of a 1-D (one row) or 2-D tensor as plain arrays. */
function rows(x: Tensor): number[][] {
  const v = flat(x);
  const d = x.dim() === 1 ? v.length : x.size(2);
  const out: number[][] = [];
  for (let i = 0; i < v.length; i += d) out.push(v.slice(i, i + d));
  return out;
}

/** y = x / N, N = (Σ|x|^p + eps)^(1/p), or max|x| + eps for p = inf. */
function normOf(x: number[], p: number, eps: number): { N: number; S: number; k: number } {
  if (p === Infinity) {
    let k = 0;
    x.forEach((v, i) => { if (Math.abs(v) > Math.abs(x[k])) k = i; });
    return { N: Math.abs(x[k]) + eps, S: NaN, k };
  }
  const S = x.reduce((s, v) => s + Math.abs(v) ** p, 0) + eps;
  return { N: S ** (1 / p), S, k: -1 };
}

/** The analytic gradient: g/N - (Σ_i g_i x_i) x_j |x_j|^(p-2) / (S N), or for p = inf the term at the argmax only. */
function gradRow(x: number[], g: number[], p: number, eps: number): number[] {
  const { N, S, k } = normOf(x, p, eps);
  const dot = x.reduce((s, v, i) => s + v * g[i], 0);
  if (p === Infinity) return x.map((_, j) => g[j] / N - (j === k ? (x[k] / N) * dot / (N * N) : 0));
  const b = (v: number) => (p === 2 ? v : p < 2 && p % 2 !== 0 ? v * (Math.abs(v) + eps) ** (p - 2) : v * Math.abs(v) ** (p - 2));
  return x.map((v, j) => g[j] / N - (dot * b(v)) / (S * N));
}

const PS = [1, 1.5, 2, 3, 4, Infinity];

describe('nn.Normalize', () => {
  for (const p of PS) {
    it(`p = ${p}: output and gradient on 1-D, batch and non-contiguous input, float`, () => {
      const eps = 1e-10;
      for (const [type, tol] of [['Double', 1e-12], ['Float', 2e-5]] as const) {
        const m = new nn.Normalize(p);
        if (type === 'Float') m.float();
        for (const x of [gen(type, [6]), gen(type, [4, 5]), nonContiguous(gen(type, [3, 5])), nonContiguous(gen(type, [7]))]) {
          const g = gen(type, x.size().totable());
          const y = m.forward(x);
          expect(y.type()).to.equal(`torch.${type}Tensor`);
          expect(y.size().totable()).to.deep.equal(x.size().totable());
          expectClose(y, rows(x).flatMap((r) => { const { N } = normOf(r, p, eps); return r.map((v) => v / N); }), tol);
          const gi = m.backward(x, g);
          expect(gi.size().totable()).to.deep.equal(x.size().totable());
          const gr = rows(g);
          expectClose(gi, rows(x).flatMap((r, i) => gradRow(r, gr[i], p, eps)), tol * 10);
        }
      }
    });
  }

  it('eps is added to Σ|x|^p (p finite) or to max|x| (p = inf)', () => {
    const x = new (torch as any).DoubleTensor([3, -4]);
    expectClose(new nn.Normalize(2, 11).forward(x), [0.5, -4 / 6], 1e-15);
    expectClose(new nn.Normalize(Infinity, 1).forward(x), [0.6, -0.8], 1e-15);
    expect(new nn.Normalize(2).eps).to.equal(1e-10);
  });

  it('reuses its buffers across calls; clearState empties them and it still works', () => {
    for (const p of [2, Infinity]) {
      const m = new nn.Normalize(p);
      const x = gen('Double', [3, 4]), g = gen('Double', [3, 4]);
      m.forward(x); m.backward(x, g);
      const keep = ['output', 'gradInput', '_output', '_gradInput', 'buffer', 'buffer2', 'norm', 'cross'] as const;
      const before = keep.map((k) => [m[k], m[k]!.storage()]);
      const y0 = flat(m.forward(gen('Double', [3, 4])));
      m.backward(x, g);
      keep.forEach((k, i) => {
        expect(m[k], k).to.equal(before[i][0]);
        expect(m[k]!.storage(), k).to.equal(before[i][1]);
      });
      expect(y0.length).to.equal(12);
      const y1 = flat(m.forward(x)), g1 = flat(m.backward(x, g));
      expect(m.clearState()).to.equal(m);
      expect(m.output.nElement()).to.equal(0);
      expect(m.norm!.nElement()).to.equal(0);
      expect(flat(m.forward(x))).to.deep.equal(y1);
      expect(flat(m.backward(x, g))).to.deep.equal(g1);
    }
  });

  it('type() drops the LongTensor indices (p = inf) and converts the rest', () => {
    const m = new nn.Normalize(Infinity);
    const x = gen('Double', [2, 3]);
    m.forward(x);
    expect(m._indices!.type()).to.equal('torch.LongTensor');
    m.float();
    expect(m._indices).to.equal(undefined);
    expect(m.norm!.type()).to.equal('torch.FloatTensor');
    const y = m.forward(x.float());
    expect(m._indices!.type()).to.equal('torch.LongTensor');
    expectClose(y, rows(x).flatMap((r) => { const { N } = normOf(r, Infinity, 1e-10); return r.map((v) => v / N); }), 1e-6);
  });

  it('raises Torch\'s errors; prints as Torch', () => {
    expect(() => new (nn.Normalize as any)()).to.throw('p-norm not provided');
    expect(() => new nn.Normalize(0)).to.throw('0-norm not supported');
    expect(() => new nn.Normalize(-1.5)).to.throw('-1.5-norm not supported');
    const m = new nn.Normalize(2);
    expect(() => m.forward(gen('Double', [2, 2, 2]))).to.throw('only 1d layer supported');
    m.forward(gen('Double', [2, 2]));
    expect(() => m.backward(gen('Double', [2, 2]), gen('Double', [1, 2, 2]))).to.throw('only 1d layer supported');
    expect(String(new nn.Normalize(2))).to.equal('nn.Normalize(2)');
    expect(String(new nn.Normalize(1.5))).to.equal('nn.Normalize(1.500000)');
    expect(String(new nn.Normalize(Infinity))).to.equal('nn.Normalize(inf)');
  });
});
