/**
 * Every nn criterion against a plain reference computation: random inputs (contiguous and not),
 * batch and single samples, sizeAverage on and off, central finite differences of the loss,
 * float() conversions, buffer reuse, and Torch's error messages.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import type { Criterion } from '../../nn/Criterion.js';
import { expectClose, flat, nonContiguous, prng, randomTensor } from '../helpers.js';

type Rnd = () => number;
type Input = Tensor | Tensor[];
type Target = Tensor | number | any[];
/** A reference result: the loss and the gradient (one flat array per input tensor). */
interface Ref { loss: number; grad: number[] | number[][] }

interface Case {
  name: string;
  build: () => Criterion;
  input: (rnd: Rnd) => Input;
  target: (rnd: Rnd) => Target;
  ref: (input: Input, target: Target) => Ref;
  /** The target holds class indices: it stays a LongTensor under float(). */
  indexTarget?: boolean;
  /** The Lua `view`s the input, so a non-contiguous input raises "expecting a contiguous tensor" as in Torch. */
  viewsInput?: boolean;
}

const D = (sizes: number[], rnd: Rnd, lo = -2, hi = 2): Tensor => randomTensor('Double', sizes, rnd, lo, hi);
const signs = (n: number, rnd: Rnd): Tensor => new torch.DoubleTensor(Array.from({ length: n }, () => (rnd() < 0.5 ? -1 : 1)));
const classes = (n: number, nClasses: number, rnd: Rnd): Tensor =>
  new torch.LongTensor(Array.from({ length: n }, () => 1 + Math.floor(rnd() * nClasses)));
const sum = (a: number[]): number => a.reduce((s, v) => s + v, 0);

// ---- reference computations --------------------------------------------------------------------

/** sum_i f(x_i, y_i) (/ n) and its elementwise gradient. */
function pointwiseRef(f: (x: number, y: number) => number, df: (x: number, y: number) => number, sizeAverage: boolean) {
  return (input: Input, target: Target): Ref => {
    const x = flat(input as Tensor), y = flat(target as Tensor), n = sizeAverage ? x.length : 1;
    return { loss: sum(x.map((v, i) => f(v, y[i]))) / n, grad: x.map((v, i) => df(v, y[i]) / n) };
  };
}

/** ClassNLL on rows of `x` (nClasses wide) with 1-based targets. */
function nllRef(x: number[], nClasses: number, targets: number[], weights: number[] | undefined, sizeAverage: boolean,
  ignoreIndex = -100, oneD = false): Ref {
  let total = 0, loss = 0;
  const grad = new Array(x.length).fill(0);
  targets.forEach((t, i) => {
    if (t === ignoreIndex) return;
    const w = weights ? weights[t - 1] : 1;
    total += w;
    loss -= x[i * nClasses + t - 1] * w;
  });
  if (sizeAverage && total) loss /= total;
  if (total > 0) {
    targets.forEach((t, i) => {
      if (t === ignoreIndex) return;
      const w = weights ? weights[t - 1] : 1;
      grad[i * nClasses + t - 1] = oneD ? (!sizeAverage && weights ? -w : -1) : -w / (sizeAverage && total ? total : 1);
    });
  }
  return { loss, grad };
}

/** Log-softmax of each row. */
function logSoftMaxRows(x: number[], nClasses: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < x.length / nClasses; r++) {
    const row = x.slice(r * nClasses, (r + 1) * nClasses);
    const m = Math.max(...row);
    const lse = m + Math.log(sum(row.map((v) => Math.exp(v - m))));
    out.push(...row.map((v) => v - lse));
  }
  return out;
}

function crossEntropyRef(weights: number[] | undefined, sizeAverage: boolean) {
  return (input: Input, target: Target): Ref => {
    const t = input as Tensor, c = t.size(t.dim());
    const lsm = logSoftMaxRows(flat(t), c);
    const targets = typeof target === 'number' ? [target] : flat(target as Tensor);
    const nll = nllRef(lsm, c, targets, weights, sizeAverage, -100, t.dim() === 1);
    const g = nll.grad as number[];
    const grad = lsm.map((v, k) => {
      const r = Math.floor(k / c);
      const gs = sum(g.slice(r * c, (r + 1) * c));
      return g[k] - Math.exp(v) * gs;
    });
    return { loss: nll.loss, grad };
  };
}

function spatialNllRef(weights: number[] | undefined, sizeAverage: boolean) {
  return (input: Input, target: Target): Ref => {
    const t = input as Tensor, x = flat(t), y = flat(target as Tensor);
    const [B, C, H, W] = t.shape, map = H * W;
    let total = 0, loss = 0;
    const grad = new Array(x.length).fill(0);
    for (let b = 0; b < B; b++) {
      for (let e = 0; e < map; e++) {
        const c = y[b * map + e] - 1, w = weights ? weights[c] : 1;
        total += w;
        loss -= x[b * C * map + c * map + e] * w;
      }
    }
    for (let b = 0; b < B; b++) {
      for (let e = 0; e < map; e++) {
        const c = y[b * map + e] - 1, w = weights ? weights[c] : 1;
        grad[b * C * map + c * map + e] = -w / (sizeAverage ? total : 1);
      }
    }
    return { loss: sizeAverage ? loss / total : loss, grad };
  };
}

function bceRef(weights: number[] | undefined, sizeAverage: boolean) {
  return (input: Input, target: Target): Ref => {
    const x = flat(input as Tensor), y = flat(target as Tensor), n = sizeAverage ? x.length : 1;
    const cols = weights?.length ?? 1;
    const w = (i: number): number => (weights ? weights[i % cols] : 1);
    const eps = 1e-12;
    const loss = -sum(x.map((v, i) => (Math.log(v + eps) * y[i] + Math.log(1 - v + eps) * (1 - y[i])) * w(i))) / n;
    const grad = x.map((v, i) => (-(y[i] - v) / ((1 - v + eps) * (v + eps)) / n) * w(i));
    return { loss, grad };
  };
}

