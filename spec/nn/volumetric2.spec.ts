/**
 * nn.VolumetricAveragePooling, nn.VolumetricFullConvolution, nn.TemporalRowConvolution,
 * nn.TemporalDynamicKMaxPooling and nn.FeatureLPPooling against hand-computed values and naive loops
 * written here, batch and non-batch, Torch's error messages, RNG order of reset and module specifics.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, flat, nonContiguous } from '../helpers.js';

const t = torch as any;
const T = (a: unknown): Tensor => new torch.Tensor(a as number[]);
const sel = (x: Tensor, b: number): Tensor => x.select(1, b) as Tensor;
const fromFlat = (data: number[], sizes: number[]): Tensor => T(data).view(...sizes);

/** Row-major strides of `sizes`. */
const stridesOf = (sizes: number[]): number[] => sizes.map((_, i) => sizes.slice(i + 1).reduce((a, b) => a * b, 1));

/** Naive 3-D average pooling of a C x T x H x W tensor (no padding, floor): [output, gradInput for gradOutput]. */
function avgPoolNaive(x: Tensor, go: Tensor | null, kT: number, kW: number, kH: number, dT: number, dW: number, dH: number): [Tensor, Tensor | null] {
  const [C, iT, iH, iW] = x.size().totable() as number[];
  const oT = Math.floor((iT - kT) / dT) + 1, oH = Math.floor((iH - kH) / dH) + 1, oW = Math.floor((iW - kW) / dW) + 1;
  const xd = flat(x), out = new Array<number>(C * oT * oH * oW).fill(0), gi = new Array<number>(xd.length).fill(0);
  const gd = go ? flat(go) : null;
  const xs = stridesOf([C, iT, iH, iW]), os = stridesOf([C, oT, oH, oW]);
  for (let c = 0; c < C; c++) for (let a = 0; a < oT; a++) for (let b = 0; b < oH; b++) for (let d = 0; d < oW; d++) {
    const o = c * os[0] + a * os[1] + b * os[2] + d;
    for (let u = 0; u < kT; u++) for (let v = 0; v < kH; v++) for (let w = 0; w < kW; w++) {
      const i = c * xs[0] + (a * dT + u) * xs[1] + (b * dH + v) * xs[2] + d * dW + w;
      out[o] += xd[i] / (kT * kH * kW);
      if (gd) gi[i] += gd[o] / (kT * kH * kW);
    }
  }
  return [fromFlat(out, [C, oT, oH, oW]), gd ? fromFlat(gi, [C, iT, iH, iW]) : null];
}

interface FullP { dT: number; dW: number; dH: number; pT: number; pW: number; pH: number; aT: number; aW: number; aH: number }

/**
 * Naive transposed 3-D convolution of one nIn x iT x iH x iW frame (weight nIn x nOut x kT x kH x kW):
 * [output, gradInput, gradWeight, gradBias] for gradOutput `go`.
 */
function fullConvNaive(x: Tensor, w: Tensor, bias: Tensor | null, go: Tensor | null, p: FullP): Tensor[] {
  const [nIn, iT, iH, iW] = x.size().totable() as number[];
  const [, nOut, kT, kH, kW] = w.size().totable() as number[];
  const oT = (iT - 1) * p.dT - 2 * p.pT + kT + p.aT, oH = (iH - 1) * p.dH - 2 * p.pH + kH + p.aH, oW = (iW - 1) * p.dW - 2 * p.pW + kW + p.aW;
  const xd = flat(x), wd = flat(w), bd = bias ? flat(bias) : null, gd = go ? flat(go) : null;
  const out = new Array<number>(nOut * oT * oH * oW).fill(0);
  const gi = new Array<number>(xd.length).fill(0), gw = new Array<number>(wd.length).fill(0), gb = new Array<number>(nOut).fill(0);
  const xs = stridesOf([nIn, iT, iH, iW]), ws = stridesOf([nIn, nOut, kT, kH, kW]), os = stridesOf([nOut, oT, oH, oW]);
  for (let o = 0; o < nOut; o++) for (let i = 0; i < oT * oH * oW; i++) {
    out[o * os[0] + i] = bd ? bd[o] : 0;
    if (gd) gb[o] += gd[o * os[0] + i];
  }
  for (let c = 0; c < nIn; c++) for (let a = 0; a < iT; a++) for (let b = 0; b < iH; b++) for (let d = 0; d < iW; d++) {
    const xi = c * xs[0] + a * xs[1] + b * xs[2] + d;
    for (let o = 0; o < nOut; o++) for (let u = 0; u < kT; u++) for (let v = 0; v < kH; v++) for (let q = 0; q < kW; q++) {
      const ot = a * p.dT - p.pT + u, oh = b * p.dH - p.pH + v, ow = d * p.dW - p.pW + q;
      if (ot < 0 || ot >= oT || oh < 0 || oh >= oH || ow < 0 || ow >= oW) continue;
      const wi = c * ws[0] + o * ws[1] + u * ws[2] + v * ws[3] + q, oi = o * os[0] + ot * os[1] + oh * os[2] + ow;
      out[oi] += xd[xi] * wd[wi];
      if (gd) { gi[xi] += gd[oi] * wd[wi]; gw[wi] += gd[oi] * xd[xi]; }
    }
  }
  return [fromFlat(out, [nOut, oT, oH, oW]), fromFlat(gi, [nIn, iT, iH, iW]), fromFlat(gw, w.size().totable() as number[]), T(gb)];
}

