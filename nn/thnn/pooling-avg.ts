/**
 * Average and adaptive pooling kernels: THNN's SpatialAveragePooling, SpatialAdaptiveMaxPooling and
 * SpatialAdaptiveAveragePooling (generic/Spatial{Average,AdaptiveMax,AdaptiveAverage}Pooling.c).
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { argCheck, checkDimSize, checkIndices, checkTypes, contiguous, resizeContiguous, sizeDesc } from './conv-util.js';
import { pooledSize } from './pooling-max.js';

interface Geo { nb: number; planes: number; iH: number; iW: number; oH: number; oW: number }

function avgCheck(fn: string, input: Tensor, gradOutput: Tensor | null, kH: number, kW: number, dH: number, dW: number,
  padH: number, padW: number, ceil: boolean): Geo {
  argCheck(kW > 0 && kH > 0, 5, fn, `kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  argCheck(dW > 0 && dH > 0, 8, fn, `stride should be greater than zero, but got dH: ${dH} dW: ${dW}`);
  const ndim = input.dim();
  argCheck(ndim === 3 || ndim === 4, 2, fn, `3D or 4D input tensor expected but got: ${sizeDesc(input)}`);
  argCheck(Math.trunc(kW / 2) >= padW && Math.trunc(kH / 2) >= padH, 2, fn,
    `pad should be smaller than half of kernel size, but got padW = ${padW}, padH = ${padH}, kW = ${kW}, kH = ${kH}`);
  const f = ndim === 4 ? 1 : 0;
  const planes = input._size[f], iH = input._size[f + 1], iW = input._size[f + 2];
  const oH = pooledSize(iH, kH, dH, padH, 1, ceil), oW = pooledSize(iW, kW, dW, padW, 1, ceil);
  if (oW < 1 || oH < 1) {
    throw new TorchError(`Given input size: (${planes}x${iH}x${iW}). Calculated output size: (${planes}x${oH}x${oW}). Output size is too small`);
  }
  if (gradOutput) {
    checkDimSize(gradOutput, 'gradOutput', ndim, f, planes);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 1, oH);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 2, oW);
  }
  return { nb: ndim === 4 ? input._size[0] : 1, planes, iH, iW, oH, oW };
}

/**
 * The window of output pixel (yy, xx) as THNN computes it: [h0, h1) x [w0, w1) clipped to the image,
 * and the divisor (the window clipped to the padded image when padding counts, else to the image).
 * Written into `win` to keep the pooling loops free of allocation.
 */
function window(g: Geo, yy: number, xx: number, kH: number, kW: number, dH: number, dW: number, padH: number, padW: number,
  includePad: boolean, win: Int32Array): number {
  let hstart = yy * dH - padH, wstart = xx * dW - padW;
  let hend = Math.min(hstart + kH, g.iH + padH), wend = Math.min(wstart + kW, g.iW + padW);
  const poolSize = (hend - hstart) * (wend - wstart);
  hstart = Math.max(hstart, 0); wstart = Math.max(wstart, 0);
  hend = Math.min(hend, g.iH); wend = Math.min(wend, g.iW);
  win[0] = hstart; win[1] = hend; win[2] = wstart; win[3] = wend;
  return includePad ? poolSize : (hend - hstart) * (wend - wstart);
}
const win = new Int32Array(4);

/** Adaptive window bounds: AdaptiveMax's floor/ceil of (float)i / o * n. */
const maxStart = (i: number, o: number, n: number): number => Math.floor(Math.fround(Math.fround(i / o) * n));
const maxEnd = (i: number, o: number, n: number): number => Math.ceil(Math.fround(Math.fround((i + 1) / o) * n));
/** AdaptiveAverage's START_IND / END_IND: floor/ceil of (float)(a*c) / b. */
const avgStart = (a: number, b: number, c: number): number => Math.floor(Math.fround((a * c) / b));
const avgEnd = (a: number, b: number, c: number): number => Math.ceil(Math.fround(((a + 1) * c) / b));

