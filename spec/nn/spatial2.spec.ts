/**
 * The 'spatial2' modules against hand-computed values and plain loops written here: SpatialDilatedMaxPooling,
 * SpatialFractionalMaxPooling, SpatialMaxUnpooling, UpSampling, SpatialConvolutionLocal,
 * SpatialDepthWiseConvolution, SpatialFullConvolutionMap (batch and non-batch, errors in Torch's words).
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, flat } from '../helpers.js';
import { LuaFunction } from '../../lib/File/index.js';

const t = torch as any;
const T = (rows: number[][] | number[], ...sizes: number[]): Tensor => new t.Tensor(rows.flat()).view(...sizes);
/** x:select(1, i1):select(1, i2)... */
const S = (x: Tensor, ...i: number[]): Tensor => i.reduce((a: any, k) => a.select(1, k), x);

/** Element accessor on a contiguous copy (0-based indices). */
const at = (x: Tensor): ((...i: number[]) => number) => {
  const c = x.contiguous(), s = c._size, d = c._storage.data, o = c.offset;
  return (...i: number[]) => { let k = 0; for (let j = 0; j < s.length; j++) k = k * s[j] + i[j]; return d[o + k]; };
};

/** Plain max pooling of one plane over explicit window rows/cols lists: [values, 1-based indices]. */
function poolPlane(x: (y: number, xx: number) => number, W: number, rows: number[][], cols: number[][]): [number[], number[]] {
  const v: number[] = [], idx: number[] = [];
  for (const r of rows) {
    for (const c of cols) {
      let best = -Infinity, bi = -1;
      for (const y of r) for (const xx of c) if (x(y, xx) > best) { best = x(y, xx); bi = y * W + xx; }
      v.push(best);
      idx.push(bi + 1);
    }
  }
  return [v, idx];
}

describe('nn.SpatialDilatedMaxPooling', () => {
  it('takes the maximum of taps dilation apart (1..25 plane, 2x2 kernel, dilation 2: the bottom-right tap)', () => {
    const m = new nn.SpatialDilatedMaxPooling(2, 2, 1, 1, 0, 0, 2, 2);
    const out = m.forward(t.range(1, 25).view(1, 5, 5));
    expect(out._size).to.deep.equal([1, 3, 3]);
    expect(flat(out)).to.deep.equal([13, 14, 15, 18, 19, 20, 23, 24, 25]);
    expect(flat(m.indices)).to.deep.equal([13, 14, 15, 18, 19, 20, 23, 24, 25]);
    expect(m.indices.type()).to.equal('torch.LongTensor');
    const gi = m.backward(t.range(1, 25).view(1, 5, 5), t.ones(1, 3, 3));
    const expected = new Array(25).fill(0);
    for (const k of [13, 14, 15, 18, 19, 20, 23, 24, 25]) expected[k - 1] = 1;
    expect(flat(gi)).to.deep.equal(expected);
  });

  it('matches a plain loop with padding, dilation and ceil mode, batch and per frame', () => {
    t.manualSeed(11);
    const x = t.randn(2, 3, 7, 8);
    const m = new nn.SpatialDilatedMaxPooling(3, 2, 2, 2, 1, 1, 2, 3).ceil();
    const out = m.forward(x);
    // ceil((7 + 2 - 7)/2) + 1 = 2 rows... computed as THNN: oH = ceil((iH + 2p - (dil*(k-1)+1))/d) + 1
    const oH = Math.ceil((7 + 2 - (3 * 1 + 1)) / 2) + 1, oW = Math.ceil((8 + 2 - (2 * 2 + 1)) / 2) + 1;
    expect(out._size).to.deep.equal([2, 3, oH, oW]);
    const rows = Array.from({ length: oH }, (_, i) => [0, 1].map((k) => i * 2 - 1 + k * 3).filter((y) => y >= 0 && y < 7));
    const cols = Array.from({ length: oW }, (_, j) => [0, 1, 2].map((k) => j * 2 - 1 + k * 2).filter((c) => c >= 0 && c < 8));
    const X = at(x);
    for (let n = 0; n < 2; n++) {
      for (let c = 0; c < 3; c++) {
        const [v, idx] = poolPlane((y, xx) => X(n, c, y, xx), 8, rows, cols);
        expect(flat(S(out, n + 1, c + 1))).to.deep.equal(v);
        expect(flat(S(m.indices, n + 1, c + 1))).to.deep.equal(idx);
      }
    }
    const single = new nn.SpatialDilatedMaxPooling(3, 2, 2, 2, 1, 1, 2, 3).ceil().forward(x.select(1, 2));
    expect(flat(single)).to.deep.equal(flat(out.select(1, 2)));
  });

  it('is a SpatialMaxPooling (ceil/floor, indices), equal to it with dilation 1; prints its dilation', () => {
    t.manualSeed(3);
    const x = t.randn(2, 6, 6);
    const m = new nn.SpatialDilatedMaxPooling(3, 3, 2, 2, 1, 1);
    expect(m).to.be.instanceOf(nn.SpatialMaxPooling);
    expect([m.dilationW, m.dilationH]).to.deep.equal([1, 1]);
    expect(flat(m.forward(x))).to.deep.equal(flat(new nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1).forward(x)));
    expect(String(new nn.SpatialDilatedMaxPooling(2, 2, 1, 1, 1, 1, 2, 2))).to.equal('nn.SpatialDilatedMaxPooling(2x2, 1,1, 1,1, 2,2)');
    expect(String(new nn.SpatialDilatedMaxPooling(2, 2))).to.equal('nn.SpatialDilatedMaxPooling(2x2, 2,2, 1,1)');
  });

  it("refuses bad arguments in THNN's words", () => {
    expect(() => new nn.SpatialDilatedMaxPooling(2, 2, 1, 1, 0, 0, 0, 1).forward(t.randn(1, 5, 5)))
      .to.throw("bad argument #12 to 'SpatialDilatedMaxPooling_updateOutput' (dilation should be greater than zero, but got dilationH: 1 dilationW: 0)");
    expect(() => new nn.SpatialDilatedMaxPooling(2, 2).forward(t.randn(5, 5)))
      .to.throw("bad argument #2 to 'SpatialDilatedMaxPooling_updateOutput' (3D or 4D input tensor expected but got: [5 x 5])");
    expect(() => new nn.SpatialDilatedMaxPooling(3, 3, 1, 1, 0, 0, 3, 3).forward(t.randn(1, 5, 5)))
      .to.throw('Given input size: (1x5x5). Calculated output size: (1x-1x-1). Output size is too small');
  });
});

