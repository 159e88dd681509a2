/** Pooling, padding, upsampling, LRN and spatial softmax modules, against plain loops. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, nonContiguous } from '../helpers.js';
import { jacobianError } from './builders/conv.js';

const t = torch as any;
const rnd = (...s: number[]): Tensor => torch.rand(...s).mul(4).add(-2);

/** Applies `f` to each C x H x W frame of a 3-D or 4-D tensor and stacks the results. */
function perFrame(x: Tensor, f: (frame: Tensor) => Tensor): Tensor {
  if (x.dim() === 3) return f(x);
  const outs = Array.from({ length: x.size(1) }, (_, i) => f(x.select(1, i + 1) as Tensor));
  const r = torch.zeros(outs.length, ...outs[0]._size);
  outs.forEach((o, i) => (r.select(1, i + 1) as Tensor).copy(o));
  return r;
}

/** Torch's pooled size (float division, then the "last window starts inside" rule). */
function pooled(n: number, k: number, d: number, pad: number, ceil: boolean): number {
  let o = (ceil ? Math.ceil((n - k + 2 * pad) / d) : Math.floor((n - k + 2 * pad) / d)) + 1;
  if (pad && (o - 1) * d >= n + pad) o--;
  return o;
}

/** Plain pooling of one C x H x W frame: max (with 1-based in-plane indices) or average. */
function refPool(x: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, ceil: boolean,
  mode: 'max' | 'avg-include' | 'avg-exclude'): { out: Tensor; ind: Tensor } {
  const [C, H, W] = x._size, oH = pooled(H, kH, dH, padH, ceil), oW = pooled(W, kW, dW, padW, ceil);
  const out = torch.zeros(C, oH, oW), ind = torch.zeros(C, oH, oW);
  for (let c = 1; c <= C; c++) {
    for (let i = 0; i < oH; i++) {
      for (let j = 0; j < oW; j++) {
        const h0 = i * dH - padH, w0 = j * dW - padW;
        let best = -Infinity, arg = 0, sum = 0, n = 0;
        for (let y = h0; y < h0 + kH; y++) {
          for (let xx = w0; xx < w0 + kW; xx++) {
            const inside = y >= 0 && y < H && xx >= 0 && xx < W;
            const inPadded = y < H + padH && xx < W + padW;
            if (mode === 'avg-include' && inPadded) n++;
            if (!inside) continue;
            const v = x.get(c, y + 1, xx + 1);
            if (mode === 'avg-exclude') n++;
            sum += v;
            if (v > best) { best = v; arg = y * W + xx + 1; }
          }
        }
        out.put(c, i + 1, j + 1, mode === 'max' ? best : sum / n);
        ind.put(c, i + 1, j + 1, arg);
      }
    }
  }
  return { out, ind };
}

