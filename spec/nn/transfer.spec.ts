/** The transfer functions (nn.Tanh ... nn.GatedLinearUnit) against plain reference computations. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import type { Module } from '../../nn/Module.js';
import { expectClose, flat, nonContiguous, prng, randomTensor } from '../helpers.js';
import { jacobianCases } from './builders/transfer.js';
import { fromJSON, loadCases } from './torch7ref.js';

const rnd = prng(7771);
const t = torch as any;
const gen = (type: string, sizes: number[], lo = -3, hi = 3): Tensor => randomTensor(type, sizes, rnd, lo, hi);
const sizesOf = (x: Tensor) => x.size().totable();
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const TOL: Record<string, number> = { Double: 1e-12, Float: 2e-6 };

/** An elementwise module: its builder, y = f(x) and dy/dx = df(x). */
interface Pointwise { name: string; build: () => Module; f: (x: number) => number; df: (x: number) => number; lo?: number; hi?: number }

const slope = (1 / 8 + 1 / 3) / 2;
const POINTWISE: Pointwise[] = [
  { name: 'Tanh', build: () => new nn.Tanh(), f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  { name: 'Sigmoid', build: () => new nn.Sigmoid(), f: sigmoid, df: (x) => sigmoid(x) * (1 - sigmoid(x)) },
  { name: 'ReLU', build: () => new nn.ReLU(), f: (x) => Math.max(x, 0), df: (x) => (x > 0 ? 1 : 0) },
  { name: 'ReLU6', build: () => new nn.ReLU6(), f: (x) => Math.min(Math.max(x, 0), 6), df: (x) => (x > 0 && x < 6 ? 1 : 0), lo: -4, hi: 10 },
  { name: 'Threshold(0.1,-2)', build: () => new nn.Threshold(0.1, -2), f: (x) => (x > 0.1 ? x : -2), df: (x) => (x > 0.1 ? 1 : 0) },
  { name: 'HardTanh(-0.5,0.75)', build: () => new nn.HardTanh(-0.5, 0.75), f: (x) => Math.min(Math.max(x, -0.5), 0.75), df: (x) => (x > -0.5 && x < 0.75 ? 1 : 0) },
  { name: 'HardShrink', build: () => new nn.HardShrink(), f: (x) => (Math.abs(x) > 0.5 ? x : 0), df: (x) => (Math.abs(x) > 0.5 ? 1 : 0) },
  { name: 'SoftShrink(0.3)', build: () => new nn.SoftShrink(0.3), f: (x) => (x > 0.3 ? x - 0.3 : x < -0.3 ? x + 0.3 : 0), df: (x) => (Math.abs(x) > 0.3 ? 1 : 0) },
  { name: 'TanhShrink', build: () => new nn.TanhShrink(), f: (x) => x - Math.tanh(x), df: (x) => Math.tanh(x) ** 2 },
  { name: 'SoftPlus', build: () => new nn.SoftPlus(), f: (x) => (x > 20 ? x : Math.log(1 + Math.exp(x))), df: (x) => (x > 20 ? 1 : sigmoid(x)), lo: -25, hi: 25 },
  { name: 'SoftPlus(2)', build: () => new nn.SoftPlus(2), f: (x) => (2 * x > 20 ? x : Math.log(1 + Math.exp(2 * x)) / 2), df: (x) => (2 * x > 20 ? 1 : sigmoid(2 * x)), lo: -15, hi: 15 },
  { name: 'SoftSign', build: () => new nn.SoftSign(), f: (x) => x / (1 + Math.abs(x)), df: (x) => 1 / (1 + Math.abs(x)) ** 2 },
  { name: 'LogSigmoid', build: () => new nn.LogSigmoid(), f: (x) => -Math.log(1 + Math.exp(-x)), df: (x) => 1 / (1 + Math.exp(x)), lo: -30, hi: 30 },
  { name: 'LeakyReLU', build: () => new nn.LeakyReLU(), f: (x) => (x > 0 ? x : 0.01 * x), df: (x) => (x > 0 ? 1 : 0.01) },
  { name: 'LeakyReLU(0.2)', build: () => new nn.LeakyReLU(0.2), f: (x) => (x > 0 ? x : 0.2 * x), df: (x) => (x > 0 ? 1 : 0.2) },
  { name: 'PReLU()', build: () => new nn.PReLU(), f: (x) => (x > 0 ? x : 0.25 * x), df: (x) => (x > 0 ? 1 : 0.25) },
  { name: 'RReLU eval', build: () => new nn.RReLU().evaluate(), f: (x) => (x > 0 ? x : slope * x), df: (x) => (x > 0 ? 1 : slope) },
  { name: 'RReLU(0.3,0.3) train', build: () => new nn.RReLU(0.3, 0.3), f: (x) => (x > 0 ? x : 0.3 * x), df: (x) => (x > 0 ? 1 : 0.3) },
  { name: 'ELU', build: () => new nn.ELU(), f: (x) => (x > 0 ? x : Math.exp(x) - 1), df: (x) => (x > 0 ? 1 : Math.exp(x)) },
  { name: 'ELU(0.5)', build: () => new nn.ELU(0.5), f: (x) => (x > 0 ? x : 0.5 * (Math.exp(x) - 1)), df: (x) => (x > 0 ? 1 : 0.5 * Math.exp(x)) },
];

/** Forward + backward of `m` on x, checked against f and g * df elementwise; returns [output, gradInput]. */
function checkPointwise(p: Pointwise, m: Module, x: Tensor, type: string): void {
  const g = gen(type, sizesOf(x));
  const xs = flat(x), gs = flat(g);
  const y = m.forward(x);
  expect(y.type()).to.equal(`torch.${type}Tensor`);
  expect(sizesOf(y)).to.deep.equal(sizesOf(x));
  expectClose(y, xs.map(p.f), TOL[type]);
  const gi = m.backward(x, g);
  expect(sizesOf(gi)).to.deep.equal(sizesOf(x));
  expectClose(gi, xs.map((v, i) => gs[i] * p.df(v)), TOL[type]);
  expect(flat(x), 'input unchanged').to.deep.equal(xs);
}

describe('nn transfer functions', () => {
  describe('pointwise modules against y = f(x), dx = g * f\'(x)', () => {
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
      });
    }

    it('reuses the output and gradInput buffers across calls', () => {
      for (const p of POINTWISE) {
        const m = p.build();
        const x = gen('Double', [4, 6]);
        const y = m.forward(x), gi = m.backward(x, gen('Double', [4, 6]));
        const ys = y.storage(), gs = gi.storage();
        m.forward(gen('Double', [4, 6]));
        m.backward(x, gen('Double', [4, 6]));
        expect(m.output, p.name).to.equal(y);
        expect(m.output.storage(), p.name).to.equal(ys);
        expect(m.gradInput.storage(), p.name).to.equal(gs);
      }
    });

    it('raises THNN\'s error when gradOutput has the wrong number of elements', () => {
      const x = gen('Double', [4, 6]), bad = gen('Double', [4, 5]);
      const m = new nn.ReLU();
      m.forward(x);
      expect(() => m.backward(x, bad)).to.throw(torch.TorchError,
        'input and gradOutput have different number of elements: input[4 x 6] has 24 elements, while gradOutput[4 x 5] has 20 elements');
      const th = new nn.Tanh();
      th.forward(x);
      expect(() => th.backward(x, bad)).to.throw('output and gradOutput shapes do not match: output [4 x 6], gradOutput [4 x 5]');
      const s = new nn.Sigmoid();
      s.forward(x);
      expect(() => s.backward(x, bad)).to.throw('output and gradOutput have different number of elements');
      for (const mm of [new nn.HardTanh(), new nn.LeakyReLU(), new nn.ELU(), new nn.SoftPlus(), new nn.HardShrink(),
        new nn.SoftShrink(), new nn.LogSigmoid(), new nn.PReLU(), new nn.RReLU()]) {
        mm.forward(x);
        expect(() => mm.backward(x, bad), mm.toString()).to.throw('input and gradOutput have different number of elements');
      }
    });
  });

  describe('constructors, defaults and toString', () => {
    it('keeps Torch\'s field names and defaults', () => {
      expect(new nn.Threshold()).to.include({ threshold: 1e-6, val: 0, inplace: false });
      expect(new nn.ReLU(true)).to.include({ threshold: 0, val: 0, inplace: true });
      expect(new nn.ReLU6()).to.include({ inplace: false });
      expect(new nn.HardTanh()).to.include({ min_val: -1, max_val: 1, inplace: false });
      expect(new nn.HardTanh(0, 2, true)).to.include({ min_val: 0, max_val: 2, inplace: true });
      expect(new nn.HardShrink()).to.include({ lambda: 0.5 });
      expect(new nn.SoftShrink(0.2)).to.include({ lambda: 0.2 });
      expect(new nn.SoftPlus()).to.include({ beta: 1, threshold: 20 });
      expect(new nn.LeakyReLU()).to.include({ negval: 0.01, inplace: false });
      expect(new nn.LeakyReLU(0.3, true)).to.include({ negval: 0.3, inplace: true });
      expect(new nn.LeakyReLU(true), 'Lua shadows the boolean form').to.include({ negval: 0.01, inplace: false });
      expect(new nn.LeakyReLU(-0.5, true), 'negative negval turns inplace off').to.include({ negval: -0.5, inplace: false });
      expect(new nn.RReLU()).to.include({ lower: 1 / 8, upper: 1 / 3, inplace: false, train: true });
      expect(new nn.ELU()).to.include({ alpha: 1, inplace: false });
      expect(new nn.GatedLinearUnit(2)).to.include({ dim: 2 });
      expect(new nn.PReLU()).to.include({ nOutputPlane: 0 });
    });

    it('raises Torch\'s constructor errors', () => {
      expect(() => new nn.HardTanh(1, 1)).to.throw(torch.TorchError, 'max_value must be larger than min_value');
      expect(() => new nn.HardTanh(-1, 1, 1 as any)).to.throw('in-place flag must be boolean');
      expect(() => new nn.ReLU6('yes' as any)).to.throw('in-place flag must be boolean');
      expect(() => new nn.Threshold('a' as any)).to.throw('nn.Threshold(threshold, value)');
      expect(() => new nn.Threshold(0, 1, true)).to.throw('in-place processing requires value (1) not exceed threshold (0)');
      expect(() => new nn.RReLU(0.5, 0.1)).to.throw('assertion failed!');
      expect(() => new nn.RReLU(-0.1, 0.1)).to.throw('assertion failed!');
      expect(() => new nn.ELU('1' as any)).to.throw('assertion failed!');
      expect(() => new nn.ELU(1, 1 as any)).to.throw('assertion failed!');
    });

    it('prints as Torch\'s __tostring__', () => {
      expect(String(new nn.Tanh())).to.equal('nn.Tanh');
      expect(String(new nn.ReLU())).to.equal('nn.ReLU');
      expect(String(new nn.SoftMax())).to.equal('nn.SoftMax');
      expect(String(new nn.LogSoftMax())).to.equal('nn.LogSoftMax');
      expect(String(new nn.PReLU(3))).to.equal('nn.PReLU');
      expect(String(new nn.LeakyReLU())).to.equal('nn.LeakyReLU(0.01)');
      expect(String(new nn.LeakyReLU(0.2))).to.equal('nn.LeakyReLU(0.2)');
      expect(String(new nn.LeakyReLU(1 / 3))).to.equal('nn.LeakyReLU(0.333333)');
      expect(String(new nn.RReLU())).to.equal('nn.RReLU (l:0.125000, u:0.333333)');
      expect(String(new nn.ELU())).to.equal('nn.ELU (alpha:1.000000)');
      expect(String(new nn.ELU(0.5))).to.equal('nn.ELU (alpha:0.500000)');
    });
  });

  describe('in-place variants against the Torch7 fixtures', () => {
    const cases = loadCases('modules');
    const inplace: Record<string, () => Module> = {
      ReLU: () => new nn.ReLU(true),
      Threshold: () => new nn.Threshold(0.1, -2, true),
      HardTanh: () => new nn.HardTanh(-0.5, 0.75, true),
      HardTanh_default: () => new nn.HardTanh(undefined, undefined, true),
      LeakyReLU: () => new nn.LeakyReLU(undefined, true),
      LeakyReLU_02: () => new nn.LeakyReLU(0.2, true),
      ELU: () => new nn.ELU(1, true),
      ELU_alpha05: () => new nn.ELU(0.5, true),
    };
    for (const [name, build] of Object.entries(inplace)) {
      it(`${name} (inplace): input becomes Torch's output, gradOutput becomes Torch's gradInput`, () => {
        const c = cases[name];
        const m = build();
        const input = fromJSON(c.input) as Tensor, gradOutput = fromJSON(c.gradOutput) as Tensor;
        const y = m.forward(input);
        expectClose(input, fromJSON(c.output), 1e-10);
        expect(y.storage(), 'output views the input').to.equal(input.storage());
        const gi = m.backward(input, gradOutput);
        expectClose(gi, fromJSON(c.gradInput), 1e-10);
        expectClose(gradOutput, fromJSON(c.gradInput), 1e-10);
        expect(gi.storage(), 'gradInput views gradOutput').to.equal(gradOutput.storage());
      });
    }

    it('ReLU6, RReLU (eval) in place modify a non-contiguous input like the out-of-place forms', () => {
      for (const [a, b] of [[new nn.ReLU6(true), new nn.ReLU6()], [new nn.RReLU(0.1, 0.3, true).evaluate(), new nn.RReLU(0.1, 0.3).evaluate()]] as const) {
        const x = nonContiguous(gen('Double', [4, 5], -8, 8)), x0 = x.clone(), g = gen('Double', [4, 5]);
        const y = b.forward(x0).clone(), gi = b.backward(x0, g).clone();
        a.forward(x);
        expectClose(x, y, 1e-15);
        expectClose(a.backward(x, g.clone()), gi, 1e-15);
      }
    });
  });

  describe('SoftMax, SoftMin, LogSoftMax', () => {
    /** Reference over the dim THNN picks: [nframe, dim, inner] of the contiguous input. */
    const geometry = (s: number[]): [number, number, number] =>
      s.length === 1 ? [1, s[0], 1] : s.length === 2 ? [s[0], s[1], 1] : s.length === 3 ? [1, s[0], s[1] * s[2]] : [s[0], s[1], s[2] * s[3]];
    function refSoftmax(x: Tensor, log: boolean): number[] {
      const v = flat(x), [nf, d, inner] = geometry(sizesOf(x)), out = v.slice();
      for (let f = 0; f < nf; f++) {
        for (let k = 0; k < inner; k++) {
          const idx = (j: number) => f * d * inner + j * inner + k;
          let max = -Infinity;
          for (let j = 0; j < d; j++) max = Math.max(max, v[idx(j)]);
          let sum = 0;
          for (let j = 0; j < d; j++) sum += Math.exp(v[idx(j)] - max);
          for (let j = 0; j < d; j++) out[idx(j)] = log ? v[idx(j)] - max - Math.log(sum) : Math.exp(v[idx(j)] - max) / sum;
        }
      }
      return out;
    }
    function refGrad(y: Tensor, g: Tensor, log: boolean): number[] {
      const yv = flat(y), gv = flat(g), [nf, d, inner] = geometry(sizesOf(y)), out = yv.slice();
      for (let f = 0; f < nf; f++) {
        for (let k = 0; k < inner; k++) {
          const idx = (j: number) => f * d * inner + j * inner + k;
          let sum = 0;
          for (let j = 0; j < d; j++) sum += log ? gv[idx(j)] : gv[idx(j)] * yv[idx(j)];
          for (let j = 0; j < d; j++) out[idx(j)] = log ? gv[idx(j)] - Math.exp(yv[idx(j)]) * sum : yv[idx(j)] * (gv[idx(j)] - sum);
        }
      }
      return out;
    }

    const SHAPES = [[7], [4, 6], [3, 4, 5], [2, 3, 4, 5], [1, 5], [5, 1]];
    for (const log of [false, true]) {
      const name = log ? 'LogSoftMax' : 'SoftMax';
      for (const type of ['Double', 'Float']) {
        it(`${name} (${type}) on 1-D, 2-D, 3-D and 4-D inputs, contiguous and not`, () => {
          const m = (log ? new nn.LogSoftMax() : new nn.SoftMax()).type(`torch.${type}Tensor`) as Module;
          for (const s of SHAPES) {
            for (const x of [gen(type, s, -5, 5), nonContiguous(gen(type, s, -5, 5))]) {
              const g = gen(type, s);
              const y = m.forward(x);
              expect(sizesOf(y)).to.deep.equal(s);
              expectClose(y, refSoftmax(x, log), TOL[type] * 5);
              const gi = m.backward(x, nonContiguous(g));
              expectClose(gi, refGrad(y, g, log), TOL[type] * 5);
            }
          }
        });
      }
    }

    it('SoftMax normalises dim 1 of a 3-D input and dim 2 of a 4-D input (as SoftMax.c decides)', () => {
      const x3 = gen('Double', [3, 2, 2]);
      const y3 = new nn.SoftMax().forward(x3) as Tensor;
      const s3 = torch.sum(y3, 1) as Tensor;
      expectClose(s3, new Array(4).fill(1), 1e-14);
      const x4 = gen('Double', [2, 3, 2, 2]);
      const y4 = new nn.SoftMax().forward(x4) as Tensor;
      expectClose(torch.sum(y4, 2) as Tensor, new Array(8).fill(1), 1e-14);
      expect(flat(torch.sum(y4, 4) as Tensor).every((v) => Math.abs(v - 1) > 1e-6), 'not the last dim').to.equal(true);
    });

    it('LogSoftMax is stable for huge inputs (max subtraction, log-sum-exp)', () => {
      const x: Tensor = new t.DoubleTensor([[1000, 1001, 1002], [-1000, -1001, -1e4]]);
      const y = new nn.LogSoftMax().forward(x) as Tensor;
      const lse = (a: number[]) => { const m = Math.max(...a); return m + Math.log(a.reduce((s, v) => s + Math.exp(v - m), 0)); };
      const rows = [[1000, 1001, 1002], [-1000, -1001, -1e4]];
      expectClose(y, rows.flatMap((r) => r.map((v) => v - lse(r))), 1e-14);
      expect(flat(y).every(Number.isFinite)).to.equal(true);
      const sm = new nn.SoftMax().forward(x) as Tensor;
      expect(flat(sm).every(Number.isFinite)).to.equal(true);
      const fy = new nn.LogSoftMax().float().forward(x.float()) as Tensor;
      expect(flat(fy).every(Number.isFinite)).to.equal(true);
    });

    it('SoftMin is softmax(-x) with the gradient negated, and clearState frees its buffer', () => {
      for (const s of [[6], [4, 6], [3, 2, 2]]) {
        const x = gen('Double', s), g = gen('Double', s);
        const m = new nn.SoftMin();
        const y = m.forward(x);
        expectClose(y, refSoftmax(x.clone().mul(-1), false), 1e-13);
        const gi = m.backward(x, g);
        expectClose(gi, refGrad(y, g, false).map((v) => -v), 1e-13);
        expect(m.mininput!.nElement()).to.equal(x.nElement());
        m.clearState();
        expect(m.mininput!.nElement()).to.equal(0);
        expect(m.output.nElement()).to.equal(0);
      }
      const mf = new nn.SoftMin().float();
      const xf = gen('Float', [3, 4]);
      expectClose(mf.forward(xf), refSoftmax(xf.clone().mul(-1), false), 1e-6);
      expect(mf.mininput!.type()).to.equal('torch.FloatTensor');
    });

    it('raises THNN\'s errors for 5-D inputs and mismatched gradOutput', () => {
      for (const m of [new nn.SoftMax(), new nn.LogSoftMax(), new nn.SoftMin()]) {
        expect(() => m.forward(gen('Double', [2, 2, 2, 2, 2]))).to.throw(torch.TorchError, /1D, 2D, 3D or 4D tensor expected/);
        expect(() => m.forward(new t.DoubleTensor())).to.throw(/1D, 2D, 3D or 4D tensor expected/);
        const x = gen('Double', [4, 6]);
        m.forward(x);
        expect(() => m.backward(x, gen('Double', [6, 4])))
          .to.throw('input and gradOutput shapes do not match: input [4 x 6], gradOutput [6 x 4]');
      }
    });

    it('LogSoftMax on a 128x10 batch reuses its buffers across calls', () => {
      const m = new nn.LogSoftMax();
      const x = gen('Double', [128, 10]), g = gen('Double', [128, 10]);
      m.forward(x);
      m.backward(x, g);
      const ys = m.output.storage(), gs = m.gradInput.storage();
      for (let i = 0; i < 20; i++) { m.forward(x); m.backward(x, g); }
      expect(m.output.storage()).to.equal(ys);
      expect(m.gradInput.storage()).to.equal(gs);
      expectClose(m.output, refSoftmax(x, true), 1e-12);
    });
  });

  describe('PReLU', () => {
    it('starts every slope at 0.25 (no RNG draw) and exposes weight/gradWeight', () => {
      torch.manualSeed(5);
      const before = t.uniform();
      torch.manualSeed(5);
      const p = new nn.PReLU(4);
      expect(t.uniform()).to.equal(before);
      expect(flat(p.weight)).to.deep.equal([0.25, 0.25, 0.25, 0.25]);
      expect(flat(p.gradWeight)).to.deep.equal([0, 0, 0, 0]);
      const [params, grads] = p.parameters()!;
      expect(params[0]).to.equal(p.weight);
      expect(grads[0]).to.equal(p.gradWeight);
      expect(sizesOf(new nn.PReLU().weight)).to.deep.equal([1]);
    });

    /** Reference per-plane PReLU: planes along dim 1 (1-D) or 2 (otherwise). */
    function refPrelu(x: Tensor, g: Tensor, w: number[], scale: number) {
      const s = sizesOf(x), xv = flat(x), gv = flat(g);
      const ks = s.slice(2).reduce((a, b) => a * b, 1), np = w.length;
      const plane = (i: number) => (s.length === 1 ? i : Math.floor(i / ks) % np);
      const y = xv.map((v, i) => (v > 0 ? v : w[plane(i)] * v));
      const gi = xv.map((v, i) => (v > 0 ? gv[i] : w[plane(i)] * gv[i]));
      const gw = new Array(np).fill(0);
      xv.forEach((v, i) => { if (v <= 0) gw[plane(i)] += scale * v * gv[i]; });
      return { y, gi, gw };
    }

    for (const type of ['Double', 'Float']) {
      it(`per-plane slopes on 1-D, 2-D, 3-D (batch of vectors) and 4-D inputs (${type})`, () => {
        for (const s of [[3], [5, 3], [2, 3, 4], [2, 3, 2, 2]]) {
          for (const x of [gen(type, s), nonContiguous(gen(type, s))]) {
            const p = new nn.PReLU(3).type(`torch.${type}Tensor`) as InstanceType<typeof nn.PReLU>;
            p.weight.copy(new t.DoubleTensor([0.1, -0.3, 0.7]));
            const g = gen(type, s);
            const ref = refPrelu(x, g, [0.1, -0.3, 0.7], 0.5);
            expectClose(p.forward(x), ref.y, TOL[type]);
            p.zeroGradParameters();
            expectClose(p.backward(x, g, 0.5), ref.gi, TOL[type]);
            expectClose(p.gradWeight, ref.gw, TOL[type] * 10);
            p.backward(x, g, 0.5);
            expectClose(p.gradWeight, ref.gw.map((v) => 2 * v), TOL[type] * 10);
          }
        }
      });
    }

    it('shared slope accumulates over every element; updateParameters moves it', () => {
      const p = new nn.PReLU();
      const x = gen('Double', [4, 5]), g = gen('Double', [4, 5]);
      p.zeroGradParameters();
      p.forward(x);
      p.backward(x, g);
      const expected = flat(x).reduce((s, v, i) => (v <= 0 ? s + v * flat(g)[i] : s), 0);
      expectClose(p.gradWeight, [expected], 1e-12);
      expectClose(p.gradInput, flat(x).map((v, i) => (v > 0 ? 1 : 0.25) * flat(g)[i]), 1e-12);
      p.updateParameters(0.1);
      expectClose(p.weight, [0.25 - 0.1 * expected], 1e-12);
    });

    it('raises THNN\'s error for the wrong number of planes', () => {
      const p = new nn.PReLU(3);
      expect(() => p.forward(gen('Double', [2, 4, 5]))).to.throw(torch.TorchError, 'Wrong number of input planes. Expected 3 but got 4.');
      expect(() => p.forward(gen('Double', [5]))).to.throw('Wrong number of input planes. Expected 3 but got 5.');
    });

    it('clearState empties its buffers; float() converts weight and gradWeight', () => {
      const p = new nn.PReLU(2);
      const x = gen('Double', [3, 2]);
      p.forward(x);
      p.backward(x, gen('Double', [3, 2]));
      expect(p.gradWeightBuf).to.be.instanceOf(Tensor);
      p.clearState();
      expect(p.output.nElement()).to.equal(0);
      p.float();
      expect(p.weight.type()).to.equal('torch.FloatTensor');
      expect(p.gradWeight.type()).to.equal('torch.FloatTensor');
    });
  });

  describe('RReLU', () => {
    /** The reference: x <= 0 gets uniform(l, u) from a generator seeded like torch's, in row-major order. */
    function refTrain(x: Tensor, seed: number, l: number, u: number, type: string) {
      const g = new t.Generator();
      g.manualSeed(seed);
      const cast = (v: number) => (type === 'Float' ? Math.fround(v) : v);
      const noise = flat(x).map((v) => (v <= 0 ? cast(g.uniform(cast(l), cast(u))) : 1));
      return { noise, y: flat(x).map((v, i) => v * noise[i]), next: g.uniform() };
    }

    for (const type of ['Double', 'Float']) {
      it(`training draws one uniform(lower, upper) per x <= 0 from torch's RNG, in order (${type})`, () => {
        for (const x of [gen(type, [4, 6]), nonContiguous(gen(type, [3, 5])), gen(type, [2, 2, 3])]) {
          const ref = refTrain(x, 321, 0.1, 0.4, type);
          const m = new nn.RReLU(0.1, 0.4).type(`torch.${type}Tensor`) as InstanceType<typeof nn.RReLU>;
          torch.manualSeed(321);
          const y = m.forward(x);
          expect(t.uniform(), 'the stream continues after the draws').to.equal(ref.next);
          expectClose(m.noise, ref.noise, TOL[type]);
          expectClose(y, ref.y, TOL[type]);
          const g = gen(type, sizesOf(x));
          expectClose(m.backward(x, g), flat(g).map((v, i) => v * ref.noise[i]), TOL[type]);
        }
      });
    }

    it('in-place training modifies the input with the same draws; evaluation uses (l+u)/2', () => {
      const x = gen('Double', [4, 6]), x0 = x.clone(), g = gen('Double', [4, 6]);
      const ref = refTrain(x0, 99, 1 / 8, 1 / 3, 'Double');
      const m = new nn.RReLU(undefined, undefined, true);
      torch.manualSeed(99);
      m.forward(x);
      expectClose(x, ref.y, 1e-15);
      const gv = flat(g);
      const gi = m.backward(x, g);
      expectClose(gi, gv.map((v, i) => v * ref.noise[i]), 1e-15);
      expect(gi.storage(), 'in place: gradInput views gradOutput').to.equal(g.storage());
      const e = new nn.RReLU(0.2, 0.6).evaluate();
      torch.manualSeed(1);
      const before = t.uniform();
      torch.manualSeed(1);
      expectClose(e.forward(x0), flat(x0).map((v) => (v > 0 ? v : 0.4 * v)), 1e-15);
      expect(t.uniform(), 'evaluation draws nothing').to.equal(before);
    });

    it('clearState empties the noise', () => {
      const m = new nn.RReLU();
      m.forward(gen('Double', [3, 3]));
      expect(m.noise.nElement()).to.equal(9);
      m.clearState();
      expect(m.noise.nElement()).to.equal(0);
    });
  });

  describe('GatedLinearUnit', () => {
    function ref(x: Tensor, g: Tensor | undefined, dim: number) {
      const h = x.size(dim) / 2;
      const a = x.narrow(dim, 1, h), b = x.narrow(dim, h + 1, h);
      const av = flat(a), bv = flat(b);
      const y = av.map((v, i) => v * sigmoid(bv[i]));
      if (!g) return { y };
      const gv = flat(g);
      const ga = bv.map((v, i) => gv[i] * sigmoid(v));
      const gb = bv.map((v, i) => gv[i] * av[i] * sigmoid(v) * (1 - sigmoid(v)));
      return { y, ga, gb };
    }
    for (const type of ['Double', 'Float']) {
      it(`halves the last dim by default, or the given dim (${type})`, () => {
        for (const [s, dim] of [[[4, 6], undefined], [[8], undefined], [[4, 3, 2], 1], [[3, 4, 5], 2], [[2, 3, 6], 3]] as [number[], number | undefined][]) {
          for (const x of [gen(type, s), nonContiguous(gen(type, s))]) {
            const d = dim ?? s.length;
            const m = new nn.GatedLinearUnit(dim).type(`torch.${type}Tensor`) as Module;
            const out = s.slice();
            out[d - 1] /= 2;
            const g = gen(type, out);
            const r = ref(x, g, d);
            const y = m.forward(x);
            expect(sizesOf(y)).to.deep.equal(out);
            expectClose(y, r.y, TOL[type]);
            const gi = m.backward(x, g);
            expect(sizesOf(gi)).to.deep.equal(s);
            expectClose(gi.narrow(d, 1, out[d - 1]), r.ga!, TOL[type]);
            expectClose(gi.narrow(d, out[d - 1] + 1, out[d - 1]), r.gb!, TOL[type]);
          }
        }
      });
    }
    it('raises THNN\'s errors for an odd or missing dim', () => {
      expect(() => new nn.GatedLinearUnit().forward(gen('Double', [4, 5]))).to.throw(torch.TorchError, 'Halving dimension must be even. Dim 2 is size 5');
      expect(() => new nn.GatedLinearUnit(3).forward(gen('Double', [4, 6]))).to.throw('dimension 3 out of range of 2D tensor');
    });
  });

  describe('buffers, clearState and type()', () => {
    it('LogSigmoid keeps its buffer, SoftSign its temps, TanhShrink its Tanh; clearState frees them', () => {
      const x = gen('Double', [3, 4]), g = gen('Double', [3, 4]);
      const ls = new nn.LogSigmoid();
      ls.forward(x); ls.backward(x, g);
      expect(ls.buffer!.nElement()).to.equal(12);
      ls.clearState();
      expect(ls.buffer!.nElement()).to.equal(0);
      const ss = new nn.SoftSign();
      ss.forward(x); ss.backward(x, g);
      expect(ss.temp!.nElement()).to.equal(12);
      ss.clearState();
      expect(ss.temp!.nElement() + ss.tempgrad!.nElement() + ss.output.nElement()).to.equal(0);
      const ts = new nn.TanhShrink();
      ts.forward(x); ts.backward(x, g);
      ts.clearState();
      expect(ts.tanh.output.nElement() + ts.output.nElement() + ts.gradInput.nElement()).to.equal(0);
      ts.float();
      expect(ts.tanh.output.type()).to.equal('torch.FloatTensor');
    });

    it('every module converts to float and back (buffers included) and matches the double result', () => {
      for (const p of POINTWISE) {
        const m = p.build();
        const x = gen('Double', [3, 4]), g = gen('Double', [3, 4]);
        m.forward(x); m.backward(x, g);
        const y = m.output.clone(), gi = m.gradInput.clone();
        m.float();
        expect(m.output.type(), p.name).to.equal('torch.FloatTensor');
        expectClose(m.forward(x.float()), y, 1e-5);
        expectClose(m.backward(x.float(), g.float()), gi, 1e-5);
        m.double();
        expectClose(m.forward(x), y, 1e-15);
      }
    });
  });

  describe('Jacobian rows of spec/nn/builders/transfer.ts (finite differences, 1e-6 step)', () => {
    /** Max |analytic - numeric| over the input Jacobian (and the weight's, for modules with parameters). */
    function jacobianError(m: Module, x: Tensor): number {
      const eps = 1e-6;
      const y0 = m.forward(x).clone();
      const n = x.nElement(), k = y0.nElement();
      const xv = x.storage().data, off = x.storageOffset() - 1;
      expect(x.isContiguous()).to.equal(true);
      let err = 0;
      const numeric: number[][] = [];
      for (let i = 0; i < n; i++) {
        const v = xv[off + i];
        xv[off + i] = v - eps;
        const a = flat(m.forward(x));
        xv[off + i] = v + eps;
        const b = flat(m.forward(x));
        xv[off + i] = v;
        numeric.push(a.map((ai, j) => (b[j] - ai) / (2 * eps)));
      }
      for (let j = 0; j < k; j++) {
        const go = y0.clone().zero();
        go.storage().data[j] = 1;
        m.forward(x);
        m.zeroGradParameters();
        const gi = flat(m.backward(x, go));
        for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(gi[i] - numeric[i][j]));
        if (m.weight) {
          const gw = flat(m.gradWeight!), w = m.weight, wv = w.storage().data;
          for (let q = 0; q < w.nElement(); q++) {
            const v = wv[q];
            wv[q] = v - eps;
            const a = flat(m.forward(x))[j];
            wv[q] = v + eps;
            const b = flat(m.forward(x))[j];
            wv[q] = v;
            err = Math.max(err, Math.abs(gw[q] - (b - a) / (2 * eps)));
          }
        }
      }
      return err;
    }
    for (const c of jacobianCases) {
      it(c.name, () => {
        torch.manualSeed(42);
        const m = c.build();
        const x = c.input() as Tensor;
        expect(jacobianError(m, x)).to.be.below(c.precision ?? 1e-5);
      });
    }
    it('the check catches a wrong gradient', () => {
      const m = new nn.Tanh();
      m.updateGradInput = function (_i: Tensor, g: Tensor) { this.gradInput.resizeAs(g).copy(g); return this.gradInput; };
      expect(jacobianError(m, torch.randn(3, 4))).to.be.above(1e-3);
    });
  });
});