/** THNN's interval starts, written here independently (double arithmetic). */
function starts(u: number, inSize: number, outSize: number, pool: number): number[] {
  const alpha = (inSize - pool) / (outSize - 1);
  const s = Array.from({ length: outSize - 1 }, (_, i) => Math.floor((i + u) * alpha) - Math.floor(u * alpha));
  return [...s, inSize - pool];
}

describe('nn.SpatialFractionalMaxPooling', () => {
  it('draws batch x planes x 2 samples from the torch RNG and pools the windows they place', () => {
    t.manualSeed(21);
    const x = t.randn(2, 3, 9, 11);
    t.manualSeed(5);
    const m = new nn.SpatialFractionalMaxPooling(2, 3, 4, 3);
    const out = m.forward(x);
    t.manualSeed(5);
    const u = t.rand(2, 3, 2);
    expect(flat(m.randomSamples!)).to.deep.equal(flat(u));
    expect(out._size).to.deep.equal([2, 3, 3, 4]);
    const X = at(x), U = at(u);
    for (let n = 0; n < 2; n++) {
      for (let c = 0; c < 3; c++) {
        const sw = starts(U(n, c, 0), 11, 4, 2), sh = starts(U(n, c, 1), 9, 3, 3);
        const rows = sh.map((s) => [s, s + 1, s + 2]), cols = sw.map((s) => [s, s + 1]);
        const [v, idx] = poolPlane((y, xx) => X(n, c, y, xx), 11, rows, cols);
        expect(flat(S(out, n + 1, c + 1))).to.deep.equal(v);
        expect(flat(S(m.indices!, n + 1, c + 1))).to.deep.equal(idx);
      }
    }
  });

  it('gradInput scatters gradOutput to the indices (overlapping windows accumulate)', () => {
    t.manualSeed(8);
    const x = t.randn(2, 6, 6);
    const m = new nn.SpatialFractionalMaxPooling(3, 3, 3, 3);
    m.forward(x);
    const go = t.randn(2, 3, 3);
    const gi = m.backward(x, go);
    const expected = new Array(72).fill(0), I = flat(m.indices!), G = flat(go);
    I.forEach((k, j) => { expected[Math.floor(j / 9) * 36 + k - 1] += G[j]; });
    expectClose(gi, expected, 1e-15);
  });

  it('redraws the regions on each forward unless fixPoolingRegions(); ratio mode sizes; 3-D samples are 1 x planes x 2', () => {
    t.manualSeed(2);
    const x = t.randn(2, 10, 10);
    const m = new nn.SpatialFractionalMaxPooling(2, 2, 0.7, 0.5);
    expect(m.forward(x)._size).to.deep.equal([2, 5, 7]);
    expect(m.randomSamples!._size).to.deep.equal([1, 2, 2]);
    const s1 = flat(m.randomSamples!);
    m.forward(x);
    const s2 = flat(m.randomSamples!);
    expect(s2).to.not.deep.equal(s1);
    expect(m.fixPoolingRegions()).to.equal(m);
    const o = flat(m.forward(x));
    expect(flat(m.randomSamples!)).to.deep.equal(s2);
    expect(flat(m.forward(x))).to.deep.equal(o);
    m.fixPoolingRegions(false);
    m.forward(x);
    expect(flat(m.randomSamples!)).to.not.deep.equal(s2);
    expect(String(m)).to.equal('nn.SpatialFractionalMaxPooling(0x0, 2,2)');
    expect(String(new nn.SpatialFractionalMaxPooling(2, 3, 4, 5))).to.equal('nn.SpatialFractionalMaxPooling(4x5, 2,3)');
  });

  it('clearState drops the samples and indices, as Torch', () => {
    const m = new nn.SpatialFractionalMaxPooling(2, 2, 2, 2);
    m.forward(t.randn(1, 5, 5));
    m.clearState();
    expect(m.randomSamples).to.equal(undefined);
    expect(m.indices).to.equal(undefined);
    expect(m.output.nElement()).to.equal(0);
  });

  it("refuses bad arguments in Torch's words", () => {
    expect(() => new nn.SpatialFractionalMaxPooling(1, 2, 3, 3)).to.throw('assertion failed!');
    expect(() => new nn.SpatialFractionalMaxPooling(2, 2, 0.5, 1.5)).to.throw('assertion failed!');
    expect(() => new nn.SpatialFractionalMaxPooling(2, 3, 2, 2).forward(t.randn(1, 4, 6)))
      .to.throw("bad argument #7 to 'SpatialFractionalMaxPooling_updateOutput' (poolSizeH (3) too large relative to input height (4))");
    expect(() => new nn.SpatialFractionalMaxPooling(3, 2, 4, 2).forward(t.randn(1, 6, 6)))
      .to.throw("bad argument #6 to 'SpatialFractionalMaxPooling_updateOutput' (poolSizeW (3) too large relative to input width (6))");
    expect(() => new nn.SpatialFractionalMaxPooling(2, 2, 2, 2).forward(t.randn(6, 6))).to.throw('input must be dim 3 or 4');
    expect(() => new nn.SpatialFractionalMaxPooling(2, 2, 0.1, 0.5).forward(t.randn(1, 6, 6))).to.throw('reduction ratio or input width too small');
    expect(() => new nn.SpatialFractionalMaxPooling(2, 2, 2, 2).updateGradInput(t.randn(1, 6, 6), t.randn(1, 2, 2)))
      .to.throw('must call updateOutput/forward first');
    const m = new nn.SpatialFractionalMaxPooling(2, 2, 2, 2);
    m.forward(t.randn(1, 6, 6));
    expect(() => m.backward(t.randn(1, 6, 6), t.randn(1, 2, 3)))
      .to.throw("bad argument #3 to 'SpatialFractionalMaxPooling_updateGradInput' (gradOutput width unexpected)");
  });
});

