/**
 * THNN's SpatialDilatedConvolution and SpatialFull(Dilated)Convolution (generic/SpatialDilatedConvolution.c,
 * generic/SpatialFullDilatedConvolution.c): per batch element, im2col/col2im through `columns` and GEMM.
 * A 3-D input runs as a batch of one. `ones` is accepted for THNN's signature; bias sums run directly.
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { TypedArray } from '../../lib/types.js';
import { argCheck, checkDimSize, checkType, contiguous, gemmRM, resizeContiguous, sizeDesc, sumRun } from './conv-util.js';
import { col2im, im2col, type Unfold2d } from './conv-unfold.js';

interface Geo { batch: boolean; N: number; nIn: number; iH: number; iW: number; nOut: number; oH: number; oW: number }
interface Params { kW: number; kH: number; dW: number; dH: number; padW: number; padH: number; dilW: number; dilH: number; adjW: number; adjH: number }

function dims(input: Tensor, gradOutput: Tensor | null, nIn: number, nOut: number, oH: number, oW: number, iH: number, iW: number): void {
  const ndim = input.dim(), b = ndim === 4 ? 1 : 0;
  if (oW < 1 || oH < 1) {
    throw new TorchError(`Given input size: (${nIn} x ${iH} x ${iW}). Calculated output size: (${nOut} x ${oH} x ${oW}). Output size is too small`);
  }
  checkDimSize(input, 'input', ndim, b, nIn);
  if (gradOutput) {
    checkDimSize(gradOutput, 'gradOutput', ndim, b, nOut);
    checkDimSize(gradOutput, 'gradOutput', ndim, b + 1, oH);
    checkDimSize(gradOutput, 'gradOutput', ndim, b + 2, oW);
  }
}

function commonChecks(fn: string, input: Tensor, weight: Tensor, p: Params): void {
  argCheck(p.kW > 0 && p.kH > 0, 9, fn, `kernel size should be greater than zero, but got kH: ${p.kH} kW: ${p.kW}`);
  argCheck(p.dW > 0 && p.dH > 0, 11, fn, `stride should be greater than zero, but got dH: ${p.dH} dW: ${p.dW}`);
  argCheck(p.dilW > 0 && p.dilH > 0, 15, fn, `dilation should be greater than zero, but got dilationH: ${p.dilH}, dilationW: ${p.dilW}`);
  checkType(weight, input, 4, fn);
}

function checkInput(fn: string, input: Tensor): boolean {
  argCheck(input.dim() === 3 || input.dim() === 4, 2, fn, `3D or 4D input tensor expected but got: ${sizeDesc(input)}`);
  return input.dim() === 4;
}

/** SpatialDilatedConvolution_shapeCheck. */
function dilatedCheck(fn: string, input: Tensor, gradOutput: Tensor | null, weight: Tensor, bias: Tensor | null | undefined, p: Params): Geo {
  argCheck(weight.dim() === 4, 4, fn, `4D weight tensor (nOutputPlane,nInputPlane,kH,kW) expected, but got: ${sizeDesc(weight)}`);
  commonChecks(fn, input, weight, p);
  if (bias) checkDimSize(bias, 'bias', 1, 0, weight._size[0]);
  const batch = checkInput(fn, input), b = batch ? 1 : 0;
  const nIn = weight._size[1], nOut = weight._size[0], iH = input._size[b + 1], iW = input._size[b + 2];
  const oH = Math.floor((iH + 2 * p.padH - (p.dilH * (p.kH - 1) + 1)) / p.dH) + 1;
  const oW = Math.floor((iW + 2 * p.padW - (p.dilW * (p.kW - 1) + 1)) / p.dW) + 1;
  dims(input, gradOutput, nIn, nOut, oH, oW, iH, iW);
  return { batch, N: batch ? input._size[0] : 1, nIn, iH, iW, nOut, oH, oW };
}

