/**
 * THNN's VolumetricFullConvolution (generic/VolumetricFullDilatedConvolution.c with dilation 1: per batch
 * element, GEMM into `columns` then col2vol into the output) and TemporalRowConvolution
 * (generic/TemporalRowConvolution.c: a depthwise 1-D convolution, one kW-tap filter per feature row).
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { TypedArray } from '../../lib/types.js';
import { argCheck, checkDimSize, checkType, contiguous, gemmRM, resizeContiguous, sizeDesc, sumRun } from './conv-util.js';
import { col2vol, vol2col, type Unfold3d } from './conv-unfold.js';

interface FullGeo { batch: boolean; N: number; nIn: number; nOut: number; kT: number; kH: number; kW: number;
  iT: number; iH: number; iW: number; oT: number; oH: number; oW: number }
interface FullP { dT: number; dW: number; dH: number; pT: number; pW: number; pH: number; aT: number; aW: number; aH: number }

/** VolumetricFullDilatedConvolution_shapeCheck (dilation 1); weight is nInputPlane x nOutputPlane x kT x kH x kW. */
function fullCheck(fn: string, input: Tensor, gradOutput: Tensor | null, weight: Tensor, bias: Tensor | null | undefined, p: FullP): FullGeo {
  argCheck(input.dim() === 4 || input.dim() === 5, 2, fn, `4D or 5D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  argCheck(weight.dim() === 5, 4, fn, `5D (nOutputPlane x nInputPlane x kT x kH x kW) tensor expected for weight, but got: ${sizeDesc(weight)}`);
  argCheck(p.dT > 0 && p.dW > 0 && p.dH > 0, 11, fn, `stride should be greater than zero, but got dT: ${p.dT} dH: ${p.dH} dW: ${p.dW}`);
  argCheck((p.aT < p.dT || p.aT < 1) && (p.aW < p.dW || p.aW < 1) && (p.aH < p.dH || p.aH < 1), 15, fn,
    `output padding must be smaller than either stride or dilation, but got aT: ${p.aT} aH: ${p.aH} aW: ${p.aW} ` +
    `dT: ${p.dT} dH: ${p.dH} dW: ${p.dW} dilationT: 1 dilationH: 1 dilationW: 1`);
  checkType(weight, input, 4, fn);
  const [nIn, nOut, kT, kH, kW] = weight._size;
  if (bias) checkDimSize(bias, 'bias', 1, 0, nOut);
  const ndim = input.dim(), f = ndim === 5 ? 1 : 0;
  const iT = input._size[f + 1], iH = input._size[f + 2], iW = input._size[f + 3];
  const oT = (iT - 1) * p.dT - 2 * p.pT + kT + p.aT;
  const oH = (iH - 1) * p.dH - 2 * p.pH + kH + p.aH;
  const oW = (iW - 1) * p.dW - 2 * p.pW + kW + p.aW;
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
  return { batch: ndim === 5, N: ndim === 5 ? input._size[0] : 1, nIn, nOut, kT, kH, kW, iT, iH, iW, oT, oH, oW };
}

/** The unfolding of the output volume (nOutputPlane x oT x oH x oW) onto the input grid (iT x iH x iW). */
const fullUnfold = (g: FullGeo, p: FullP): Unfold3d => ({
  channels: g.nOut, depth: g.oT, height: g.oH, width: g.oW, kT: g.kT, kH: g.kH, kW: g.kW,
  padT: p.pT, padH: p.pH, padW: p.pW, dT: p.dT, dH: p.dH, dW: p.dW, oT: g.iT, oH: g.iH, oW: g.iW,
});

const sized = (g: FullGeo, planes: number, t: number, h: number, w: number): number[] => (g.batch ? [g.N, planes, t, h, w] : [planes, t, h, w]);

function fullOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined, columns: Tensor, p: FullP): void {
  const fn = 'VolumetricFullConvolution_updateOutput';
  const g = fullCheck(fn, input, null, weight, bias, p);
  checkType(bias, input, 5, fn);
  checkType(output, input, 3, fn);
  checkType(columns, input, 6, fn);
  const x = contiguous(input), w = contiguous(weight);
  const M = g.nOut * g.kT * g.kH * g.kW, N = g.iT * g.iH * g.iW, V = g.oT * g.oH * g.oW;
  resizeContiguous(output, sized(g, g.nOut, g.oT, g.oH, g.oW));
  resizeContiguous(columns, [M, N]);
  const u = fullUnfold(g, p);
  const xd = x._storage.data, od = output._storage.data, cd = columns._storage.data;
  for (let n = 0; n < g.N; n++) {
    gemmRM('t', 'n', M, N, g.nIn, 1, w._storage.data, w.offset, M, xd, x.offset + n * g.nIn * N, N, 0, cd, columns.offset, N);
    const oOff = output.offset + n * g.nOut * V;
    od.fill(0, oOff, oOff + g.nOut * V);
    col2vol(u, cd, columns.offset, od, oOff);
    if (bias) {
      const bd = bias._storage.data, bs = bias._stride[0];
      for (let i = 0; i < g.nOut; i++) {
        const v = bd[bias.offset + i * bs], o = oOff + i * V;
        for (let j = 0; j < V; j++) od[o + j] += v;
      }
    }
  }
}

function fullGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, gradColumns: Tensor, p: FullP): void {
  const fn = 'VolumetricFullConvolution_updateGradInput';
  const g = fullCheck(fn, input, gradOutput, weight, null, p);
  checkType(gradOutput, input, 3, fn);
  checkType(gradInput, input, 4, fn);
  checkType(gradColumns, input, 6, fn);
  const go = contiguous(gradOutput), w = contiguous(weight);
  const M = g.nOut * g.kT * g.kH * g.kW, N = g.iT * g.iH * g.iW, V = g.oT * g.oH * g.oW;
  resizeContiguous(gradInput, sized(g, g.nIn, g.iT, g.iH, g.iW));
  resizeContiguous(gradColumns, [M, N]);
  const u = fullUnfold(g, p);
  const gd = go._storage.data, gid = gradInput._storage.data, cd = gradColumns._storage.data;
  for (let n = 0; n < g.N; n++) {
    vol2col(u, gd, go.offset + n * g.nOut * V, cd, gradColumns.offset);
    gemmRM('n', 'n', g.nIn, N, M, 1, w._storage.data, w.offset, M, cd, gradColumns.offset, N, 0, gid, gradInput.offset + n * g.nIn * N, N);
  }
}

function fullAcc(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined, columns: Tensor,
  p: FullP, scale: number): void {
  const fn = 'VolumetricFullConvolution_accGradParameters';
  const g = fullCheck(fn, input, gradOutput, gradWeight, gradBias, p);
  checkType(gradOutput, input, 3, fn);
  checkType(gradBias, input, 5, fn);
  checkType(columns, input, 6, fn);
  argCheck(gradWeight.isContiguous(), 4, fn, 'gradWeight needs to be contiguous');
  if (gradBias) argCheck(gradBias.isContiguous(), 5, fn, 'gradBias needs to be contiguous');
  const x = contiguous(input), go = contiguous(gradOutput);
  const M = g.nOut * g.kT * g.kH * g.kW, N = g.iT * g.iH * g.iW, V = g.oT * g.oH * g.oW;
  resizeContiguous(columns, [M, N]);
  const u = fullUnfold(g, p);
  const xd = x._storage.data, gd = go._storage.data, cd = columns._storage.data;
  for (let n = 0; n < g.N; n++) {
    const gOff = go.offset + n * g.nOut * V;
    vol2col(u, gd, gOff, cd, columns.offset);
    gemmRM('n', 't', g.nIn, M, N, scale, xd, x.offset + n * g.nIn * N, N, cd, columns.offset, N, 1, gradWeight._storage.data, gradWeight.offset, M);
    if (gradBias) {
      const bd = gradBias._storage.data;
      for (let i = 0; i < g.nOut; i++) bd[gradBias.offset + i] += scale * sumRun(gd, gOff + i * V, V);
    }
  }
}

/** TemporalRowConvolution_shapeCheck on the feature-first (contiguous) input. */
function rowCheck(input: Tensor, gradOutput: Tensor | null, weight: Tensor, bias: Tensor | null | undefined,
  kW: number, dW: number, fn: string): { frames: number; nIn: number; nOut: number } {
  argCheck(kW > 0, 5, fn, `kernel size should be greater than zero, but got kW: ${kW}`);
  argCheck(dW > 0, 6, fn, `stride should be greater than zero, but got dW: ${dW}`);
  argCheck(weight.dim() === 3, 3, fn, `3D weight tensor expected, but got: ${sizeDesc(weight)}`);
  argCheck(weight.isContiguous(), 4, fn, 'weight must be contiguous');
  argCheck(!bias || bias.isContiguous(), 5, fn, 'bias must be contiguous');
  if (bias) checkDimSize(bias, 'bias', 1, 0, weight._size[0]);
  const ndim = input.dim();
  const dimF = ndim === 3 ? 1 : 0, dimS = dimF + 1;
  const F = weight._size[0], nIn = input._size[dimS];
  const nOut = Math.trunc((nIn - kW) / dW) + 1;
  if (nOut < 1) {
    throw new TorchError(`Given input size: (${F} x ${nIn}). Calculated output size: (${F} x ${nOut}). Output size is too small`);
  }
  checkDimSize(input, 'input', ndim, dimF, F);
  if (gradOutput) {
    checkDimSize(gradOutput, 'gradOutput', ndim, dimF, F);
    checkDimSize(gradOutput, 'gradOutput', ndim, dimS, nOut);
  }
  return { frames: ndim === 3 ? input._size[0] : 1, nIn, nOut };
}

/** The feature-first contiguous view of a (batch x) seq x feats tensor (or of a feats x seq one when featFirst). */
function featFirstOf(t: Tensor, featFirst: boolean, fn: string, n: number): Tensor {
  // checked before the transpose (Torch transposes first and fails there with 'out of range' on 1-D input)
  argCheck(t.dim() === 2 || t.dim() === 3, n, fn, `2D or 3D (batch mode) input tensor expected, but got :${sizeDesc(t)}`);
  return contiguous(featFirst ? t : t.transpose(t.dim(), t.dim() - 1));
}

/** unfolded_copy_row: finput[c][kw][x] = input[c][x*dW + kw]. */
function copyRows(xd: TypedArray, xOff: number, fd: TypedArray, fOff: number, F: number, kW: number, dW: number, nIn: number, nOut: number): void {
  for (let c = 0; c < F; c++) {
    for (let kw = 0; kw < kW; kw++) {
      const dst = fOff + (c * kW + kw) * nOut, src = xOff + c * nIn + kw;
      for (let x = 0; x < nOut; x++) fd[dst + x] = xd[src + x * dW];
    }
  }
}

export const volumetric2Conv = {
  VolumetricFullConvolution_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined,
    finput: Tensor, _fgradInput: Tensor, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number,
    aT: number, aW: number, aH: number): void {
    fullOutput(input, output, weight, bias, finput, { dT, dW, dH, pT, pW, pH, aT, aW, aH });
  },

  VolumetricFullConvolution_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor,
    finput: Tensor, _fgradInput: Tensor, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number,
    aT: number, aW: number, aH: number): void {
    fullGradInput(input, gradOutput, gradInput, weight, finput, { dT, dW, dH, pT, pW, pH, aT, aW, aH });
  },

  VolumetricFullConvolution_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
    finput: Tensor, _fgradInput: Tensor, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number,
    aT: number, aW: number, aH: number, scale: number): void {
    fullAcc(input, gradOutput, gradWeight, gradBias, finput, { dT, dW, dH, pT, pW, pH, aT, aW, aH }, scale);
  },

  /** out[c][x] = bias[c] + Σ_kw weight[c][0][kw]·in[c][x·dW + kw]; a featFirst=false result is a transposed view. */
  TemporalRowConvolution_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined,
    finput: Tensor, _fgradInput: Tensor, kW: number, dW: number, _padW: number, featFirst: boolean): void {
    const fn = 'TemporalRowConvolution_updateOutput';
    checkType(weight, input, 3, fn);
    checkType(bias, input, 4, fn);
    checkType(output, input, 2, fn);
    checkType(finput, input, 5, fn);
    const x = featFirstOf(input, featFirst, fn, 1);
    const g = rowCheck(x, null, weight, bias, kW, dW, fn);
    const F = weight._size[0], batch = x.dim() === 3;
    resizeContiguous(finput, batch ? [g.frames, F, kW, g.nOut] : [F, kW, g.nOut]);
    resizeContiguous(output, batch ? [g.frames, F, g.nOut] : [F, g.nOut]);
    const xd = x._storage.data, fd = finput._storage.data, od = output._storage.data, wd = weight._storage.data;
    for (let t = 0; t < g.frames; t++) {
      const fOff = finput.offset + t * F * kW * g.nOut, oOff = output.offset + t * F * g.nOut;
      copyRows(xd, x.offset + t * F * g.nIn, fd, fOff, F, kW, dW, g.nIn, g.nOut);
      for (let c = 0; c < F; c++) {
        const b = bias ? bias._storage.data[bias.offset + c] : 0;
        const w = weight.offset + c * kW, row = oOff + c * g.nOut;
        for (let xo = 0; xo < g.nOut; xo++) {
          let s = 0;
          for (let kw = 0; kw < kW; kw++) s += wd[w + kw] * fd[fOff + (c * kW + kw) * g.nOut + xo];
          od[row + xo] = b + s;
        }
      }
    }
    if (!featFirst) output.set(output.transpose(output.dim(), output.dim() - 1));
  },

  TemporalRowConvolution_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor,
    finput: Tensor, fgradInput: Tensor, kW: number, dW: number, _padW: number, featFirst: boolean): void {
    const fn = 'TemporalRowConvolution_updateGradInput';
    checkType(gradOutput, input, 2, fn);
    checkType(gradInput, input, 3, fn);
    checkType(weight, input, 4, fn);
    checkType(fgradInput, input, 6, fn);
    const x = featFirstOf(input, featFirst, fn, 1), go = featFirstOf(gradOutput, featFirst, fn, 2);
    const g = rowCheck(x, go, weight, null, kW, dW, fn);
    const F = weight._size[0];
    // THNN resizes it as finput; its size follows from the geometry
    resizeContiguous(fgradInput, x.dim() === 3 ? [g.frames, F, kW, g.nOut] : [F, kW, g.nOut]);
    resizeContiguous(gradInput, x._size.slice());
    gradInput.zero();
    const gd = go._storage.data, gid = gradInput._storage.data, fgd = fgradInput._storage.data, wd = weight._storage.data;
    const fStride = F * kW * g.nOut;
    for (let t = 0; t < g.frames; t++) {
      const gOff = go.offset + t * F * g.nOut, giOff = gradInput.offset + t * F * g.nIn, fOff = fgradInput.offset + t * fStride;
      for (let c = 0; c < F; c++) {
        for (let kw = 0; kw < kW; kw++) {
          const wv = wd[weight.offset + c * kW + kw], dst = fOff + (c * kW + kw) * g.nOut, gi = giOff + c * g.nIn + kw;
          for (let xo = 0; xo < g.nOut; xo++) {
            const v = wv * gd[gOff + c * g.nOut + xo];
            fgd[dst + xo] = v;
            gid[gi + xo * dW] += v;
          }
        }
      }
    }
    if (!featFirst) gradInput.set(gradInput.transpose(gradInput.dim(), gradInput.dim() - 1));
  },

  TemporalRowConvolution_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
    finput: Tensor, _fgradInput: Tensor, kW: number, dW: number, _padW: number, featFirst: boolean, scale: number): void {
    const fn = 'TemporalRowConvolution_accGradParameters';
    checkType(gradOutput, input, 2, fn);
    checkType(gradWeight, input, 3, fn);
    checkType(gradBias, input, 4, fn);
    checkType(finput, input, 5, fn);
    const x = featFirstOf(input, featFirst, fn, 1), go = featFirstOf(gradOutput, featFirst, fn, 2);
    const g = rowCheck(x, go, gradWeight, gradBias, kW, dW, fn);
    const F = gradWeight._size[0], fStride = F * kW * g.nOut;
    if (!finput.isContiguous() || finput.nElement() !== g.frames * fStride) {
      throw new TorchError(`finput must hold the unfolded input of the last forward, got ${sizeDesc(finput)}`);
    }
    const gd = go._storage.data, fd = finput._storage.data, gwd = gradWeight._storage.data;
    for (let t = 0; t < g.frames; t++) {
      const gOff = go.offset + t * F * g.nOut, fOff = finput.offset + t * fStride;
      for (let c = 0; c < F; c++) {
        const grow = gOff + c * g.nOut;
        for (let kw = 0; kw < kW; kw++) {
          const frow = fOff + (c * kW + kw) * g.nOut;
          let s = 0;
          for (let xo = 0; xo < g.nOut; xo++) s += gd[grow + xo] * fd[frow + xo];
          gwd[gradWeight.offset + c * kW + kw] += scale * s;
        }
        if (gradBias) gradBias._storage.data[gradBias.offset + c] += scale * sumRun(gd, grow, g.nOut);
      }
    }
  },
};
