/**
 * nn.SpatialSubtractiveNormalization / SpatialDivisiveNormalization / SpatialContrastiveNormalization
 * against the formulas evaluated with plain loops: a local weighted mean (or root of the weighted sum
 * of squares) over the kernel's in-bounds neighbourhood and every plane, with Torch's border
 * coefficients; the 1-D kernel k acts as the separable 2-D kernel k kᵀ.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose } from '../helpers.js';
import { jacobianError } from './builders/conv.js';

const t = torch as any;

/** The effective 2-D kernel as nested arrays: the kernel itself, or k kᵀ for a 1-D one. */
function effective(kernel: Tensor): number[][] {
  const k = kernel.clone();
  if (k.dim() === 2) return Array.from({ length: k.size(1) }, (_, a) => Array.from({ length: k.size(2) }, (_, b) => k.get(a + 1, b + 1)));
  const n = k.size(1);
  return Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => k.get(a + 1) * k.get(b + 1)));
}

/** For a C x H x W input: per pixel, [sum over planes and in-bounds taps of K·f(x), sum of in-bounds K, sum of all K]. */
function localSums(x: Tensor, K: number[][], f: (v: number) => number): { s: number[][]; w: number[][]; total: number } {
  const [C, H, W] = [x.size(1), x.size(2), x.size(3)];
  const kh = K.length, kw = K[0].length, ph = Math.floor(kh / 2), pw = Math.floor(kw / 2);
  const s: number[][] = [], w: number[][] = [];
  let total = 0;
  K.forEach((row) => row.forEach((v) => { total += v; }));
  for (let i = 0; i < H; i++) {
    s.push([]); w.push([]);
    for (let j = 0; j < W; j++) {
      let acc = 0, wt = 0;
      for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) {
        const ii = i + a - ph, jj = j + b - pw;
        if (ii < 0 || ii >= H || jj < 0 || jj >= W) continue;
        wt += K[a][b];
        for (let c = 0; c < C; c++) acc += K[a][b] * f(x.get(c + 1, ii + 1, jj + 1));
      }
      s[i].push(acc); w[i].push(wt);
    }
  }
  return { s, w, total };
}

/** x - (in-bounds weighted mean over planes). */
function subtractive(x: Tensor, kernel: Tensor): Tensor {
  const C = x.size(1), { s, w } = localSums(x, effective(kernel), (v) => v);
  const y = x.clone();
  for (let c = 1; c <= C; c++) for (let i = 1; i <= x.size(2); i++) for (let j = 1; j <= x.size(3); j++) {
    y.put(c, i, j, x.get(c, i, j) - s[i - 1][j - 1] / (C * w[i - 1][j - 1]));
  }
  return y;
}

/** x / thr(sqrt(sum K x² / (C sum K)) / (in-bounds sum K / sum K)). */
function divisive(x: Tensor, kernel: Tensor, threshold = 1e-4, thresval = threshold): Tensor {
  const C = x.size(1), { s, w, total } = localSums(x, effective(kernel), (v) => v * v);
  const y = x.clone();
  for (let c = 1; c <= C; c++) for (let i = 1; i <= x.size(2); i++) for (let j = 1; j <= x.size(3); j++) {
    const std = Math.sqrt(s[i - 1][j - 1] / (C * total)) / (w[i - 1][j - 1] / total);
    y.put(c, i, j, x.get(c, i, j) / (std > threshold ? std : thresval));
  }
  return y;
}

const KERNELS: [string, () => Tensor][] = [
  ['2-D 3x5 kernel', () => new torch.Tensor([[1, 2, 3, 2, 1], [2, 4, 6, 4, 2], [1, 2, 1, 2, 1]])],
  ['1-D 5-tap kernel', () => new torch.Tensor([1, 3, 4, 3, 1])],
];

