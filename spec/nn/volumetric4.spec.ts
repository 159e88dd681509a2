/**
 * The 'volumetric4' modules against hand-computed values and plain loops written here:
 * VolumetricDilatedConvolution, VolumetricDilatedMaxPooling, VolumetricMaxUnpooling, VolumetricFractionalMaxPooling (batch and non-batch,
 * errors in Torch's words).
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, flat } from '../helpers.js';
import { LuaFunction } from '../../lib/File/index.js';

const t = torch as any;
const T = (vals: number[] | number[][], ...sizes: number[]): Tensor => new t.Tensor(vals.flat()).view(...sizes);

/** Element accessor on a contiguous copy (0-based indices). */
const at = (x: Tensor): ((...i: number[]) => number) => {
  const c = x.contiguous(), s = c._size, d = c._storage.data, o = c.offset;
  return (...i: number[]) => { let k = 0; for (let j = 0; j < s.length; j++) k = k * s[j] + i[j]; return d[o + k]; };
};

interface Conv { kT: number; kW: number; kH: number; dT: number; dW: number; dH: number; pT: number; pW: number; pH: number; lT: number; lW: number; lH: number }

/** Plain dilated 3-D convolution of a batch (N x C x T x H x W): output, and the gradients for gradOutput `go`. */
function naiveConv(x: Tensor, w: Tensor, b: Tensor | undefined, c: Conv, go?: Tensor, scale = 1) {
  const [N, C, iT, iH, iW] = x._size, O = w._size[0];
  const oT = Math.trunc((iT + 2 * c.pT - (c.lT * (c.kT - 1) + 1)) / c.dT) + 1;
  const oH = Math.trunc((iH + 2 * c.pH - (c.lH * (c.kH - 1) + 1)) / c.dH) + 1;
  const oW = Math.trunc((iW + 2 * c.pW - (c.lW * (c.kW - 1) + 1)) / c.dW) + 1;
  const X = at(x), Wt = at(w), G = go ? at(go) : undefined;
  const out = t.zeros(N, O, oT, oH, oW), gi = t.zeros(N, C, iT, iH, iW), gw = t.zeros(O, C, c.kT, c.kH, c.kW), gb = t.zeros(O);
  const od = out._storage.data, gid = gi._storage.data, gwd = gw._storage.data, gbd = gb._storage.data;
  let o = 0;
  for (let n = 0; n < N; n++) for (let p = 0; p < O; p++) for (let ot = 0; ot < oT; ot++) for (let oy = 0; oy < oH; oy++) for (let ox = 0; ox < oW; ox++, o++) {
    let s = b ? at(b)(p) : 0;
    const g = G ? G(n, p, ot, oy, ox) : 0;
    gbd[p] += scale * g;
    for (let q = 0; q < C; q++) for (let a = 0; a < c.kT; a++) for (let e = 0; e < c.kH; e++) for (let f = 0; f < c.kW; f++) {
      const it = ot * c.dT - c.pT + a * c.lT, iy = oy * c.dH - c.pH + e * c.lH, ix = ox * c.dW - c.pW + f * c.lW;
      if (it < 0 || it >= iT || iy < 0 || iy >= iH || ix < 0 || ix >= iW) continue;
      s += Wt(p, q, a, e, f) * X(n, q, it, iy, ix);
      gid[(((n * C + q) * iT + it) * iH + iy) * iW + ix] += Wt(p, q, a, e, f) * g;
      gwd[(((p * C + q) * c.kT + a) * c.kH + e) * c.kW + f] += scale * X(n, q, it, iy, ix) * g;
    }
    od[o] = s;
  }
  return { out, gi, gw, gb };
}

