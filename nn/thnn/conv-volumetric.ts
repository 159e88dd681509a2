/**
 * THNN's VolumetricConvolutionMM (generic/VolumetricConvolutionMM.c): a 3-D convolution over
 * C x T x H x W (or N x C x T x H x W), unfolded per frame into `finput` and multiplied with GEMM.
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { argCheck, checkDimSize, checkType, contiguous, gemmRM, resizeContiguous, sizeDesc, sumRun, weight2d } from './conv-util.js';
import { col2vol, vol2col, type Unfold3d } from './conv-unfold.js';

interface Geo { batch: number; nIn: number; iT: number; iH: number; iW: number; nOut: number; oT: number; oH: number; oW: number }
interface P { kT: number; kW: number; kH: number; dT: number; dW: number; dH: number; pT: number; pW: number; pH: number }

function shapeCheck(fn: string, input: Tensor, gradOutput: Tensor | null, weight: Tensor, bias: Tensor | null | undefined, p: P): Geo {
  const ndim = input.dim();
  argCheck(ndim === 4 || ndim === 5, 2, fn, `4D or 5D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  argCheck(p.kT > 0 && p.kW > 0 && p.kH > 0, 8, fn, `kernel size should be greater than zero, but got kT: ${p.kT} kH: ${p.kH} kW: ${p.kW}`);
  argCheck(p.dT > 0 && p.dW > 0 && p.dH > 0, 11, fn, `stride should be greater than zero, but got dT: ${p.dT} dH: ${p.dH} dW: ${p.dW}`);
  checkType(weight, input, 4, fn);
  const f = ndim === 5 ? 1 : 0;
  const nIn = input._size[f], iT = input._size[f + 1], iH = input._size[f + 2], iW = input._size[f + 3];
  const nOut = weight._size[0];
  const oT = Math.trunc((iT + 2 * p.pT - p.kT) / p.dT) + 1;
  const oH = Math.trunc((iH + 2 * p.pH - p.kH) / p.dH) + 1;
  const oW = Math.trunc((iW + 2 * p.pW - p.kW) / p.dW) + 1;
  if (oW < 1 || oH < 1 || oT < 1) {
    throw new TorchError(`Given input size: (${nIn}x${iT}x${iH}x${iW}). Calculated output size: (${nOut}x${oT}x${oH}x${oW}). Output size is too small`);
  }
  argCheck(weight.dim() === 2 || weight.dim() === 5, 4, fn, `weight tensor should be 2D or 5D - got ${weight.dim()}`);
  if (bias) checkDimSize(bias, 'bias', 1, 0, nOut);
  const K = weight.nElement() / nOut, N = oT * oH * oW;
  if (K !== nIn * p.kT * p.kH * p.kW) {
    throw new TorchError(`size mismatch, m1: [${nOut} x ${K}], m2: [${nIn * p.kT * p.kH * p.kW} x ${N}]`);
  }
  if (gradOutput) {
    checkDimSize(gradOutput, 'gradOutput', ndim, f, nOut);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 1, oT);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 2, oH);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 3, oW);
  }
  return { batch: ndim === 5 ? input._size[0] : 0, nIn, iT, iH, iW, nOut, oT, oH, oW };
}

const unfold = (g: Geo, p: P): Unfold3d => ({
  channels: g.nIn, depth: g.iT, height: g.iH, width: g.iW, kT: p.kT, kH: p.kH, kW: p.kW,
  padT: p.pT, padH: p.pH, padW: p.pW, dT: p.dT, dH: p.dH, dW: p.dW, oT: g.oT, oH: g.oH, oW: g.oW,
});

export const convVolumetric = {
  VolumetricConvolutionMM_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined, finput: Tensor,
    kT: number, kW: number, kH: number, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number): void {
    const fn = 'VolumetricConvolutionMM_updateOutput';
    const p = { kT, kW, kH, dT, dW, dH, pT, pW, pH };
    const g = shapeCheck(fn, input, null, weight, bias, p);
    checkType(bias, input, 5, fn);
    checkType(output, input, 3, fn);
    checkType(finput, input, 6, fn);
    const x = contiguous(input), w = weight2d(weight);
    const T = Math.max(g.batch, 1), K = w.cols, N = g.oT * g.oH * g.oW, nOut = g.nOut;
    resizeContiguous(finput, g.batch ? [T, K, N] : [K, N]);
    resizeContiguous(output, g.batch ? [T, nOut, g.oT, g.oH, g.oW] : [nOut, g.oT, g.oH, g.oW]);
    const u = unfold(g, p), inFrame = g.nIn * g.iT * g.iH * g.iW;
    const xd = x._storage.data, fd = finput._storage.data, od = output._storage.data;
    for (let t = 0; t < T; t++) {
      const fOff = finput.offset + t * K * N, oOff = output.offset + t * nOut * N;
      vol2col(u, xd, x.offset + t * inFrame, fd, fOff);
      if (bias) {
        const bd = bias._storage.data, bs = bias._stride[0];
        for (let i = 0; i < nOut; i++) od.fill(bd[bias.offset + i * bs], oOff + i * N, oOff + (i + 1) * N);
      } else {
        od.fill(0, oOff, oOff + nOut * N);
      }
      gemmRM('n', 'n', nOut, N, K, 1, w.d, w.off, K, fd, fOff, N, 1, od, oOff, N);
    }
  },

  VolumetricConvolutionMM_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, _finput: Tensor,
    fgradInput: Tensor, kT: number, kW: number, kH: number, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number): void {
    const fn = 'VolumetricConvolutionMM_updateGradInput';
    const p = { kT, kW, kH, dT, dW, dH, pT, pW, pH };
    const g = shapeCheck(fn, input, gradOutput, weight, null, p);
    checkType(gradOutput, input, 3, fn);
    checkType(gradInput, input, 4, fn);
    checkType(fgradInput, input, 7, fn);
    const go = contiguous(gradOutput), w = weight2d(weight);
    const T = Math.max(g.batch, 1), K = w.cols, N = g.oT * g.oH * g.oW, nOut = g.nOut;
    resizeContiguous(gradInput, input._size);
    resizeContiguous(fgradInput, g.batch ? [T, K, N] : [K, N]);
    const u = unfold(g, p), inFrame = g.nIn * g.iT * g.iH * g.iW;
    const gd = go._storage.data, fd = fgradInput._storage.data, gid = gradInput._storage.data;
    for (let t = 0; t < T; t++) {
      const fOff = fgradInput.offset + t * K * N, giOff = gradInput.offset + t * inFrame;
      gemmRM('t', 'n', K, N, nOut, 1, w.d, w.off, K, gd, go.offset + t * nOut * N, N, 0, fd, fOff, N);
      gid.fill(0, giOff, giOff + inFrame);
      col2vol(u, fd, fOff, gid, giOff);
    }
  },

  VolumetricConvolutionMM_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
    finput: Tensor, kT: number, kW: number, kH: number, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number,
    scale: number): void {
    const fn = 'VolumetricConvolutionMM_accGradParameters';
    const p = { kT, kW, kH, dT, dW, dH, pT, pW, pH };
    const g = shapeCheck(fn, input, gradOutput, gradWeight, gradBias, p);
    checkType(gradOutput, input, 3, fn);
    checkType(gradBias, input, 5, fn);
    checkType(finput, input, 6, fn);
    const go = contiguous(gradOutput), gw = contiguous(gradWeight);
    const T = Math.max(g.batch, 1), K = gw.nElement() / g.nOut, N = g.oT * g.oH * g.oW, nOut = g.nOut;
    if (!finput.isSize(g.batch ? [T, K, N] : [K, N])) {
      throw new TorchError(`finput must hold the unfolded input of the last forward, got ${sizeDesc(finput)}`);
    }
    const gd = go._storage.data, fd = finput._storage.data, wd = gw._storage.data;
    for (let t = 0; t < T; t++) {
      const gOff = go.offset + t * nOut * N;
      gemmRM('n', 't', nOut, K, N, scale, gd, gOff, N, fd, finput.offset + t * K * N, N, 1, wd, gw.offset, K);
      if (gradBias) {
        const bd = gradBias._storage.data, bs = gradBias._stride[0];
        for (let i = 0; i < nOut; i++) bd[gradBias.offset + i * bs] += scale * sumRun(gd, gOff + i * N, N);
      }
    }
    if (gw !== gradWeight) gradWeight.copy(gw);
  },
};
