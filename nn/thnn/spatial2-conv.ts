/**
 * THNN's SpatialConvolutionLocal, SpatialDepthWiseConvolution and SpatialFullConvolutionMap
 * (generic/*.c), with their checks and messages, as direct loops (no unfolded finput buffers).
 *
 * - Local: weight oH x oW x nOutputPlane x nInputPlane x kH x kW (or its 3-D view
 *   oH*oW x nOutputPlane x nInputPlane*kH*kW), bias nOutputPlane x oH x oW.
 * - DepthWise: weight nOutputPlane x nInputPlane x kH x kW (a 2-D nOutputPlane x nInputPlane*kH*kW
 *   weight is resized to 4-D in place, as THNN does), bias nOutputPlane x nInputPlane; output plane
 *   i*nOutputPlane + o is input plane i correlated with kernel [o][i]. THNN swaps the input's height and
 *   width when it unfolds (so non-square inputs give scrambled results there); we use them the right way round.
 * - FullConvolutionMap: 3-D input only; output plane o = bias[o] + the sum over table rows k into o of the
 *   full (transposed) convolution of input plane connTable[k][1] with weight[k], stride (dH, dW).
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { TypedArray } from '../../lib/types.js';
import { argCheck, checkDimSize, checkTypes, contiguous, resizeContiguous, sizeDesc } from './conv-util.js';
import { connections } from './conv-map.js';

/** The geometry of one correlation: planes are read at (y*dH - padH + ky, x*dW - padW + kx), zero outside. */
interface CGeo { iH: number; iW: number; oH: number; oW: number; kH: number; kW: number; dH: number; dW: number; padH: number; padW: number }

/**
 * Visits every (output pixel, kernel tap) pair that reads inside the input plane:
 * f(outIndex, inIndex, tapIndex) with outIndex = y*oW + x, inIndex = iy*iW + ix, tapIndex = ky*kW + kx.
 */
function taps(g: CGeo, f: (o: number, i: number, t: number) => void): void {
  for (let y = 0; y < g.oH; y++) {
    for (let x = 0; x < g.oW; x++) {
      for (let ky = 0; ky < g.kH; ky++) {
        const iy = y * g.dH - g.padH + ky;
        if (iy < 0 || iy >= g.iH) continue;
        for (let kx = 0; kx < g.kW; kx++) {
          const ix = x * g.dW - g.padW + kx;
          if (ix >= 0 && ix < g.iW) f(y * g.oW + x, iy * g.iW + ix, ky * g.kW + kx);
        }
      }
    }
  }
}

// ---- SpatialConvolutionLocal ----

interface LGeo extends CGeo { nb: number; nIn: number; nOut: number }