/** SpatialFullDilatedConvolution_shapeCheck: weight is nInputPlane x nOutputPlane x kH x kW. */
function fullCheck(fn: string, input: Tensor, gradOutput: Tensor | null, weight: Tensor, bias: Tensor | null | undefined, p: Params): Geo {
  commonChecks(fn, input, weight, p);
  argCheck((p.adjW < p.dW || p.adjW < p.dilW) && (p.adjH < p.dH || p.adjH < p.dilH), 15, fn,
    `output padding must be smaller than either stride or dilation, but got adjH: ${p.adjH} adjW: ${p.adjW} dH: ${p.dH} dW: ${p.dW} dilationH: ${p.dilH} dilationW: ${p.dilW}`);
  argCheck(weight.dim() === 2 || weight.dim() === 4, 5, fn, `2D or 4D weight tensor expected, but got: ${sizeDesc(weight)}`);
  if (bias) checkDimSize(bias, 'bias', 1, 0, weight._size[1]);
  const batch = checkInput(fn, input), b = batch ? 1 : 0;
  const nIn = weight._size[0], nOut = weight._size[1], iH = input._size[b + 1], iW = input._size[b + 2];
  const oH = (iH - 1) * p.dH - 2 * p.padH + (p.dilH * (p.kH - 1) + 1) + p.adjH;
  const oW = (iW - 1) * p.dW - 2 * p.padW + (p.dilW * (p.kW - 1) + 1) + p.adjW;
  dims(input, gradOutput, nIn, nOut, oH, oW, iH, iW);
  return { batch, N: batch ? input._size[0] : 1, nIn, iH, iW, nOut, oH, oW };
}

/** The unfolding of an image of `channels` planes of h x w into columns over oh x ow. */
const geo = (p: Params, channels: number, h: number, w: number, oh: number, ow: number): Unfold2d => ({
  channels, height: h, width: w, kH: p.kH, kW: p.kW, padH: p.padH, padW: p.padW, dH: p.dH, dW: p.dW,
  dilH: p.dilH, dilW: p.dilW, oH: oh, oW: ow,
});

function addBias(od: TypedArray, oOff: number, bias: Tensor, nOut: number, HW: number): void {
  const bd = bias._storage.data, bs = bias._stride[0];
  for (let i = 0; i < nOut; i++) {
    const v = bd[bias.offset + i * bs], o = oOff + i * HW;
    for (let j = 0; j < HW; j++) od[o + j] += v;
  }
}

function accBias(gradBias: Tensor, gd: TypedArray, gOff: number, nOut: number, HW: number, scale: number): void {
  const bd = gradBias._storage.data;
  for (let i = 0; i < nOut; i++) bd[gradBias.offset + i] += scale * sumRun(gd, gOff + i * HW, HW);
}

const outSize = (g: Geo, planes: number, h: number, w: number): number[] => (g.batch ? [g.N, planes, h, w] : [planes, h, w]);

function dilatedOutput(fn: string, input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined, columns: Tensor, p: Params): void {
  const g = dilatedCheck(fn, input, null, weight, bias, p);
  checkType(bias, input, 5, fn);
  checkType(output, input, 3, fn);
  checkType(columns, input, 6, fn);
  const x = contiguous(input), w = contiguous(weight);
  const K = g.nIn * p.kH * p.kW, HW = g.oH * g.oW;
  resizeContiguous(output, outSize(g, g.nOut, g.oH, g.oW));
  resizeContiguous(columns, [K, HW]);
  const u = geo(p, g.nIn, g.iH, g.iW, g.oH, g.oW);
  const xd = x._storage.data, od = output._storage.data, cd = columns._storage.data;
  for (let n = 0; n < g.N; n++) {
    const oOff = output.offset + n * g.nOut * HW;
    od.fill(0, oOff, oOff + g.nOut * HW);
    if (bias) addBias(od, oOff, bias, g.nOut, HW);
    im2col(u, xd, x.offset + n * g.nIn * g.iH * g.iW, cd, columns.offset);
    gemmRM('n', 'n', g.nOut, HW, K, 1, w._storage.data, w.offset, K, cd, columns.offset, HW, 1, od, oOff, HW);
  }
}

function dilatedGradInput(fn: string, input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, gradColumns: Tensor, p: Params): void {
  const g = dilatedCheck(fn, input, gradOutput, weight, null, p);
  checkType(gradOutput, input, 3, fn);
  checkType(gradInput, input, 4, fn);
  checkType(gradColumns, input, 6, fn);
  const go = contiguous(gradOutput), w = contiguous(weight);
  const K = g.nIn * p.kH * p.kW, HW = g.oH * g.oW, inFrame = g.nIn * g.iH * g.iW;
  resizeContiguous(gradInput, outSize(g, g.nIn, g.iH, g.iW));
  resizeContiguous(gradColumns, [K, HW]);
  const u = geo(p, g.nIn, g.iH, g.iW, g.oH, g.oW);
  const gd = go._storage.data, gid = gradInput._storage.data, cd = gradColumns._storage.data;
  for (let n = 0; n < g.N; n++) {
    gemmRM('t', 'n', K, HW, g.nOut, 1, w._storage.data, w.offset, K, gd, go.offset + n * g.nOut * HW, HW, 0, cd, gradColumns.offset, HW);
    const giOff = gradInput.offset + n * inFrame;
    gid.fill(0, giOff, giOff + inFrame);
    col2im(u, cd, gradColumns.offset, gid, giOff);
  }
}