describe('nn.VolumetricDilatedConvolution', () => {
  it('hand-computed: one plane, kT = 2 taps dilationT = 2 apart, out[t] = w1 x[t] + w2 x[t+2] + b', () => {
    const m = new nn.VolumetricDilatedConvolution(1, 1, 2, 1, 1, 1, 1, 1, 0, 0, 0, 2, 1, 1);
    m.weight.copy(T([1, 10], 1, 1, 2, 1, 1));
    m.bias!.fill(0.5);
    const out = m.forward(T([1, 2, 3, 4], 1, 4, 1, 1));
    expect(out._size).to.deep.equal([1, 2, 1, 1]);
    expect(flat(out)).to.deep.equal([31.5, 42.5]);
    const gi = m.backward(T([1, 2, 3, 4], 1, 4, 1, 1), T([1, 2], 1, 2, 1, 1));
    expect(flat(gi)).to.deep.equal([1, 2, 10, 20]);
    expect(flat(m.gradWeight)).to.deep.equal([1 * 1 + 2 * 2, 3 * 1 + 4 * 2]);
    expect(flat(m.gradBias!)).to.deep.equal([3]);
  });

  it('matches a plain loop, batch, with strides, padding, dilation and scale (output, gradInput, gradWeight, gradBias)', () => {
    t.manualSeed(11);
    const c: Conv = { kT: 2, kW: 3, kH: 2, dT: 1, dW: 2, dH: 1, pT: 1, pW: 1, pH: 0, lT: 2, lW: 1, lH: 2 };
    const m = new nn.VolumetricDilatedConvolution(2, 3, c.kT, c.kW, c.kH, c.dT, c.dW, c.dH, c.pT, c.pW, c.pH, c.lT, c.lW, c.lH);
    const x = t.randn(2, 2, 4, 5, 6);
    const out = m.forward(x);
    const go = t.randn(out.size());
    const ref = naiveConv(x, m.weight, m.bias, c, go, 0.5);
    expect(out._size).to.deep.equal(ref.out._size);
    expectClose(out, ref.out, 1e-12);
    m.zeroGradParameters();
    const gi = m.backward(x, go, 0.5);
    expectClose(gi, ref.gi, 1e-12);
    expectClose(m.gradWeight, ref.gw, 1e-12);
    expectClose(m.gradBias!, ref.gb, 1e-12);
  });

  it('non-batch (4-D) input gives the batch result of one, noBias() drops the bias', () => {
    t.manualSeed(12);
    const m = new nn.VolumetricDilatedConvolution(2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 2, 2, 1).noBias();
    expect(m.bias).to.equal(undefined);
    const x = t.randn(2, 5, 4, 4);
    const out = m.forward(x);
    const c: Conv = { kT: 2, kW: 2, kH: 2, dT: 1, dW: 1, dH: 1, pT: 1, pW: 1, pH: 1, lT: 2, lW: 2, lH: 1 };
    const ref = naiveConv(x.view(1, 2, 5, 4, 4), m.weight, undefined, c);
    expect(out._size).to.deep.equal(ref.out._size.slice(1));
    expectClose(out, ref.out, 1e-12);
    expect(String(m)).to.equal('nn.VolumetricDilatedConvolution(2 -> 2, 2x2x2, 1,1,1, 1,1,1, 2,2,1) without bias');
  });

  it('defaults (dilation 1, padW = padT, padH = padW) and reset() draw as nn.VolumetricConvolution: same seed, same weights and outputs', () => {
    t.manualSeed(5);
    const d = new nn.VolumetricDilatedConvolution(2, 3, 2, 2, 2, 1, 1, 1, 1);
    t.manualSeed(5);
    const v = new nn.VolumetricConvolution(2, 3, 2, 2, 2, 1, 1, 1, 1);
    expect([d.dilationT, d.dilationW, d.dilationH, d.padT, d.padW, d.padH]).to.deep.equal([1, 1, 1, 1, 1, 1]);
    expect(flat(d.weight)).to.deep.equal(flat(v.weight));
    expect(flat(d.bias!)).to.deep.equal(flat(v.bias!));
    const bound = 1 / Math.sqrt(2 * 2 * 2 * 2);
    expect(Math.max(...flat(d.weight).map(Math.abs))).to.be.at.most(bound);
    const x = t.randn(2, 3, 4, 4);
    expectClose(d.forward(x), v.forward(x), 1e-12);
    expect(String(d)).to.equal('nn.VolumetricDilatedConvolution(2 -> 3, 2x2x2, 1,1,1, 1,1,1, 1,1,1)');
  });

  it('float() converts parameters and empties the work buffers; clearState empties them too', () => {
    t.manualSeed(6);
    const m = new nn.VolumetricDilatedConvolution(1, 2, 2, 2, 2, 1, 1, 1, 0, 0, 0, 2, 2, 2);
    const x = t.randn(1, 4, 4, 4);
    const y = m.forward(x).clone();
    expect(m.finput!.nElement()).to.be.above(0);
    m.float();
    expect(m.weight.type()).to.equal('torch.FloatTensor');
    expect(m.finput!.nElement()).to.equal(0);
    expectClose(m.forward(x.float()), y, 1e-5);
    m.clearState();
    expect(m.finput!.nElement()).to.equal(0);
    expect(m.output.nElement()).to.equal(0);
  });

  it("refuses bad input in Torch's words", () => {
    const m = new nn.VolumetricDilatedConvolution(2, 3, 2, 2, 2, 1, 1, 1, 0, 0, 0, 2, 2, 2);
    expect(() => m.forward(t.randn(2, 4, 4))).to.throw("bad argument #2 to 'VolumetricDilatedConvolution_updateOutput' (4D or 5D (batch mode) tensor expected for input, but got: [2 x 4 x 4])");
    expect(() => m.forward(t.randn(2, 2, 3, 3))).to.throw('Given input size: (2x2x3x3). Calculated output size: (3x0x1x1). Output size is too small');
    expect(() => m.forward(t.randn(3, 4, 4, 4))).to.throw('Need input of dimension 4 and input.size[0] == 2 but got input to be of shape: [3 x 4 x 4 x 4]');
    const x = t.randn(2, 4, 4, 4);
    m.forward(x);
    expect(() => m.backward(x, t.randn(3, 2, 2, 3))).to.throw('Need gradOutput of dimension 4 and gradOutput.size[3] == 2 but got gradOutput to be of shape: [3 x 2 x 2 x 3]');
    expect(() => m.forward(x.float())).to.throw("bad argument #4 to 'VolumetricDilatedConvolution_updateOutput' (expected torch.FloatTensor, got torch.DoubleTensor)");
    const z = new nn.VolumetricDilatedConvolution(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1);
    expect(() => z.forward(t.randn(1, 2, 2, 2))).to.throw("bad argument #15 to 'VolumetricDilatedConvolution_updateOutput' (dilation should be greater than zero, but got dilationT: 0, dilationH: 1, dilationW: 1)");
  });
});

