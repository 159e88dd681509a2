/**
 * CPU THNN kernels of the 'volumetric4' family: VolumetricDilatedConvolution (generic/VolumetricDilatedConvolution.c:
 * per batch element, a dilated vol2col into `columns` and GEMM), VolumetricDilatedMaxPooling (indices packed as
 * VolumetricMaxPooling's: the (t, h, w) kernel tap of each max in bytes 0..2, 0xff where the window held nothing)
 * VolumetricMaxUnpooling (which reads such packed indices back) and VolumetricFractionalMaxPooling (THNN's layout:
 * planes x H x W x T, time last; 1-based indices inside the plane). Beyond THNN (whose THAsserts would abort or
 * read out of range): the fractional indices and random samples are checked.
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { TypedArray } from '../../lib/types.js';
import { isCudaType } from '../targets.js';
import { argCheck, checkDimSize, checkIndices, checkShape, checkType, checkTypes, contiguous, gemmRM, resizeContiguous, sizeDesc, sumRun } from './conv-util.js';
import { volumetricCheck } from './pooling-max.js';
import { fractionalIntervals } from './spatial2-pool.js';

interface CP { kT: number; kW: number; kH: number; dT: number; dW: number; dH: number; pT: number; pW: number; pH: number; lT: number; lW: number; lH: number }
interface CGeo { batch: boolean; N: number; nIn: number; iT: number; iH: number; iW: number; nOut: number; oT: number; oH: number; oW: number }

/** VolumetricDilatedConvolution_shapeCheck (C integer division, as THNN). */
function convCheck(fn: string, input: Tensor, gradOutput: Tensor | null, weight: Tensor, bias: Tensor | null | undefined, p: CP): CGeo {
  const ndim = input.dim();
  argCheck(ndim === 4 || ndim === 5, 2, fn, `4D or 5D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  argCheck(weight.dim() === 5, 4, fn, `5D (nOutputPlane x nInputPlane x kT x kH x kW) tensor expected for weight, but got: ${sizeDesc(weight)}`);
  argCheck(p.kT > 0 && p.kW > 0 && p.kH > 0, 8, fn, `kernel size should be greater than zero, but got kT: ${p.kT} kH: ${p.kH} kW: ${p.kW}`);
  argCheck(p.dT > 0 && p.dW > 0 && p.dH > 0, 11, fn, `stride should be greater than zero, but got dT: ${p.dT} dH: ${p.dH} dW: ${p.dW}`);
  argCheck(p.lT > 0 && p.lW > 0 && p.lH > 0, 15, fn,
    `dilation should be greater than zero, but got dilationT: ${p.lT}, dilationH: ${p.lH}, dilationW: ${p.lW}`);
  checkType(weight, input, 4, fn);
  if (bias) checkDimSize(bias, 'bias', 1, 0, weight._size[0]);
  const f = ndim === 5 ? 1 : 0, nIn = weight._size[1], nOut = weight._size[0];
  const iT = input._size[f + 1], iH = input._size[f + 2], iW = input._size[f + 3];
  const oT = Math.trunc((iT + 2 * p.pT - (p.lT * (p.kT - 1) + 1)) / p.dT) + 1;
  const oH = Math.trunc((iH + 2 * p.pH - (p.lH * (p.kH - 1) + 1)) / p.dH) + 1;
  const oW = Math.trunc((iW + 2 * p.pW - (p.lW * (p.kW - 1) + 1)) / p.dW) + 1;
  if (oT < 1 || oW < 1 || oH < 1) {
    throw new TorchError(`Given input size: (${nIn}x${iT}x${iH}x${iW}). Calculated output size: (${nOut}x${oT}x${oH}x${oW}). Output size is too small`);
  }
  checkDimSize(input, 'input', ndim, f, nIn);
  if (gradOutput) {
    checkDimSize(gradOutput, 'gradOutput', ndim, f, nOut);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 1, oT);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 2, oH);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 3, oW);
  }
  return { batch: ndim === 5, N: f ? input._size[0] : 1, nIn, iT, iH, iW, nOut, oT, oH, oW };
}

/**
 * Dilated vol2col (backward = false: rows (plane, kt, kh, kw) x columns (t, y, x), zero outside the volume)
 * or col2vol (backward = true: accumulates the columns into the volume).
 */
function volCols(g: CGeo, p: CP, im: TypedArray, imOff: number, col: TypedArray, colOff: number, backward: boolean): void {
  const vol = g.iT * g.iH * g.iW, plane = g.iH * g.iW, N = g.oT * g.oH * g.oW;
  let r = colOff;
  for (let c = 0; c < g.nIn; c++) {
    for (let kt = 0; kt < p.kT; kt++) {
      for (let kh = 0; kh < p.kH; kh++) {
        for (let kw = 0; kw < p.kW; kw++, r += N) {
          let k = r;
          for (let t = 0; t < g.oT; t++) {
            const it = t * p.dT - p.pT + kt * p.lT;
            for (let y = 0; y < g.oH; y++) {
              const iy = y * p.dH - p.pH + kh * p.lH;
              for (let x = 0; x < g.oW; x++, k++) {
                const ix = x * p.dW - p.pW + kw * p.lW;
                const inside = it >= 0 && it < g.iT && iy >= 0 && iy < g.iH && ix >= 0 && ix < g.iW;
                const at = imOff + c * vol + it * plane + iy * g.iW + ix;
                if (backward) { if (inside) im[at] += col[k]; } else col[k] = inside ? im[at] : 0;
              }
            }
          }
        }
      }
    }
  }
}

const P = (kT: number, kW: number, kH: number, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number,
  lT: number, lW: number, lH: number): CP => ({ kT, kW, kH, dT, dW, dH, pT, pW, pH, lT, lW, lH });

function convOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined, columns: Tensor, p: CP): void {
  const fn = 'VolumetricDilatedConvolution_updateOutput';
  const g = convCheck(fn, input, null, weight, bias, p);
  checkTypes(fn, input, [output, 3], [bias, 5], [columns, 6]);
  const x = contiguous(input), w = contiguous(weight);
  const K = g.nIn * p.kT * p.kH * p.kW, N = g.oT * g.oH * g.oW, nOut = g.nOut, inVol = g.nIn * g.iT * g.iH * g.iW;
  resizeContiguous(output, g.batch ? [g.N, nOut, g.oT, g.oH, g.oW] : [nOut, g.oT, g.oH, g.oW]);
  resizeContiguous(columns, [K, N]);
  const xd = x._storage.data, cd = columns._storage.data, od = output._storage.data, wd = w._storage.data;
  for (let n = 0; n < g.N; n++) {
    const oOff = output.offset + n * nOut * N;
    if (bias) {
      const bd = bias._storage.data, bs = bias._stride[0];
      for (let i = 0; i < nOut; i++) od.fill(bd[bias.offset + i * bs], oOff + i * N, oOff + (i + 1) * N);
    } else {
      od.fill(0, oOff, oOff + nOut * N);
    }
    volCols(g, p, xd, x.offset + n * inVol, cd, columns.offset, false);
    gemmRM('n', 'n', nOut, N, K, 1, wd, w.offset, K, cd, columns.offset, N, 1, od, oOff, N);
  }
}

function convGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, gradColumns: Tensor, p: CP): void {
  const fn = 'VolumetricDilatedConvolution_updateGradInput';
  const g = convCheck(fn, input, gradOutput, weight, null, p);
  checkTypes(fn, input, [gradOutput, 3], [gradInput, 4], [gradColumns, 6]);
  const go = contiguous(gradOutput), w = contiguous(weight);
  const K = g.nIn * p.kT * p.kH * p.kW, N = g.oT * g.oH * g.oW, nOut = g.nOut, inVol = g.nIn * g.iT * g.iH * g.iW;
  resizeContiguous(gradInput, input._size).zero();
  resizeContiguous(gradColumns, [K, N]);
  const gd = go._storage.data, cd = gradColumns._storage.data, gid = gradInput._storage.data, wd = w._storage.data;
  for (let n = 0; n < g.N; n++) {
    gemmRM('t', 'n', K, N, nOut, 1, wd, w.offset, K, gd, go.offset + n * nOut * N, N, 0, cd, gradColumns.offset, N);
    volCols(g, p, gid, gradInput.offset + n * inVol, cd, gradColumns.offset, true);
  }
}

function convAcc(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined, columns: Tensor,
  p: CP, scale: number): void {
  const fn = 'VolumetricDilatedConvolution_accGradParameters';
  const g = convCheck(fn, input, gradOutput, gradWeight, gradBias, p);
  checkTypes(fn, input, [gradOutput, 3], [gradBias, 5], [columns, 6]);
  const x = contiguous(input), go = contiguous(gradOutput), gw = contiguous(gradWeight);
  const K = g.nIn * p.kT * p.kH * p.kW, N = g.oT * g.oH * g.oW, nOut = g.nOut, inVol = g.nIn * g.iT * g.iH * g.iW;
  resizeContiguous(columns, [K, N]);
  const xd = x._storage.data, gd = go._storage.data, cd = columns._storage.data, wd = gw._storage.data;
  for (let n = 0; n < g.N; n++) {
    const gOff = go.offset + n * nOut * N;
    volCols(g, p, xd, x.offset + n * inVol, cd, columns.offset, false);
    gemmRM('n', 't', nOut, K, N, scale, gd, gOff, N, cd, columns.offset, N, 1, wd, gw.offset, K);
    if (gradBias) {
      const bd = gradBias._storage.data, bs = gradBias._stride[0];
      for (let i = 0; i < nOut; i++) bd[gradBias.offset + i * bs] += scale * sumRun(gd, gOff + i * N, N);
    }
  }
  if (gw !== gradWeight) gradWeight.copy(gw);
}

/** Index tensors are LongTensors; on CudaTensor (the CPU fallback) they are of the input's type, as cunn's. */
function checkIdx(indices: Tensor, n: number, fn: string, input: Tensor): void {
  if (!(isCudaType(input) && indices.type() === input.type())) checkIndices(indices, n, fn);
}

function dilatedMaxOutput(input: Tensor, output: Tensor, indices: Tensor, k: number[], d: number[], pad: number[], dil: number[], ceil: boolean): void {
  const fn = 'VolumetricDilatedMaxPooling_updateOutput';
  const g = volumetricCheck(fn, input, null, null, k, d, pad, dil, ceil);
  checkTypes(fn, input, [output, 3]);
  checkIdx(indices, 4, fn, input);
  const [kT, kW, kH] = k, [dT, dW, dH] = d, [pT, pW, pH] = pad, [lT, lW, lH] = dil;
  const x = contiguous(input);
  const sizes = input.dim() === 5 ? [g.nb, g.planes, g.oT, g.oH, g.oW] : [g.planes, g.oT, g.oH, g.oW];
  resizeContiguous(output, sizes);
  resizeContiguous(indices, sizes);
  const xd = x._storage.data, od = output._storage.data, id = indices._storage.data;
  const inVol = g.iT * g.iH * g.iW, inPlane = g.iH * g.iW;
  let o = output.offset, io = indices.offset;
  for (let s = 0; s < g.nb * g.planes; s++) {
    const base = x.offset + s * inVol;
    for (let ti = 0; ti < g.oT; ti++) {
      for (let i = 0; i < g.oH; i++) {
        for (let j = 0; j < g.oW; j++, o++, io++) {
          const st = ti * dT - pT, sh = i * dH - pH, sw = j * dW - pW;
          let maxval = -Infinity, mz = -1, my = -1, mx = -1;
          for (let z = 0; z < kT; z++) {
            const tt = st + z * lT;
            if (tt < 0 || tt >= g.iT) continue;
            for (let y = 0; y < kH; y++) {
              const yy = sh + y * lH;
              if (yy < 0 || yy >= g.iH) continue;
              for (let xk = 0; xk < kW; xk++) {
                const xx = sw + xk * lW;
                if (xx < 0 || xx >= g.iW) continue;
                const val = xd[base + tt * inPlane + yy * g.iW + xx];
                if (val > maxval) { maxval = val; mz = z; my = y; mx = xk; }
              }
            }
          }
          od[o] = maxval;
          id[io] = (mz & 0xff) + (my & 0xff) * 0x100 + (mx & 0xff) * 0x10000;
        }
      }
    }
  }
}

function dilatedMaxGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, k: number[], d: number[], pad: number[],
  dil: number[], ceil: boolean): void {
  const fn = 'VolumetricDilatedMaxPooling_updateGradInput';
  const g = volumetricCheck(fn, input, gradOutput, indices, k, d, pad, dil, ceil);
  checkTypes(fn, input, [gradOutput, 3], [gradInput, 4]);
  checkIdx(indices, 5, fn, input);
  const [dT, dW, dH] = d, [pT, pW, pH] = pad, [lT, lW, lH] = dil;
  const go = contiguous(gradOutput), ind = contiguous(indices);
  resizeContiguous(gradInput, input._size).zero();
  const gd = go._storage.data, gid = gradInput._storage.data, id = ind._storage.data;
  const inVol = g.iT * g.iH * g.iW, inPlane = g.iH * g.iW;
  let o = 0;
  for (let s = 0; s < g.nb * g.planes; s++) {
    const base = gradInput.offset + s * inVol;
    for (let ti = 0; ti < g.oT; ti++) {
      for (let i = 0; i < g.oH; i++) {
        for (let j = 0; j < g.oW; j++, o++) {
          const packed = id[ind.offset + o], mz = packed & 0xff;
          if (mz === 0xff) continue;
          const t = mz * lT + ti * dT - pT, y = ((packed >> 8) & 0xff) * lH + i * dH - pH, x = ((packed >> 16) & 0xff) * lW + j * dW - pW;
          if (t < 0 || t >= g.iT || y < 0 || y >= g.iH || x < 0 || x >= g.iW) {
            throw new TorchError(`${fn}: invalid max index t= ${t}, y= ${y}, x= ${x} (input volumes are of size ${g.iT}x${g.iH}x${g.iW})`);
          }
          gid[base + t * inPlane + y * g.iW + x] += gd[go.offset + o];
        }
      }
    }
  }
}

interface UGeo { nb: number; planes: number; iT: number; iH: number; iW: number; f: number }

/** VolumetricMaxUnpooling_shapeCheck. */
function unpoolCheck(fn: string, input: Tensor, gradOutput: Tensor | null, indices: Tensor, oT: number, oW: number, oH: number,
  dT: number, dW: number, dH: number): UGeo {
  const n = input.dim();
  argCheck(n === 4 || n === 5, 2, fn, `4D or 5D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  checkShape(input, 'input', indices, 'indices');
  argCheck(dT > 0 && dW > 0 && dH > 0, 10, fn, `stride should be greater than zero, but got dT: ${dT} dH: ${dH} dW: ${dW}`);
  const f = n === 5 ? 1 : 0;
  const g = { nb: f ? input._size[0] : 1, planes: input._size[f], iT: input._size[f + 1], iH: input._size[f + 2], iW: input._size[f + 3], f };
  if (gradOutput) {
    if (oT !== gradOutput._size[f + 1] || oW !== gradOutput._size[f + 3] || oH !== gradOutput._size[f + 2]) {
      throw new TorchError(`Inconsistent gradOutput size. oT= ${oT}, oH= ${oH}, oW= ${oW}, gradOutput: ` +
        `${gradOutput._size[f + 1]}x${gradOutput._size[f + 2]}x${gradOutput._size[f + 3]}`);
    }
    if (f) checkDimSize(gradOutput, 'gradOutput', n, 0, g.nb); // beyond THNN
    checkDimSize(gradOutput, 'gradOutput', n, f, g.planes);
  }
  return g;
}

/** Visits each input element with its position in the unpooled output (throws Torch's message for a bad index). */
function eachUnpooled(g: UGeo, ind: Tensor, oT: number, oW: number, oH: number, d: number[], pad: number[],
  visit: (inAt: number, outAt: number) => void): void {
  const [dT, dW, dH] = d, [pT, pW, pH] = pad, id = ind._storage.data;
  const outVol = oT * oH * oW;
  let k = 0;
  for (let s = 0; s < g.nb * g.planes; s++) {
    for (let ti = 0; ti < g.iT; ti++) {
      for (let i = 0; i < g.iH; i++) {
        for (let j = 0; j < g.iW; j++, k++) {
          const packed = id[ind.offset + k];
          const z = (packed & 0xff) + ti * dT - pT, y = ((packed >> 8) & 0xff) + i * dH - pH, x = ((packed >> 16) & 0xff) + j * dW - pW;
          if (z < 0 || z >= oT || y < 0 || y >= oH || x < 0 || x >= oW) {
            throw new TorchError(`invalid max index z= ${z}, y= ${y}, x= ${x}, oT= ${oT}, oW= ${oW}, oH= ${oH}`);
          }
          visit(k, s * outVol + (z * oH + y) * oW + x);
        }
      }
    }
  }
}

function unpoolOutput(input: Tensor, output: Tensor, indices: Tensor, oT: number, oW: number, oH: number, d: number[], pad: number[]): void {
  const fn = 'VolumetricMaxUnpooling_updateOutput';
  const g = unpoolCheck(fn, input, null, indices, oT, oW, oH, d[0], d[1], d[2]);
  checkTypes(fn, input, [output, 3]);
  checkIdx(indices, 4, fn, input);
  const x = contiguous(input), ind = contiguous(indices);
  resizeContiguous(output, g.f ? [g.nb, g.planes, oT, oH, oW] : [g.planes, oT, oH, oW]).zero();
  const xd = x._storage.data, od = output._storage.data;
  eachUnpooled(g, ind, oT, oW, oH, d, pad, (a, b) => { od[output.offset + b] = xd[x.offset + a]; });
}

function unpoolGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, oT: number, oW: number, oH: number,
  d: number[], pad: number[]): void {
  const fn = 'VolumetricMaxUnpooling_updateGradInput';
  const g = unpoolCheck(fn, input, gradOutput, indices, oT, oW, oH, d[0], d[1], d[2]);
  checkTypes(fn, input, [gradOutput, 3], [gradInput, 4]);
  checkIdx(indices, 5, fn, input);
  const go = contiguous(gradOutput), ind = contiguous(indices);
  resizeContiguous(gradInput, input._size).zero();
  const gd = go._storage.data, gid = gradInput._storage.data;
  eachUnpooled(g, ind, oT, oW, oH, d, pad, (a, b) => { gid[gradInput.offset + a] = gd[go.offset + b]; });
}

