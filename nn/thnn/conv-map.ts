/**
 * THNN's SpatialConvolutionMap (generic/SpatialConvolutionMap.c): a convolution whose connections are
 * listed in `connTable` (nKernel x 2, 1-based [input plane, output plane] rows); kernel k of the
 * nKernel x kH x kW weight correlates input plane connTable[k][1] into output plane connTable[k][2].
 *
 * As THNN, the k-th frame of a batch is read at k * nInputPlane planes (the module's nInputPlane, which
 * may be fewer than the input's planes). Where THNN differs from the true gradient we compute the
 * true one: with a stride that leaves input rows/columns past the last window, THNN's fullConv2Dptr /
 * validXCorr2DRevptr write gradInput with the wrong row stride and gradWeight past its kernel; here
 * those pixels simply get no gradient. Beyond THNN, strides must be positive, connTable rows in range,
 * and gradOutput of the output's shape (THNN would divide by zero or read out of range).
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { argCheck, checkDimSize, checkTypes, contiguous, resizeContiguous } from './conv-util.js';

export interface MGeo { nb: number; iH: number; iW: number; oH: number; oW: number; kH: number; kW: number; conn: Int32Array }

/** The checks of SpatialConvolutionMap_updateOutput (and, beyond THNN, of the backward kernels). */
export function mapCheck(fn: string, wArg: number, input: Tensor, gradOutput: Tensor | null, weight: Tensor, connTable: Tensor,
  nInputPlane: number, nOutputPlane: number, dW: number, dH: number, what = 'weight'): MGeo {
  argCheck(weight && weight.dim() === 3 && connTable && connTable._size[0] === weight._size[0], wArg, fn,
    `3D ${what} tensor expected (connTable:size(1) x kH x kW)`);
  const ndim = input.dim();
  argCheck(ndim === 3 || ndim === 4, 2, fn, '3D or 4D(batch mode) tensor expected');
  const f = ndim === 4 ? 1 : 0, kH = weight._size[1], kW = weight._size[2];
  argCheck(input._size[f] >= nInputPlane, 2, fn, 'invalid number of input planes');
  argCheck(input._size[f + 2] >= kW && input._size[f + 1] >= kH, 2, fn, 'input image smaller than kernel size');
  // beyond THNN (which divides by the stride), after its own checks
  argCheck(dW > 0 && dH > 0, 9, fn, `stride should be greater than zero, but got dH: ${dH} dW: ${dW}`);
  const iH = input._size[f + 1], iW = input._size[f + 2];
  const oH = Math.trunc((iH - kH) / dH) + 1, oW = Math.trunc((iW - kW) / dW) + 1;
  const conn = connections(fn, connTable, nInputPlane, nOutputPlane);
  if (gradOutput) {
    if (f) checkDimSize(gradOutput, 'gradOutput', ndim, 0, input._size[0]);
    checkDimSize(gradOutput, 'gradOutput', ndim, f, nOutputPlane);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 1, oH);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 2, oW);
  }
  return { nb: f ? input._size[0] : 1, iH, iW, oH, oW, kH, kW, conn };
}

/** connTable as 0-based (input, output) pairs (read without dropping a device copy). */
export function connections(fn: string, connTable: Tensor, nInputPlane: number, nOutputPlane: number): Int32Array {
  if (connTable.dim() !== 2 || connTable._size[1] !== 2) throw new TorchError(`${fn}: connTable must be a nKernel x 2 tensor`);
  const n = connTable._size[0], d = connTable._storage.read(), s0 = connTable._stride[0], s1 = connTable._stride[1];
  const conn = new Int32Array(2 * n);
  for (let k = 0; k < n; k++) {
    const i = Math.trunc(Number(d[connTable.offset + k * s0])) - 1, o = Math.trunc(Number(d[connTable.offset + k * s0 + s1])) - 1;
    if (!(i >= 0 && i < nInputPlane && o >= 0 && o < nOutputPlane)) {
      throw new TorchError(`${fn}: connTable row ${k + 1} (${i + 1} -> ${o + 1}) is out of range (${nInputPlane} input planes, ${nOutputPlane} output planes)`);
    }
    conn[2 * k] = i;
    conn[2 * k + 1] = o;
  }
  return conn;
}