describe('nn.SpatialSubtractiveNormalization', () => {
  beforeEach(() => t.manualSeed(11));

  for (const [label, kernel] of KERNELS) {
    it(`removes the local mean (${label}), 3-D and batch, double and float`, () => {
      const x = torch.randn(3, 6, 7);
      const m = new nn.SpatialSubtractiveNormalization(3, kernel());
      const expected = subtractive(x, kernel());
      expectClose(m.forward(x), expected, 1e-10);
      const xb = torch.randn(2, 3, 6, 7);
      const yb = m.forward(xb) as Tensor;
      expect(yb.size().totable()).to.deep.equal([2, 3, 6, 7]);
      for (let b = 1; b <= 2; b++) expectClose(yb.select(1, b) as Tensor, subtractive(xb.select(1, b) as Tensor, kernel()), 1e-10);
      const mf = new nn.SpatialSubtractiveNormalization(3, kernel()).float();
      const yf = mf.forward(x.float()) as Tensor;
      expect(yf.type()).to.equal('torch.FloatTensor');
      expectClose(yf.double(), expected, 1e-5);
    });

    it(`gradInput passes the Jacobian check (${label}), batch`, () => {
      const m = new nn.SpatialSubtractiveNormalization(2, kernel());
      expect(jacobianError(m, torch.randn(2, 2, 5, 6), false)).to.be.below(1e-6);
    });
  }

  it('builds Torch\'s internal modules and normalises the given kernel in place (2-D: sum 1/nInputPlane)', () => {
    const k = torch.ones(3, 3);
    const m = new nn.SpatialSubtractiveNormalization(2, k);
    expect(m.kernel).to.equal(k);
    expect(k.sum()).to.be.closeTo(0.5, 1e-15);
    expect(m.meanestimator.modules!.map((c) => c.__typename)).to.deep.equal(['nn.SpatialZeroPadding', 'nn.SpatialConvolution', 'nn.Replicate']);
    const conv = m.meanestimator.modules![1];
    expect(conv.weight!.size().totable()).to.deep.equal([1, 2, 3, 3]);
    expectClose(conv.weight!, new torch.Tensor(18).fill(1 / 18));
    expect(conv.bias!.get(1)).to.equal(0);
    expect(m.subtractor.__typename).to.equal('nn.CSubTable');
    expect(m.divider.__typename).to.equal('nn.CDivTable');
    expect(String(m)).to.equal('nn.SpatialSubtractiveNormalization');
    const m1 = new nn.SpatialSubtractiveNormalization(2, torch.ones(5));
    expect(m1.meanestimator.modules!.map((c) => c.__typename)).to.deep.equal(['nn.SpatialZeroPadding', 'nn.SpatialConvolutionMap', 'nn.SpatialConvolution', 'nn.Replicate']);
    expectClose(m1.meanestimator.modules![1].weight!, new torch.Tensor(10).fill(0.1));
    expect(m1.meanestimator.modules![2].weight!.size().totable()).to.deep.equal([1, 2, 5, 1]);
    expect(new nn.SpatialSubtractiveNormalization().kernel.size().totable()).to.deep.equal([9, 9]);
  });

  it('the border coefficients are the mean estimator on ones (Replicate(n,1,3) shape); shared across the batch; recomputed on a new size', () => {
    const m = new nn.SpatialSubtractiveNormalization(1, torch.ones(3, 3));
    m.forward(torch.randn(1, 4, 4));
    // as in Torch, Replicate(nInputPlane, 1, 3) on the 1 x H x W mean gives nInputPlane x 1 x H x W
    expect(m.coef.size().totable()).to.deep.equal([1, 1, 4, 4]);
    expect(m.coef.get(1, 1, 1, 1)).to.be.closeTo(4 / 9, 1e-15);
    expect(m.coef.get(1, 1, 1, 2)).to.be.closeTo(6 / 9, 1e-15);
    expect(m.coef.get(1, 1, 2, 2)).to.be.closeTo(1, 1e-15);
    m.forward(torch.randn(3, 1, 5, 4));
    expect(m.coef.size().totable()).to.deep.equal([3, 1, 1, 5, 4]);
    expect(m.coef.stride(1)).to.equal(0);
    expect(m.coef.get(2, 1, 1, 3, 1)).to.be.closeTo(6 / 9, 1e-15);
    const x = torch.randn(2, 1, 5, 4);
    const y = m.forward(x) as Tensor;
    expect(m.coef.size(1)).to.equal(2);
    for (let b = 1; b <= 2; b++) expectClose(y.select(1, b) as Tensor, subtractive(x.select(1, b) as Tensor, torch.ones(3, 3)), 1e-12);
  });

  it('rejects bad kernels in Torch\'s words', () => {
    expect(() => new nn.SpatialSubtractiveNormalization(1, torch.ones(3, 3, 3))).to.throw('<SpatialSubtractiveNormalization> averaging kernel must be 2D or 1D');
    expect(() => new nn.SpatialSubtractiveNormalization(1, torch.ones(4))).to.throw('<SpatialSubtractiveNormalization> averaging kernel must have ODD dimensions');
    expect(() => new nn.SpatialSubtractiveNormalization(1, torch.ones(3, 2))).to.throw('averaging kernel must have ODD dimensions');
  });

  it('clearState empties the buffers, and the next forward rebuilds them', () => {
    const m = new nn.SpatialSubtractiveNormalization(2, torch.ones(3, 3));
    const x = torch.randn(2, 4, 5);
    const y = (m.forward(x) as Tensor).clone();
    m.clearState();
    expect(m._inpsz).to.equal(undefined);
    expect(m.ones!.nElement()).to.equal(0);
    expect(m._coef!.nElement()).to.equal(0);
    expectClose(m.forward(x) as Tensor, y, 0);
  });
});