interface FGeo { nb: number; planes: number; iH: number; iW: number; iT: number; f: number }

/** THNN's VolumetricFractionalMaxPooling dims: planes, then height, width and time (time last). */
function fracGeo(input: Tensor): FGeo {
  const f = input.dim() === 5 ? 1 : 0;
  return { nb: f ? input._size[0] : 1, planes: input._size[f], iH: input._size[f + 1], iW: input._size[f + 2], iT: input._size[f + 3], f };
}

function fracOutput(input: Tensor, output: Tensor, oT: number, oW: number, oH: number, pT: number, pW: number, pH: number, indices: Tensor,
  samples: Tensor): void {
  const fn = 'VolumetricFractionalMaxPooling_updateOutput';
  const n = input.dim();
  argCheck(n === 4 || n === 5, 2, fn, `4D or 5D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  const g = fracGeo(input);
  argCheck(oH + pH - 1 < g.iH, 9, fn, `poolSizeH (${pH}) too large relative to input height (${g.iH})`);
  argCheck(oW + pW - 1 < g.iW, 8, fn, `poolSizeW (${pW}) too large relative to input width (${g.iW})`);
  argCheck(oT + pT - 1 < g.iT, 7, fn, `poolSizeT (${pT}) too large relative to input time (${g.iT})`);
  checkTypes(fn, input, [output, 3], [samples, 11]);
  checkIdx(indices, 10, fn, input);
  const nPlanes = g.nb * g.planes;
  if (samples.nElement() < nPlanes * 3) {
    throw new TorchError(`${fn}: randomSamples has ${samples.nElement()} elements, ${nPlanes * 3} expected (batch x planes x 3)`);
  }
  const x = contiguous(input), s = contiguous(samples), f32 = input.kind.key === 'Float';
  const sizes = g.f ? [g.nb, g.planes, oH, oW, oT] : [g.planes, oH, oW, oT];
  resizeContiguous(output, sizes);
  resizeContiguous(indices, sizes);
  const xd = x._storage.data, sd = s._storage.data, od = output._storage.data, id = indices._storage.data;
  const inVol = g.iH * g.iW * g.iT, outVol = oH * oW * oT;
  for (let p = 0; p < nPlanes; p++) {
    const seqT = fractionalIntervals(sd[s.offset + 3 * p], g.iT, oT, pT, f32);
    const seqW = fractionalIntervals(sd[s.offset + 3 * p + 1], g.iW, oW, pW, f32);
    const seqH = fractionalIntervals(sd[s.offset + 3 * p + 2], g.iH, oH, pH, f32);
    const ip = x.offset + p * inVol;
    let o = output.offset + p * outVol, io = indices.offset + p * outVol;
    for (let h = 0; h < oH; h++) {
      for (let w = 0; w < oW; w++) {
        for (let tt = 0; tt < oT; tt++, o++, io++) {
          let maxVal = -Infinity, maxIndex = -1;
          for (let h2 = seqH[h]; h2 < seqH[h] + pH; h2++) {
            for (let w2 = seqW[w]; w2 < seqW[w] + pW; w2++) {
              for (let t2 = seqT[tt]; t2 < seqT[tt] + pT; t2++) {
                const idx = (h2 * g.iW + w2) * g.iT + t2, val = xd[ip + idx];
                if (val > maxVal) { maxVal = val; maxIndex = idx; }
              }
            }
          }
          od[o] = maxVal;
          id[io] = maxIndex + 1;
        }
      }
    }
  }
}

function fracGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, oT: number, oW: number, oH: number, indices: Tensor): void {
  const fn = 'VolumetricFractionalMaxPooling_updateGradInput';
  const n = input.dim();
  argCheck(n === 4 || n === 5, 2, fn, `4D or 5D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`); // beyond THNN
  const g = fracGeo(input);
  argCheck(oT === gradOutput._size[g.f + 3], 3, fn, 'gradOutput time unexpected');
  argCheck(oW === gradOutput._size[g.f + 2], 3, fn, 'gradOutput width unexpected');
  argCheck(oH === gradOutput._size[g.f + 1], 3, fn, 'gradOutput height unexpected');
  checkTypes(fn, input, [gradOutput, 3], [gradInput, 4]);
  checkIdx(indices, 10, fn, input);
  const sizes = g.f ? [g.nb, g.planes, oH, oW, oT] : [g.planes, oH, oW, oT];
  if (gradOutput.dim() !== n || sizes.some((v, i) => gradOutput._size[i] !== v)) {
    throw new TorchError(`${fn}: gradOutput ${sizeDesc(gradOutput)} does not match the output [${sizes.join(' x ')}]`);
  }
  if (indices.dim() !== n || sizes.some((v, i) => indices._size[i] !== v)) {
    throw new TorchError(`${fn}: indices ${sizeDesc(indices)} do not match the output [${sizes.join(' x ')}] (call updateOutput first)`);
  }
  const go = contiguous(gradOutput), ind = contiguous(indices);
  resizeContiguous(gradInput, input._size).zero();
  const gd = go._storage.data, id = ind._storage.data, gid = gradInput._storage.data;
  const inVol = g.iH * g.iW * g.iT, outVol = oH * oW * oT;
  for (let p = 0; p < g.nb * g.planes; p++) {
    for (let j = 0; j < outVol; j++) {
      const index = id[ind.offset + p * outVol + j] - 1;
      if (!(index >= 0 && index < inVol)) {
        throw new TorchError(`${fn}: invalid max index ${index + 1} (input volumes are of size ${g.iH}x${g.iW}x${g.iT})`);
      }
      gid[gradInput.offset + p * inVol + index] += gd[go.offset + p * outVol + j];
    }
  }
}

export const volumetric4 = {
  VolumetricDilatedConvolution_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined, columns: Tensor,
    _ones: Tensor, kT: number, kW: number, kH: number, dT: number, dW: number, dH: number, padT: number, padW: number, padH: number,
    dilationT: number, dilationW: number, dilationH: number): void {
    convOutput(input, output, weight, bias, columns, P(kT, kW, kH, dT, dW, dH, padT, padW, padH, dilationT, dilationW, dilationH));
  },
  VolumetricDilatedConvolution_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, gradColumns: Tensor,
    kT: number, kW: number, kH: number, dT: number, dW: number, dH: number, padT: number, padW: number, padH: number,
    dilationT: number, dilationW: number, dilationH: number): void {
    convGradInput(input, gradOutput, gradInput, weight, gradColumns, P(kT, kW, kH, dT, dW, dH, padT, padW, padH, dilationT, dilationW, dilationH));
  },
  VolumetricDilatedConvolution_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
    columns: Tensor, _ones: Tensor, kT: number, kW: number, kH: number, dT: number, dW: number, dH: number, padT: number, padW: number,
    padH: number, dilationT: number, dilationW: number, dilationH: number, scale: number): void {
    convAcc(input, gradOutput, gradWeight, gradBias, columns, P(kT, kW, kH, dT, dW, dH, padT, padW, padH, dilationT, dilationW, dilationH), scale);
  },
  VolumetricDilatedMaxPooling_updateOutput(input: Tensor, output: Tensor, indices: Tensor, kT: number, kW: number, kH: number,
    dT: number, dW: number, dH: number, padT: number, padW: number, padH: number, dilationT: number, dilationW: number, dilationH: number,
    ceilMode: boolean): void {
    dilatedMaxOutput(input, output, indices, [kT, kW, kH], [dT, dW, dH], [padT, padW, padH], [dilationT, dilationW, dilationH], ceilMode);
  },
  VolumetricDilatedMaxPooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, kT: number, kW: number,
    kH: number, dT: number, dW: number, dH: number, padT: number, padW: number, padH: number, dilationT: number, dilationW: number,
    dilationH: number, ceilMode: boolean): void {
    dilatedMaxGradInput(input, gradOutput, gradInput, indices, [kT, kW, kH], [dT, dW, dH], [padT, padW, padH],
      [dilationT, dilationW, dilationH], ceilMode);
  },
  VolumetricMaxUnpooling_updateOutput(input: Tensor, output: Tensor, indices: Tensor, oT: number, oW: number, oH: number,
    dT: number, dW: number, dH: number, pT: number, pW: number, pH: number): void {
    unpoolOutput(input, output, indices, oT, oW, oH, [dT, dW, dH], [pT, pW, pH]);
  },
  VolumetricMaxUnpooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, oT: number, oW: number,
    oH: number, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number): void {
    unpoolGradInput(input, gradOutput, gradInput, indices, oT, oW, oH, [dT, dW, dH], [pT, pW, pH]);
  },
  VolumetricFractionalMaxPooling_updateOutput(input: Tensor, output: Tensor, outputT: number, outputW: number, outputH: number,
    poolSizeT: number, poolSizeW: number, poolSizeH: number, indices: Tensor, randomSamples: Tensor): void {
    fracOutput(input, output, outputT, outputW, outputH, poolSizeT, poolSizeW, poolSizeH, indices, randomSamples);
  },
  VolumetricFractionalMaxPooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, outputT: number, outputW: number,
    outputH: number, _poolSizeT: number, _poolSizeW: number, _poolSizeH: number, indices: Tensor): void {
    fracGradInput(input, gradOutput, gradInput, outputT, outputW, outputH, indices);
  },
};
