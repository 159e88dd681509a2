/**
 * CPU THNN kernels of nn.IndexLinear (THNN's generic/IndexLinear.c). Samples are runs of (key, value)
 * pairs: `keys` (LongTensor) and `values` concatenated, `sizes[j]` pairs for sample j. Feature k's weight
 * row is `weight[k + keysOffset]` (0-based). With max-normalisation (`weight` has 4 more columns than
 * `bias` has elements) a row holds [max |value|, 1/max, update scale, per-feature bias, weights...].
 * Element-wise as THNN, one sample after another (THNN's OpenMP split only changes the thread).
 */
import { TorchError, argError } from '../../lib/errors.js';
import type { LongTensor, Tensor } from '../../lib/Tensor.js';

type Data = Float64Array | Float32Array;
const data = (t: Tensor): Data => t._storage.data as Data;
/** `real` rounding of the tensor's element type (float32 for FloatTensor). */
const rounder = (t: Tensor): ((x: number) => number) =>
  t._storage.data instanceof Float32Array ? Math.fround : (x: number) => x;
const sign = (a: number): number => (a < 0 ? -1 : a > 0 ? 1 : 0);

function checkKeysValues(fn: string, keys: LongTensor, values: Tensor): void {
  if (!(keys._size[0] === values.nElement() && values._size.length === 1 && keys._size.length === 1)) {
    throw argError(1, fn, 'Keys and values should have the same number of elements');
  }
}

function checkContiguous(fn: string, checks: [Tensor, number, string][]): void {
  for (const [t, n, msg] of checks) if (!t.isContiguous()) throw argError(n, fn, msg);
}

/** The weight row offset of pair `p` (weightStride0 * (key + keysOffset)). */
function rowOf(keys: LongTensor, p: number, keysOffset: number, weight: Tensor): number {
  const key = keys._storage.data[keys.offset + p] as number;
  const row = key + keysOffset;
  if (!(row >= 0 && row < weight._size[0])) {
    // THNN reads out of bounds here; we stop instead
    throw new TorchError(`index out of bound. IndexLinear: key ${key} gives weight row ${row + 1}, not between 1 and ${weight._size[0]}`);
  }
  return weight.offset + weight._stride[0] * row;
}