/** Plain dilated max pooling of a batch (N x C x T x H x W): values and the flat input index of each max. */
function naiveMaxPool(x: Tensor, k: number[], d: number[], p: number[], l: number[], o: number[]): { v: number[]; at: number[] } {
  const [N, C, iT, iH, iW] = x._size, X = at(x), v: number[] = [], pos: number[] = [];
  for (let n = 0; n < N; n++) for (let c = 0; c < C; c++) for (let a = 0; a < o[0]; a++) for (let b = 0; b < o[1]; b++) for (let e = 0; e < o[2]; e++) {
    let best = -Infinity, bi = -1;
    for (let z = 0; z < k[0]; z++) for (let y = 0; y < k[1]; y++) for (let w = 0; w < k[2]; w++) {
      const it = a * d[0] - p[0] + z * l[0], iy = b * d[1] - p[1] + y * l[1], ix = e * d[2] - p[2] + w * l[2];
      if (it < 0 || it >= iT || iy < 0 || iy >= iH || ix < 0 || ix >= iW) continue;
      const val = X(n, c, it, iy, ix);
      if (val > best) { best = val; bi = (((n * C + c) * iT + it) * iH + iy) * iW + ix; }
    }
    v.push(best); pos.push(bi);
  }
  return { v, at: pos };
}