describe('nn.SpatialDivisiveNormalization', () => {
  beforeEach(() => t.manualSeed(12));

  for (const [label, kernel] of KERNELS) {
    it(`divides by the local std (${label}), 3-D and batch, double and float`, () => {
      const x = torch.randn(3, 6, 7);
      const m = new nn.SpatialDivisiveNormalization(3, kernel());
      const expected = divisive(x, kernel());
      expectClose(m.forward(x), expected, 1e-10);
      const xb = torch.randn(2, 3, 6, 7);
      const yb = m.forward(xb) as Tensor;
      for (let b = 1; b <= 2; b++) expectClose(yb.select(1, b) as Tensor, divisive(xb.select(1, b) as Tensor, kernel()), 1e-10);
      const yf = new nn.SpatialDivisiveNormalization(3, kernel()).float().forward(x.float()) as Tensor;
      expect(yf.type()).to.equal('torch.FloatTensor');
      expectClose(yf.double(), expected, 1e-5);
    });

    it(`gradInput passes the Jacobian check (${label}), batch`, () => {
      const m = new nn.SpatialDivisiveNormalization(2, kernel());
      expect(jacobianError(m, torch.randn(2, 2, 5, 6), false)).to.be.below(1e-6);
    });
  }

  it('thresholds small stds: values not above threshold become thresval', () => {
    const x = torch.randn(1, 5, 5).mul(1e-3);
    (x.select(2, 3) as Tensor).fill(0);
    const m = new nn.SpatialDivisiveNormalization(1, torch.ones(3, 3), 0.01, 0.5);
    expect(m.threshold).to.equal(0.01);
    expect(m.thresval).to.equal(0.5);
    expectClose(m.forward(x), divisive(x, torch.ones(3, 3), 0.01, 0.5), 1e-12);
    expectClose(m.forward(x), x.clone().mul(2), 1e-12);
    const d = new nn.SpatialDivisiveNormalization(1, undefined, 0.2);
    expect([d.threshold, d.thresval]).to.deep.equal([0.2, 0.2]);
    const e = new nn.SpatialDivisiveNormalization();
    expect([e.threshold, e.thresval, e.nInputPlane]).to.deep.equal([1e-4, 1e-4, 1]);
  });

  it('builds Torch\'s mean and std estimators; the kernel is normalised in place (1-D: sum 1/sqrt(nInputPlane))', () => {
    const k = torch.ones(3);
    const m = new nn.SpatialDivisiveNormalization(4, k);
    expect(k.sum()).to.be.closeTo(0.5, 1e-15);
    expect(m.stdestimator.modules!.map((c) => c.__typename)).to.deep.equal(
      ['nn.Square', 'nn.SpatialZeroPadding', 'nn.SpatialConvolutionMap', 'nn.SpatialConvolution', 'nn.Replicate', 'nn.Sqrt']);
    expectClose(m.stdestimator.modules![3].weight!, new torch.Tensor(12).fill(1 / 6));
    expect(m.thresholder.__typename).to.equal('nn.Threshold');
    expect([m.thresholder.threshold, m.thresholder.val]).to.deep.equal([1e-4, 1e-4]);
    expect(String(m)).to.equal('nn.SpatialDivisiveNormalization');
    const k2 = torch.ones(3, 3);
    new nn.SpatialDivisiveNormalization(4, k2);
    expect(k2.sum()).to.be.closeTo(0.25, 1e-15);
  });

  it('rejects bad kernels in Torch\'s words', () => {
    expect(() => new nn.SpatialDivisiveNormalization(1, torch.ones(2, 2, 1))).to.throw('<SpatialDivisiveNormalization> averaging kernel must be 2D or 1D');
    expect(() => new nn.SpatialDivisiveNormalization(1, torch.ones(2, 3))).to.throw('<SpatialDivisiveNormalization> averaging kernel must have ODD dimensions');
  });
});