describe('nn.SpatialMaxPooling', () => {
  beforeEach(() => t.manualSeed(21));

  for (const [label, args, ceil] of [
    ['2x2 stride 2', [2, 2, 2, 2], false], ['3x3 stride 2 pad 1 ceil', [3, 3, 2, 2, 1, 1], true],
    ['3x2 stride 1,2 pad 1,0', [3, 2, 1, 2, 1, 0], false], ['3x3 stride 2 ceil', [3, 3, 2, 2, 0, 0], true],
  ] as const) {
    it(`matches plain max pooling with indices (${label}), batch and 3-D, non-contiguous`, () => {
      const [kW, kH, dW, dH, padW = 0, padH = 0] = args;
      const m = new nn.SpatialMaxPooling(kW, kH, dW, dH, padW, padH);
      if (ceil) m.ceil();
      for (const x of [nonContiguous(torch.randn(2, 3, 7, 8)), torch.randn(2, 6, 5)]) {
        const out = m.forward(x) as Tensor;
        expectClose(out, perFrame(x, (f) => refPool(f, kW, kH, dW, dH, padW, padH, ceil, 'max').out), 0);
        expectClose(m.indices, perFrame(x, (f) => refPool(f, kW, kH, dW, dH, padW, padH, ceil, 'max').ind), 0);
        expect(m.indices.type()).to.equal('torch.LongTensor');
      }
      expect(jacobianError(m, rnd(2, 2, 6, 7))).to.be.below(1e-6);
    });
  }

  it('routes each gradient to its max, adds overlapping windows, and reuses buffers', () => {
    const m = new nn.SpatialMaxPooling(2, 2, 1, 1);
    const x = new torch.Tensor([[[1, 5, 2], [3, 4, 9], [0, 6, 1]]]);
    const out = m.forward(x) as Tensor;
    expect(out.totable()).to.deep.equal([[[5, 9], [6, 9]]]);
    const gi = m.backward(x, new torch.Tensor([[[1, 2], [3, 4]]])) as Tensor;
    expect(gi.totable()).to.deep.equal([[[0, 1, 0], [0, 0, 6], [0, 3, 0]]]);
    const s = [m.output.storage(), m.gradInput.storage(), m.indices.storage()];
    m.forward(x); m.backward(x, new torch.Tensor([[[1, 2], [3, 4]]]));
    expect(m.output.storage() === s[0] && m.gradInput.storage() === s[1] && m.indices.storage() === s[2]).to.equal(true);
    m.clearState();
    expect(m.indices.nElement() + m.output.nElement()).to.equal(0);
  });

  it('runs in float, prints and fails as Torch', () => {
    const m = new nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1).ceil();
    const x = torch.randn(2, 2, 8, 8);
    const ref = (m.forward(x) as Tensor).clone();
    const f = m.clone().float();
    expectClose(f.forward(x.float()) as Tensor, ref, 1e-6);
    expect(f.indices.type()).to.equal('torch.LongTensor');
    expect(() => new nn.SpatialMaxPooling(2, 2).forward(torch.randn(1, 4, 4).float())).to.throw(/bad argument #3 to 'SpatialMaxPooling_updateOutput' \(expected torch.FloatTensor, got torch.DoubleTensor\)/);
    expect(() => new nn.SpatialAveragePooling(2, 2).forward(torch.randn(1, 4, 4).float())).to.throw(/expected torch.FloatTensor, got torch.DoubleTensor/);
    expect(String(m)).to.equal('nn.SpatialMaxPooling(3x3, 2,2, 1,1)');
    expect(String(new nn.SpatialMaxPooling(2, 2))).to.equal('nn.SpatialMaxPooling(2x2, 2,2)');
    expect(() => new nn.SpatialMaxPooling(2, 2).forward(torch.randn(4, 4))).to.throw(/3D or 4D input tensor expected but got: \[4 x 4\]/);
    expect(() => new nn.SpatialMaxPooling(2, 2, 2, 2, 2, 0).forward(torch.randn(1, 4, 4))).to.throw(/pad should be smaller than half of kernel size, but got padW = 2, padH = 0, kW = 2, kH = 2/);
    expect(() => new nn.SpatialMaxPooling(5, 5).forward(torch.randn(1, 4, 4))).to.throw('Given input size: (1x4x4). Calculated output size: (1x0x0). Output size is too small');
    const p = new nn.SpatialMaxPooling(2, 2);
    p.forward(torch.randn(1, 4, 4));
    expect(() => p.backward(torch.randn(1, 4, 4), torch.randn(1, 2, 3))).to.throw('Need gradOutput of dimension 3 and gradOutput.size[2] == 2 but got gradOutput to be of shape: [1 x 2 x 3]');
  });
});

