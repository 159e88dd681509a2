/** nn.Dropout and nn.SpatialDropout: masks drawn from Torch's RNG exactly as Dropout.lua / SpatialDropout.lua. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, flat, nonContiguous, prng, randomTensor } from '../helpers.js';

const t = torch as any;
const rnd = prng(424242);
const gen = (type: string, sizes: number[]): Tensor => randomTensor(type, sizes, rnd, -3, 3);

/** The bernoulli(q) mask Torch's RNG gives after manualSeed(seed), row-major over `sizes`. */
function mask(seed: number, sizes: number[], q: number, type = 'Double'): number[] {
  t.manualSeed(seed);
  return flat(new t[`${type}Tensor`](...sizes).bernoulli(q));
}

describe('nn.Dropout', () => {
  it('training (v2): output = input * bernoulli(1-p) / (1-p), one draw per element in row-major order', () => {
    for (const [p, sizes] of [[0.3, [4, 6]], [0.5, [7]], [0.8, [2, 3, 4]]] as [number, number[]][]) {
      const m = new nn.Dropout(p);
      const x = gen('Double', sizes), g = gen('Double', sizes);
      t.manualSeed(77);
      const y = m.forward(x);
      const k = mask(77, sizes, 1 - p);
      expect(y.size().totable()).to.deep.equal(sizes);
      expectClose(y, flat(x).map((v, i) => (v * k[i]) / (1 - p)), 1e-15);
      expectClose(m.noise, k.map((v) => v / (1 - p)), 1e-15);
      expectClose(m.backward(x, g), flat(g).map((v, i) => (v * k[i]) / (1 - p)), 1e-15);
    }
  });

  it('keeps about 1-p of the elements (the mask is a real bernoulli stream)', () => {
    t.manualSeed(1);
    const y = new nn.Dropout(0.25).forward(t.ones(200, 50));
    const kept = flat(y).filter((v) => v !== 0);
    expect(kept.length / 10000).to.be.within(0.73, 0.77);
    kept.forEach((v) => expect(v).to.equal(1 / 0.75));
  });

  it('evaluate() is the identity (v2); v1 scales by 1-p in evaluation and not in training', () => {
    const x = gen('Double', [3, 5]), g = gen('Double', [3, 5]);
    const m = new nn.Dropout(0.4).evaluate();
    expect(flat(m.forward(x))).to.deep.equal(flat(x));
    expect(flat(m.backward(x, g))).to.deep.equal(flat(g));
    const v1 = new nn.Dropout(0.4, true);
    expect(v1.v2).to.equal(false);
    t.manualSeed(9);
    const y = v1.forward(x);
    const k = mask(9, [3, 5], 0.6);
    expectClose(y, flat(x).map((v, i) => v * k[i]), 0);
    expectClose(v1.backward(x, g), flat(g).map((v, i) => v * k[i]), 0);
    v1.evaluate();
    expectClose(v1.forward(x), flat(x).map((v) => v * 0.6), 1e-15);
    expectClose(v1.backward(x, g), flat(g).map((v) => v * 0.6), 1e-15);
  });

  it('stochasticInference keeps dropping in evaluation; p = 0 draws nothing', () => {
    const x = gen('Double', [4, 4]);
    const m = new nn.Dropout(0.5, false, false, true).evaluate();
    t.manualSeed(3);
    const y = m.forward(x);
    const k = mask(3, [4, 4], 0.5);
    expectClose(y, flat(x).map((v, i) => v * k[i] * 2), 1e-15);
    t.manualSeed(5);
    const z = new nn.Dropout(0).forward(x);
    expect(flat(z)).to.deep.equal(flat(x));
    const after = t.uniform();
    t.manualSeed(5);
    expect(t.uniform(), 'RNG untouched').to.equal(after);
  });

  it('inplace: the output is the input, masked in place; gradInput is gradOutput, masked in place', () => {
    const x = gen('Double', [3, 4]), g = gen('Double', [3, 4]);
    const x0 = flat(x), g0 = flat(g);
    const m = new nn.Dropout(0.5, false, true);
    t.manualSeed(11);
    const y = m.forward(x);
    const k = mask(11, [3, 4], 0.5);
    expect(y.storage()).to.equal(x.storage());
    expectClose(x, x0.map((v, i) => v * k[i] * 2), 0);
    const gi = m.backward(x, g);
    expect(gi.storage()).to.equal(g.storage());
    expectClose(g, g0.map((v, i) => v * k[i] * 2), 0);
  });

  it('non-contiguous input, float, buffers reused, clearState', () => {
    const m = new nn.Dropout(0.3);
    const x = nonContiguous(gen('Double', [5, 3]));
    t.manualSeed(21);
    const y = m.forward(x);
    const k = mask(21, [5, 3], 0.7);
    expectClose(y, flat(x).map((v, i) => (v * k[i]) / 0.7), 1e-15);
    const out = m.output, noise = m.noise, ns = m.noise.storage(), os = out.storage();
    m.forward(gen('Double', [5, 3]));
    m.backward(x, gen('Double', [5, 3]));
    const gi = m.gradInput, gs = gi.storage();
    m.forward(gen('Double', [5, 3]));
    m.backward(x, gen('Double', [5, 3]));
    expect(m.output).to.equal(out);
    expect(m.output.storage()).to.equal(os);
    expect(m.noise).to.equal(noise);
    expect(m.noise.storage()).to.equal(ns);
    expect(m.gradInput.storage()).to.equal(gs);
    expect(m.clearState()).to.equal(m);
    expect(m.noise.nElement()).to.equal(0);
    expect(m.output.nElement()).to.equal(0);

    const mf = new nn.Dropout(0.3).float();
    const xf = gen('Float', [4, 5]);
    t.manualSeed(21);
    const yf = mf.forward(xf);
    expect(yf.type()).to.equal('torch.FloatTensor');
    expect(mf.noise.type()).to.equal('torch.FloatTensor');
    const kf = mask(21, [4, 5], 0.7, 'Float');
    expectClose(yf, flat(xf).map((v, i) => (v * kf[i]) / 0.7), 2e-7);
  });

  it('raises Torch\'s error for p outside [0, 1); prints as Torch; setp', () => {
    expect(() => new nn.Dropout(1)).to.throw('<Dropout> illegal percentage, must be 0 <= p < 1');
    expect(() => new nn.Dropout(-0.1)).to.throw('<Dropout> illegal percentage, must be 0 <= p < 1');
    expect(String(new nn.Dropout())).to.equal('nn.Dropout(0.500000)');
    const m = new nn.Dropout(0.3);
    expect(String(m)).to.equal('nn.Dropout(0.300000)');
    m.setp(0.125);
    expect(m.p).to.equal(0.125);
    expect(String(m)).to.equal('nn.Dropout(0.125000)');
    expect(m.train).to.equal(true);
  });
});

