/**
 * Device THNN kernels: max pooling (Spatial[Dilated], Temporal, Volumetric; `indices` must then be a
 * CudaTensor, holding the CPU kernel's index values as floats), SpatialAveragePooling, SpatialAdaptive
 * Max/AveragePooling, SpatialReflection/ReplicationPadding and SpatialUpSamplingNearest/Bilinear.
 * Arguments the CPU kernel would refuse are DECLINEd, so that it raises Torch's error.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import { layout5, readArgs, resizeResult, resultArgs, view5 } from '../kernels/conv-launch.js';
import { onDevice } from '../kernels/conv-shape.js';
import { adaptiveAvgGrad, adaptiveAvgOutput, avgGrad, avgOutput } from '../kernels/pool-avg.js';
import { adaptiveMaxIndices, adaptiveMaxGradInput } from '../kernels/pool-adaptive.js';
import { framePool, imagePool, nearestShape, padShape, planes, ratio, runMaxGrad, runMaxOutput } from '../kernels/pool-shape.js';
import { bilinearGrad, bilinearOutput, nearestGrad, nearestOutput, padKernel } from '../kernels/pool-resample.js';
import { registerTHNN } from './index.js';

type R = void | typeof DECLINE;
const spatial = (input: Tensor, kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, dilW: number, dilH: number, ceil: boolean) =>
  imagePool(input, [1, kH, kW], [1, dH, dW], [0, padH, padW], [1, dilH, dilW], ceil);

function spatialMax(input: Tensor, output: Tensor, indices: Tensor, kW: number, kH: number, dW: number, dH: number,
  padW: number, padH: number, dilW: number, dilH: number, ceil: boolean): R {
  const s = onDevice(input, output, indices) ? spatial(input, kW, kH, dW, dH, padW, padH, dilW, dilH, ceil) : undefined;
  if (!s) return DECLINE;
  runMaxOutput(input, output, indices, 'plane', s);
}

function spatialMaxGrad(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, kW: number, kH: number, dW: number, dH: number,
  padW: number, padH: number, dilW: number, dilH: number, ceil: boolean): R {
  const s = onDevice(input, gradOutput, gradInput, indices) ? spatial(input, kW, kH, dW, dH, padW, padH, dilW, dilH, ceil) : undefined;
  if (!s || !runMaxGrad(input, gradOutput, gradInput, indices, 'plane', s)) return DECLINE;
}

registerTHNN('SpatialMaxPooling_updateOutput', (input, output, indices, kW, kH, dW, dH, padW, padH, ceil) =>
  spatialMax(input, output, indices, kW, kH, dW, dH, padW, padH, 1, 1, ceil));
registerTHNN('SpatialMaxPooling_updateGradInput', (input, gradOutput, gradInput, indices, kW, kH, dW, dH, padW, padH, ceil) =>
  spatialMaxGrad(input, gradOutput, gradInput, indices, kW, kH, dW, dH, padW, padH, 1, 1, ceil));
registerTHNN('SpatialDilatedMaxPooling_updateOutput', spatialMax);
registerTHNN('SpatialDilatedMaxPooling_updateGradInput', spatialMaxGrad);

registerTHNN('TemporalMaxPooling_updateOutput', (input, output, indices, kW, dW) => {
  const s = onDevice(input, output, indices) ? framePool(input, kW, dW) : undefined;
  if (!s) return DECLINE;
  runMaxOutput(input, output, indices, 'window', s);
});
registerTHNN('TemporalMaxPooling_updateGradInput', (input, gradOutput, gradInput, indices, kW, dW) => {
  const s = onDevice(input, gradOutput, gradInput, indices) ? framePool(input, kW, dW) : undefined;
  if (!s || !runMaxGrad(input, gradOutput, gradInput, indices, 'window', s)) return DECLINE;
});

const volumetric = (input: Tensor, kT: number, kW: number, kH: number, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number, ceil: boolean) =>
  imagePool(input, [kT, kH, kW], [dT, dH, dW], [pT, pH, pW], [1, 1, 1], ceil, true);
registerTHNN('VolumetricMaxPooling_updateOutput', (input, output, indices, kT, kW, kH, dT, dW, dH, pT, pW, pH, ceil) => {
  const s = onDevice(input, output, indices) ? volumetric(input, kT, kW, kH, dT, dW, dH, pT, pW, pH, ceil) : undefined;
  if (!s) return DECLINE;
  runMaxOutput(input, output, indices, 'packed', s);
});
registerTHNN('VolumetricMaxPooling_updateGradInput', (input, gradOutput, gradInput, indices, kT, kW, kH, dT, dW, dH, pT, pW, pH, ceil) => {
  const s = onDevice(input, gradOutput, gradInput, indices) ? volumetric(input, kT, kW, kH, dT, dW, dH, pT, pW, pH, ceil) : undefined;
  if (!s || !runMaxGrad(input, gradOutput, gradInput, indices, 'packed', s)) return DECLINE;
});

registerTHNN('SpatialAveragePooling_updateOutput', (input, output, kW, kH, dW, dH, padW, padH, ceil, countPad) => {
  const s = onDevice(input, output) ? spatial(input, kW, kH, dW, dH, padW, padH, 1, 1, ceil) : undefined;
  if (!s) return DECLINE;
  resizeResult(output, s.sizes);
  avgOutput.into(output, { ...readArgs('x', view5(input, s.groups)), iH: s.inS[1], iW: s.inS[2], kH, kW, dH, dW, pH: padH, pW: padW,
    countPad: countPad ? 1 : 0, ...resultArgs(layout5(output, s.groups)) });
});
registerTHNN('SpatialAveragePooling_updateGradInput', (input, gradOutput, gradInput, kW, kH, dW, dH, padW, padH, ceil, countPad) => {
  const s = onDevice(input, gradOutput, gradInput) ? spatial(input, kW, kH, dW, dH, padW, padH, 1, 1, ceil) : undefined;
  if (!s || !gradOutput.isSize(s.sizes)) return DECLINE;
  resizeResult(gradInput, input._size);
  avgGrad.into(gradInput, { ...readArgs('g', view5(gradOutput, s.groups)), iH: s.inS[1], iW: s.inS[2], kH, kW, dH, dW, pH: padH, pW: padW,
    countPad: countPad ? 1 : 0, oH: s.outS[1], oW: s.outS[2], ...resultArgs(layout5(gradInput, s.groups)) });
});

registerTHNN('SpatialAdaptiveAveragePooling_updateOutput', (input, output, owidth, oheight) => {
  const p = onDevice(input, output) ? planes(input, oheight, owidth) : undefined;
  if (!p) return DECLINE;
  resizeResult(output, p.sizes);
  adaptiveAvgOutput.into(output, { ...readArgs('x', view5(input, p.groups)), iH: p.iH, iW: p.iW, oH: oheight, oW: owidth, ...resultArgs(layout5(output, p.groups)) });
});
registerTHNN('SpatialAdaptiveAveragePooling_updateGradInput', (input, gradOutput, gradInput) => {
  const d = gradOutput.dim();
  const p = onDevice(input, gradOutput, gradInput) && d === input.dim() ? planes(input, gradOutput._size[d - 2], gradOutput._size[d - 1]) : undefined;
  if (!p || !gradOutput.isSize(p.sizes)) return DECLINE;
  resizeResult(gradInput, input._size);
  adaptiveAvgGrad.into(gradInput, { ...readArgs('g', view5(gradOutput, p.groups)), iH: p.iH, iW: p.iW, oH: p.sizes[d - 2], oW: p.sizes[d - 1],
    ...resultArgs(layout5(gradInput, p.groups)) });
});

registerTHNN('SpatialAdaptiveMaxPooling_updateOutput', (input, output, indices, owidth, oheight) => {
  const p = onDevice(input, output, indices) ? planes(input, oheight, owidth) : undefined;
  if (!p) return DECLINE;
  adaptiveMaxIndices(input, output, indices, p.groups, p.sizes);
});
registerTHNN('SpatialAdaptiveMaxPooling_updateGradInput', (input, gradOutput, gradInput, indices) => {
  const d = gradOutput.dim();
  const p = onDevice(input, gradOutput, gradInput, indices) && d === input.dim() ? planes(input, gradOutput._size[d - 2], gradOutput._size[d - 1]) : undefined;
  if (!p || !gradOutput.isSize(p.sizes) || !indices.isSize([2, ...p.sizes])) return DECLINE;
  adaptiveMaxGradInput(input, gradOutput, gradInput, indices, p.groups);
});

for (const [name, mode] of [['SpatialReflectionPadding', 'reflect'], ['SpatialReplicationPadding', 'replicate']] as const) {
  registerTHNN(`${name}_updateOutput`, (input: Tensor, output: Tensor, l: number, r: number, t: number, b: number) => {
    const p = onDevice(input, output) ? padShape(mode, input, l, r, t, b) : undefined;
    if (!p) return DECLINE;
    resizeResult(output, p.sizes);
    padKernel(mode, 'output').into(output, { ...readArgs('x', view5(input, p.groups)), ...p.args, ...resultArgs(layout5(output, p.groups)) });
  });
  registerTHNN(`${name}_updateGradInput`, (input: Tensor, gradOutput: Tensor, gradInput: Tensor, l: number, r: number, t: number, b: number) => {
    const p = onDevice(input, gradOutput, gradInput) ? padShape(mode, input, l, r, t, b) : undefined;
    if (!p || !gradOutput.isSize(p.sizes)) return DECLINE;
    resizeResult(gradInput, input._size);
    padKernel(mode, 'grad').into(gradInput, { ...readArgs('g', view5(gradOutput, p.groups)), ...p.args, ...resultArgs(layout5(gradInput, p.groups)) });
  });
}

registerTHNN('SpatialUpSamplingNearest_updateOutput', (input, output, scale) => {
  const p = onDevice(input, output) ? nearestShape(input, scale) : undefined;
  if (!p) return DECLINE;
  resizeResult(output, p.sizes);
  nearestOutput.into(output, { ...readArgs('x', view5(input, p.groups)), scale, ...resultArgs(layout5(output, p.groups)) });
});
registerTHNN('SpatialUpSamplingNearest_updateGradInput', (input, gradOutput, gradInput, scale) => {
  const p = onDevice(input, gradOutput, gradInput) ? nearestShape(input, scale) : undefined;
  if (!p || !gradOutput.isSize(p.sizes)) return DECLINE;
  resizeResult(gradInput, input._size);
  nearestGrad.into(gradInput, { ...readArgs('g', view5(gradOutput, p.groups)), scale, ...resultArgs(layout5(gradInput, p.groups)) });
});

const G4 = [[0], [1], [3], [4]];

registerTHNN('SpatialUpSamplingBilinear_updateOutput', (input, output, oH, oW) => {
  if (!onDevice(input, output) || input.dim() !== 4 || !planes(input, oH, oW) || input._size[2] < 1 || input._size[3] < 1) return DECLINE;
  const [nb, ch, iH, iW] = input._size;
  resizeResult(output, [nb, ch, oH, oW]);
  if (iH === oH && iW === oW) { output.copy(input); return; }
  bilinearOutput.into(output, { ...readArgs('x', view5(input, G4)), iH, iW, oH, oW, rh: ratio(iH, oH), rw: ratio(iW, oW), ...resultArgs(layout5(output, G4)) });
});
registerTHNN('SpatialUpSamplingBilinear_updateGradInput', (gradOutput, gradInput, nb, ch, iH, iW, oH, oW) => {
  if (!onDevice(gradOutput, gradInput) || ![nb, ch, iH, iW, oH, oW].every((n) => Number.isInteger(n) && n > 0) || !gradOutput.isSize([nb, ch, oH, oW])) return DECLINE;
  resizeResult(gradInput, [nb, ch, iH, iW]);
  if (iH === oH && iW === oW) { gradInput.copy(gradOutput); return; }
  bilinearGrad.into(gradInput, { ...readArgs('g', view5(gradOutput, G4)), iH, iW, oH, oW, rh: ratio(iH, oH), rw: ratio(iW, oW), ...resultArgs(layout5(gradInput, G4)) });
});
