/** Convolutions: Temporal, Spatial(MM), SpatialFull, SpatialDilated, Volumetric, against plain loops. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, nonContiguous } from '../helpers.js';
import { jacobianError } from './builders/conv.js';
import { fromJSON } from './torch7ref.js';
import { readFileSync } from 'node:fs';
import { fixture } from '../helpers.js';

const t = torch as any;

/** Element accessors on contiguous copies. */
const at = (x: Tensor): ((...i: number[]) => number) => {
  const c = x.contiguous(), s = c._size, d = c._storage.data, o = c.offset;
  return (...i: number[]) => { let k = 0; for (let j = 0; j < s.length; j++) k = k * s[j] + i[j]; return d[o + k]; };
};

interface Conv2d { kW: number; kH: number; dW: number; dH: number; padW: number; padH: number; dilW: number; dilH: number }

/** Plain 2-D cross-correlation of one C x H x W frame with weight O x C x kH x kW: output, and the three gradients. */
function refConv2d(x: Tensor, w: Tensor, b: Tensor | undefined, go: Tensor | null, p: Conv2d) {
  const [C, H, W] = x._size, O = w._size[0];
  const oH = Math.floor((H + 2 * p.padH - (p.dilH * (p.kH - 1) + 1)) / p.dH) + 1;
  const oW = Math.floor((W + 2 * p.padW - (p.dilW * (p.kW - 1) + 1)) / p.dW) + 1;
  const X = at(x), Wt = at(w), G = go ? at(go) : null;
  const out = torch.zeros(O, oH, oW), gi = torch.zeros(C, H, W), gw = torch.zeros(O, C, p.kH, p.kW), gb = torch.zeros(O);
  const od = out._storage.data, gid = gi._storage.data, gwd = gw._storage.data, gbd = gb._storage.data;
  for (let o = 0; o < O; o++) {
    for (let y = 0; y < oH; y++) {
      for (let xx = 0; xx < oW; xx++) {
        let s = b ? b._storage.data[b.offset + o * b._stride[0]] : 0;
        const g = G ? G(o, y, xx) : 0;
        gbd[o] += g;
        for (let c = 0; c < C; c++) {
          for (let kh = 0; kh < p.kH; kh++) {
            const iy = y * p.dH - p.padH + kh * p.dilH;
            if (iy < 0 || iy >= H) continue;
            for (let kw = 0; kw < p.kW; kw++) {
              const ix = xx * p.dW - p.padW + kw * p.dilW;
              if (ix < 0 || ix >= W) continue;
              s += Wt(o, c, kh, kw) * X(c, iy, ix);
              gid[(c * H + iy) * W + ix] += Wt(o, c, kh, kw) * g;
              gwd[((o * C + c) * p.kH + kh) * p.kW + kw] += X(c, iy, ix) * g;
            }
          }
        }
        od[(o * oH + y) * oW + xx] = s;
      }
    }
  }
  return { out, gi, gw, gb };
}

/** Runs a reference over each frame of a batch and stacks the results. */
function stack(frames: Tensor[]): Tensor {
  const out = torch.zeros(frames.length, ...frames[0]._size);
  frames.forEach((f, i) => (out.select(1, i + 1) as Tensor).copy(f));
  return out;
}

const P = (o: Partial<Conv2d>): Conv2d => ({ kW: 3, kH: 3, dW: 1, dH: 1, padW: 0, padH: 0, dilW: 1, dilH: 1, ...o });