describe('nn.VolumetricDilatedMaxPooling', () => {
  it('hand-computed: kW = 2 taps dilationW = 2 apart over [3, 1, 4, 1, 5]; backward routes to the maxima', () => {
    const m = new nn.VolumetricDilatedMaxPooling(1, 2, 1, 1, 1, 1, 0, 0, 0, 1, 2, 1);
    const x = T([3, 1, 4, 1, 5], 1, 1, 1, 5);
    const out = m.forward(x);
    expect(out._size).to.deep.equal([1, 1, 1, 3]);
    expect(flat(out)).to.deep.equal([4, 1, 5]);
    // packed (t, h, w) kernel taps: tap 1, tap 0 (first of a tie), tap 1 along w
    expect(flat(m.indices)).to.deep.equal([0x10000, 0, 0x10000]);
    expect([m.itime, m.iheight, m.iwidth]).to.deep.equal([1, 1, 5]);
    expect(flat(m.backward(x, T([1, 2, 3], 1, 1, 1, 3)))).to.deep.equal([0, 2, 1, 0, 3]);
  });

  it('matches a plain loop, batch, padded, floor and ceil', () => {
    t.manualSeed(21);
    const x = t.randn(2, 2, 7, 6, 9);
    for (const ceil of [false, true]) {
      const m = new nn.VolumetricDilatedMaxPooling(3, 2, 2, 2, 3, 2, 1, 1, 0, 2, 2, 1);
      if (ceil) m.ceil(); else m.floor();
      const out = m.forward(x);
      // floor: T (7+2-5)/2+1 = 3, H (6-2)/2+1 = 3, W floor(8/3)+1 = 3; ceil: T 3, H 3, W ceil(8/3)+1 = 4 (last start 3*3 < 9+1)
      const o = ceil ? [3, 3, 4] : [3, 3, 3];
      expect(out._size).to.deep.equal([2, 2, ...o]);
      const ref = naiveMaxPool(x, [3, 2, 2], [2, 2, 3], [1, 0, 1], [2, 1, 2], o);
      expect(flat(out)).to.deep.equal(ref.v);
      const go = t.randn(out.size());
      const gi = flat(m.backward(x, go)), G = flat(go), expected = new Array(x.nElement()).fill(0);
      ref.at.forEach((k, i) => { expected[k] += G[i]; });
      expectClose(gi, expected, 1e-12);
    }
  });

  it('non-batch input; with dilation 1 it is nn.VolumetricMaxPooling (outputs and packed indices)', () => {
    t.manualSeed(22);
    const x = t.randn(3, 4, 5, 5);
    const d = new nn.VolumetricDilatedMaxPooling(2, 3, 2, 1, 2, 2, 1, 1, 1);
    const v = new nn.VolumetricMaxPooling(2, 3, 2, 1, 2, 2, 1, 1, 1);
    expect(d).to.be.instanceOf(nn.VolumetricMaxPooling);
    expect(flat(d.forward(x))).to.deep.equal(flat(v.forward(x)));
    expect(d.output._size).to.deep.equal([3, 5, 3, 3]);
    expect(flat(d.indices)).to.deep.equal(flat(v.indices));
    const go = t.randn(d.output.size());
    expect(flat(d.backward(x, go))).to.deep.equal(flat(v.backward(x, go)));
    expect(String(d)).to.equal('nn.VolumetricDilatedMaxPooling(2x3x2, 1,2,2, 1,1,1, 1,1,1)');
    expect(String(new nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 0, 0, 0, 2, 3, 1))).to.equal('nn.VolumetricDilatedMaxPooling(2x2x2, 1,1,1, 2,3,1)');
    expect([new nn.VolumetricDilatedMaxPooling(2, 3, 4).dT, new nn.VolumetricDilatedMaxPooling(2, 3, 4).dH]).to.deep.equal([2, 4]);
  });

  it('clearState empties the indices; float() keeps LongTensor indices', () => {
    t.manualSeed(23);
    const m = new nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 0, 0, 0, 2, 2, 2);
    const x = t.randn(1, 5, 5, 5);
    const y = flat(m.forward(x));
    expect(m.indices.type()).to.equal('torch.LongTensor');
    m.clearState();
    expect(m.indices.nElement()).to.equal(0);
    m.float();
    expectClose(m.forward(x.float()), y, 1e-6);
    expect(m.indices.type()).to.equal('torch.LongTensor');
  });

  it("refuses bad input in Torch's words", () => {
    const m = new nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 0, 0, 0, 3, 3, 3);
    expect(() => m.forward(t.randn(4, 4, 4))).to.throw("bad argument #2 to 'VolumetricDilatedMaxPooling_updateOutput' (4D or 5D (batch mode) tensor expected for input, but got: [4 x 4 x 4])");
    expect(() => m.forward(t.randn(1, 3, 4, 4))).to.throw('Given input size: (1x3x4x4). Calculated output size: (1x0x1x1). Output size is too small');
    expect(() => new nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 0, 0, 0, 1, 0, 1).forward(t.randn(1, 4, 4, 4)))
      .to.throw("bad argument #14 to 'VolumetricDilatedMaxPooling_updateOutput' (dilation should be greater than 0, but got dilationT: 1 dilationH: 1 dilationW: 0)");
    expect(() => new nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 2, 0, 0).forward(t.randn(1, 4, 4, 4)))
      .to.throw("bad argument #2 to 'VolumetricDilatedMaxPooling_updateOutput' (pad should be smaller than half of kernel size, but got kT: 2 kW: 2, kH: 2, padT: 2, padW: 0, padH: 0)");
    const x = t.randn(1, 4, 4, 4);
    m.forward(x);
    expect(() => m.backward(x, t.randn(1, 1, 2, 1))).to.throw('Need gradOutput of dimension 4 and gradOutput.size[2] == 1 but got gradOutput to be of shape: [1 x 1 x 2 x 1]');
  });
});

