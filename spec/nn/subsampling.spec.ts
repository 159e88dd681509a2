/**
 * nn.SpatialSubSampling, nn.TemporalSubSampling, nn.SpatialConvolutionMap and nn.tables against THNN's
 * formulas written out as plain loops (every element), Torch's reset draws (the same torch.uniform /
 * torch.randperm stream, consumed in Torch's order), THNN's errors, and the 2011 face detector
 * (torch-demos/face.net), whose saved outputs and gradients Torch7 computed.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { describeCpu, expectClose, fixture, nonContiguous } from '../helpers.js';

const t = torch as any;
const rnd = (...s: number[]): Tensor => torch.rand(...s).mul(4).add(-2);
const out = (n: number, k: number, d: number): number => Math.floor((n - k) / d) + 1;

/** SpatialSubSampling by hand on a C x H x W frame. */
function subRef(x: Tensor, w: Tensor, b: Tensor, kW: number, kH: number, dW: number, dH: number): Tensor {
  const [C, H, W] = x._size, oH = out(H, kH, dH), oW = out(W, kW, dW), r = torch.zeros(C, oH, oW);
  for (let c = 1; c <= C; c++) for (let i = 1; i <= oH; i++) for (let j = 1; j <= oW; j++) {
    let s = 0;
    for (let ky = 0; ky < kH; ky++) for (let kx = 0; kx < kW; kx++) s += x.get(c, (i - 1) * dH + ky + 1, (j - 1) * dW + kx + 1);
    r.put(c, i, j, b.get(c) + w.get(c) * s);
  }
  return r;
}

/** Its gradInput by hand: each input pixel gets weight * gradOutput of every window that holds it. */
function subGradRef(x: Tensor, go: Tensor, w: Tensor, kW: number, kH: number, dW: number, dH: number): Tensor {
  const [C, H, W] = x._size, r = torch.zeros(C, H, W);
  for (let c = 1; c <= C; c++) for (let y = 1; y <= H; y++) for (let z = 1; z <= W; z++) {
    let s = 0;
    for (let i = 1; i <= go.size(2); i++) for (let j = 1; j <= go.size(3); j++) {
      const y0 = (i - 1) * dH + 1, z0 = (j - 1) * dW + 1;
      if (y >= y0 && y < y0 + kH && z >= z0 && z < z0 + kW) s += w.get(c) * go.get(c, i, j);
    }
    r.put(c, y, z, s);
  }
  return r;
}

/** SpatialConvolutionMap by hand on a C x H x W frame: output o = bias + sum over rows into o of valid xcorr. */
function mapRef(x: Tensor, conn: Tensor, w: Tensor, b: Tensor, nOut: number, dW: number, dH: number): Tensor {
  const [, H, W] = x._size, kH = w.size(2), kW = w.size(3), oH = out(H, kH, dH), oW = out(W, kW, dW);
  const r = torch.zeros(nOut, oH, oW);
  for (let o = 1; o <= nOut; o++) for (let i = 1; i <= oH; i++) for (let j = 1; j <= oW; j++) {
    let s = b.get(o);
    for (let k = 1; k <= conn.size(1); k++) {
      if (conn.get(k, 2) !== o) continue;
      for (let ky = 1; ky <= kH; ky++) for (let kx = 1; kx <= kW; kx++) s += w.get(k, ky, kx) * x.get(conn.get(k, 1), (i - 1) * dH + ky, (j - 1) * dW + kx);
    }
    r.put(o, i, j, s);
  }
  return r;
}