describe('nn.SpatialContrastiveNormalization', () => {
  beforeEach(() => t.manualSeed(13));

  for (const [label, kernel] of KERNELS) {
    it(`is subtractive then divisive normalisation (${label}), 3-D and batch`, () => {
      const x = torch.randn(2, 7, 6);
      const m = new nn.SpatialContrastiveNormalization(2, kernel(), 1e-3);
      const expected = divisive(subtractive(x, kernel()), kernel(), 1e-3);
      expectClose(m.forward(x), expected, 1e-10);
      const xb = torch.randn(3, 2, 7, 6);
      const yb = m.forward(xb) as Tensor;
      for (let b = 1; b <= 3; b++) expectClose(yb.select(1, b) as Tensor, divisive(subtractive(xb.select(1, b) as Tensor, kernel()), kernel(), 1e-3), 1e-10);
      expect(jacobianError(m, torch.randn(2, 2, 5, 5), false)).to.be.below(1e-6);
    });
  }

  it('holds both normalisations in `normalizer`, sharing the kernel tensor; prints and rejects as Torch', () => {
    const k = torch.ones(5, 5);
    const m = new nn.SpatialContrastiveNormalization(3, k, 0.1, 0.2);
    expect(m.normalizer.modules!.map((c) => c.__typename)).to.deep.equal(['nn.SpatialSubtractiveNormalization', 'nn.SpatialDivisiveNormalization']);
    expect((m.normalizer.modules![0] as any).kernel).to.equal(k);
    expect((m.normalizer.modules![1] as any).kernel).to.equal(k);
    expect([m.threshold, m.thresval, (m.normalizer.modules![1] as any).thresval]).to.deep.equal([0.1, 0.2, 0.2]);
    expect(String(m)).to.equal('nn.SpatialContrastiveNormalization');
    expect(() => new nn.SpatialContrastiveNormalization(1, torch.ones(4, 4))).to.throw('<SpatialContrastiveNormalization> averaging kernel must have ODD dimensions');
    expect(() => new nn.SpatialContrastiveNormalization(1, torch.ones(1, 1, 1))).to.throw('<SpatialContrastiveNormalization> averaging kernel must be 2D or 1D');
  });

  it('survives a .t7 round trip with identical results', () => {
    const m = new nn.SpatialContrastiveNormalization(2, torch.ones(3));
    const x = torch.randn(2, 5, 5);
    const y = (m.forward(x) as Tensor).clone();
    const back = torch.deserialize(torch.serialize(m)) as any;
    expect(back.__typename).to.equal('nn.SpatialContrastiveNormalization');
    expectClose(back.forward(x), y, 0);
  });
});
