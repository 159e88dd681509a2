/**
 * THNN's VolumetricAveragePooling (generic/VolumetricAveragePooling.c: mean of each kT x kH x kW window,
 * with THNN's padding, ceil_mode and count_include_pad arguments) and FeatureLPPooling
 * (generic/FeatureLPPooling.c: an Lp norm over windows of the feature dimension).
 */
import { argError, TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { argCheck, checkDimSize, checkType, contiguous, resizeContiguous, sizeDesc } from './conv-util.js';

interface AvgP { kT: number; kW: number; kH: number; dT: number; dW: number; dH: number; pT: number; pW: number; pH: number; ceil: boolean }
interface AvgGeo { batch: number; n: number; iT: number; iH: number; iW: number; oT: number; oH: number; oW: number }

const outLen = (i: number, k: number, p: number, d: number, ceil: boolean): number =>
  (ceil ? Math.ceil(Math.fround(i - k + 2 * p) / d) : Math.floor(Math.fround(i - k + 2 * p) / d)) + 1;

/** VolumetricAveragePooling_shapeCheck. */
function avgCheck(input: Tensor, gradOutput: Tensor | null, p: AvgP, fn: string): AvgGeo {
  argCheck(p.kT > 0 && p.kW > 0 && p.kH > 0, 5, fn, `kernel size should be greater than zero, but got kT: ${p.kT} kH: ${p.kH} kW: ${p.kW}`);
  argCheck(p.dT > 0 && p.dW > 0 && p.dH > 0, 8, fn, `stride should be greater than zero, but got dT: ${p.dT} dH: ${p.dH} dW: ${p.dW}`);
  const ndim = input.dim();
  argCheck(ndim === 4 || ndim === 5, 2, fn, `4D or 5D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  const f = ndim === 5 ? 1 : 0;
  const n = input._size[f], iT = input._size[f + 1], iH = input._size[f + 2], iW = input._size[f + 3];
  argCheck(iW >= p.kW && iH >= p.kH && iT >= p.kT, 2, fn,
    `input image (T: ${iT} H: ${iH} W: ${iW}) smaller than kernel size (kT: ${p.kT} kH: ${p.kH} kW: ${p.kW})`);
  argCheck(Math.trunc(p.kT / 2) >= p.pT && Math.trunc(p.kW / 2) >= p.pW && Math.trunc(p.kH / 2) >= p.pH, 11, fn,
    `pad should not be greater than half of kernel size, but got padT = ${p.pT}, padW = ${p.pW}, padH = ${p.pH}, kT = ${p.kT}, kW = ${p.kW}, kH = ${p.kH}`);
  let oT = outLen(iT, p.kT, p.pT, p.dT, p.ceil), oH = outLen(iH, p.kH, p.pH, p.dH, p.ceil), oW = outLen(iW, p.kW, p.pW, p.dW, p.ceil);
  if (p.pT || p.pW || p.pH) {
    if ((oT - 1) * p.dT >= iT + p.pT) --oT;
    if ((oH - 1) * p.dH >= iH + p.pH) --oH;
    if ((oW - 1) * p.dW >= iW + p.pW) --oW;
  }
  if (oT < 1 || oW < 1 || oH < 1) {
    throw new TorchError(`Given input size: (${n}x${iT}x${iH}x${iW}). Calculated output size: (${n}x${oT}x${oH}x${oW}). Output size is too small`);
  }
  if (gradOutput) {
    checkDimSize(gradOutput, 'gradOutput', ndim, f, n);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 1, oT);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 2, oH);
    checkDimSize(gradOutput, 'gradOutput', ndim, f + 3, oW);
  }
  return { batch: ndim === 5 ? input._size[0] : 0, n, iT, iH, iW, oT, oH, oW };
}

/**
 * Visits each pooling window of one plane: `visit(outIndex, inStart.., inEnd.., divisor)` with the window
 * clipped to the input and the divisor counting the padding or not, as THNN's frame loops.
 */
function eachWindow(g: AvgGeo, p: AvgP, countPad: boolean,
  visit: (o: number, t0: number, t1: number, h0: number, h1: number, w0: number, w1: number, div: number) => void): void {
  let o = 0;
  for (let ti = 0; ti < g.oT; ti++) {
    for (let i = 0; i < g.oH; i++) {
      for (let j = 0; j < g.oW; j++) {
        let t0 = ti * p.dT - p.pT, h0 = i * p.dH - p.pH, w0 = j * p.dW - p.pW;
        let t1 = Math.min(t0 + p.kT, g.iT + p.pT), h1 = Math.min(h0 + p.kH, g.iH + p.pH), w1 = Math.min(w0 + p.kW, g.iW + p.pW);
        const poolSize = (t1 - t0) * (h1 - h0) * (w1 - w0);
        t0 = Math.max(t0, 0); h0 = Math.max(h0, 0); w0 = Math.max(w0, 0);
        t1 = Math.min(t1, g.iT); h1 = Math.min(h1, g.iH); w1 = Math.min(w1, g.iW);
        visit(o++, t0, t1, h0, h1, w0, w1, countPad ? poolSize : (t1 - t0) * (h1 - h0) * (w1 - w0));
      }
    }
  }
}

/** FeatureLPPooling_upcastCPU: sizes and strides as [batch][feature][opt1][opt2]. */
function upcast(t: Tensor, batchMode: boolean): { size: number[]; stride: number[] } {
  const size = [1, 1, 1, 1], stride = [1, 1, 1, 1];
  const first = batchMode ? 0 : 1;
  for (let i = 0; i < t.dim(); i++) {
    size[first + i] = t._size[i];
    stride[first + i] = t._stride[i];
  }
  return { size, stride };
}

const flpOut = (n: number, width: number, stride: number): number => Math.trunc((n - width) / stride) + 1;

function flpChecks(fn: string, input: Tensor, width: number, stride: number, batchMode: boolean, argDim: number, argW: number): void {
  const d = input.dim();
  if (batchMode) argCheck(d >= 2 && d <= 4, argDim, fn, 'input must be 2-4 dimensions for batch mode');
  else argCheck(d >= 1 && d <= 3, argDim, fn, 'input must be 1-3 dimensions for non-batch mode');
  argCheck(upcast(input, batchMode).size[1] >= width, 3, fn, 'input: feature dimension must be >= width');
  argCheck(width >= 2 && width <= 16, argW, fn, 'width must be between 2 - 16');
  argCheck(stride >= 1 && stride <= 4, argW + 1, fn, 'stride must be between 1 - 4');
}

export const volumetric2Pool = {
  VolumetricAveragePooling_updateOutput(input: Tensor, output: Tensor, kT: number, kW: number, kH: number,
    dT: number, dW: number, dH: number, padT: number, padW: number, padH: number, ceilMode: boolean, countIncludePad: boolean): void {
    const fn = 'VolumetricAveragePooling_updateOutput';
    checkType(output, input, 3, fn);
    const p = { kT, kW, kH, dT, dW, dH, pT: padT, pW: padW, pH: padH, ceil: ceilMode };
    const g = avgCheck(input, null, p, fn);
    const x = contiguous(input);
    resizeContiguous(output, g.batch ? [g.batch, g.n, g.oT, g.oH, g.oW] : [g.n, g.oT, g.oH, g.oW]);
    const xd = x._storage.data, od = output._storage.data;
    const inPlane = g.iT * g.iH * g.iW, outPlane = g.oT * g.oH * g.oW, planes = Math.max(g.batch, 1) * g.n;
    for (let k = 0; k < planes; k++) {
      const ip = x.offset + k * inPlane, op = output.offset + k * outPlane;
      eachWindow(g, p, countIncludePad, (o, t0, t1, h0, h1, w0, w1, div) => {
        let s = 0;
        for (let z = t0; z < t1; z++) {
          for (let y = h0; y < h1; y++) {
            const r = ip + (z * g.iH + y) * g.iW;
            for (let xx = w0; xx < w1; xx++) s += xd[r + xx];
          }
        }
        od[op + o] = s / div;
      });
    }
  },

  VolumetricAveragePooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, kT: number, kW: number, kH: number,
    dT: number, dW: number, dH: number, padT: number, padW: number, padH: number, ceilMode: boolean, countIncludePad: boolean): void {
    const fn = 'VolumetricAveragePooling_updateGradInput';
    checkType(gradOutput, input, 3, fn);
    checkType(gradInput, input, 4, fn);
    const p = { kT, kW, kH, dT, dW, dH, pT: padT, pW: padW, pH: padH, ceil: ceilMode };
    const g = avgCheck(input, gradOutput, p, fn);
    const go = contiguous(gradOutput);
    resizeContiguous(gradInput, input._size.slice()).zero();
    const gd = go._storage.data, gid = gradInput._storage.data;
    const inPlane = g.iT * g.iH * g.iW, outPlane = g.oT * g.oH * g.oW, planes = Math.max(g.batch, 1) * g.n;
    for (let k = 0; k < planes; k++) {
      const ip = gradInput.offset + k * inPlane, op = go.offset + k * outPlane;
      eachWindow(g, p, countIncludePad, (o, t0, t1, h0, h1, w0, w1, div) => {
        const v = gd[op + o] / div;
        for (let z = t0; z < t1; z++) {
          for (let y = h0; y < h1; y++) {
            const r = ip + (z * g.iH + y) * g.iW;
            for (let xx = w0; xx < w1; xx++) gid[r + xx] += v;
          }
        }
      });
    }
  },

  /** output[f] = (Σ_{i<width} input[f·stride + i]^power)^(1/power) over the feature dimension. */
  FeatureLPPooling_updateOutput(input: Tensor, output: Tensor, power: number, width: number, stride: number, batchMode: boolean): void {
    const fn = 'FeatureLPPooling_updateOutput';
    checkType(output, input, 2, fn);
    flpChecks(fn, input, width, stride, batchMode, 2, 5);
    const ins = upcast(input, batchMode);
    const sizes = input._size.slice();
    sizes[batchMode ? 1 : 0] = flpOut(ins.size[1], width, stride);
    resizeContiguous(output, sizes);
    const outs = upcast(output, batchMode);
    const xd = input._storage.data, od = output._storage.data;
    for (let b = 0; b < ins.size[0]; b++) {
      for (let o1 = 0; o1 < ins.size[2]; o1++) {
        for (let o2 = 0; o2 < ins.size[3]; o2++) {
          const iBase = input.offset + b * ins.stride[0] + o1 * ins.stride[2] + o2 * ins.stride[3];
          const oBase = output.offset + b * outs.stride[0] + o1 * outs.stride[2] + o2 * outs.stride[3];
          for (let of = 0; of < outs.size[1]; of++) {
            let v = 0;
            for (let i = 0; i < width; i++) {
              const f = of * stride + i;
              if (f >= ins.size[1]) break;
              v += Math.pow(xd[iBase + f * ins.stride[1]], power);
            }
            od[oBase + of * outs.stride[1]] = Math.pow(v, 1 / power);
          }
        }
      }
    }
  },

  /** gradInput[f·stride + i] += gradOutput[f]·(input[f·stride + i] / output[f])^(power - 1), skipping zero outputs. */
  FeatureLPPooling_updateGradInput(gradOutput: Tensor, input: Tensor, output: Tensor, gradInput: Tensor,
    power: number, width: number, stride: number, batchMode: boolean): void {
    const fn = 'FeatureLPPooling_updateGradInput';
    checkType(input, gradOutput, 2, fn);
    checkType(output, gradOutput, 3, fn);
    checkType(gradInput, gradOutput, 4, fn);
    flpChecks(fn, input, width, stride, batchMode, 3, 7);
    const ins = upcast(input, batchMode), gos = upcast(gradOutput, batchMode), outs = upcast(output, batchMode);
    for (let i = 0; i < 4; i++) {
      if (outs.size[i] !== gos.size[i] || output.dim() !== gradOutput.dim()) {
        throw new TorchError(`output and gradOutput sizes do not match: output ${sizeDesc(output)}, gradOutput ${sizeDesc(gradOutput)}`);
      }
    }
    if (flpOut(ins.size[1], width, stride) !== outs.size[1]) {
      throw argError(3, fn, 'input and output sizes do not match with respect to width and stride');
    }
    resizeContiguous(gradInput, input._size.slice()).zero();
    const gis = upcast(gradInput, batchMode);
    const xd = input._storage.data, od = output._storage.data, gd = gradOutput._storage.data, gid = gradInput._storage.data;
    for (let b = 0; b < ins.size[0]; b++) {
      for (let o1 = 0; o1 < ins.size[2]; o1++) {
        for (let o2 = 0; o2 < ins.size[3]; o2++) {
          const base = (s: { stride: number[] }, off: number): number => off + b * s.stride[0] + o1 * s.stride[2] + o2 * s.stride[3];
          const iB = base(ins, input.offset), oB = base(outs, output.offset), gB = base(gos, gradOutput.offset), giB = base(gis, gradInput.offset);
          for (let of = 0; of < outs.size[1]; of++) {
            const out = od[oB + of * outs.stride[1]];
            if (out === 0) continue;
            const g = gd[gB + of * gos.stride[1]];
            for (let i = 0; i < width; i++) {
              const f = of * stride + i;
              gid[giB + f * gis.stride[1]] += g * Math.pow(xd[iB + f * ins.stride[1]] / out, power - 1);
            }
          }
        }
      }
    }
  },
};