function checkConvAgainstRef(m: any, x: Tensor, p: Conv2d, weight4d: Tensor): void {
  const go = torch.randn(...(m.forward(x) as Tensor)._size);
  m.zeroGradParameters();
  const out = (m.forward(x) as Tensor).clone();
  const gi = (m.backward(x, go) as Tensor).clone();
  const batch = x.dim() === 4;
  const frames = batch ? Array.from({ length: x.size(1) }, (_, i) => refConv2d(x.select(1, i + 1) as Tensor, weight4d, m.bias, go.select(1, i + 1) as Tensor, p))
    : [refConv2d(x, weight4d, m.bias, go, p)];
  expectClose(out, batch ? stack(frames.map((f) => f.out)) : frames[0].out, 1e-12);
  expectClose(gi, batch ? stack(frames.map((f) => f.gi)) : frames[0].gi, 1e-12);
  const gw = frames.reduce((a, f) => a.add(f.gw), torch.zeros(...frames[0].gw._size));
  expectClose(m.gradWeight.contiguous().view(gw.nElement()), gw.view(gw.nElement()), 1e-12);
  if (m.bias) expectClose(m.gradBias, frames.reduce((a, f) => a.add(f.gb), torch.zeros(frames[0].gb.nElement())), 1e-12);
}

