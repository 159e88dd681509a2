/**
 * SpatialAdaptiveMaxPooling on the device. Its windows follow THNN's float formula
 * floor((float)i / o * n) .. ceil((float)(i + 1) / o * n), which a GPU's division does not reproduce
 * exactly: the host computes them (from the sizes alone) into a small table that each call uploads
 * and frees.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { deviceOf, layout5, readArgs, resizeResult, resultArgs, view5 } from './conv-launch.js';
import { adaptiveMax, adaptiveMaxGrad } from './pool-avg.js';

const f = Math.fround;

/** Row starts, row ends, column starts, column ends of the windows of an iH x iW -> oH x oW pooling. */
export function adaptiveWindows(iH: number, iW: number, oH: number, oW: number): Float32Array {
  const t = new Float32Array(2 * (oH + oW));
  for (let i = 0; i < oH; i++) { t[i] = Math.floor(f(f(i / oH) * iH)); t[oH + i] = Math.ceil(f(f((i + 1) / oH) * iH)); }
  for (let j = 0; j < oW; j++) { t[2 * oH + j] = Math.floor(f(f(j / oW) * iW)); t[2 * oH + oW + j] = Math.ceil(f(f((j + 1) / oW) * iW)); }
  return t;
}

/** Runs fn with the window table on input's device, then frees it. */
function withTable<T>(input: Tensor, iH: number, iW: number, oH: number, oW: number, fn: (tab: unknown) => T): T {
  const ctx = deviceOf(input), t = adaptiveWindows(iH, iW, oH, oW);
  const h = ctx.upload(t);
  try { return fn(h); } finally { ctx.free(h, t.length); }
}

/** The logical groups of the indices: the (row, column) pair along t, then the output's dims. */
const indexGroups = (groups: number[][]): number[][] => [[2], ...groups];

/** output (sizes: (N x) C x oH x oW) = the window maxima; indices = 2 x output's sizes, 1-based (row, column). */
export function adaptiveMaxIndices(input: Tensor, output: Tensor, indices: Tensor, groups: number[][], sizes: number[]): void {
  const d = input.dim(), iH = input._size[d - 2], iW = input._size[d - 1], oH = sizes[d - 2], oW = sizes[d - 1];
  resizeResult(output, sizes);
  resizeResult(indices, [2, ...sizes]);
  withTable(input, iH, iW, oH, oW, (tab) => {
    const common = { ...readArgs('x', view5(input, groups)), tab, iH, iW, oH, oW };
    adaptiveMax.into(output, { ...common, mode: 0, ...resultArgs(layout5(output, groups)) });
    adaptiveMax.into(indices, { ...common, mode: 1, ...resultArgs(layout5(indices, indexGroups(groups))) });
  });
}

/** gradInput = the gradOutputs routed through the saved (row, column) of each window. */
export function adaptiveMaxGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, groups: number[][]): void {
  const d = input.dim(), iH = input._size[d - 2], iW = input._size[d - 1], oH = gradOutput._size[d - 2], oW = gradOutput._size[d - 1];
  resizeResult(gradInput, input._size);
  withTable(input, iH, iW, oH, oW, (tab) => {
    adaptiveMaxGrad.into(gradInput, {
      ...readArgs('g', view5(gradOutput, groups)), ...readArgs('ind', view5(indices, indexGroups(groups))), tab, iH, iW, oH, oW,
      ...resultArgs(layout5(gradInput, groups)),
    });
  });
}
