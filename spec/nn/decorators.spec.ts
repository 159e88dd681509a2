/**
 * The decorators family: nn.Decorator, WeightNorm, LinearWeightNorm, DontCast, NaN, Profile, Convert and
 * LayerNormalization, checked against hand computations (naive loops written here), Torch's RNG order,
 * Torch's messages and the .t7 layout torch/nn writes.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { Module } from '../../nn/Module.js';

const T = torch as any;
const rows = (t: Tensor): number[][] => t.totable() as number[][];
const maxDiff = (a: Tensor, b: Tensor): number => {
  expect(a.size().totable()).to.deep.equal(b.size().totable());
  return T.add(a, -1, b).abs().max();
};
const roundTrip = <M>(m: M): M => T.deserialize(T.serialize(m)) as M;
const asciiOf = (m: unknown): string => Buffer.from(T.serialize(m, 'ascii')).toString('latin1');
/** True when the ascii .t7 text holds the Lua string `s` (as a key or value). */
const hasString = (text: string, s: string): boolean => text.includes(`\n${s.length}\n${s}\n`);

/** y = x W^T + b, by loops. */
function naiveLinear(x: number[][], w: number[][], b?: number[]): number[][] {
  return x.map((row) => w.map((wr, j) => wr.reduce((s, v, k) => s + v * row[k], b ? b[j] : 0)));
}
/** The weight-norm gradients by loops: dw = gᵀx, gradG_i = Σ_j dw_ij v_ij / n_i, gradV = g/n dw − g gradG v / n². */
function naiveWNGrads(x: number[][], go: number[][], v: number[][], g: number[], n: number[]) {
  const dw = v.map((r, i) => r.map((_, j) => go.reduce((s, gr, b) => s + gr[i] * x[b][j], 0)));
  const gradG = v.map((r, i) => r.reduce((s, vij, j) => s + dw[i][j] * vij / n[i], 0));
  const gradV = v.map((r, i) => r.map((vij, j) => (g[i] / n[i]) * dw[i][j] - (g[i] / n[i]) * gradG[i] * vij / n[i]));
  return { gradG, gradV };
}

/** A module that spins for `ms` milliseconds in forward and backward (for Profile's timings). */
class Slow extends Module {
  constructor(private ms = 15) { super(); }
  private spin(): void { const end = performance.now() + this.ms; while (performance.now() < end) { /* wait */ } }
  override updateOutput(x: Tensor) { this.spin(); (this.output as Tensor).resizeAs(x).copy(x); return this.output; }
  override updateGradInput(_x: Tensor, g: Tensor) { this.spin(); (this.gradInput as Tensor).resizeAs(g).copy(g); return this.gradInput; }
}

describe('nn.Decorator', () => {
  beforeEach(() => T.manualSeed(11));

  it('forwards updateOutput/updateGradInput (the same tensors) and accGradParameters with its scale', () => {
    const lin = new nn.Linear(4, 3);
    const ref = lin.clone();
    const d = new nn.Decorator(lin);
    const x = T.randn(2, 4), go = T.randn(2, 3);
    expect(d.forward(x)).to.equal(lin.output);
    expect(maxDiff(d.output, ref.forward(x))).to.equal(0);
    d.zeroGradParameters(); ref.zeroGradParameters();
    expect(d.backward(x, go, 0.5)).to.equal(lin.gradInput);
    ref.backward(x, go, 0.5);
    expect(maxDiff(lin.gradWeight!, ref.gradWeight!)).to.equal(0);
    expect(maxDiff(lin.gradBias!, ref.gradBias!)).to.equal(0);
    expect(d.parameters()[0][0]).to.equal(lin.weight);
    expect(d.modules![0]).to.equal(lin);
  });

  it('accUpdateGradParameters and sharedAccUpdateGradParameters reach the wrapped module', () => {
    const lin = new nn.Linear(3, 2);
    const ref = lin.clone();
    const d = new nn.Decorator(lin);
    const x = T.randn(3), go = T.randn(2);
    d.forward(x); ref.forward(x);
    d.accUpdateGradParameters(x, go, 0.1);
    ref.accUpdateGradParameters(x, go, 0.1);
    expect(maxDiff(lin.weight!, ref.weight!)).to.equal(0);
    d.sharedAccUpdateGradParameters(x, go, 0.1);
    ref.sharedAccUpdateGradParameters(x, go, 0.1);
    expect(maxDiff(lin.bias!, ref.bias!)).to.equal(0);
  });

  it("prints as 'nn.Decorator @ <module>', converts the module's type and saves as nn.Decorator", () => {
    const d = new nn.Decorator(new nn.Linear(4, 3));
    expect(String(d)).to.equal('nn.Decorator @ nn.Linear(4 -> 3)');
    d.float();
    expect(d.modules![0].weight!.type()).to.equal('torch.FloatTensor');
    const back = roundTrip(d);
    expect(back).to.be.instanceOf(nn.Decorator);
    expect(back.__typename).to.equal('nn.Decorator');
    expect(maxDiff(back.modules![0].weight!, d.modules![0].weight!)).to.equal(0);
  });
});