describe('nn.SpatialConvolution / nn.SpatialConvolutionMM', () => {
  beforeEach(() => t.manualSeed(7));

  it('draws weight then bias from U(-1/sqrt(kW*kH*nIn), +) and prints as Torch', () => {
    t.manualSeed(11);
    const m = new nn.SpatialConvolution(3, 4, 5, 2);
    t.manualSeed(11);
    const s = 1 / Math.sqrt(5 * 2 * 3);
    const w = new torch.Tensor(4, 3, 2, 5).uniform(-s, s), b = new torch.Tensor(4).uniform(-s, s);
    expectClose(m.weight, w, 0);
    expectClose(m.bias!, b, 0);
    expect(m.weight.size().totable()).to.deep.equal([4, 3, 2, 5]);
    expect(String(m)).to.equal('nn.SpatialConvolution(3 -> 4, 5x2)');
    expect(String(new nn.SpatialConvolution(3, 4, 3, 3, 1, 1, 1))).to.equal('nn.SpatialConvolution(3 -> 4, 3x3, 1,1, 1,1)');
    expect(String(new nn.SpatialConvolution(3, 4, 3, 3, 2, 1).noBias())).to.equal('nn.SpatialConvolution(3 -> 4, 3x3, 2,1) without bias');
    const mm = new nn.SpatialConvolutionMM(2, 3, 3, 3, 1, 1, 1, 0);
    expect(mm.weight.size().totable()).to.deep.equal([3, 18]);
    expect(String(mm)).to.equal('nn.SpatialConvolutionMM(2 -> 3, 3x3, 1,1, 1,0)');
  });

  for (const [label, p] of [
    ['3x3 pad 1', P({ padW: 1, padH: 1 })],
    ['3x2 stride 2,1 pad 0,1', P({ kH: 2, dW: 2, padH: 1 })],
    ['5x5 stride 2 pad 2', P({ kW: 5, kH: 5, dW: 2, dH: 2, padW: 2, padH: 2 })],
    ['1x1', P({ kW: 1, kH: 1 })],
  ] as const) {
    it(`matches a plain convolution (${label}), batch and single frame, non-contiguous input`, () => {
      const m = new nn.SpatialConvolution(3, 4, p.kW, p.kH, p.dW, p.dH, p.padW, p.padH);
      checkConvAgainstRef(m, nonContiguous(torch.randn(2, 3, 7, 8)), p, m.weight);
      checkConvAgainstRef(m, torch.randn(3, 6, 5), p, m.weight);
      const mm = new nn.SpatialConvolutionMM(3, 2, p.kW, p.kH, p.dW, p.dH, p.padW, p.padH);
      checkConvAgainstRef(mm, nonContiguous(torch.randn(3, 3, 9, 6)), p, mm.weight.view(2, 3, p.kH, p.kW));
    });
  }

  it('works without bias and accumulates with scale', () => {
    const m = new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1).noBias();
    const p = P({ padW: 1, padH: 1 });
    checkConvAgainstRef(m, torch.randn(2, 2, 5, 5), p, m.weight);
    const x = torch.randn(2, 2, 5, 5), go = torch.randn(2, 3, 5, 5);
    const m2 = new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1);
    m2.zeroGradParameters();
    m2.forward(x);
    m2.backward(x, go, 1);
    const g1 = m2.gradWeight.clone(), b1 = m2.gradBias!.clone();
    m2.backward(x, go, 0.5);
    expectClose(m2.gradWeight, g1.mul(1.5), 1e-12);
    expectClose(m2.gradBias!, b1.mul(1.5), 1e-12);
  });

  it('upgrades modules from old files (padding field, 2-D weight) as backCompatibility does', () => {
    const ref = new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1);
    const old = ref.clone() as any;
    delete old.padW; delete old.padH;
    old.padding = 1;
    old.weight = old.weight.view(3, 18);
    old.gradWeight = old.gradWeight.view(3, 18);
    delete old.finput; delete old.fgradInput;
    const x = torch.randn(2, 5, 5);
    expectClose(old.forward(x), ref.forward(x) as Tensor, 0);
    expect([old.padW, old.padH, old.padding, old.weight.dim()]).to.deep.equal([1, 1, undefined, 4]);
  });

  it('has a correct Jacobian (input, weight and bias)', () => {
    expect(jacobianError(new nn.SpatialConvolution(2, 2, 3, 2, 2, 1, 1, 1), torch.rand(2, 2, 5, 4).mul(4).add(-2))).to.be.below(1e-6);
    expect(jacobianError(new nn.SpatialConvolutionMM(2, 2, 2, 2, 1, 1), torch.rand(2, 4, 3).mul(4).add(-2))).to.be.below(1e-6);
  });

  it('reuses finput/fgradInput and the output between calls of the same size; clearState empties them', () => {
    const m = new nn.SpatialConvolution(3, 4, 3, 3, 1, 1, 1);
    const x = torch.randn(4, 3, 8, 8), go = torch.randn(4, 4, 8, 8);
    m.forward(x); m.backward(x, go);
    const s = [m.output.storage(), m.gradInput.storage(), m.finput!.storage(), m.fgradInput!.storage()];
    m.forward(x); m.backward(x, go);
    expect([m.output.storage(), m.gradInput.storage(), m.finput!.storage(), m.fgradInput!.storage()]).to.deep.equal(s);
    expect(s.every((a, i) => a === [m.output.storage(), m.gradInput.storage(), m.finput!.storage(), m.fgradInput!.storage()][i])).to.equal(true);
    expect(m.finput!.size().totable()).to.deep.equal([4, 27, 64]);
    m.clearState();
    expect(m.finput!.nElement()).to.equal(0);
    expect(m.fgradInput!.nElement()).to.equal(0);
    expect(m.output.nElement()).to.equal(0);
  });

  it('runs in float after float() with results close to double', () => {
    const m = new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1);
    const x = torch.randn(2, 2, 6, 6), go = torch.randn(2, 3, 6, 6);
    const out = (m.forward(x) as Tensor).clone(), gi = (m.backward(x, go) as Tensor).clone();
    const gw = m.gradWeight.clone();
    const f = m.clone().float();
    f.zeroGradParameters();
    expect(f.weight.type()).to.equal('torch.FloatTensor');
    expect(f.finput!.type()).to.equal('torch.FloatTensor');
    const fo = f.forward(x.float()) as Tensor;
    expect(fo.type()).to.equal('torch.FloatTensor');
    expectClose(fo, out, 1e-5);
    expectClose(f.backward(x.float(), go.float()) as Tensor, gi, 1e-5);
    m.zeroGradParameters(); m.backward(x, go);
    expectClose(f.gradWeight, m.gradWeight, 1e-5);
    expect(gw.nElement()).to.equal(54);
  });

  it('raises Torch errors for bad shapes and types', () => {
    const m = new nn.SpatialConvolution(3, 4, 3, 3);
    expect(() => m.forward(torch.randn(3, 5))).to.throw(/3D or 4D input tensor expected but got: \[3 x 5\]/);
    expect(() => m.forward(torch.randn(2, 5, 5))).to.throw('Need input of dimension 3 and input.size[0] == 3 but got input to be of shape: [2 x 5 x 5]');
    expect(() => m.forward(torch.randn(3, 2, 5))).to.throw('Given input size: (3 x 2 x 5). Calculated output size: (4 x 0 x 3). Output size is too small');
    m.forward(torch.randn(3, 5, 5));
    expect(() => m.backward(torch.randn(3, 5, 5), torch.randn(4, 3, 2))).to.throw('Need gradOutput of dimension 3 and gradOutput.size[2] == 3 but got gradOutput to be of shape: [4 x 3 x 2]');
    expect(() => m.forward(torch.randn(3, 5, 5).float())).to.throw(/expected torch.FloatTensor, got torch.DoubleTensor/);
    expect(() => new nn.SpatialConvolution(3, 4, 0, 3).forward(torch.randn(3, 5, 5))).to.throw(/kernel size should be greater than zero, but got kH: 3 kW: 0/);
    expect(() => new nn.SpatialConvolution(3, 4, 3, 3, 0).forward(torch.randn(3, 5, 5))).to.throw(/stride should be greater than zero/);
  });
});