describe('nn.SpatialMaxUnpooling', () => {
  it("puts each value back where the pooling module's maximum came from (hand-computed)", () => {
    const pool = new nn.SpatialMaxPooling(2, 2, 2, 2);
    const unpool = new nn.SpatialMaxUnpooling(pool);
    const x = T([[1, 5, 2, 0], [3, 4, 8, 7]], 1, 2, 4);
    expect(flat(pool.forward(x))).to.deep.equal([5, 8]);
    const out = unpool.forward(T([10, 20], 1, 1, 2));
    expect(out._size).to.deep.equal([1, 2, 4]);
    expect(flat(out)).to.deep.equal([0, 10, 0, 0, 0, 0, 20, 0]);
    expect(unpool.indices).to.equal(pool.indices);
    expect([unpool.oheight, unpool.owidth]).to.deep.equal([2, 4]);
    const gi = unpool.backward(T([10, 20], 1, 1, 2), t.range(1, 8).view(1, 2, 4));
    expect(flat(gi)).to.deep.equal([2, 7]);
  });

  it('inverts a SpatialMaxPooling in a Sequential, batch: the maxima stay, the rest is zero', () => {
    t.manualSeed(4);
    const x = t.randn(2, 3, 4, 6);
    const pool = new nn.SpatialMaxPooling(2, 2, 2, 2);
    const net = new nn.Sequential().add(pool).add(new nn.SpatialMaxUnpooling(pool));
    const out = net.forward(x);
    expect(out._size).to.deep.equal([2, 3, 4, 6]);
    const X = flat(x), O = flat(out);
    for (let p = 0; p < 6; p++) {
      for (let by = 0; by < 2; by++) {
        for (let bx = 0; bx < 3; bx++) {
          const cells = [0, 1].flatMap((dy) => [0, 1].map((dx) => p * 24 + (by * 2 + dy) * 6 + bx * 2 + dx));
          const mx = Math.max(...cells.map((k) => X[k]));
          for (const k of cells) expect(O[k]).to.equal(X[k] === mx ? mx : 0);
        }
      }
    }
  });

  it("loads a Torch file whose pooling module carries __init's updateOutput closure (a Lua function), and runs", () => {
    const pool = new nn.SpatialMaxPooling(2, 2, 2, 2);
    const net = new nn.Sequential().add(pool).add(new nn.SpatialMaxUnpooling(pool));
    (pool as any).updateOutput = new LuaFunction(new Uint8Array([0x1b, 0x4c, 0x4a, 1, 0]));
    const loaded: any = t.deserialize(t.serialize(net));
    expect(loaded.modules[1].pooling).to.equal(loaded.modules[0]);
    expect(Object.prototype.hasOwnProperty.call(loaded.modules[0], 'updateOutput')).to.equal(false);
    const out = loaded.forward(T([[1, 5, 2, 0], [3, 4, 8, 7]], 1, 2, 4));
    expect(flat(out)).to.deep.equal([0, 5, 0, 0, 0, 0, 8, 0]);
  });

  it("refuses other modules, kernels unequal to strides, and bad indices, in Torch's words", () => {
    expect(() => new nn.SpatialMaxUnpooling(new nn.SpatialAveragePooling(2, 2, 2, 2) as any)).to.throw('Argument must be a nn.SPatialMaxPooling module');
    expect(() => new nn.SpatialMaxUnpooling(new nn.SpatialDilatedMaxPooling(2, 2, 2, 2))).to.throw('Argument must be a nn.SPatialMaxPooling module');
    expect(() => new nn.SpatialMaxUnpooling(new nn.SpatialMaxPooling(3, 3, 2, 2))).to.throw("The size of pooling module's kernel must be equal to its stride");
    const pool = new nn.SpatialMaxPooling(2, 2, 2, 2);
    const unpool = new nn.SpatialMaxUnpooling(pool);
    pool.forward(t.randn(1, 2, 4));
    expect(() => unpool.forward(t.randn(1, 1, 3))).to.throw('input and indices shapes do not match: input [1 x 1 x 3], indices [1 x 1 x 2]');
    pool.indices._storage.data[pool.indices.offset] = 99;
    expect(() => unpool.forward(t.randn(1, 1, 2))).to.throw('found an invalid max index 98 (output volumes are of size 2x4)');
    pool.forward(t.randn(1, 2, 4));
    expect(() => unpool.backward(t.randn(1, 1, 2), t.randn(1, 2, 5))).to.throw('Inconsistent gradOutput size. oheight= 2, owidth= 4, gradOutput: 2x5');
    expect(String(unpool)).to.equal('nn.SpatialMaxUnpooling associated to nn.SpatialMaxPooling(2x2, 2,2)');
  });
});

