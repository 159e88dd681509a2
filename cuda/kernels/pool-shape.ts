/**
 * Shapes of the device poolings, as the CPU kernels compute and check them (undefined where the CPU
 * kernel raises an error: the device kernel then DECLINEs and the CPU kernel raises it), and the
 * runners of the max-pooling kernels.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { pooledSize } from '../../nn/thnn/pooling-max.js';
import { layout5, readArgs, resizeResult, resultArgs, view5 } from './conv-launch.js';
import { imageGroups } from './conv-run.js';
import { maxGrad, maxIndex, maxValue, type Encoding } from './pool-max.js';
import type { PadMode } from './pool-resample.js';

/** A pooling: logical groups of its input/output, sizes along (t, y, x), the output's sizes, and the window. */
export interface PoolShape {
  groups: number[][]; inS: number[]; outS: number[]; sizes: number[];
  k: number[]; d: number[]; p: number[]; l: number[];
}

const positive = (...v: number[]): boolean => v.every((x) => Number.isInteger(x) && x > 0);
const halfPad = (k: number[], p: number[]): boolean => k.every((kk, j) => Math.trunc(kk / 2) >= p[j] && p[j] >= 0);

/**
 * An image pooling over (N x) C x H x W (or, `vol`, (N x) C x T x H x W): window k, stride d, padding p,
 * dilation l along (t, y, x), THNN's pooled sizes (floor or ceil).
 */
export function imagePool(input: Tensor, k: number[], d: number[], p: number[], l: number[], ceil: boolean, vol = false): PoolShape | undefined {
  const base = vol ? 4 : 3, dim = input.dim();
  if (!positive(...k, ...d, ...l) || (dim !== base && dim !== base + 1) || !halfPad(k, p)) return undefined;
  const f = dim - base, s = input._size;
  const inS = vol ? s.slice(f + 1, f + 4) : [1, s[f + 1], s[f + 2]];
  const outS = inS.map((n, a) => (vol || a > 0 ? pooledSize(n, k[a], d[a], p[a], l[a], ceil) : 1));
  if (outS.some((n) => n < 1)) return undefined;
  const sizes = [...s.slice(0, f + 1), ...(vol ? outS : outS.slice(1))];
  return { groups: imageGroups(dim, vol), inS, outS, sizes, k, d, p, l };
}

/** A temporal pooling over (N x) nFrames x frameSize: frames along x, frameSize planes. */
export function framePool(input: Tensor, kW: number, dW: number): PoolShape | undefined {
  const dim = input.dim();
  if (!positive(kW, dW) || (dim !== 2 && dim !== 3)) return undefined;
  const f = dim - 2, nIF = input._size[f], fs = input._size[f + 1];
  if (nIF < kW) return undefined;
  const nOF = Math.trunc((nIF - kW) / dW) + 1;
  return {
    groups: dim === 3 ? [[0], [4], [1]] : [[4], [1]], inS: [1, 1, nIF], outS: [1, 1, nOF],
    sizes: dim === 3 ? [input._size[0], nOF, fs] : [nOF, fs], k: [1, 1, kW], d: [1, 1, dW], p: [0, 0, 0], l: [1, 1, 1],
  };
}

/** The window arguments of the pooling kernels. */
export function windowArgs(s: PoolShape): Record<string, number> {
  const [iT, iH, iW] = s.inS, [kT, kH, kW] = s.k, [dT, dH, dW] = s.d, [pT, pH, pW] = s.p, [lT, lH, lW] = s.l;
  return { iT, iH, iW, kT, kH, kW, dT, dH, dW, pT, pH, pW, lT, lH, lW };
}

/** output = the max of each window, indices = where it is (saved as `enc`). */
export function runMaxOutput(input: Tensor, output: Tensor, indices: Tensor, enc: Encoding, s: PoolShape): void {
  resizeResult(output, s.sizes);
  resizeResult(indices, s.sizes);
  const common = { ...readArgs('x', view5(input, s.groups)), ...windowArgs(s), ninf: -Infinity };
  maxIndex(enc).into(indices, { ...common, ...resultArgs(layout5(indices, s.groups)) });
  maxValue(enc).into(output, { ...common, ...readArgs('ind', view5(indices, s.groups)), ...resultArgs(layout5(output, s.groups)) });
}

/** gradInput from gradOutput through the saved indices; false when their shapes do not fit. */
export function runMaxGrad(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, enc: Encoding, s: PoolShape): boolean {
  if (!gradOutput.isSize(s.sizes) || !indices.isSize(s.sizes)) return false;
  resizeResult(gradInput, input._size);
  const [oT, oH, oW] = s.outS;
  maxGrad(enc).into(gradInput, {
    ...readArgs('g', view5(gradOutput, s.groups)), ...readArgs('ind', view5(indices, s.groups)), ...windowArgs(s), oT, oH, oW,
    ...resultArgs(layout5(gradInput, s.groups)),
  });
  return true;
}

/** (N x) C x H x W images, with the output (or gradOutput) sizes oH x oW; undefined when not. */
export function planes(input: Tensor, oH: number, oW: number): { groups: number[][]; sizes: number[]; iH: number; iW: number } | undefined {
  const dim = input.dim();
  if ((dim !== 3 && dim !== 4) || !(Number.isInteger(oH) && Number.isInteger(oW) && oH > 0 && oW > 0)) return undefined;
  return { groups: imageGroups(dim), sizes: [...input._size.slice(0, dim - 2), oH, oW], iH: input._size[dim - 2], iW: input._size[dim - 1] };
}

/** A padding by (left, right, top, bottom) of (N x) C x H x W images (reflection: pads smaller than the image). */
export function padShape(mode: PadMode, input: Tensor, l: number, r: number, t: number, b: number): { groups: number[][]; sizes: number[]; args: Record<string, number> } | undefined {
  const dim = input.dim();
  if (dim !== 3 && dim !== 4) return undefined;
  const iH = input._size[dim - 2], iW = input._size[dim - 1], oH = iH + t + b, oW = iW + l + r;
  if (oH < 1 || oW < 1 || (mode === 'reflect' && !(l < iW && r < iW && t < iH && b < iH))) return undefined;
  return { groups: imageGroups(dim), sizes: [...input._size.slice(0, dim - 2), oH, oW], args: { iH, iW, oH, oW, pT: t, pL: l } };
}

/** Nearest upsampling of (N x) C x H x W images by an integer scale > 1. */
export const nearestShape = (input: Tensor, scale: number): ReturnType<typeof planes> => {
  const dim = input.dim();
  return Number.isInteger(scale) && scale > 1 && (dim === 3 || dim === 4)
    ? planes(input, input._size[dim - 2] * scale, input._size[dim - 1] * scale) : undefined;
};

/** THNN's float ratio (in - 1) / (out - 1) of aligned-corner interpolation (0 for one output). */
export const ratio = (i: number, o: number): number => (o > 1 ? Math.fround((i - 1) / (o - 1)) : 0);
