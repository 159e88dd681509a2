/**
 * CPU THNN kernels of nn.LookupTable (THNN's generic/LookupTable.c): accGradParameters (repeated
 * indices accumulate, optional 1/frequency scaling, a padding index that gets no gradient) and renorm
 * (rows looked up are rescaled to at most maxNorm). Indices are 1-based LongTensor values, as in Torch.
 * Signatures are THNN.h's without the state argument.
 */
import { TorchError } from '../../lib/errors.js';
import type { IntTensor, LongTensor, Tensor } from '../../lib/Tensor.js';
import { sizeDesc } from './transfer.js';

/** THNN's range check on the (contiguous) index values `d[off .. off+n)`: 1 <= v < numw + 1. */
function checkRange(d: ArrayLike<number>, off: number, n: number, numw: number, what: string): void {
  for (let i = 0; i < n; i++) {
    const v = d[off + i];
    if (!(v >= 1 && v < numw + 1)) {
      throw new TorchError(`${what} in the range 1 <= input < ${numw + 1}, but got input of value: ${v}`);
    }
  }
}

/** `real` rounding of the tensor's element type (float32 for FloatTensor). */
const rounder = (t: Tensor): ((x: number) => number) =>
  t._storage.data instanceof Float32Array ? Math.fround : (x: number) => x;

export const lookup = {
  /**
   * gradWeight[input[i]] += scale * gradOutput[i] for every i (row by row, in order) whose index is not
   * `paddingValue`; with `scaleGradByFreq` each row's scale is divided by how often its index occurs
   * (counted into `count`). `sorted` and `indices` are the CUDA buffers (unused here).
   */
  LookupTable_accGradParameters(input: LongTensor, gradOutput: Tensor, gradWeight: Tensor, count: IntTensor,
    _sorted: Tensor | null | undefined, _indices: LongTensor | null | undefined, scaleGradByFreq: boolean,
    paddingValue: number, ascale: number): void {
    const R = rounder(gradWeight);
    const scale = R(ascale);
    if (scaleGradByFreq) count.resize(gradWeight.size(1));
    if (!gradWeight.isContiguous()) throw new TorchError('gradWeight must be contiguous');
    if (!input.isContiguous()) throw new TorchError('input must be contiguous');
    if (input.dim() !== 1 && input.dim() !== 2) {
      throw new TorchError(`input must be a vector or matrix, but is of shape: ${sizeDesc(input)}`);
    }
    const idx = input._storage.data, ioff = input.offset, numel = input.nElement();
    const numw = gradWeight.size(1);
    checkRange(idx, ioff, numel, numw, 'inputs need to be');
    const stride = gradWeight._stride[0];
    if (gradOutput.nElement() < numel * stride) {
      throw new TorchError(`gradOutput must have ${numel * stride} elements (input ${sizeDesc(input)} x ${stride}), ` +
        `but is of shape: ${sizeDesc(gradOutput)}`);
    }
    const go = gradOutput.isContiguous() ? gradOutput : gradOutput.contiguous();
    const g = go._storage.data, goff = go.offset;
    const w = gradWeight._storage.data, woff = gradWeight.offset;
    let cnt: Int32Array | undefined;
    let coff = 0;
    if (scaleGradByFreq) {
      cnt = count._storage.data as Int32Array;
      coff = count.offset;
      for (let i = 0; i < numel; i++) cnt[coff + idx[ioff + i] - 1] = 0;
      for (let i = 0; i < numel; i++) cnt[coff + idx[ioff + i] - 1]++;
    }
    for (let i = 0; i < numel; i++) {
      const v = idx[ioff + i];
      if (v === paddingValue) continue;
      const k = v - 1;
      const s = cnt ? R(scale / cnt[coff + k]) : scale;
      const src = goff + i * stride, dst = woff + k * stride;
      for (let j = 0; j < stride; j++) w[dst + j] += s * g[src + j];
    }
  },

  /**
   * Rescales each distinct row `idx` of `weight` whose normType-norm exceeds maxNorm to norm
   * maxNorm / (norm + 1e-7) times its own. Sorts and de-duplicates `idx` in place, as THNN does.
   */
  LookupTable_renorm(idx: LongTensor, weight: Tensor, maxNorm_: number, normType_: number): void {
    const R = rounder(weight);
    const maxNorm = R(maxNorm_), normType = R(normType_);
    if (!weight.isContiguous()) throw new TorchError('weight must be contiguous');
    if (!idx.isContiguous()) throw new TorchError('input must be contiguous');
    if (idx.dim() !== 1) throw new TorchError('idx must be a vector');
    if (normType <= 0) throw new TorchError('non-positive-norm not supported');
    const d = idx._storage.data, off = idx.offset, n = idx.nElement();
    const numw = weight.size(1), stride = weight._stride[0];
    checkRange(d, off, n, numw, 'input need to be');
    const rows = d.subarray(off, off + n).sort();
    let m = 0;
    for (let i = 0; i < n; i++) if (i === 0 || rows[i] !== rows[i - 1]) rows[m++] = rows[i];
    const w = weight._storage.data, woff = weight.offset;
    for (let i = 0; i < m; i++) {
      const base = woff + (rows[i] - 1) * stride;
      let norm = 0;
      for (let j = 0; j < stride; j++) {
        const x = w[base + j];
        if (normType === 1) norm = R(norm + Math.abs(x));
        else if (normType === 2) norm = R(norm + R(x * x));
        else norm = R(norm + Math.pow(Math.abs(x), normType));
      }
      norm = R(Math.pow(norm, 1 / normType));
      if (norm > maxNorm) {
        const scale = R(maxNorm / (norm + 1e-7));
        for (let j = 0; j < stride; j++) w[base + j] *= scale;
      }
    }
  },
};