/** Aligned-corner linear weights along one axis: [index, next index, lambda] per output position. */
function lin(inSize: number, outSize: number): [number, number, number][] {
  return Array.from({ length: outSize }, (_, o) => {
    const r = outSize > 1 ? (o * (inSize - 1)) / (outSize - 1) : 0, i = Math.min(Math.floor(r), inSize - 1);
    return [i, Math.min(i + 1, inSize - 1), r - i];
  });
}

describe('nn.UpSampling', () => {
  it("nearest, 4-D: as nn.SpatialUpSamplingNearest; 5-D: each voxel becomes a scale^3 block, backward sums the block", () => {
    t.manualSeed(6);
    const x4 = t.randn(2, 3, 2, 3);
    expect(flat(new nn.UpSampling(2).forward(x4))).to.deep.equal(flat(new nn.SpatialUpSamplingNearest(2).forward(x4)));
    const m = new nn.UpSampling(2);
    const x = T([1, 2], 1, 1, 1, 1, 2);
    const out = m.forward(x);
    expect(out._size).to.deep.equal([1, 1, 2, 2, 4]);
    expect(flat(out)).to.deep.equal([1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2]);
    const gi = m.backward(x, t.range(1, 16).view(1, 1, 2, 2, 4));
    expect(flat(gi)).to.deep.equal([1 + 2 + 5 + 6 + 9 + 10 + 13 + 14, 3 + 4 + 7 + 8 + 11 + 12 + 15 + 16]);
    expect(Array.from(m.outputSize.data)).to.deep.equal([1, 1, 2, 2, 4]);
    expect(Array.from(m.inputSize.data)).to.deep.equal([1, 1, 1, 1, 2]);
  });

  it('linear, 4-D: size * scale with aligned corners (Torch\'s code, not its comment); [0, 3] -> [0, 1, 2, 3]', () => {
    const m = new nn.UpSampling(2, 'bilinear');
    expect(m.mode).to.equal('linear');
    const out = m.forward(T([0, 3], 1, 1, 1, 2));
    expect(out._size).to.deep.equal([1, 1, 2, 4]);
    expectClose(out, [0, 1, 2, 3, 0, 1, 2, 3], 1e-6);
  });

  it('linear, 5-D (trilinear): matches a plain interpolation loop, forward and backward (explicit sizes too)', () => {
    t.manualSeed(9);
    const x = t.randn(2, 2, 2, 3, 2), go = t.randn(2, 2, 3, 5, 4);
    const m = new nn.UpSampling({ odepth: 3, oheight: 5, owidth: 4 }, 'linear');
    const out = m.forward(x), gi = m.backward(x, go);
    const X = at(x), G = at(go), D = lin(2, 3), H = lin(3, 5), W = lin(2, 4);
    const exp = t.zeros(2, 2, 3, 5, 4), egi = t.zeros(2, 2, 2, 3, 2), E = exp._storage.data, EG = egi._storage.data;
    let o = 0;
    for (let n = 0; n < 2; n++) for (let c = 0; c < 2; c++) for (const [d0, d1, dl] of D) for (const [h0, h1, hl] of H) for (const [w0, w1, wl] of W) {
      const taps: [number, number, number, number][] = [
        [d0, h0, w0, (1 - dl) * (1 - hl) * (1 - wl)], [d0, h0, w1, (1 - dl) * (1 - hl) * wl], [d0, h1, w0, (1 - dl) * hl * (1 - wl)],
        [d0, h1, w1, (1 - dl) * hl * wl], [d1, h0, w0, dl * (1 - hl) * (1 - wl)], [d1, h0, w1, dl * (1 - hl) * wl],
        [d1, h1, w0, dl * hl * (1 - wl)], [d1, h1, w1, dl * hl * wl]];
      const g = G(n, c, Math.floor(o / 20) % 3, Math.floor(o / 4) % 5, o % 4);
      for (const [a, b, e, wt] of taps) {
        E[o] += wt * X(n, c, a, b, e);
        EG[(((n * 2 + c) * 2 + a) * 3 + b) * 2 + e] += wt * g;
      }
      o++;
    }
    expectClose(out, exp, 1e-6);
    expectClose(gi, egi, 1e-6);
    expect(String(m)).to.equal('nn.UpSampling(3x5x4, linear)');
    expect(String(new nn.UpSampling(3, 'foo'))).to.equal('nn.UpSampling(3x, nearest)');
  });

  it("refuses bad arguments in Torch's words", () => {
    expect(() => new nn.UpSampling({ owidth: 4, oheight: 4 })).to.throw('Nearest neighbour upsampling requires a scale_factor');
    expect(() => new nn.UpSampling({ owidth: 4 }, 'linear')).to.throw('Output height and width parameters are required');
    expect(() => new nn.UpSampling(0.5)).to.throw('scale_factor must be greater than 1');
    expect(() => new nn.UpSampling(2.5)).to.throw('scale_factor must be integer');
    expect(() => new nn.UpSampling(2).forward(t.randn(2, 3, 3))).to.throw('UpSampling only supports 4D or 5D tensors');
    expect(() => new nn.UpSampling({ owidth: 4, oheight: 4 }, 'linear').forward(t.randn(1, 1, 2, 2, 2)))
      .to.throw('No output depth dimension was supplied for volumetric upsampling');
    const m = new nn.UpSampling(2);
    m.forward(t.randn(1, 1, 2, 2));
    expect(() => m.backward(t.randn(1, 1, 2, 2), t.randn(1, 4, 4))).to.throw('Input and gradOutput should be of same dimension');
    expect(() => m.backward(t.randn(1, 1, 2, 2), t.randn(1, 1, 4, 5)))
      .to.throw('Need gradOutput of dimension 4 and gradOutput.size[3] == 4 but got gradOutput to be of shape: [1 x 1 x 4 x 5]');
  });
});