function localCheck(fn: string, input: Tensor, gradOutput: Tensor | null, weight: Tensor, bias: Tensor | null,
  kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, iW: number, iH: number, oW: number, oH: number): LGeo {
  const wd = weight.dim();
  argCheck(wd === 3 || wd === 6, 4, fn, `weight tensor should be 3D or 6D - got ${wd}D`);
  argCheck(kW > 0 && kH > 0, 9, fn, `kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  argCheck(dW > 0 && dH > 0, 11, fn, `stride should be greater than zero, but got dH: ${dH} dW: ${dW}`);
  const n = input.dim(), f = n === 4 ? 1 : 0;
  argCheck(n === 3 || n === 4, 2, fn, `3D or 4D input tensor expected but got: ${sizeDesc(input)}`);
  const s = weight._size;
  const nIn = wd === 6 ? s[3] * s[4] * s[5] / (kH * kW) : s[2] / (kH * kW), nOut = wd === 6 ? s[2] : s[1];
  if (bias) [nOut, oH, oW].forEach((v, d) => checkDimSize(bias, 'bias', 3, d, v));
  checkDimSize(input, 'input', n, f, nIn);
  if (gradOutput) [nOut, oH, oW].forEach((v, d) => checkDimSize(gradOutput, 'gradOutput', n, f + d, v));
  // beyond THNN: the weight must hold oH*oW kernels and the input be iH x iW, else THNN reads out of range
  if (weight.nElement() !== oH * oW * nOut * nIn * kH * kW || !Number.isInteger(nIn)) {
    throw new TorchError(`${fn}: weight ${sizeDesc(weight)} does not match ${oH}x${oW} output positions of ${nOut}x${nIn}x${kH}x${kW}`);
  }
  if (input._size[f + 1] !== iH || input._size[f + 2] !== iW) {
    throw new TorchError(`${fn}: input ${sizeDesc(input)} is not of height ${iH} and width ${iW}`);
  }
  return { nb: f ? input._size[0] : 1, nIn, nOut, iH, iW, oH, oW, kH, kW, dH, dW, padH, padW };
}

/** Calls f(frame, o, i, outIndex, inIndex, weightIndex) for every product of the local convolution. */
function localLoop(g: LGeo, f: (m: number, o: number, i: number, op: number, ip: number, wp: number) => void): void {
  const kk = g.kH * g.kW, K = g.nIn * kk;
  for (let m = 0; m < g.nb; m++) {
    for (let o = 0; o < g.nOut; o++) {
      for (let i = 0; i < g.nIn; i++) {
        taps(g, (op, ip, t) => f(m, o, i, op, ip, (op * g.nOut + o) * K + i * kk + t));
      }
    }
  }
}

// ---- SpatialDepthWiseConvolution ----

interface DGeo extends CGeo { nb: number; nIn: number; nOut: number }

/** nInputPlane, nOutputPlane of a 2-D or 4-D depth-wise weight; a 2-D one is resized to 4-D in place, as THNN does. */
function depthWeight(w: Tensor, kW: number, kH: number): [number, number] {
  const nIn = w.dim() === 2 ? w._size[1] / (kH * kW) : w._size[1], nOut = w._size[0];
  if (w.dim() === 2) w.resize(nOut, nIn, kH, kW);
  return [nIn, nOut];
}

function depthCheck(fn: string, input: Tensor, gradOutput: Tensor | null, weight: Tensor, bias: Tensor | null,
  kW: number, kH: number, dW: number, dH: number, padW: number, padH: number): DGeo {
  argCheck(kW > 0 && kH > 0, 9, fn, `kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  argCheck(dW > 0 && dH > 0, 11, fn, `stride should be greater than zero, but got dH: ${dH} dW: ${dW}`);
  argCheck(weight.dim() === 4, 5, fn, `2D or 4D weight tensor expected, but got: ${sizeDesc(weight)}`);
  const nOut = weight._size[0], nIn = weight._size[1];
  if (bias) {
    checkDimSize(bias, 'bias', 2, 0, nOut);
    checkDimSize(bias, 'bias', 2, 1, nIn);
  }
  const n = input.dim(), f = n === 4 ? 1 : 0;
  argCheck(n === 3 || n === 4, 2, fn, `3D or 4D input tensor expected but got: ${sizeDesc(input)}`);
  argCheck(weight._size[2] === kH && weight._size[3] === kW, 5, fn, `weight of ${kH}x${kW} kernels expected, but got: ${sizeDesc(weight)}`);
  const iH = input._size[f + 1], iW = input._size[f + 2];
  const oH = Math.trunc((iH + 2 * padH - kH) / dH) + 1, oW = Math.trunc((iW + 2 * padW - kW) / dW) + 1;
  if (oW < 1 || oH < 1) {
    throw new TorchError(`Given input size: (${nIn} x ${iH} x ${iW}). Calculated output size: (${nOut * nIn} x ${oH} x ${oW}). Output size is too small`);
  }
  checkDimSize(input, 'input', n, f, nIn);
  if (gradOutput) {
    const go = depthGradView(gradOutput, n, f, nIn, nOut);
    [nIn, nOut, oH, oW].forEach((v, d) => checkDimSize(go, 'gradOutput', n + 1, f + d, v));
  }
  return { nb: f ? input._size[0] : 1, nIn, nOut, iH, iW, oH, oW, kH, kW, dH, dW, padH, padW };
}

/** THNN's view of gradOutput as [batch x] nInputPlane x nOutputPlane x oH x oW (when its plane count allows it). */
function depthGradView(gradOutput: Tensor, n: number, f: number, nIn: number, nOut: number): Tensor {
  if (gradOutput.dim() !== n || gradOutput._size[f] !== nIn * nOut) return gradOutput;
  const s = gradOutput._size;
  return contiguous(gradOutput).view(...s.slice(0, f), nIn, nOut, s[f + 1], s[f + 2]);
}

/** Calls f(frame, o, i, outIndex, inIndex, weightIndex) for every product of the depth-wise convolution. */
function depthLoop(g: DGeo, f: (m: number, o: number, i: number, op: number, ip: number, wp: number) => void): void {
  const kk = g.kH * g.kW;
  for (let m = 0; m < g.nb; m++) {
    for (let i = 0; i < g.nIn; i++) {
      for (let o = 0; o < g.nOut; o++) taps(g, (op, ip, t) => f(m, o, i, op, ip, (o * g.nIn + i) * kk + t));
    }
  }
}

// ---- SpatialFullConvolutionMap ----

function fullMapWeight(fn: string, n: number, weight: Tensor, connTable: Tensor, what: string): void {
  argCheck(weight && weight.dim() === 3 && connTable && connTable._size[0] === weight._size[0], n, fn,
    `3D ${what} tensor expected (connTable:size(1) x kH x kW)`);
}

interface FGeo { iH: number; iW: number; oH: number; oW: number; kH: number; kW: number; conn: Int32Array }

function fullMapGeo(fn: string, input: Tensor, gradOutput: Tensor | null, weight: Tensor, connTable: Tensor,
  nIn: number, nOut: number, dW: number, dH: number): FGeo {
  argCheck(input.dim() === 3, 2, fn, '3D tensor expected');
  argCheck(input._size[0] >= nIn, 2, fn, 'invalid number of input planes');
  argCheck(dW > 0 && dH > 0, 9, fn, `stride should be greater than zero, but got dH: ${dH} dW: ${dW}`); // beyond THNN
  const kH = weight._size[1], kW = weight._size[2], iH = input._size[1], iW = input._size[2];
  const oH = (iH - 1) * dH + kH, oW = (iW - 1) * dW + kW;
  if (gradOutput) [nOut, oH, oW].forEach((v, d) => checkDimSize(gradOutput, 'gradOutput', 3, d, v)); // beyond THNN
  return { iH, iW, oH, oW, kH, kW, conn: connections(fn, connTable, nIn, nOut) };
}

/** Calls f(k, inIndex, outIndex, weightIndex) for every product of the full convolution of table row k. */
function fullMapLoop(g: FGeo, k: number, dW: number, dH: number, f: (ip: number, op: number, wp: number) => void): void {
  for (let y = 0; y < g.iH; y++) {
    for (let x = 0; x < g.iW; x++) {
      for (let ky = 0; ky < g.kH; ky++) {
        for (let kx = 0; kx < g.kW; kx++) f(y * g.iW + x, (y * dH + ky) * g.oW + x * dW + kx, (k * g.kH + ky) * g.kW + kx);
      }
    }
  }
}

const data = (t: Tensor): [TypedArray, number] => [t._storage.data, t.offset];

export const spatial2Conv = {
  SpatialConvolutionLocal_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor, _finput: Tensor, _fgradInput: Tensor,
    kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, inputWidth: number, inputHeight: number,
    outputWidth: number, outputHeight: number): void {
    const fn = 'SpatialConvolutionLocal_updateOutput';
    const g = localCheck(fn, input, null, weight, bias, kW, kH, dW, dH, padW, padH, inputWidth, inputHeight, outputWidth, outputHeight);
    checkTypes(fn, input, [output, 3], [weight, 4], [bias, 5]);
    const x = contiguous(input), w = contiguous(weight), b = contiguous(bias);
    resizeContiguous(output, input.dim() === 4 ? [g.nb, g.nOut, g.oH, g.oW] : [g.nOut, g.oH, g.oW]);
    const [xd, xo] = data(x), [wd, wo] = data(w), [bd, bo] = data(b), [od, oo] = data(output);
    const inFrame = g.nIn * g.iH * g.iW, outFrame = g.nOut * g.oH * g.oW, inPlane = g.iH * g.iW, outPlane = g.oH * g.oW;
    for (let m = 0; m < g.nb; m++) for (let j = 0; j < outFrame; j++) od[oo + m * outFrame + j] = bd[bo + j];
    localLoop(g, (m, o, i, op, ip, wp) => {
      od[oo + m * outFrame + o * outPlane + op] += wd[wo + wp] * xd[xo + m * inFrame + i * inPlane + ip];
    });
  },
  SpatialConvolutionLocal_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, _finput: Tensor,
    _fgradInput: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, inputWidth: number,
    inputHeight: number, outputWidth: number, outputHeight: number): void {
    const fn = 'SpatialConvolutionLocal_updateGradInput';
    const g = localCheck(fn, input, gradOutput, weight, null, kW, kH, dW, dH, padW, padH, inputWidth, inputHeight, outputWidth, outputHeight);
    checkTypes(fn, input, [gradOutput, 3], [gradInput, 4], [weight, 5]);
    const go = contiguous(gradOutput), w = contiguous(weight);
    resizeContiguous(gradInput, input._size).zero();
    const [gd, gOff] = data(go), [wd, wo] = data(w), [gid, gio] = data(gradInput);
    const inFrame = g.nIn * g.iH * g.iW, outFrame = g.nOut * g.oH * g.oW, inPlane = g.iH * g.iW, outPlane = g.oH * g.oW;
    localLoop(g, (m, o, i, op, ip, wp) => {
      gid[gio + m * inFrame + i * inPlane + ip] += wd[wo + wp] * gd[gOff + m * outFrame + o * outPlane + op];
    });
  },
  SpatialConvolutionLocal_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor, _finput: Tensor,
    _fgradInput: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, inputWidth: number,
    inputHeight: number, outputWidth: number, outputHeight: number, scale: number): void {
    const fn = 'SpatialConvolutionLocal_accGradParameters';
    argCheck(gradWeight.isContiguous(), 4, fn, 'gradWeight needs to be contiguous');
    argCheck(gradBias.isContiguous(), 5, fn, 'gradBias needs to be contiguous');
    const g = localCheck(fn, input, gradOutput, gradWeight, gradBias, kW, kH, dW, dH, padW, padH, inputWidth, inputHeight, outputWidth, outputHeight);
    checkTypes(fn, input, [gradOutput, 3], [gradWeight, 4], [gradBias, 5]);
    const x = contiguous(input), go = contiguous(gradOutput);
    const [xd, xo] = data(x), [gd, gOff] = data(go), [gwd, gwo] = data(gradWeight), [gbd, gbo] = data(gradBias);
    const inFrame = g.nIn * g.iH * g.iW, outFrame = g.nOut * g.oH * g.oW, inPlane = g.iH * g.iW, outPlane = g.oH * g.oW;
    for (let m = 0; m < g.nb; m++) for (let j = 0; j < outFrame; j++) gbd[gbo + j] += scale * gd[gOff + m * outFrame + j];
    localLoop(g, (m, o, i, op, ip, wp) => {
      gwd[gwo + wp] += scale * gd[gOff + m * outFrame + o * outPlane + op] * xd[xo + m * inFrame + i * inPlane + ip];
    });
  },

  SpatialDepthWiseConvolution_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined,
    _finput: Tensor, _fgradInput: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number): void {
    const fn = 'SpatialDepthWiseConvolution_updateOutput';
    depthWeight(weight, kW, kH);
    const g = depthCheck(fn, input, null, weight, bias ?? null, kW, kH, dW, dH, padW, padH);
    checkTypes(fn, input, [output, 3], [weight, 4], [bias, 5]);
    const x = contiguous(input), w = contiguous(weight);
    const outPlanes = g.nIn * g.nOut, outPlane = g.oH * g.oW, inPlane = g.iH * g.iW;
    resizeContiguous(output, input.dim() === 4 ? [g.nb, outPlanes, g.oH, g.oW] : [outPlanes, g.oH, g.oW]);
    const [xd, xo] = data(x), [wd, wo] = data(w), [od, oo] = data(output);
    for (let m = 0; m < g.nb; m++) {
      for (let i = 0; i < g.nIn; i++) {
        for (let o = 0; o < g.nOut; o++) {
          const start = oo + (m * outPlanes + i * g.nOut + o) * outPlane;
          od.fill(bias ? bias._storage.data[bias.offset + o * bias._stride[0] + i * bias._stride[1]] : 0, start, start + outPlane);
        }
      }
    }
    depthLoop(g, (m, o, i, op, ip, wp) => {
      od[oo + (m * outPlanes + i * g.nOut + o) * outPlane + op] += wd[wo + wp] * xd[xo + (m * g.nIn + i) * inPlane + ip];
    });
  },
  SpatialDepthWiseConvolution_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, _finput: Tensor,
    _fgradInput: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number): void {
    const fn = 'SpatialDepthWiseConvolution_updateGradInput';
    depthWeight(weight, kW, kH);
    const g = depthCheck(fn, input, gradOutput, weight, null, kW, kH, dW, dH, padW, padH);
    checkTypes(fn, input, [gradOutput, 3], [gradInput, 4], [weight, 5]);
    const go = contiguous(gradOutput), w = contiguous(weight);
    resizeContiguous(gradInput, input._size).zero();
    const outPlanes = g.nIn * g.nOut, outPlane = g.oH * g.oW, inPlane = g.iH * g.iW;
    const [gd, gOff] = data(go), [wd, wo] = data(w), [gid, gio] = data(gradInput);
    depthLoop(g, (m, o, i, op, ip, wp) => {
      gid[gio + (m * g.nIn + i) * inPlane + ip] += wd[wo + wp] * gd[gOff + (m * outPlanes + i * g.nOut + o) * outPlane + op];
    });
  },
  SpatialDepthWiseConvolution_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
    _finput: Tensor, _fgradInput: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, scale: number): void {
    const fn = 'SpatialDepthWiseConvolution_accGradParameters';
    depthWeight(gradWeight, kW, kH);
    const g = depthCheck(fn, input, gradOutput, gradWeight, gradBias ?? null, kW, kH, dW, dH, padW, padH);
    checkTypes(fn, input, [gradOutput, 3], [gradWeight, 4], [gradBias, 5]);
    argCheck(gradWeight.isContiguous(), 4, fn, 'gradWeight needs to be contiguous'); // beyond THNN (which copies back)
    const x = contiguous(input), go = contiguous(gradOutput);
    const outPlanes = g.nIn * g.nOut, outPlane = g.oH * g.oW, inPlane = g.iH * g.iW;
    const [xd, xo] = data(x), [gd, gOff] = data(go), [gwd, gwo] = data(gradWeight);
    if (gradBias) {
      for (let o = 0; o < g.nOut; o++) {
        for (let i = 0; i < g.nIn; i++) {
          let sum = 0;
          for (let m = 0; m < g.nb; m++) {
            const p = gOff + (m * outPlanes + i * g.nOut + o) * outPlane;
            for (let j = 0; j < outPlane; j++) sum += gd[p + j];
          }
          gradBias._storage.data[gradBias.offset + o * gradBias._stride[0] + i * gradBias._stride[1]] += scale * sum;
        }
      }
    }
    depthLoop(g, (m, o, i, op, ip, wp) => {
      gwd[gwo + wp] += scale * gd[gOff + (m * outPlanes + i * g.nOut + o) * outPlane + op] * xd[xo + (m * g.nIn + i) * inPlane + ip];
    });
  },

  SpatialFullConvolutionMap_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor, connTable: Tensor,
    nInputPlane: number, nOutputPlane: number, dW: number, dH: number): void {
    const fn = 'SpatialFullConvolutionMap_updateOutput';
    argCheck(weight.isContiguous(), 4, fn, 'weight must be contiguous');
    argCheck(!bias || bias.isContiguous(), 5, fn, 'bias must be contiguous');
    fullMapWeight(fn, 4, weight, connTable, 'weight');
    checkTypes(fn, input, [output, 3], [weight, 4], [bias, 5], [connTable, 6]);
    const g = fullMapGeo(fn, input, null, weight, connTable, nInputPlane, nOutputPlane, dW, dH);
    resizeContiguous(output, [nOutputPlane, g.oH, g.oW]);
    const x = contiguous(input), [xd, xo] = data(x), [wd, wo] = data(weight), [bd, bo] = data(bias), [od, oo] = data(output);
    const inPlane = g.iH * g.iW, outPlane = g.oH * g.oW;
    for (let p = 0; p < nOutputPlane; p++) od.fill(bd[bo + p], oo + p * outPlane, oo + (p + 1) * outPlane);
    for (let k = 0; k < g.conn.length / 2; k++) {
      const ib = xo + g.conn[2 * k] * inPlane, ob = oo + g.conn[2 * k + 1] * outPlane;
      fullMapLoop(g, k, dW, dH, (ip, op, wp) => { od[ob + op] += xd[ib + ip] * wd[wo + wp]; });
    }
  },
  SpatialFullConvolutionMap_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, _bias: Tensor,
    connTable: Tensor, nInputPlane: number, nOutputPlane: number, dW: number, dH: number): void {
    const fn = 'SpatialFullConvolutionMap_updateGradInput';
    fullMapWeight(fn, 5, weight, connTable, 'weight');
    checkTypes(fn, input, [gradOutput, 3], [gradInput, 4], [weight, 5], [connTable, 7]);
    const g = fullMapGeo(fn, input, gradOutput, weight, connTable, nInputPlane, nOutputPlane, dW, dH);
    const go = contiguous(gradOutput), w = contiguous(weight);
    resizeContiguous(gradInput, input._size).zero();
    const [gd, gOff] = data(go), [wd, wo] = data(w), [gid, gio] = data(gradInput);
    const inPlane = g.iH * g.iW, outPlane = g.oH * g.oW;
    for (let k = 0; k < g.conn.length / 2; k++) {
      const ib = gio + g.conn[2 * k] * inPlane, ob = gOff + g.conn[2 * k + 1] * outPlane;
      fullMapLoop(g, k, dW, dH, (ip, op, wp) => { gid[ib + ip] += gd[ob + op] * wd[wo + wp]; });
    }
  },
  SpatialFullConvolutionMap_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor, connTable: Tensor,
    nInputPlane: number, nOutputPlane: number, dW: number, dH: number, scale: number): void {
    const fn = 'SpatialFullConvolutionMap_accGradParameters';
    fullMapWeight(fn, 5, gradWeight, connTable, 'gradWeight');
    argCheck(gradWeight.isContiguous(), 4, fn, 'gradWeight needs to be contiguous'); // beyond THNN
    argCheck(gradBias.isContiguous(), 5, fn, 'gradBias needs to be contiguous'); // beyond THNN
    checkTypes(fn, input, [gradOutput, 3], [gradWeight, 4], [gradBias, 5], [connTable, 6]);
    const g = fullMapGeo(fn, input, gradOutput, gradWeight, connTable, nInputPlane, nOutputPlane, dW, dH);
    const x = contiguous(input), go = contiguous(gradOutput);
    const [xd, xo] = data(x), [gd, gOff] = data(go), [gwd, gwo] = data(gradWeight), [gbd, gbo] = data(gradBias);
    const inPlane = g.iH * g.iW, outPlane = g.oH * g.oW;
    for (let p = 0; p < nOutputPlane; p++) {
      for (let j = 0; j < outPlane; j++) gbd[gbo + p] += scale * gd[gOff + p * outPlane + j];
    }
    for (let k = 0; k < g.conn.length / 2; k++) {
      const ib = xo + g.conn[2 * k] * inPlane, ob = gOff + g.conn[2 * k + 1] * outPlane;
      fullMapLoop(g, k, dW, dH, (ip, op, wp) => { gwd[gwo + wp] += scale * gd[ob + op] * xd[ib + ip]; });
    }
  },
};
