/**
 * Device THNN kernels: SpatialSubSampling, TemporalSubSampling and SpatialConvolutionMap
 * (cuda/kernels/subsample.ts). The CPU kernels' checks run first; arguments they refuse are DECLINEd,
 * so that the CPU kernel raises Torch's error. SpatialConvolutionMap's connTable is validated on the host
 * (its rows must name existing planes): the first call after module:cuda() reads the table back once
 * (8 bytes a row) and keeps that host copy (read() keeps the device copy too), so later calls move
 * nothing; the kernels read the table from its device buffer. A batch whose plane count differs from the module's
 * nInputPlane is DECLINEd: THNN then reads frames at a stride of nInputPlane planes, which the CPU
 * kernel reproduces.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import { mapCheck, type MGeo } from '../../nn/thnn/conv-map.js';
import { spatialCheck, temporalCheck, type SGeo } from '../../nn/thnn/subsampling.js';
import { layout5, readArgs, resizeResult, resultArgs, view5 } from '../kernels/conv-launch.js';
import { runChannelSum } from '../kernels/conv-run.js';
import { imageGroups } from '../kernels/conv-run.js';
import { onDevice } from '../kernels/conv-shape.js';
import { mapGrad, mapOutput, mapWeight, subGrad, subOutput, subWeight } from '../kernels/subsample.js';
import { registerTHNN } from './index.js';

/** The CPU kernel's checks; undefined where it raises. */
function attempt<T>(f: () => T): T | undefined {
  try { return f(); } catch { return undefined; }
}

const vec = (t: Tensor, prefix: string): Record<string, unknown> => {
  const v = view5(t, [[1]]);
  return { [prefix]: v.buf, [`${prefix}o`]: v.off, [`${prefix}s`]: v.s[1] };
};

/** A subsampling: its logical groups, the output sizes, and the window (kH = dH = 1 along time). */
interface Sub { groups: number[][]; sizes: number[]; nb: number; oH: number; oW: number; kH: number; kW: number; dH: number; dW: number }

function spatialSub(input: Tensor, g: SGeo, kW: number, kH: number, dW: number, dH: number): Sub {
  const dim = input.dim();
  return { groups: imageGroups(dim), sizes: dim === 4 ? [g.nb, g.planes, g.oH, g.oW] : [g.planes, g.oH, g.oW], nb: g.nb, oH: g.oH, oW: g.oW, kH, kW, dH, dW };
}

function temporalSub(s: { nOF: number; fs: number }, kW: number, dW: number): Sub {
  return { groups: [[4], [1]], sizes: [s.nOF, s.fs], nb: 1, oH: 1, oW: s.nOF, kH: 1, kW, dH: 1, dW };
}

const win = (s: Sub) => ({ kH: s.kH, kW: s.kW, dH: s.dH, dW: s.dW });

function subForward(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor, s: Sub): void {
  resizeResult(output, s.sizes);
  subOutput.into(output, { ...readArgs('x', view5(input, s.groups)), ...vec(weight, 'w'), ...vec(bias, 'bias'),
    ...win(s), ...resultArgs(layout5(output, s.groups)) });
}

function subBackward(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, s: Sub): void {
  resizeResult(gradInput, input._size);
  subGrad.into(gradInput, { ...readArgs('g', view5(gradOutput, s.groups)), ...vec(weight, 'w'), ...win(s), oH: s.oH, oW: s.oW,
    ...resultArgs(layout5(gradInput, s.groups)) });
}

function subAcc(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor, s: Sub, scale: number): void {
  const go = view5(gradOutput, s.groups);
  subWeight.into(gradWeight, { ...readArgs('g', go), ...readArgs('x', view5(input, s.groups)), ...vec(gradWeight, 'old'),
    nB: s.nb, oH: s.oH, oW: s.oW, ...win(s), scale });
  runChannelSum(gradBias, go, s.nb, [1, s.oH, s.oW], scale);
}

const fits = (t: Tensor, n: number): boolean => t.dim() === 1 && t.nElement() === n && t.isContiguous();

registerTHNN('SpatialSubSampling_updateOutput', (input, output, weight, bias, kW, kH, dW, dH) => {
  const g = onDevice(input, output, weight, bias) && bias?.isContiguous()
    ? attempt(() => spatialCheck('SpatialSubSampling_updateOutput', input, null, weight, kW, kH, dW, dH)) : undefined;
  if (!g || !fits(weight, g.planes) || !fits(bias, g.planes)) return DECLINE;
  subForward(input, output, weight, bias, spatialSub(input, g, kW, kH, dW, dH));
});
registerTHNN('SpatialSubSampling_updateGradInput', (input, gradOutput, gradInput, weight, kW, kH, dW, dH) => {
  const g = onDevice(input, gradOutput, gradInput, weight)
    ? attempt(() => spatialCheck('SpatialSubSampling_updateGradInput', input, gradOutput, weight, kW, kH, dW, dH)) : undefined;
  if (!g || !fits(weight, g.planes)) return DECLINE;
  subBackward(input, gradOutput, gradInput, weight, spatialSub(input, g, kW, kH, dW, dH));
});
registerTHNN('SpatialSubSampling_accGradParameters', (input, gradOutput, gradWeight, gradBias, kW, kH, dW, dH, scale) => {
  const g = onDevice(input, gradOutput, gradWeight, gradBias)
    ? attempt(() => spatialCheck('SpatialSubSampling_accGradParameters', input, gradOutput, gradWeight, kW, kH, dW, dH)) : undefined;
  if (!g || !fits(gradWeight, g.planes) || !fits(gradBias, g.planes)) return DECLINE;
  subAcc(input, gradOutput, gradWeight, gradBias, spatialSub(input, g, kW, kH, dW, dH), scale);
});