describe('nn.WeightNorm', () => {
  beforeEach(() => T.manualSeed(5));

  it("draws v ~ N(0, sqrt(2/otherDims)) after the module's reset; g = row norms; bias zeroed", () => {
    T.manualSeed(3);
    const m = new nn.WeightNorm(new nn.Linear(5, 3));
    T.manualSeed(3);
    new nn.Linear(5, 3);
    const v = T.randn(3, 5).mul(Math.sqrt(2 / 5));
    expect(maxDiff(m.v, v)).to.be.below(1e-15);
    expect(m.g.size().totable()).to.deep.equal([3, 1]);
    rows(v).forEach((r, i) => expect(m.g.get(i + 1, 1)).to.be.closeTo(Math.hypot(...r), 1e-12));
    expect(m.bias!.abs().max()).to.equal(0);
    expect(m.gradG.abs().max()).to.equal(0);
  });

  it('has the fields of WeightNorm.lua (outputDim 1 and 2; weight shared with the module)', () => {
    const lin = new nn.Linear(5, 3);
    const m = new nn.WeightNorm(lin);
    expect(m.outputDim).to.equal(1);
    expect(m.otherDims).to.equal(5);
    expect(Array.from(m.viewIn.data)).to.deep.equal([3, 5]);
    expect(Array.from(m.viewOut.data)).to.deep.equal([3, 5]);
    expect(Array.from(m.weightSize.data)).to.deep.equal([3, 5]);
    expect(m.weight).to.equal(lin.weight);
    expect(m.bias).to.equal(lin.bias);
    const conv = new nn.SpatialConvolution(2, 3, 5, 4); // weight 3x2x4x5
    const mc = new nn.WeightNorm(conv, 3);
    expect(mc.otherDims).to.equal(30);
    expect(Array.from(mc.viewIn.data)).to.deep.equal([4, 30]);
    expect(Array.from(mc.viewOut.data)).to.deep.equal([4, 3, 2, 5]);
    expect(mc.v.size().totable()).to.deep.equal([4, 30]);
  });

  it('forward: w = g v / sqrt(|v|^2 + 1e-4) row by row, batch and vector', () => {
    const m = new nn.WeightNorm(new nn.Linear(4, 3));
    m.g.copy(new T.Tensor([[2], [0.5], [-1]]));
    m.bias!.copy(new T.Tensor([0.1, -0.2, 0.3]));
    const x = T.randn(2, 4);
    const out = m.forward(x);
    const v = rows(m.v), g = [2, 0.5, -1];
    const w = v.map((r, i) => r.map((e) => (g[i] * e) / Math.sqrt(r.reduce((s, q) => s + q * q, 0) + 1e-4)));
    expect(maxDiff(out, new T.Tensor(naiveLinear(rows(x), w, [0.1, -0.2, 0.3])))).to.be.below(1e-12);
    expect(maxDiff(m.modules![0].weight!, new T.Tensor(w))).to.be.below(1e-14);
    const xv = T.randn(4);
    expect(maxDiff(m.forward(xv), new T.Tensor(naiveLinear([xv.totable()], w, [0.1, -0.2, 0.3])[0]))).to.be.below(1e-12);
  });

  it('gradInput (right after forward) is the wrapped module gradInput for the normalised weight', () => {
    const m = new nn.WeightNorm(new nn.Linear(4, 3));
    const x = T.randn(2, 4), go = T.randn(2, 3);
    m.forward(x);
    const gi = m.updateGradInput(x, go);
    const w = rows(m.weight);
    const naive = rows(go).map((gr) => [0, 1, 2, 3].map((k) => gr.reduce((s, gj, j) => s + gj * w[j][k], 0)));
    expect(maxDiff(gi, new T.Tensor(naive))).to.be.below(1e-12);
    expect(m.gradInput).to.be.instanceOf(Tensor);
  });

  it('accGradParameters gives gradG and gradV of the chain rule, linear in scale; gradWeight holds gradV', () => {
    const m = new nn.WeightNorm(new nn.Linear(4, 3));
    const x = T.randn(5, 4), go = T.randn(5, 3);
    m.forward(x);
    m.zeroGradParameters();
    m.backward(x, go);
    const n = rows(m.v).map((r) => Math.sqrt(r.reduce((s, q) => s + q * q, 0) + 1e-4));
    const { gradG, gradV } = naiveWNGrads(rows(x), rows(go), rows(m.v), rows(m.g).map((r) => r[0]), n);
    expect(maxDiff(m.gradG, new T.Tensor(gradG.map((e) => [e])))).to.be.below(1e-12);
    expect(maxDiff(m.gradV, new T.Tensor(gradV))).to.be.below(1e-12);
    expect(maxDiff(m.gradWeight, m.gradV)).to.equal(0);
    const bias1 = m.gradBias!.clone();
    expect(maxDiff(bias1, go.sum(1).view(3))).to.be.below(1e-12);
    m.forward(x);
    m.zeroGradParameters();
    m.backward(x, go, 2);
    expect(maxDiff(m.gradG, new T.Tensor(gradG.map((e) => [2 * e])))).to.be.below(1e-12);
    expect(maxDiff(m.gradBias!, bias1.mul(2))).to.be.below(1e-12);
  });

  it('outputDim 3 on a 4-D conv weight: w[a][b][c][d] = g_c v[c][(a,b,d)] / |v_c|', () => {
    const conv = new nn.SpatialConvolution(2, 3, 5, 4);
    const m = new nn.WeightNorm(conv, 3);
    m.forward(T.randn(2, 6, 7));
    const v = rows(m.v), g = rows(m.g).map((r) => r[0]);
    const n = v.map((r) => Math.sqrt(r.reduce((s, q) => s + q * q, 0) + 1e-4));
    let worst = 0;
    for (let a = 1; a <= 3; a++) for (let b = 1; b <= 2; b++) for (let c = 1; c <= 4; c++) for (let d = 1; d <= 5; d++) {
      const flat = ((a - 1) * 2 + (b - 1)) * 5 + (d - 1);
      worst = Math.max(worst, Math.abs(conv.weight!.get(a, b, c, d) - (g[c - 1] * v[c - 1][flat]) / n[c - 1]));
    }
    expect(worst).to.be.below(1e-14);
    expect(nn.Jacobian.testJacobianParameters(m, T.randn(2, 6, 7), m.v, m.gradV)).to.be.below(1e-5);
    expect(nn.Jacobian.testJacobianParameters(m, T.randn(2, 6, 7), m.g, m.gradG)).to.be.below(1e-5);
  });

  it('evaluate() fixes the weight; training() recomputes it from v and g on the next forward', () => {
    const m = new nn.WeightNorm(new nn.Linear(3, 2));
    const x = T.randn(3);
    const before = m.forward(x).clone();
    m.evaluate();
    expect(m.train).to.equal(false);
    expect(m.modules![0].train).to.equal(false);
    m.g.mul(2);
    expect(maxDiff(m.forward(x), before)).to.equal(0);
    m.training();
    const after = m.forward(x);
    expect(maxDiff(after.clone().add(-1, m.bias!), before.clone().add(-1, m.bias!).mul(2))).to.be.below(1e-12);
  });

  it('parameters {v, g, bias}; zeroGradParameters and updateParameters act on v, g and the bias', () => {
    const m = new nn.WeightNorm(new nn.Linear(3, 2));
    const [p, gp] = m.parameters();
    expect(p).to.deep.equal([m.v, m.g, m.bias]);
    expect(gp).to.deep.equal([m.gradV, m.gradG, m.gradBias]);
    const nb = new nn.WeightNorm(new nn.Linear(3, 2, false));
    expect(nb.parameters()[0]).to.deep.equal([nb.v, nb.g]);
    const x = T.randn(4, 3);
    m.forward(x);
    m.backward(x, T.randn(4, 2));
    const v0 = m.v.clone(), g0 = m.g.clone(), b0 = m.bias!.clone();
    const gv = m.gradV.clone(), gg = m.gradG.clone(), gb = m.gradBias!.clone();
    m.updateParameters(0.1);
    expect(maxDiff(m.v, v0.add(-0.1, gv))).to.be.below(1e-15);
    expect(maxDiff(m.g, g0.add(-0.1, gg))).to.be.below(1e-15);
    expect(maxDiff(m.bias!, b0.add(-0.1, gb))).to.be.below(1e-15);
    m.zeroGradParameters();
    expect(m.gradV.abs().max() + m.gradG.abs().max() + m.gradBias!.abs().max()).to.equal(0);
  });

  it("prints 'nn.WeightNorm [<module>]' and asserts the module has a weight", () => {
    expect(String(new nn.WeightNorm(new nn.Linear(3, 2)))).to.equal('nn.WeightNorm [nn.Linear(3 -> 2)]');
    expect(() => new nn.WeightNorm(new nn.Tanh())).to.throw('assertion failed!');
  });

  it('.t7: weight and gradWeight are left out (weightSize kept) and rebuilt on load; the live module keeps them', () => {
    const lin = new nn.Linear(4, 3);
    const m = new nn.WeightNorm(lin);
    const x = T.randn(2, 4);
    const out = m.forward(x).clone();
    const text = asciiOf(m);
    expect(hasString(text, 'weightSize')).to.equal(true);
    expect(hasString(text, 'weight')).to.equal(false);
    expect(hasString(text, 'gradWeight')).to.equal(false);
    expect(hasString(text, 'v')).to.equal(true);
    expect(m.weight).to.equal(lin.weight);
    expect(m.gradWeight).to.equal(lin.gradWeight);
    const back = roundTrip(m);
    expect(back).to.be.instanceOf(nn.WeightNorm);
    expect(back.weight).to.equal(back.modules![0].weight);
    expect(back.weight.size().totable()).to.deep.equal([3, 4]);
    expect(maxDiff(back.weight, lin.weight!)).to.be.below(1e-15);
    expect(maxDiff(back.forward(x), out)).to.be.below(1e-15);
  });

  it('type() keeps the weight shared between the decorator and the module', () => {
    const m = new nn.WeightNorm(new nn.Linear(4, 3)).float();
    expect(m.v.type()).to.equal('torch.FloatTensor');
    expect(m.weight.type()).to.equal('torch.FloatTensor');
    expect(m.weight.storage()).to.equal(m.modules![0].weight!.storage());
    m.forward(T.randn(2, 4).float());
    m.g.mul(3);
    m.forward(T.randn(2, 4).float());
    expect(maxDiff(m.weight, m.modules![0].weight!)).to.equal(0);
  });
});

