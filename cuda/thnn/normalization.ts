/**
 * Device THNN kernels: BatchNormalization_updateOutput / _backward (also SpatialBatchNormalization's,
 * on N x C x H x W) over feature dim 2 of an N x C (x T) (x H) (x W) input, train or evaluate, affine or
 * not, reading every tensor through its strides. Arguments the CPU kernel would refuse are DECLINEd.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { Handle } from '../context.js';
import type { CudaStorage } from '../CudaStorage.js';
import { deviceOf, layout5, readArgs, resizeResult, resultArgs, view5 } from '../kernels/conv-launch.js';
import { onDevice, type Opt } from '../kernels/conv-shape.js';
import { gradInput as gradInputKernel, output as outputKernel, reduce, update } from '../kernels/norm-batch.js';
import { registerTHNN } from './index.js';

const GROUPS: Record<number, number[][]> = { 2: [[0], [1]], 3: [[0], [1], [4]], 4: [[0], [1], [3], [4]], 5: [[0], [1], [2], [3], [4]] };

/** The input as (batch, feature, t, y, x): its groups, sizes and the element count per feature. */
function layout(input: Tensor): { groups: number[][]; C: number; n: number; sizes: Record<string, number> } | undefined {
  const groups = GROUPS[input.dim()];
  if (!groups) return undefined;
  const l = layout5(input, groups);
  const [nB, C, nT, nH, nW] = l.n;
  return { groups, C, n: nB * nT * nH * nW, sizes: { nB, nT, nH, nW } };
}

/** The arguments of per-feature vector `v`: a tensor (read at call time), a temporary buffer, or absent. */
function vec(v: string, t: Tensor | Handle | null | undefined, like: Tensor): Record<string, unknown> {
  if (!t) return { [v]: (like._storage as CudaStorage).deviceBuffer(), [`${v}o`]: 0, [`${v}s`]: 0 };
  if (!isTensor(t)) return { [v]: t, [`${v}o`]: 0, [`${v}s`]: 1 };
  return { [v]: view5(t, [[0]]).buf, [`${v}o`]: t.offset, [`${v}s`]: t._stride[0] };
}
const isTensor = (t: unknown): t is Tensor => typeof (t as Tensor).nElement === 'function';
const vectorOf = (t: Opt, C: number): boolean => !t || (t.dim() === 1 && t._size[0] === C);

const SCALARS = { n: 1, eps: 0, momentum: 0, scale: 0 };

registerTHNN('BatchNormalization_updateOutput', (input, output, weight, bias, runningMean, runningVar, saveMean, saveStd, train, momentum, eps) => {
  const L = onDevice(input, output, weight, bias, runningMean, runningVar, saveMean, saveStd) ? layout(input) : undefined;
  if (!L || L.n === 0 || ![weight, bias, runningMean, runningVar, ...(train ? [saveMean, saveStd] : [])].every((t) => vectorOf(t, L.C))) return DECLINE;
  const x = view5(input, L.groups), ctx = deviceOf(input);
  const xg = { ...readArgs('x', x), ...readArgs('g', x) };
  resizeResult(output, input._size);
  if (train) {
    reduce.into(saveMean, { ...xg, ...vec('m', null, input), ...L.sizes, mode: 0, div: L.n });
    const ssd = reduce.run(ctx, L.C, { ...xg, ...vec('m', saveMean, input), ...L.sizes, mode: 1, div: 1 });
    const upd = (res: Tensor, mode: number, p: Tensor | Handle, q: Tensor | null): void => {
      update.into(res, { ...vec('p', p, input), ...vec('q', q, input), ...vec('r', null, input), mode, ...SCALARS, n: L.n, eps, momentum });
    };
    upd(runningMean, 1, saveMean, runningMean);
    upd(runningVar, 2, ssd, runningVar);
    upd(saveStd, 0, ssd, null);
    ctx.free(ssd, L.C);
  }
  outputKernel.into(output, {
    ...readArgs('x', view5(input, L.groups)), ...vec('m', train ? saveMean : runningMean, input), ...vec('v', train ? saveStd : runningVar, input),
    ...vec('w', weight, input), ...vec('bb', bias, input), train: train ? 1 : 0, hasW: weight ? 1 : 0, hasB: bias ? 1 : 0, eps,
    ...resultArgs(layout5(output, L.groups)),
  });
});

registerTHNN('BatchNormalization_backward', (input, gradOutput, gradInput, gradWeight, gradBias, weight, runningMean, runningVar, saveMean, saveStd,
  train, scale, eps) => {
  const L = onDevice(input, gradOutput, gradInput, gradWeight, gradBias, weight, runningMean, runningVar, saveMean, saveStd) && input.isSameSizeAs(gradOutput)
    ? layout(input) : undefined;
  const vectors = [gradWeight, gradBias, weight, ...(train ? [saveMean, saveStd] : [runningMean, runningVar])];
  if (!L || L.n === 0 || !vectors.every((t) => vectorOf(t, L.C))) return DECLINE;
  const ctx = deviceOf(input), mean = train ? saveMean : runningMean, invstd = train ? saveStd : runningVar;
  const xg = (): Record<string, unknown> => ({ ...readArgs('x', view5(input, L.groups)), ...readArgs('g', view5(gradOutput, L.groups)) });
  const sums: Handle[] = [2, 3].map((mode) => reduce.run(ctx, L.C, { ...xg(), ...vec('m', mean, input), ...L.sizes, mode, div: 1 }));
  const [sum, dotp] = sums;
  if (gradInput) {
    resizeResult(gradInput, input._size);
    gradInputKernel.into(gradInput, {
      ...xg(), ...vec('m', mean, input), ...vec('v', invstd, input), ...vec('w', weight, input), ...vec('su', sum, input), ...vec('dp', dotp, input),
      train: train ? 1 : 0, hasW: weight ? 1 : 0, n: L.n, eps, ...resultArgs(layout5(gradInput, L.groups)),
    });
  }
  const acc = (res: Tensor, mode: number, p: Handle, r: Tensor | null): void => {
    update.into(res, { ...vec('p', p, input), ...vec('q', res, input), ...vec('r', r, input), mode, ...SCALARS, n: L.n, eps, scale });
  };
  if (gradWeight) acc(gradWeight, train ? 3 : 5, dotp, invstd);
  if (gradBias) acc(gradBias, 4, sum, null);
  for (const h of sums) ctx.free(h, L.C);
});