describe('nn.SpatialAveragePooling', () => {
  beforeEach(() => t.manualSeed(22));

  for (const [label, args, ceil, include] of [
    ['2x2 stride 2', [2, 2, 2, 2, 0, 0], false, true], ['3x3 s2 pad 1 include', [3, 3, 2, 2, 1, 1], false, true],
    ['3x3 s2 pad 1 ceil exclude', [3, 3, 2, 2, 1, 1], true, false], ['3x3 s2 pad 1 ceil include', [3, 3, 2, 2, 1, 1], true, true],
    ['2x3 default stride 1', [2, 3, 1, 1, 0, 0], false, true],
  ] as const) {
    it(`matches plain average pooling (${label})`, () => {
      const [kW, kH, dW, dH, padW, padH] = args;
      const m = new nn.SpatialAveragePooling(kW, kH, dW, dH, padW, padH);
      if (ceil) m.ceil();
      if (!include) m.setCountExcludePad();
      for (const x of [nonContiguous(torch.randn(2, 3, 8, 7)), torch.randn(2, 7, 7)]) {
        expectClose(m.forward(x) as Tensor, perFrame(x, (f) => refPool(f, kW, kH, dW, dH, padW, padH, ceil, include ? 'avg-include' : 'avg-exclude').out), 1e-14);
      }
      expect(jacobianError(m, rnd(2, 2, 6, 7))).to.be.below(1e-7);
    });
  }

  it('defaults dW = dH = 1, switches include/exclude, honours divide=false, prints as Torch', () => {
    const m = new nn.SpatialAveragePooling(2, 2);
    expect([m.dW, m.dH, m.ceil_mode, m.count_include_pad]).to.deep.equal([1, 1, false, true]);
    expect(m.setCountExcludePad().count_include_pad).to.equal(false);
    expect(m.setCountIncludePad().count_include_pad).to.equal(true);
    const x = torch.randn(1, 3, 3);
    const mean = (m.forward(x) as Tensor).clone();
    m.divide = false;
    expectClose(m.forward(x) as Tensor, mean.mul(4), 1e-14);
    expectClose(m.backward(x, torch.ones(1, 2, 2)) as Tensor, new torch.Tensor([[[1, 2, 1], [2, 4, 2], [1, 2, 1]]]), 1e-14);
    const old = new nn.SpatialAveragePooling(2, 2, 2, 2) as any;
    delete old.ceil_mode; delete old.count_include_pad; delete old.padW; delete old.padH; delete old.divide;
    const x4 = torch.randn(1, 4, 4);
    expectClose(old.forward(x4), (new nn.SpatialAveragePooling(2, 2, 2, 2).forward(x4) as Tensor).clone().mul(4), 1e-14);
    expect([old.ceil_mode, old.count_include_pad, old.padW]).to.deep.equal([false, true, 0]);
    expect(String(new nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1))).to.equal('nn.SpatialAveragePooling(3x3, 2,2, 1,1)');
    expect(String(m)).to.equal('nn.SpatialAveragePooling(2x2, 1,1)');
    const f = new nn.SpatialAveragePooling(2, 2, 2, 2).float();
    expectClose(f.forward(x.float().view(1, 1, 3, 3)) as Tensor, new nn.SpatialAveragePooling(2, 2, 2, 2).forward(x.view(1, 1, 3, 3)) as Tensor, 1e-6);
    expect(() => m.forward(torch.randn(2, 3, 4, 5, 6))).to.throw(/3D or 4D input tensor expected but got: \[2 x 3 x 4 x 5 x 6\]/);
  });
});

