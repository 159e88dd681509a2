/**
 * THNN's SpatialFractionalMaxPooling, SpatialMaxUnpooling, VolumetricUpSamplingNearest and
 * VolumetricUpSamplingTrilinear (generic/*.c), with their checks and messages. Indices are 1-based
 * offsets inside the input plane (as SpatialMaxPooling's). Beyond THNN (whose THAsserts would abort or
 * which would read out of range): fractional indices and random samples are checked, and the
 * unpooling gradOutput must have the input's batch and plane counts.
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { argCheck, checkDimSize, checkIndices, checkShape, checkTypes, contiguous, resizeContiguous, sizeDesc } from './conv-util.js';
import { isCudaType } from '../targets.js';

/** Index tensors are LongTensors; on CudaTensor (the CPU fallback) they are of the input's type, as cunn's. */
function checkIdx(indices: Tensor, n: number, fn: string, input: Tensor): void {
  if (!(isCudaType(input) && indices.type() === input.type())) checkIndices(indices, n, fn);
}

interface PGeo { nb: number; planes: number; iH: number; iW: number; f: number }

function planeGeo(input: Tensor): PGeo {
  const f = input.dim() === 4 ? 1 : 0;
  return { nb: f ? input._size[0] : 1, planes: input._size[f], iH: input._size[f + 1], iW: input._size[f + 2], f };
}

/** THNN's generateIntervals: window starts from one uniform sample (float arithmetic on FloatTensors). */
export function fractionalIntervals(sample: number, inSize: number, outSize: number, pool: number, f32: boolean): Int32Array {
  const r = f32 ? Math.fround : (v: number) => v;
  const alpha = r((inSize - pool) / (outSize - 1));
  const seq = new Int32Array(outSize);
  const base = Math.trunc(r(r(sample) * alpha));
  for (let i = 0; i < outSize - 1; i++) seq[i] = Math.trunc(r(r(i + sample) * alpha)) - base;
  seq[outSize - 1] = inSize - pool;
  return seq;
}