/** Its gradients by hand: d output(o,i,j) / d input(c,y,z) and / d weight(k,ky,kx), summed against gradOutput. */
function mapGradRef(x: Tensor, go: Tensor, conn: Tensor, w: Tensor, dW: number, dH: number, scale: number): { gi: Tensor; gw: Tensor; gb: Tensor } {
  const kH = w.size(2), kW = w.size(3), gi = torch.zeros(...x._size), gw = torch.zeros(...w._size), gb = torch.zeros(go.size(1));
  for (let o = 1; o <= go.size(1); o++) for (let i = 1; i <= go.size(2); i++) for (let j = 1; j <= go.size(3); j++) {
    const g = go.get(o, i, j);
    gb.put(o, gb.get(o) + scale * g);
    for (let k = 1; k <= conn.size(1); k++) {
      if (conn.get(k, 2) !== o) continue;
      const c = conn.get(k, 1);
      for (let ky = 1; ky <= kH; ky++) for (let kx = 1; kx <= kW; kx++) {
        const y = (i - 1) * dH + ky, z = (j - 1) * dW + kx;
        gi.put(c, y, z, gi.get(c, y, z) + g * w.get(k, ky, kx));
        gw.put(k, ky, kx, gw.get(k, ky, kx) + scale * g * x.get(c, y, z));
      }
    }
  }
  return { gi, gw, gb };
}

