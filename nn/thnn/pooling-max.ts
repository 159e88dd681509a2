/**
 * Max pooling kernels: THNN's SpatialDilatedMaxPooling (behind SpatialMaxPooling), TemporalMaxPooling
 * and VolumetricDilatedMaxPooling (behind VolumetricMaxPooling). Indices are saved as THNN saves them:
 * spatial = 1-based offset inside the plane; temporal = 0-based frame inside the window; volumetric =
 * the (t, h, w) offsets inside the kernel packed into bytes 0..2 (0xff where nothing was found).
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { TypedArray } from '../../lib/types.js';
import { argCheck, checkDimSize, checkIndices, checkTypes, contiguous, fitsInt32, resizeContiguous, sizeDesc } from './conv-util.js';

/** THNN's pooled size: floor or ceil of a float division, minus one when the last window starts in the padding. */
export function pooledSize(inSize: number, k: number, d: number, pad: number, dil: number, ceil: boolean): number {
  const q = Math.fround((inSize - (dil * (k - 1) + 1) + 2 * pad) / d);
  let out = (ceil ? Math.ceil(q) : Math.floor(q)) + 1;
  if (pad && (out - 1) * d >= inSize + pad) --out;
  return out;
}

interface SGeo { nb: number; planes: number; iH: number; iW: number; oH: number; oW: number }