describe('nn.SpatialDilatedConvolution', () => {
  beforeEach(() => t.manualSeed(3));

  it('matches a plain dilated convolution, batch and 3-D, non-contiguous', () => {
    const p = P({ dW: 2, dH: 1, padW: 2, padH: 1, dilW: 2, dilH: 3 });
    const m = new nn.SpatialDilatedConvolution(2, 3, 3, 3, 2, 1, 2, 1, 2, 3);
    checkConvAgainstRef(m, nonContiguous(torch.randn(2, 2, 9, 8)), p, m.weight);
    checkConvAgainstRef(m, torch.randn(2, 8, 7), p, m.weight);
    expect(String(m)).to.equal('nn.SpatialDilatedConvolution(2 -> 3, 3x3, 2,1, 2,1, 2,3)');
    expect(m instanceof nn.SpatialConvolution).to.equal(true);
  });

  it('has a correct Jacobian and checks its shapes', () => {
    expect(jacobianError(new nn.SpatialDilatedConvolution(2, 2, 2, 2, 1, 1, 1, 1, 2, 2), torch.rand(2, 2, 5, 5).mul(4).add(-2))).to.be.below(1e-6);
    const m = new nn.SpatialDilatedConvolution(2, 2, 3, 3, 1, 1, 0, 0, 3, 3);
    expect(() => m.forward(torch.randn(2, 6, 6))).to.throw('Given input size: (2 x 6 x 6). Calculated output size: (2 x 0 x 0). Output size is too small');
    expect(() => new nn.SpatialDilatedConvolution(2, 2, 3, 3, 1, 1, 0, 0, 0, 1).forward(torch.randn(2, 9, 9))).to.throw(/dilation should be greater than zero/);
  });
});

/** Plain transposed convolution of one frame, weight nIn x nOut x kH x kW. */
function refFullConv(x: Tensor, w: Tensor, b: Tensor | undefined, p: Conv2d & { adjW: number; adjH: number }): Tensor {
  const [C, H, W] = x._size, O = w._size[1];
  const oH = (H - 1) * p.dH - 2 * p.padH + p.kH + p.adjH, oW = (W - 1) * p.dW - 2 * p.padW + p.kW + p.adjW;
  const X = at(x), Wt = at(w);
  const out = torch.zeros(O, oH, oW), od = out._storage.data;
  for (let o = 0; o < O; o++) {
    for (let i = 0; i < oH * oW; i++) od[o * oH * oW + i] = b ? at(b)(o) : 0;
    for (let c = 0; c < C; c++) {
      for (let y = 0; y < H; y++) {
        for (let xx = 0; xx < W; xx++) {
          for (let kh = 0; kh < p.kH; kh++) {
            const oy = y * p.dH - p.padH + kh;
            if (oy < 0 || oy >= oH) continue;
            for (let kw = 0; kw < p.kW; kw++) {
              const ox = xx * p.dW - p.padW + kw;
              if (ox >= 0 && ox < oW) od[(o * oH + oy) * oW + ox] += Wt(c, o, kh, kw) * X(c, y, xx);
            }
          }
        }
      }
    }
  }
  return out;
}