function multiMarginRef(p: number, weights: number[] | undefined, margin: number, sizeAverage = true) {
  return (input: Input, target: Target): Ref => {
    const t = input as Tensor, x = flat(t);
    const dim = t.size(t.dim()), nframe = x.length / dim;
    const ys = typeof target === 'number' ? [target] : flat(target as Tensor);
    const g = sizeAverage ? 1 / (nframe * dim) : 1 / dim;
    let loss = 0;
    const grad = new Array(x.length).fill(0);
    for (let f = 0; f < nframe; f++) {
      const y = ys[f] - 1, w = weights ? weights[y] : 1;
      for (let d = 0; d < dim; d++) {
        if (d === y) continue;
        const z = margin - x[f * dim + y] + x[f * dim + d];
        if (z > 0) {
          loss += (p === 1 ? z : z * z) * w;
          const h = (p === 1 ? g : 2 * g * z) * w;
          grad[f * dim + d] = h;
          grad[f * dim + y] -= h;
        }
      }
    }
    loss /= dim;
    if (sizeAverage) loss /= nframe;
    return { loss, grad };
  };
}

function multiLabelMarginRef(sizeAverage = true) {
  return (input: Input, target: Target): Ref => {
    const t = input as Tensor, x = flat(t), ys = flat(target as Tensor);
    const dim = t.size(t.dim()), nframe = x.length / dim;
    const g = sizeAverage ? 1 / (nframe * dim) : 1 / dim;
    let loss = 0;
    const grad = new Array(x.length).fill(0);
    for (let f = 0; f < nframe; f++) {
      const row = ys.slice(f * dim, (f + 1) * dim);
      const end = row.indexOf(0);
      const labels = (end < 0 ? row : row.slice(0, end)).map((c) => c - 1);
      for (const j of labels) {
        for (let i = 0; i < dim; i++) {
          if (labels.includes(i)) continue;
          const z = 1 - x[f * dim + j] + x[f * dim + i];
          if (z > 0) { loss += z; grad[f * dim + j] -= g; grad[f * dim + i] += g; }
        }
      }
    }
    loss /= dim;
    if (sizeAverage) loss /= nframe;
    return { loss, grad };
  };
}

function multiLabelSoftMarginRef(weights: number[] | undefined, sizeAverage: boolean) {
  return (input: Input, target: Target): Ref => {
    const x = flat(input as Tensor), y = flat(target as Tensor), n = sizeAverage ? x.length : 1;
    const w = (i: number): number => (weights ? weights[i % weights.length] : 1);
    const sig = x.map((v) => 1 / (1 + Math.exp(-v)));
    const loss = -sum(sig.map((p, i) => (y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p)) * w(i))) / n;
    return { loss, grad: sig.map((p, i) => ((p - y[i]) * w(i)) / n) };
  };
}

function hingeEmbeddingRef(margin: number, sizeAverage = true) {
  return (input: Input, target: Target): Ref => {
    const x = flat(input as Tensor), y = typeof target === 'number' ? [target] : flat(target as Tensor);
    const n = sizeAverage ? x.length : 1;
    const loss = sum(x.map((v, i) => (y[i] === 1 ? v : Math.max(0, margin - v)))) / n;
    const grad = x.map((v, i) => (y[i] === 1 ? 1 : v > margin ? 0 : -1) / n);
    return { loss, grad };
  };
}

function l1HingeRef(margin: number) {
  return (input: Input, target: Target): Ref => {
    const [a, b] = (input as Tensor[]).map(flat);
    const diff = a.map((v, i) => v - b[i]);
    const d = sum(diff.map(Math.abs));
    let g = diff.map(Math.sign);
    let loss = d;
    if (target === -1) {
      loss = Math.max(0, margin - d);
      g = d > margin ? g.map(() => 0) : g.map((v) => -v);
    }
    return { loss, grad: [g, g.map((v) => -v)] };
  };
}

function cosineEmbeddingRef(margin: number, sizeAverage = true) {
  return (input: Input, target: Target): Ref => {
    const [t1, t2] = input as Tensor[];
    const a = flat(t1), b = flat(t2), d = t1.size(t1.dim()), n = a.length / d;
    const ys = typeof target === 'number' ? [target] : flat(target as Tensor);
    const eps = 1e-12, scale = sizeAverage ? n : 1;
    let loss = 0;
    const g1: number[] = [], g2: number[] = [];
    for (let r = 0; r < n; r++) {
      const x1 = a.slice(r * d, (r + 1) * d), x2 = b.slice(r * d, (r + 1) * d);
      const dot = sum(x1.map((v, i) => v * x2[i]));
      const n1 = sum(x1.map((v) => v * v)) + eps, n2 = sum(x2.map((v) => v * v)) + eps;
      const w = 1 / Math.sqrt(n1 * n2), cos = dot * w;
      const dc1 = x1.map((v, i) => (x2[i] - (dot / n1) * v) * w);
      const dc2 = x2.map((v, i) => (x1[i] - (dot / n2) * v) * w);
      let s = 0;
      if (ys[r] === 1) { loss += 1 - cos; s = -1; } else if (cos - margin > 0) { loss += cos - margin; s = 1; }
      g1.push(...dc1.map((v) => (s * v) / scale));
      g2.push(...dc2.map((v) => (s * v) / scale));
    }
    return { loss: loss / scale, grad: [g1, g2] };
  };
}

function marginRankingRef(margin: number, sizeAverage = true) {
  return (input: Input, target: Target): Ref => {
    const [a, b] = (input as Tensor[]).map(flat);
    const ys = typeof target === 'number' ? [target] : flat(target as Tensor);
    const n = typeof target === 'number' || !sizeAverage ? 1 : ys.length;
    const dist = a.map((v, i) => -ys[i] * (v - b[i]) + margin);
    return {
      loss: sum(dist.map((v) => Math.max(0, v))) / n,
      grad: [dist.map((v, i) => (v >= 0 ? -ys[i] : 0) / n), dist.map((v, i) => (v >= 0 ? ys[i] : 0) / n)],
    };
  };
}

const mse = (sa: boolean) => pointwiseRef((x, y) => (x - y) ** 2, (x, y) => 2 * (x - y), sa);
const WEIGHTS5 = [0.5, 1, 2, 1, 0.25];

// ---- the table ---------------------------------------------------------------------------------