describe('nn.SpatialSubSampling', () => {
  beforeEach(() => t.manualSeed(21));

  it('has Torch\'s fields; forward is bias + weight * window sum, every element, 3-D and batch, contiguous or not', () => {
    const m = new nn.SpatialSubSampling(3, 2, 3, 2, 1);
    expect([m.nInputPlane, m.kW, m.kH, m.dW, m.dH]).to.deep.equal([3, 2, 3, 2, 1]);
    expect([m.weight.size(), m.bias.size(), m.gradWeight.size(), m.gradBias.size()].map((s) => s.totable())).to.deep.equal([[3], [3], [3], [3]]);
    const x = rnd(3, 6, 7);
    const y = m.forward(x);
    expect(y.size().totable()).to.deep.equal([3, 4, 3]);
    expectClose(y, subRef(x, m.weight, m.bias, 2, 3, 2, 1), 1e-14);
    expectClose(new nn.SpatialSubSampling(3, 2, 3, 2, 1).share(m, 'weight', 'bias').forward(nonContiguous(x)), y, 0);
    const xb = rnd(2, 3, 6, 7), yb = m.forward(xb);
    expect(yb.size().totable()).to.deep.equal([2, 3, 4, 3]);
    for (let p = 1; p <= 2; p++) expectClose(yb.select(1, p) as Tensor, subRef(xb.select(1, p) as Tensor, m.weight, m.bias, 2, 3, 2, 1), 1e-14);
  });

  it('updateGradInput: weight * gradOutput spread over each window (overlapping and leftover pixels)', () => {
    for (const [kW, kH, dW, dH] of [[3, 2, 1, 2], [2, 2, 3, 3], [2, 2, 2, 2]]) {
      const m = new nn.SpatialSubSampling(2, kW, kH, dW, dH), x = rnd(2, 7, 8);
      const go = rnd(...(m.forward(x) as Tensor)._size);
      expectClose(m.updateGradInput(x, go), subGradRef(x, go, m.weight, kW, kH, dW, dH), 1e-14);
      const gb = m.updateGradInput(x.view(1, 2, 7, 8), go.view(1, ...go._size)) as Tensor;
      expectClose(gb.view(2, 7, 8), subGradRef(x, go, m.weight, kW, kH, dW, dH), 1e-14);
    }
  });

  it('accGradParameters: gradWeight += scale * sum(gradOutput * window sum), gradBias += scale * sum(gradOutput), over the batch', () => {
    const m = new nn.SpatialSubSampling(2, 2, 2, 2, 1), x = rnd(3, 2, 5, 6);
    const go = rnd(...(m.forward(x) as Tensor)._size);
    m.zeroGradParameters();
    m.accGradParameters(x, go, 0.5);
    m.accGradParameters(x, go, 0.5);
    const ones = torch.ones(2), zeros = torch.zeros(2);
    const gw = torch.zeros(2), gb = torch.zeros(2);
    for (let p = 1; p <= 3; p++) {
      const xp = x.select(1, p) as Tensor, gp = go.select(1, p) as Tensor;
      const sums = subRef(xp, ones, zeros, 2, 2, 2, 1); // the window sums
      for (let c = 1; c <= 2; c++) {
        gw.put(c, gw.get(c) + (torch.cmul(sums.select(1, c) as Tensor, gp.select(1, c) as Tensor) as Tensor).sum());
        gb.put(c, gb.get(c) + (gp.select(1, c) as Tensor).sum());
      }
    }
    expectClose(m.gradWeight, gw, 1e-13);
    expectClose(m.gradBias, gb, 1e-13);
  });

  it('reset draws weight then bias from torch.uniform(-1/sqrt(kW*kH), ...), or ±stdv*sqrt(3)', () => {
    t.manualSeed(5);
    const m = new nn.SpatialSubSampling(4, 3, 2);
    t.manualSeed(5);
    const s = 1 / Math.sqrt(6), draws = Array.from({ length: 8 }, () => t.uniform(-s, s));
    expectClose(m.weight, draws.slice(0, 4), 0);
    expectClose(m.bias, draws.slice(4), 0);
    t.manualSeed(6);
    m.reset(0.1);
    t.manualSeed(6);
    const d2 = Array.from({ length: 8 }, () => t.uniform(-0.1 * Math.sqrt(3), 0.1 * Math.sqrt(3)));
    expectClose(m.weight, d2.slice(0, 4), 0);
    expectClose(m.bias, d2.slice(4), 0);
  });

  it('refuses bad input in THNN\'s words', () => {
    const m = new nn.SpatialSubSampling(3, 2, 2);
    expect(() => m.forward(torch.randn(4, 4))).to.throw("bad argument #2 to 'SpatialSubSampling_updateOutput' (3D or 4D input tensor expected but got: [4 x 4])");
    expect(() => m.forward(torch.randn(2, 4, 4))).to.throw("bad argument #2 to 'SpatialSubSampling_updateOutput' (invalid number of input planes)");
    expect(() => m.forward(torch.randn(5, 2, 4, 4))).to.throw('(invalid number of input planes)');
    expect(() => m.forward(torch.randn(3, 1, 4))).to.throw("bad argument #2 to 'SpatialSubSampling_updateOutput' (input image smaller than kernel size)");
    expect(() => m.forward(torch.randn(3, 4, 4).float())).to.throw("bad argument #3 to 'SpatialSubSampling_updateOutput' (expected torch.FloatTensor, got torch.DoubleTensor)");
    expect(() => new nn.SpatialSubSampling(3, 2, 2, 0, 1).forward(torch.randn(3, 4, 4))).to.throw('stride should be greater than zero, but got dH: 1 dW: 0');
    const x = torch.randn(3, 4, 4);
    m.forward(x);
    expect(() => m.backward(x, torch.randn(3, 2, 3))).to.throw('Need gradOutput of dimension 3 and gradOutput.size[1] == 3 but got gradOutput to be of shape: [3 x 2 x 3]');
  });

  it('runs in float (results of the double module within float precision)', () => {
    const m = new nn.SpatialSubSampling(2, 3, 3, 2, 2), x = rnd(2, 2, 9, 7);
    const y = (m.forward(x) as Tensor).clone();
    const mf = m.clone().float(), yf = mf.forward(x.float()) as Tensor;
    expect(yf.type()).to.equal('torch.FloatTensor');
    expectClose(yf.double(), y, 1e-5);
  });
});