describe('nn.SpatialFullConvolution', () => {
  beforeEach(() => t.manualSeed(5));

  it('matches a plain transposed convolution; gradients by Jacobian', () => {
    const p = { ...P({ kW: 4, kH: 3, dW: 2, dH: 2, padW: 1, padH: 1 }), adjW: 1, adjH: 0 };
    const m = new nn.SpatialFullConvolution(3, 2, 4, 3, 2, 2, 1, 1, 1, 0);
    expect(m.weight.size().totable()).to.deep.equal([3, 2, 3, 4]);
    const x = nonContiguous(torch.randn(2, 3, 4, 5));
    const out = m.forward(x) as Tensor;
    expect(out.size().totable()).to.deep.equal([2, 2, 7, 11]); // oH = 3*2-2+3 = 7, oW = 4*2-2+4+1 = 11
    expectClose(out, stack([1, 2].map((i) => refFullConv(x.select(1, i) as Tensor, m.weight, m.bias, p))), 1e-12);
    const x3 = torch.randn(3, 3, 3);
    expectClose(m.forward(x3) as Tensor, refFullConv(x3, m.weight, m.bias, p), 1e-12);
    expect(jacobianError(new nn.SpatialFullConvolution(2, 2, 3, 3, 2, 2, 1, 1, 1, 1), torch.rand(2, 2, 3, 2).mul(4).add(-2))).to.be.below(1e-6);
    expect(jacobianError(new nn.SpatialFullConvolution(2, 3, 2, 2).noBias(), torch.rand(2, 3, 3).mul(4).add(-2))).to.be.below(1e-6);
  });

  it('takes the adj factors from a target size when the input is {input, target}', () => {
    const m = new nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1);
    const x = torch.randn(2, 4, 4), target = torch.randn(3, 8, 8);
    const out = m.forward([x, target]) as Tensor;
    expect(out.size().totable()).to.deep.equal([3, 8, 8]);
    const gi = m.backward([x, target], torch.randn(3, 8, 8)) as Tensor[];
    expect(gi).to.have.length(2);
    expect(gi[0].size().totable()).to.deep.equal([2, 4, 4]);
    expect(gi[1].size().totable()).to.deep.equal([3, 8, 8]);
    expect(gi[1].sum()).to.equal(0);
    expect(m.backward([x, target], torch.randn(3, 8, 8))).to.have.length(2);
  });

  it('prints as Torch and refuses bad adj', () => {
    expect(String(new nn.SpatialFullConvolution(3, 2, 4, 4, 2, 2, 1, 1, 1, 1))).to.equal('nn.SpatialFullConvolution(3 -> 2, 4x4, 2,2, 1,1, 1,1)');
    expect(String(new nn.SpatialFullConvolution(3, 2, 4, 4).noBias())).to.equal('nn.SpatialFullConvolution(3 -> 2, 4x4) without bias');
    expect(() => new nn.SpatialFullConvolution(3, 2, 4, 4, 1, 1, 0, 0, 1, 0)).to.throw('adjW and adjH must be smaller than self.dW - 1 and self.dH - 1 respectively');
    expect(() => new nn.SpatialFullConvolution(3, 2, 3, 3).forward(torch.randn(2, 4, 4))).to.throw('Need input of dimension 3 and input.size[0] == 3 but got input to be of shape: [2 x 4 x 4]');
  });
});