function adaptiveInput(fn: string, input: Tensor): { nb: number; planes: number; iH: number; iW: number; sb: number; sd: number; sh: number; sw: number } {
  argCheck(input.dim() === 3 || input.dim() === 4, 2, fn, `3D or 4D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  const f = input.dim() === 4 ? 1 : 0, s = input._stride;
  return {
    nb: f ? input._size[0] : 1, planes: input._size[f], iH: input._size[f + 1], iW: input._size[f + 2],
    sb: f ? s[0] : 0, sd: s[f], sh: s[f + 1], sw: s[f + 2],
  };
}

function adaptiveGradCheck(input: Tensor, gradOutput: Tensor): void {
  const ndim = input.dim(), f = ndim === 4 ? 1 : 0;
  if (f) checkDimSize(gradOutput, 'gradOutput', ndim, 0, input._size[0]);
  checkDimSize(gradOutput, 'gradOutput', ndim, f, input._size[f]);
}

export const poolingAvg = {
  SpatialAveragePooling_updateOutput(input: Tensor, output: Tensor, kW: number, kH: number, dW: number, dH: number,
    padW: number, padH: number, ceilMode: boolean, countIncludePad: boolean): void {
    const g = avgCheck('SpatialAveragePooling_updateOutput', input, null, kH, kW, dH, dW, padH, padW, ceilMode);
    checkTypes('SpatialAveragePooling_updateOutput', input, [output, 3]);
    resizeContiguous(output, input.dim() === 4 ? [g.nb, g.planes, g.oH, g.oW] : [g.planes, g.oH, g.oW]);
    const x = contiguous(input), xd = x._storage.data, od = output._storage.data;
    const inPlane = g.iH * g.iW;
    let o = output.offset;
    for (let k = 0; k < g.nb * g.planes; k++) {
      const ip = x.offset + k * inPlane;
      for (let yy = 0; yy < g.oH; yy++) {
        for (let xx = 0; xx < g.oW; xx++) {
          const div = window(g, yy, xx, kH, kW, dH, dW, padH, padW, countIncludePad, win);
          const h1 = win[1], w0 = win[2], w1 = win[3];
          let sum = 0;
          for (let y = win[0]; y < h1; y++) {
            const row = ip + y * g.iW;
            for (let x2 = w0; x2 < w1; x2++) sum += xd[row + x2];
          }
          od[o++] = sum / div;
        }
      }
    }
  },
  SpatialAveragePooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, kW: number, kH: number,
    dW: number, dH: number, padW: number, padH: number, ceilMode: boolean, countIncludePad: boolean): void {
    const g = avgCheck('SpatialAveragePooling_updateGradInput', input, gradOutput, kH, kW, dH, dW, padH, padW, ceilMode);
    checkTypes('SpatialAveragePooling_updateGradInput', input, [gradOutput, 3], [gradInput, 4]);
    resizeContiguous(gradInput, input._size).zero();
    const go = contiguous(gradOutput), gd = go._storage.data, gid = gradInput._storage.data;
    const inPlane = g.iH * g.iW;
    let o = go.offset;
    for (let k = 0; k < g.nb * g.planes; k++) {
      const gi = gradInput.offset + k * inPlane;
      for (let yy = 0; yy < g.oH; yy++) {
        for (let xx = 0; xx < g.oW; xx++) {
          const div = window(g, yy, xx, kH, kW, dH, dW, padH, padW, countIncludePad, win);
          const h1 = win[1], w0 = win[2], w1 = win[3], z = gd[o++] / div;
          for (let y = win[0]; y < h1; y++) {
            const row = gi + y * g.iW;
            for (let x2 = w0; x2 < w1; x2++) gid[row + x2] += z;
          }
        }
      }
    }
  },

  /** indices: 2 x [batch x] planes x oH x oW, the 1-based row then column of each max inside its window. */
  SpatialAdaptiveMaxPooling_updateOutput(input: Tensor, output: Tensor, indices: Tensor, owidth: number, oheight: number): void {
    const a = adaptiveInput('SpatialAdaptiveMaxPooling_updateOutput', input);
    checkTypes('SpatialAdaptiveMaxPooling_updateOutput', input, [output, 3]);
    checkIndices(indices, 4, 'SpatialAdaptiveMaxPooling_updateOutput');
    const batch = input.dim() === 4;
    resizeContiguous(output, batch ? [a.nb, a.planes, oheight, owidth] : [a.planes, oheight, owidth]);
    resizeContiguous(indices, batch ? [2, a.nb, a.planes, oheight, owidth] : [2, a.planes, oheight, owidth]);
    const xd = input._storage.data, od = output._storage.data, id = indices._storage.data;
    const half = a.nb * a.planes * oheight * owidth;
    let o = 0;
    for (let p = 0; p < a.nb; p++) {
      for (let k = 0; k < a.planes; k++) {
        for (let i = 0; i < oheight; i++) {
          const y0 = maxStart(i, oheight, a.iH), kH = maxEnd(i, oheight, a.iH) - y0;
          for (let j = 0; j < owidth; j++, o++) {
            const x0 = maxStart(j, owidth, a.iW), kW = maxEnd(j, owidth, a.iW) - x0;
            const ip = input.offset + p * a.sb + k * a.sd + y0 * a.sh + x0 * a.sw;
            let maxindex = -1, maxval = -3.4028234663852886e38, t = 0;
            for (let y = 0; y < kH; y++) {
              for (let x = 0; x < kW; x++, t++) {
                const val = xd[ip + y * a.sh + x * a.sw];
                if (val > maxval) { maxval = val; maxindex = t; }
              }
            }
            od[output.offset + o] = maxval;
            id[indices.offset + o] = Math.trunc(maxindex / kW) + 1;
            id[indices.offset + half + o] = (maxindex % kW) + 1;
          }
        }
      }
    }
  },
  SpatialAdaptiveMaxPooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor): void {
    adaptiveGradCheck(input, gradOutput);
    checkTypes('SpatialAdaptiveMaxPooling_updateGradInput', input, [gradOutput, 3], [gradInput, 4]);
    checkIndices(indices, 5, 'SpatialAdaptiveMaxPooling_updateGradInput');
    const go = contiguous(gradOutput), ind = contiguous(indices);
    resizeContiguous(gradInput, input._size).zero();
    const f = input.dim() === 4 ? 1 : 0, nb = f ? input._size[0] : 1, planes = input._size[f];
    const iH = input._size[f + 1], iW = input._size[f + 2], oH = go._size[f + 1], oW = go._size[f + 2];
    const gd = go._storage.data, gid = gradInput._storage.data, id = ind._storage.data;
    const half = nb * planes * oH * oW;
    let o = 0;
    for (let k = 0; k < nb * planes; k++) {
      const gi = gradInput.offset + k * iH * iW;
      for (let i = 0; i < oH; i++) {
        const y0 = maxStart(i, oH, iH);
        for (let j = 0; j < oW; j++, o++) {
          const maxi = id[ind.offset + o] - 1 + y0, maxj = id[ind.offset + half + o] - 1 + maxStart(j, oW, iW);
          gid[gi + maxi * iW + maxj] += gd[go.offset + o];
        }
      }
    }
  },

  SpatialAdaptiveAveragePooling_updateOutput(input: Tensor, output: Tensor, owidth: number, oheight: number): void {
    const a = adaptiveInput('SpatialAdaptiveAveragePooling_updateOutput', input);
    checkTypes('SpatialAdaptiveAveragePooling_updateOutput', input, [output, 3]);
    resizeContiguous(output, input.dim() === 4 ? [a.nb, a.planes, oheight, owidth] : [a.planes, oheight, owidth]);
    const xd = input._storage.data, od = output._storage.data;
    let o = output.offset;
    for (let p = 0; p < a.nb; p++) {
      for (let k = 0; k < a.planes; k++) {
        for (let i = 0; i < oheight; i++) {
          const y0 = avgStart(i, oheight, a.iH), kH = avgEnd(i, oheight, a.iH) - y0;
          for (let j = 0; j < owidth; j++) {
            const x0 = avgStart(j, owidth, a.iW), kW = avgEnd(j, owidth, a.iW) - x0;
            const ip = input.offset + p * a.sb + k * a.sd + y0 * a.sh + x0 * a.sw;
            let sum = 0;
            for (let y = 0; y < kH; y++) for (let x = 0; x < kW; x++) sum += xd[ip + y * a.sh + x * a.sw];
            od[o++] = sum / kW / kH;
          }
        }
      }
    }
  },
  SpatialAdaptiveAveragePooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor): void {
    adaptiveGradCheck(input, gradOutput);
    checkTypes('SpatialAdaptiveAveragePooling_updateGradInput', input, [gradOutput, 3], [gradInput, 4]);
    const go = contiguous(gradOutput);
    resizeContiguous(gradInput, input._size).zero();
    const f = input.dim() === 4 ? 1 : 0, nb = f ? input._size[0] : 1, planes = input._size[f];
    const iH = input._size[f + 1], iW = input._size[f + 2], oH = go._size[f + 1], oW = go._size[f + 2];
    const gd = go._storage.data, gid = gradInput._storage.data;
    let o = go.offset;
    for (let k = 0; k < nb * planes; k++) {
      const gi = gradInput.offset + k * iH * iW;
      for (let i = 0; i < oH; i++) {
        const y0 = avgStart(i, oH, iH), y1 = avgEnd(i, oH, iH);
        for (let j = 0; j < oW; j++, o++) {
          const x0 = avgStart(j, oW, iW), x1 = avgEnd(j, oW, iW);
          const z = gd[o] / (x1 - x0) / (y1 - y0);
          for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) gid[gi + y * iW + x] += z;
        }
      }
    }
  },
};