describe('nn.TemporalSubSampling', () => {
  beforeEach(() => t.manualSeed(22));

  /** By hand: output frame i = (sum of frames (i-1)*dW+1 .. +kW) .* weight + bias. */
  function ref(x: Tensor, w: Tensor, b: Tensor, kW: number, dW: number): Tensor {
    const [n, fs] = x._size, nOF = out(n, kW, dW), r = torch.zeros(nOF, fs);
    for (let i = 1; i <= nOF; i++) for (let j = 1; j <= fs; j++) {
      let s = 0;
      for (let k = 0; k < kW; k++) s += x.get((i - 1) * dW + k + 1, j);
      r.put(i, j, s * w.get(j) + b.get(j));
    }
    return r;
  }

  it('has Torch\'s fields; forward, gradInput and the parameter gradients by hand, every element', () => {
    const m = new nn.TemporalSubSampling(3, 3, 2);
    expect([m.inputFrameSize, m.kW, m.dW]).to.deep.equal([3, 3, 2]);
    expect(m.weight.size().totable()).to.deep.equal([3]);
    const x = rnd(8, 3), y = m.forward(x) as Tensor;
    expect(y.size().totable()).to.deep.equal([3, 3]);
    expectClose(y, ref(x, m.weight, m.bias, 3, 2), 1e-14);
    expectClose(m.forward(nonContiguous(x)), ref(x, m.weight, m.bias, 3, 2), 1e-14);
    const go = rnd(3, 3), gi = torch.zeros(8, 3), gw = torch.zeros(3), gb = torch.zeros(3);
    for (let i = 1; i <= 3; i++) for (let j = 1; j <= 3; j++) {
      for (let k = 0; k < 3; k++) {
        const f = (i - 1) * 2 + k + 1;
        gi.put(f, j, gi.get(f, j) + m.weight.get(j) * go.get(i, j));
        gw.put(j, gw.get(j) + 0.25 * x.get(f, j) * go.get(i, j));
      }
      gb.put(j, gb.get(j) + 0.25 * go.get(i, j));
    }
    m.zeroGradParameters();
    expectClose(m.updateGradInput(x, go), gi, 1e-14);
    m.accGradParameters(x, go, 0.25);
    expectClose(m.gradWeight, gw, 1e-14);
    expectClose(m.gradBias, gb, 1e-14);
  });

  it('reset draws weight then bias from torch.uniform(-1/sqrt(kW), 1/sqrt(kW))', () => {
    t.manualSeed(8);
    const m = new nn.TemporalSubSampling(3, 4);
    t.manualSeed(8);
    const draws = Array.from({ length: 6 }, () => t.uniform(-0.5, 0.5));
    expectClose(m.weight, draws.slice(0, 3), 0);
    expectClose(m.bias, draws.slice(3), 0);
  });

  it('refuses bad input in THNN\'s words (THNN takes 2-D input only, whatever its message says)', () => {
    const m = new nn.TemporalSubSampling(3, 3);
    expect(() => m.forward(torch.randn(2, 5, 3))).to.throw("bad argument #2 to 'TemporalSubSampling_updateOutput' (2D or 3D (batch mode) tensor expected for input, but got: [2 x 5 x 3])");
    expect(() => m.forward(torch.randn(5, 4))).to.throw("bad argument #2 to 'TemporalSubSampling_updateOutput' (invalid input frame size.  Got: 4, Expected: 3)");
    expect(() => m.forward(torch.randn(2, 3))).to.throw("bad argument #2 to 'TemporalSubSampling_updateOutput' (input sequence smaller than kernel size.  Got 2, Expected: 3)");
    const x = torch.randn(5, 3);
    m.forward(x);
    expect(() => m.backward(x, torch.randn(4, 3))).to.throw('Need gradOutput of dimension 2 and gradOutput.size[0] == 3 but got gradOutput to be of shape: [4 x 3]');
  });
});