/** Plain 1-D convolution of one nFrame x inSize sequence; weight outSize x (kW*inSize). */
function refTemporal(x: Tensor, w: Tensor, b: Tensor, kW: number, dW: number): Tensor {
  const [n, inSize] = x._size, outSize = w._size[0], nOut = Math.floor((n - kW) / dW) + 1;
  const X = at(x), Wt = at(w), B = at(b);
  const out = torch.zeros(nOut, outSize), od = out._storage.data;
  for (let tt = 0; tt < nOut; tt++) {
    for (let o = 0; o < outSize; o++) {
      let s = B(o);
      for (let k = 0; k < kW; k++) for (let i = 0; i < inSize; i++) s += Wt(o, k * inSize + i) * X(tt * dW + k, i);
      od[tt * outSize + o] = s;
    }
  }
  return out;
}

describe('nn.TemporalConvolution', () => {
  beforeEach(() => t.manualSeed(9));

  for (const [kW, dW] of [[3, 1], [3, 2], [2, 3], [1, 1], [4, 4]]) {
    it(`matches a plain 1-D convolution (kW=${kW}, dW=${dW}), batch and single`, () => {
      const m = new nn.TemporalConvolution(4, 3, kW, dW);
      const x = nonContiguous(torch.randn(11, 4));
      expectClose(m.forward(x) as Tensor, refTemporal(x, m.weight, m.bias, kW, dW), 1e-12);
      const xb = torch.randn(2, 9, 4);
      expectClose(m.forward(xb) as Tensor, stack([1, 2].map((i) => refTemporal(xb.select(1, i) as Tensor, m.weight, m.bias, kW, dW))), 1e-12);
    });
  }

  it('has a correct Jacobian; reset uses 1/sqrt(kW*inputFrameSize)', () => {
    expect(jacobianError(new nn.TemporalConvolution(3, 2, 3, 2), torch.rand(8, 3).mul(4).add(-2))).to.be.below(1e-6);
    expect(jacobianError(new nn.TemporalConvolution(2, 2, 2, 1), torch.rand(2, 5, 2).mul(4).add(-2))).to.be.below(1e-6);
    t.manualSeed(1);
    const m = new nn.TemporalConvolution(5, 2, 3);
    t.manualSeed(1);
    const s = 1 / Math.sqrt(15);
    expectClose(m.weight, new torch.Tensor(2, 15).uniform(-s, s), 0);
    expectClose(m.bias, new torch.Tensor(2).uniform(-s, s), 0);
    expect(String(m)).to.equal('nn.TemporalConvolution');
  });

  it('updates shared clones without recursion (defaultAccUpdateGradParameters)', () => {
    const m = new nn.TemporalConvolution(2, 2, 2);
    const c = m.clone('weight', 'bias');
    const x = torch.randn(4, 2), go = torch.randn(3, 2), w0 = m.weight.clone();
    c.forward(x);
    c.backwardUpdate(x, go, 0.1);
    expect(m.weight.clone().add(-1, w0).abs().sum()).to.be.above(0);
  });

  it('raises Torch errors', () => {
    const m = new nn.TemporalConvolution(4, 3, 3);
    expect(() => m.forward(torch.randn(5))).to.throw(/2D or 3D \(batch mode\) tensor expected for input, but got: \[5\]/);
    expect(() => m.forward(torch.randn(5, 3))).to.throw(/invalid input frame size. Got: 3, Expected: 4/);
    expect(() => m.forward(torch.randn(2, 4))).to.throw(/input sequence smaller than kernel size. Got: 2, Expected: 3/);
  });
});