describe('nn.VolumetricMaxUnpooling', () => {
  it("puts each value back where the pooling module's maximum came from (hand-computed)", () => {
    const pool = new nn.VolumetricMaxPooling(2, 1, 2);
    const unpool = new nn.VolumetricMaxUnpooling(pool);
    // C = 1, T = 2, H = 2, W = 2: two windows (one per column), each over t and h
    const x = T([1, 9, 3, 4, 5, 2, 7, 6], 1, 2, 2, 2);
    expect(flat(pool.forward(x))).to.deep.equal([7, 9]);
    const out = unpool.forward(T([10, 20], 1, 1, 1, 2));
    expect(out._size).to.deep.equal([1, 2, 2, 2]);
    expect(flat(out)).to.deep.equal([0, 20, 0, 0, 0, 0, 10, 0]);
    expect(unpool.indices).to.equal(pool.indices);
    expect([unpool.otime, unpool.oheight, unpool.owidth, unpool.dT, unpool.dW, unpool.dH, unpool.padT]).to.deep.equal([2, 2, 2, 2, 1, 2, 0]);
    const gi = unpool.backward(T([10, 20], 1, 1, 1, 2), t.range(1, 8).view(1, 2, 2, 2));
    expect(flat(gi)).to.deep.equal([7, 2]);
  });

  it('inverts a VolumetricMaxPooling in a Sequential, batch: the maxima stay, the rest is zero', () => {
    t.manualSeed(31);
    const x = t.randn(2, 2, 4, 2, 6);
    const pool = new nn.VolumetricMaxPooling(2, 3, 2);
    const net = new nn.Sequential().add(pool).add(new nn.VolumetricMaxUnpooling(pool));
    const out = net.forward(x);
    expect(out._size).to.deep.equal([2, 2, 4, 2, 6]);
    const X = at(x), O = at(out);
    for (let n = 0; n < 2; n++) for (let c = 0; c < 2; c++) for (let bt = 0; bt < 2; bt++) for (let bw = 0; bw < 2; bw++) {
      const cells: number[][] = [];
      for (let dt = 0; dt < 2; dt++) for (let y = 0; y < 2; y++) for (let dw = 0; dw < 3; dw++) cells.push([n, c, bt * 2 + dt, y, bw * 3 + dw]);
      const mx = Math.max(...cells.map((k) => X(...k)));
      for (const k of cells) expect(O(...k)).to.equal(X(...k) === mx ? mx : 0);
    }
    const go = t.randn(out.size());
    const gi = net.backward(x, go), GI = at(gi), G = at(go);
    for (let n = 0; n < 2; n++) for (let c = 0; c < 2; c++) for (let t0 = 0; t0 < 4; t0++) for (let y = 0; y < 2; y++) for (let w = 0; w < 6; w++) {
      expect(GI(n, c, t0, y, w)).to.equal(O(n, c, t0, y, w) !== 0 ? G(n, c, t0, y, w) : 0);
    }
  });

  it('loads a Torch file whose pooling module carries __init\'s updateOutput closure (a Lua function), and runs', () => {
    const pool = new nn.VolumetricMaxPooling(2, 1, 2);
    const net = new nn.Sequential().add(pool).add(new nn.VolumetricMaxUnpooling(pool));
    (pool as any).updateOutput = new LuaFunction(new Uint8Array([0x1b, 0x4c, 0x4a, 1, 0]));
    const loaded: any = t.deserialize(t.serialize(net));
    expect(loaded.modules[1].pooling).to.equal(loaded.modules[0]);
    expect(loaded.modules[1].__typename).to.equal('nn.VolumetricMaxUnpooling');
    expect(Object.prototype.hasOwnProperty.call(loaded.modules[0], 'updateOutput')).to.equal(false);
    const out = loaded.forward(T([1, 9, 3, 4, 5, 2, 7, 6], 1, 2, 2, 2));
    expect(flat(out)).to.deep.equal([0, 9, 0, 0, 0, 0, 7, 0]);
  });

  it("refuses other modules, kernels unequal to strides, and bad indices, in Torch's words", () => {
    expect(() => new nn.VolumetricMaxUnpooling(new nn.VolumetricAveragePooling(2, 2, 2) as any)).to.throw('Argument must be a nn.VolumetricMaxPooling module');
    expect(() => new nn.VolumetricMaxUnpooling(new nn.VolumetricDilatedMaxPooling(2, 2, 2))).to.throw('Argument must be a nn.VolumetricMaxPooling module');
    expect(() => new nn.VolumetricMaxUnpooling(new nn.VolumetricMaxPooling(2, 2, 2, 1, 2, 2))).to.throw("The size of pooling module's kernel must be equal to its stride");
    const pool = new nn.VolumetricMaxPooling(2, 2, 2);
    const unpool = new nn.VolumetricMaxUnpooling(pool);
    expect(() => unpool.forward(t.randn(1, 1, 1, 1))).to.throw('VolumetricMaxUnpooling: the pooling module has not run forward yet (no indices)');
    pool.forward(t.randn(1, 2, 4, 2));
    expect(() => unpool.forward(t.randn(1, 1, 1))).to.throw("bad argument #2 to 'VolumetricMaxUnpooling_updateOutput' (4D or 5D (batch mode) tensor expected for input, but got: [1 x 1 x 1])");
    expect(() => unpool.forward(t.randn(1, 1, 1, 2))).to.throw('input and indices shapes do not match: input [1 x 1 x 1 x 2], indices [1 x 1 x 2 x 1]');
    pool.indices._storage.data[pool.indices.offset] = 0x000500;
    expect(() => unpool.forward(t.randn(1, 1, 2, 1))).to.throw('invalid max index z= 0, y= 5, x= 0, oT= 2, oW= 2, oH= 4');
    pool.forward(t.randn(1, 2, 4, 2));
    expect(() => unpool.backward(t.randn(1, 1, 2, 1), t.randn(1, 2, 4, 3))).to.throw('Inconsistent gradOutput size. oT= 2, oH= 4, oW= 2, gradOutput: 2x4x3');
    expect(() => unpool.backward(t.randn(1, 1, 2, 1), t.randn(2, 2, 4, 2))).to.throw('Need gradOutput of dimension 4 and gradOutput.size[0] == 1 but got gradOutput to be of shape: [2 x 2 x 4 x 2]');
    expect(String(unpool)).to.equal('nn.VolumetricMaxUnpooling associated to nn.VolumetricMaxPooling(2x2x2, 2,2,2)');
  });
});