describe('nn.tables', () => {
  it('full(nin, nout): every input to every output, input plane fastest, default type', () => {
    const ft = nn.tables.full(2, 3);
    expect(ft.type()).to.equal('torch.DoubleTensor');
    expect(ft.totable()).to.deep.equal([[1, 1], [2, 1], [1, 2], [2, 2], [1, 3], [2, 3]]);
  });

  it('oneToOne(n): plane i to plane i', () => {
    expect(nn.tables.oneToOne(3).totable()).to.deep.equal([[1, 1], [2, 2], [3, 3]]);
  });

  it('random(nin, nout, nto): chunks of torch.randperm(nin), a fresh permutation when they run out, as Lua draws them', () => {
    for (const [nin, nout, nto] of [[6, 16, 3], [7, 5, 3], [4, 3, 4]]) {
      t.manualSeed(42);
      const tbl = nn.tables.random(nin, nout, nto);
      const after = t.uniform();
      t.manualSeed(42);
      const nfi = Math.floor(nin / nto);
      let perm: number[] = t.randperm(nin).totable();
      const expected: number[][] = [];
      for (let o = 0; o < nout; o++) {
        const chunk = o % nfi;
        for (let j = 0; j < nto; j++) expected.push([perm[chunk * nto + j], o + 1]);
        if (chunk === nfi - 1) perm = t.randperm(nin).totable(); // Lua redraws after the last chunk, even after the last plane
      }
      expect(tbl.totable(), `random(${nin},${nout},${nto})`).to.deep.equal(expected);
      expect(t.uniform(), 'the RNG stream after the table').to.equal(after);
    }
  });

  it('random refuses nto > nin as Lua does (narrow of 0 elements)', () => {
    expect(() => nn.tables.random(2, 3, 3)).to.throw(/narrow/);
  });
});