/** Naive row convolution of a feats x seq tensor: out[c][x] = b[c] + Σ_k w[c][0][k]·in[c][x·dW + k]. */
function rowConvNaive(x: Tensor, w: Tensor, b: Tensor | null, dW: number): Tensor {
  const [F, n] = x.size().totable() as number[];
  const kW = w.size(3), nOut = Math.floor((n - kW) / dW) + 1;
  const y = torch.zeros(F, nOut);
  for (let c = 1; c <= F; c++) for (let o = 0; o < nOut; o++) {
    let s = b ? b.get(c) : 0;
    for (let k = 0; k < kW; k++) s += w.get(c, 1, k + 1) * x.get(c, o * dW + k + 1);
    y.put(c, o + 1, s);
  }
  return y;
}

describe('nn.VolumetricAveragePooling', () => {
  beforeEach(() => t.manualSeed(31));

  it('a 2x2x2 window of 1..8 averages to 4.5, and each input gets 1/8 of the gradient', () => {
    const m = new nn.VolumetricAveragePooling(2, 2, 2);
    expect([m.dT, m.dW, m.dH]).to.deep.equal([2, 2, 2]);
    const x = torch.range(1, 8).view(1, 2, 2, 2);
    const y = m.forward(x) as Tensor;
    expect(y.size().totable()).to.deep.equal([1, 1, 1, 1]);
    expect(y.get(1, 1, 1, 1)).to.equal(4.5);
    const gi = m.backward(x, torch.zeros(1, 1, 1, 1).fill(8)) as Tensor;
    expect(flat(gi)).to.deep.equal(new Array(8).fill(1));
  });

  it('matches naive loops with overlapping strides, non-batch and batch (each sample as its own)', () => {
    const m = new nn.VolumetricAveragePooling(2, 3, 2, 1, 2, 1);
    const x = torch.randn(3, 4, 5, 7);
    const go = torch.randn(3, 3, 4, 3);
    const [y, gi] = avgPoolNaive(x, go, 2, 3, 2, 1, 2, 1);
    expectClose(m.forward(x), y, 1e-12);
    expectClose(m.backward(x, go), gi!, 1e-12);
    const xb = torch.randn(2, 3, 4, 5, 7), gob = torch.randn(2, 3, 3, 4, 3);
    const yb = (m.forward(xb) as Tensor).clone(), gib = m.backward(xb, gob) as Tensor;
    expect(yb.size().totable()).to.deep.equal([2, 3, 3, 4, 3]);
    for (let b = 1; b <= 2; b++) {
      const [yr, gr] = avgPoolNaive(sel(xb, b), sel(gob, b), 2, 3, 2, 1, 2, 1);
      expectClose(sel(yb, b), yr, 1e-12);
      expectClose(sel(gib, b), gr!, 1e-12);
    }
  });

  it('reads non-contiguous input and gradOutput', () => {
    const m = new nn.VolumetricAveragePooling(2, 2, 2, 1, 1, 1);
    const x = torch.randn(2, 3, 4, 4), go = torch.randn(2, 2, 3, 3);
    const [y, gi] = avgPoolNaive(x, go, 2, 2, 2, 1, 1, 1);
    expectClose(m.forward(nonContiguous(x)), y, 1e-12);
    expectClose(m.backward(nonContiguous(x), nonContiguous(go)), gi!, 1e-12);
  });

  it('gives Torch\'s errors for bad input', () => {
    const m = new nn.VolumetricAveragePooling(2, 2, 2);
    expect(() => m.forward(torch.randn(2, 3, 3))).to.throw(
      "bad argument #2 to 'VolumetricAveragePooling_updateOutput' (4D or 5D (batch mode) tensor expected for input, but got: [2 x 3 x 3])");
    expect(() => m.forward(torch.randn(2, 1, 3, 3))).to.throw(
      "bad argument #2 to 'VolumetricAveragePooling_updateOutput' (input image (T: 1 H: 3 W: 3) smaller than kernel size (kT: 2 kH: 2 kW: 2))");
    expect(() => new nn.VolumetricAveragePooling(0, 2, 2).forward(torch.randn(1, 2, 2, 2))).to.throw(
      /bad argument #5 to 'VolumetricAveragePooling_updateOutput' \(kernel size should be greater than zero, but got kT: 0 kH: 2 kW: 2\)/);
    const x = torch.randn(2, 4, 4, 4);
    m.forward(x);
    expect(() => m.backward(x, torch.randn(2, 2, 2, 3))).to.throw(
      'Need gradOutput of dimension 4 and gradOutput.size[3] == 2 but got gradOutput to be of shape: [2 x 2 x 2 x 3]');
    expect(() => m.forward(x.float())).to.throw(/bad argument #3 to 'VolumetricAveragePooling_updateOutput' \(expected torch.FloatTensor, got torch.DoubleTensor\)/);
  });

  it('prints as Torch, has no parameters, and empty() clears the buffers', () => {
    const m = new nn.VolumetricAveragePooling(2, 3, 2);
    expect(String(m)).to.equal('nn.VolumetricAveragePooling(2x3x2, 2,3,2)');
    expect(m.parameters()).to.equal(undefined);
    m.forward(torch.randn(1, 2, 2, 3));
    expect((m.output as Tensor).nElement()).to.equal(1);
    m.empty();
    expect((m.output as Tensor).nElement()).to.equal(0);
  });
});

describe('nn.VolumetricFullConvolution', () => {
  beforeEach(() => t.manualSeed(32));

  it('reset draws the weight (nInputPlane x nOutputPlane x kT x kH x kW), then the bias, uniform in ±1/sqrt(kT*kW*kH*nInputPlane)', () => {
    t.manualSeed(7);
    const m = new nn.VolumetricFullConvolution(2, 3, 2, 3, 4);
    t.manualSeed(7);
    const s = 1 / Math.sqrt(2 * 3 * 4 * 2);
    const w = torch.zeros(2, 3, 2, 4, 3).uniform(-s, s), b = torch.zeros(3).uniform(-s, s);
    expect(m.weight.size().totable()).to.deep.equal([2, 3, 2, 4, 3]);
    expectClose(m.weight, w, 0);
    expectClose(m.bias!, b, 0);
    m.reset(0.1);
    expect(m.weight.abs().max()).to.be.at.most(0.1 * Math.sqrt(3));
    expect([m.dT, m.dW, m.dH, m.padT, m.padW, m.padH, m.adjT, m.adjW, m.adjH]).to.deep.equal([1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('nn\'s simple test: all-ones 3x3x3 kernels at stride 3 give 3.1 / 0.1, gradInput 2.7, gradBias 21.6, gradWeight 0.1', () => {
    const m = new nn.VolumetricFullConvolution(3, 1, 3, 3, 3, 3, 3, 3);
    m.weight.fill(1);
    m.bias!.fill(0.1);
    const x = torch.zeros(1, 3, 2, 2, 2);
    for (let c = 1; c <= 3; c++) x.put(1, c, 1, 1, 1, 1);
    const y = m.forward(x) as Tensor;
    expect(y.size().totable()).to.deep.equal([1, 1, 6, 6, 6]);
    for (let a = 1; a <= 6; a++) for (let b = 1; b <= 6; b++) for (let c = 1; c <= 6; c++) {
      const e = a <= 3 && b <= 3 && c <= 3 ? 3.1 : 0.1;
      expect(Math.abs(y.get(1, 1, a, b, c) - e)).to.be.below(1e-12);
    }
    m.zeroGradParameters();
    const gi = m.backward(x, torch.zeros(1, 1, 6, 6, 6).fill(0.1)) as Tensor;
    expectClose(gi, new Array(24).fill(2.7), 1e-12);
    expect(Math.abs(m.gradBias!.get(1) - 21.6)).to.be.below(1e-12);
    expectClose(m.gradWeight, new Array(81).fill(0.1), 1e-12);
  });

  it('forward, backward and accGradParameters (with scale) match a naive transposed convolution', () => {
    const p = { dT: 2, dW: 1, dH: 2, pT: 1, pW: 0, pH: 1, aT: 1, aW: 0, aH: 0 };
    const m = new nn.VolumetricFullConvolution(2, 3, 3, 2, 3, 2, 1, 2, 1, 0, 1, 1, 0, 0);
    const x = torch.randn(2, 2, 3, 2);
    const [y] = fullConvNaive(x, m.weight, m.bias!, null, p);
    const out = m.forward(x) as Tensor;
    expect(out.size().totable()).to.deep.equal([3, 4, 5, 3]);
    expectClose(out, y, 1e-12);
    const go = torch.randn(3, 4, 5, 3);
    const [, gi, gw, gb] = fullConvNaive(x, m.weight, m.bias!, go, p);
    m.zeroGradParameters();
    expectClose(m.updateGradInput(x, go) as Tensor, gi, 1e-12);
    m.accGradParameters(x, go, 0.5);
    m.accGradParameters(x, go, 0.25);
    expectClose(m.gradWeight, gw.mul(0.75), 1e-12);
    expectClose(m.gradBias!, gb.mul(0.75), 1e-12);
  });

  it('a batch is each sample convolved on its own; noBias drops the bias', () => {
    const p = { dT: 1, dW: 2, dH: 1, pT: 0, pW: 1, pH: 0, aT: 0, aW: 1, aH: 0 };
    const m = new nn.VolumetricFullConvolution(2, 2, 2, 3, 2, 1, 2, 1, 0, 1, 0, 0, 1, 0).noBias();
    expect(m.bias).to.equal(undefined);
    expect(String(m)).to.equal('nn.VolumetricFullConvolution(2 -> 2, 2x3x2, 1,2,1, 0,1,0, 0,1,0)');
    const x = torch.randn(3, 2, 2, 3, 2), go = torch.randn(3, 2, 3, 4, 4);
    const y = (m.forward(x) as Tensor).clone();
    expect(y.size().totable()).to.deep.equal([3, 2, 3, 4, 4]);
    m.zeroGradParameters();
    const gi = (m.backward(x, go) as Tensor).clone();
    const gwSum = torch.zeros(2, 2, 2, 2, 3);
    for (let b = 1; b <= 3; b++) {
      const [yr, gr, gwr] = fullConvNaive(sel(x, b), m.weight, null, sel(go, b), p);
      expectClose(sel(y, b), yr, 1e-12);
      expectClose(sel(gi, b), gr, 1e-12);
      gwSum.add(gwr);
    }
    expectClose(m.gradWeight, gwSum, 1e-12);
  });

  it('[input, target]: the adj factors come from the target size, and gradInput[2] is zeros of its size', () => {
    const m = new nn.VolumetricFullConvolution(2, 2, 3, 3, 3, 2, 2, 2, 1, 1, 1);
    const x = torch.randn(2, 2, 2, 3), target = torch.randn(2, 4, 3, 6);
    const y = m.forward([x, target]) as Tensor;
    expect(y.size().totable()).to.deep.equal([2, 4, 3, 6]);
    const [yr] = fullConvNaive(x, m.weight, m.bias!, null, { dT: 2, dW: 2, dH: 2, pT: 1, pW: 1, pH: 1, aT: 1, aW: 1, aH: 0 });
    expectClose(y, yr, 1e-12);
    const g = m.backward([x, target], torch.randn(2, 4, 3, 6)) as Tensor[];
    expect(g).to.have.length(2);
    expect(g[0].size().totable()).to.deep.equal([2, 2, 2, 3]);
    expect(g[1].size().totable()).to.deep.equal([2, 4, 3, 6]);
    expect(g[1].abs().max()).to.equal(0);
    // a plain tensor again afterwards: the adj fields (0) are used
    expect((m.forward(x) as Tensor).size().totable()).to.deep.equal([2, 3, 3, 5]);
    expect((m.backward(x, torch.randn(2, 3, 3, 5)) as Tensor).size().totable()).to.deep.equal([2, 2, 2, 3]);
  });

  it('loads an old file\'s fields: no adj means a transposed (nOutputPlane-major) weight, pT/pW/pH become pads', () => {
    const m = new nn.VolumetricFullConvolution(2, 3, 2, 2, 2);
    const x = torch.randn(2, 2, 2, 2);
    const expected = (m.forward(x) as Tensor).clone();
    const old = m as any;
    old.weight = m.weight.transpose(1, 2).contiguous();
    delete old.adjT; delete old.adjW; delete old.adjH;
    old.pT = old.padT; old.pW = old.padW; old.pH = old.padH;
    delete old.padT; delete old.padW; delete old.padH;
    expectClose(m.forward(x) as Tensor, expected, 1e-12);
    expect(m.weight.size().totable()).to.deep.equal([2, 3, 2, 2, 2]);
    expect([m.adjT, m.adjW, m.adjH, m.padT, m.padW, m.padH]).to.deep.equal([0, 0, 0, 0, 0, 0]);
  });

  it('gives Torch\'s errors for bad arguments and input', () => {
    expect(() => new nn.VolumetricFullConvolution(2, 2, 3, 3, 3, 2, 2, 2, 0, 0, 0, 2, 0, 0)).to.throw(
      'adjW, adjH and adjT must be smaller than self.dW - 1, self.dH - 1 and self.dT - 1 respectively');
    const m = new nn.VolumetricFullConvolution(2, 3, 2, 2, 2);
    expect(() => m.forward(torch.randn(2, 3, 3))).to.throw(
      "bad argument #2 to 'VolumetricFullConvolution_updateOutput' (4D or 5D (batch mode) tensor expected for input, but got: [2 x 3 x 3])");
    expect(() => m.forward(torch.randn(3, 2, 2, 2))).to.throw(
      'Need input of dimension 4 and input.size[0] == 2 but got input to be of shape: [3 x 2 x 2 x 2]');
    const x = torch.randn(2, 2, 2, 2);
    m.forward(x);
    expect(() => m.backward(x, torch.randn(3, 3, 3, 2))).to.throw(
      'Need gradOutput of dimension 4 and gradOutput.size[3] == 3 but got gradOutput to be of shape: [3 x 3 x 3 x 2]');
    const big = new nn.VolumetricFullConvolution(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    expect(() => big.forward(torch.randn(1, 1, 1, 1))).to.throw(
      'Given input size: (1x1x1x1). Calculated output size: (1x-1x-1x-1). Output size is too small');
    expect(() => m.forward(x.float())).to.throw(/bad argument #4 to 'VolumetricFullConvolution_updateOutput' \(expected torch.FloatTensor, got torch.DoubleTensor\)/);
  });

  it('float() converts the parameters and starts fresh buffers; clearState empties them', () => {
    const m = new nn.VolumetricFullConvolution(2, 2, 2, 2, 2);
    const x = torch.randn(2, 2, 2, 2);
    const yd = (m.forward(x) as Tensor).clone();
    expect(m.finput.nElement()).to.be.greaterThan(0);
    m.float();
    expect(m.weight.type()).to.equal('torch.FloatTensor');
    expect(m.finput.nElement()).to.equal(0);
    expectClose((m.forward(x.float()) as Tensor).double(), yd, 1e-5);
    m.clearState();
    expect(m.finput.nElement()).to.equal(0);
    expect((m.output as Tensor).nElement()).to.equal(0);
  });
});

describe('nn.TemporalRowConvolution', () => {
  beforeEach(() => t.manualSeed(33));

  it('reset draws the weight (inputFrameSize x 1 x kW), then the bias, uniform in ±1/sqrt(kW*inputFrameSize)', () => {
    t.manualSeed(9);
    const m = new nn.TemporalRowConvolution(4, 3);
    t.manualSeed(9);
    const s = 1 / Math.sqrt(12);
    const w = torch.zeros(4, 1, 3).uniform(-s, s), b = torch.zeros(4).uniform(-s, s);
    expectClose(m.weight, w, 0);
    expectClose(m.bias!, b, 0);
    expect([m.dW, m.featFirst]).to.deep.equal([1, false]);
  });

  it('hand-computed: weight [1, 2] on feature 1 and [0, -1] on feature 2, bias [0.5, 0]', () => {
    const m = new nn.TemporalRowConvolution(2, 2);
    m.weight.copy(T([[[1, 2]], [[0, -1]]]));
    m.bias!.copy(T([0.5, 0]));
    // nInputFrame x inputFrameSize
    const x = T([[1, 10], [2, 20], [3, 30]]);
    const y = m.forward(x) as Tensor;
    expect(y.size().totable()).to.deep.equal([2, 2]);
    expect(y.isContiguous(), 'a transposed view, as Torch').to.equal(false);
    expect(flat(y)).to.deep.equal([1 + 4 + 0.5, -20, 2 + 6 + 0.5, -30]);
    const gi = m.backward(x, T([[1, 1], [1, 1]])) as Tensor;
    expect(flat(gi)).to.deep.equal([1, 0, 3, -1, 2, -1]);
    m.zeroGradParameters();
    m.accGradParameters(x, T([[1, 1], [1, 1]]), 2);
    expect(flat(m.gradWeight)).to.deep.equal([2 * (1 + 2), 2 * (2 + 3), 2 * (10 + 20), 2 * (20 + 30)]);
    expect(flat(m.gradBias!)).to.deep.equal([4, 4]);
  });

  it('matches naive loops: stride 2, featFirst and not, batch and not', () => {
    const m = new nn.TemporalRowConvolution(3, 3, 2);
    const x = torch.randn(9, 3);
    const expected = rowConvNaive(x.t(), m.weight, m.bias!, 2).t();
    expectClose(m.forward(x), expected, 1e-12);
    const mf = new nn.TemporalRowConvolution(3, 3, 2, true);
    mf.weight.copy(m.weight); mf.bias!.copy(m.bias!);
    const yf = mf.forward(x.t().contiguous()) as Tensor;
    expect(yf.isContiguous()).to.equal(true);
    expectClose(yf, expected.t(), 1e-12);
    const xb = torch.randn(2, 9, 3);
    const yb = m.forward(xb) as Tensor;
    expect(yb.size().totable()).to.deep.equal([2, 4, 3]);
    for (let b = 1; b <= 2; b++) expectClose(sel(yb, b), rowConvNaive(sel(xb, b).t(), m.weight, m.bias!, 2).t(), 1e-12);
    const gob = torch.randn(2, 4, 3);
    m.zeroGradParameters();
    m.backward(xb, gob);
    const mf2 = new nn.TemporalRowConvolution(3, 3, 2, true);
    mf2.weight.copy(m.weight); mf2.bias!.copy(m.bias!); mf2.zeroGradParameters();
    const xbf = xb.transpose(2, 3).contiguous();
    expect(() => mf2.backward(xbf, gob.transpose(2, 3).contiguous())).to.throw(/finput must hold the unfolded input of the last forward/);
    mf2.forward(xbf);
    const gif = mf2.backward(xbf, gob.transpose(2, 3).contiguous()) as Tensor;
    expectClose(m.gradInput as Tensor, gif.transpose(2, 3), 1e-12);
    expectClose(m.gradWeight, mf2.gradWeight, 1e-12);
    expectClose(m.gradBias!, mf2.gradBias!, 1e-12);
  });

  it('gives Torch\'s errors for bad input', () => {
    const m = new nn.TemporalRowConvolution(4, 3);
    expect(() => m.forward(torch.randn(5))).to.throw(
      "bad argument #1 to 'TemporalRowConvolution_updateOutput' (2D or 3D (batch mode) input tensor expected, but got :[5])");
    expect(() => m.forward(torch.randn(7, 3))).to.throw(
      'Need input of dimension 2 and input.size[0] == 4 but got input to be of shape: [3 x 7]');
    expect(() => m.forward(torch.randn(2, 4))).to.throw(
      'Given input size: (4 x 2). Calculated output size: (4 x 0). Output size is too small');
    const x = torch.randn(7, 4);
    m.forward(x);
    expect(() => m.backward(x, torch.randn(4, 4))).to.throw(
      'Need gradOutput of dimension 2 and gradOutput.size[1] == 5 but got gradOutput to be of shape: [4 x 4]');
    expect(() => m.forward(x.float())).to.throw(/bad argument #3 to 'TemporalRowConvolution_updateOutput' \(expected torch.FloatTensor, got torch.DoubleTensor\)/);
  });

  it('prints as Torch and clears its buffers', () => {
    expect(String(new nn.TemporalRowConvolution(4, 3, 2))).to.equal('nn.TemporalRowConvolution(4, 3, 2)');
    const m = new nn.TemporalRowConvolution(4, 3).noBias();
    expect(String(m)).to.equal('nn.TemporalRowConvolution(4, 3) without bias');
    m.forward(torch.randn(5, 4));
    expect(m.finput!.nElement()).to.equal(4 * 3 * 3);
    m.clearState();
    expect(m.finput!.nElement()).to.equal(0);
    expect((m.output as Tensor).nElement()).to.equal(0);
  });
});

describe('nn.TemporalDynamicKMaxPooling', () => {
  const x = (): Tensor => T([[1, 9], [5, 7], [3, 8], [4, 6], [2, 10]]);

  it('keeps the k largest frames of each feature in their original order; the gradient goes back to them', () => {
    const m = new nn.TemporalDynamicKMaxPooling(3);
    expect(m.factor).to.equal(0);
    const y = m.forward(x()) as Tensor;
    expect(y.size().totable()).to.deep.equal([3, 2]);
    expect(flat(y)).to.deep.equal([5, 9, 3, 8, 4, 10]);
    expect(m.indices!.type()).to.equal('torch.LongTensor');
    expect(flat(m.indices!)).to.deep.equal([2, 1, 3, 3, 4, 5]);
    const gi = m.backward(x(), T([[1, 2], [3, 4], [5, 6]])) as Tensor;
    expect(flat(gi)).to.deep.equal([0, 2, 1, 0, 3, 4, 5, 0, 0, 6]);
  });

  it('k = max(minK, ceil(factor * length)); batch mode pools each sample', () => {
    expect((new nn.TemporalDynamicKMaxPooling(2, 0.5).forward(x()) as Tensor).size(1)).to.equal(3);
    const y4 = new nn.TemporalDynamicKMaxPooling(2, 0.8).forward(x()) as Tensor;
    expect(flat(y4)).to.deep.equal([5, 9, 3, 7, 4, 8, 2, 10]);
    const xb = torch.cat([x().view(1, 5, 2), x().mul(-1).view(1, 5, 2)], 1);
    const yb = new nn.TemporalDynamicKMaxPooling(2).forward(xb) as Tensor;
    expect(yb.size().totable()).to.deep.equal([2, 2, 2]);
    expect(flat(yb)).to.deep.equal([5, 9, 4, 10, -1, -7, -2, -6]);
  });

  it('nn\'s test: a batch sample gives what it gives alone, forward and backward', () => {
    t.manualSeed(5);
    const m = new nn.TemporalDynamicKMaxPooling(3, 0.6);
    const xb = torch.randn(3, 7, 5);
    const y = (m.forward(xb) as Tensor).clone();
    expect(y.size().totable()).to.deep.equal([3, 5, 5]);
    const go = torch.randn(3, 5, 5);
    const gi = (m.backward(xb, go) as Tensor).clone();
    expectClose(m.forward(sel(xb, 2)) as Tensor, sel(y, 2), 0);
    expectClose(m.backward(sel(xb, 2), sel(go, 2)) as Tensor, sel(gi, 2), 0);
  });

  it('gives Torch\'s assertion messages', () => {
    expect(() => new nn.TemporalDynamicKMaxPooling(2).forward(torch.randn(5))).to.throw('Only 2D or 3D(batch mode) accepted');
    expect(() => new nn.TemporalDynamicKMaxPooling(6).forward(x())).to.throw('Input sequence length (5) too small for desired k value (6)');
  });

  it('clearState empties the indices', () => {
    const m = new nn.TemporalDynamicKMaxPooling(2);
    m.forward(x());
    m.clearState();
    expect(m.indices!.nElement()).to.equal(0);
    expect(flat(m.forward(x()) as Tensor)).to.deep.equal([5, 9, 4, 10]);
  });
});

describe('nn.FeatureLPPooling', () => {
  it('hand-computed L2 over pairs of features, and its gradient x_i / f', () => {
    const m = new nn.FeatureLPPooling(2, 1, 2, false);
    const x = T([3, 4, 0, 5, 12]);
    expect(flat(m.forward(x) as Tensor)).to.deep.equal([5, 4, 5, 13]);
    expectClose(m.backward(x, torch.ones(4)) as Tensor, [0.6, 1.8, 0, 1 + 5 / 13, 12 / 13], 1e-15);
  });

  it('a zero output passes no gradient (no NaN), as THNN', () => {
    const m = new nn.FeatureLPPooling(2, 1, 2, false);
    const x = T([0, 0, 3]);
    expect(flat(m.forward(x) as Tensor)).to.deep.equal([0, 3]);
    expect(flat(m.backward(x, T([1, 1])) as Tensor)).to.deep.equal([0, 0, 1]);
  });

  it('pools the first dimension (the second in batch mode) with stride and power 3, of 2-D, 3-D and 4-D input', () => {
    const m = new nn.FeatureLPPooling(3, 2, 3, false);
    const x = torch.rand(7, 2, 3).add(0.1);
    const y = m.forward(x) as Tensor;
    expect(y.size().totable()).to.deep.equal([3, 2, 3]);
    for (let f = 0; f < 3; f++) for (let a = 1; a <= 2; a++) for (let b = 1; b <= 3; b++) {
      let s = 0;
      for (let i = 0; i < 3; i++) s += x.get(2 * f + i + 1, a, b) ** 3;
      expect(Math.abs(y.get(f + 1, a, b) - s ** (1 / 3))).to.be.below(1e-12);
    }
    const mb = new nn.FeatureLPPooling(3, 2, 3, true);
    const xb = torch.rand(2, 7, 2, 3).add(0.1);
    const yb = (mb.forward(xb) as Tensor).clone();
    const gob = torch.randn(2, 3, 2, 3);
    const gib = (mb.backward(xb, gob) as Tensor).clone();
    for (let b = 1; b <= 2; b++) {
      expectClose(sel(yb, b), m.forward(sel(xb, b)) as Tensor, 1e-14);
      expectClose(sel(gib, b), m.backward(sel(xb, b), sel(gob, b)) as Tensor, 1e-14);
    }
    const m2 = new nn.FeatureLPPooling(2, 2, 2, true);
    expect((m2.forward(torch.randn(4, 6)) as Tensor).size().totable()).to.deep.equal([4, 3]);
    expect((m2.forward(nonContiguous(torch.randn(4, 6, 5))) as Tensor).size().totable()).to.deep.equal([4, 3, 5]);
  });

  it('gives Torch\'s errors for bad arguments and input', () => {
    expect(() => new nn.FeatureLPPooling(1, 1, 2, false)).to.throw('width must be within 2 to 16');
    expect(() => new nn.FeatureLPPooling(17, 1, 2, false)).to.throw('width must be within 2 to 16');
    expect(() => new nn.FeatureLPPooling(2, 5, 2, false)).to.throw('stride must be within 1 to 4');
    expect(() => new nn.FeatureLPPooling(2, 1, 2, true).forward(torch.randn(5))).to.throw(
      "bad argument #2 to 'FeatureLPPooling_updateOutput' (input must be 2-4 dimensions for batch mode)");
    expect(() => new nn.FeatureLPPooling(2, 1, 2, false).forward(torch.randn(2, 3, 4, 5))).to.throw(
      "bad argument #2 to 'FeatureLPPooling_updateOutput' (input must be 1-3 dimensions for non-batch mode)");
    expect(() => new nn.FeatureLPPooling(4, 1, 2, true).forward(torch.randn(5, 3))).to.throw(
      "bad argument #3 to 'FeatureLPPooling_updateOutput' (input: feature dimension must be >= width)");
    const m = new nn.FeatureLPPooling(2, 1, 2, false);
    const x = torch.randn(5);
    m.forward(x);
    expect(() => m.backward(x, torch.randn(3))).to.throw(/output and gradOutput sizes do not match/);
  });

  it('prints Torch\'s format and has no parameters', () => {
    const m = new nn.FeatureLPPooling(2, 1, 2, true);
    expect(String(m)).to.equal('nn.FeatureLPPooling(w2 s1 power 2 batch 1');
    expect(m.parameters()).to.equal(undefined);
  });
});