interface Geo { kW: number; kH: number; dW: number; dH: number; padW: number; padH: number }

/** Plain local (unshared) convolution of one frame: weight [oH][oW][O][C][kH][kW], bias [O][oH][oW]. */
function refLocal(x: Tensor, w: Tensor, b: Tensor, go: Tensor, g: Geo, scale: number) {
  const [C, H, W] = x._size, [oH, oW, O] = w._size;
  const X = at(x), Wt = at(w), B = at(b), G = at(go);
  const out = t.zeros(O, oH, oW), gi = t.zeros(C, H, W), gw = t.zeros(...w._size), gb = t.zeros(O, oH, oW);
  const od = out._storage.data, gid = gi._storage.data, gwd = gw._storage.data, gbd = gb._storage.data;
  for (let o = 0; o < O; o++) for (let y = 0; y < oH; y++) for (let xx = 0; xx < oW; xx++) {
    const oi = (o * oH + y) * oW + xx;
    od[oi] = B(o, y, xx);
    gbd[oi] = scale * G(o, y, xx);
    for (let c = 0; c < C; c++) for (let ky = 0; ky < g.kH; ky++) for (let kx = 0; kx < g.kW; kx++) {
      const iy = y * g.dH - g.padH + ky, ix = xx * g.dW - g.padW + kx;
      if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
      const wi = ((((y * oW + xx) * O + o) * C + c) * g.kH + ky) * g.kW + kx;
      od[oi] += Wt(y, xx, o, c, ky, kx) * X(c, iy, ix);
      gid[(c * H + iy) * W + ix] += Wt(y, xx, o, c, ky, kx) * G(o, y, xx);
      gwd[wi] += scale * G(o, y, xx) * X(c, iy, ix);
    }
  }
  return { out, gi, gw, gb };
}