function fractionalOutput(input: Tensor, output: Tensor, oW: number, oH: number, pW: number, pH: number, indices: Tensor, samples: Tensor): void {
  const fn = 'SpatialFractionalMaxPooling_updateOutput';
  const n = input.dim();
  argCheck(n === 3 || n === 4, 2, fn, `3D or 4D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  const g = planeGeo(input);
  argCheck(oH + pH - 1 < g.iH, 7, fn, `poolSizeH (${pH}) too large relative to input height (${g.iH})`);
  argCheck(oW + pW - 1 < g.iW, 6, fn, `poolSizeW (${pW}) too large relative to input width (${g.iW})`);
  checkTypes(fn, input, [output, 3], [samples, 9]);
  checkIdx(indices, 8, fn, input);
  const nPlanes = g.nb * g.planes;
  if (samples.nElement() < nPlanes * 2) {
    throw new TorchError(`${fn}: randomSamples has ${samples.nElement()} elements, ${nPlanes * 2} expected (batch x planes x 2)`);
  }
  const x = contiguous(input), s = contiguous(samples), f32 = input.kind.key === 'Float';
  const sizes = n === 4 ? [g.nb, g.planes, oH, oW] : [g.planes, oH, oW];
  resizeContiguous(output, sizes);
  resizeContiguous(indices, sizes);
  const xd = x._storage.data, sd = s._storage.data, od = output._storage.data, id = indices._storage.data;
  const inPlane = g.iH * g.iW, outPlane = oH * oW;
  for (let p = 0; p < nPlanes; p++) {
    const seqW = fractionalIntervals(sd[s.offset + 2 * p], g.iW, oW, pW, f32);
    const seqH = fractionalIntervals(sd[s.offset + 2 * p + 1], g.iH, oH, pH, f32);
    const ip = x.offset + p * inPlane;
    let o = output.offset + p * outPlane, io = indices.offset + p * outPlane;
    for (let h = 0; h < oH; h++) {
      for (let w = 0; w < oW; w++, o++, io++) {
        let maxVal = -Infinity, maxIndex = -1;
        for (let h2 = seqH[h]; h2 < seqH[h] + pH; h2++) {
          for (let w2 = seqW[w]; w2 < seqW[w] + pW; w2++) {
            const idx = h2 * g.iW + w2, val = xd[ip + idx];
            if (val > maxVal) { maxVal = val; maxIndex = idx; }
          }
        }
        od[o] = maxVal;
        id[io] = maxIndex + 1;
      }
    }
  }
}

function fractionalGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, oW: number, oH: number, indices: Tensor): void {
  const fn = 'SpatialFractionalMaxPooling_updateGradInput';
  const g = planeGeo(input), n = input.dim();
  argCheck(oW === gradOutput._size[g.f + 2], 3, fn, 'gradOutput width unexpected');
  argCheck(oH === gradOutput._size[g.f + 1], 3, fn, 'gradOutput height unexpected');
  checkTypes(fn, input, [gradOutput, 3], [gradInput, 4]);
  checkIdx(indices, 8, fn, input);
  const sizes = n === 4 ? [g.nb, g.planes, oH, oW] : [g.planes, oH, oW];
  if (gradOutput.dim() !== n || sizes.some((v, i) => gradOutput._size[i] !== v)) {
    throw new TorchError(`${fn}: gradOutput ${sizeDesc(gradOutput)} does not match the output [${sizes.join(' x ')}]`);
  }
  if (indices.dim() !== n || sizes.some((v, i) => indices._size[i] !== v)) {
    throw new TorchError(`${fn}: indices ${sizeDesc(indices)} do not match the output [${sizes.join(' x ')}] (call updateOutput first)`);
  }
  const go = contiguous(gradOutput), ind = contiguous(indices);
  resizeContiguous(gradInput, input._size).zero();
  const gd = go._storage.data, id = ind._storage.data, gid = gradInput._storage.data;
  const inPlane = g.iH * g.iW, outPlane = oH * oW;
  for (let p = 0; p < g.nb * g.planes; p++) {
    for (let j = 0; j < outPlane; j++) {
      const index = id[ind.offset + p * outPlane + j] - 1;
      if (!(index >= 0 && index < inPlane)) throw new TorchError(`${fn}: invalid max index ${index + 1} (input planes are of size ${g.iH}x${g.iW})`);
      gid[gradInput.offset + p * inPlane + index] += gd[go.offset + p * outPlane + j];
    }
  }
}

function unpoolOutput(input: Tensor, output: Tensor, indices: Tensor, owidth: number, oheight: number): void {
  const fn = 'SpatialMaxUnpooling_updateOutput';
  const n = input.dim();
  argCheck(n === 3 || n === 4, 2, fn, `3D or 4D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  checkShape(input, 'input', indices, 'indices');
  checkTypes(fn, input, [output, 3]);
  checkIdx(indices, 4, fn, input);
  const g = planeGeo(input), x = contiguous(input), ind = contiguous(indices);
  resizeContiguous(output, n === 4 ? [g.nb, g.planes, oheight, owidth] : [g.planes, oheight, owidth]).zero();
  const xd = x._storage.data, id = ind._storage.data, od = output._storage.data;
  const inPlane = g.iH * g.iW, outPlane = owidth * oheight;
  let bad: number | undefined;
  for (let p = 0; p < g.nb * g.planes; p++) {
    for (let j = 0; j < inPlane; j++) {
      const maxp = id[ind.offset + p * inPlane + j] - 1;
      if (maxp < 0 || maxp >= outPlane) bad = maxp;
      else od[output.offset + p * outPlane + maxp] = xd[x.offset + p * inPlane + j];
    }
  }
  if (bad !== undefined) throw new TorchError(`found an invalid max index ${bad} (output volumes are of size ${oheight}x${owidth})`);
}

function unpoolGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, owidth: number, oheight: number): void {
  const fn = 'SpatialMaxUnpooling_updateGradInput';
  checkShape(input, 'input', indices, 'indices');
  checkTypes(fn, input, [gradOutput, 3], [gradInput, 4]);
  checkIdx(indices, 5, fn, input);
  const n = input.dim();
  argCheck(n === 3 || n === 4, 2, fn, `3D or 4D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  const g = planeGeo(input);
  resizeContiguous(gradInput, input._size).zero();
  if (owidth !== gradOutput._size[g.f + 2] || oheight !== gradOutput._size[g.f + 1]) {
    throw new TorchError(`Inconsistent gradOutput size. oheight= ${oheight}, owidth= ${owidth}, gradOutput: ${gradOutput._size[g.f + 1]}x${gradOutput._size[g.f + 2]}`);
  }
  if (g.f) checkDimSize(gradOutput, 'gradOutput', n, 0, g.nb); // beyond THNN
  checkDimSize(gradOutput, 'gradOutput', n, g.f, g.planes);
  const go = contiguous(gradOutput), ind = contiguous(indices);
  const gd = go._storage.data, id = ind._storage.data, gid = gradInput._storage.data;
  const inPlane = g.iH * g.iW, outPlane = owidth * oheight;
  for (let p = 0; p < g.nb * g.planes; p++) {
    for (let j = 0; j < inPlane; j++) {
      const maxp = id[ind.offset + p * inPlane + j] - 1;
      if (maxp < 0 || maxp >= outPlane) throw new TorchError(`invalid max index ${maxp}, owidth= ${owidth}, oheight= ${oheight}`);
      gid[gradInput.offset + p * inPlane + j] = gd[go.offset + p * outPlane + maxp];
    }
  }
}

function volNearestCheck(fn: string, input: Tensor, gradOutput: Tensor | null, scale: number): void {
  argCheck(scale > 1, 4, fn, `scale_factor must be greater than 1, but got: ${scale}`);
  const n = input.dim();
  argCheck(n === 4 || n === 5, 2, fn, `4D or 5D input tensor expected but got: ${sizeDesc(input)}`);
  if (!gradOutput) return;
  for (let d = 0; d < n; d++) checkDimSize(gradOutput, 'gradOutput', n, d, input._size[d] * (d >= n - 3 ? scale : 1));
}

/** Nearest 3-D upsampling over contiguous copies: out[t][y][x] = in[t/s][y/s][x/s]; backward sums each block. */
function volNearest(input: Tensor, big: Tensor, small: Tensor, scale: number, backward: boolean): void {
  const n = input.dim(), s = input._size;
  const planes = s.slice(0, n - 3).reduce((a, b) => a * b, 1), [iT, iH, iW] = s.slice(n - 3);
  const oT = iT * scale, oH = iH * scale, oW = iW * scale;
  const bd = big._storage.data, sd = small._storage.data;
  let o = big.offset;
  for (let p = 0; p < planes; p++) {
    const sp = small.offset + p * iT * iH * iW;
    for (let t = 0; t < oT; t++) {
      for (let y = 0; y < oH; y++) {
        const row = sp + (Math.trunc(t / scale) * iH + Math.trunc(y / scale)) * iW;
        for (let x = 0; x < oW; x++, o++) {
          if (backward) sd[row + Math.trunc(x / scale)] += bd[o];
          else bd[o] = sd[row + Math.trunc(x / scale)];
        }
      }
    }
  }
}

/** Per output position along one axis: the input index, the step to the next one (0 at the edge), and lambda (THNN's float arithmetic). */
function axis(inSize: number, outSize: number): { i: Int32Array; p: Int32Array; l: Float64Array } {
  const r = outSize > 1 ? Math.fround((inSize - 1) / (outSize - 1)) : 0;
  const i = new Int32Array(outSize), p = new Int32Array(outSize), l = new Float64Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const ir = Math.fround(r * o);
    i[o] = Math.trunc(ir);
    p[o] = i[o] < inSize - 1 ? 1 : 0;
    l[o] = ir - i[o];
  }
  return { i, p, l };
}

function trilinearCheck(fn: string, input: Tensor | null, gradOutput: Tensor | null, sizes: number[]): void {
  const [nb, ch, iT, iH, iW, oT, oH, oW] = sizes;
  argCheck(iT > 0 && iH > 0 && iW > 0 && oT > 0 && oH > 0 && oW > 0, 2, fn,
    `input and output sizes should be greater than 0, but got input (D: ${iT}, H: ${iH}, W: ${iW}) output (D: ${oT}, H: ${oH}, W: ${oW})`);
  if (input) argCheck(input.dim() === 5, 2, fn, `5D input tensor expected but got: ${sizeDesc(input)}`);
  if (gradOutput) [nb, ch, oT, oH, oW].forEach((v, d) => checkDimSize(gradOutput, 'gradOutput', 5, d, v));
}

/** Trilinear interpolation with aligned corners between a contiguous small (input) and big (output) volume set. */
function trilinear(small: Tensor, big: Tensor, planes: number, inS: number[], outS: number[], backward: boolean): void {
  const [iT, iH, iW] = inS, [oT, oH, oW] = outS, ax = [axis(iT, oT), axis(iH, oH), axis(iW, oW)];
  const sd = small._storage.data, bd = big._storage.data, inVol = iT * iH * iW, outVol = oT * oH * oW;
  for (let t2 = 0; t2 < oT; t2++) {
    const t1 = ax[0].i[t2], tp = ax[0].p[t2] * iH * iW, t1l = ax[0].l[t2], t0l = 1 - t1l;
    for (let h2 = 0; h2 < oH; h2++) {
      const h1 = ax[1].i[h2], hp = ax[1].p[h2] * iW, h1l = ax[1].l[h2], h0l = 1 - h1l;
      for (let w2 = 0; w2 < oW; w2++) {
        const w1 = ax[2].i[w2], wp = ax[2].p[w2], w1l = ax[2].l[w2], w0l = 1 - w1l;
        let a = small.offset + (t1 * iH + h1) * iW + w1, b = big.offset + (t2 * oH + h2) * oW + w2;
        for (let c = 0; c < planes; c++, a += inVol, b += outVol) {
          if (backward) {
            const g = bd[b];
            sd[a] += t0l * h0l * w0l * g; sd[a + wp] += t0l * h0l * w1l * g;
            sd[a + hp] += t0l * h1l * w0l * g; sd[a + hp + wp] += t0l * h1l * w1l * g;
            sd[a + tp] += t1l * h0l * w0l * g; sd[a + tp + wp] += t1l * h0l * w1l * g;
            sd[a + tp + hp] += t1l * h1l * w0l * g; sd[a + tp + hp + wp] += t1l * h1l * w1l * g;
          } else {
            bd[b] = t0l * (h0l * (w0l * sd[a] + w1l * sd[a + wp]) + h1l * (w0l * sd[a + hp] + w1l * sd[a + hp + wp]))
              + t1l * (h0l * (w0l * sd[a + tp] + w1l * sd[a + tp + wp]) + h1l * (w0l * sd[a + tp + hp] + w1l * sd[a + tp + hp + wp]));
          }
        }
      }
    }
  }
}

export const spatial2Pool = {
  SpatialFractionalMaxPooling_updateOutput(input: Tensor, output: Tensor, outputW: number, outputH: number, poolSizeW: number,
    poolSizeH: number, indices: Tensor, randomSamples: Tensor): void {
    fractionalOutput(input, output, outputW, outputH, poolSizeW, poolSizeH, indices, randomSamples);
  },
  SpatialFractionalMaxPooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, outputW: number, outputH: number,
    _poolSizeW: number, _poolSizeH: number, indices: Tensor): void {
    fractionalGradInput(input, gradOutput, gradInput, outputW, outputH, indices);
  },
  SpatialMaxUnpooling_updateOutput(input: Tensor, output: Tensor, indices: Tensor, owidth: number, oheight: number): void {
    unpoolOutput(input, output, indices, owidth, oheight);
  },
  SpatialMaxUnpooling_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, owidth: number, oheight: number): void {
    unpoolGradInput(input, gradOutput, gradInput, indices, owidth, oheight);
  },
  VolumetricUpSamplingNearest_updateOutput(input: Tensor, output: Tensor, scale: number): void {
    const fn = 'VolumetricUpSamplingNearest_updateOutput';
    volNearestCheck(fn, input, null, scale);
    checkTypes(fn, input, [output, 3]);
    const n = input.dim(), sizes = input._size.map((v, d) => (d >= n - 3 ? v * scale : v));
    resizeContiguous(output, sizes);
    volNearest(input, output, contiguous(input), scale, false);
  },
  VolumetricUpSamplingNearest_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, scale: number): void {
    const fn = 'VolumetricUpSamplingNearest_updateGradInput';
    volNearestCheck(fn, input, gradOutput, scale);
    checkTypes(fn, input, [gradOutput, 3], [gradInput, 4]);
    resizeContiguous(gradInput, input._size).zero();
    volNearest(input, contiguous(gradOutput), gradInput, scale, true);
  },
  VolumetricUpSamplingTrilinear_updateOutput(input: Tensor, output: Tensor, outputDepth: number, outputHeight: number, outputWidth: number): void {
    const fn = 'VolumetricUpSamplingTrilinear_updateOutput';
    const [nb, ch, iT, iH, iW] = input._size;
    trilinearCheck(fn, input, null, [nb, ch, iT, iH, iW, outputDepth, outputHeight, outputWidth]);
    checkTypes(fn, input, [output, 3]);
    resizeContiguous(output, [nb, ch, outputDepth, outputHeight, outputWidth]);
    trilinear(contiguous(input), output, nb * ch, [iT, iH, iW], [outputDepth, outputHeight, outputWidth], false);
  },
  VolumetricUpSamplingTrilinear_updateGradInput(gradOutput: Tensor, gradInput: Tensor, nbatch: number, channels: number,
    inputDepth: number, inputHeight: number, inputWidth: number, outputDepth: number, outputHeight: number, outputWidth: number): void {
    const fn = 'VolumetricUpSamplingTrilinear_updateGradInput';
    trilinearCheck(fn, null, gradOutput, [nbatch, channels, inputDepth, inputHeight, inputWidth, outputDepth, outputHeight, outputWidth]);
    checkTypes(fn, gradOutput, [gradInput, 3]);
    resizeContiguous(gradInput, [nbatch, channels, inputDepth, inputHeight, inputWidth]).zero();
    trilinear(gradInput, contiguous(gradOutput), nbatch * channels, [inputDepth, inputHeight, inputWidth],
      [outputDepth, outputHeight, outputWidth], true);
  },
};