describe('nn.LinearWeightNorm', () => {
  beforeEach(() => T.manualSeed(7));

  it("draws as nn.Linear does (weight then bias, ±1/sqrt(in)); v = that weight, g its row norms; eps 1e-16", () => {
    T.manualSeed(9);
    const m = new nn.LinearWeightNorm(5, 3);
    T.manualSeed(9);
    const lin = new nn.Linear(5, 3);
    expect(maxDiff(m.v, lin.weight!)).to.equal(0);
    expect(maxDiff(m.bias!, lin.bias!)).to.equal(0);
    rows(lin.weight!).forEach((r, i) => expect(m.g.get(i + 1, 1)).to.be.closeTo(Math.hypot(...r), 1e-14));
    expect(m.eps).to.equal(1e-16);
    expect(new nn.LinearWeightNorm(5, 3, true, 1e-3).eps).to.equal(1e-3);
    expect(m.inputSize).to.equal(5);
    expect(m.outputSize).to.equal(3);
    expect(m.gradWeight).to.equal(undefined);
    expect(m.g.size().totable()).to.deep.equal([3, 1]);
    expect(new nn.LinearWeightNorm(5, 3, false).bias).to.equal(undefined);
  });

  it('forward = x (g v/|v|)^T + b (batch and vector); gradInput = gradOutput W', () => {
    const m = new nn.LinearWeightNorm(4, 3);
    m.g.copy(new T.Tensor([[1.5], [-0.5], [2]]));
    const x = T.randn(2, 4), go = T.randn(2, 3);
    const v = rows(m.v), g = [1.5, -0.5, 2], b = m.bias!.totable() as number[];
    const w = v.map((r, i) => r.map((e) => (g[i] * e) / Math.hypot(...r)));
    expect(maxDiff(m.forward(x), new T.Tensor(naiveLinear(rows(x), w, b)))).to.be.below(1e-12);
    const gi = m.updateGradInput(x, go);
    const naive = rows(go).map((gr) => [0, 1, 2, 3].map((k) => gr.reduce((s, gj, j) => s + gj * w[j][k], 0)));
    expect(maxDiff(gi, new T.Tensor(naive))).to.be.below(1e-12);
    const xv = T.randn(4);
    expect(maxDiff(m.forward(xv), new T.Tensor(naiveLinear([xv.totable()], w, b)[0]))).to.be.below(1e-12);
    expect(() => m.forward(T.randn(2, 2, 4))).to.throw('input must be vector or matrix');
  });

  it('accGradParameters: gradG and gradV by the chain rule (no 1e-4 in the norm), scale applied', () => {
    const m = new nn.LinearWeightNorm(4, 3);
    const x = T.randn(5, 4), go = T.randn(5, 3);
    m.forward(x);
    m.zeroGradParameters();
    m.accGradParameters(x, go, 0.5);
    const n = rows(m.v).map((r) => Math.hypot(...r));
    const { gradG, gradV } = naiveWNGrads(rows(x), rows(go).map((r) => r.map((e) => 0.5 * e)), rows(m.v), rows(m.g).map((r) => r[0]), n);
    expect(maxDiff(m.gradG, new T.Tensor(gradG.map((e) => [e])))).to.be.below(1e-12);
    expect(maxDiff(m.gradV, new T.Tensor(gradV))).to.be.below(1e-12);
    expect(maxDiff(m.gradBias!, go.sum(1).view(3).mul(0.5))).to.be.below(1e-12);
  });

  it('clamps row norms to eps (a zero row of v gives a zero weight row, no NaN)', () => {
    const m = new nn.LinearWeightNorm(3, 2, true, 1e-6);
    (m.v.select(1, 1) as Tensor).zero();
    m.forward(T.randn(3));
    expect(m.norm.get(1, 1)).to.equal(1e-6);
    expect((m.weight.select(1, 1) as Tensor).abs().max()).to.equal(0);
    expect(Number.isNaN(m.output.sum())).to.equal(false);
  });

  it('evaluate() computes the weight once; training() recomputes; clearState empties weight, norm, scale', () => {
    const m = new nn.LinearWeightNorm(3, 2);
    const x = T.randn(3);
    const y0 = m.forward(x).clone();
    m.evaluate();
    m.g.mul(2);
    expect(maxDiff(m.forward(x), y0)).to.equal(0);
    m.training();
    expect(maxDiff(m.forward(x).clone().add(-1, m.bias!), y0.clone().add(-1, m.bias!).mul(2))).to.be.below(1e-12);
    m.clearState();
    expect(m.weight.nElement() + m.norm.nElement() + m.scale.nElement() + m.output.nElement()).to.equal(0);
    expect(m.forward(x).nElement()).to.equal(2);
  });

  it('fromLinear / toLinear compute what the source computes', () => {
    const lin = new nn.Linear(4, 3);
    const x = T.randn(2, 4);
    const m = nn.LinearWeightNorm.fromLinear(lin);
    expect(m).to.be.instanceOf(nn.LinearWeightNorm);
    expect(maxDiff(m.forward(x), lin.forward(x))).to.be.below(1e-12);
    const back = m.toLinear();
    expect(back.__typename).to.equal('nn.Linear');
    expect(maxDiff(back.forward(x), m.forward(x))).to.be.below(1e-12);
    const nb = nn.LinearWeightNorm.fromLinear(new nn.Linear(4, 3, false));
    expect(nb.bias).to.equal(undefined);
  });

  it("parameters {v, g, bias}; prints '(in -> out)' and ' without bias'; .t7 keeps the fields", () => {
    const m = new nn.LinearWeightNorm(4, 3);
    expect(m.parameters()[0]).to.deep.equal([m.v, m.g, m.bias]);
    expect(m.parameters()[1]).to.deep.equal([m.gradV, m.gradG, m.gradBias]);
    expect(String(m)).to.equal('nn.LinearWeightNorm(4 -> 3)');
    expect(String(new nn.LinearWeightNorm(4, 3, false))).to.equal('nn.LinearWeightNorm(4 -> 3) without bias');
    const text = asciiOf(m);
    for (const f of ['v', 'g', 'gradV', 'gradG', 'eps', 'inputSize', 'outputSize', 'norm', 'scale']) expect(hasString(text, f), f).to.equal(true);
    expect(hasString(text, 'gradWeight')).to.equal(false);
    const back = roundTrip(m);
    const x = T.randn(2, 4);
    expect(back).to.be.instanceOf(nn.LinearWeightNorm);
    expect(maxDiff(back.forward(x), m.forward(x))).to.equal(0);
  });
});