/** THNN's generateIntervals in double arithmetic, written out independently. */
function intervals(sample: number, inSize: number, outSize: number, pool: number): number[] {
  const alpha = (inSize - pool) / (outSize - 1);
  return Array.from({ length: outSize }, (_, i) => (i === outSize - 1 ? inSize - pool : Math.trunc((i + sample) * alpha) - Math.trunc(sample * alpha)));
}

describe('nn.VolumetricFractionalMaxPooling', () => {
  it('hand-computed: 4x4x4 volume, 2x2x2 pools, 2x2x2 output: the windows start at 0 and 2 whatever the samples', () => {
    const m = new nn.VolumetricFractionalMaxPooling(2, 2, 2, 2, 2, 2);
    const x = t.range(1, 64).view(1, 4, 4, 4);
    const out = m.forward(x);
    expect(out._size).to.deep.equal([1, 2, 2, 2]);
    // each window's last voxel (h0+1, w0+1, t0+1): 22 + 32h + 8w + 2t
    expect(flat(out)).to.deep.equal([22, 24, 30, 32, 54, 56, 62, 64]);
    expect(flat(m.indices!)).to.deep.equal([22, 24, 30, 32, 54, 56, 62, 64]);
    expect(m.indices!.type()).to.equal('torch.LongTensor');
    const gi = m.backward(x, t.ones(1, 2, 2, 2));
    const expected = new Array(64).fill(0);
    for (const v of [22, 24, 30, 32, 54, 56, 62, 64]) expected[v - 1] = 1;
    expect(flat(gi)).to.deep.equal(expected);
  });

  it('matches a plain loop over random samples, batch (planes x H x W x T, time last; samples T, W, H)', () => {
    t.manualSeed(41);
    const x = t.randn(2, 3, 6, 7, 8);
    const m = new nn.VolumetricFractionalMaxPooling(2, 3, 2, 4, 3, 3);
    const out = m.forward(x);
    expect(out._size).to.deep.equal([2, 3, 3, 3, 4]);
    const X = at(x), S = at(m.randomSamples!), O = at(out), I = at(m.indices!);
    const go = t.randn(out.size()), G = at(go), expectedGi = t.zeros(2, 3, 6, 7, 8), E = expectedGi._storage.data;
    for (let n = 0; n < 2; n++) for (let c = 0; c < 3; c++) {
      const sT = intervals(S(n, c, 0), 8, 4, 2), sW = intervals(S(n, c, 1), 7, 3, 3), sH = intervals(S(n, c, 2), 6, 3, 2);
      for (let h = 0; h < 3; h++) for (let w = 0; w < 3; w++) for (let tt = 0; tt < 4; tt++) {
        let best = -Infinity, bi = -1;
        for (let h2 = sH[h]; h2 < sH[h] + 2; h2++) for (let w2 = sW[w]; w2 < sW[w] + 3; w2++) for (let t2 = sT[tt]; t2 < sT[tt] + 2; t2++) {
          if (X(n, c, h2, w2, t2) > best) { best = X(n, c, h2, w2, t2); bi = (h2 * 7 + w2) * 8 + t2; }
        }
        expect(O(n, c, h, w, tt)).to.equal(best);
        expect(I(n, c, h, w, tt)).to.equal(bi + 1);
        E[(n * 3 + c) * 336 + bi] += G(n, c, h, w, tt);
      }
    }
    expectClose(m.backward(x, go), expectedGi, 1e-12);
  });

  it('draws batch x planes x 3 samples from the torch RNG on each forward, unless fixPoolingRegions()', () => {
    const x = t.randn(2, 5, 6, 7);
    t.manualSeed(42);
    const m = new nn.VolumetricFractionalMaxPooling(2, 2, 2, 0.5, 0.5, 0.5);
    m.forward(x);
    t.manualSeed(42);
    const expected = new t.Tensor(1, 2, 3).uniform();
    expect(m.randomSamples!._size).to.deep.equal([1, 2, 3]);
    expect(flat(m.randomSamples!)).to.deep.equal(flat(expected));
    const first = flat(m.output);
    m.forward(x);
    expect(flat(m.randomSamples!)).to.not.deep.equal(flat(expected));
    m.fixPoolingRegions();
    const kept = flat(m.randomSamples!), out2 = flat(m.output);
    m.forward(x);
    expect(flat(m.randomSamples!)).to.deep.equal(kept);
    expect(flat(m.output)).to.deep.equal(out2);
    expect(first.length).to.equal(2 * 2 * 3 * 3);
    // ratios: outT from the last (time) dimension, outW from the one before, outH from the one before that
    expect(m.output._size).to.deep.equal([2, 2, 3, 3]);
    expect(m.getOutputSizes(t.randn(1, 2, 4, 6, 10))).to.deep.equal([5, 3, 2]);
    m.clearState();
    expect(m.randomSamples).to.equal(undefined);
    expect(m.indices).to.equal(undefined);
  });

  it("refuses bad arguments and input in Torch's words; prints as Torch's format string does", () => {
    expect(() => new nn.VolumetricFractionalMaxPooling(1, 2, 2, 2, 2, 2)).to.throw('assertion failed!');
    expect(() => new nn.VolumetricFractionalMaxPooling(2, 2, 2, 0.5, 1.5, 0.5)).to.throw('assertion failed!');
    const m = new nn.VolumetricFractionalMaxPooling(2, 2, 2, 3, 2, 2);
    expect(() => m.forward(t.randn(4, 4, 4))).to.throw('input must be dim 4 or 5');
    expect(() => m.forward(t.randn(1, 4, 4, 4))).to.throw("bad argument #7 to 'VolumetricFractionalMaxPooling_updateOutput' (poolSizeT (2) too large relative to input time (4))");
    expect(() => m.forward(t.randn(1, 3, 4, 5))).to.throw("bad argument #9 to 'VolumetricFractionalMaxPooling_updateOutput' (poolSizeH (2) too large relative to input height (3))");
    expect(() => new nn.VolumetricFractionalMaxPooling(2, 2, 2, 3, 2, 2).backward(t.randn(1, 4, 4, 5), t.randn(1, 2, 2, 3))).to.throw('must call updateOutput/forward first');
    const x = t.randn(1, 4, 4, 5);
    m.forward(x);
    expect(() => m.backward(x, t.randn(1, 2, 2, 2))).to.throw("bad argument #3 to 'VolumetricFractionalMaxPooling_updateGradInput' (gradOutput time unexpected)");
    expect(() => new nn.VolumetricFractionalMaxPooling(2, 2, 2, 0.1, 0.5, 0.5).forward(t.randn(1, 4, 4, 5))).to.throw('reduction ratio or input time too small');
    expect(String(m)).to.equal('nn.VolumetricFractionalMaxPooling(3x2, 2,2)');
    expect(String(new nn.VolumetricFractionalMaxPooling(4, 3, 2, 5, 6, 7))).to.equal('nn.VolumetricFractionalMaxPooling(5x6, 7,4)');
  });
});
