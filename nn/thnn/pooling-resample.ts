/**
 * Padding and upsampling kernels: THNN's SpatialReflectionPadding, SpatialReplicationPadding,
 * SpatialUpSamplingNearest and SpatialUpSamplingBilinear (generic/Spatial*.c).
 */
import type { Tensor } from '../../lib/Tensor.js';
import { argCheck, checkDimSize, checkTypes, contiguous, resizeContiguous, sizeDesc } from './conv-util.js';

/** Maps an output coordinate to the input coordinate it copies: reflection or replication at the borders. */
type Mapper = (j: number, pad: number, size: number) => number;
const reflect: Mapper = (j, pad, size) => (j < pad ? pad * 2 - j : j < size + pad ? j : (size + pad - 1) * 2 - j);
const replicate: Mapper = (j, pad, size) => (j < pad ? pad : j < size + pad ? j : size + pad - 1);

interface PadGeo { nb: number; planes: number; iH: number; iW: number; oH: number; oW: number; dimh: number; dimw: number }

function padGeometry(fn: string, input: Tensor, l: number, r: number, t: number, b: number, reflection: boolean): PadGeo {
  argCheck(input.dim() === 3 || input.dim() === 4, 2, fn, `3D or 4D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  const f = input.dim() === 4 ? 1 : 0;
  const planes = input._size[f], iH = input._size[f + 1], iW = input._size[f + 2];
  const oH = iH + t + b, oW = iW + l + r;
  argCheck(oW >= 1 && oH >= 1, 2, fn, `input (H: ${iH}, W: ${iW})is too small. Calculated output H: ${oH} W: ${oW}`);
  if (reflection) {
    argCheck(l < iW && r < iW, 4, fn, `Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${f + 3} of input ${sizeDesc(input)}`);
    argCheck(t < iH && b < iH, 6, fn, `Padding size should be less than the corresponding input dimension, but got: padding (${t}, ${b}) at dimension ${f + 2} of input ${sizeDesc(input)}`);
  }
  return { nb: f ? input._size[0] : 1, planes, iH, iW, oH, oW, dimh: f + 1, dimw: f + 2 };
}

/** Grow-only scratch for the column map of a padding (no allocation per call in steady state). */
let colMap = new Int32Array(64);

/**
 * The input offset (within a plane) of each output row start, and of each output column: THNN's
 * ip_y * iwidth + ip_x with the iStart/oStart shifts that negative pads (crops) need.
 */
function padMaps(g: PadGeo, l: number, t: number, map: Mapper): Int32Array {
  const iStartX = Math.max(0, -l), iStartY = Math.max(0, -t), oStartX = Math.max(0, l), oStartY = Math.max(0, t);
  if (colMap.length < g.oW + g.oH) colMap = new Int32Array(2 * (g.oW + g.oH));
  for (let j = 0; j < g.oW; j++) colMap[j] = map(j, l, g.iW) - oStartX + iStartX;
  for (let i = 0; i < g.oH; i++) colMap[g.oW + i] = (map(i, t, g.iH) - oStartY + iStartY) * g.iW;
  return colMap;
}

function padOutput(fn: string, map: Mapper, input: Tensor, output: Tensor, l: number, r: number, t: number, b: number): void {
  const g = padGeometry(fn, input, l, r, t, b, map === reflect);
  checkTypes(fn, input, [output, 3]);
  const x = contiguous(input);
  resizeContiguous(output, input.dim() === 4 ? [g.nb, g.planes, g.oH, g.oW] : [g.planes, g.oH, g.oW]);
  const xd = x._storage.data, od = output._storage.data, cols = padMaps(g, l, t, map);
  const inPlane = g.iH * g.iW, oW = g.oW;
  let o = output.offset;
  for (let k = 0; k < g.nb * g.planes; k++) {
    const base = x.offset + k * inPlane;
    for (let i = 0; i < g.oH; i++) {
      const row = base + cols[oW + i];
      for (let j = 0; j < oW; j++) od[o++] = xd[row + cols[j]];
    }
  }
}

function padGradInput(fn: string, map: Mapper, input: Tensor, gradOutput: Tensor, gradInput: Tensor, l: number, r: number, t: number, b: number): void {
  const g = padGeometry(fn, input, l, r, t, b, map === reflect);
  argCheck(g.oW === gradOutput._size[g.dimw], 3, fn, `gradOutput width unexpected. Expected: ${g.oW}, Got: ${gradOutput._size[g.dimw]}`);
  argCheck(g.oH === gradOutput._size[g.dimh], 3, fn, `gradOutput height unexpected. Expected: ${g.oH}, Got: ${gradOutput._size[g.dimh]}`);
  checkTypes(fn, input, [gradOutput, 3], [gradInput, 4]);
  const go = contiguous(gradOutput);
  resizeContiguous(gradInput, input._size).zero();
  const gd = go._storage.data, gid = gradInput._storage.data, cols = padMaps(g, l, t, map);
  const inPlane = g.iH * g.iW, oW = g.oW;
  let o = go.offset;
  for (let k = 0; k < g.nb * g.planes; k++) {
    const base = gradInput.offset + k * inPlane;
    for (let i = 0; i < g.oH; i++) {
      const row = base + cols[oW + i];
      for (let j = 0; j < oW; j++) gid[row + cols[j]] += gd[o++];
    }
  }
}

function nearestCheck(fn: string, input: Tensor, gradOutput: Tensor | null, scale: number): void {
  argCheck(scale > 1, 4, fn, `scale_factor must be greater than 1, but got: ${scale}`);
  argCheck(input.dim() === 3 || input.dim() === 4, 2, fn, `3D or 4D input tensor expected but got: ${sizeDesc(input)}`);
  if (!gradOutput) return;
  const n = input.dim(), s = input._size;
  if (n === 4) checkDimSize(gradOutput, 'gradOutput', 4, 0, s[0]);
  checkDimSize(gradOutput, 'gradOutput', n, n - 3, s[n - 3]);
  checkDimSize(gradOutput, 'gradOutput', n, n - 2, s[n - 2] * scale);
  checkDimSize(gradOutput, 'gradOutput', n, n - 1, s[n - 1] * scale);
}

function bilinearCheck(fn: string, input: Tensor | null, gradOutput: Tensor | null, nb: number, ch: number, iH: number, iW: number, oH: number, oW: number): void {
  argCheck(iH > 0 && iW > 0 && oH > 0 && oW > 0, 2, fn,
    `input and output sizes should be greater than 0, but got input (H: ${iH}, W: ${iW}) output (H: ${oH}, W: ${oW})`);
  if (input) argCheck(input.dim() === 4, 2, fn, `4D input tensor expected but got: ${sizeDesc(input)}`);
  if (gradOutput) {
    checkDimSize(gradOutput, 'gradOutput', 4, 0, nb);
    checkDimSize(gradOutput, 'gradOutput', 4, 1, ch);
    checkDimSize(gradOutput, 'gradOutput', 4, 2, oH);
    checkDimSize(gradOutput, 'gradOutput', 4, 3, oW);
  }
}

/** Calls f(h1, h1p, h1lambda) for each output row (or column): the float arithmetic of THNN's interpolation. */
function lerpAxis(inSize: number, outSize: number, f: (o: number, i: number, step: number, lambda: number) => void): void {
  const r = outSize > 1 ? Math.fround((inSize - 1) / (outSize - 1)) : 0;
  for (let o = 0; o < outSize; o++) {
    const ir = Math.fround(r * o), i = Math.trunc(ir);
    f(o, i, i < inSize - 1 ? 1 : 0, ir - i);
  }
}

export const poolingResample = {
  SpatialReflectionPadding_updateOutput(input: Tensor, output: Tensor, padL: number, padR: number, padT: number, padB: number): void {
    padOutput('SpatialReflectionPadding_updateOutput', reflect, input, output, padL, padR, padT, padB);
  },
  SpatialReflectionPadding_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, padL: number, padR: number, padT: number, padB: number): void {
    padGradInput('SpatialReflectionPadding_updateGradInput', reflect, input, gradOutput, gradInput, padL, padR, padT, padB);
  },
  SpatialReplicationPadding_updateOutput(input: Tensor, output: Tensor, padL: number, padR: number, padT: number, padB: number): void {
    padOutput('SpatialReplicationPadding_updateOutput', replicate, input, output, padL, padR, padT, padB);
  },
  SpatialReplicationPadding_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, padL: number, padR: number, padT: number, padB: number): void {
    padGradInput('SpatialReplicationPadding_updateGradInput', replicate, input, gradOutput, gradInput, padL, padR, padT, padB);
  },

  /** Each input pixel becomes a scale x scale block (reads and writes through the strides, as THNN). */
  SpatialUpSamplingNearest_updateOutput(input: Tensor, output: Tensor, scale: number): void {
    nearestCheck('SpatialUpSamplingNearest_updateOutput', input, null, scale);
    checkTypes('SpatialUpSamplingNearest_updateOutput', input, [output, 3]);
    const n = input.dim(), s = input._size;
    const lead = n === 4 ? [s[0], s[1]] : [s[0]];
    resizeContiguous(output, [...lead, s[n - 2] * scale, s[n - 1] * scale]);
    const is = input._stride, os = output._stride, xd = input._storage.data, od = output._storage.data;
    const n0 = n === 4 ? s[0] : 1, n1 = s[n - 3], oH = s[n - 2] * scale, oW = s[n - 1] * scale;
    const is0 = n === 4 ? is[0] : 0, os0 = n === 4 ? os[0] : 0;
    const [isc, ish, isw] = is.slice(n - 3), [osc, osh, osw] = os.slice(n - 3);
    for (let a = 0; a < n0; a++) {
      for (let c = 0; c < n1; c++) {
        const ib = input.offset + a * is0 + c * isc, ob = output.offset + a * os0 + c * osc;
        for (let y = 0; y < oH; y++) {
          const ir = ib + Math.trunc(y / scale) * ish, orow = ob + y * osh;
          for (let x = 0; x < oW; x++) od[orow + x * osw] = xd[ir + Math.trunc(x / scale) * isw];
        }
      }
    }
  },
  SpatialUpSamplingNearest_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, scale: number): void {
    nearestCheck('SpatialUpSamplingNearest_updateGradInput', input, gradOutput, scale);
    checkTypes('SpatialUpSamplingNearest_updateGradInput', input, [gradOutput, 3], [gradInput, 4]);
    resizeContiguous(gradInput, input._size).zero();
    const n = input.dim(), s = input._size;
    const gs = gradInput._stride, os = gradOutput._stride, gid = gradInput._storage.data, gd = gradOutput._storage.data;
    const n0 = n === 4 ? s[0] : 1, n1 = s[n - 3], iH = s[n - 2], iW = s[n - 1];
    const gs0 = n === 4 ? gs[0] : 0, os0 = n === 4 ? os[0] : 0;
    const [gsc, gsh, gsw] = gs.slice(n - 3), [osc, osh, osw] = os.slice(n - 3);
    for (let a = 0; a < n0; a++) {
      for (let c = 0; c < n1; c++) {
        const gb = gradInput.offset + a * gs0 + c * gsc, ob = gradOutput.offset + a * os0 + c * osc;
        for (let y = 0; y < iH; y++) {
          for (let x = 0; x < iW; x++) {
            let sum = gid[gb + y * gsh + x * gsw];
            for (let dy = 0; dy < scale; dy++) {
              for (let dx = 0; dx < scale; dx++) sum += gd[ob + (y * scale + dy) * osh + (x * scale + dx) * osw];
            }
            gid[gb + y * gsh + x * gsw] = sum;
          }
        }
      }
    }
  },

  /** Bilinear interpolation with aligned corners, on a 4-D input. */
  SpatialUpSamplingBilinear_updateOutput(input: Tensor, output: Tensor, outputHeight: number, outputWidth: number): void {
    const [nb, ch, iH, iW] = input._size;
    bilinearCheck('SpatialUpSamplingBilinear_updateOutput', input, null, nb, ch, iH, iW, outputHeight, outputWidth);
    checkTypes('SpatialUpSamplingBilinear_updateOutput', input, [output, 3]);
    const x = contiguous(input);
    resizeContiguous(output, [nb, ch, outputHeight, outputWidth]);
    const xd = x._storage.data, od = output._storage.data, planes = nb * ch, inPlane = iH * iW, outPlane = outputHeight * outputWidth;
    if (iH === outputHeight && iW === outputWidth) {
      for (let i = 0; i < planes * inPlane; i++) od[output.offset + i] = xd[x.offset + i];
      return;
    }
    lerpAxis(iH, outputHeight, (h2, h1, h1p, h1l) => {
      const h0l = 1 - h1l;
      lerpAxis(iW, outputWidth, (w2, w1, w1p, w1l) => {
        const w0l = 1 - w1l;
        let p1 = x.offset + h1 * iW + w1, p2 = output.offset + h2 * outputWidth + w2;
        const dy = h1p * iW;
        for (let c = 0; c < planes; c++, p1 += inPlane, p2 += outPlane) {
          od[p2] = h0l * (w0l * xd[p1] + w1l * xd[p1 + w1p]) + h1l * (w0l * xd[p1 + dy] + w1l * xd[p1 + dy + w1p]);
        }
      });
    });
  },
  SpatialUpSamplingBilinear_updateGradInput(gradOutput: Tensor, gradInput: Tensor, nbatch: number, channels: number,
    inputHeight: number, inputWidth: number, outputHeight: number, outputWidth: number): void {
    bilinearCheck('SpatialUpSamplingBilinear_updateGradInput', null, gradOutput, nbatch, channels, inputHeight, inputWidth, outputHeight, outputWidth);
    checkTypes('SpatialUpSamplingBilinear_updateGradInput', gradOutput, [gradInput, 3]);
    resizeContiguous(gradInput, [nbatch, channels, inputHeight, inputWidth]).zero();
    const go = contiguous(gradOutput), gd = go._storage.data, gid = gradInput._storage.data;
    const planes = nbatch * channels, inPlane = inputHeight * inputWidth, outPlane = outputHeight * outputWidth;
    if (inputHeight === outputHeight && inputWidth === outputWidth) {
      for (let i = 0; i < planes * inPlane; i++) gid[gradInput.offset + i] += gd[go.offset + i];
      return;
    }
    lerpAxis(inputHeight, outputHeight, (h2, h1, h1p, h1l) => {
      const h0l = 1 - h1l;
      lerpAxis(inputWidth, outputWidth, (w2, w1, w1p, w1l) => {
        const w0l = 1 - w1l;
        let p1 = gradInput.offset + h1 * inputWidth + w1, p2 = go.offset + h2 * outputWidth + w2;
        const dy = h1p * inputWidth;
        for (let c = 0; c < planes; c++, p1 += inPlane, p2 += outPlane) {
          const g = gd[p2];
          gid[p1] += h0l * w0l * g;
          gid[p1 + w1p] += h0l * w1l * g;
          gid[p1 + dy] += h1l * w0l * g;
          gid[p1 + dy + w1p] += h1l * w1l * g;
        }
      });
    });
  },
};
