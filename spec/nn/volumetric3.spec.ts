/**
 * nn.VolumetricBatchNormalization, nn.VolumetricDropout, nn.VolumetricReplicationPadding and
 * nn.SpatialAutoCropMSECriterion against hand-computed values and naive loops written here, batch and
 * non-batch, Torch's error messages, RNG order and module specifics (.t7 round trips included).
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, flat, nonContiguous, prng, randomTensor } from '../helpers.js';

const t = torch as any;
const T = (a: unknown): Tensor => new torch.Tensor(a as number[]);
const rnd = prng(777);
const gen = (sizes: number[], type = 'Double'): Tensor => randomTensor(type, sizes, rnd, -3, 3);
const roundTrip = <M>(m: M): M => t.deserialize(t.serialize(m)) as M;

/** The bernoulli(q) mask Torch's RNG gives after manualSeed(seed), row-major over `sizes`. */
function mask(seed: number, sizes: number[], q: number): number[] {
  t.manualSeed(seed);
  return flat(new t.DoubleTensor(...sizes).bernoulli(q));
}

/** Naive per-channel batch normalisation of an N x C x ... tensor: [output, mean, biased var, unbiased var]. */
function bnNaive(x: Tensor, w: number[] | null, b: number[] | null, eps: number): [number[], number[], number[], number[]] {
  const N = x.size(1), C = x.size(2), S = x.nElement() / (N * C), xd = flat(x);
  const out = new Array<number>(xd.length), means: number[] = [], vars: number[] = [], uvars: number[] = [];
  for (let c = 0; c < C; c++) {
    const idx: number[] = [];
    for (let n = 0; n < N; n++) for (let s = 0; s < S; s++) idx.push((n * C + c) * S + s);
    const mean = idx.reduce((a, i) => a + xd[i], 0) / idx.length;
    const ss = idx.reduce((a, i) => a + (xd[i] - mean) ** 2, 0);
    means.push(mean); vars.push(ss / idx.length); uvars.push(ss / (idx.length - 1));
    for (const i of idx) out[i] = (xd[i] - mean) / Math.sqrt(ss / idx.length + eps) * (w ? w[c] : 1) + (b ? b[c] : 0);
  }
  return [out, means, vars, uvars];
}