const CASES: Case[] = [
  { name: 'MSECriterion batch', build: () => new nn.MSECriterion(), input: (r) => D([4, 3], r), target: (r) => D([4, 3], r), ref: mse(true) },
  { name: 'MSECriterion 1-D sum', build: () => new nn.MSECriterion(false), input: (r) => D([5], r), target: (r) => D([5], r), ref: mse(false) },
  { name: 'MSECriterion 3-D vs flat target', build: () => new nn.MSECriterion(), input: (r) => D([2, 3, 2], r), target: (r) => D([12], r), ref: mse(true) },
  {
    name: 'AbsCriterion', build: () => new nn.AbsCriterion(), input: (r) => D([4, 3], r), target: (r) => D([4, 3], r),
    ref: pointwiseRef((x, y) => Math.abs(x - y), (x, y) => (x - y >= 0 ? 1 : -1), true),
  },
  {
    name: 'AbsCriterion sum', build: () => new nn.AbsCriterion(false), input: (r) => D([6], r), target: (r) => D([6], r),
    ref: pointwiseRef((x, y) => Math.abs(x - y), (x, y) => (x - y >= 0 ? 1 : -1), false),
  },
  ...[true, false].map((sa): Case => ({
    name: `SmoothL1Criterion sizeAverage=${sa}`, build: () => new nn.SmoothL1Criterion(sa),
    input: (r) => D([4, 5], r, -3, 3), target: (r) => D([4, 5], r),
    ref: pointwiseRef((x, y) => { const z = Math.abs(x - y); return z < 1 ? 0.5 * z * z : z - 0.5; },
      (x, y) => Math.max(-1, Math.min(1, x - y)), sa),
  })),
  {
    name: 'ClassNLLCriterion batch, weights', build: () => new nn.ClassNLLCriterion(new torch.DoubleTensor(WEIGHTS5)),
    input: (r) => D([6, 5], r), target: (r) => classes(6, 5, r), indexTarget: true,
    ref: (x, t) => nllRef(flat(x as Tensor), 5, flat(t as Tensor), WEIGHTS5, true),
  },
  {
    name: 'ClassNLLCriterion batch, weights, sum', build: () => new nn.ClassNLLCriterion(new torch.DoubleTensor(WEIGHTS5), false),
    input: (r) => D([6, 5], r), target: (r) => classes(6, 5, r), indexTarget: true,
    ref: (x, t) => nllRef(flat(x as Tensor), 5, flat(t as Tensor), WEIGHTS5, false),
  },
  {
    name: 'ClassNLLCriterion batch, DoubleTensor target, ignoreIndex 3', build: () => new nn.ClassNLLCriterion(undefined, true, 3),
    input: (r) => D([8, 4], r), target: () => new torch.DoubleTensor([1, 3, 4, 3, 2, 2, 4, 3]),
    ref: (x, t) => nllRef(flat(x as Tensor), 4, flat(t as Tensor), undefined, true, 3),
  },
  {
    name: 'ClassNLLCriterion 1-D, number target, weights', build: () => new nn.ClassNLLCriterion(new torch.DoubleTensor(WEIGHTS5)),
    input: (r) => D([5], r), target: () => 3, ref: (x, t) => nllRef(flat(x as Tensor), 5, [t as number], WEIGHTS5, true, -100, true),
  },
  {
    name: 'ClassNLLCriterion 1-D, weights, sum', build: () => new nn.ClassNLLCriterion(new torch.DoubleTensor(WEIGHTS5), false),
    input: (r) => D([5], r), target: () => new torch.LongTensor([5]), indexTarget: true,
    ref: (x) => nllRef(flat(x as Tensor), 5, [5], WEIGHTS5, false, -100, true),
  },
  {
    name: 'CrossEntropyCriterion batch', build: () => new nn.CrossEntropyCriterion(), input: (r) => D([4, 5], r),
    target: (r) => classes(4, 5, r), indexTarget: true, ref: crossEntropyRef(undefined, true),
  },
  {
    name: 'CrossEntropyCriterion weights, sum', build: () => new nn.CrossEntropyCriterion(new torch.DoubleTensor(WEIGHTS5), false),
    input: (r) => D([3, 5], r), target: (r) => classes(3, 5, r), indexTarget: true, ref: crossEntropyRef(WEIGHTS5, false),
  },
  {
    name: 'CrossEntropyCriterion 1-D, number target', build: () => new nn.CrossEntropyCriterion(), input: (r) => D([6], r),
    target: () => 2, ref: crossEntropyRef(undefined, true),
  },
  {
    name: 'SpatialClassNLLCriterion', build: () => new nn.SpatialClassNLLCriterion(), input: (r) => D([2, 3, 2, 4], r),
    target: (r) => classes(16, 3, r).view(2, 2, 4), indexTarget: true, ref: spatialNllRef(undefined, true),
  },
  {
    name: 'SpatialClassNLLCriterion weights, sum', build: () => new nn.SpatialClassNLLCriterion(new torch.DoubleTensor([0.2, 1, 3]), false),
    input: (r) => D([2, 3, 3, 2], r), target: (r) => classes(12, 3, r).view(2, 3, 2), indexTarget: true,
    ref: spatialNllRef([0.2, 1, 3], false),
  },
  {
    name: 'BCECriterion batch', build: () => new nn.BCECriterion(), input: (r) => D([4, 3], r, 0.02, 0.98),
    target: (r) => D([4, 3], r, 0, 2).floor(), ref: bceRef(undefined, true),
  },
  {
    name: 'BCECriterion batch, weights, sum', build: () => new nn.BCECriterion(new torch.DoubleTensor([0.5, 1, 2]), false),
    input: (r) => D([4, 3], r, 0.02, 0.98), target: (r) => D([4, 3], r, 0, 2).floor(), ref: bceRef([0.5, 1, 2], false),
  },
  {
    name: 'BCECriterion 1-D, weights, soft targets', build: () => new nn.BCECriterion(new torch.DoubleTensor([0.5, 1, 2, 3])),
    input: (r) => D([4], r, 0.02, 0.98), target: (r) => D([4], r, 0, 1), ref: bceRef([0.5, 1, 2, 3], true),
  },
  {
    name: 'DistKLDivCriterion', build: () => new nn.DistKLDivCriterion(), input: (r) => D([3, 4], r, -3, 0),
    target: (r) => D([3, 4], r, 0, 1).apply((v) => (v < 0.2 ? 0 : v)),
    ref: pointwiseRef((x, y) => (y > 0 ? y * (Math.log(y) - x) : 0), (_x, y) => (y > 0 ? -y : 0), true),
  },
  ...[1, 0.5].map((m): Case => ({
    name: `MarginCriterion(${m})`, build: () => new nn.MarginCriterion(m), input: (r) => D([4, 3], r),
    target: (r) => signs(12, r).view(4, 3),
    ref: pointwiseRef((x, y) => Math.max(0, m - x * y), (x, y) => (x * y < m ? -y : 0), true),
  })),
  {
    name: 'SoftMarginCriterion', build: () => new nn.SoftMarginCriterion(), input: (r) => D([3, 4], r),
    target: (r) => signs(12, r).view(3, 4),
    ref: pointwiseRef((x, y) => Math.log(1 + Math.exp(-x * y)), (x, y) => -y / (1 + Math.exp(x * y)), true),
  },
  {
    name: 'MultiMarginCriterion p=1 batch', build: () => new nn.MultiMarginCriterion(), input: (r) => D([5, 4], r, -1, 1),
    target: (r) => classes(5, 4, r), indexTarget: true, ref: multiMarginRef(1, undefined, 1),
  },
  {
    name: 'MultiMarginCriterion p=2, weights, margin 0.5', build: () => new nn.MultiMarginCriterion(2, new torch.DoubleTensor([1, 2, 0.5, 3]), 0.5),
    input: (r) => D([5, 4], r, -1, 1), target: (r) => classes(5, 4, r), indexTarget: true,
    ref: multiMarginRef(2, [1, 2, 0.5, 3], 0.5),
  },
  {
    name: 'MultiMarginCriterion 1-D, number target', build: () => new nn.MultiMarginCriterion(), input: (r) => D([6], r, -1, 1),
    target: () => 4, ref: multiMarginRef(1, undefined, 1),
  },
  {
    name: 'MultiLabelMarginCriterion batch', build: () => new nn.MultiLabelMarginCriterion(), input: (r) => D([3, 4], r, -1, 1),
    target: () => new torch.LongTensor([[3, 1, 0, 2], [4, 0, 0, 0], [1, 2, 3, 4]]), indexTarget: true, ref: multiLabelMarginRef(),
  },
  {
    name: 'MultiLabelMarginCriterion 1-D', build: () => new nn.MultiLabelMarginCriterion(), input: (r) => D([5], r, -1, 1),
    target: () => new torch.DoubleTensor([2, 5, 0, 1, 0]), ref: multiLabelMarginRef(),
  },
  {
    name: 'MultiLabelSoftMarginCriterion', build: () => new nn.MultiLabelSoftMarginCriterion(), viewsInput: true, input: (r) => D([3, 4], r, -4, 4),
    target: (r) => D([3, 4], r, 0, 2).floor(), ref: multiLabelSoftMarginRef(undefined, true),
  },
  {
    name: 'MultiLabelSoftMarginCriterion weights, sum',
    build: () => new nn.MultiLabelSoftMarginCriterion(new torch.DoubleTensor([1, 0.5, 2, 3]), false), viewsInput: true,
    input: (r) => D([3, 4], r, -4, 4), target: (r) => D([3, 4], r, 0, 2).floor(), ref: multiLabelSoftMarginRef([1, 0.5, 2, 3], false),
  },
  {
    name: 'HingeEmbeddingCriterion', build: () => new nn.HingeEmbeddingCriterion(1.5), input: (r) => D([10], r, 0, 3),
    target: (r) => signs(10, r), ref: hingeEmbeddingRef(1.5),
  },
  {
    name: 'HingeEmbeddingCriterion number label', build: () => new nn.HingeEmbeddingCriterion(), input: () => new torch.DoubleTensor([0.4]),
    target: () => -1, ref: hingeEmbeddingRef(1),
  },
  ...[1, -1].map((y): Case => ({
    name: `L1HingeEmbeddingCriterion y=${y}`, build: () => new nn.L1HingeEmbeddingCriterion(6), input: (r) => [D([5], r), D([5], r)],
    target: () => y, ref: l1HingeRef(6),
  })),
  {
    name: 'CosineEmbeddingCriterion batch', build: () => new nn.CosineEmbeddingCriterion(0.1), input: (r) => [D([6, 4], r), D([6, 4], r)],
    target: (r) => signs(6, r), ref: cosineEmbeddingRef(0.1),
  },
  ...[1, -1].map((y): Case => ({
    name: `CosineEmbeddingCriterion 1-D y=${y}`, build: () => new nn.CosineEmbeddingCriterion(-0.5), viewsInput: true,
    input: (r) => [D([5], r), D([5], r)], target: () => y, ref: cosineEmbeddingRef(-0.5),
  })),
  {
    name: 'MarginRankingCriterion batch', build: () => new nn.MarginRankingCriterion(0.5), input: (r) => [D([8], r), D([8], r)],
    target: (r) => signs(8, r), ref: marginRankingRef(0.5),
  },
  ...[1, -1].map((y): Case => ({
    name: `MarginRankingCriterion single y=${y}`, build: () => new nn.MarginRankingCriterion(), input: (r) => [D([1], r), D([1], r)],
    target: () => y, ref: marginRankingRef(1),
  })),
  {
    name: 'WeightedMSECriterion batch', build: () => new nn.WeightedMSECriterion(new torch.DoubleTensor([1, 2, 0.5])),
    input: (r) => D([4, 3], r), target: (r) => D([4, 3], r),
    ref: (x, t) => mse(true)(x, new torch.DoubleTensor(flat(t as Tensor).map((v, i) => v * [1, 2, 0.5][i % 3]))),
  },
  {
    name: 'WeightedMSECriterion whole-shape weight', build: () => new nn.WeightedMSECriterion(new torch.DoubleTensor([[1, 2], [3, 0.5]])),
    input: (r) => D([2, 2], r), target: (r) => D([2, 2], r),
    ref: (x, t) => mse(true)(x, new torch.DoubleTensor(flat(t as Tensor).map((v, i) => v * [1, 2, 3, 0.5][i]))),
  },
  {
    name: 'ParallelCriterion', input: (r) => [D([4, 3], r), D([4, 5], r)], target: (r) => [D([4, 3], r), classes(4, 5, r)],
    build: () => new nn.ParallelCriterion().add(new nn.MSECriterion(), 0.5).add(new nn.ClassNLLCriterion(), 2),
    ref: (x, t) => {
      const [a, b] = x as Tensor[], [ta, tb] = t as [Tensor, Tensor];
      const r1 = mse(true)(a, ta), r2 = nllRef(flat(b), 5, flat(tb), undefined, true);
      return { loss: 0.5 * r1.loss + 2 * r2.loss, grad: [(r1.grad as number[]).map((v) => 0.5 * v), (r2.grad as number[]).map((v) => 2 * v)] };
    },
  },
  {
    name: 'ParallelCriterion repeatTarget', input: (r) => [D([6], r), D([6], r)], target: (r) => D([6], r),
    build: () => new nn.ParallelCriterion(true).add(new nn.MSECriterion()).add(new nn.AbsCriterion(false), 3),
    ref: (x, t) => {
      const [a, b] = x as Tensor[];
      const r1 = mse(true)(a, t), r2 = pointwiseRef((u, v) => Math.abs(u - v), (u, v) => (u - v >= 0 ? 1 : -1), false)(b, t);
      return { loss: r1.loss + 3 * r2.loss, grad: [r1.grad as number[], (r2.grad as number[]).map((v) => 3 * v)] };
    },
  },
  {
    name: 'MultiCriterion', input: (r) => D([3, 4], r), target: (r) => D([3, 4], r),
    build: () => new nn.MultiCriterion().add(new nn.MSECriterion()).add(new nn.SmoothL1Criterion(false), 0.25),
    ref: (x, t) => {
      const r1 = mse(true)(x, t);
      const r2 = pointwiseRef((u, v) => { const z = Math.abs(u - v); return z < 1 ? 0.5 * z * z : z - 0.5; },
        (u, v) => Math.max(-1, Math.min(1, u - v)), false)(x, t);
      return { loss: r1.loss + 0.25 * r2.loss, grad: (r1.grad as number[]).map((v, i) => v + 0.25 * (r2.grad as number[])[i]) };
    },
  },
  {
    name: 'L1Cost (target ignored)', build: () => new nn.L1Cost(), input: (r) => D([4, 3], r), target: (r) => D([4, 3], r),
    ref: (x) => ({ loss: sum(flat(x as Tensor).map(Math.abs)), grad: flat(x as Tensor).map((v) => (v > 0 ? 1 : v < 0 ? -1 : 0)) }),
  },
  {
    name: 'L1Cost 1-D', build: () => new nn.L1Cost(), input: (r) => D([7], r), target: () => 0,
    ref: (x) => ({ loss: sum(flat(x as Tensor).map(Math.abs)), grad: flat(x as Tensor).map((v) => (v > 0 ? 1 : v < 0 ? -1 : 0)) }),
  },
  {
    name: 'ModuleCriterion(MSECriterion, Tanh, MulConstant(2))',
    build: () => new nn.ModuleCriterion(new nn.MSECriterion(), new nn.Tanh(), new nn.MulConstant(2)),
    input: (r) => D([3, 4], r), target: (r) => D([3, 4], r),
    ref: (x, t) => {
      const th = flat(x as Tensor).map(Math.tanh), y = flat(t as Tensor).map((v) => 2 * v), n = th.length;
      return { loss: sum(th.map((v, i) => (v - y[i]) ** 2)) / n, grad: th.map((v, i) => (2 * (v - y[i]) / n) * (1 - v * v)) };
    },
  },
  {
    name: 'ModuleCriterion(AbsCriterion(false)) without modules',
    build: () => new nn.ModuleCriterion(new nn.AbsCriterion(false)), input: (r) => D([5], r), target: (r) => D([5], r),
    ref: pointwiseRef((x, y) => Math.abs(x - y), (x, y) => (x - y >= 0 ? 1 : -1), false),
  },
  {
    name: 'ModuleCriterion(ClassNLLCriterion, LogSoftMax), class targets',
    build: () => new nn.ModuleCriterion(new nn.ClassNLLCriterion(), new nn.LogSoftMax()),
    input: (r) => D([4, 3], r), target: (r) => classes(4, 3, r), indexTarget: true,
    ref: (x, t) => {
      const ls = logSoftMaxRows(flat(x as Tensor), 3), ts = flat(t as Tensor);
      const loss = -sum(ts.map((c, i) => ls[i * 3 + c - 1])) / 4;
      const grad = ls.map((v, k) => (Math.exp(v) - (ts[Math.floor(k / 3)] === (k % 3) + 1 ? 1 : 0)) / 4);
      return { loss, grad };
    },
  },
];

