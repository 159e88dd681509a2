/**
 * THNN's SpatialConvolutionMM (generic/SpatialConvolutionMM.c): per frame, unfold the input into
 * `finput` (kW*kH*nInputPlane x outputHeight*outputWidth) and multiply by the 2-D weight with GEMM.
 * `finput` and `fgradInput` are the module's work buffers, reused from call to call.
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { argCheck, checkDimSize, checkType, contiguous, gemmRM, resizeContiguous, sizeDesc, sumRun, weight2d } from './conv-util.js';
import { col2im, im2col, type Unfold2d } from './conv-unfold.js';

interface Geometry { batch: number; nIn: number; iH: number; iW: number; nOut: number; oH: number; oW: number }

function shapeCheck(fn: string, input: Tensor, gradOutput: Tensor | null, weight: Tensor, bias: Tensor | null | undefined,
  kH: number, kW: number, dH: number, dW: number, padH: number, padW: number): Geometry {
  argCheck(kW > 0 && kH > 0, 9, fn, `kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  argCheck(dW > 0 && dH > 0, 11, fn, `stride should be greater than zero, but got dH: ${dH} dW: ${dW}`);
  argCheck(weight.dim() === 2 || weight.dim() === 4, 5, fn, `2D or 4D weight tensor expected, but got: ${sizeDesc(weight)}`);
  checkType(weight, input, 4, fn);
  if (bias) checkDimSize(bias, 'bias', 1, 0, weight._size[0]);
  const ndim = input.dim();
  argCheck(ndim === 3 || ndim === 4, 2, fn, `3D or 4D input tensor expected but got: ${sizeDesc(input)}`);
  const b = ndim === 4 ? 1 : 0;
  const nIn = (weight.nElement() / weight._size[0]) / (kH * kW);
  const iH = input._size[b + 1], iW = input._size[b + 2], nOut = weight._size[0];
  const oH = Math.floor((iH + 2 * padH - kH) / dH) + 1;
  const oW = Math.floor((iW + 2 * padW - kW) / dW) + 1;
  if (oW < 1 || oH < 1) {
    throw new TorchError(`Given input size: (${nIn} x ${iH} x ${iW}). Calculated output size: (${nOut} x ${oH} x ${oW}). Output size is too small`);
  }
  checkDimSize(input, 'input', ndim, b, nIn);
  if (gradOutput) {
    checkDimSize(gradOutput, 'gradOutput', ndim, b, nOut);
    checkDimSize(gradOutput, 'gradOutput', ndim, b + 1, oH);
    checkDimSize(gradOutput, 'gradOutput', ndim, b + 2, oW);
  }
  return { batch: ndim === 4 ? input._size[0] : 0, nIn, iH, iW, nOut, oH, oW };
}

const unfold = (g: Geometry, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number): Unfold2d => ({
  channels: g.nIn, height: g.iH, width: g.iW, kH, kW, padH, padW, dH, dW, dilH: 1, dilW: 1, oH: g.oH, oW: g.oW,
});

export const convMM = {
  /** output = weight * unfold(input) + bias, frame by frame; finput keeps the unfolded input. */
  SpatialConvolutionMM_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null | undefined,
    finput: Tensor, _fgradInput: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number): void {
    const fn = 'SpatialConvolutionMM_updateOutput';
    const g = shapeCheck(fn, input, null, weight, bias, kH, kW, dH, dW, padH, padW);
    checkType(bias, input, 5, fn);
    checkType(output, input, 3, fn);
    checkType(finput, input, 6, fn);
    const w = weight2d(weight);
    const x = contiguous(input);
    const T = Math.max(g.batch, 1), K = w.cols, HW = g.oH * g.oW, nOut = g.nOut;
    if (g.batch === 0) { resizeContiguous(finput, [K, HW]); resizeContiguous(output, [nOut, g.oH, g.oW]); }
    else { resizeContiguous(finput, [T, K, HW]); resizeContiguous(output, [T, nOut, g.oH, g.oW]); }
    const u = unfold(g, kW, kH, dW, dH, padW, padH);
    const xd = x._storage.data, fd = finput._storage.data, od = output._storage.data;
    const inFrame = g.nIn * g.iH * g.iW;
    for (let t = 0; t < T; t++) {
      const fOff = finput.offset + t * K * HW, oOff = output.offset + t * nOut * HW;
      im2col(u, xd, x.offset + t * inFrame, fd, fOff);
      if (bias) {
        const bd = bias._storage.data, bs = bias._stride[0];
        for (let i = 0; i < nOut; i++) od.fill(bd[bias.offset + i * bs], oOff + i * HW, oOff + (i + 1) * HW);
      } else {
        od.fill(0, oOff, oOff + nOut * HW);
      }
      gemmRM('n', 'n', nOut, HW, K, 1, w.d, w.off, K, fd, fOff, HW, 1, od, oOff, HW);
    }
  },

  /** gradInput = fold(weight' * gradOutput), frame by frame, through fgradInput. */
  SpatialConvolutionMM_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor,
    _finput: Tensor, fgradInput: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number): void {
    const fn = 'SpatialConvolutionMM_updateGradInput';
    const g = shapeCheck(fn, input, gradOutput, weight, null, kH, kW, dH, dW, padH, padW);
    checkType(gradOutput, input, 3, fn);
    checkType(gradInput, input, 4, fn);
    checkType(fgradInput, input, 7, fn);
    const w = weight2d(weight);
    const go = contiguous(gradOutput);
    const T = Math.max(g.batch, 1), K = w.cols, HW = g.oH * g.oW, nOut = g.nOut;
    resizeContiguous(gradInput, input._size);
    resizeContiguous(fgradInput, g.batch === 0 ? [K, HW] : [T, K, HW]);
    const u = unfold(g, kW, kH, dW, dH, padW, padH);
    const gd = go._storage.data, fd = fgradInput._storage.data, gid = gradInput._storage.data;
    const inFrame = g.nIn * g.iH * g.iW;
    for (let t = 0; t < T; t++) {
      const fOff = fgradInput.offset + t * K * HW, giOff = gradInput.offset + t * inFrame;
      gemmRM('t', 'n', K, HW, nOut, 1, w.d, w.off, K, gd, go.offset + t * nOut * HW, HW, 0, fd, fOff, HW);
      gid.fill(0, giOff, giOff + inFrame);
      col2im(u, fd, fOff, gid, giOff);
    }
  },

  /** gradWeight += scale * gradOutput * finput', gradBias += scale * (sum of gradOutput per plane). */
  SpatialConvolutionMM_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null | undefined,
    finput: Tensor, _fgradInput: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, scale: number): void {
    const fn = 'SpatialConvolutionMM_accGradParameters';
    argCheck(gradWeight.isContiguous(), 4, fn, 'gradWeight needs to be contiguous');
    if (gradBias) argCheck(gradBias.isContiguous(), 5, fn, 'gradBias needs to be contiguous');
    const g = shapeCheck(fn, input, gradOutput, gradWeight, gradBias, kH, kW, dH, dW, padH, padW);
    checkType(gradOutput, input, 3, fn);
    checkType(gradBias, input, 5, fn);
    checkType(finput, input, 6, fn);
    const T = Math.max(g.batch, 1), K = gradWeight.nElement() / g.nOut, HW = g.oH * g.oW, nOut = g.nOut;
    const expected = g.batch === 0 ? [K, HW] : [T, K, HW];
    if (!finput.isSize(expected)) throw new TorchError(`finput must hold the unfolded input of the last forward (expected [${expected.join(' x ')}], got ${sizeDesc(finput)})`);
    const go = contiguous(gradOutput);
    const gd = go._storage.data, fd = finput._storage.data, wd = gradWeight._storage.data;
    for (let t = 0; t < T; t++) {
      const gOff = go.offset + t * nOut * HW;
      gemmRM('n', 't', nOut, K, HW, scale, gd, gOff, HW, fd, finput.offset + t * K * HW, HW, 1, wd, gradWeight.offset, K);
      if (gradBias) {
        const bd = gradBias._storage.data;
        for (let i = 0; i < nOut; i++) bd[gradBias.offset + i] += scale * sumRun(gd, gOff + i * HW, HW);
      }
    }
  },
};
