/**
 * CPU THNN kernels of nn.SparseLinear (THNN's generic/SparseLinear.c). The COO input is `nnz x 3`
 * (batch row, feature index, value; 1-based, sorted by row for updateOutput and by column for
 * accGradParameters); the legacy input is `batch x nnz x 2` (feature index, value). Entries with value 0
 * are skipped, as in THNN; an index outside 1..inputSize is an error in THNN's words.
 */
import { TorchError, argError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';

/** `real` rounding of the tensor's element type (float32 for FloatTensor). */
const rounder = (t: Tensor): ((x: number) => number) =>
  t._storage.data instanceof Float32Array ? Math.fround : (x: number) => x;

const isCoo = (t: Tensor): boolean => t._size.length === 2 && t._size[1] === 3;
const isLegacy = (t: Tensor): boolean => t._size.length === 3 && t._size[2] === 2;
const is1d = (t: Tensor | null | undefined, n: number): boolean => !!t && t._size.length === 1 && t._size[0] === n;
const is2d = (t: Tensor, n0: number, n1: number): boolean => t._size.length === 2 && t._size[0] === n0 && t._size[1] === n1;

/** Element (i, j) of a 2-D tensor / (h, i, j) of a 3-D one, through the strides. */
const get2 = (t: Tensor, i: number, j: number): number => t._storage.data[t.offset + i * t._stride[0] + j * t._stride[1]] as number;
const get3 = (t: Tensor, h: number, i: number, j: number): number =>
  t._storage.data[t.offset + h * t._stride[0] + i * t._stride[1] + j * t._stride[2]] as number;

function outOfBound(where: string, offset: number, inDim: number): TorchError {
  return new TorchError(`index out of bound. ${where}: ${offset + 1} not between 1 and ${inDim}`);
}

/** y[row ...] += a * column `col` of `w` (THBlas axpy over the output dim). */
function axpyCol(n: number, a: number, w: Tensor, col: number, y: Tensor, yOff: number, yStride: number, R: (x: number) => number): void {
  const wd = w._storage.data, yd = y._storage.data;
  const ws = w._stride[0];
  let wi = w.offset + col * w._stride[1];
  let yi = yOff;
  for (let k = 0; k < n; k++, wi += ws, yi += yStride) yd[yi] = R((yd[yi] as number) + R(a * (wd[wi] as number)));
}

/** gradWeight[:, col] += a * row `h` of gradOutput. */
function axpyRowToCol(n: number, a: number, go: Tensor, h: number, gw: Tensor, col: number, R: (x: number) => number): void {
  const gd = go._storage.data, wd = gw._storage.data;
  let gi = go.offset + h * go._stride[0];
  let wi = gw.offset + col * gw._stride[1];
  for (let k = 0; k < n; k++, gi += go._stride[1], wi += gw._stride[0]) wd[wi] = R((wd[wi] as number) + R(a * (gd[gi] as number)));
}

/** output[h] += bias for every row. */
function addBiasRows(output: Tensor, bias: Tensor, batchSize: number): void {
  for (let h = 0; h < batchSize; h++) (output.select(1, h + 1) as Tensor).add(bias);
}

/** The unique sorted 0-based feature offsets of the non-zero entries (THNN's sort + dedup). */
function uniqueOffsets(offsets: number[]): number[] {
  offsets.sort((a, b) => a - b);
  return offsets.filter((v, i) => i === 0 || v !== offsets[i - 1]);
}

/** weight[:, c] -= lr * gradWeight[:, c] for the given columns, after bias -= lr * gradBias. */
function sparseStep(weight: Tensor, bias: Tensor, gradWeight: Tensor, gradBias: Tensor, cols: number[], lr: number): void {
  const R = rounder(weight);
  const outDim = weight._size[0];
  bias.add(-lr, gradBias);
  for (const c of cols) {
    const wd = weight._storage.data, gd = gradWeight._storage.data;
    for (let k = 0; k < outDim; k++) {
      const wi = weight.offset + k * weight._stride[0] + c * weight._stride[1];
      wd[wi] = R((wd[wi] as number) + R(-lr * (gd[gradWeight.offset + k * gradWeight._stride[0] + c * gradWeight._stride[1]] as number)));
    }
  }
}

function checkParamSizes(fn: string, weight: Tensor, gradWeight: Tensor, bias: Tensor | null, gradBias: Tensor): void {
  const outDim = weight._size[0], inDim = weight._size[1];
  if (!is2d(gradWeight, outDim, inDim)) throw argError(4, fn, 'gradWeight size wrong');
  if (bias && !is1d(bias, outDim)) throw argError(3, fn, 'bias size wrong');
  if (!is1d(gradBias, outDim)) throw argError(5, fn, 'gradBias size wrong');
}

/** Zeroes the gradWeight columns of the non-zero entries' features. */
function zeroCols(gradWeight: Tensor, offsets: Iterable<number>): void {
  for (const c of offsets) (gradWeight.select(2, c + 1) as Tensor).zero();
}

export const sparse = {
  /** output (batch x outDim, sized by the caller) = bias + sum over the row's entries of value * weight[:, index]. */
  SparseLinear_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor): void {
    const fn = 'SparseLinear_updateOutput';
    const outDim = weight.size(1), inDim = weight.size(2);
    const batchSize = output.size(1);
    if (!isCoo(input)) throw argError(2, fn, 'input must be in coo format, nnz x 3');
    if (!output.isContiguous()) throw argError(3, fn, 'output must be contiguous');
    if (!weight.isContiguous()) throw argError(4, fn, 'weight must be contiguous');
    if (!is1d(bias, outDim)) throw argError(5, fn, 'bias size wrong');
    const nnz = input._size[0];
    const csr = new Array<number>(batchSize + 1).fill(0);
    for (let i = 0; i < nnz; i++) {
      const hp0 = get2(input, i, 0) - 1;
      const hp1 = i + 1 === nnz ? batchSize : get2(input, i + 1, 0) - 1;
      for (let h = hp0; h < hp1; h++) csr[h + 1] = i + 1;
    }
    output.zero();
    const R = rounder(output);
    for (let h = 0; h < batchSize; h++) {
      for (let i = csr[h]; i < csr[h + 1]; i++) {
        const val = get2(input, i, 2);
        if (val === 0) continue;
        const offset = Math.trunc(get2(input, i, 1)) - 1;
        if (!(offset >= 0 && offset < inDim)) throw outOfBound('updateOutput', offset, inDim);
        axpyCol(outDim, val, weight, offset, output, output.offset + h * output._stride[0], output._stride[1], R);
      }
    }
    addBiasRows(output, bias, batchSize);
  },

  /** The legacy form: input batch x nnz x 2; output resized to batch x outDim. */
  SparseLinear_legacyUpdateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor): void {
    const fn = 'SparseLinear_legacyUpdateOutput';
    const outDim = weight.size(1), inDim = weight.size(2);
    if (!isLegacy(input)) throw argError(2, fn, 'input size must be batchsize x nnz x 2');
    if (!output.isContiguous()) throw argError(3, fn, 'output must be contiguous');
    if (!is1d(bias, outDim)) throw argError(5, fn, 'bias size wrong');
    const [batchSize, nnz] = input._size;
    output.resize(batchSize, outDim).zero();
    const R = rounder(output);
    for (let h = 0; h < batchSize; h++) {
      for (let i = 0; i < nnz; i++) {
        const val = get3(input, h, i, 1);
        if (val === 0) continue;
        const offset = Math.trunc(get3(input, h, i, 0)) - 1;
        if (!(offset >= 0 && offset < inDim)) throw outOfBound('updateOutput', offset, inDim);
        axpyCol(outDim, val, weight, offset, output, output.offset + h * output._stride[0], output._stride[1], R);
      }
    }
    addBiasRows(output, bias, batchSize);
  },

  /** gradWeight[:, index] += scale * value * gradOutput[row]; gradBias += scale * sum of gradOutput rows; + weightDecay * weight. */
  SparseLinear_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor, weight: Tensor,
    _bias: Tensor, weightDecay: number, scale: number): void {
    const fn = 'SparseLinear_accGradParameters';
    const outDim = weight.size(1), inDim = weight.size(2);
    if (!isCoo(input)) throw argError(2, fn, 'input must be in coo format, nnz x 3');
    checkParamSizes(fn, weight, gradWeight, null, gradBias);
    if (!gradOutput.isContiguous()) throw argError(1, fn, 'gradOutput must be contiguous');
    const nnz = input._size[0];
    const csc = new Array<number>(inDim + 1).fill(0);
    for (let i = 0; i < nnz; i++) {
      const hp0 = get2(input, i, 1) - 1;
      const hp1 = i + 1 === nnz ? inDim : get2(input, i + 1, 1) - 1;
      for (let h = hp0; h < hp1; h++) csc[h + 1] = i + 1;
    }
    const R = rounder(gradWeight);
    const s = R(scale);
    for (let col = 0; col < inDim; col++) {
      for (let i = csc[col]; i < csc[col + 1]; i++) {
        const val = R(s * get2(input, i, 2));
        const h = Math.trunc(get2(input, i, 0)) - 1;
        const offset = Math.trunc(get2(input, i, 1)) - 1;
        if (!(offset >= 0 && offset < inDim)) throw outOfBound('accGradParameters', offset, inDim);
        axpyRowToCol(outDim, val, gradOutput, h, gradWeight, offset, R);
      }
    }
    gradBias.add(scale, gradOutput.sum(1));
    if (weightDecay !== 0) gradWeight.add(weightDecay, weight);
  },

  /** The legacy form of accGradParameters (input batch x nnz x 2). */
  SparseLinear_legacyAccGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor, weight: Tensor,
    _bias: Tensor, weightDecay: number, scale: number): void {
    const fn = 'SparseLinear_legacyAccGradParameters';
    const outDim = weight.size(1), inDim = weight.size(2);
    if (!isLegacy(input)) throw argError(2, fn, 'input size must be batchsize x nnz x 2');
    checkParamSizes(fn, weight, gradWeight, null, gradBias);
    if (!gradOutput.isContiguous()) throw argError(1, fn, 'gradOutput must be contiguous');
    const [batchSize, nnz] = input._size;
    gradOutput.resize(batchSize, outDim);
    const R = rounder(gradWeight);
    const s = R(scale);
    for (let i = 0; i < nnz; i++) {
      for (let h = 0; h < batchSize; h++) {
        const val = R(s * get3(input, h, i, 1));
        if (val === 0) continue;
        const offset = Math.trunc(get3(input, h, i, 0)) - 1;
        if (!(offset >= 0 && offset < inDim)) throw outOfBound('accGradParameters', offset, inDim);
        axpyRowToCol(outDim, val, gradOutput, h, gradWeight, offset, R);
      }
    }
    for (let h = 0; h < batchSize; h++) gradBias.add(scale, (gradOutput.select(1, h + 1) as Tensor));
    if (weightDecay !== 0) gradWeight.add(weightDecay, weight);
  },

  /** bias -= lr * gradBias; weight[:, c] -= lr * gradWeight[:, c] for the features of lastInput's non-zero entries only. */
  SparseLinear_updateParameters(weight: Tensor, bias: Tensor, gradWeight: Tensor, gradBias: Tensor, lastInput: Tensor, lr: number): void {
    const fn = 'SparseLinear_updateParameters';
    const inDim = weight.size(2);
    checkParamSizes(fn, weight, gradWeight, bias, gradBias);
    if (!isCoo(lastInput)) throw argError(6, fn, 'input must be in coo format, nnz x 3');
    const offsets: number[] = [];
    for (let i = 0; i < lastInput._size[0]; i++) {
      if (get2(lastInput, i, 2) === 0) continue;
      const offset = Math.trunc(get2(lastInput, i, 1)) - 1;
      if (!(offset >= 0 && offset < inDim)) throw outOfBound('updateParameters', offset, inDim);
      offsets.push(offset);
    }
    if (offsets.length === 0) return;
    sparseStep(weight, bias, gradWeight, gradBias, uniqueOffsets(offsets), lr);
  },

  /** The legacy form of updateParameters (lastInput batch x nnz x 2). */
  SparseLinear_legacyUpdateParameters(weight: Tensor, bias: Tensor, gradWeight: Tensor, gradBias: Tensor, lastInput: Tensor, lr: number): void {
    const fn = 'SparseLinear_legacyUpdateParameters';
    const inDim = weight.size(2);
    checkParamSizes(fn, weight, gradWeight, bias, gradBias);
    if (!isLegacy(lastInput)) throw argError(6, fn, 'input size must be batchsize x nnz x 2');
    const offsets: number[] = [];
    for (let h = 0; h < lastInput._size[0]; h++) {
      for (let i = 0; i < lastInput._size[1]; i++) {
        if (get3(lastInput, h, i, 1) === 0) continue;
        const offset = Math.trunc(get3(lastInput, h, i, 0)) - 1;
        if (!(offset >= 0 && offset < inDim)) throw outOfBound('updateParameters', offset, inDim);
        offsets.push(offset);
      }
    }
    sparseStep(weight, bias, gradWeight, gradBias, uniqueOffsets(offsets), lr);
  },

  /** gradBias = 0 and the gradWeight columns of lastInput's non-zero entries = 0. */
  SparseLinear_zeroGradParameters(gradWeight: Tensor, gradBias: Tensor, lastInput: Tensor): void {
    const fn = 'SparseLinear_zeroGradParameters';
    const inDim = gradWeight.size(2);
    if (!is1d(gradBias, gradWeight.size(1))) throw argError(3, fn, 'gradBias size wrong');
    if (!isCoo(lastInput)) throw argError(4, fn, 'input must be in coo format, nnz x 3');
    gradBias.zero();
    const cols: number[] = [];
    for (let i = 0; i < lastInput._size[0]; i++) {
      if (get2(lastInput, i, 2) === 0) continue;
      const offset = Math.trunc(get2(lastInput, i, 1)) - 1;
      if (!(offset >= 0 && offset < inDim)) throw outOfBound('zeroGradParameters', offset, inDim);
      cols.push(offset);
    }
    zeroCols(gradWeight, cols);
  },

  /** The legacy form of zeroGradParameters (lastInput batch x nnz x 2). */
  SparseLinear_legacyZeroGradParameters(gradWeight: Tensor, gradBias: Tensor, lastInput: Tensor): void {
    const fn = 'SparseLinear_legacyZeroGradParameters';
    const inDim = gradWeight.size(2);
    if (!is1d(gradBias, gradWeight.size(1))) throw argError(3, fn, 'gradBias size wrong');
    if (!isLegacy(lastInput)) throw argError(4, fn, 'input size must be batchsize x nnz x 2');
    gradBias.zero();
    const cols: number[] = [];
    for (let h = 0; h < lastInput._size[0]; h++) {
      for (let i = 0; i < lastInput._size[1]; i++) {
        if (get3(lastInput, h, i, 1) === 0) continue;
        const offset = Math.trunc(get3(lastInput, h, i, 0)) - 1;
        if (!(offset >= 0 && offset < inDim)) throw outOfBound('zeroGradParameters', offset, inDim);
        cols.push(offset);
      }
    }
    zeroCols(gradWeight, cols);
  },
};