function dilatedAcc(fn: string, input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
  columns: Tensor, p: Params, scale: number): void {
  const g = dilatedCheck(fn, input, gradOutput, gradWeight, gradBias, p);
  checkType(gradOutput, input, 3, fn);
  checkType(gradBias, input, 5, fn);
  checkType(columns, input, 6, fn);
  argCheck(gradWeight.isContiguous(), 4, fn, 'gradWeight needs to be contiguous');
  if (gradBias) argCheck(gradBias.isContiguous(), 5, fn, 'gradBias needs to be contiguous');
  const x = contiguous(input), go = contiguous(gradOutput);
  const K = g.nIn * p.kH * p.kW, HW = g.oH * g.oW;
  resizeContiguous(columns, [K, HW]);
  const u = geo(p, g.nIn, g.iH, g.iW, g.oH, g.oW);
  const xd = x._storage.data, gd = go._storage.data, cd = columns._storage.data;
  for (let n = 0; n < g.N; n++) {
    im2col(u, xd, x.offset + n * g.nIn * g.iH * g.iW, cd, columns.offset);
    const gOff = go.offset + n * g.nOut * HW;
    gemmRM('n', 't', g.nOut, K, HW, scale, gd, gOff, HW, cd, columns.offset, HW, 1, gradWeight._storage.data, gradWeight.offset, K);
    if (gradBias) accBias(gradBias, gd, gOff, g.nOut, HW, scale);
  }
}

function fullOutput(fn: string, input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined, columns: Tensor, p: Params): void {
  const g = fullCheck(fn, input, null, weight, bias, p);
  checkType(bias, input, 5, fn);
  checkType(output, input, 3, fn);
  checkType(columns, input, 6, fn);
  const x = contiguous(input), w = contiguous(weight);
  const M = g.nOut * p.kH * p.kW, N = g.iH * g.iW, HW = g.oH * g.oW;
  resizeContiguous(output, outSize(g, g.nOut, g.oH, g.oW));
  resizeContiguous(columns, [M, N]);
  const u = geo(p, g.nOut, g.oH, g.oW, g.iH, g.iW);
  const xd = x._storage.data, od = output._storage.data, cd = columns._storage.data;
  for (let n = 0; n < g.N; n++) {
    gemmRM('t', 'n', M, N, g.nIn, 1, w._storage.data, w.offset, M, xd, x.offset + n * g.nIn * N, N, 0, cd, columns.offset, N);
    const oOff = output.offset + n * g.nOut * HW;
    od.fill(0, oOff, oOff + g.nOut * HW);
    col2im(u, cd, columns.offset, od, oOff);
    if (bias) addBias(od, oOff, bias, g.nOut, HW);
  }
}

function fullGradInput(fn: string, input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, gradColumns: Tensor, p: Params): void {
  const g = fullCheck(fn, input, gradOutput, weight, null, p);
  checkType(gradOutput, input, 3, fn);
  checkType(gradInput, input, 4, fn);
  checkType(gradColumns, input, 6, fn);
  const go = contiguous(gradOutput), w = contiguous(weight);
  const M = g.nOut * p.kH * p.kW, N = g.iH * g.iW, HW = g.oH * g.oW;
  resizeContiguous(gradInput, outSize(g, g.nIn, g.iH, g.iW));
  resizeContiguous(gradColumns, [M, N]);
  const u = geo(p, g.nOut, g.oH, g.oW, g.iH, g.iW);
  const gd = go._storage.data, gid = gradInput._storage.data, cd = gradColumns._storage.data;
  for (let n = 0; n < g.N; n++) {
    im2col(u, gd, go.offset + n * g.nOut * HW, cd, gradColumns.offset);
    gemmRM('n', 'n', g.nIn, N, M, 1, w._storage.data, w.offset, M, cd, gradColumns.offset, N, 0, gid, gradInput.offset + n * g.nIn * N, N);
  }
}