function spatialCheck(fn: string, input: Tensor, gradOutput: Tensor | null, indices: Tensor | null, kH: number, kW: number,
  dH: number, dW: number, padH: number, padW: number, dilH: number, dilW: number, ceil: boolean): SGeo {
  argCheck(kW > 0 && kH > 0, 5, fn, `kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  argCheck(dW > 0 && dH > 0, 8, fn, `stride should be greater than zero, but got dH: ${dH} dW: ${dW}`);
  argCheck(dilH > 0 && dilW > 0, 12, fn, `dilation should be greater than zero, but got dilationH: ${dilH} dilationW: ${dilW}`);
  const ndim = input.dim();
  argCheck(ndim === 3 || ndim === 4, 2, fn, `3D or 4D input tensor expected but got: ${sizeDesc(input)}`);
  argCheck(Math.trunc(kW / 2) >= padW && Math.trunc(kH / 2) >= padH, 2, fn,
    `pad should be smaller than half of kernel size, but got padW = ${padW}, padH = ${padH}, kW = ${kW}, kH = ${kH}`);
  const f = ndim === 4 ? 1 : 0;
  const planes = input._size[f], iH = input._size[f + 1], iW = input._size[f + 2];
  const oH = pooledSize(iH, kH, dH, padH, dilH, ceil), oW = pooledSize(iW, kW, dW, padW, dilW, ceil);
  if (oW < 1 || oH < 1) {
    throw new TorchError(`Given input size: (${planes}x${iH}x${iW}). Calculated output size: (${planes}x${oH}x${oW}). Output size is too small`);
  }
  for (const [t, name] of [[gradOutput, 'gradOutput'], [indices, 'indices']] as const) {
    if (!t) continue;
    checkDimSize(t, name, ndim, f, planes);
    checkDimSize(t, name, ndim, f + 1, oH);
    checkDimSize(t, name, ndim, f + 2, oW);
  }
  return { nb: ndim === 4 ? input._size[0] : 1, planes, iH, iW, oH, oW };
}

function spatialMaxOutput(fn: string, input: Tensor, output: Tensor, indices: Tensor, kW: number, kH: number, dW: number, dH: number,
  padW: number, padH: number, dilW: number, dilH: number, ceil: boolean): void {
  const g = spatialCheck(fn, input, null, null, kH, kW, dH, dW, padH, padW, dilH, dilW, ceil);
  checkTypes(fn, input, [output, 3]);
  checkIndices(indices, 4, fn);
  const x = contiguous(input);
  const sizes = input.dim() === 4 ? [g.nb, g.planes, g.oH, g.oW] : [g.planes, g.oH, g.oW];
  resizeContiguous(output, sizes);
  resizeContiguous(indices, sizes);
  const n = g.nb * g.planes;
  fitsInt32(fn, x.offset + n * g.iH * g.iW, output.offset + n * g.oH * g.oW, indices.offset + n * g.oH * g.oW);
  spatialMaxLoop(x._storage.data, x.offset | 0, output._storage.data, output.offset | 0, indices._storage.data, indices.offset | 0,
    n | 0, g.iH | 0, g.iW | 0, g.oH | 0, g.oW | 0, kW | 0, kH | 0, dW | 0, dH | 0, padW | 0, padH | 0, dilW | 0, dilH | 0);
}

/**
 * The max-pooling loop over `n` planes (a top-level function of int32 numbers, see fitsInt32, so that V8
 * keeps it monomorphic); indices are 1-based offsets inside the input plane. Windows without padding or
 * dilation run a branch-free scan (below); the others THNN's loop as written.
 */
function spatialMaxLoop(xd: TypedArray, xo: number, od: TypedArray, oo: number, id: TypedArray, io: number, n: number,
  iH: number, iW: number, oH: number, oW: number, kW: number, kH: number, dW: number, dH: number,
  padW: number, padH: number, dilW: number, dilH: number): void {
  const inPlane = iH * iW;
  if (padW === 0 && padH === 0 && dilW === 1 && dilH === 1) {
    if (kW === 2 && kH === 2 && (oH - 1) * dH + 2 <= iH && (oW - 1) * dW + 2 <= iW) {
      max2x2(xd, xo, od, oo, id, io, n, iH, iW, oH, oW, dW, dH);
    } else {
      maxNoPad(xd, xo, od, oo, id, io, n, iH, iW, oH, oW, kW, kH, dW, dH);
    }
    return;
  }
  for (let k = 0; k < n; k++) {
    const ip = xo + k * inPlane;
    for (let i = 0; i < oH; i++) {
      let hstart = i * dH - padH;
      const hend = Math.min(hstart + (kH - 1) * dilH + 1, iH);
      while (hstart < 0) hstart += dilH;
      for (let j = 0; j < oW; j++, oo++, io++) {
        let wstart = j * dW - padW;
        const wend = Math.min(wstart + (kW - 1) * dilW + 1, iW);
        while (wstart < 0) wstart += dilW;
        let maxindex = -1, maxval = -Infinity;
        for (let y = hstart; y < hend; y += dilH) {
          for (let xx = wstart; xx < wend; xx += dilW) {
            const idx = y * iW + xx, val = xd[ip + idx];
            if (val > maxval) { maxval = val; maxindex = idx; }
          }
        }
        od[oo] = maxval;
        id[io] = maxindex + 1;
      }
    }
  }
}

// THNN's scan is `if (val > maxval) { maxval = val; maxindex = idx }` from maxval = -inf, which keeps
// the first of equal maxima and never takes a NaN. On random data that branch is mispredicted half
// the time; the scans below select the index with a mask instead (`-(val > maxval)` compiles to a
// setcc in V8) and re-read maxval at that index, which gives the same value and index bit for bit.

/** Windows of 2x2 that all lie inside the plane (the common SpatialMaxPooling(2, 2[, 2, 2])). */
function max2x2(xd: TypedArray, xo: number, od: TypedArray, oo: number, id: TypedArray, io: number, n: number,
  iH: number, iW: number, oH: number, oW: number, dW: number, dH: number): void {
  const inPlane = iH * iW;
  for (let k = 0; k < n; k++) {
    const ip = xo + k * inPlane;
    for (let i = 0; i < oH; i++) {
      for (let j = 0, p = ip + i * dH * iW; j < oW; j++, oo++, io++, p += dW) {
        let mi = -1, mv = -Infinity, m = 0, q = p;
        m = -(xd[q] > mv); mi = (q & m) | (mi & ~m); mv = mi < 0 ? -Infinity : xd[mi];
        q = p + 1;
        m = -(xd[q] > mv); mi = (q & m) | (mi & ~m); mv = mi < 0 ? -Infinity : xd[mi];
        q = p + iW;
        m = -(xd[q] > mv); mi = (q & m) | (mi & ~m); mv = mi < 0 ? -Infinity : xd[mi];
        q = p + iW + 1;
        m = -(xd[q] > mv); mi = (q & m) | (mi & ~m); mv = mi < 0 ? -Infinity : xd[mi];
        od[oo] = mv;
        id[io] = mi < 0 ? 0 : mi - ip + 1;
      }
    }
  }
}

/** Any window without padding or dilation: it starts inside the plane; ceil mode may clip its end. */
function maxNoPad(xd: TypedArray, xo: number, od: TypedArray, oo: number, id: TypedArray, io: number, n: number,
  iH: number, iW: number, oH: number, oW: number, kW: number, kH: number, dW: number, dH: number): void {
  const inPlane = iH * iW;
  for (let k = 0; k < n; k++) {
    const ip = xo + k * inPlane;
    for (let i = 0; i < oH; i++) {
      const h0 = i * dH, h1 = Math.min(h0 + kH, iH);
      for (let j = 0; j < oW; j++, oo++, io++) {
        const w0 = j * dW, w1 = Math.min(w0 + kW, iW);
        let mi = -1, mv = -Infinity;
        for (let row = ip + h0 * iW, re = ip + h1 * iW; row < re; row += iW) {
          for (let q = row + w0, e = row + w1; q < e; q++) {
            const m = -(xd[q] > mv);
            mi = (q & m) | (mi & ~m);
            mv = mi < 0 ? -Infinity : xd[mi];
          }
        }
        od[oo] = mv;
        id[io] = mi < 0 ? 0 : mi - ip + 1;
      }
    }
  }
}

function spatialMaxGradInput(fn: string, input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, kW: number, kH: number,
  dW: number, dH: number, padW: number, padH: number, dilW: number, dilH: number, ceil: boolean): void {
  const g = spatialCheck(fn, input, gradOutput, indices, kH, kW, dH, dW, padH, padW, dilH, dilW, ceil);
  checkTypes(fn, input, [gradOutput, 3], [gradInput, 4]);
  checkIndices(indices, 5, fn);
  const go = contiguous(gradOutput), ind = contiguous(indices);
  resizeContiguous(gradInput, input._size).zero();
  const n = g.nb * g.planes, inPlane = g.iH * g.iW, outPlane = g.oH * g.oW;
  fitsInt32(fn, go.offset + n * outPlane, gradInput.offset + n * inPlane, ind.offset + n * outPlane);
  spatialMaxGradLoop(go._storage.data, go.offset | 0, gradInput._storage.data, gradInput.offset | 0, ind._storage.data, ind.offset | 0,
    n | 0, inPlane | 0, outPlane | 0);
}

/** gradInput[plane][index - 1] += gradOutput, plane by plane (index 0: nothing found). */
function spatialMaxGradLoop(gd: TypedArray, go: number, gid: TypedArray, gio: number, id: TypedArray, io: number, n: number,
  inPlane: number, outPlane: number): void {
  for (let k = 0, base = gio - 1, j = io, g = go; k < n; k++, base += inPlane) {
    for (const e = j + outPlane; j < e; j++, g++) {
      const index = id[j];
      if (index !== 0) gid[base + index] += gd[g];
    }
  }
}

interface TGeo { nb: number; niframe: number; framesize: number; noframe: number }

function temporalCheck(fn: string, input: Tensor, gradOutput: Tensor | null, indices: Tensor | null, kW: number, dW: number): TGeo {
  const ndims = input.dim(), dimS = ndims === 3 ? 1 : 0, dimF = dimS + 1;
  const niframe = input._size[dimS], framesize = input._size[dimF];
  const noframe = Math.trunc((niframe - kW) / dW) + 1;
  argCheck(kW > 0, 5, fn, `kernel size should be greater than zero, but got kW: ${kW}`);
  argCheck(dW > 0, 6, fn, `stride should be greater than zero, but got dW: ${dW}`);
  argCheck(ndims === 2 || ndims === 3, 2, fn, `2D or 3D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  argCheck(niframe >= kW, 2, fn, `input sequence smaller than kernel size. Got: ${niframe}, Expected: ${kW}`);
  for (const [t, name] of [[gradOutput, 'gradOutput'], [indices, 'indices']] as const) {
    if (!t) continue;
    checkDimSize(t, name, ndims, dimS, noframe);
    checkDimSize(t, name, ndims, dimF, framesize);
  }
  return { nb: ndims === 3 ? input._size[0] : 1, niframe, framesize, noframe };
}

interface VGeo { nb: number; planes: number; iT: number; iH: number; iW: number; oT: number; oH: number; oW: number }

export function volumetricCheck(fn: string, input: Tensor, gradOutput: Tensor | null, indices: Tensor | null, k: number[], d: number[],
  p: number[], dil: number[], ceil: boolean): VGeo {
  const [kT, kW, kH] = k, [dT, dW, dH] = d, [pT, pW, pH] = p, [dilT, dilW, dilH] = dil;
  argCheck(kT > 0 && kW > 0 && kH > 0, 5, fn, `kernel size should be greater than zero, but got kT: ${kT} kH: ${kH} kW: ${kW}`);
  argCheck(dT > 0 && dW > 0 && dH > 0, 8, fn, `stride should be greater than zero, but got dT: ${dT} dH: ${dH} dW: ${dW}`);
  argCheck(dilT > 0 && dilW > 0 && dilH > 0, 14, fn,
    `dilation should be greater than 0, but got dilationT: ${dilT} dilationH: ${dilH} dilationW: ${dilW}`);
  const ndim = input.dim();
  argCheck(ndim === 4 || ndim === 5, 2, fn, `4D or 5D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  argCheck(Math.trunc(kT / 2) >= pT && Math.trunc(kW / 2) >= pW && Math.trunc(kH / 2) >= pH, 2, fn,
    `pad should be smaller than half of kernel size, but got kT: ${kT} kW: ${kW}, kH: ${kH}, padT: ${pT}, padW: ${pW}, padH: ${pH}`);
  const f = ndim === 5 ? 1 : 0;
  const planes = input._size[f], iT = input._size[f + 1], iH = input._size[f + 2], iW = input._size[f + 3];
  const oT = pooledSize(iT, kT, dT, pT, dilT, ceil), oH = pooledSize(iH, kH, dH, pH, dilH, ceil), oW = pooledSize(iW, kW, dW, pW, dilW, ceil);
  if (oT < 1 || oW < 1 || oH < 1) {
    throw new TorchError(`Given input size: (${planes}x${iT}x${iH}x${iW}). Calculated output size: (${planes}x${oT}x${oH}x${oW}). Output size is too small`);
  }
  for (const [t, name] of [[gradOutput, 'gradOutput'], [indices, 'indices']] as const) {
    if (!t) continue;
    checkDimSize(t, name, ndim, f, planes);
    checkDimSize(t, name, ndim, f + 1, oT);
    checkDimSize(t, name, ndim, f + 2, oH);
    checkDimSize(t, name, ndim, f + 3, oW);
  }
  return { nb: ndim === 5 ? input._size[0] : 1, planes, iT, iH, iW, oT, oH, oW };
}

export const poolingMax = {
  SpatialMaxPooling_updateOutput(input: Tensor, output: Tensor, indices: Tensor, kW: number, kH: number, dW: number, dH: number,
    padW: number, padH: number, ceilMode: boolean): void {
    spatialMaxOutput('SpatialMaxPooling_updateOutput', input, output, indices, kW, kH, dW, dH, padW, padH, 1, 1, ceilMode);
  },
  SpatialMaxPooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, kW: number, kH: number,
    dW: number, dH: number, padW: number, padH: number, ceilMode: boolean): void {
    spatialMaxGradInput('SpatialMaxPooling_updateGradInput', input, gradOutput, gradInput, indices, kW, kH, dW, dH, padW, padH, 1, 1, ceilMode);
  },
  SpatialDilatedMaxPooling_updateOutput(input: Tensor, output: Tensor, indices: Tensor, kW: number, kH: number, dW: number, dH: number,
    padW: number, padH: number, dilationW: number, dilationH: number, ceilMode: boolean): void {
    spatialMaxOutput('SpatialDilatedMaxPooling_updateOutput', input, output, indices, kW, kH, dW, dH, padW, padH, dilationW, dilationH, ceilMode);
  },
  SpatialDilatedMaxPooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, kW: number, kH: number,
    dW: number, dH: number, padW: number, padH: number, dilationW: number, dilationH: number, ceilMode: boolean): void {
    spatialMaxGradInput('SpatialDilatedMaxPooling_updateGradInput', input, gradOutput, gradInput, indices, kW, kH, dW, dH, padW, padH,
      dilationW, dilationH, ceilMode);
  },

  TemporalMaxPooling_updateOutput(input: Tensor, output: Tensor, indices: Tensor, kW: number, dW: number): void {
    const g = temporalCheck('TemporalMaxPooling_updateOutput', input, null, null, kW, dW);
    checkTypes('TemporalMaxPooling_updateOutput', input, [output, 3]);
    checkIndices(indices, 4, 'TemporalMaxPooling_updateOutput');
    const x = contiguous(input), fs = g.framesize;
    const sizes = input.dim() === 3 ? [g.nb, g.noframe, fs] : [g.noframe, fs];
    resizeContiguous(output, sizes);
    resizeContiguous(indices, sizes);
    const xd = x._storage.data, od = output._storage.data, id = indices._storage.data;
    for (let i = 0; i < g.nb; i++) {
      for (let t = 0; t < g.noframe; t++) {
        const ip = x.offset + i * g.niframe * fs + t * fs * dW, op = (i * g.noframe + t) * fs;
        for (let y = 0; y < fs; y++) {
          let maxindex = -1, maxval = -Infinity;
          for (let k = 0; k < kW; k++) {
            const val = xd[ip + k * fs + y];
            if (val > maxval) { maxval = val; maxindex = k; }
          }
          od[output.offset + op + y] = maxval;
          id[indices.offset + op + y] = maxindex;
        }
      }
    }
  },
  TemporalMaxPooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, kW: number, dW: number): void {
    const g = temporalCheck('TemporalMaxPooling_updateGradInput', input, gradOutput, indices, kW, dW);
    checkTypes('TemporalMaxPooling_updateGradInput', input, [gradOutput, 3], [gradInput, 4]);
    checkIndices(indices, 5, 'TemporalMaxPooling_updateGradInput');
    const go = contiguous(gradOutput), ind = contiguous(indices), fs = g.framesize;
    resizeContiguous(gradInput, input._size).zero();
    const gd = go._storage.data, gid = gradInput._storage.data, id = ind._storage.data;
    for (let i = 0; i < g.nb; i++) {
      for (let t = 0; t < g.noframe; t++) {
        const gip = gradInput.offset + i * g.niframe * fs + t * fs * dW, op = (i * g.noframe + t) * fs;
        for (let y = 0; y < fs; y++) {
          const maxindex = id[ind.offset + op + y];
          if (maxindex !== -1) gid[gip + maxindex * fs + y] += gd[go.offset + op + y];
        }
      }
    }
  },

  VolumetricMaxPooling_updateOutput(input: Tensor, output: Tensor, indices: Tensor, kT: number, kW: number, kH: number,
    dT: number, dW: number, dH: number, pT: number, pW: number, pH: number, ceilMode: boolean): void {
    const fn = 'VolumetricMaxPooling_updateOutput';
    const g = volumetricCheck(fn, input, null, null, [kT, kW, kH], [dT, dW, dH], [pT, pW, pH], [1, 1, 1], ceilMode);
    checkTypes(fn, input, [output, 3]);
    checkIndices(indices, 4, fn);
    const x = contiguous(input);
    const sizes = input.dim() === 5 ? [g.nb, g.planes, g.oT, g.oH, g.oW] : [g.planes, g.oT, g.oH, g.oW];
    resizeContiguous(output, sizes);
    resizeContiguous(indices, sizes);
    const xd = x._storage.data, od = output._storage.data, id = indices._storage.data;
    const n = g.nb * g.planes, inVol = g.iT * g.iH * g.iW, inPlane = g.iH * g.iW;
    let o = output.offset, io = indices.offset;
    for (let k = 0; k < n; k++) {
      const base = x.offset + k * inVol;
      for (let ti = 0; ti < g.oT; ti++) {
        for (let i = 0; i < g.oH; i++) {
          for (let j = 0; j < g.oW; j++, o++, io++) {
            const st = ti * dT - pT, sh = i * dH - pH, sw = j * dW - pW;
            const t0 = Math.max(st, 0), h0 = Math.max(sh, 0), w0 = Math.max(sw, 0);
            const t1 = Math.min(st + kT, g.iT), h1 = Math.min(sh + kH, g.iH), w1 = Math.min(sw + kW, g.iW);
            let maxval = -Infinity, mz = -1, my = -1, mx = -1;
            for (let z = t0; z < t1; z++) {
              for (let y = h0; y < h1; y++) {
                for (let xx = w0; xx < w1; xx++) {
                  const val = xd[base + z * inPlane + y * g.iW + xx];
                  if (val > maxval) { maxval = val; mz = z - st; my = y - sh; mx = xx - sw; }
                }
              }
            }
            od[o] = maxval;
            id[io] = (mz & 0xff) + (my & 0xff) * 0x100 + (mx & 0xff) * 0x10000;
          }
        }
      }
    }
  },
  VolumetricMaxPooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, kT: number, kW: number,
    kH: number, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number, ceilMode: boolean): void {
    const fn = 'VolumetricMaxPooling_updateGradInput';
    const g = volumetricCheck(fn, input, gradOutput, indices, [kT, kW, kH], [dT, dW, dH], [pT, pW, pH], [1, 1, 1], ceilMode);
    checkTypes(fn, input, [gradOutput, 3], [gradInput, 4]);
    checkIndices(indices, 5, fn);
    const go = contiguous(gradOutput), ind = contiguous(indices);
    resizeContiguous(gradInput, input._size).zero();
    const gd = go._storage.data, gid = gradInput._storage.data, id = ind._storage.data;
    const n = g.nb * g.planes, inVol = g.iT * g.iH * g.iW, inPlane = g.iH * g.iW;
    let o = 0;
    for (let k = 0; k < n; k++) {
      const base = gradInput.offset + k * inVol;
      for (let ti = 0; ti < g.oT; ti++) {
        for (let i = 0; i < g.oH; i++) {
          for (let j = 0; j < g.oW; j++, o++) {
            const packed = id[ind.offset + o], mz = packed & 0xff;
            if (mz === 0xff) continue;
            const t = mz + ti * dT - pT, y = ((packed >> 8) & 0xff) + i * dH - pH, x = ((packed >> 16) & 0xff) + j * dW - pW;
            gid[base + t * inPlane + y * g.iW + x] += gd[go.offset + o];
          }
        }
      }
    }
  },
};
