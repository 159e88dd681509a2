/**
 * CPU THNN kernels of the 'volumetric3' family: VolumetricReplicationPadding_updateOutput /
 * _updateGradInput (generic/VolumetricReplicationPadding.c). Negative pads crop.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { argCheck, checkTypes, contiguous, resizeContiguous, sizeDesc } from './conv-util.js';

type Pads = [number, number, number, number, number, number];

interface Geo { nb: number; planes: number; iD: number; iH: number; iW: number; oD: number; oH: number; oW: number; f: number }

/** THNN's shapeCheck (its `||` on the output sizes included) and the sizes. */
function geometry(fn: string, input: Tensor, [l, r, t, b, fr, bk]: Pads): Geo {
  argCheck(input.dim() === 4 || input.dim() === 5, 2, fn, `4D or 5D (batch mode) tensor expected for input, but got: ${sizeDesc(input)}`);
  const f = input.dim() === 5 ? 1 : 0, s = input._size;
  const iD = s[f + 1], iH = s[f + 2], iW = s[f + 3];
  const oD = iD + fr + bk, oH = iH + t + b, oW = iW + l + r;
  argCheck(oW >= 1 || oH >= 1 || oD >= 1, 2, fn,
    `input (D: ${iD} H: ${iH}, W: ${iW})is too small. Calculated output D: ${oD} H: ${oH} W: ${oW}`);
  return { nb: f ? s[0] : 1, planes: s[f], iD, iH, iW, oD, oH, oW, f };
}

/** The input index (0-based, within size) that output index j (0-based) copies, for pad p before. */
function source(j: number, p: number, size: number): number {
  const ip = j < p ? p : j < size + p ? j : size + p - 1;
  return ip - Math.max(0, p) + Math.max(0, -p);
}

/** For each output voxel of one plane, in order, the offset within the input plane it maps to. */
function voxelMap(g: Geo, [l, , t, , fr]: Pads): Int32Array {
  const map = new Int32Array(g.oD * g.oH * g.oW);
  let o = 0;
  for (let z = 0; z < g.oD; z++) {
    const zo = source(z, fr, g.iD) * g.iH * g.iW;
    for (let i = 0; i < g.oH; i++) {
      const yo = zo + source(i, t, g.iH) * g.iW;
      for (let j = 0; j < g.oW; j++) map[o++] = yo + source(j, l, g.iW);
    }
  }
  return map;
}

export const volumetric3 = {
  VolumetricReplicationPadding_updateOutput(input: Tensor, output: Tensor, pleft: number, pright: number, ptop: number,
    pbottom: number, pfront: number, pback: number): void {
    const fn = 'VolumetricReplicationPadding_updateOutput', pads: Pads = [pleft, pright, ptop, pbottom, pfront, pback];
    const g = geometry(fn, input, pads);
    checkTypes(fn, input, [output, 3]);
    const x = contiguous(input);
    resizeContiguous(output, g.f ? [g.nb, g.planes, g.oD, g.oH, g.oW] : [g.planes, g.oD, g.oH, g.oW]);
    const map = voxelMap(g, pads), xd = x._storage.data, od = output._storage.data;
    const inPlane = g.iD * g.iH * g.iW;
    let o = output.offset;
    for (let k = 0; k < g.nb * g.planes; k++) {
      const base = x.offset + k * inPlane;
      for (let v = 0; v < map.length; v++) od[o++] = xd[base + map[v]];
    }
  },

  VolumetricReplicationPadding_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, pleft: number, pright: number,
    ptop: number, pbottom: number, pfront: number, pback: number): void {
    const fn = 'VolumetricReplicationPadding_updateGradInput', pads: Pads = [pleft, pright, ptop, pbottom, pfront, pback];
    const g = geometry(fn, input, pads);
    checkTypes(fn, input, [gradOutput, 3], [gradInput, 4]);
    argCheck(gradOutput.nElement() === g.nb * g.planes * g.oD * g.oH * g.oW, 3, fn,
      `gradOutput size unexpected. Expected: ${g.nb * g.planes * g.oD * g.oH * g.oW} elements, Got: ${sizeDesc(gradOutput)}`);
    const go = contiguous(gradOutput);
    resizeContiguous(gradInput, input._size).zero();
    const map = voxelMap(g, pads), gd = go._storage.data, gid = gradInput._storage.data;
    const inPlane = g.iD * g.iH * g.iW;
    let o = go.offset;
    for (let k = 0; k < g.nb * g.planes; k++) {
      const base = gradInput.offset + k * inPlane;
      for (let v = 0; v < map.length; v++) gid[base + map[v]] += gd[o++];
    }
  },
};