describe('nn.SpatialAdaptiveMaxPooling / nn.SpatialAdaptiveAveragePooling', () => {
  beforeEach(() => t.manualSeed(23));

  /** Plain adaptive pooling of one frame with the integer window bounds floor(i*n/o) .. ceil((i+1)*n/o). */
  function refAdaptive(x: Tensor, W: number, H: number, max: boolean): Tensor {
    const [C, iH, iW] = x._size, out = torch.zeros(C, H, W);
    for (let c = 1; c <= C; c++) {
      for (let i = 0; i < H; i++) {
        for (let j = 0; j < W; j++) {
          const y0 = Math.floor(i * iH / H), y1 = Math.ceil((i + 1) * iH / H), x0 = Math.floor(j * iW / W), x1 = Math.ceil((j + 1) * iW / W);
          let best = -Infinity, sum = 0;
          for (let y = y0; y < y1; y++) for (let xx = x0; xx < x1; xx++) { const v = x.get(c, y + 1, xx + 1); best = Math.max(best, v); sum += v; }
          out.put(c, i + 1, j + 1, max ? best : sum / (x1 - x0) / (y1 - y0));
        }
      }
    }
    return out;
  }

  for (const [W, H, iH, iW] of [[3, 2, 5, 7], [4, 4, 4, 4], [2, 3, 7, 5], [1, 1, 6, 6], [5, 4, 3, 2]]) {
    it(`match plain adaptive pooling to ${H}x${W} from ${iH}x${iW} (also strided input), with a correct Jacobian`, () => {
      const x = nonContiguous(torch.randn(2, 3, iH, iW));
      const mx = new nn.SpatialAdaptiveMaxPooling(W, H), av = new nn.SpatialAdaptiveAveragePooling(W, H);
      expectClose(mx.forward(x) as Tensor, perFrame(x, (f) => refAdaptive(f, W, H, true)), 0);
      expectClose(av.forward(x) as Tensor, perFrame(x, (f) => refAdaptive(f, W, H, false)), 1e-14);
      expect(mx.indices!.size().totable()).to.deep.equal([2, 2, 3, H, W]);
      const x3 = torch.randn(2, iH, iW);
      expectClose(mx.forward(x3) as Tensor, refAdaptive(x3, W, H, true), 0);
      expectClose(av.forward(x3) as Tensor, refAdaptive(x3, W, H, false), 1e-14);
      expect(jacobianError(mx, rnd(2, iH, iW))).to.be.below(1e-7);
      expect(jacobianError(av, rnd(2, 2, iH, iW))).to.be.below(1e-7);
    });
  }

  it('fail as Torch on bad input', () => {
    expect(() => new nn.SpatialAdaptiveMaxPooling(2, 2).forward(torch.randn(3, 3))).to.throw(/3D or 4D \(batch mode\) tensor expected for input, but got: \[3 x 3\]/);
    const av = new nn.SpatialAdaptiveAveragePooling(2, 2);
    av.forward(torch.randn(3, 4, 4));
    expect(() => av.backward(torch.randn(3, 4, 4), torch.randn(2, 2, 2))).to.throw(/Need gradOutput of dimension 3 and gradOutput.size\[0\] == 3/);
  });
});