describe('nn.DontCast', () => {
  beforeEach(() => T.manualSeed(13));

  it('castout defaults to castin; moduleType from the module output (or parameters), else an error', () => {
    const d = new nn.DontCast(new nn.Linear(3, 2), true);
    expect(d.castin).to.equal(true);
    expect(d.castout).to.equal(true);
    expect(d.moduleType).to.equal('torch.DoubleTensor');
    const e = new nn.DontCast(new nn.Linear(3, 2), true, false, 'torch.FloatTensor');
    expect(e.castout).to.equal(false);
    expect(e.moduleType).to.equal('torch.FloatTensor');
    expect(new nn.DontCast(new nn.Tanh()).moduleType).to.equal(undefined);
    const odd = new nn.Identity();
    odd.output = [];
    expect(() => new nn.DontCast(odd, true)).to.throw('Cannot extrapolate moduleType. Provide constructor argument 4');
    const lin = new nn.Linear(3, 2);
    lin.output = [];
    expect(new nn.DontCast(lin, true).moduleType).to.equal('torch.DoubleTensor');
  });

  it('type() leaves the module as it is; castin/castout copy input, gradOutput, output and gradInput', () => {
    const lin = new nn.Linear(3, 2);
    const ref = lin.clone();
    const s = new nn.Sequential().add(new nn.DontCast(lin, true)).float();
    expect(lin.weight!.type()).to.equal('torch.DoubleTensor');
    const x = T.randn(4, 3), go = T.randn(4, 2);
    const y = s.forward(x.float());
    expect(y.type()).to.equal('torch.FloatTensor');
    expect(maxDiff(y, ref.forward(x.float().double()).float())).to.equal(0);
    ref.zeroGradParameters(); lin.zeroGradParameters();
    const gi = s.backward(x.float(), go.float());
    expect(gi.type()).to.equal('torch.FloatTensor');
    ref.backward(x.float().double(), go.float().double());
    expect(maxDiff(gi.double(), ref.gradInput)).to.be.below(1e-6);
    expect(maxDiff(lin.gradWeight!, ref.gradWeight!)).to.be.below(1e-15);
  });

  it('castin only: the output is the module output (not copied); without casts type() changes nothing', () => {
    const lin = new nn.Linear(3, 2);
    const d = new nn.DontCast(lin, true, false).float();
    const y = d.forward(T.randn(3).float());
    expect(y).to.equal(lin.output);
    expect(y.type()).to.equal('torch.DoubleTensor');
    const n = new nn.DontCast(new nn.Tanh());
    const out0 = n.output;
    n.type('torch.FloatTensor');
    expect(n.output).to.equal(out0);
    expect(n.modules![0].output.type()).to.equal('torch.DoubleTensor');
  });

  it('casts tables of tensors (castin)', () => {
    const d = new nn.DontCast(new nn.CAddTable(), true).float();
    const a = T.randn(2, 3), b = T.randn(2, 3);
    const y = d.forward([a.float(), b.float()]);
    expect(y.type()).to.equal('torch.FloatTensor');
    expect(maxDiff(y.double(), a.float().double().add(b.float().double()))).to.be.below(1e-6);
    expect(d._input[0].type()).to.equal('torch.DoubleTensor');
  });
});