registerTHNN('TemporalSubSampling_updateOutput', (input, output, weight, bias, kW, dW, inputFrameSize) => {
  const t = onDevice(input, output, weight, bias) && bias?.isContiguous() && weight.isContiguous()
    ? attempt(() => temporalCheck('TemporalSubSampling_updateOutput', input, null, kW, dW, inputFrameSize)) : undefined;
  if (!t || !fits(weight, t.fs) || !fits(bias, t.fs)) return DECLINE;
  subForward(input, output, weight, bias, temporalSub(t, kW, dW));
});
registerTHNN('TemporalSubSampling_updateGradInput', (input, gradOutput, gradInput, weight, kW, dW) => {
  const t = onDevice(input, gradOutput, gradInput, weight) && weight.isContiguous()
    ? attempt(() => temporalCheck('TemporalSubSampling_updateGradInput', input, gradOutput, kW, dW, null)) : undefined;
  if (!t || !fits(weight, t.fs)) return DECLINE;
  subBackward(input, gradOutput, gradInput, weight, temporalSub(t, kW, dW));
});
registerTHNN('TemporalSubSampling_accGradParameters', (input, gradOutput, gradWeight, gradBias, kW, dW, scale) => {
  const t = onDevice(input, gradOutput, gradWeight, gradBias)
    ? attempt(() => temporalCheck('TemporalSubSampling_accGradParameters', input, gradOutput, kW, dW, null)) : undefined;
  if (!t || !fits(gradWeight, t.fs) || !fits(gradBias, t.fs)) return DECLINE;
  subAcc(input, gradOutput, gradWeight, gradBias, temporalSub(t, kW, dW), scale);
});

/** The connection table and kernels as kernel arguments. */
function mapArgs(connTable: Tensor, w: Tensor, g: MGeo, dW: number, dH: number): Record<string, unknown> {
  const c = view5(connTable, [[0], [1]]), wv = view5(w, [[0], [3], [4]]);
  return { conn: c.buf, co: c.off, cs0: c.s[0], cs1: c.s[1], nK: g.conn.length / 2,
    w: wv.buf, wo: wv.off, ws0: wv.s[0], ws3: wv.s[3], ws4: wv.s[4], kH: g.kH, kW: g.kW, dH, dW };
}

/** THNN's frame stride is nInputPlane planes: the device reads through strides, so only when they agree. */
const planesAgree = (input: Tensor, nInputPlane: number): boolean => input.dim() === 3 || input._size[1] === nInputPlane;

registerTHNN('SpatialConvolutionMap_updateOutput', (input, output, weight, bias, connTable, nInputPlane, nOutputPlane, dW, dH) => {
  const g = onDevice(input, output, weight, bias, connTable)
    ? attempt(() => mapCheck('SpatialConvolutionMap_updateOutput', 4, input, null, weight, connTable, nInputPlane, nOutputPlane, dW, dH)) : undefined;
  if (!g || !bias || bias.dim() !== 1 || bias.nElement() < nOutputPlane || !planesAgree(input, nInputPlane)) return DECLINE;
  const groups = imageGroups(input.dim());
  resizeResult(output, input.dim() === 4 ? [g.nb, nOutputPlane, g.oH, g.oW] : [nOutputPlane, g.oH, g.oW]);
  mapOutput.into(output, { ...readArgs('x', view5(input, groups)), ...mapArgs(connTable, weight, g, dW, dH), ...vec(bias, 'bias'),
    ...resultArgs(layout5(output, groups)) });
});
registerTHNN('SpatialConvolutionMap_updateGradInput', (input, gradOutput, gradInput, weight, _bias, connTable, nInputPlane, nOutputPlane, dW, dH) => {
  const g = onDevice(input, gradOutput, gradInput, weight, connTable)
    ? attempt(() => mapCheck('SpatialConvolutionMap_updateGradInput', 5, input, gradOutput, weight, connTable, nInputPlane, nOutputPlane, dW, dH)) : undefined;
  if (!g || !planesAgree(input, nInputPlane)) return DECLINE;
  const groups = imageGroups(input.dim());
  resizeResult(gradInput, input._size);
  mapGrad.into(gradInput, { ...readArgs('g', view5(gradOutput, groups)), ...mapArgs(connTable, weight, g, dW, dH), oH: g.oH, oW: g.oW,
    ...resultArgs(layout5(gradInput, groups)) });
});
registerTHNN('SpatialConvolutionMap_accGradParameters', (input, gradOutput, gradWeight, gradBias, connTable, nInputPlane, nOutputPlane, dW, dH, scale) => {
  const g = onDevice(input, gradOutput, gradWeight, gradBias, connTable)
    ? attempt(() => mapCheck('SpatialConvolutionMap_accGradParameters', 5, input, gradOutput, gradWeight, connTable, nInputPlane, nOutputPlane, dW, dH, 'gradWeight')) : undefined;
  if (!g || !planesAgree(input, nInputPlane) || !gradWeight.isContiguous() || !fits(gradBias, nOutputPlane)) return DECLINE;
  const groups = imageGroups(input.dim()), go = view5(gradOutput, groups);
  mapWeight.into(gradWeight, { ...readArgs('g', go), ...readArgs('x', view5(input, groups)), ...mapArgs(connTable, gradWeight, g, dW, dH),
    old: view5(gradWeight, [[0], [3], [4]]).buf, oldo: gradWeight.offset, nB: g.nb, oH: g.oH, oW: g.oW, scale });
  runChannelSum(gradBias, go, g.nb, [1, g.oH, g.oW], scale);
});