// ---- helpers -------------------------------------------------------------------------------------

const isTable = (x: unknown): x is any[] => Array.isArray(x);
const mapInput = (x: Input, f: (t: Tensor) => Tensor): Input => (isTable(x) ? x.map(f) : f(x));
/** Converts a target for a float criterion: class targets stay, other tensors become float. */
function floatTarget(t: Target, index: boolean): Target {
  if (t instanceof Tensor) return index ? t : t.float();
  if (isTable(t)) return t.map((v) => (v instanceof Tensor && v.kind.key === 'Double' ? v.float() : v));
  return t;
}

function expectRef(crit: Criterion, input: Input, target: Target, ref: Ref, tol: number): void {
  const loss = crit.forward(input, target);
  expect(loss, 'loss type').to.be.a('number');
  expect(Math.abs(loss - ref.loss) <= tol * (1 + Math.abs(ref.loss)), `loss ${loss} vs ${ref.loss}`).to.equal(true);
  const g = crit.backward(input, target);
  if (isTable(input)) {
    expect(g, 'gradInput table').to.be.an('array').with.length(input.length);
    input.forEach((x, i) => {
      expect(g[i].size().totable(), `gradInput[${i + 1}] size`).to.deep.equal(x.size().totable());
      expectClose(g[i], (ref.grad as number[][])[i], tol);
    });
  } else {
    expect(g.size().totable(), 'gradInput size').to.deep.equal(input.size().totable());
    expectClose(g, ref.grad as number[], tol);
  }
}