describe('nn.NaN', () => {
  beforeEach(() => T.manualSeed(17));

  it('passes values through when clean; ids count up from a shared sequence', () => {
    const lin = new nn.Linear(2, 2);
    const a = new nn.NaN(lin), b = new nn.NaN(lin);
    expect(b.id).to.equal((a.id as number) + 1);
    expect(new nn.NaN(lin, 'mine').id).to.equal('mine');
    const x = T.randn(3, 2);
    expect(a.forward(x)).to.equal(lin.output);
    expect(a.backward(x, T.randn(3, 2))).to.equal(lin.gradInput);
    expect(String(new nn.NaN(lin, 4))).to.equal('nn.NaN(4) @ nn.Linear(2 -> 2)');
    expect(a.__typename).to.equal('nn.NaN');
  });

  it("names the source of a NaN output: input, parameters or output (Torch's messages)", () => {
    const lin = new nn.Linear(2, 2);
    const m = new nn.NaN(lin, 7);
    expect(() => m.forward(new T.Tensor([NaN, 1]))).to.throw('NaN found in input of module :\nnn.NaN(7) @ nn.Linear(2 -> 2)');
    (lin.weight!.select(1, 1) as Tensor).fill(NaN);
    expect(() => m.forward(new T.Tensor([1, 1]))).to.throw('NaN found in parameters of module :\nnn.NaN(7) @ nn.Linear(2 -> 2)');
    const log = new nn.NaN(new nn.Sqrt(), 2);
    expect(() => log.forward(new T.Tensor([-1, 4]))).to.throw('NaN found in output of module :\nnn.NaN(2) @ nn.Sqrt');
  });

  it('names the source of a NaN gradInput (gradOutput or gradInput) and NaN gradParameters', () => {
    const m = new nn.NaN(new nn.Log(), 3);
    const x = new T.Tensor([0, 1]);
    m.forward(x);
    expect(() => m.updateGradInput(x, new T.Tensor([NaN, 1]))).to.throw('NaN found in gradOutput of module :\nnn.NaN(3) @ nn.Log');
    expect(() => m.updateGradInput(x, new T.Tensor([0, 1]))).to.throw('NaN found in gradInput of module :\nnn.NaN(3) @ nn.Log');
    const l = new nn.NaN(new nn.Linear(2, 2), 9);
    const xi = new T.Tensor([1, 2]);
    l.forward(xi);
    expect(() => l.accGradParameters(xi, new T.Tensor([NaN, 0]))).to.throw('NaN found in gradParameters of module :\nnn.NaN(9) @ nn.Linear(2 -> 2)');
  });

  it('looks inside tables', () => {
    const m = new nn.NaN(new nn.SplitTable(1), 5);
    expect(() => m.forward(new T.Tensor([[1, 2], [3, NaN]]))).to.throw('NaN found in input of module :\nnn.NaN(5) @ nn.SplitTable');
    expect(m.forward(new T.Tensor([[1, 2], [3, 4]]))).to.have.length(2);
    expect(m.recursiveIsNaN([[new T.Tensor([1])], [new T.Tensor([NaN])]])).to.equal(true);
    expect(m.recursiveIsNaN([])).to.equal(false);
  });
});