describe('nn.VolumetricBatchNormalization', () => {
  it('constructor defaults and fields as Torch; reset draws weight ~ U[0,1] from the RNG', () => {
    t.manualSeed(5);
    const m = new nn.VolumetricBatchNormalization(3);
    t.manualSeed(5);
    const w = flat(new t.DoubleTensor(3).uniform());
    expect(m.eps).to.equal(1e-5);
    expect(m.momentum).to.equal(0.1);
    expect(m.affine).to.equal(true);
    expect(m.nDim).to.equal(5);
    expectClose(m.weight!, w, 0);
    expectClose(m.bias!, [0, 0, 0], 0);
    expectClose(m.running_mean, [0, 0, 0], 0);
    expectClose(m.running_var, [1, 1, 1], 0);
    const na = new nn.VolumetricBatchNormalization(2, 1e-3, 0.2, false);
    expect(na.weight).to.equal(undefined);
    expect(na.eps).to.equal(1e-3);
    expect(na.momentum).to.equal(0.2);
    expect(String(m)).to.equal('nn.VolumetricBatchNormalization (5D) (3)');
  });

  it('training: per-channel batch statistics over N x T x H x W, running stats moved by momentum', () => {
    const m = new nn.VolumetricBatchNormalization(2, 1e-5, 0.25);
    m.weight!.copy(T([1.5, -0.5]));
    m.bias!.copy(T([0.25, 2]));
    const x = gen([3, 2, 2, 3, 2]);
    const [out, means, , uvars] = bnNaive(x, [1.5, -0.5], [0.25, 2], 1e-5);
    expectClose(m.forward(x), out, 1e-10);
    expectClose(m.running_mean, means.map((v) => 0.25 * v), 1e-12);
    expectClose(m.running_var, uvars.map((v) => 0.25 * v + 0.75), 1e-12);
    expect(m.output.size().totable()).to.deep.equal([3, 2, 2, 3, 2]);
  });

  it('backward: gradInput matches finite differences of sum(output * g); gradWeight / gradBias with scale', () => {
    const m = new nn.VolumetricBatchNormalization(2);
    const x = gen([2, 2, 2, 2, 2]), g = gen([2, 2, 2, 2, 2]);
    m.forward(x);
    m.zeroGradParameters();
    const gi = m.backward(x, g, 0.5).clone();
    const f = (xx: Tensor): number => { const mm = m.clone() as any; return flat(mm.forward(xx)).reduce((a: number, v: number, i: number) => a + v * flat(g)[i], 0); };
    const xd = flat(x), num: number[] = [];
    for (let i = 0; i < xd.length; i++) {
      const xp = x.clone(), xm = x.clone();
      xp.storage().data[i] += 1e-6; xm.storage().data[i] -= 1e-6;
      num.push((f(xp) - f(xm)) / 2e-6);
    }
    expectClose(gi, num, 1e-5);
    const [norm] = bnNaive(x, null, null, 1e-5), gd = flat(g);
    const gw = [0, 1].map((c) => norm.reduce((a, v, i) => a + (Math.floor(i / 8) % 2 === c ? v * gd[i] : 0), 0) * 0.5);
    const gb = [0, 1].map((c) => gd.reduce((a, v, i) => a + (Math.floor(i / 8) % 2 === c ? v : 0), 0) * 0.5);
    expectClose(m.gradWeight!, gw, 1e-9);
    expectClose(m.gradBias!, gb, 1e-9);
  });

  it('evaluation uses the running statistics and accepts a 4-D (C x T x H x W) sample', () => {
    const m = new nn.VolumetricBatchNormalization(2, 1e-3);
    m.running_mean.copy(T([0.5, -1]));
    m.running_var.copy(T([4, 0.25]));
    m.weight!.copy(T([2, 1]));
    m.bias!.copy(T([0, 1]));
    m.evaluate();
    const x = gen([2, 1, 2, 2]), xd = flat(x);
    const y = m.forward(x);
    expect(y.size().totable()).to.deep.equal([1, 2, 1, 2, 2]);
    const exp = xd.map((v, i) => (i < 4 ? (v - 0.5) / Math.sqrt(4.001) * 2 : (v + 1) / Math.sqrt(0.251) + 1));
    expectClose(y, exp, 1e-12);
    expectClose(m.running_mean, [0.5, -1], 0);
  });

  it("rejects other ranks and feature counts in Torch's words", () => {
    const m = new nn.VolumetricBatchNormalization(3);
    expect(() => m.forward(gen([2, 3, 2, 2]))).to.throw('only mini-batch supported (5D tensor), got 4D tensor instead');
    expect(() => m.forward(gen([2, 4, 2, 2, 2]))).to.throw('got 4-feature tensor, expected 3');
    expect(() => new (nn.VolumetricBatchNormalization as any)()).to.throw('Missing argument #1: dimensionality of input.');
    expect(() => new nn.VolumetricBatchNormalization(3, 1e-5, 0.1, 1 as any)).to.throw('affine has to be true/false');
  });

  it('.t7 round trip keeps class, fields and results; float(); clearState drops the buffers', () => {
    const m = new nn.VolumetricBatchNormalization(2);
    const x = gen([2, 2, 2, 2, 3]);
    m.forward(x);
    const back = roundTrip(m);
    expect(back).to.be.instanceOf(nn.VolumetricBatchNormalization);
    expect(back.__typename).to.equal('nn.VolumetricBatchNormalization');
    expectClose(back.running_mean, m.running_mean, 0);
    m.evaluate(); back.evaluate();
    expectClose(back.forward(x), m.forward(x), 0);
    const mf = (m.clone() as any).float();
    expect(mf.forward(x.float()).type()).to.equal('torch.FloatTensor');
    expectClose(mf.output, m.output, 1e-5);
    m.clearState();
    expect(m.save_mean!.nElement()).to.equal(0);
    expect(m.running_mean.nElement()).to.equal(2);
  });
});