describe('nn.SpatialConvolutionMap', () => {
  beforeEach(() => t.manualSeed(23));
  // two kernels into output 1, input 2 into outputs 1 and 3, input 3 into output 2
  const conn = (): Tensor => new torch.Tensor([[1, 1], [2, 1], [3, 2], [2, 3]] as any);

  it('has Torch\'s fields (planes from the table\'s maxima)', () => {
    const m = new nn.SpatialConvolutionMap(conn(), 3, 2, 2, 1);
    expect([m.nInputPlane, m.nOutputPlane, m.kW, m.kH, m.dW, m.dH]).to.deep.equal([3, 3, 3, 2, 2, 1]);
    expect(m.weight.size().totable()).to.deep.equal([4, 2, 3]);
    expect(m.gradWeight.size().totable()).to.deep.equal([4, 2, 3]);
    expect(m.bias.size().totable()).to.deep.equal([3]);
    expect(m.connTable.totable()).to.deep.equal(conn().totable());
  });

  it('forward, gradInput and parameter gradients by hand, every element, 3-D and batch, with a leftover column', () => {
    for (const [dW, dH] of [[1, 1], [2, 1], [2, 3]]) {
      const m = new nn.SpatialConvolutionMap(conn(), 3, 2, dW, dH), x = rnd(3, 7, 8);
      const y = (m.forward(x) as Tensor).clone();
      expectClose(y, mapRef(x, m.connTable, m.weight, m.bias, 3, dW, dH), 1e-13);
      const go = rnd(...y._size), r = mapGradRef(x, go, m.connTable, m.weight, dW, dH, 0.5);
      m.zeroGradParameters();
      expectClose(m.backward(x, go, 0.5), r.gi, 1e-13);
      expectClose(m.gradWeight, r.gw, 1e-13);
      expectClose(m.gradBias, r.gb, 1e-13);
      // a batch of two: each frame as alone, the parameter gradients summed
      const xb = torch.cat(x.view(1, 3, 7, 8), rnd(1, 3, 7, 8), 1), yb = m.forward(xb) as Tensor;
      expectClose(yb.select(1, 1) as Tensor, y, 1e-13);
      expectClose(yb.select(1, 2) as Tensor, mapRef(xb.select(1, 2) as Tensor, m.connTable, m.weight, m.bias, 3, dW, dH), 1e-13);
      const gob = torch.cat(go.view(1, ...go._size), go.view(1, ...go._size), 1);
      m.zeroGradParameters();
      const gib = m.backward(xb, gob) as Tensor;
      expectClose(gib.select(1, 1) as Tensor, r.gi, 1e-13);
      const r2 = mapGradRef(xb.select(1, 2) as Tensor, go, m.connTable, m.weight, dW, dH, 1);
      expectClose(m.gradWeight, torch.add(r.gw.mul(2), r2.gw), 1e-13);
      expectClose(m.gradBias, r.gb.mul(4), 1e-13);
    }
  });

  it('reset: kernel k uniform in ±1/sqrt(kW*kH*fanIn(out plane of k)), kernel by kernel, then each bias by torch.uniform', () => {
    t.manualSeed(9);
    const m = new nn.SpatialConvolutionMap(conn(), 2, 2);
    t.manualSeed(9);
    const fanIn = [2, 1, 1], kernelOut = [1, 1, 2, 3];
    const w: number[] = [];
    for (const o of kernelOut) { const s = 1 / Math.sqrt(4 * fanIn[o - 1]); for (let e = 0; e < 4; e++) w.push(t.uniform(-s, s)); }
    const b = fanIn.map((f) => { const s = 1 / Math.sqrt(4 * f); return t.uniform(-s, s); });
    expectClose(m.weight, w, 0);
    expectClose(m.bias, b, 0);
    t.manualSeed(10);
    m.reset(0.2);
    t.manualSeed(10);
    const s3 = 0.2 * Math.sqrt(3), all = Array.from({ length: 19 }, () => t.uniform(-s3, s3));
    expectClose(m.weight, all.slice(0, 16), 0);
    expectClose(m.bias, all.slice(16), 0);
  });

  it('refuses bad input in THNN\'s words', () => {
    const m = new nn.SpatialConvolutionMap(conn(), 3, 3);
    expect(() => m.forward(torch.randn(5, 5))).to.throw("bad argument #2 to 'SpatialConvolutionMap_updateOutput' (3D or 4D(batch mode) tensor expected)");
    expect(() => m.forward(torch.randn(2, 5, 5))).to.throw("bad argument #2 to 'SpatialConvolutionMap_updateOutput' (invalid number of input planes)");
    expect(() => m.forward(torch.randn(3, 2, 5))).to.throw("bad argument #2 to 'SpatialConvolutionMap_updateOutput' (input image smaller than kernel size)");
    const bad = m.clone();
    bad.weight = torch.randn(3, 3, 3);
    expect(() => bad.forward(torch.randn(3, 5, 5))).to.throw("bad argument #4 to 'SpatialConvolutionMap_updateOutput' (3D weight tensor expected (connTable:size(1) x kH x kW))");
    expect(() => m.forward(torch.randn(3, 5, 5).float())).to.throw(/expected torch.FloatTensor, got torch.DoubleTensor/);
    const x = torch.randn(3, 5, 5);
    m.forward(x);
    expect(() => m.backward(x, torch.randn(3, 3, 2))).to.throw('Need gradOutput of dimension 3 and gradOutput.size[2] == 3 but got gradOutput to be of shape: [3 x 3 x 2]');
    const outOfRange = m.clone();
    outOfRange.connTable = new torch.Tensor([[1, 1], [2, 1], [4, 2], [2, 3]] as any);
    expect(() => outOfRange.forward(torch.randn(4, 5, 5))).to.throw('connTable row 3 (4 -> 2) is out of range (3 input planes, 3 output planes)');
  });

  it('builds LeNet-5\'s C3 with nn.tables.random and runs a batch in float', () => {
    const c3 = new nn.SpatialConvolutionMap(nn.tables.random(6, 16, 3), 5, 5);
    expect([c3.nInputPlane, c3.nOutputPlane]).to.deep.equal([6, 16]);
    const x = rnd(2, 6, 14, 14), y = (c3.forward(x) as Tensor).clone();
    expect(y.size().totable()).to.deep.equal([2, 16, 10, 10]);
    const yf = c3.clone().float().forward(x.float()) as Tensor;
    expect(yf.type()).to.equal('torch.FloatTensor');
    expectClose(yf.double(), y, 1e-5);
  });
});