describe('nn.Profile', () => {
  let lines: string[];
  let saved: typeof console.log;
  beforeEach(() => { lines = []; saved = console.log; console.log = (...a: unknown[]) => { lines.push(a.join(' ')); }; });
  afterEach(() => { console.log = saved; });

  it("prints '<name> took <s> seconds for <n> forward passes' every print_interval calls, then restarts", () => {
    const m = new nn.Profile(new Slow(15), 3, 'slow');
    const x = T.randn(2);
    m.forward(x); m.forward(x);
    expect(lines).to.deep.equal([]);
    expect(m.numFwds).to.equal(2);
    expect(m.summedFwdTime).to.be.at.least(0.029);
    m.forward(x);
    expect(lines).to.have.length(1);
    const match = /^slow took (\d+\.\d{3}) seconds for 3 forward passes$/.exec(lines[0]);
    expect(match, lines[0]).to.not.equal(null);
    expect(Number(match![1])).to.be.at.least(0.044);
    expect(m.numFwds).to.equal(0);
    expect(m.summedFwdTime).to.equal(0);
    for (let i = 0; i < 3; i++) m.backward(x, x);
    expect(lines[1]).to.match(/^slow took \d+\.\d{3} seconds for 3 backward passes$/);
    expect(m.numBwds).to.equal(0);
  });

  it('defaults: interval 100, the module type as name; output and gradInput are the module\'s', () => {
    const lin = new nn.Linear(3, 2);
    const m = new nn.Profile(lin);
    expect(m.print_interval).to.equal(100);
    expect(m.name).to.equal('nn.Linear');
    expect(m.module).to.equal(lin);
    const x = T.randn(3);
    expect(m.forward(x)).to.equal(lin.output);
    expect(m.backward(x, T.randn(2))).to.equal(lin.gradInput);
    expect(lines).to.deep.equal([]);
    expect(String(m)).to.equal('nn.Profile @ nn.Linear(3 -> 2)');
  });

  it('.t7: the timer is a torch.Timer with an empty payload, loaded as a fresh timer', () => {
    const m = new nn.Profile(new nn.Linear(3, 2), 2, 'fc');
    m.forward(T.randn(3));
    const text = asciiOf(m);
    expect(hasString(text, 'torch.Timer')).to.equal(true);
    const back = roundTrip(m);
    expect(back.numFwds).to.equal(1);
    expect(back.module).to.equal(back.modules![0]);
    expect(back.timer.time().real).to.be.a('number');
    back.forward(T.randn(3));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^fc took \d+\.\d{3} seconds for 2 forward passes$/);
  });
});