describe('nn.VolumetricConvolution', () => {
  beforeEach(() => t.manualSeed(4));

  it('matches a sum of 2-D convolutions over time, and has a correct Jacobian', () => {
    const m = new nn.VolumetricConvolution(2, 3, 2, 3, 2, 1, 2, 1, 1, 1, 0);
    expect(m.weight.size().totable()).to.deep.equal([3, 2, 2, 2, 3]);
    const x = nonContiguous(torch.randn(2, 2, 4, 5, 6));
    const out = m.forward(x) as Tensor;
    // dT=1 dH=1 dW=2, padT=1 padW=1 padH=0: oT = 4+2-2+1 = 5, oH = 5-2+1 = 4, oW = floor((6+2-3)/2)+1 = 3
    expect(out.size().totable()).to.deep.equal([2, 3, 5, 4, 3]);
    const p = P({ kW: 3, kH: 2, dW: 2, dH: 1, padW: 1, padH: 0 });
    for (let n = 1; n <= 2; n++) {
      for (let ot = 0; ot < 5; ot++) {
        let ref = torch.zeros(3, 4, 3).add(0);
        for (let o = 0; o < 3; o++) (ref.select(1, o + 1) as Tensor).fill(at(m.bias!)(o));
        for (let kt = 0; kt < 2; kt++) {
          const it2 = ot - 1 + kt;
          if (it2 < 0 || it2 >= 4) continue;
          const frame = (x.select(1, n) as Tensor).select(2, it2 + 1) as Tensor;
          const w2 = (m.weight.select(3, kt + 1) as Tensor).contiguous();
          ref = ref.add(refConv2d(frame, w2, undefined, null, p).out);
        }
        expectClose((out.select(1, n) as Tensor).select(2, ot + 1) as Tensor, ref, 1e-12);
      }
    }
    expect(jacobianError(new nn.VolumetricConvolution(2, 2, 2, 2, 2, 1, 1, 2, 1, 1, 0), torch.rand(2, 3, 3, 4).mul(4).add(-2))).to.be.below(1e-6);
    expect(String(m)).to.equal('nn.VolumetricConvolution(2 -> 3, 2x3x2, 1,2,1, 1,1,0)');
    expect(String(new nn.VolumetricConvolution(1, 1, 3, 3, 3))).to.equal('nn.VolumetricConvolution(1 -> 1, 3x3x3)');
  });

  it('raises Torch errors', () => {
    const m = new nn.VolumetricConvolution(2, 3, 2, 2, 2);
    expect(() => m.forward(torch.randn(2, 3, 3))).to.throw(/4D or 5D \(batch mode\) tensor expected for input, but got: \[2 x 3 x 3\]/);
    expect(() => m.forward(torch.randn(2, 1, 3, 3))).to.throw('Given input size: (2x1x3x3). Calculated output size: (3x0x2x2). Output size is too small');
    expect(() => m.forward(torch.randn(3, 3, 3, 3))).to.throw(/size mismatch/);
  });
});

describe('LeNet (torch7-ref/models/lenet.json): convolutions and pooling inside a real model', () => {
  it('draws the same parameters as Torch7 from seed 2025 and gives its output', () => {
    const c = JSON.parse(readFileSync(fixture('torch7-ref', 'models', 'lenet.json'), 'utf8'));
    t.manualSeed(2025);
    const net = new nn.Sequential()
      .add(new nn.SpatialConvolution(1, 6, 5, 5)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2, 2, 2))
      .add(new nn.SpatialConvolution(6, 16, 5, 5)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2, 2, 2))
      .add(new (nn as any).View(256)).add(new nn.Linear(256, 120)).add(new nn.ReLU()).add(new nn.Linear(120, 84)).add(new nn.ReLU())
      .add(new nn.Linear(84, 10)).add(new (nn as any).LogSoftMax());
    const params = net.parameters()![0];
    expect(params).to.have.length(10);
    params.forEach((p, i) => expectClose(p, fromJSON(c.parameters[i]), 1e-15));
    const x = torch.randn(2, 1, 28, 28);
    expectClose(x, fromJSON(c.input), 1e-15); // randn can differ from glibc's Box–Muller by an ulp
    expectClose(net.forward(x) as Tensor, fromJSON(c.output), 1e-10);
  });
});
