/**
 * THNN's TemporalConvolution (generic/TemporalConvolution.c): a 1-D convolution over nFrames x frameSize
 * (or a batch of them). As THNN does, the frames are covered by a few strided "windows", each one GEMM
 * whose rows are kW consecutive input frames read in place (row stride inputFrameStride*frameSize).
 */
import type { Tensor } from '../../lib/Tensor.js';
import { argCheck, checkType, contiguous, gemmRM, resizeContiguous, sizeDesc } from './conv-util.js';

function shapeCheck(fn: string, input: Tensor, kW: number, dW: number, inputFrameSize: number | null): void {
  argCheck(kW > 0, 9, fn, `kernel size should be greater than zero, but got kW: ${kW}`);
  argCheck(dW > 0, 11, fn, `stride should be greater than zero, but got dW: ${dW}`);
  const dimS = input.dim() === 3 ? 1 : 0, dimF = dimS + 1;
  argCheck(input.dim() === 2 || input.dim() === 3, 2, fn, `2D or 3D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  if (inputFrameSize !== null) {
    argCheck(input._size[dimF] === inputFrameSize, 2, fn, `invalid input frame size. Got: ${input._size[dimF]}, Expected: ${inputFrameSize}`);
  }
  argCheck(input._size[dimS] >= kW, 2, fn, `input sequence smaller than kernel size. Got: ${input._size[dimS]}, Expected: ${kW}`);
}

/** Calls `f(k, nFrame, outputFrameStride, inputFrameStride)` for each window, as THNN's "ouch" loop. */
function windows(nInputFrame: number, nOutputFrame: number, kW: number, dW: number,
  f: (k: number, nFrame: number, ofs: number, ifs: number) => void): void {
  const ofs = Math.trunc((kW - 1) / dW) + 1, ifs = ofs * dW;
  for (let k = 0, left = nOutputFrame; left > 0; k++) {
    const nFrame = Math.trunc((nInputFrame - k * dW - kW) / ifs) + 1;
    left -= nFrame;
    f(k, nFrame, ofs, ifs);
  }
}

export const convTemporal = {
  /** output[t] = bias + W * (input frames t*dW .. t*dW+kW-1, concatenated). */
  TemporalConvolution_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor,
    kW: number, dW: number, inputFrameSize: number, outputFrameSize: number): void {
    const fn = 'TemporalConvolution_updateOutput';
    argCheck(weight.isContiguous(), 4, fn, 'weight must be contiguous');
    argCheck(!bias || bias.isContiguous(), 5, fn, 'bias must be contiguous');
    shapeCheck(fn, input, kW, dW, inputFrameSize);
    checkType(weight, input, 4, fn);
    checkType(bias, input, 5, fn);
    checkType(output, input, 3, fn);
    const x = contiguous(input);
    const batch = x.dim() === 3, dimS = batch ? 1 : 0;
    const nB = batch ? x._size[0] : 1, nInputFrame = x._size[dimS], inSize = x._size[dimS + 1];
    const nOutputFrame = Math.trunc((nInputFrame - kW) / dW) + 1, K = kW * inSize;
    resizeContiguous(output, batch ? [nB, nOutputFrame, outputFrameSize] : [nOutputFrame, outputFrameSize]);
    const xd = x._storage.data, od = output._storage.data, wd = weight._storage.data, bd = bias._storage.data;
    for (let i = 0; i < nB; i++) {
      const iOff = x.offset + i * nInputFrame * inSize, oOff = output.offset + i * nOutputFrame * outputFrameSize;
      for (let k = 0; k < nOutputFrame; k++) {
        for (let j = 0; j < outputFrameSize; j++) od[oOff + k * outputFrameSize + j] = bd[bias.offset + j];
      }
      windows(nInputFrame, nOutputFrame, kW, dW, (k, nFrame, ofs, ifs) => {
        gemmRM('n', 't', nFrame, outputFrameSize, K, 1, xd, iOff + k * dW * inSize, ifs * inSize,
          wd, weight.offset, K, 1, od, oOff + k * outputFrameSize, ofs * outputFrameSize);
      });
    }
  },

  /** gradInput (frames of the window) += gradOutput * W. */
  TemporalConvolution_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, kW: number, dW: number): void {
    const fn = 'TemporalConvolution_updateGradInput';
    argCheck(weight.isContiguous(), 4, fn, 'weight must be contiguous');
    shapeCheck(fn, input, kW, dW, null);
    checkType(gradOutput, input, 3, fn);
    checkType(gradInput, input, 4, fn);
    checkType(weight, input, 5, fn);
    const dimS = gradOutput.dim() === 3 ? 1 : 0;
    const nInputFrame = input._size[dimS], nOutputFrame = gradOutput._size[dimS];
    const go = contiguous(gradOutput);
    resizeContiguous(gradInput, input._size).zero();
    const batch = go.dim() === 3, nB = batch ? input._size[0] : 1;
    const inSize = input._size[dimS + 1], outSize = go._size[dimS + 1], K = kW * inSize;
    const gd = go._storage.data, gid = gradInput._storage.data, wd = weight._storage.data;
    for (let i = 0; i < nB; i++) {
      const gOff = go.offset + i * nOutputFrame * outSize, giOff = gradInput.offset + i * nInputFrame * inSize;
      windows(nInputFrame, nOutputFrame, kW, dW, (k, nFrame, ofs, ifs) => {
        gemmRM('n', 'n', nFrame, K, outSize, 1, gd, gOff + k * outSize, ofs * outSize,
          wd, weight.offset, K, 1, gid, giOff + k * dW * inSize, ifs * inSize);
      });
    }
  },

  /** gradBias += scale * sum of gradOutput frames; gradWeight += scale * gradOutput' * (input windows). */
  TemporalConvolution_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor,
    kW: number, dW: number, scale: number): void {
    const fn = 'TemporalConvolution_accGradParameters';
    shapeCheck(fn, input, kW, dW, null);
    checkType(gradOutput, input, 3, fn);
    checkType(gradWeight, input, 4, fn);
    checkType(gradBias, input, 5, fn);
    const dimS = gradOutput.dim() === 3 ? 1 : 0;
    const nInputFrame = input._size[dimS], nOutputFrame = gradOutput._size[dimS];
    const x = contiguous(input), go = contiguous(gradOutput), gw = contiguous(gradWeight);
    const batch = x.dim() === 3, nB = batch ? x._size[0] : 1;
    const inSize = x._size[dimS + 1], outSize = go._size[dimS + 1], K = kW * inSize;
    const xd = x._storage.data, gd = go._storage.data, gwd = gw._storage.data, bd = gradBias._storage.data;
    const bs = gradBias._stride[0];
    for (let i = 0; i < nB; i++) {
      const iOff = x.offset + i * nInputFrame * inSize, gOff = go.offset + i * nOutputFrame * outSize;
      for (let k = 0; k < nOutputFrame; k++) {
        for (let j = 0; j < outSize; j++) bd[gradBias.offset + j * bs] += scale * gd[gOff + k * outSize + j];
      }
      windows(nInputFrame, nOutputFrame, kW, dW, (k, nFrame, ofs, ifs) => {
        gemmRM('t', 'n', outSize, K, nFrame, scale, gd, gOff + k * outSize, ofs * outSize,
          xd, iOff + k * dW * inSize, ifs * inSize, 1, gwd, gw.offset, K);
      });
    }
    if (gw !== gradWeight) gradWeight.copy(gw);
  },
};