function fullAcc(fn: string, input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
  columns: Tensor, p: Params, scale: number): void {
  const g = fullCheck(fn, input, gradOutput, gradWeight, gradBias, p);
  checkType(gradOutput, input, 3, fn);
  checkType(gradBias, input, 5, fn);
  checkType(columns, input, 6, fn);
  argCheck(gradWeight.isContiguous(), 4, fn, 'gradWeight needs to be contiguous');
  if (gradBias) argCheck(gradBias.isContiguous(), 5, fn, 'gradBias needs to be contiguous');
  const x = contiguous(input), go = contiguous(gradOutput);
  const M = g.nOut * p.kH * p.kW, N = g.iH * g.iW, HW = g.oH * g.oW;
  resizeContiguous(columns, [M, N]);
  const u = geo(p, g.nOut, g.oH, g.oW, g.iH, g.iW);
  const xd = x._storage.data, gd = go._storage.data, cd = columns._storage.data;
  for (let n = 0; n < g.N; n++) {
    const gOff = go.offset + n * g.nOut * HW;
    im2col(u, gd, gOff, cd, columns.offset);
    gemmRM('n', 't', g.nIn, M, N, scale, xd, x.offset + n * g.nIn * N, N, cd, columns.offset, N, 1, gradWeight._storage.data, gradWeight.offset, M);
    if (gradBias) accBias(gradBias, gd, gOff, g.nOut, HW, scale);
  }
}

const P = (kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, dilW: number, dilH: number, adjW = 0, adjH = 0): Params =>
  ({ kW, kH, dW, dH, padW, padH, dilW, dilH, adjW, adjH });

export const convDilated = {
  SpatialDilatedConvolution_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined,
    columns: Tensor, _ones: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number,
    dilationW: number, dilationH: number): void {
    dilatedOutput('SpatialDilatedConvolution_updateOutput', input, output, weight, bias, columns, P(kW, kH, dW, dH, padW, padH, dilationW, dilationH));
  },
  SpatialDilatedConvolution_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, gradColumns: Tensor,
    kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, dilationW: number, dilationH: number): void {
    dilatedGradInput('SpatialDilatedConvolution_updateGradInput', input, gradOutput, gradInput, weight, gradColumns,
      P(kW, kH, dW, dH, padW, padH, dilationW, dilationH));
  },
  SpatialDilatedConvolution_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
    columns: Tensor, _ones: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number,
    dilationW: number, dilationH: number, scale: number): void {
    dilatedAcc('SpatialDilatedConvolution_accGradParameters', input, gradOutput, gradWeight, gradBias, columns,
      P(kW, kH, dW, dH, padW, padH, dilationW, dilationH), scale);
  },
  SpatialFullDilatedConvolution_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined,
    columns: Tensor, _ones: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number,
    dilationW: number, dilationH: number, adjW: number, adjH: number): void {
    fullOutput('SpatialFullDilatedConvolution_updateOutput', input, output, weight, bias, columns,
      P(kW, kH, dW, dH, padW, padH, dilationW, dilationH, adjW, adjH));
  },
  SpatialFullDilatedConvolution_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, gradColumns: Tensor,
    kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, dilationW: number, dilationH: number,
    adjW: number, adjH: number): void {
    fullGradInput('SpatialFullDilatedConvolution_updateGradInput', input, gradOutput, gradInput, weight, gradColumns,
      P(kW, kH, dW, dH, padW, padH, dilationW, dilationH, adjW, adjH));
  },
  SpatialFullDilatedConvolution_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
    columns: Tensor, _ones: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number,
    dilationW: number, dilationH: number, adjW: number, adjH: number, scale: number): void {
    fullAcc('SpatialFullDilatedConvolution_accGradParameters', input, gradOutput, gradWeight, gradBias, columns,
      P(kW, kH, dW, dH, padW, padH, dilationW, dilationH, adjW, adjH), scale);
  },
  SpatialFullConvolution_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined,
    columns: Tensor, _ones: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number,
    adjW: number, adjH: number): void {
    fullOutput('SpatialFullConvolution_updateOutput', input, output, weight, bias, columns, P(kW, kH, dW, dH, padW, padH, 1, 1, adjW, adjH));
  },
  SpatialFullConvolution_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, gradColumns: Tensor,
    kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, adjW: number, adjH: number): void {
    fullGradInput('SpatialFullConvolution_updateGradInput', input, gradOutput, gradInput, weight, gradColumns,
      P(kW, kH, dW, dH, padW, padH, 1, 1, adjW, adjH));
  },
  SpatialFullConvolution_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
    columns: Tensor, _ones: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number,
    adjW: number, adjH: number, scale: number): void {
    fullAcc('SpatialFullConvolution_accGradParameters', input, gradOutput, gradWeight, gradBias, columns,
      P(kW, kH, dW, dH, padW, padH, 1, 1, adjW, adjH), scale);
  },
};