/** Central differences of the loss w.r.t. every input element. */
function numericGrad(crit: Criterion, input: Input, target: Target, h = 1e-6): number[][] {
  const tensors = isTable(input) ? input : [input];
  return tensors.map((t) => {
    const out: number[] = [];
    const data = t.storage().data;
    for (let k = 0; k < t.nElement(); k++) {
      const o = t.offset + k; // contiguous inputs only
      const v = data[o];
      data[o] = v + h;
      const fp = crit.forward(input, target);
      data[o] = v - h;
      const fm = crit.forward(input, target);
      data[o] = v;
      out.push((fp - fm) / (2 * h));
    }
    return out;
  });
}

// ---- the specs -----------------------------------------------------------------------------------

describe('nn criteria (plain reference)', () => {
  CASES.forEach((c, k) => {
    describe(c.name, () => {
      it('matches the reference (contiguous input)', () => {
        const rnd = prng(100 + k);
        const input = c.input(rnd), target = c.target(rnd);
        expectRef(c.build(), input, target, c.ref(input, target), 1e-12);
      });

      it('matches the reference on non-contiguous input and target', () => {
        const rnd = prng(200 + k);
        const input = mapInput(c.input(rnd), nonContiguous);
        let target = c.target(rnd);
        if (target instanceof Tensor && target.nElement() > 1) target = nonContiguous(target);
        if (!isTable(input)) expect(input.isContiguous() || input.nElement() === 1).to.equal(input.nElement() === 1);
        if (c.viewsInput) {
          expect(() => c.build().forward(input, target)).to.throw(torch.TorchError, 'expecting a contiguous tensor');
          const contiguous = mapInput(input, (t) => t.clone());
          if (target instanceof Tensor && !target.isContiguous()) {
            expect(() => c.build().forward(contiguous, target)).to.throw(torch.TorchError, 'expecting a contiguous tensor');
          }
          const t2 = target instanceof Tensor ? target.clone() : target;
          expectRef(c.build(), contiguous, t2, c.ref(contiguous, t2), 1e-12);
        } else {
          expectRef(c.build(), input, target, c.ref(input, target), 1e-12);
        }
      });

      it('backward agrees with central differences of forward', () => {
        const rnd = prng(300 + k);
        const input = c.input(rnd), target = c.target(rnd);
        const crit = c.build();
        crit.forward(input, target);
        const g = crit.backward(input, target);
        const analytic = isTable(input) ? (g as Tensor[]).map((t) => flat(t)) : [flat(g as Tensor)];
        const numeric = numericGrad(crit, input, target);
        analytic.forEach((a, i) => expectClose(a, numeric[i], 1e-5));
      });

      it('float(): runs in FloatTensor arithmetic', () => {
        const rnd = prng(400 + k);
        const input = c.input(rnd), target = c.target(rnd);
        const ref = c.ref(input, target);
        const crit = c.build().float();
        const fin = mapInput(input, (t) => t.float());
        const g0 = crit.forward(fin, floatTarget(target, !!c.indexTarget));
        expect(Math.abs(g0 - ref.loss) <= 1e-5 * (1 + Math.abs(ref.loss)), `loss ${g0} vs ${ref.loss}`).to.equal(true);
        const g = crit.backward(fin, floatTarget(target, !!c.indexTarget));
        const gs = isTable(g) ? g : [g];
        gs.forEach((t: Tensor, i: number) => {
          expect(t.type()).to.equal('torch.FloatTensor');
          expectClose(t, isTable(input) ? (ref.grad as number[][])[i] : (ref.grad as number[]), 1e-5);
        });
      });

      it('reuses its gradInput buffer', () => {
        const rnd = prng(500 + k);
        const input = c.input(rnd), target = c.target(rnd);
        const crit = c.build();
        crit.forward(input, target);
        const g1 = crit.backward(input, target);
        const first = isTable(g1) ? g1.map((t: Tensor) => t.storage()) : [g1.storage()];
        crit.forward(input, target);
        const g2 = crit.backward(input, target);
        expect(g2).to.equal(g1);
        const second = isTable(g2) ? g2.map((t: Tensor) => t.storage()) : [g2.storage()];
        second.forEach((s: unknown, i: number) => expect(s, `storage ${i + 1}`).to.equal(first[i]));
      });
    });
  });

  describe('defaults, fields and printing', () => {
    it('sizeAverage and margins default as in Torch', () => {
      expect(new nn.MSECriterion().sizeAverage).to.equal(true);
      expect(new nn.MSECriterion(false).sizeAverage).to.equal(false);
      expect(new nn.AbsCriterion().sizeAverage).to.equal(true);
      expect(new nn.SmoothL1Criterion().sizeAverage).to.equal(true);
      expect(new nn.BCECriterion().sizeAverage).to.equal(true);
      expect(new nn.DistKLDivCriterion().sizeAverage).to.equal(true);
      const nll = new nn.ClassNLLCriterion();
      expect([nll.sizeAverage, nll.ignoreIndex, nll.weights]).to.deep.equal([true, -100, undefined]);
      expect(nll.total_weight_tensor.totable()).to.deep.equal([1]);
      expect(new nn.MarginCriterion().margin).to.equal(1);
      const mm = new nn.MultiMarginCriterion();
      expect([mm.p, mm.margin, mm.sizeAverage]).to.deep.equal([1, 1, true]);
      expect(new nn.HingeEmbeddingCriterion().margin).to.equal(1);
      expect(new nn.L1HingeEmbeddingCriterion().margin).to.equal(1);
      expect(new nn.CosineEmbeddingCriterion().margin).to.equal(0);
      expect(new nn.MarginRankingCriterion().margin).to.equal(1);
      const ce = new nn.CrossEntropyCriterion(undefined, false);
      expect([ce.sizeAverage, ce.nll.sizeAverage, ce.oldSizeAverage]).to.deep.equal([false, false, false]);
    });

    it('prints its Torch class name', () => {
      expect(String(new nn.MSECriterion())).to.equal('nn.MSECriterion');
      expect(String(new nn.ClassNLLCriterion())).to.equal('nn.ClassNLLCriterion');
      expect(new nn.CrossEntropyCriterion().lsm.__typename).to.equal('nn.LogSoftMax');
      expect(String(new nn.ParallelCriterion())).to.equal('nn.ParallelCriterion');
    });

    it('ClassNLLCriterion leaves the total weight in total_weight_tensor', () => {
      const crit = new nn.ClassNLLCriterion(new torch.DoubleTensor(WEIGHTS5));
      crit.forward(D([3, 5], prng(1)), new torch.LongTensor([1, 3, 3]));
      expect(crit.total_weight_tensor.get(1)).to.equal(0.5 + 2 + 2);
    });

    it('ClassNLLCriterion with every target ignored: loss 0, zero gradient', () => {
      const crit = new nn.ClassNLLCriterion(undefined, true, 2);
      const x = D([3, 4], prng(2));
      expect(crit.forward(x, new torch.LongTensor([2, 2, 2]))).to.equal(0);
      expect(crit.total_weight_tensor.get(1)).to.equal(0);
      expect(flat(crit.backward(x, new torch.LongTensor([2, 2, 2])))).to.deep.equal(new Array(12).fill(0));
    });

    it('CrossEntropyCriterion propagates a changed sizeAverage to its ClassNLLCriterion', () => {
      const crit = new nn.CrossEntropyCriterion();
      const x = D([3, 4], prng(3)), t = new torch.LongTensor([1, 4, 2]);
      const avg = crit.forward(x, t);
      crit.sizeAverage = false;
      const total = crit.forward(x, t);
      expect(crit.nll.sizeAverage).to.equal(false);
      expect(Math.abs(total - 3 * avg)).to.be.below(1e-12);
    });

    it('CrossEntropyCriterion squeezes singleton dims and gives gradInput the input shape', () => {
      const crit = new nn.CrossEntropyCriterion();
      const x = D([1, 5], prng(4));
      const loss = crit.forward(x, new torch.LongTensor([[3]]));
      const ref = crossEntropyRef(undefined, true)(x.view(5), 3);
      expect(Math.abs(loss - ref.loss)).to.be.below(1e-12);
      const g = crit.backward(x, new torch.LongTensor([[3]]));
      expect(g.size().totable()).to.deep.equal([1, 5]);
      expectClose(g, ref.grad as number[], 1e-12);
    });

    it('L1HingeEmbeddingCriterion gives a random ±1 sign for equal entries, from the torch RNG', () => {
      const crit = new nn.L1HingeEmbeddingCriterion();
      const a = new torch.DoubleTensor([1, 2, 3]);
      torch.manualSeed(7);
      const g = crit.backward([a, a.clone()], 1) as Tensor[];
      torch.manualSeed(7);
      const expected = [0, 1, 2].map(() => 2 * (torch.random(2) as number) - 3);
      expect(flat(g[0])).to.deep.equal(expected);
      expect(flat(g[1])).to.deep.equal(expected.map((v) => -v));
    });

    it('MultiCriterion keeps its weights in a DoubleStorage and clones', () => {
      const mc = new nn.MultiCriterion().add(new nn.MSECriterion(), 2).add(new nn.AbsCriterion());
      expect(mc.weights.totable()).to.deep.equal([2, 1]);
      const x = D([2, 3], prng(5)), y = D([2, 3], prng(6));
      const c = mc.clone();
      expect(c.weights).to.not.equal(mc.weights);
      expect(c.criterions[0]).to.not.equal(mc.criterions[0]);
      expect(c.forward(x, y)).to.equal(mc.forward(x, y));
    });

    it('clone() gives an independent criterion with the same results', () => {
      const crit = new nn.ClassNLLCriterion(new torch.DoubleTensor(WEIGHTS5));
      const x = D([3, 5], prng(8)), t = new torch.LongTensor([5, 1, 2]);
      const c = crit.clone();
      expect(c.weights).to.not.equal(crit.weights);
      expect(c.forward(x, t)).to.equal(crit.forward(x, t));
      expect(flat(c.backward(x, t))).to.deep.equal(flat(crit.backward(x, t)));
    });

    it('composite criteria convert their children with float()', () => {
      const pc = new nn.ParallelCriterion().add(new nn.MSECriterion()).add(new nn.CrossEntropyCriterion(new torch.DoubleTensor(WEIGHTS5)));
      pc.float();
      const ce = pc.criterions[1] as InstanceType<typeof nn.CrossEntropyCriterion>;
      expect(ce.nll.weights!.type()).to.equal('torch.FloatTensor');
      expect(ce.lsm.output.type()).to.equal('torch.FloatTensor');
      expect(ce.gradInput.type()).to.equal('torch.FloatTensor');
      const ml = new nn.MultiLabelSoftMarginCriterion().float();
      expect(ml.sigmoid.output.type()).to.equal('torch.FloatTensor');
      const cos = new nn.CosineEmbeddingCriterion();
      cos.forward([D([2, 3], prng(9)), D([2, 3], prng(10))], signs(2, prng(11)));
      cos.float();
      expect(cos._idx!.type()).to.equal('torch.ByteTensor');
      expect(cos.w1!.type()).to.equal('torch.FloatTensor');
      const he = new nn.HingeEmbeddingCriterion();
      he.forward(D([3], prng(12), 0, 2), signs(3, prng(13)));
      he.float();
      expect(he._mask!.type()).to.equal('torch.ByteTensor');
      expect(he.buffer!.type()).to.equal('torch.FloatTensor');
    });
  });

  describe("errors, in Torch's words", () => {
    const x43 = (): Tensor => D([4, 3], prng(20));
    const throwsMsg = (f: () => unknown, msg: string | RegExp): void => {
      expect(f).to.throw(torch.TorchError, msg);
    };

    it('pointwise criteria: different numbers of elements', () => {
      const msg = 'input and target have different number of elements: input[4 x 3] has 12 elements, while target[5] has 5 elements';
      for (const C of [nn.MSECriterion, nn.AbsCriterion, nn.SmoothL1Criterion, nn.MarginCriterion, nn.SoftMarginCriterion]) {
        throwsMsg(() => new C().forward(x43(), D([5], prng(1))), msg);
        throwsMsg(() => new C().backward(x43(), D([5], prng(1))), msg);
      }
    });

    it('DistKLDivCriterion: input and target should have the same size', () => {
      throwsMsg(() => new nn.DistKLDivCriterion().forward(x43(), D([12], prng(1))), 'input and target should have the same size');
      throwsMsg(() => new nn.DistKLDivCriterion().backward(x43(), D([3, 4], prng(1))), 'input and target should have the same size');
    });

    it('BCECriterion: size mismatch, inputs outside [0, 1], weights', () => {
      throwsMsg(() => new nn.BCECriterion().forward(x43(), D([5], prng(1))), 'input and target size mismatch');
      throwsMsg(() => new nn.BCECriterion().forward(new torch.DoubleTensor([0.5, 1.5]), new torch.DoubleTensor([0, 1])),
        "Assertion `x >= 0. && x <= 1.' failed. input value should be between 0~1, but got 1.500000");
      throwsMsg(() => new nn.BCECriterion(D([2, 2], prng(1))), 'weights input should be 1-D Tensor');
      throwsMsg(() => new nn.BCECriterion(new torch.DoubleTensor([1, 2])).forward(new torch.DoubleTensor([0.5, 0.5, 0.5]),
        new torch.DoubleTensor([0, 1, 1])), 'input and weights have different number of elements: input[3] has 3 elements, while weights[2] has 2 elements');
    });

    it('ClassNLLCriterion: out-of-range targets, shapes, weights', () => {
      const assertion = "Assertion `cur_target >= 0 && cur_target < n_classes' failed.";
      throwsMsg(() => new nn.ClassNLLCriterion().forward(x43(), new torch.LongTensor([1, 2, 4, 1])), assertion);
      throwsMsg(() => new nn.ClassNLLCriterion().forward(x43(), new torch.LongTensor([1, 0, 2, 1])), assertion);
      throwsMsg(() => new nn.ClassNLLCriterion().forward(D([3], prng(1)), 4), assertion);
      throwsMsg(() => new nn.ClassNLLCriterion().forward(D([3], prng(1)), -1), assertion);
      throwsMsg(() => new nn.ClassNLLCriterion().forward(x43(), new torch.LongTensor([1, 2])),
        "Assertion `THIndexTensor_(size)(target, 0) == batch_size' failed.");
      throwsMsg(() => new nn.ClassNLLCriterion().forward(x43(), new torch.LongTensor([[1, 2], [1, 2]])), 'multi-target not supported');
      throwsMsg(() => new nn.ClassNLLCriterion().forward(D([2, 2, 3], prng(1)), new torch.LongTensor([1, 2])), 'input tensor should be 1D or 2D');
      throwsMsg(() => new nn.ClassNLLCriterion(new torch.DoubleTensor([1, 2])).forward(x43(), new torch.LongTensor([1, 2, 1, 1])),
        'weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: [2]');
      throwsMsg(() => new nn.ClassNLLCriterion(D([2, 2], prng(1))), 'weights input should be 1-D Tensor');
      // backward checks too (after a valid forward)
      const crit = new nn.ClassNLLCriterion();
      crit.forward(x43(), new torch.LongTensor([1, 2, 3, 1]));
      throwsMsg(() => crit.backward(x43(), new torch.LongTensor([1, 2, 9, 1])), assertion);
    });

    it('SpatialClassNLLCriterion: dimensions and sizes', () => {
      const x = D([2, 3, 2, 2], prng(1));
      throwsMsg(() => new nn.SpatialClassNLLCriterion().forward(x, classes(8, 3, prng(2)).view(2, 4)),
        "bad argument #3 to 'SpatialClassNLLCriterion_updateOutput' (only batches of spatial targets supported (3D tensors) but got targets of dimension: 2)");
      throwsMsg(() => new nn.SpatialClassNLLCriterion().forward(D([3, 2, 2], prng(1)), classes(8, 3, prng(2)).view(2, 2, 2)),
        'only batches of spatial inputs supported (4D tensors), but got input of dimension: 3');
      throwsMsg(() => new nn.SpatialClassNLLCriterion().forward(x, classes(12, 3, prng(2)).view(2, 3, 2)),
        "Assertion `input0 == target0 && input2 == target1 && input3 == target2' failed. size mismatch (got input: 2x3x2x2, target: 2x3x2)");
      throwsMsg(() => new nn.SpatialClassNLLCriterion().forward(x, new torch.LongTensor(2, 2, 2).fill(4)),
        "Assertion `cur_target >= 0 && cur_target < n_classes' failed.");
      throwsMsg(() => new nn.SpatialClassNLLCriterion(new torch.DoubleTensor([1, 1])).forward(x, classes(8, 3, prng(2)).view(2, 2, 2)),
        'weight tensor should be defined either for all or no classes');
    });

    it('MultiMarginCriterion: p, input shape, target size and range', () => {
      throwsMsg(() => new nn.MultiMarginCriterion(3), 'only p=1 and p=2 supported');
      throwsMsg(() => new nn.MultiMarginCriterion().forward(D([2, 2, 2], prng(1)), 1),
        "bad argument #2 to 'MultiMarginCriterion_updateOutput' (vector or matrix expected)");
      throwsMsg(() => new nn.MultiMarginCriterion().forward(x43(), new torch.LongTensor([1, 2])),
        "bad argument #3 to 'MultiMarginCriterion_updateOutput' (inconsistent target size)");
      throwsMsg(() => new nn.MultiMarginCriterion().forward(x43(), new torch.LongTensor([1, 2, 4, 1])),
        "bad argument #3 to 'MultiMarginCriterion_updateOutput' (target out of range)");
      throwsMsg(() => new nn.MultiMarginCriterion().forward(D([3], prng(1)), 0), 'target out of range');
      throwsMsg(() => new nn.MultiMarginCriterion().backward(x43(), new torch.LongTensor([1, 2])), 'inconsistent target size');
    });

    it('MultiLabelMarginCriterion: target size and range', () => {
      throwsMsg(() => new nn.MultiLabelMarginCriterion().forward(x43(), new torch.LongTensor([[1, 2, 0]])),
        "bad argument #3 to 'MultiLabelMarginCriterion_updateOutput' (inconsistent target size)");
      throwsMsg(() => new nn.MultiLabelMarginCriterion().forward(D([3], prng(1)), new torch.LongTensor([1, 4, 0])),
        "bad argument #3 to 'MultiLabelMarginCriterion_updateOutput' (target out of range)");
      throwsMsg(() => new nn.MultiLabelMarginCriterion().forward(D([3], prng(1)), new torch.LongTensor([1, -1, 0])), 'target out of range');
      const crit = new nn.MultiLabelMarginCriterion();
      crit.forward(D([3], prng(1)), new torch.LongTensor([1, 0, 0]));
      throwsMsg(() => crit.backward(x43(), new torch.LongTensor(4, 3).fill(1)),
        "bad argument #3 to 'MultiLabelMarginCriterion_updateGradInput' (inconsistent isTarget size)");
    });

    it('CrossEntropyCriterion: a 5-D input is rejected by LogSoftMax', () => {
      throwsMsg(() => new nn.CrossEntropyCriterion().forward(D([2, 2, 2, 2, 2], prng(1)), 1), '1D, 2D, 3D or 4D tensor expected');
    });

    it('MultiLabelSoftMarginCriterion: a non-contiguous input cannot be viewed', () => {
      throwsMsg(() => new nn.MultiLabelSoftMarginCriterion().forward(D([3, 4], prng(1)).t(), D([4, 3], prng(2))), 'expecting a contiguous tensor');
    });
  });
});