describe('nn.SpatialDropout', () => {
  it('training: one bernoulli(1-p) draw per feature map (N x C, row-major), kept maps unscaled', () => {
    const m = new nn.SpatialDropout(0.4);
    const x = gen('Double', [8, 10, 2, 3]), g = gen('Double', [8, 10, 2, 3]);
    t.manualSeed(31);
    const y = m.forward(x);
    const k = mask(31, [8, 10], 0.6);
    const plane = 6;
    expect(m.noise.size().totable()).to.deep.equal([8, 10, 1, 1]);
    expectClose(y, flat(x).map((v, i) => v * k[Math.floor(i / plane)]), 0);
    expectClose(m.backward(x, g), flat(g).map((v, i) => v * k[Math.floor(i / plane)]), 0);
  });

  it('3-D input (C x H x W) and non-contiguous input', () => {
    const m = new nn.SpatialDropout(0.5);
    const x = gen('Double', [4, 3, 3]);
    t.manualSeed(41);
    const y = m.forward(x);
    const k = mask(41, [4], 0.5);
    expect(m.noise.size().totable()).to.deep.equal([4, 1, 1]);
    expectClose(y, flat(x).map((v, i) => v * k[Math.floor(i / 9)]), 0);
    const nc = gen('Double', [3, 3, 4]).transpose(1, 3);
    expect(nc.isContiguous()).to.equal(false);
    t.manualSeed(43);
    const z = m.forward(nc);
    const k2 = mask(43, [4], 0.5);
    expectClose(z, flat(nc).map((v, i) => v * k2[Math.floor(i / 9)]), 0);
  });

  it('evaluation multiplies by 1-p and has no backward; stochasticInference keeps dropping', () => {
    const x = gen('Double', [2, 2, 3, 3]);
    const m = new nn.SpatialDropout(0.2).evaluate();
    expectClose(m.forward(x), flat(x).map((v) => v * 0.8), 1e-15);
    expect(() => m.backward(x, x)).to.throw('backprop only defined while training');
    const s = new nn.SpatialDropout(0.5, true).evaluate();
    t.manualSeed(51);
    const y = s.forward(x);
    const k = mask(51, [2, 2], 0.5);
    expectClose(y, flat(x).map((v, i) => v * k[Math.floor(i / 9)]), 0);
  });

  it('rejects other ranks; float; buffers reused; prints as Torch', () => {
    const m = new nn.SpatialDropout();
    expect(m.p).to.equal(0.5);
    expect(() => m.forward(gen('Double', [3, 4]))).to.throw('Input must be 4D (nbatch, nfeat, h, w) or 3D (nfeat, h, w)');
    const x = gen('Double', [2, 3, 2, 2]);
    const y = m.forward(x), ys = y.storage(), ns = m.noise.storage();
    m.forward(gen('Double', [2, 3, 2, 2]));
    expect(m.output).to.equal(y);
    expect(m.output.storage()).to.equal(ys);
    expect(m.noise.storage()).to.equal(ns);
    const mf = new nn.SpatialDropout(0.3).float();
    const xf = gen('Float', [3, 2, 2]);
    t.manualSeed(61);
    const yf = mf.forward(xf);
    const k = mask(61, [3], 0.7, 'Float');
    expect(yf.type()).to.equal('torch.FloatTensor');
    expectClose(yf, flat(xf).map((v, i) => v * k[Math.floor(i / 4)]), 0);
    expect(String(new nn.SpatialDropout(0.25))).to.equal('nn.SpatialDropout(0.250000)');
    m.setp(0.1);
    expect(m.p).to.equal(0.1);
    expect(m.clearState()).to.equal(m);
    expect(m.noise.nElement()).to.equal(0);
  });
});