describe('nn.VolumetricDropout', () => {
  it('training: one bernoulli(1-p) draw per 3-D feature map (N x C, row-major), kept maps unscaled', () => {
    const m = new nn.VolumetricDropout(0.4);
    const x = gen([3, 4, 2, 2, 3]), g = gen([3, 4, 2, 2, 3]);
    t.manualSeed(31);
    const y = m.forward(x);
    const k = mask(31, [3, 4], 0.6);
    expect(m.noise.size().totable()).to.deep.equal([3, 4, 1, 1, 1]);
    expectClose(y, flat(x).map((v, i) => v * k[Math.floor(i / 12)]), 0);
    expectClose(m.backward(x, g), flat(g).map((v, i) => v * k[Math.floor(i / 12)]), 0);
    expect(k.some((v) => v === 0) && k.some((v) => v === 1)).to.equal(true);
  });

  it('4-D input (C x T x H x W) and non-contiguous input', () => {
    const m = new nn.VolumetricDropout(0.5);
    const x = gen([5, 2, 2, 2]);
    t.manualSeed(41);
    const y = m.forward(x);
    const k = mask(41, [5], 0.5);
    expect(m.noise.size().totable()).to.deep.equal([5, 1, 1, 1]);
    expectClose(y, flat(x).map((v, i) => v * k[Math.floor(i / 8)]), 0);
    const nc = nonContiguous(gen([5, 2, 2, 2]));
    expect(nc.isContiguous()).to.equal(false);
    t.manualSeed(43);
    const z = m.forward(nc);
    const k2 = mask(43, [5], 0.5);
    expectClose(z, flat(nc).map((v, i) => v * k2[Math.floor(i / 8)]), 0);
  });

  it('evaluation multiplies by 1-p, no backward; stochasticInference (si) drops into a clone, keeping noise', () => {
    const x = gen([2, 2, 1, 2, 2]);
    const m = new nn.VolumetricDropout(0.2).evaluate();
    expectClose(m.forward(x), flat(x).map((v) => v * 0.8), 1e-15);
    expect(() => m.backward(x, x)).to.throw('backprop only defined while training');
    const s = new nn.VolumetricDropout(0.5, true);
    expect(s.si).to.equal(true);
    t.manualSeed(7);
    s.forward(x);
    const trainMask = flat(s.noise);
    s.evaluate();
    t.manualSeed(51);
    const y = s.forward(x);
    const k = mask(51, [2, 2], 0.5);
    expectClose(y, flat(x).map((v, i) => v * k[Math.floor(i / 4)]), 0);
    expectClose(s.noise, trainMask, 0);
  });

  it("rejects other ranks in Torch's words; prints, setp, clearState, float and .t7 as Torch", () => {
    const m = new nn.VolumetricDropout();
    expect(m.p).to.equal(0.5);
    expect(m.si).to.equal(false);
    expect(() => m.forward(gen([3, 4, 2]))).to.throw('Input must be 5D (nbatch, nfeat, t, h, w) or 4D (nfeat, t, h, w)');
    expect(String(new nn.VolumetricDropout(0.25))).to.equal('nn.VolumetricDropout(0.250000)');
    m.setp(0.1);
    expect(m.p).to.equal(0.1);
    m.forward(gen([2, 2, 2, 2]));
    const back = roundTrip(m);
    expect(back).to.be.instanceOf(nn.VolumetricDropout);
    expect(back.p).to.equal(0.1);
    expectClose(back.noise, m.noise, 0);
    expect(m.clearState()).to.equal(m);
    expect(m.noise.nElement()).to.equal(0);
    const mf = new nn.VolumetricDropout(0.3).float();
    const xf = gen([3, 2, 2, 2], 'Float');
    t.manualSeed(61);
    const yf = mf.forward(xf);
    t.manualSeed(61);
    const kf = flat(new t.FloatTensor(3).bernoulli(0.7));
    expect(yf.type()).to.equal('torch.FloatTensor');
    expectClose(yf, flat(xf).map((v, i) => v * kf[Math.floor(i / 8)]), 0);
  });
});

/** Naive replication padding of an N x C x D x H x W (or C x D x H x W) tensor, and its adjoint on g. */
function repPadNaive(x: Tensor, p: number[], g: Tensor | null): [Tensor, Tensor | null] {
  const [l, r, tp, b, f, bk] = p;
  const s = x.size().totable() as number[], batch = s.length === 5;
  const [N, C, D, H, W] = batch ? s : [1, ...s];
  const oD = D + f + bk, oH = H + tp + b, oW = W + l + r;
  const clamp = (v: number, n: number): number => Math.min(Math.max(v, 0), n - 1);
  const xd = flat(x), out: number[] = [], gi = new Array<number>(xd.length).fill(0), gd = g ? flat(g) : null;
  let o = 0;
  for (let n = 0; n < N * C; n++) for (let z = 0; z < oD; z++) for (let i = 0; i < oH; i++) for (let j = 0; j < oW; j++) {
    const src = n * D * H * W + clamp(z - f, D) * H * W + clamp(i - tp, H) * W + clamp(j - l, W);
    out.push(xd[src]);
    if (gd) gi[src] += gd[o];
    o++;
  }
  const osz = batch ? [N, C, oD, oH, oW] : [C, oD, oH, oW];
  return [T(out).view(...osz), gd ? T(gi).view(...s) : null];
}