describeCpu('face.net (torch-demos, 2011): its SpatialSubSampling and SpatialConvolutionMap against the values Torch7 saved', () => {
  let net: any;
  before(() => { net = torch.load(fixture('t7', 'torch-demos', 'face.net')); });

  it('loads them as our classes with the file\'s fields', () => {
    const sub = net.modules[4], map = net.modules[6];
    expect(sub).to.be.instanceOf(nn.SpatialSubSampling);
    expect([sub.nInputPlane, sub.kW, sub.kH, sub.dW, sub.dH]).to.deep.equal([8, 4, 4, 4, 4]);
    expect(sub.weight.size().totable()).to.deep.equal([8]);
    expect(sub.weight.storage()).to.equal(sub.bias.storage()); // one storage, bias at offset 217
    expect([sub.weight.storageOffset(), sub.bias.storageOffset()]).to.deep.equal([209, 217]);
    expect(sub.weight.get(1)).to.equal(0.025983682613052818);
    expect(map).to.be.instanceOf(nn.SpatialConvolutionMap);
    expect([map.nInputPlane, map.nOutputPlane, map.kW, map.kH, map.dW, map.dH]).to.deep.equal([8, 32, 7, 7, 1, 1]);
    expect(map.connTable.size().totable()).to.deep.equal([128, 2]);
    expect(map.weight.size().totable()).to.deep.equal([128, 7, 7]);
    expect(map.connTable.select(2, 1).totable().slice(0, 3)).to.deep.equal([3, 1, 4]);
    const inner = net.modules[0].convo.modules[1];
    expect(inner).to.be.instanceOf(nn.SpatialConvolutionMap);
    expect(inner.connTable.totable()).to.deep.equal([[1, 1]]);
  });

  it('SpatialSubSampling: forward on the saved input gives the saved output bit for bit; gradInput and gradBias as Torch7 computed them', () => {
    const sub = net.modules[4], x = net.modules[3].output, saved = sub.output.clone();
    const go = net.modules[5].gradInput, savedGi = sub.gradInput.clone(), savedGb = sub.gradBias.clone();
    const y = sub.forward(x) as Tensor;
    expect((torch.add(y, -1, saved) as Tensor).abs().max()).to.equal(0);
    // a few elements by hand: bias + weight * sum of the 4x4 window
    for (const [c, i, j] of [[1, 1, 1], [5, 3, 7], [8, 7, 2]]) {
      let s = 0;
      for (let a = 1; a <= 4; a++) for (let b = 1; b <= 4; b++) s += x.get(c, (i - 1) * 4 + a, (j - 1) * 4 + b);
      expect(Math.abs(y.get(c, i, j) - (sub.bias.get(c) + sub.weight.get(c) * s))).to.be.below(1e-15);
    }
    // the saved gradInput came from the weights before the last SGD step: per plane it is w_k * gradOutput
    // with w_k within 1e-5 of the current weight; with w_k our kernel gives Torch's gradInput everywhere
    const m = sub.clone();
    for (let c = 1; c <= 8; c++) {
      const wk = savedGi.get(c, 1, 1) / go.get(c, 1, 1);
      expect(Math.abs(wk - sub.weight.get(c))).to.be.below(1e-5 * Math.max(1, Math.abs(wk)) + 2e-6);
      m.weight.put(c, wk);
    }
    expectClose(m.updateGradInput(x, go), savedGi, 1e-12);
    m.zeroGradParameters();
    m.accGradParameters(x, go, 1);
    expect((torch.add(m.gradBias, -1, savedGb) as Tensor).abs().max()).to.equal(0);
  });

  it('the SpatialNormalization\'s two inner SpatialConvolutionMaps (7x7 on the padded 38x38 plane) give their saved outputs bit for bit', () => {
    for (const key of ['convo', 'convostd']) {
      const seq = net.modules[0][key], x = seq.modules[0].output, map = seq.modules[1];
      expect(map, key).to.be.instanceOf(nn.SpatialConvolutionMap);
      expect(x.size().totable(), key).to.deep.equal([1, 38, 38]);
      const saved = map.output.clone(), y = map.forward(x) as Tensor;
      expect(y.size().totable(), key).to.deep.equal([1, 32, 32]);
      expect(saved.abs().max(), key).to.be.greaterThan(0);
      expect((torch.add(y, -1, saved) as Tensor).abs().max(), key).to.equal(0);
    }
  });

  it('SpatialConvolutionMap (8 -> 32 through 128 kernels): forward gives the saved output; gradBias as Torch7 computed it', () => {
    const map = net.modules[6], x = net.modules[5].output, saved = map.output.clone(), savedGb = map.gradBias.clone();
    const go = net.modules[7].gradInput, savedGi = map.gradInput.clone();
    const y = map.forward(x) as Tensor;
    expect(y.size().totable()).to.deep.equal([32, 1, 1]);
    expectClose(y, saved, 1e-13);
    // output plane p by hand: bias + sum over the table rows into p of sum(input plane .* kernel)
    for (const p of [1, 17, 32]) {
      let s = map.bias.get(p);
      for (let k = 1; k <= 128; k++) {
        if (map.connTable.get(k, 2) !== p) continue;
        s += (torch.cmul(x.select(1, map.connTable.get(k, 1)) as Tensor, map.weight.select(1, k) as Tensor) as Tensor).sum();
      }
      expect(Math.abs(y.get(p, 1, 1) - s)).to.be.below(1e-13);
    }
    // gradInput: from the weights before the last update (relative 1e-4); gradBias is exact
    const gi = map.clone().updateGradInput(x, go) as Tensor;
    expect((torch.add(gi, -1, savedGi) as Tensor).abs().max()).to.be.below(1e-4 * savedGi.abs().max());
    const m = map.clone();
    m.zeroGradParameters();
    m.accGradParameters(x, go, 1);
    expect((torch.add(m.gradBias, -1, savedGb) as Tensor).abs().max()).to.equal(0);
  });
});

