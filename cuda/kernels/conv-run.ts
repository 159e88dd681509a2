/**
 * Running the direct convolution kernels (conv-direct.ts) on tensors: the geometry of one convolution
 * (kernel, stride, padding, dilation per t/y/x axis) and the weight and bias operands.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { channelSum, gather, transposed, weightGrad } from './conv-direct.js';
import { layout5, readArgs, resultArgs, view5, type View5 } from './conv-launch.js';

/** Kernel size, stride, padding and dilation along (t, y, x). */
export interface ConvGeometry { k: number[]; d: number[]; p: number[]; l: number[] }

/** Logical (b, c, t, y, x) groups of an image: (N x) C x H x W, or (N x) C x T x H x W with `t`. */
export function imageGroups(dim: number, t = false): number[][] {
  const g = t ? [[1], [2], [3], [4]] : [[1], [3], [4]];
  return dim === g.length + 1 ? [[0], ...g] : g;
}

function geometryArgs(g: ConvGeometry): Record<string, number> {
  const [kT, kH, kW] = g.k, [dT, dH, dW] = g.d, [pT, pH, pW] = g.p, [lT, lH, lW] = g.l;
  return { kT, kH, kW, dT, dH, dW, pT, pH, pW, lT, lH, lW };
}

/** The weight operand: `resDim` (0 or 1) is the logical dim of the result's channel. */
function weightArgs(w: View5, resDim: 0 | 1): Record<string, unknown> {
  return { w: w.buf, wo: w.off, wr: w.s[resDim], wl: w.s[1 - resDim], wt: w.s[2], wh: w.s[3], ww: w.s[4] };
}

function biasArgs(bias: Tensor | null | undefined, like: View5): Record<string, unknown> {
  if (!bias) return { bias: like.buf, bo: 0, bs: 0, hasBias: 0 };
  const v = view5(bias, [[1]]);
  return { bias: v.buf, bo: v.off, bs: v.s[1], hasBias: 1 };
}

/** The operands of one run: a source (channels, and sizes along t, y, x) and the weight. */
export interface ConvOperands { src: View5; channels: number; sizes: number[]; weight: View5; resDim: 0 | 1 }

/** res (already sized, seen through `groups`) = the gather form of the convolution of `o.src`. */
export function runGather(res: Tensor, groups: number[][], o: ConvOperands, bias: Tensor | null | undefined, g: ConvGeometry): void {
  const [iT, iH, iW] = o.sizes;
  gather.into(res, {
    ...readArgs('x', o.src), ...weightArgs(o.weight, o.resDim), ...biasArgs(bias, o.src), nL: o.channels, iT, iH, iW,
    ...geometryArgs(g), ...resultArgs(layout5(res, groups)),
  });
}

/** res (already sized, seen through `groups`) = the transposed form of the convolution of `o.src`. */
export function runTransposed(res: Tensor, groups: number[][], o: ConvOperands, bias: Tensor | null | undefined, g: ConvGeometry): void {
  const [gT, gH, gW] = o.sizes;
  transposed.into(res, {
    ...readArgs('g', o.src), ...weightArgs(o.weight, o.resDim), ...biasArgs(bias, o.src), nL: o.channels, gT, gH, gW,
    ...geometryArgs(g), ...resultArgs(layout5(res, groups)),
  });
}

/**
 * gradWeight (seen as (p, q, kt, kh, kw) through groups/sizes) += scale * correlation of `a` (nB
 * batches, positions aSizes) with `x` (sizes xSizes).
 */
export function runWeightGrad(gradWeight: Tensor, groups: number[][], sizes: Record<number, number>, a: View5, nB: number,
  aSizes: number[], x: View5, xSizes: number[], scale: number, g: ConvGeometry): void {
  const old = view5(gradWeight, groups, sizes);
  const [aT, aH, aW] = aSizes, [xT, xH, xW] = xSizes;
  weightGrad.into(gradWeight, {
    ...readArgs('a', a), ...readArgs('x', x), ...readArgs('old', old), scale, nB, aT, aH, aW, xT, xH, xW,
    ...geometryArgs(g), ...resultArgs(old),
  });
}

/** gradBias += scale * the per-channel sums of `a` (channel dim 1, nB batches, positions aSizes). */
export function runChannelSum(gradBias: Tensor, a: View5, nB: number, aSizes: number[], scale: number): void {
  const old = view5(gradBias, [[1]]);
  const [aT, aH, aW] = aSizes;
  channelSum.into(gradBias, { ...readArgs('a', a), old: old.buf, oldo: old.off, olds: old.s[1], nB, aT, aH, aW, scale });
}