describe('nn.VolumetricReplicationPadding', () => {
  it('hand-computed 1 x 1 x 2 x 2 case: corners replicate', () => {
    const m = new nn.VolumetricReplicationPadding(1, 0, 0, 1, 0, 1);
    const x = T([1, 2, 3, 4, 5, 6, 7, 8]).view(1, 2, 2, 2);
    const y = m.forward(x);
    expect(y.size().totable()).to.deep.equal([1, 3, 3, 3]);
    expectClose(y, [1, 1, 2, 3, 3, 4, 3, 3, 4, 5, 5, 6, 7, 7, 8, 7, 7, 8, 5, 5, 6, 7, 7, 8, 7, 7, 8], 0);
    const gi = m.backward(x, torch.ones(1, 3, 3, 3));
    expectClose(gi, [2, 1, 4, 2, 4, 2, 8, 4], 0);
  });

  it('defaults: every pad = pleft; batch and non-batch against a naive loop, forward and backward', () => {
    const d = new nn.VolumetricReplicationPadding(2);
    expect([d.pleft, d.pright, d.ptop, d.pbottom, d.pfront, d.pback]).to.deep.equal([2, 2, 2, 2, 2, 2]);
    for (const [p, sizes] of [[[2, 2, 2, 2, 2, 2], [2, 2, 3, 2]], [[1, 3, 0, 2, 2, 1], [2, 3, 2, 3, 2]], [[0, 1, 2, 0, 1, 0], [1, 1, 1, 1, 1]]] as [number[], number[]][]) {
      const m = new nn.VolumetricReplicationPadding(...(p as [number, number, number, number, number, number]));
      const x = gen(sizes);
      const [eo] = repPadNaive(x, p, null);
      const y = m.forward(x);
      expect(y.size().totable()).to.deep.equal(eo.size().totable());
      expectClose(y, eo, 0);
      const g = gen(y.size().totable() as number[]);
      const [, egi] = repPadNaive(x, p, g);
      expectClose(m.backward(nonContiguous(x), nonContiguous(g)), egi!, 1e-12);
    }
  });

  it('negative pads crop', () => {
    const m = new nn.VolumetricReplicationPadding(-1, 0, 0, -1, -1, 0);
    const x = gen([2, 3, 3, 3]);
    expectClose(m.forward(x), x.narrow(2, 2, 2).narrow(3, 1, 2).narrow(4, 2, 2).contiguous(), 0);
  });

  it("bad input gets Torch's errors", () => {
    const m = new nn.VolumetricReplicationPadding(1);
    expect(() => m.forward(gen([2, 3, 3]))).to.throw('input must be 4 or 5-dimensional');
    const x = gen([2, 2, 2, 2]);
    m.forward(x);
    expect(() => m.backward(x, gen([2, 4, 4]))).to.throw('input and gradOutput must be 4 or 5-dimensional');
    expect(() => m.backward(x, gen([2, 4, 4, 3]))).to.throw('input and gradOutput must be compatible in size');
    expect(() => m.backward(x, gen([3, 4, 4, 4]))).to.throw('input and gradOutput must be compatible in size');
    expect(() => x.THNN.VolumetricReplicationPadding_updateOutput(gen([2, 2]), m.output, 1, 1, 1, 1, 1, 1))
      .to.throw('4D or 5D (batch mode) tensor expected for input, but got: [2 x 2]');
  });

  it('prints as Torch; float; .t7 round trip', () => {
    const m = new nn.VolumetricReplicationPadding(1, 2, 3, 4, 5, 6);
    expect(String(m)).to.equal('nn.VolumetricReplicationPadding(left=1, right=2, top=3, bottom=4, front=5, back=6)');
    const back = roundTrip(m);
    expect(back).to.be.instanceOf(nn.VolumetricReplicationPadding);
    expect([back.pleft, back.pright, back.ptop, back.pbottom, back.pfront, back.pback]).to.deep.equal([1, 2, 3, 4, 5, 6]);
    const x = gen([1, 2, 2, 2]);
    const yf = (m.clone() as any).float().forward(x.float());
    expect(yf.type()).to.equal('torch.FloatTensor');
    expectClose(yf, m.forward(x), 1e-6);
  });
});