describe('nn.SpatialConvolutionLocal', () => {
  it('hand-computed: one weight per output position', () => {
    const m = new nn.SpatialConvolutionLocal(1, 1, 2, 1, 1, 1);
    expect(m.weight._size).to.deep.equal([1, 2, 1, 1, 1, 1]);
    expect(m.bias._size).to.deep.equal([1, 1, 2]);
    m.weight.copy(T([2, 3], 1, 2, 1, 1, 1, 1));
    m.bias.copy(T([1, -1], 1, 1, 2));
    expect(flat(m.forward(T([5, 7], 1, 1, 2)))).to.deep.equal([11, 20]);
  });

  it('matches a plain loop (padding, stride), batch and per frame, with accGradParameters scale', () => {
    t.manualSeed(12);
    const g = { kW: 3, kH: 2, dW: 2, dH: 1, padW: 1, padH: 1 };
    const m = new nn.SpatialConvolutionLocal(2, 3, 6, 4, 3, 2, 2, 1, 1, 1);
    expect([m.oW, m.oH]).to.deep.equal([3, 5]);
    const x = t.randn(2, 2, 4, 6), go = t.randn(2, 3, 5, 3);
    m.zeroGradParameters();
    const out = m.forward(x), gi = m.updateGradInput(x, go);
    m.accGradParameters(x, go, 0.5);
    const gw = t.zeros(...m.weight._size), gb = t.zeros(3, 5, 3);
    for (let n = 1; n <= 2; n++) {
      const r = refLocal(x.select(1, n), m.weight, m.bias, go.select(1, n), g, 0.5);
      expectClose(S(out, n), r.out, 1e-12);
      expectClose(S(gi, n), r.gi, 1e-12);
      gw.add(r.gw);
      gb.add(r.gb);
    }
    expectClose(m.gradWeight, gw, 1e-12);
    expectClose(m.gradBias, gb, 1e-12);
    expectClose(new nn.SpatialConvolutionLocal(2, 3, 6, 4, 3, 2, 2, 1, 1, 1).share(m, 'weight', 'bias').forward(S(x, 2)), S(out, 2), 1e-15);
  });

  it('padH defaults to padW; reset draws the weight then the bias, uniform in ±1/sqrt(kW*kH*nInputPlane)', () => {
    t.manualSeed(31);
    const m = new nn.SpatialConvolutionLocal(2, 2, 5, 5, 3, 3, 1, 1, 1);
    expect([m.padW, m.padH, m.oW, m.oH]).to.deep.equal([1, 1, 5, 5]);
    t.manualSeed(31);
    const s = 1 / Math.sqrt(18);
    expect(flat(m.weight)).to.deep.equal(flat(new t.Tensor(5, 5, 2, 2, 3, 3).uniform(-s, s)));
    expect(flat(m.bias)).to.deep.equal(flat(new t.Tensor(2, 5, 5).uniform(-s, s)));
    expect(String(m)).to.equal('nn.SpatialConvolutionLocal(2 -> 2, 5x5, 3x3, 1,1, 1,1)');
  });

  it("refuses bad configurations and sizes in Torch's words", () => {
    expect(() => new nn.SpatialConvolutionLocal(1, 1, 2, 2, 3, 3)).to.throw('illegal configuration: output width or height less than 1');
    const m = new nn.SpatialConvolutionLocal(2, 3, 5, 4, 3, 3);
    expect(() => m.forward(t.randn(2, 5, 4))).to.throw('Given input size: (2x5x4) inconsistent with expected input size: (2x4x5).');
    expect(() => m.forward(t.randn(3, 2, 4, 6))).to.throw('Given input size: (3x2x4x6) inconsistent with expected input size: (batchsize x2x4x5).');
    expect(() => m.forward(t.randn(4, 5))).to.throw('3D or 4D(batch mode) tensor expected');
    m.forward(t.randn(2, 4, 5));
    expect(() => m.backward(t.randn(2, 4, 5), t.randn(3, 2, 4))).to.throw('Given output size: (3x2x4) inconsistent with expected output size: (3x2x3).');
    expect(() => m.backward(t.randn(2, 4, 5), t.randn(1, 3, 2, 3))).to.throw('inconsistent dimension between output and input.');
  });
});

