/**
 * CPU THNN kernels of the 'normalization' family: BatchNormalization_updateOutput / _backward
 * (generic/BatchNormalization.c), over feature dim 2 of an N x C (x H x W ...) input. Training
 * normalises with the biased batch variance and moves running_var with the unbiased one.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { checkShape, checkTypes, contiguous, resizeContiguous } from './conv-util.js';

const get = (t: Tensor, i: number): number => t._storage.data[t.offset + i * t._stride[0]];
const set = (t: Tensor, i: number, v: number): void => { t._storage.data[t.offset + i * t._stride[0]] = v; };
const same = (x: number): number => x;

/** [N, C, S]: batch, features, elements per feature per sample. */
function layout(input: Tensor): [number, number, number] {
  const N = input._size[0], C = input._size[1];
  return [N, C, N * C > 0 ? input.nElement() / (N * C) : 0];
}

export const normalization = {
  BatchNormalization_updateOutput(input: Tensor, output: Tensor, weight: Tensor | null | undefined, bias: Tensor | null | undefined,
    runningMean: Tensor, runningVar: Tensor, saveMean: Tensor, saveStd: Tensor, train: boolean, momentum: number, eps: number): void {
    checkTypes('BatchNormalization_updateOutput', input, [output, 3], [weight, 4], [bias, 5], [runningMean, 6], [runningVar, 7], [saveMean, 8], [saveStd, 9]);
    const x = contiguous(input);
    resizeContiguous(output, input._size);
    const [N, C, S] = layout(x), n = N * S;
    const real = x.kind.key === 'Float' ? Math.fround : same;
    const xd = x._storage.data, od = output._storage.data, xo = x.offset, oo = output.offset;
    for (let f = 0; f < C; f++) {
      let mean: number, invstd: number;
      if (train) {
        let sum = 0;
        for (let b = 0; b < N; b++) {
          const base = xo + (b * C + f) * S;
          for (let i = 0; i < S; i++) sum += xd[base + i];
        }
        mean = real(sum / n);
        set(saveMean, f, mean);
        sum = 0;
        for (let b = 0; b < N; b++) {
          const base = xo + (b * C + f) * S;
          for (let i = 0; i < S; i++) { const d = xd[base + i] - mean; sum += d * d; }
        }
        invstd = sum === 0 && eps === 0 ? 0 : real(1 / Math.sqrt(sum / n + eps));
        set(saveStd, f, invstd);
        set(runningMean, f, momentum * mean + (1 - momentum) * get(runningMean, f));
        set(runningVar, f, momentum * (sum / (n - 1)) + (1 - momentum) * get(runningVar, f));
      } else {
        mean = get(runningMean, f);
        invstd = real(1 / Math.sqrt(get(runningVar, f) + eps));
      }
      const w = weight ? get(weight, f) : 1, bb = bias ? get(bias, f) : 0;
      for (let b = 0; b < N; b++) {
        const i0 = (b * C + f) * S;
        for (let i = 0; i < S; i++) od[oo + i0 + i] = ((xd[xo + i0 + i] - mean) * invstd) * w + bb;
      }
    }
  },

  BatchNormalization_backward(input: Tensor, gradOutput: Tensor, gradInput: Tensor | null | undefined,
    gradWeight: Tensor | null | undefined, gradBias: Tensor | null | undefined, weight: Tensor | null | undefined,
    runningMean: Tensor, runningVar: Tensor, saveMean: Tensor, saveStd: Tensor, train: boolean, scale: number, eps: number): void {
    checkShape(input, 'input', gradOutput, 'gradOutput');
    checkTypes('BatchNormalization_backward', input, [gradOutput, 3], [gradInput, 4], [gradWeight, 5], [gradBias, 6], [weight, 7],
      [runningMean, 8], [runningVar, 9], [saveMean, 10], [saveStd, 11]);
    const x = contiguous(input), go = contiguous(gradOutput);
    if (gradInput) resizeContiguous(gradInput, input._size);
    const [N, C, S] = layout(x), n = N * S;
    const real = x.kind.key === 'Float' ? Math.fround : same;
    const xd = x._storage.data, gd = go._storage.data, xo = x.offset, goo = go.offset;
    for (let f = 0; f < C; f++) {
      const w = weight ? get(weight, f) : 1;
      const mean = train ? get(saveMean, f) : get(runningMean, f);
      const invstd = train ? get(saveStd, f) : real(1 / Math.sqrt(get(runningVar, f) + eps));
      let sum = 0, dotp = 0;
      for (let b = 0; b < N; b++) {
        const i0 = (b * C + f) * S;
        for (let i = 0; i < S; i++) {
          const g = gd[goo + i0 + i];
          sum += g;
          dotp += (xd[xo + i0 + i] - mean) * g;
        }
      }
      if (gradInput) {
        const gid = gradInput._storage.data, gio = gradInput.offset;
        if (train) {
          const k = real(dotp * invstd * invstd / n), gradMean = sum / n;
          for (let b = 0; b < N; b++) {
            const i0 = (b * C + f) * S;
            for (let i = 0; i < S; i++) {
              gid[gio + i0 + i] = (gd[goo + i0 + i] - gradMean - (xd[xo + i0 + i] - mean) * k) * invstd * w;
            }
          }
        } else {
          for (let b = 0; b < N; b++) {
            const i0 = (b * C + f) * S;
            for (let i = 0; i < S; i++) gid[gio + i0 + i] = gd[goo + i0 + i] * invstd * w;
          }
        }
      }
      if (gradWeight) set(gradWeight, f, get(gradWeight, f) + scale * dotp * invstd);
      if (gradBias) set(gradBias, f, get(gradBias, f) + scale * sum);
    }
  },
};