describe('nn.TemporalMaxPooling / nn.VolumetricMaxPooling', () => {
  beforeEach(() => t.manualSeed(24));

  it('TemporalMaxPooling matches a plain max over frame windows (0-based indices), batch and single', () => {
    for (const [kW, dW] of [[2, 2], [3, 1], [2, 3]]) {
      const m = new nn.TemporalMaxPooling(kW, dW);
      const x = nonContiguous(torch.randn(9, 4));
      const out = m.forward(x) as Tensor, nOut = Math.floor((9 - kW) / dW) + 1;
      expect(out.size().totable()).to.deep.equal([nOut, 4]);
      for (let o = 1; o <= nOut; o++) {
        for (let f = 1; f <= 4; f++) {
          let best = -Infinity, arg = -1;
          for (let k = 0; k < kW; k++) { const v = x.get((o - 1) * dW + k + 1, f); if (v > best) { best = v; arg = k; } }
          expect(out.get(o, f)).to.equal(best);
          expect(m.indices!.get(o, f)).to.equal(arg);
        }
      }
      expect(jacobianError(m, rnd(2, 7, 3))).to.be.below(1e-7);
    }
    expect(new nn.TemporalMaxPooling(3).dW).to.equal(3);
    expect(() => new nn.TemporalMaxPooling(4).forward(torch.randn(3, 2))).to.throw(/input sequence smaller than kernel size. Got: 3, Expected: 4/);
    expect(() => new nn.TemporalMaxPooling(2).forward(torch.randn(3))).to.throw(/2D or 3D \(batch mode\) tensor expected for input, but got: \[3\]/);
  });

  it('VolumetricMaxPooling matches a plain 3-D max, with padding and ceil', () => {
    const m = new nn.VolumetricMaxPooling(2, 3, 2, 2, 2, 1, 1, 1, 0).ceil();
    const x = nonContiguous(torch.randn(2, 2, 5, 6, 4));
    const out = m.forward(x) as Tensor;
    const oT = pooled(5, 2, 2, 1, true), oH = pooled(6, 2, 1, 0, true), oW = pooled(4, 3, 2, 1, true);
    expect(out.size().totable()).to.deep.equal([2, 2, oT, oH, oW]);
    for (let n = 1; n <= 2; n++) for (let c = 1; c <= 2; c++) for (let a = 0; a < oT; a++) for (let i = 0; i < oH; i++) for (let j = 0; j < oW; j++) {
      let best = -Infinity;
      for (let z = a * 2 - 1; z < a * 2 + 1; z++) for (let y = i; y < i + 2; y++) for (let w = j * 2 - 1; w < j * 2 + 2; w++) {
        if (z >= 0 && z < 5 && y < 6 && w >= 0 && w < 4) best = Math.max(best, x.get(n, c, z + 1, y + 1, w + 1));
      }
      expect(out.get(n, c, a + 1, i + 1, j + 1)).to.equal(best);
    }
    expect(jacobianError(m, rnd(2, 4, 4, 5))).to.be.below(1e-7);
    expect(String(m)).to.equal('nn.VolumetricMaxPooling(2x3x2, 2,2,1, 1,1,0)');
    expect(String(new nn.VolumetricMaxPooling(2, 2, 2))).to.equal('nn.VolumetricMaxPooling(2x2x2, 2,2,2)');
    expect(() => m.forward(torch.randn(3, 3, 3))).to.throw(/4D or 5D \(batch mode\) tensor expected for input, but got: \[3 x 3 x 3\]/);
  });
});

/** Index map of one padded coordinate: zero (undefined), reflect or replicate. */
const maps = {
  reflect: (j: number, pad: number, n: number): number => (j < pad ? pad - j : j < n + pad ? j - pad : 2 * (n - 1) - (j - pad)),
  replicate: (j: number, pad: number, n: number): number => Math.min(Math.max(j - pad, 0), n - 1),
  zero: (j: number, pad: number, n: number): number => (j - pad >= 0 && j - pad < n ? j - pad : -1),
};

function refPad(x: Tensor, l: number, r: number, tp: number, b: number, map: (j: number, pad: number, n: number) => number): Tensor {
  const [C, H, W] = x._size, out = torch.zeros(C, H + tp + b, W + l + r);
  for (let c = 1; c <= C; c++) for (let i = 0; i < H + tp + b; i++) for (let j = 0; j < W + l + r; j++) {
    const y = map(i, tp, H), xx = map(j, l, W);
    if (y >= 0 && xx >= 0) out.put(c, i + 1, j + 1, x.get(c, y + 1, xx + 1));
  }
  return out;
}