describe('nn.Convert', () => {
  beforeEach(() => T.manualSeed(19));

  it("fields: a 'b' is prepended when missing; b* for type conversion only", () => {
    const c = new nn.Convert('chw', 'f');
    expect([c.inputShape, c.outputShape, c.inputBatchDim, c.outputBatchDim, c.nInputDim, c.nOutputDim]).to.deep.equal(['bchw', 'bf', 1, 1, 4, 2]);
    expect(c.transposition).to.equal(undefined);
    const d = new nn.Convert();
    expect([d.inputShape, d.outputShape, d.nInputDim, d.transposition]).to.deep.equal(['b*', 'b*', -1, true]);
    expect(new nn.Convert('bhwc', 'bchw').transposition).to.equal(true);
    expect(new nn.Convert('bhwc', 'bchx').transposition).to.equal(false);
  });

  it("'bchw' -> 'bf' flattens each sample; one sample 'chw' -> 'f' too", () => {
    const c = new nn.Convert('bchw', 'bf');
    const x = T.randn(2, 3, 2, 2);
    const y = c.forward(x);
    expect(maxDiff(y, x.contiguous().view(2, 12))).to.equal(0);
    const go = T.randn(2, 12);
    expect(maxDiff(c.backward(x, go), go.view(2, 3, 2, 2))).to.equal(0);
    expect(c.modules![0].__typename).to.equal('nn.Reshape');
    const s = new nn.Convert('chw', 'f');
    const xs = T.randn(3, 2, 2);
    expect(maxDiff(s.forward(xs), xs.contiguous().view(12))).to.equal(0);
    expect(s.backward(xs, T.randn(12)).size().totable()).to.deep.equal([3, 2, 2]);
    expect(s.batchMode).to.equal(false);
  });

  it("'hwb' -> 'bf' moves b first (Transpose{1,3}) then flattens: out[b][(w,h)] = in[h][w][b]", () => {
    const c = new nn.Convert('hwb', 'bf');
    const x = T.randn(2, 3, 4);
    const y = c.forward(x);
    expect(y.size().totable()).to.deep.equal([4, 6]);
    let worst = 0;
    for (let b = 1; b <= 4; b++) for (let w = 1; w <= 3; w++) for (let h = 1; h <= 2; h++) {
      worst = Math.max(worst, Math.abs(y.get(b, (w - 1) * 2 + h) - x.get(h, w, b)));
    }
    expect(worst).to.equal(0);
    expect(c.modules![0].__typename).to.equal('nn.Sequential');
  });

  it("'bhwc' -> 'bchw' is a transposition: out[b][c][h][w] = in[b][h][w][c]", () => {
    const c = new nn.Convert('bhwc', 'bchw');
    const x = T.randn(2, 3, 4, 5);
    const y = c.forward(x);
    expect(y.size().totable()).to.deep.equal([2, 5, 3, 4]);
    let worst = 0;
    for (let b = 1; b <= 2; b++) for (let ch = 1; ch <= 5; ch++) for (let h = 1; h <= 3; h++) for (let w = 1; w <= 4; w++) {
      worst = Math.max(worst, Math.abs(y.get(b, ch, h, w) - x.get(b, h, w, ch)));
    }
    expect(worst).to.equal(0);
    expect(c.backward(x, y.clone()).size().totable()).to.deep.equal([2, 3, 4, 5]);
    expect(maxDiff(c.gradInput, x)).to.equal(0);
  });

  it("'bt'/'bf' -> 'b' selects the first target/feature; 'b' -> 'bt' a column", () => {
    const x = T.randn(4, 3);
    expect(maxDiff(new nn.Convert('bt', 'b').forward(x), x.select(2, 1))).to.equal(0);
    expect(maxDiff(new nn.Convert('tb', 'b').forward(x), x.select(1, 1))).to.equal(0);
    const f1 = T.randn(4, 1);
    expect(maxDiff(new nn.Convert('bf', 'b').forward(f1), f1.select(2, 1))).to.equal(0);
    const v = T.randn(5);
    expect(maxDiff(new nn.Convert('b', 'bt').forward(v), v.view(5, 1))).to.equal(0);
  });

  it("converts the input's type to the module's (gradInput in the module's type too)", () => {
    const c = new nn.Convert();
    const x = T.randn(3, 4).float();
    const y = c.forward(x);
    expect(y.type()).to.equal('torch.DoubleTensor');
    expect(maxDiff(y, x.double())).to.equal(0);
    expect(c.backward(x, T.randn(3, 4)).type()).to.equal('torch.DoubleTensor');
    const f = new nn.Convert('bchw', 'bf').float();
    expect(f.forward(T.randn(2, 3, 2, 2)).type()).to.equal('torch.FloatTensor');
    expect(f._input).to.be.instanceOf(Tensor);
    f.double();
    expect(f._input).to.equal(undefined);
    expect(f.modules![0].output.type()).to.equal('torch.DoubleTensor');
  });

  it("errors in Torch's words", () => {
    expect(() => new nn.Convert(undefined, 'bf')).to.throw('Expecting non-nil arg 1 when arg 2 is provided');
    expect(() => new nn.Convert('b*', 'bf')).to.throw('Both or neither shapes must be b*');
    expect(() => new nn.Convert('bchw', 'bhwx').forward(T.randn(2, 3, 4, 5))).to.throw('Unrecognized conversion of shape bchw to bhwx');
    expect(() => new nn.Convert('bt', 'bf').forward(T.randn(2, 3))).to.throw('Conversion of shape bt to bf not supported: open an issue on github');
    expect(() => new nn.Convert('bf', 'b').forward(T.randn(2, 3))).to.throw('Cannot convert shape bf to b when feature > 1');
    expect(() => new nn.Convert('bchw', 'b').forward(T.randn(2, 3, 4, 5))).to.throw('Cannot convert shape bchw to shape b');
    expect(() => new nn.Convert('bchw', 'bt').forward(T.randn(2, 3, 4, 5))).to.throw("cannot convert shape 'bchw' to bt");
    expect(() => new nn.Convert('bchw', 'bf').findAxis('z')).to.throw("Provided shape 'bchw' has no axis 'z'");
    expect(() => new nn.Convert().forward([T.randn(2)] as any)).to.throw('expecting Tensor');
  });
});

