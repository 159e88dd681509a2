/**
 * CPU THNN kernels of the criteria (THNN's generic/MSECriterion.c, AbsCriterion.c, SmoothL1Criterion.c,
 * ClassNLLCriterion.c, SpatialClassNLLCriterion.c, BCECriterion.c, DistKLDivCriterion.c,
 * MarginCriterion.c, SoftMarginCriterion.c, MultiMarginCriterion.c, MultiLabelMarginCriterion.c).
 * Losses are written into `output[1]` (a one-element tensor), as THNN does; class targets are 1-based.
 */
import { runs2, runs3 } from '../../lib/apply.js';
import { argError, TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { map2 } from './loops.js';
import { assertion, checkClassNLL, checkNElement, checkScalarBuffer, checkSpatial, count, frames } from './criterion-checks.js';

/** Sum over the element pairs of a and b in row-major order (TH_TENSOR_APPLY2). */
function sum2(a: Tensor, b: Tensor, f: (x: number, y: number) => number): number {
  const x = a._storage.data, y = b._storage.data;
  let sum = 0;
  if (a.isContiguous() && b.isContiguous()) {
    const n = count(a), ao = a.offset, bo = b.offset;
    for (let i = 0; i < n; i++) sum += f(x[ao + i], y[bo + i]);
    return sum;
  }
  runs2(a, b, (pa, sa, pb, sb, len) => {
    for (let i = 0; i < len; i++, pa += sa, pb += sb) sum += f(x[pa], y[pb]);
  });
  return sum;
}

/** Sum over the element triples of a, b and c in row-major order (TH_TENSOR_APPLY3). */
function sum3(a: Tensor, b: Tensor, c: Tensor, f: (x: number, y: number, z: number) => number): number {
  const x = a._storage.data, y = b._storage.data, z = c._storage.data;
  let sum = 0;
  if (a.isContiguous() && b.isContiguous() && c.isContiguous()) {
    const n = count(a), ao = a.offset, bo = b.offset, co = c.offset;
    for (let i = 0; i < n; i++) sum += f(x[ao + i], y[bo + i], z[co + i]);
    return sum;
  }
  runs3(a, b, c, (pa, sa, pb, sb, pc, sc, len) => {
    for (let i = 0; i < len; i++, pa += sa, pb += sb, pc += sc) sum += f(x[pa], y[pb], z[pc]);
  });
  return sum;
}

/** Writes a loss into the one-element output buffer (THTensor_set1d(output, 0, v)). */
function setLoss(output: Tensor, v: number): void {
  output._storage.data[output.offset] = v;
}

/** A pointwise loss kernel pair: `loss(x, y)` summed, `grad(x, y, norm)` per element. */
function pointwise(
  loss: (x: number, y: number) => number,
  grad: (x: number, y: number, norm: number) => number,
  gradScale = 1,
) {
  return {
    updateOutput(input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean): void {
      checkNElement(input, target, 'input', 'target');
      checkScalarBuffer(output, 'output');
      let sum = sum2(input, target, loss);
      if (sizeAverage) sum /= count(input);
      setLoss(output, sum);
    },
    updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, sizeAverage: boolean): void {
      checkNElement(input, target, 'input', 'target');
      const norm = sizeAverage ? gradScale / count(input) : gradScale;
      gradInput.resizeAs(input);
      map2(gradInput, input, target, (x, y) => grad(x, y, norm));
    },
  };
}

const mse = pointwise((x, y) => (x - y) * (x - y), (x, y, norm) => norm * (x - y), 2);
const abs = pointwise((x, y) => Math.abs(x - y), (x, y, norm) => (x - y >= 0 ? norm : -norm));
const smoothL1 = pointwise(
  (x, y) => { const z = Math.abs(x - y); return z < 1 ? 0.5 * z * z : z - 0.5; },
  (x, y, norm) => { const d = x - y; return d < -1 ? -norm : d > 1 ? norm : norm * d; },
);
const distKLDiv = pointwise(
  (x, y) => (y > 0 ? y * (Math.log(y) - x) : 0),
  (_x, y, norm) => (y > 0 ? -norm * y : 0),
);
const softMargin = pointwise(
  (x, y) => Math.log(1 + Math.exp(-x * y)),
  (x, y, norm) => { const z = Math.exp(-y * x); return -norm * y * z / (1 + z); },
);