describe('nn.SpatialZeroPadding / SpatialReflectionPadding / SpatialReplicationPadding', () => {
  beforeEach(() => t.manualSeed(25));

  for (const [name, map] of [['SpatialReflectionPadding', maps.reflect], ['SpatialReplicationPadding', maps.replicate], ['SpatialZeroPadding', maps.zero]] as const) {
    for (const pads of [[1, 2, 3, 1], [2, 0, 0, 2], [1, 1, 1, 1]]) {
      it(`${name}(${pads}) matches a plain index map, batch and 3-D; Jacobian`, () => {
        const m = new (nn as any)[name](...pads);
        const x = nonContiguous(torch.randn(2, 3, 4, 5));
        expectClose(m.forward(x) as Tensor, perFrame(x, (f) => refPad(f, pads[0], pads[1], pads[2], pads[3], map)), 0);
        const x3 = torch.randn(2, 5, 4);
        expectClose(m.forward(x3) as Tensor, refPad(x3, pads[0], pads[1], pads[2], pads[3], map), 0);
        expect(jacobianError(m, rnd(2, 2, 4, 4))).to.be.below(1e-7);
        expect(String(m)).to.equal(`nn.${name}(l=${pads[0]}, r=${pads[1]}, t=${pads[2]}, b=${pads[3]})`);
      });
    }
  }

  it('SpatialZeroPadding crops with negative pads and defaults the other pads to padLeft', () => {
    const m = new nn.SpatialZeroPadding(-1, 2, 1, -2);
    const x = torch.randn(2, 3, 5, 4);
    const out = m.forward(x) as Tensor;
    expect(out.size().totable()).to.deep.equal([2, 3, 4, 5]);
    expectClose(out.narrow(3, 2, 3).narrow(4, 1, 3), x.narrow(3, 1, 3).narrow(4, 2, 3), 0);
    expect(out.narrow(4, 4, 2).abs().sum() + out.narrow(3, 1, 1).abs().sum()).to.equal(0);
    expect(jacobianError(m, rnd(2, 5, 4))).to.be.below(1e-7);
    const d = new nn.SpatialZeroPadding(2);
    expect([d.pad_r, d.pad_t, d.pad_b]).to.deep.equal([2, 2, 2]);
    expect(() => new nn.SpatialZeroPadding(-3).forward(torch.randn(1, 5, 5))).to.throw('input is too small');
    expect(() => d.forward(torch.randn(5, 5))).to.throw('input must be 3 or 4-dimensional');
  });

  it('Reflection/Replication check their shapes as Torch', () => {
    const m = new nn.SpatialReflectionPadding(1, 1, 1, 1);
    expect(() => m.forward(torch.randn(4, 4))).to.throw('input must be 3 or 4-dimensional');
    expect(() => m.backward(torch.randn(1, 4, 4), torch.randn(1, 6, 5))).to.throw('input and gradOutput must be compatible in size');
    expect(() => m.backward(torch.randn(1, 4, 4), torch.randn(6, 6))).to.throw(/must be 3 or 4-dimensional/);
    expect(() => new nn.SpatialReflectionPadding(4, 0, 0, 0).forward(torch.randn(1, 4, 4))).to.throw(/Padding size should be less than the corresponding input dimension/);
    expect(() => new nn.SpatialReplicationPadding(-3, -3, 0, 0).forward(torch.randn(1, 4, 4))).to.throw(/input \(H: 4, W: 4\)is too small. Calculated output H: 4 W: -2/);
    const f = new nn.SpatialReplicationPadding(1, 2, 0, 1).float();
    const x = torch.randn(1, 3, 3);
    expectClose(f.forward(x.float()) as Tensor, new nn.SpatialReplicationPadding(1, 2, 0, 1).forward(x) as Tensor, 1e-6);
  });
});

