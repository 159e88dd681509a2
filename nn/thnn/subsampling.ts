/**
 * THNN's SpatialSubSampling and TemporalSubSampling (generic/SpatialSubSampling.c,
 * generic/TemporalSubSampling.c): per plane (per frame element), output = bias + weight * the sum of
 * each kernel window, the classic LeNet-5 subsampling layer.
 *
 * Beyond THNN, the spatial kernels also refuse non-positive kernel sizes and strides (THNN divides by
 * the stride and would crash) and a gradOutput of the wrong shape (THNN would read past its end), with
 * the messages the other THNN kernels use for these.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { argCheck, checkDimSize, checkTypes, contiguous, resizeContiguous, sizeDesc } from './conv-util.js';

export interface SGeo { nb: number; planes: number; iH: number; iW: number; oH: number; oW: number }

/** SpatialSubSampling_shapeCheck, the output sizes, and (beyond THNN) the gradOutput's shape. */
export function spatialCheck(fn: string, input: Tensor, gradOutput: Tensor | null, weight: Tensor, kW: number, kH: number,
  dW: number, dH: number): SGeo {
  const ndim = input.dim();
  argCheck(ndim === 3 || ndim === 4, 2, fn, `3D or 4D input tensor expected but got: ${sizeDesc(input)}`);
  argCheck(weight.isContiguous(), 4, fn, 'weight must be contiguous');
  const planes = weight._size[0], f = ndim === 4 ? 1 : 0;
  const iH = input._size[f + 1], iW = input._size[f + 2];
  argCheck(input._size[f] === planes, 2, fn, 'invalid number of input planes');
  argCheck(iW >= kW && iH >= kH, 2, fn, 'input image smaller than kernel size');
  // beyond THNN (which divides by the stride), after its own checks
  argCheck(kW > 0 && kH > 0, 6, fn, `kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  argCheck(dW > 0 && dH > 0, 8, fn, `stride should be greater than zero, but got dH: ${dH} dW: ${dW}`);
  const oH = Math.trunc((iH - kH) / dH) + 1, oW = Math.trunc((iW - kW) / dW) + 1;
  if (gradOutput) {
    if (f) checkDimSize(gradOutput, 'gradOutput', ndim, 0, input._size[0]);
    checkDimSize(gradOutput, 'gradOutput', ndim, f, planes);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 1, oH);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 2, oW);
  }
  return { nb: f ? input._size[0] : 1, planes, iH, iW, oH, oW };
}

/** TemporalSubSampling_shapeCheck: THNN accepts 2-D input only (its message says 2D or 3D). */
export function temporalCheck(fn: string, input: Tensor, gradOutput: Tensor | null, kW: number, dW: number,
  inputFrameSize: number | null): { nIF: number; nOF: number; fs: number } {
  argCheck(kW > 0, 6, fn, `kernel size should be greater than zero, but got kW: ${kW}`);
  argCheck(dW > 0, 7, fn, `stride should be greater than zero, but got dW: ${dW}`);
  argCheck(input.dim() === 2, 2, fn, `2D or 3D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  if (inputFrameSize !== null) {
    argCheck(input._size[1] === inputFrameSize, 2, fn, `invalid input frame size.  Got: ${input._size[1]}, Expected: ${inputFrameSize}`);
  }
  argCheck(input._size[0] >= kW, 2, fn, `input sequence smaller than kernel size.  Got ${input._size[0]}, Expected: ${kW}`);
  const nIF = input._size[0], nOF = Math.trunc((nIF - kW) / dW) + 1, fs = input._size[1];
  if (gradOutput) {
    checkDimSize(gradOutput, 'gradOutput', 2, 0, nOF);
    checkDimSize(gradOutput, 'gradOutput', 2, 1, fs);
  }
  return { nIF, nOF, fs };
}

export const subsampling = {
  /** output[p][k] = bias[k] + weight[k] * (sum of the kH x kW window), one window every (dH, dW). */
  SpatialSubSampling_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor,
    kW: number, kH: number, dW: number, dH: number): void {
    const fn = 'SpatialSubSampling_updateOutput';
    checkTypes(fn, input, [output, 3], [weight, 4], [bias, 5]);
    argCheck(!bias || bias.isContiguous(), 5, fn, 'bias must be contiguous');
    const g = spatialCheck(fn, input, null, weight, kW, kH, dW, dH);
    resizeContiguous(output, input.dim() === 4 ? [g.nb, g.planes, g.oH, g.oW] : [g.planes, g.oH, g.oW]);
    const x = contiguous(input), xd = x._storage.data, od = output._storage.data;
    const wd = weight._storage.data, bd = bias._storage.data;
    const inPlane = g.iH * g.iW, outPlane = g.oH * g.oW;
    for (let p = 0; p < g.nb; p++) {
      for (let k = 0; k < g.planes; k++) {
        const w = wd[weight.offset + k], b = bd[bias.offset + k];
        const ip = x.offset + (p * g.planes + k) * inPlane;
        let o = output.offset + (p * g.planes + k) * outPlane;
        for (let yy = 0; yy < g.oH; yy++) {
          for (let xx = 0; xx < g.oW; xx++) {
            let sum = 0;
            for (let ky = 0; ky < kH; ky++) {
              const row = ip + (yy * dH + ky) * g.iW + xx * dW;
              for (let kx = 0; kx < kW; kx++) sum += xd[row + kx];
            }
            od[o++] = b + w * sum;
          }
        }
      }
    }
  },

  /** gradInput (each window) += weight[k] * gradOutput. */
  SpatialSubSampling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor,
    kW: number, kH: number, dW: number, dH: number): void {
    const fn = 'SpatialSubSampling_updateGradInput';
    checkTypes(fn, input, [gradOutput, 3], [gradInput, 4], [weight, 5]);
    const g = spatialCheck(fn, input, gradOutput, weight, kW, kH, dW, dH);
    const go = contiguous(gradOutput), gd = go._storage.data, wd = weight._storage.data;
    resizeContiguous(gradInput, input._size).zero();
    const gid = gradInput._storage.data, inPlane = g.iH * g.iW;
    let o = go.offset;
    for (let p = 0; p < g.nb; p++) {
      for (let k = 0; k < g.planes; k++) {
        const w = wd[weight.offset + k], gi = gradInput.offset + (p * g.planes + k) * inPlane;
        for (let yy = 0; yy < g.oH; yy++) {
          for (let xx = 0; xx < g.oW; xx++) {
            const z = gd[o++] * w;
            for (let ky = 0; ky < kH; ky++) {
              const row = gi + (yy * dH + ky) * g.iW + xx * dW;
              for (let kx = 0; kx < kW; kx++) gid[row + kx] += z;
            }
          }
        }
      }
    }
  },

  /** gradBias[k] += scale * sum(gradOutput[k]); gradWeight[k] += scale * sum(gradOutput * window sum), per frame. */
  SpatialSubSampling_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor,
    kW: number, kH: number, dW: number, dH: number, scale: number): void {
    const fn = 'SpatialSubSampling_accGradParameters';
    checkTypes(fn, input, [gradOutput, 3], [gradWeight, 4], [gradBias, 5]);
    const g = spatialCheck(fn, input, gradOutput, gradWeight, kW, kH, dW, dH);
    const x = contiguous(input), go = contiguous(gradOutput);
    const xd = x._storage.data, gd = go._storage.data, gwd = gradWeight._storage.data, gbd = gradBias._storage.data;
    const inPlane = g.iH * g.iW, outPlane = g.oH * g.oW, bs = gradBias._stride[0];
    for (let k = 0; k < g.planes; k++) {
      for (let p = 0; p < g.nb; p++) {
        const op = go.offset + (p * g.planes + k) * outPlane, ip = x.offset + (p * g.planes + k) * inPlane;
        let sum = 0;
        for (let i = 0; i < outPlane; i++) sum += gd[op + i];
        gbd[gradBias.offset + k * bs] += scale * sum;
        sum = 0;
        let o = op;
        for (let yy = 0; yy < g.oH; yy++) {
          for (let xx = 0; xx < g.oW; xx++) {
            const z = gd[o++];
            for (let ky = 0; ky < kH; ky++) {
              const row = ip + (yy * dH + ky) * g.iW + xx * dW;
              for (let kx = 0; kx < kW; kx++) sum += z * xd[row + kx];
            }
          }
        }
        gwd[gradWeight.offset + k] += scale * sum;
      }
    }
  },

  /** output[t] = (sum of input frames t*dW .. t*dW+kW-1) .* weight + bias (nInputFrame x frameSize input only). */
  TemporalSubSampling_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor,
    kW: number, dW: number, inputFrameSize: number): void {
    const fn = 'TemporalSubSampling_updateOutput';
    checkTypes(fn, input, [output, 3], [weight, 4], [bias, 5]);
    argCheck(weight.isContiguous(), 4, fn, 'weight must be contiguous');
    argCheck(!bias || bias.isContiguous(), 4, fn, 'bias must be contiguous');
    const s = temporalCheck(fn, input, null, kW, dW, inputFrameSize);
    resizeContiguous(output, [s.nOF, inputFrameSize]);
    const xd = input._storage.data, s0 = input._stride[0], s1 = input._stride[1];
    const od = output._storage.data, wd = weight._storage.data, bd = bias._storage.data;
    const isFloat = output.kind.key === 'Float';
    for (let k = 0; k < s.nOF; k++) {
      for (let j = 0; j < inputFrameSize; j++) {
        let sum = 0;
        for (let t = 0; t < kW; t++) sum += xd[input.offset + (k * dW + t) * s0 + j * s1];
        // THTensor_(sum) into the frame, then cmul, then cadd: each step stored in `real`
        let v = isFloat ? Math.fround(sum) : sum;
        v = v * wd[weight.offset + j];
        if (isFloat) v = Math.fround(v);
        od[output.offset + k * inputFrameSize + j] = v + bd[bias.offset + j];
      }
    }
  },

  /** gradInput (each frame of window t) += weight .* gradOutput[t]. */
  TemporalSubSampling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor,
    kW: number, dW: number): void {
    const fn = 'TemporalSubSampling_updateGradInput';
    checkTypes(fn, input, [gradOutput, 3], [gradInput, 4], [weight, 5]);
    argCheck(weight.isContiguous(), 4, fn, 'weight must be contiguous');
    const s = temporalCheck(fn, input, gradOutput, kW, dW, null);
    resizeContiguous(gradInput, input._size).zero();
    const gd = gradOutput._storage.data, g0 = gradOutput._stride[0], g1 = gradOutput._stride[1];
    const gid = gradInput._storage.data, wd = weight._storage.data;
    const isFloat = gradInput.kind.key === 'Float';
    for (let k = 0; k < s.nOF; k++) {
      for (let j = 0; j < s.fs; j++) {
        let z = wd[weight.offset + j] * gd[gradOutput.offset + k * g0 + j * g1];
        if (isFloat) z = Math.fround(z);
        for (let t = 0; t < kW; t++) gid[gradInput.offset + (k * dW + t) * s.fs + j] += z;
      }
    }
  },

  /** gradWeight += scale * (window sum) .* gradOutput[t]; gradBias += scale * gradOutput[t], frame by frame. */
  TemporalSubSampling_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor,
    kW: number, dW: number, scale: number): void {
    const fn = 'TemporalSubSampling_accGradParameters';
    checkTypes(fn, input, [gradOutput, 3], [gradWeight, 4], [gradBias, 5]);
    const s = temporalCheck(fn, input, gradOutput, kW, dW, null);
    const xd = input._storage.data, s0 = input._stride[0], s1 = input._stride[1];
    const gd = gradOutput._storage.data, g0 = gradOutput._stride[0], g1 = gradOutput._stride[1];
    const gwd = gradWeight._storage.data, ws = gradWeight._stride[0], gbd = gradBias._storage.data, bs = gradBias._stride[0];
    const isFloat = gradWeight.kind.key === 'Float';
    for (let k = 0; k < s.nOF; k++) {
      for (let j = 0; j < s.fs; j++) {
        let sum = 0;
        for (let t = 0; t < kW; t++) sum += xd[input.offset + (k * dW + t) * s0 + j * s1];
        if (isFloat) sum = Math.fround(sum);
        const z = gd[gradOutput.offset + k * g0 + j * g1];
        gwd[gradWeight.offset + j * ws] += scale * sum * z;
        gbd[gradBias.offset + j * bs] += scale * z;
      }
    }
  },
};