describe('nn.LayerNormalization', () => {
  beforeEach(() => T.manualSeed(23));

  /** y_i = gain_i sqrt(n) d_i / sqrt(Σ d² + eps) + bias_i, d = x − mean(x) (one sample). */
  const naive = (x: number[], eps: number, gain = 1, bias = 0, means?: number[]): number[] => {
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const d = x.map((v, j) => v - (means ? means[j] : mean));
    const norm = Math.sqrt(d.reduce((s, v) => s + v * v, 0) + eps);
    return d.map((v) => (gain * Math.sqrt(x.length) * v) / norm + bias);
  };
  /**
   * A batch as torch/nn computes it: Mean(1,1) gives the B row means as a vector, Replicate(n,1,1) sees a
   * 1-D input (no batch offset) and makes it n x B, and CSubTable subtracts that element by element in
   * memory order: element (b, j) gets the mean of row ((b-1)·n + j - 1) mod B + 1.
   */
  const naiveBatch = (x: number[][], eps: number, gain = 1, bias = 0): number[][] => {
    const B = x.length, n = x[0].length;
    const means = x.map((r) => r.reduce((s, v) => s + v, 0) / n);
    return x.map((r, b) => naive(r, eps, gain, bias, r.map((_, j) => means[(b * n + j) % B])));
  };

  it('normalises a vector sample: zero mean, norm sqrt(n)', () => {
    const m = new nn.LayerNormalization(4);
    const y = m.forward(new T.Tensor([1, 2, 3, 4]));
    expect(maxDiff(y, new T.Tensor([-3, -1, 1, 3]).mul(2 / Math.sqrt(20)))).to.be.below(1e-10);
    const v = T.randn(4);
    expect(maxDiff(m.forward(v), new T.Tensor(naive(v.totable(), 1e-10)))).to.be.below(1e-12);
  });

  it("a batch goes through torch/nn's composition as Torch runs it (Replicate(n,1,1) on the vector of means)", () => {
    const m = new nn.LayerNormalization(4);
    const x = new T.Tensor([[1, 2, 3, 4], [2, 2, 2, 5]]);
    const y = m.forward(x);
    expect(maxDiff(y, new T.Tensor(naiveBatch(rows(x), 1e-10)))).to.be.below(1e-12);
    // row 1 had its means interleaved (2.5, 2.75, 2.5, 2.75): not the per-row result
    expect(maxDiff(y.select(1, 1), new T.Tensor(naive([1, 2, 3, 4], 1e-10)))).to.be.above(0.1);
    expect(m.modules![0].output[1].size().totable()).to.deep.equal([4, 2]);
    // one sample in a batch of 1 is normalised per row
    const one = T.randn(1, 4);
    expect(maxDiff(m.forward(one), new T.Tensor([naive(rows(one)[0], 1e-10)]))).to.be.below(1e-12);
  });

  it('modules: ConcatTable, CSubTable, Normalize(2, eps), MulConstant(sqrt n), CMul (1s), Add (bias)', () => {
    const m = new nn.LayerNormalization(4, 0.5, 1e-5);
    expect(m.modules!.map((c: Module) => c.__typename)).to.deep.equal(
      ['nn.ConcatTable', 'nn.CSubTable', 'nn.Normalize', 'nn.MulConstant', 'nn.CMul', 'nn.Add']);
    expect((m.modules![2] as any).eps).to.equal(1e-5);
    expect((m.modules![3] as any).constant_scalar).to.equal(2);
    expect(m.modules![4].weight!.totable()).to.deep.equal([1, 1, 1, 1]);
    expect(m.modules![5].bias!.totable()).to.deep.equal([0.5, 0.5, 0.5, 0.5]);
    const x = T.randn(3, 4);
    expect(maxDiff(m.forward(x), new T.Tensor(naiveBatch(rows(x), 1e-5, 1, 0.5)))).to.be.below(1e-12);
    const plain = new nn.LayerNormalization(4, 0.5, 1e-5, false);
    expect(plain.modules).to.have.length(4);
    expect(plain.parameters()[0]).to.have.length(0);
    expect(String(m).split('\n')[0]).to.equal('nn.LayerNormalization {');
  });

  it('draws the Add reset then the CMul reset (4 + 4 uniforms), nothing else', () => {
    new nn.LayerNormalization(4);
    const after = T.uniform();
    T.manualSeed(23);
    T.rand(8);
    expect(T.uniform()).to.equal(after);
    T.manualSeed(23);
    new nn.LayerNormalization(4, 0, 1e-10, false);
    expect(T.uniform()).to.equal((T.manualSeed(23), T.uniform()));
  });

  it('gradients w.r.t. gain and bias are by the chain rule; a wrong feature count fails inside the Sequential', () => {
    const m = new nn.LayerNormalization(3);
    const x = T.randn(2, 3), go = T.randn(2, 3);
    m.forward(x);
    m.zeroGradParameters();
    m.backward(x, go);
    const xhat = naiveBatch(rows(x), 1e-10);
    const gGain = [0, 1, 2].map((j) => xhat.reduce((s, r, b) => s + r[j] * go.get(b + 1, j + 1), 0));
    expect(maxDiff(m.modules![4].gradWeight!, new T.Tensor(gGain))).to.be.below(1e-12);
    expect(maxDiff(m.modules![5].gradBias!, go.sum(1).view(3))).to.be.below(1e-12);
    expect(() => m.forward(T.randn(2, 5))).to.throw(/In 2 module of nn\.LayerNormalization/);
  });

  it('.t7 round trip keeps the class and its children', () => {
    const m = new nn.LayerNormalization(4, 0.25);
    const back = roundTrip(m);
    expect(back).to.be.instanceOf(nn.LayerNormalization);
    const x = T.randn(2, 4);
    expect(maxDiff(back.forward(x), m.forward(x))).to.equal(0);
  });
});