describe('nn.SpatialUpSamplingNearest / nn.SpatialUpSamplingBilinear', () => {
  beforeEach(() => t.manualSeed(26));

  it('Nearest repeats pixels and sums the gradient of each block', () => {
    const m = new nn.SpatialUpSamplingNearest(3);
    const x = nonContiguous(torch.randn(2, 2, 3, 4));
    const out = m.forward(x) as Tensor;
    expect(out.size().totable()).to.deep.equal([2, 2, 9, 12]);
    for (let i = 1; i <= 9; i++) for (let j = 1; j <= 12; j++) expect(out.get(2, 1, i, j)).to.equal(x.get(2, 1, Math.ceil(i / 3), Math.ceil(j / 3)));
    const go = torch.randn(2, 2, 9, 12);
    const gi = m.backward(x, go) as Tensor;
    expect(gi.get(1, 2, 2, 3)).to.be.closeTo(((go.narrow(3, 4, 3).narrow(4, 7, 3).select(1, 1) as Tensor).select(1, 2) as Tensor).sum(), 1e-12);
    expect(jacobianError(new nn.SpatialUpSamplingNearest(2), rnd(2, 3, 2))).to.be.below(1e-7);
    expect(m.outputSize.totable()).to.deep.equal([2, 2, 9, 12]);
    expect(() => new nn.SpatialUpSamplingNearest(1.5)).to.throw('scale_factor must be integer');
    expect(() => new nn.SpatialUpSamplingNearest(0)).to.throw('scale_factor must be greater than 1');
    expect(() => m.forward(torch.randn(3, 3))).to.throw('SpatialUpSamplingNearest only support 3D or 4D tensors');
    expect(() => new nn.SpatialUpSamplingNearest(1).forward(torch.randn(1, 3, 3))).to.throw(/scale_factor must be greater than 1, but got: 1/);
  });

  /** Plain bilinear interpolation with aligned corners (double arithmetic). */
  function refBilinear(x: Tensor, oH: number, oW: number): Tensor {
    const [C, H, W] = x._size, out = torch.zeros(C, oH, oW);
    const rh = oH > 1 ? (H - 1) / (oH - 1) : 0, rw = oW > 1 ? (W - 1) / (oW - 1) : 0;
    for (let c = 1; c <= C; c++) for (let i = 0; i < oH; i++) for (let j = 0; j < oW; j++) {
      const y = rh * i, xx = rw * j, y0 = Math.floor(y), x0 = Math.floor(xx);
      const y1 = Math.min(y0 + 1, H - 1), x1 = Math.min(x0 + 1, W - 1), ly = y - y0, lx = xx - x0;
      const v = (a: number, b: number): number => x.get(c, a + 1, b + 1);
      out.put(c, i + 1, j + 1, (1 - ly) * ((1 - lx) * v(y0, x0) + lx * v(y0, x1)) + ly * ((1 - lx) * v(y1, x0) + lx * v(y1, x1)));
    }
    return out;
  }

  it('Bilinear matches plain interpolation with aligned corners (scale or explicit size)', () => {
    const m = new nn.SpatialUpSamplingBilinear(2);
    const x = nonContiguous(torch.randn(2, 3, 3, 5));
    const out = m.forward(x) as Tensor;
    expect(out.size().totable()).to.deep.equal([2, 3, 6, 10]);
    expectClose(out, perFrame(x, (f) => refBilinear(f, 6, 10)), 1e-6);
    const s = new nn.SpatialUpSamplingBilinear({ oheight: 5, owidth: 9 });
    const x3 = torch.randn(2, 3, 5);
    expectClose(s.forward(x3) as Tensor, refBilinear(x3, 5, 9), 1e-12);
    expect((s.forward(x3) as Tensor).size().totable()).to.deep.equal([2, 5, 9]);
    expectClose(new nn.SpatialUpSamplingBilinear({ oheight: 3, owidth: 5 }).forward(x3) as Tensor, x3, 0);
    expect(jacobianError(new nn.SpatialUpSamplingBilinear(2), rnd(2, 3, 2))).to.be.below(1e-7);
    expect(jacobianError(new nn.SpatialUpSamplingBilinear({ oheight: 4, owidth: 3 }), rnd(1, 2, 3, 3))).to.be.below(1e-7);
    expect(String(m)).to.equal('nn.SpatialUpSamplingBilinear(2)');
    expect(String(s)).to.equal('nn.SpatialUpSamplingBilinear(5, 9)');
    expect(() => m.forward(torch.randn(3, 3))).to.throw('SpatialUpSamplingBilinear only supports 3D or 4D tensors');
    expect(() => m.backward(torch.randn(1, 3, 3), torch.randn(1, 1, 6, 6))).to.throw('Input and gradOutput should be of same dimension');
  });
});