const BCE_EPS = 1e-12;

/** The 0-based class of `target[i]`, checked against the range unless it is the ignored index. */
function classAt(t: Tensor, i: number, nClasses: number, ignore: number): number {
  const c = t._storage.data[t.offset + i * (t._stride[0] ?? 1)] - 1;
  if (c !== ignore && !(c >= 0 && c < nClasses)) throw assertion('cur_target >= 0 && cur_target < n_classes');
  return c;
}

/** MultiMargin's target checks: returns the contiguous targets. */
function multiMarginTargets(fn: string, input: Tensor, target: Tensor, checkRange: boolean): Tensor {
  const [nframe, dim] = frames(fn, input);
  if (input._size.length === 2 && !(target._size.length === 1 && target._size[0] === nframe)) {
    throw argError(3, fn, 'inconsistent target size');
  }
  const t = target.contiguous();
  if (checkRange) {
    if (count(t) < nframe) throw argError(1, 'get1d', 'index out of bound');
    for (let i = 0; i < nframe; i++) {
      const idx = t._storage.data[t.offset + i];
      if (!(idx >= 1 && idx < dim + 1)) throw argError(3, fn, 'target out of range');
    }
  }
  return t;
}

/** MultiLabelMargin's target checks: returns the contiguous targets. */
function multiLabelTargets(fn: string, input: Tensor, target: Tensor): Tensor {
  const [nframe, dim] = frames(fn, input);
  const ok = input._size.length === 1
    ? target._size.length === 1 && target._size[0] === dim
    : target._size.length === 2 && target._size[0] === nframe && target._size[1] === dim;
  if (!ok) throw argError(3, fn, 'inconsistent target size');
  const t = target.contiguous();
  const d = t._storage.data, n = count(t);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) { const v = d[t.offset + i]; if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!(lo >= 0)) throw argError(3, fn, 'target out of range');
  if (!(hi < dim + 1)) throw argError(3, fn, 'target out of range');
  return t;
}