export const convMap = {
  /** output[o] = bias[o] + the sum, over the rows k with connTable[k][2] = o, of valid xcorr(input[i], weight[k]). */
  SpatialConvolutionMap_updateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor, connTable: Tensor,
    nInputPlane: number, nOutputPlane: number, dW: number, dH: number): void {
    const fn = 'SpatialConvolutionMap_updateOutput';
    checkTypes(fn, input, [output, 3], [weight, 4], [bias, 5], [connTable, 6]);
    const g = mapCheck(fn, 4, input, null, weight, connTable, nInputPlane, nOutputPlane, dW, dH);
    resizeContiguous(output, input.dim() === 4 ? [g.nb, nOutputPlane, g.oH, g.oW] : [nOutputPlane, g.oH, g.oW]);
    const x = contiguous(input), w = contiguous(weight), b = contiguous(bias);
    const xd = x._storage.data, wd = w._storage.data, bd = b._storage.data, od = output._storage.data;
    const inPlane = g.iH * g.iW, outPlane = g.oH * g.oW, kk = g.kH * g.kW, nK = g.conn.length / 2;
    for (let p = 0; p < nOutputPlane; p++) {
      for (let m = 0; m < g.nb; m++) {
        const op = output.offset + (m * nOutputPlane + p) * outPlane;
        od.fill(bd[b.offset + p], op, op + outPlane);
        for (let k = 0; k < nK; k++) {
          if (g.conn[2 * k + 1] !== p) continue;
          const ip = x.offset + g.conn[2 * k] * inPlane + m * nInputPlane * inPlane, wp = w.offset + k * kk;
          let o = op;
          for (let yy = 0; yy < g.oH; yy++) {
            for (let xx = 0; xx < g.oW; xx++) {
              let sum = 0;
              for (let ky = 0; ky < g.kH; ky++) {
                const row = ip + (yy * dH + ky) * g.iW + xx * dW, wr = wp + ky * g.kW;
                for (let kx = 0; kx < g.kW; kx++) sum += xd[row + kx] * wd[wr + kx];
              }
              od[o++] += sum;
            }
          }
        }
      }
    }
  },

  /** gradInput[i] = the sum, over the rows k with connTable[k][1] = i, of full conv(gradOutput[o], weight[k]). */
  SpatialConvolutionMap_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, bias: Tensor,
    connTable: Tensor, nInputPlane: number, nOutputPlane: number, dW: number, dH: number): void {
    const fn = 'SpatialConvolutionMap_updateGradInput';
    checkTypes(fn, input, [gradOutput, 3], [gradInput, 4], [weight, 5], [bias, 6], [connTable, 7]);
    const g = mapCheck(fn, 5, input, gradOutput, weight, connTable, nInputPlane, nOutputPlane, dW, dH);
    const go = contiguous(gradOutput), w = contiguous(weight);
    resizeContiguous(gradInput, input._size).zero();
    const gd = go._storage.data, wd = w._storage.data, gid = gradInput._storage.data;
    const inPlane = g.iH * g.iW, outPlane = g.oH * g.oW, kk = g.kH * g.kW, nK = g.conn.length / 2;
    for (let p = 0; p < nInputPlane; p++) {
      for (let m = 0; m < g.nb; m++) {
        for (let k = 0; k < nK; k++) {
          if (g.conn[2 * k] !== p) continue;
          const gi = gradInput.offset + p * inPlane + m * nInputPlane * inPlane, wp = w.offset + k * kk;
          let o = go.offset + (m * nOutputPlane + g.conn[2 * k + 1]) * outPlane;
          for (let yy = 0; yy < g.oH; yy++) {
            for (let xx = 0; xx < g.oW; xx++) {
              const z = gd[o++];
              for (let ky = 0; ky < g.kH; ky++) {
                const row = gi + (yy * dH + ky) * g.iW + xx * dW, wr = wp + ky * g.kW;
                for (let kx = 0; kx < g.kW; kx++) gid[row + kx] += z * wd[wr + kx];
              }
            }
          }
        }
      }
    }
  },

  /** gradBias[o] += scale * sum(gradOutput[o]); gradWeight[k] += scale * valid xcorr(input[i], gradOutput[o]) (stride d). */
  SpatialConvolutionMap_accGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor, connTable: Tensor,
    nInputPlane: number, nOutputPlane: number, dW: number, dH: number, scale: number): void {
    const fn = 'SpatialConvolutionMap_accGradParameters';
    checkTypes(fn, input, [gradOutput, 3], [gradWeight, 4], [gradBias, 5], [connTable, 6]);
    const g = mapCheck(fn, 5, input, gradOutput, gradWeight, connTable, nInputPlane, nOutputPlane, dW, dH, 'gradWeight');
    argCheck(gradWeight.isContiguous(), 4, fn, 'gradWeight needs to be contiguous');
    argCheck(gradBias.isContiguous(), 5, fn, 'gradBias needs to be contiguous');
    const x = contiguous(input), go = contiguous(gradOutput);
    const xd = x._storage.data, gd = go._storage.data, gwd = gradWeight._storage.data, gbd = gradBias._storage.data;
    const inPlane = g.iH * g.iW, outPlane = g.oH * g.oW, kk = g.kH * g.kW, nK = g.conn.length / 2;
    for (let k = 0; k < nOutputPlane; k++) {
      for (let m = 0; m < g.nb; m++) {
        const op = go.offset + (m * nOutputPlane + k) * outPlane;
        for (let l = 0; l < outPlane; l++) gbd[gradBias.offset + k] += scale * gd[op + l];
      }
    }
    for (let k = 0; k < nK; k++) {
      const wp = gradWeight.offset + k * kk;
      for (let m = 0; m < g.nb; m++) {
        const ip = x.offset + g.conn[2 * k] * inPlane + m * nInputPlane * inPlane;
        let o = go.offset + (m * nOutputPlane + g.conn[2 * k + 1]) * outPlane;
        for (let yy = 0; yy < g.oH; yy++) {
          for (let xx = 0; xx < g.oW; xx++) {
            const z = gd[o++] * scale;
            for (let ky = 0; ky < g.kH; ky++) {
              const row = ip + (yy * dH + ky) * g.iW + xx * dW, wr = wp + ky * g.kW;
              for (let kx = 0; kx < g.kW; kx++) gwd[wr + kx] += z * xd[row + kx];
            }
          }
        }
      }
    }
  },
};