describe('nn.SpatialCrossMapLRN', () => {
  beforeEach(() => t.manualSeed(27));

  /** y = x * (k + alpha/size * sum over channels c-(size-1)/2 .. c+(size-1)/2 of x^2)^-beta (odd size). */
  function refLRN(x: Tensor, size: number, alpha: number, beta: number, k: number): Tensor {
    const [C, H, W] = x._size, out = torch.zeros(C, H, W), half = (size - 1) / 2;
    for (let c = 1; c <= C; c++) for (let i = 1; i <= H; i++) for (let j = 1; j <= W; j++) {
      let s = 0;
      for (let d = Math.max(1, c - half); d <= Math.min(C, c + half); d++) s += (x.get(d, i, j)) ** 2;
      out.put(c, i, j, (x.get(c, i, j)) * (k + alpha / size * s) ** -beta);
    }
    return out;
  }

  it('matches the plain formula, batch and 3-D, and has a correct Jacobian', () => {
    const m = new nn.SpatialCrossMapLRN(3, 0.5, 0.75, 2);
    const x = nonContiguous(torch.randn(2, 5, 3, 4));
    expectClose(m.forward(x) as Tensor, perFrame(x, (f) => refLRN(f, 3, 0.5, 0.75, 2)), 1e-12);
    const x3 = torch.randn(4, 2, 3);
    expectClose(m.forward(x3) as Tensor, refLRN(x3, 3, 0.5, 0.75, 2), 1e-12);
    expect((m.forward(x3) as Tensor).dim()).to.equal(3);
    expect(jacobianError(new nn.SpatialCrossMapLRN(5, 0.3, 0.6, 1.5), rnd(2, 6, 2, 2))).to.be.below(1e-6);
    expect(jacobianError(new nn.SpatialCrossMapLRN(3, 0.3, 0.6, 1.5), rnd(4, 2, 2))).to.be.below(1e-6);
    const d = new nn.SpatialCrossMapLRN(5);
    expect([d.alpha, d.beta, d.k]).to.deep.equal([0.0001, 0.75, 1]);
    expect(() => d.forward(torch.randn(3, 3))).to.throw('Input must be 3D or 4D');
    d.forward(torch.randn(1, 3, 2, 2));
    d.clearState();
    expect(d.scale!.nElement()).to.equal(0);
  });
});

describe('nn.SpatialSoftMax / nn.SpatialLogSoftMax', () => {
  beforeEach(() => t.manualSeed(28));

  it('normalise across planes at each pixel, batch and 3-D; Jacobians', () => {
    const x = torch.randn(2, 4, 3, 3);
    const sm = new nn.SpatialSoftMax(), lsm = new nn.SpatialLogSoftMax();
    const p = sm.forward(x) as Tensor, lp = lsm.forward(x) as Tensor;
    for (let n = 1; n <= 2; n++) for (let i = 1; i <= 3; i++) for (let j = 1; j <= 3; j++) {
      let z = 0;
      for (let c = 1; c <= 4; c++) z += Math.exp(x.get(n, c, i, j));
      for (let c = 1; c <= 4; c++) {
        expect(p.get(n, c, i, j)).to.be.closeTo(Math.exp(x.get(n, c, i, j)) / z, 1e-14);
        expect(lp.get(n, c, i, j)).to.be.closeTo((x.get(n, c, i, j)) - Math.log(z), 1e-13);
      }
    }
    expect(jacobianError(sm, rnd(3, 2, 2))).to.be.below(1e-7);
    expect(jacobianError(lsm, rnd(2, 3, 2, 2))).to.be.below(1e-7);
  });
});