describe("README's LeNet-5 example", () => {
  it('builds, runs on 1x32x32 and a batch, and one SGD step lowers the loss', () => {
    t.manualSeed(1);
    const lenet5 = new nn.Sequential()
      .add(new nn.SpatialConvolution(1, 6, 5, 5)).add(new nn.Tanh())
      .add(new nn.SpatialSubSampling(6, 2, 2, 2, 2)).add(new nn.Tanh())
      .add(new nn.SpatialConvolutionMap(nn.tables.random(6, 16, 3), 5, 5)).add(new nn.Tanh())
      .add(new nn.SpatialSubSampling(16, 2, 2, 2, 2)).add(new nn.Tanh())
      .add(new nn.SpatialConvolution(16, 120, 5, 5)).add(new nn.Tanh())
      .add(new nn.View(120)).add(new nn.Linear(120, 10)).add(new nn.LogSoftMax());
    const sizes = [[6, 28, 28], [6, 14, 14], [16, 10, 10], [16, 5, 5], [120, 1, 1]];
    lenet5.forward(torch.randn(1, 32, 32));
    [0, 2, 4, 6, 8].forEach((i, k) => expect((lenet5 as any).modules[i].output.size().totable()).to.deep.equal(sizes[k]));
    expect((lenet5.output as Tensor).size().totable()).to.deep.equal([10]);
    const x = torch.randn(4, 1, 32, 32), y = new torch.Tensor([1, 5, 7, 10] as any), crit = new nn.ClassNLLCriterion();
    const before = crit.forward(lenet5.forward(x), y);
    lenet5.zeroGradParameters();
    lenet5.backward(x, crit.backward(lenet5.output, y));
    lenet5.updateParameters(0.05);
    expect(crit.forward(lenet5.forward(x), y)).to.be.below(before);
  });
});