describe('nn.SpatialDepthWiseConvolution', () => {
  it('hand-computed: plane i*nOutputPlane + o is input plane i times kernel [o][i], plus bias [o][i]', () => {
    const m = new nn.SpatialDepthWiseConvolution(2, 1, 1, 1);
    expect(m.weight._size).to.deep.equal([1, 2]);
    expect(m.bias!._size).to.deep.equal([1, 2]);
    m.weight.copy(T([2, 3], 1, 2));
    m.bias!.copy(T([1, -1], 1, 2));
    const out = m.forward(T([1, 2, 3, 4], 2, 1, 2));
    expect(flat(out)).to.deep.equal([3, 5, 8, 11]);
    expect(m.weight._size, 'THNN resizes the weight to 4-D in place').to.deep.equal([1, 2, 1, 1]);
  });

  it('matches a plain loop (multiplier 2, padding, stride, non-square), batch and 3-D, with scale', () => {
    t.manualSeed(14);
    const [C, M, kH, kW, dW, dH, padW, padH] = [3, 2, 2, 3, 2, 1, 1, 0];
    const m = new nn.SpatialDepthWiseConvolution(C, M, kW, kH, dW, dH, padW, padH);
    const x = t.randn(2, C, 5, 7);
    const oH = Math.floor((5 - kH) / dH) + 1, oW = Math.floor((7 + 2 * padW - kW) / dW) + 1;
    const go = t.randn(2, C * M, oH, oW);
    m.zeroGradParameters();
    const out = m.forward(x), gi = m.updateGradInput(x, go);
    m.accGradParameters(x, go, 2);
    expect(out._size).to.deep.equal([2, C * M, oH, oW]);
    const X = at(x), Wt = at(m.weight.view(M, C, kH, kW)), B = at(m.bias!), G = at(go);
    const eo = t.zeros(2, C * M, oH, oW), egi = t.zeros(2, C, 5, 7), egw = t.zeros(M, C, kH, kW), egb = t.zeros(M, C);
    for (let n = 0; n < 2; n++) for (let i = 0; i < C; i++) for (let o = 0; o < M; o++) for (let y = 0; y < oH; y++) for (let xx = 0; xx < oW; xx++) {
      const p = i * M + o, oi = ((n * C * M + p) * oH + y) * oW + xx, g = G(n, p, y, xx);
      eo._storage.data[oi] += B(o, i);
      egb._storage.data[o * C + i] += 2 * g;
      for (let ky = 0; ky < kH; ky++) for (let kx = 0; kx < kW; kx++) {
        const iy = y * dH - padH + ky, ix = xx * dW - padW + kx;
        if (iy < 0 || iy >= 5 || ix < 0 || ix >= 7) continue;
        eo._storage.data[oi] += Wt(o, i, ky, kx) * X(n, i, iy, ix);
        egi._storage.data[((n * C + i) * 5 + iy) * 7 + ix] += Wt(o, i, ky, kx) * g;
        egw._storage.data[((o * C + i) * kH + ky) * kW + kx] += 2 * g * X(n, i, iy, ix);
      }
    }
    expectClose(out, eo, 1e-12);
    expectClose(gi, egi, 1e-12);
    expectClose(m.gradWeight, egw, 1e-12);
    expectClose(m.gradBias!, egb, 1e-12);
    expectClose(m.forward(x.select(1, 2)), eo.select(1, 2), 1e-12);
    // a 3-D input's gradOutput may also come as nInputPlane x nOutputPlane x oH x oW
    expectClose(m.updateGradInput(x.select(1, 2), go.select(1, 2).contiguous().view(C, M, oH, oW)), egi.select(1, 2), 1e-12);
  });

  it('noBias, reset order and printing', () => {
    t.manualSeed(40);
    const m = new nn.SpatialDepthWiseConvolution(2, 3, 3, 3, 1, 1, 1);
    expect([m.padW, m.padH]).to.deep.equal([1, 1]);
    t.manualSeed(40);
    const s = 1 / Math.sqrt(18);
    expect(flat(m.weight)).to.deep.equal(flat(new t.Tensor(3, 18).uniform(-s, s)));
    expect(flat(m.bias!)).to.deep.equal(flat(new t.Tensor(3, 2).uniform(-s, s)));
    expect(String(m)).to.equal('nn.SpatialDepthWiseConvolution(2 -> 3, 3x3, 1,1, 1,1)');
    const nb = new nn.SpatialDepthWiseConvolution(1, 1, 1, 1).noBias();
    expect(nb.bias).to.equal(undefined);
    nb.weight.fill(2);
    expect(flat(nb.forward(T([1, 2], 1, 1, 2)))).to.deep.equal([2, 4]);
    expect(String(nb)).to.equal('nn.SpatialDepthWiseConvolution(1 -> 1, 1x1) without bias');
  });

  it("refuses bad input in THNN's words", () => {
    const m = new nn.SpatialDepthWiseConvolution(2, 1, 3, 3);
    expect(() => m.forward(t.randn(3, 5, 5))).to.throw('Need input of dimension 3 and input.size[0] == 2 but got input to be of shape: [3 x 5 x 5]');
    expect(() => m.forward(t.randn(2, 2, 2))).to.throw('Given input size: (2 x 2 x 2). Calculated output size: (2 x 0 x 0). Output size is too small');
    expect(() => m.forward(t.randn(5, 5))).to.throw("bad argument #2 to 'SpatialDepthWiseConvolution_updateOutput' (3D or 4D input tensor expected but got: [5 x 5])");
    m.forward(t.randn(2, 5, 5));
    expect(() => m.backward(t.randn(2, 5, 5), t.randn(2, 3, 4))).to.throw('Need gradOutput of dimension 4');
  });
});