export const indexlinear = {
  /** output (batch x outDim) = bias + sum over each sample's pairs of value (or its normalised value) * weight row. */
  IndexLinear_updateOutput(keys: LongTensor, keysOffset: number, values: Tensor, sizes: LongTensor, cumSumSizes: LongTensor,
    output: Tensor, weight: Tensor, bias: Tensor, normalizedValues: Tensor, train: number): void {
    const fn = 'IndexLinear_updateOutput';
    const batchSize = sizes._size[0], keysSize = keys._size[0];
    const outDim = bias._size[0], maxNormalize = weight._size[1] - outDim;
    if (maxNormalize) normalizedValues.resize(keysSize);
    output.resize(batchSize, outDim);
    checkContiguous(fn, [[keys, 1, 'keys vector must be contiguous'], [values, 3, 'values vector must be contiguous'],
      [output, 6, 'output vector must be contiguous'], [weight, 7, 'weight matrix must be contiguous'],
      [bias, 8, 'bias vector must be contiguous']]);
    checkKeysValues(fn, keys, values);
    if (!normalizedValues.isContiguous()) throw argError(9, fn, 'normalizedValues vector must be contiguous');
    const R = rounder(output);
    const od = data(output), vd = data(values), wd = data(weight), bd = data(bias), nd = data(normalizedValues);
    const sd = sizes._storage.data, cd = cumSumSizes._storage.data;
    const vo = values.offset, oo = output.offset, bo = bias.offset, no = normalizedValues.offset;
    for (let j = 0; j < batchSize; j++) {
      let offset = j === 0 ? 0 : (cd[cumSumSizes.offset + j - 1] as number);
      const n = sd[sizes.offset + j] as number;
      const acc = new Array<number>(outDim);
      for (let k = 0; k < outDim; k++) acc[k] = bd[bo + k];
      let dot = 0;
      for (let i = 0; i < n; i++, offset++) {
        const woff = rowOf(keys, offset, keysOffset, weight);
        let val = vd[vo + offset];
        let w0 = woff;
        if (maxNormalize) {
          const absVal = Math.abs(val);
          if (train) {
            if (absVal > wd[woff]) { wd[woff] = absVal; wd[woff + 1] = R(1 / absVal); }
            wd[woff + 2] = 1;
          }
          val = R((absVal > wd[woff] ? sign(val) : R(val * wd[woff + 1])) + wd[woff + 3]);
          nd[no + offset] = val;
          w0 = woff + maxNormalize;
        }
        if (outDim === 1) dot = R(dot + R(val * wd[w0]));
        else for (let k = 0; k < outDim; k++) acc[k] = R(acc[k] + R(wd[w0 + k] * val));
      }
      if (outDim === 1) od[oo + j] = R(bd[bo] + dot);
      else for (let k = 0; k < outDim; k++) od[oo + j * outDim + k] = acc[k];
    }
  },

  /**
   * The dense per-pair gradient buffer: gradWeight (keysSize x outDim, or x 2·outDim with normalisation:
   * [scale·gradOutput, scale·value·gradOutput] per pair) is overwritten; gradBias += scale · gradOutput.
   */
  IndexLinear_accGradParameters(keys: LongTensor, _keysOffset: number, values: Tensor, sizes: LongTensor, _cumSumSizes: LongTensor,
    gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor, weight: Tensor, bias: Tensor, valuesBuffer: Tensor,
    _weightDecay: number, ascale: number): void {
    const fn = 'IndexLinear_accGradParameters';
    const batchSize = sizes._size[0], keysSize = keys._size[0];
    const outDim = bias._size[0], maxNormalize = weight._size[1] - outDim > 0 ? 1 : 0;
    checkKeysValues(fn, keys, values);
    gradWeight.resize(keysSize, outDim * (maxNormalize ? 2 : 1));
    checkContiguous(fn, [[keys, 1, 'keys vector must be contiguous'], [values, 3, 'values vector must be contiguous'],
      [gradOutput, 6, 'gradOutput vector must be contiguous'], [gradWeight, 7, 'gradWeight must be contiguous'],
      [gradBias, 8, 'gradBias vector must be contiguous'], [weight, 9, 'weight must be contiguous'],
      [bias, 10, 'bias vector must be contiguous'], [valuesBuffer, 11, 'valuesBuffer must be contiguous']]);
    const R = rounder(gradWeight);
    const scale = R(ascale);
    const gd = data(gradOutput), vd = data(values), gw = data(gradWeight), gb = data(gradBias);
    const go = gradOutput.offset, vo = values.offset, wo = gradWeight.offset, bo = gradBias.offset;
    const sd = sizes._storage.data;
    let start = 0;
    for (let j = 0; j < batchSize; j++) {
      const n = sd[sizes.offset + j] as number;
      if (outDim === 1) {
        const val = R(gd[go + j] * scale);
        for (let i = 0; i < n; i++) {
          const p = start + i;
          if (maxNormalize) { gw[wo + 2 * p] = val; gw[wo + 2 * p + 1] = R(val * vd[vo + p]); }
          else gw[wo + p] = R(val * vd[vo + p]);
        }
        gb[bo] = R(gb[bo] + val);
      } else {
        for (let k = 0; k < outDim; k++) gb[bo + k] = R(gb[bo + k] + R(scale * gd[go + j * outDim + k]));
        for (let i = 0; i < n; i++) {
          const p = start + i;
          const val = R(vd[vo + p] * scale);
          let row = wo + p * outDim * (maxNormalize ? 2 : 1);
          if (maxNormalize) {
            for (let k = 0; k < outDim; k++) gw[row + k] = R(gd[go + j * outDim + k] * scale);
            row += outDim;
          }
          for (let k = 0; k < outDim; k++) gw[row + k] = R(val * gd[go + j * outDim + k]);
        }
      }
      start += n;
    }
  },

  /** The direct update (weight/bias -= scale · gradient of this batch), with sparse weight decay. */
  IndexLinear_accUpdateGradParameters(keys: LongTensor, keysOffset: number, values: Tensor, sizes: LongTensor, _cumSumSizes: LongTensor,
    gradOutput: Tensor, weight: Tensor, bias: Tensor, aweightDecay: number, ascale: number): void {
    const fn = 'IndexLinear_accUpdateGradParameters';
    const batchSize = sizes._size[0];
    const outDim = bias._size[0], maxNormalize = weight._size[1] - outDim;
    checkKeysValues(fn, keys, values);
    checkContiguous(fn, [[keys, 1, 'keys vector must be contiguous'], [values, 3, 'values vector must be contiguous'],
      [gradOutput, 6, 'gradOutput vector must be contiguous'], [weight, 7, 'weight matrix must be contiguous'],
      [bias, 8, 'bias matrix must be contiguous']]);
    const R = rounder(weight);
    const scale = R(ascale), weightDecay = R(aweightDecay);
    const gd = data(gradOutput), vd = data(values), w = data(weight), b = data(bias);
    const go = gradOutput.offset, vo = values.offset, bo = bias.offset;
    const sd = sizes._storage.data;
    let offset = 0;
    if (outDim === 1) {
      for (let j = 0; j < batchSize; j++) {
        const val = R(gd[go + j] * scale);
        b[bo] = R(b[bo] - val);
        for (let i = 0; i < (sd[sizes.offset + j] as number); i++, offset++) {
          const idx = rowOf(keys, offset, keysOffset, weight) + maxNormalize;
          if (maxNormalize) {
            w[idx - 1] = R(w[idx - 1] - R(R(w[idx] * val) * w[idx - 2]));
            w[idx] = R(w[idx] - R(R(R(val * vd[vo + offset]) - R(weightDecay * w[idx])) * w[idx - 2]));
          } else {
            w[idx] = R(w[idx] - R(R(val * vd[vo + offset]) + R(w[idx] * weightDecay)));
          }
        }
      }
      if (maxNormalize) {
        offset = 0;
        for (let j = 0; j < batchSize; j++) {
          for (let i = 0; i < (sd[sizes.offset + j] as number); i++, offset++) w[rowOf(keys, offset, keysOffset, weight) + maxNormalize - 2] = 0;
        }
      }
      return;
    }
    for (let j = 0; j < batchSize; j++) {
      const g = go + j * outDim;
      for (let k = 0; k < outDim; k++) b[bo + k] = R(b[bo + k] - R(scale * gd[g + k]));
      for (let i = 0; i < (sd[sizes.offset + j] as number); i++, offset++) {
        let val = R(vd[vo + offset] * scale);
        let wdk = weightDecay;
        let lw: number;
        if (maxNormalize) {
          const base = rowOf(keys, offset, keysOffset, weight) + maxNormalize - 2;
          val = R(val * w[base]);
          wdk = R(wdk * w[base]);
          for (let k = 0; k < outDim; k++) w[base + 1] = R(w[base + 1] - R(R(R(w[base + k + 2] * scale) * gd[g + k]) * w[base]));
          lw = base + 2;
        } else {
          lw = rowOf(keys, offset, keysOffset, weight);
        }
        if (weightDecay) for (let k = 0; k < outDim; k++) w[lw + k] = R(w[lw + k] - R(wdk * w[lw + k]));
        for (let k = 0; k < outDim; k++) w[lw + k] = R(w[lw + k] - R(val * gd[g + k]));
      }
    }
  },

  /** bias -= lr · gradBias; each running key's weight row -= lr · its gradWeight row (sparse weight decay). */
  IndexLinear_updateParameters(gradWeight: Tensor, gradBias: Tensor, weight: Tensor, bias: Tensor, runningKeys: LongTensor,
    _cumSumSizes: LongTensor, keysOffset: number, aweightDecay: number, alearningRate: number): void {
    const fn = 'IndexLinear_updateParameters';
    const outDim = bias._size[0], maxNormalize = weight._size[1] - outDim;
    const keysSize = runningKeys._size[0];
    checkContiguous(fn, [[gradWeight, 1, 'gradWeight must be contiguous'], [gradBias, 2, 'gradBias vector must be contiguous'],
      [weight, 3, 'gradBias vector must be contiguous'], [bias, 4, 'gradBias vector must be contiguous'],
      [runningKeys, 5, 'keys vector must be contiguous']]);
    const R = rounder(weight);
    const learningRate = R(alearningRate), weightDecay = R(aweightDecay);
    const gw = data(gradWeight), w = data(weight), gb = data(gradBias), b = data(bias);
    const wo = gradWeight.offset;
    for (let k = 0; k < outDim; k++) b[bias.offset + k] = R(b[bias.offset + k] + R(-learningRate * gb[gradBias.offset + k]));
    for (let j = 0; j < keysSize; j++) {
      const woff = rowOf(runningKeys, j, keysOffset, weight);
      if (outDim === 1) {
        if (maxNormalize) {
          const x = woff + maxNormalize;
          const lr = R(learningRate * w[x - 2]);
          w[x - 1] = R(w[x - 1] - R(R(w[x] * gw[wo + 2 * j]) * lr));
          w[x] = R(w[x] - (weightDecay ? R(R(gw[wo + 2 * j + 1] * lr) - R(R(weightDecay * w[x - 2]) * w[x])) : R(gw[wo + 2 * j + 1] * lr)));
        } else {
          w[woff] = R(w[woff] - (weightDecay ? R(R(gw[wo + j] * learningRate) + R(weightDecay * w[woff])) : R(gw[wo + j] * learningRate)));
        }
        continue;
      }
      let lr = learningRate, wdk = weightDecay;
      let g = wo + j * outDim;
      let lw = woff;
      if (maxNormalize) {
        g += j * outDim;
        const base = woff + maxNormalize - 2;
        lr = R(lr * w[base]);
        wdk = R(weightDecay * w[base]);
        for (let k = 0; k < outDim; k++) w[base + 1] = R(w[base + 1] - R(R(gw[g + k] * w[base + 2 + k]) * lr));
        lw = base + 2;
        g += outDim;
      }
      if (weightDecay) for (let k = 0; k < outDim; k++) w[lw + k] = R(w[lw + k] - R(w[lw + k] * wdk));
      for (let k = 0; k < outDim; k++) w[lw + k] = R(w[lw + k] - R(gw[g + k] * lr));
    }
  },
};