describe('nn.SpatialAutoCropMSECriterion', () => {
  it('hand-computed: target centre-cropped at 1 + floor((H - h) / 2)', () => {
    const c = new nn.SpatialAutoCropMSECriterion();
    const input = T([1, 2]).view(1, 1, 2);
    const target = T([[0, 1, 5, 9], [0, 3, 7, 9], [0, 4, 4, 9]]).view(1, 3, 4);
    // rows 1..1 (floor((3-1)/2) = 1 -> row 2), cols 2..3: [3, 7]
    expect(c.forward(input, target)).to.be.closeTo(((1 - 3) ** 2 + (2 - 7) ** 2) / 2, 1e-12);
    const s = new nn.SpatialAutoCropMSECriterion(false);
    expect(s.sizeAverage).to.equal(false);
    expect(s.forward(input, target)).to.be.closeTo(29, 1e-12);
  });

  it('batch and non-batch equal nn.MSECriterion on the pre-cropped target; backward as MSECriterion', () => {
    for (const avg of [true, false]) {
      for (const [is, ts] of [[[2, 3, 4, 5], [2, 3, 7, 6]], [[3, 5, 4], [3, 5, 4]], [[2, 3, 2], [2, 6, 5]]]) {
        const input = gen(is), target = gen(ts), d = is.length;
        const h = is[d - 2], w = is[d - 1], H = ts[d - 2], W = ts[d - 1];
        const cropped = target.narrow(d - 1, 1 + Math.floor((H - h) / 2), h).narrow(d, 1 + Math.floor((W - w) / 2), w);
        const crit = new nn.SpatialAutoCropMSECriterion(avg), mse = new nn.MSECriterion(avg);
        expect(crit.forward(input, target)).to.be.closeTo(mse.forward(input, cropped), 1e-12);
        const tg = gen(is);
        expectClose(crit.backward(input, tg), mse.backward(input, tg), 1e-14);
        const n = input.nElement();
        expectClose(crit.gradInput, flat(input).map((v, i) => 2 * (v - flat(tg)[i]) / (avg ? n : 1)), 1e-12);
      }
    }
  });

  it("bad input gets Torch's assertion messages", () => {
    const c = new nn.SpatialAutoCropMSECriterion();
    expect(() => c.forward(gen([2, 3, 3]), gen([1, 2, 3, 3]))).to.throw('input and target should have the same number of dimensions');
    expect(() => c.forward(gen([3, 3]), gen([3, 3]))).to.throw('input and target must have 3 or 4 dimensions');
    expect(() => c.forward(gen([2, 5, 5]), gen([2, 5, 4]))).to.throw('Spatial resolution of input should be less than or equal to the spatial resolution of the target');
    expect(() => c.forward(gen([1, 2, 5, 5]), gen([1, 2, 4, 5]))).to.throw('Spatial resolution of input should be less than or equal');
    expect(() => c.backward(gen([2, 3, 3]), gen([3, 3]))).to.throw('input and gradOutput should have the same number of dimensions');
    expect(() => c.backward(gen([3, 3]), gen([3, 3]))).to.throw('input and gradOutput must have 3 or 4 dimensions');
    expect(() => c.backward(gen([2, 3, 3]), gen([2, 4, 4]))).to.throw('gradOutput and input must have the same size');
  });

  it('.t7 round trip keeps class and sizeAverage; float()', () => {
    const c = new nn.SpatialAutoCropMSECriterion(false);
    const back = roundTrip(c);
    expect(back).to.be.instanceOf(nn.SpatialAutoCropMSECriterion);
    expect(back.sizeAverage).to.equal(false);
    const input = gen([1, 2, 2]), target = gen([1, 4, 3]);
    expect(back.forward(input, target)).to.be.closeTo(c.forward(input, target), 1e-12);
    const cf = (c.clone() as any).float();
    expect(cf.forward(input.float(), target.float())).to.be.closeTo(c.forward(input, target), 1e-4);
  });
});