describe('nn.SpatialFullConvolutionMap', () => {
  it('hand-computed: each input pixel spreads its kernel over a stride-spaced block', () => {
    const m = new nn.SpatialFullConvolutionMap(nn.tables.oneToOne(1), 2, 2, 2, 1);
    m.weight.copy(T([1, 2, 3, 4], 1, 2, 2));
    m.bias.fill(0.5);
    const out = m.forward(T([1, 10], 1, 1, 2));
    expect(out._size).to.deep.equal([1, 2, 4]);
    expect(flat(out)).to.deep.equal([1.5, 2.5, 10.5, 20.5, 3.5, 4.5, 30.5, 40.5]);
    const gi = m.backward(T([1, 10], 1, 1, 2), T([1, 0, 0, 1, 0, 0, 0, 1], 1, 2, 4));
    expect(flat(gi)).to.deep.equal([1, 2 + 4]);
    expect(flat(m.gradBias)).to.deep.equal([3]);
    expect(flat(m.gradWeight)).to.deep.equal([1, 10 * 1 + 0, 0, 10]);
  });

  it('matches a plain loop with a random table and stride, and accGradParameters scale', () => {
    t.manualSeed(17);
    const table = nn.tables.random(3, 4, 2);
    const m = new nn.SpatialFullConvolutionMap(table, 3, 2, 2, 3);
    const x = t.randn(3, 3, 4), oH = 2 * 3 + 2, oW = 3 * 2 + 3, go = t.randn(4, oH, oW);
    m.zeroGradParameters();
    const out = m.forward(x), gi = m.updateGradInput(x, go);
    m.accGradParameters(x, go, 0.25);
    expect(out._size).to.deep.equal([4, oH, oW]);
    const X = at(x), Wt = at(m.weight), G = at(go), C = at(table);
    const eo = t.zeros(4, oH, oW), egi = t.zeros(3, 3, 4), egw = t.zeros(table.size(1), 2, 3), egb = t.zeros(4);
    for (let o = 0; o < 4; o++) for (let j = 0; j < oH * oW; j++) {
      eo._storage.data[o * oH * oW + j] = m.bias._storage.data[m.bias.offset + o];
      egb._storage.data[o] += 0.25 * go._storage.data[go.offset + o * oH * oW + j];
    }
    for (let k = 0; k < table.size(1); k++) {
      const i = C(k, 0) - 1, o = C(k, 1) - 1;
      for (let y = 0; y < 3; y++) for (let xx = 0; xx < 4; xx++) for (let ky = 0; ky < 2; ky++) for (let kx = 0; kx < 3; kx++) {
        const oy = y * 3 + ky, ox = xx * 2 + kx;
        eo._storage.data[(o * oH + oy) * oW + ox] += X(i, y, xx) * Wt(k, ky, kx);
        egi._storage.data[(i * 3 + y) * 4 + xx] += G(o, oy, ox) * Wt(k, ky, kx);
        egw._storage.data[(k * 2 + ky) * 3 + kx] += 0.25 * G(o, oy, ox) * X(i, y, xx);
      }
    }
    expectClose(out, eo, 1e-12);
    expectClose(gi, egi, 1e-12);
    expectClose(m.gradWeight, egw, 1e-12);
    expectClose(m.gradBias, egb, 1e-12);
  });

  it("reset draws kernel by kernel (fan-in per output plane), then each bias with torch.uniform, in Torch's order", () => {
    const table = nn.tables.full(2, 3);
    t.manualSeed(50);
    const m = new nn.SpatialFullConvolutionMap(table, 2, 3);
    expect([m.nInputPlane, m.nOutputPlane]).to.deep.equal([2, 3]);
    t.manualSeed(50);
    const s = 1 / Math.sqrt(2 * 3 * 2);
    const w = Array.from({ length: 6 }, () => flat(new t.Tensor(3, 2).uniform(-s, s))).flat();
    const b = Array.from({ length: 3 }, () => t.uniform(-s, s));
    expect(flat(m.weight)).to.deep.equal(w);
    expect(flat(m.bias)).to.deep.equal(b);
  });

  it("refuses bad input in THNN's words", () => {
    const m = new nn.SpatialFullConvolutionMap(nn.tables.full(2, 2), 2, 2);
    expect(() => m.forward(t.randn(1, 2, 3, 3))).to.throw("bad argument #2 to 'SpatialFullConvolutionMap_updateOutput' (3D tensor expected)");
    expect(() => m.forward(t.randn(1, 3, 3))).to.throw("bad argument #2 to 'SpatialFullConvolutionMap_updateOutput' (invalid number of input planes)");
    m.forward(t.randn(2, 3, 3));
    expect(() => m.backward(t.randn(2, 3, 3), t.randn(2, 4, 5)))
      .to.throw('Need gradOutput of dimension 3 and gradOutput.size[2] == 4 but got gradOutput to be of shape: [2 x 4 x 5]');
  });
});