export const criterion = {
  MSECriterion_updateOutput: mse.updateOutput,
  MSECriterion_updateGradInput: mse.updateGradInput,
  AbsCriterion_updateOutput: abs.updateOutput,
  AbsCriterion_updateGradInput: abs.updateGradInput,
  SmoothL1Criterion_updateOutput: smoothL1.updateOutput,
  SmoothL1Criterion_updateGradInput: smoothL1.updateGradInput,
  DistKLDivCriterion_updateOutput: distKLDiv.updateOutput,
  DistKLDivCriterion_updateGradInput: distKLDiv.updateGradInput,
  SoftMarginCriterion_updateOutput: softMargin.updateOutput,
  SoftMarginCriterion_updateGradInput: softMargin.updateGradInput,

  MarginCriterion_updateOutput(input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean, margin: number): void {
    checkNElement(input, target, 'input', 'target');
    checkScalarBuffer(output, 'output');
    let sum = sum2(input, target, (x, y) => { const z = margin - x * y; return z > 0 ? z : 0; });
    if (sizeAverage) sum /= count(input);
    setLoss(output, sum);
  },
  MarginCriterion_updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, sizeAverage: boolean, margin: number): void {
    checkNElement(input, target, 'input', 'target');
    const norm = sizeAverage ? 1 / count(input) : 1;
    gradInput.resizeAs(input);
    map2(gradInput, input, target, (x, y) => (x * y < margin ? -norm * y : 0));
  },

  /** `-(log(x + eps)·y + log(1 - x + eps)·(1 - y))·w`, eps = 1e-12; weights (optional) shaped like input. */
  BCECriterion_updateOutput(input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean, weights?: Tensor): void {
    checkNElement(input, target, 'input', 'target');
    checkNElement(input, weights, 'input', 'weights');
    checkScalarBuffer(output, 'output');
    const term = (x: number, y: number): number => {
      if (!(x >= 0 && x <= 1)) throw assertion('x >= 0. && x <= 1.', `input value should be between 0~1, but got ${x.toFixed(6)}`);
      return Math.log(x + BCE_EPS) * y + Math.log(1 - x + BCE_EPS) * (1 - y);
    };
    let sum = weights ? -sum3(input, target, weights, (x, y, w) => term(x, y) * w) : -sum2(input, target, term);
    if (sizeAverage) sum /= count(input);
    setLoss(output, sum);
  },
  BCECriterion_updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, sizeAverage: boolean, weights?: Tensor): void {
    checkNElement(input, target, 'input', 'target');
    checkNElement(input, weights, 'input', 'weights');
    const norm = sizeAverage ? 1 / count(input) : 1;
    gradInput.resizeAs(input);
    map2(gradInput, input, target, (x, y) => -norm * (y - x) / ((1 - x + BCE_EPS) * (x + BCE_EPS)));
    if (weights) gradInput.cmul(gradInput, weights);
  },

  /** -input[target]·w[target], summed (and divided by the total weight with sizeAverage); ignoreIndex skips a class. */
  ClassNLLCriterion_updateOutput(input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean,
    weights: Tensor | undefined, totalWeight: Tensor, ignoreIndex: number): void {
    checkScalarBuffer(output, 'output');
    checkScalarBuffer(totalWeight, 'total_weight');
    const nClasses = checkClassNLL(input, target, weights, true);
    const ignore = ignoreIndex - 1;
    const inp = input.contiguous(), x = inp._storage.data, xo = inp.offset;
    const wc = weights?.contiguous(), w = wc?._storage.data, wo = wc?.offset ?? 0;
    let out = 0, total = 0;
    if (input._size.length === 1) {
      const c = classAt(target, 0, nClasses, ignore);
      if (c !== ignore) {
        total = w ? w[wo + c] : 1;
        out = -x[xo + c] * total;
      }
    } else {
      const batch = input._size[0];
      for (let i = 0; i < batch; i++) {
        const c = classAt(target, i, nClasses, ignore);
        if (c === ignore) continue;
        const cw = w ? w[wo + c] : 1;
        total += cw;
        out -= x[xo + i * nClasses + c] * cw;
      }
    }
    if (sizeAverage && total) out /= total;
    setLoss(output, out);
    setLoss(totalWeight, total);
  },
  /** Writes -w[target] (or -w/total_weight) at each target; gradInput must be zeroed and shaped like input. */
  ClassNLLCriterion_updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, sizeAverage: boolean,
    weights: Tensor | undefined, totalWeight: Tensor, ignoreIndex: number): void {
    if (!gradInput.isContiguous()) throw new TorchError('gradInput must be contiguous');
    const total = totalWeight._storage.data[totalWeight.offset];
    if (!(total > 0)) return;
    const nClasses = checkClassNLL(input, target, weights, false);
    const ignore = ignoreIndex - 1;
    const wc = weights?.contiguous(), w = wc?._storage.data, wo = wc?.offset ?? 0;
    const g = gradInput._storage.data, go = gradInput.offset;
    if (input._size.length === 1) {
      const c = classAt(target, 0, nClasses, ignore);
      if (c !== ignore) g[go + c] = !sizeAverage && w ? -w[wo + c] : -1;
    } else {
      const batch = input._size[0];
      for (let i = 0; i < batch; i++) {
        const c = classAt(target, i, nClasses, ignore);
        if (c === ignore) continue;
        let v = -(w ? w[wo + c] : 1);
        if (sizeAverage && total) v /= total;
        g[go + i * nClasses + c] = v;
      }
    }
  },

  /** ClassNLL over every pixel of a batch x classes x H x W input with a batch x H x W target. */
  SpatialClassNLLCriterion_updateOutput(input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean,
    weights: Tensor | undefined, totalWeight: Tensor): void {
    checkSpatial('SpatialClassNLLCriterion_updateOutput', input, target, weights);
    const inp = input.contiguous(), x = inp._storage.data, xo = inp.offset;
    const tc = target.contiguous(), t = tc._storage.data, to = tc.offset;
    const wc = weights?.contiguous(), w = wc?._storage.data, wo = wc?.offset ?? 0;
    const [batch, nClasses, h, wd] = input._size;
    const mapSize = h * wd, sampleSize = mapSize * nClasses;
    let total = 0, out = 0;
    for (let b = 0; b < batch; b++) {
      for (let e = 0; e < mapSize; e++) {
        const c = t[to + b * mapSize + e] - 1;
        if (!(c >= 0 && c < nClasses)) throw assertion('cur_target >= 0 && cur_target < n_classes');
        const cw = w ? w[wo + c] : 1;
        total += cw;
        out -= x[xo + b * sampleSize + c * mapSize + e] * cw;
      }
    }
    if (sizeAverage && total) out /= total;
    setLoss(output, out);
    setLoss(totalWeight, total);
  },
  SpatialClassNLLCriterion_updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, sizeAverage: boolean,
    weights: Tensor | undefined, totalWeight: Tensor): void {
    const fn = 'SpatialClassNLLCriterion_updateGradInput';
    checkSpatial(fn, input, target, weights);
    if (!gradInput.isContiguous()) throw argError(4, fn, 'gradInput must be contiguous');
    const total = totalWeight._storage.data[totalWeight.offset];
    if (total <= 0) return;
    const tc = target.contiguous(), t = tc._storage.data, to = tc.offset;
    const wc = weights?.contiguous(), w = wc?._storage.data, wo = wc?.offset ?? 0;
    const g = gradInput._storage.data, go = gradInput.offset;
    const [batch, nClasses, h, wd] = input._size;
    const mapSize = h * wd, sampleSize = mapSize * nClasses;
    const normalize = sizeAverage ? total : 1;
    for (let b = 0; b < batch; b++) {
      for (let e = 0; e < mapSize; e++) {
        const c = t[to + b * mapSize + e] - 1;
        if (!(c >= 0 && c < nClasses)) throw assertion('cur_target >= 0 && cur_target < n_classes');
        g[go + b * sampleSize + c * mapSize + e] = -(w ? w[wo + c] : 1) / normalize;
      }
    }
  },

  /** Multi-class hinge: sum over d != y of max(0, margin - x[y] + x[d])^p (·w[y]), / dim (/ nframe). */
  MultiMarginCriterion_updateOutput(input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean,
    p: number, weights: Tensor | undefined, margin: number): void {
    const fn = 'MultiMarginCriterion_updateOutput';
    const [nframe, dim] = frames(fn, input);
    const t = multiMarginTargets(fn, input, target, true);
    const inp = input.contiguous(), x = inp._storage.data;
    const wc = weights?.contiguous(), w = wc?._storage.data, wo = wc?.offset ?? 0;
    const td = t._storage.data;
    let sum = 0;
    for (let f = 0, xo = inp.offset; f < nframe; f++, xo += dim) {
      const ti = td[t.offset + f] - 1;
      const xt = x[xo + ti];
      for (let d = 0; d < dim; d++) {
        if (d === ti) continue;
        const z = margin - xt + x[xo + d];
        if (z > 0) {
          let h = p === 1 ? z : z * z;
          if (w) h *= w[wo + ti];
          sum += h;
        }
      }
    }
    sum /= dim;
    if (sizeAverage) sum /= nframe;
    setLoss(output, sum);
  },
  MultiMarginCriterion_updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, sizeAverage: boolean,
    p: number, weights: Tensor | undefined, margin: number): void {
    const fn = 'MultiMarginCriterion_updateGradInput';
    const [nframe, dim] = frames(fn, input);
    const t = multiMarginTargets(fn, input, target, false);
    const g = sizeAverage ? 1 / (nframe * dim) : 1 / dim;
    const inp = input.contiguous(), x = inp._storage.data;
    gradInput.resizeAs(input);
    const gd = gradInput._storage.data;
    const wc = weights?.contiguous(), w = wc?._storage.data, wo = wc?.offset ?? 0;
    const td = t._storage.data;
    for (let f = 0, xo = inp.offset, go = gradInput.offset; f < nframe; f++, xo += dim, go += dim) {
      const ti = td[t.offset + f] - 1;
      if (!(ti >= 0 && ti < dim)) throw argError(3, fn, 'target out of range');
      const xt = x[xo + ti];
      let gt = 0;
      for (let d = 0; d < dim; d++) {
        if (d === ti) continue;
        const z = margin - xt + x[xo + d];
        if (z > 0) {
          let h = p === 1 ? g : 2 * g * z;
          if (w) h *= w[wo + ti];
          gt -= h;
          gd[go + d] = h;
        } else {
          gd[go + d] = 0;
        }
      }
      gd[go + ti] = gt;
    }
  },

  /** Multi-label hinge: targets are 1-based classes, ended by the first 0; isTarget marks them. */
  MultiLabelMarginCriterion_updateOutput(input: Tensor, target: Tensor, output: Tensor, isTarget: Tensor,
    sizeAverage: boolean): void {
    const fn = 'MultiLabelMarginCriterion_updateOutput';
    const [nframe, dim] = frames(fn, input);
    const t = multiLabelTargets(fn, input, target);
    const inp = input.contiguous(), x = inp._storage.data;
    isTarget.resize(target._size).zero();
    const it = isTarget._storage.data, td = t._storage.data;
    let sum = 0;
    for (let f = 0; f < nframe; f++) {
      const xo = inp.offset + f * dim, to = t.offset + f * dim, io = isTarget.offset + f * dim;
      for (let k = 0; k < dim; k++) {
        const c = td[to + k] - 1;
        if (c < 0) break;
        it[io + c] = 1;
      }
      for (let k = 0; k < dim; k++) {
        const c = td[to + k] - 1;
        if (c < 0) break;
        const xt = x[xo + c];
        for (let d = 0; d < dim; d++) {
          if (it[io + d]) continue;
          const z = 1 - xt + x[xo + d];
          if (z > 0) sum += z;
        }
      }
    }
    sum /= dim;
    if (sizeAverage) sum /= nframe;
    setLoss(output, sum);
  },
  MultiLabelMarginCriterion_updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, isTarget: Tensor,
    sizeAverage: boolean): void {
    const fn = 'MultiLabelMarginCriterion_updateGradInput';
    const [nframe, dim] = frames(fn, input);
    const t = multiLabelTargets(fn, input, target);
    const isOk = input._size.length === 1
      ? isTarget._size.length === 1 && isTarget._size[0] === dim
      : isTarget._size.length === 2 && isTarget._size[0] === nframe && isTarget._size[1] === dim;
    if (!isOk) throw argError(3, fn, 'inconsistent isTarget size');
    const ic = isTarget.contiguous(), it = ic._storage.data, n = count(ic);
    for (let i = 0; i < n; i++) {
      const v = it[ic.offset + i];
      if (!(v >= 0 && v <= 1)) throw argError(3, fn, 'isTarget out of range');
    }
    const g = sizeAverage ? 1 / (nframe * dim) : 1 / dim;
    const inp = input.contiguous(), x = inp._storage.data, td = t._storage.data;
    gradInput.resizeAs(input).zero();
    const gd = gradInput._storage.data;
    for (let f = 0; f < nframe; f++) {
      const xo = inp.offset + f * dim, to = t.offset + f * dim, io = ic.offset + f * dim, go = gradInput.offset + f * dim;
      for (let k = 0; k < dim; k++) {
        const c = td[to + k] - 1;
        if (c < 0) break;
        const xt = x[xo + c];
        for (let d = 0; d < dim; d++) {
          if (it[io + d]) continue;
          if (1 - xt + x[xo + d] > 0) {
            gd[go + c] -= g;
            gd[go + d] += g;
          }
        }
      }
    }
  },
};
