/**
 * Device THNN kernels: SpatialConvolutionMM, SpatialDilatedConvolution, SpatialFull(Dilated)Convolution,
 * TemporalConvolution and VolumetricConvolutionMM. On GL, im2col into temporary columns + the device
 * GEMM (cuda/kernels/conv-gemm.ts); elsewhere, and for TemporalConvolution, direct kernels
 * (cuda/kernels/conv-direct.ts: one thread per output, gradInput or gradWeight element). Every tensor
 * is read through its strides; the modules' work buffers (finput, fgradInput, columns, ones) are left
 * untouched. Arguments the CPU kernel would refuse are DECLINEd, so that it raises Torch's error.
 */
import { convFamily } from '../kernels/conv-family.js';
import { floorOut, g2, geometry, truncOut } from '../kernels/conv-shape.js';
import { temporalAcc, temporalGradInput, temporalOutput } from '../kernels/conv-temporal.js';
import { registerTHNN } from './index.js';

const mm = convFamily(false, floorOut, { contiguousGrads: true });
const dilated = convFamily(false, floorOut, { flat: false, contiguousGrads: true });
const full = convFamily(false, floorOut, { full: true, flat: false, contiguousGrads: true });
const volumetric = convFamily(true, truncOut);
const g3 = (kT: number, kW: number, kH: number, dT: number, dW: number, dH: number, pT: number, pW: number, pH: number) =>
  geometry([kT, kH, kW], [dT, dH, dW], [pT, pH, pW], [1, 1, 1]);
const adj2 = (adjW: number, adjH: number): number[] => [0, adjH, adjW];

registerTHNN('SpatialConvolutionMM_updateOutput', (input, output, w, bias, _f, _fg, kW, kH, dW, dH, padW, padH) =>
  mm.output(input, output, w, bias, g2(kW, kH, dW, dH, padW, padH)));
registerTHNN('SpatialConvolutionMM_updateGradInput', (input, gradOutput, gradInput, w, _f, _fg, kW, kH, dW, dH, padW, padH) =>
  mm.gradInput(input, gradOutput, gradInput, w, g2(kW, kH, dW, dH, padW, padH)));
registerTHNN('SpatialConvolutionMM_accGradParameters', (input, gradOutput, gradWeight, gradBias, _f, _fg, kW, kH, dW, dH, padW, padH, scale) =>
  mm.acc(input, gradOutput, gradWeight, gradBias, g2(kW, kH, dW, dH, padW, padH), scale));

registerTHNN('SpatialDilatedConvolution_updateOutput', (input, output, w, bias, _c, _o, kW, kH, dW, dH, padW, padH, dilW, dilH) =>
  dilated.output(input, output, w, bias, g2(kW, kH, dW, dH, padW, padH, dilW, dilH)));
registerTHNN('SpatialDilatedConvolution_updateGradInput', (input, gradOutput, gradInput, w, _c, kW, kH, dW, dH, padW, padH, dilW, dilH) =>
  dilated.gradInput(input, gradOutput, gradInput, w, g2(kW, kH, dW, dH, padW, padH, dilW, dilH)));
registerTHNN('SpatialDilatedConvolution_accGradParameters', (input, gradOutput, gradWeight, gradBias, _c, _o, kW, kH, dW, dH, padW, padH, dilW, dilH, scale) =>
  dilated.acc(input, gradOutput, gradWeight, gradBias, g2(kW, kH, dW, dH, padW, padH, dilW, dilH), scale));

registerTHNN('SpatialFullConvolution_updateOutput', (input, output, w, bias, _c, _o, kW, kH, dW, dH, padW, padH, adjW, adjH) =>
  full.output(input, output, w, bias, g2(kW, kH, dW, dH, padW, padH), adj2(adjW, adjH)));
registerTHNN('SpatialFullConvolution_updateGradInput', (input, gradOutput, gradInput, w, _c, kW, kH, dW, dH, padW, padH, adjW, adjH) =>
  full.gradInput(input, gradOutput, gradInput, w, g2(kW, kH, dW, dH, padW, padH), adj2(adjW, adjH)));
registerTHNN('SpatialFullConvolution_accGradParameters', (input, gradOutput, gradWeight, gradBias, _c, _o, kW, kH, dW, dH, padW, padH, adjW, adjH, scale) =>
  full.acc(input, gradOutput, gradWeight, gradBias, g2(kW, kH, dW, dH, padW, padH), scale, adj2(adjW, adjH)));

registerTHNN('SpatialFullDilatedConvolution_updateOutput', (input, output, w, bias, _c, _o, kW, kH, dW, dH, padW, padH, dilW, dilH, adjW, adjH) =>
  full.output(input, output, w, bias, g2(kW, kH, dW, dH, padW, padH, dilW, dilH), adj2(adjW, adjH)));
registerTHNN('SpatialFullDilatedConvolution_updateGradInput', (input, gradOutput, gradInput, w, _c, kW, kH, dW, dH, padW, padH, dilW, dilH, adjW, adjH) =>
  full.gradInput(input, gradOutput, gradInput, w, g2(kW, kH, dW, dH, padW, padH, dilW, dilH), adj2(adjW, adjH)));
registerTHNN('SpatialFullDilatedConvolution_accGradParameters', (input, gradOutput, gradWeight, gradBias, _c, _o, kW, kH, dW, dH, padW, padH,
  dilW, dilH, adjW, adjH, scale) => full.acc(input, gradOutput, gradWeight, gradBias, g2(kW, kH, dW, dH, padW, padH, dilW, dilH), scale, adj2(adjW, adjH)));

registerTHNN('TemporalConvolution_updateOutput', temporalOutput);
registerTHNN('TemporalConvolution_updateGradInput', temporalGradInput);
registerTHNN('TemporalConvolution_accGradParameters', temporalAcc);

registerTHNN('VolumetricConvolutionMM_updateOutput', (input, output, w, bias, _f, kT, kW, kH, dT, dW, dH, pT, pW, pH) =>
  volumetric.output(input, output, w, bias, g3(kT, kW, kH, dT, dW, dH, pT, pW, pH)));
registerTHNN('VolumetricConvolutionMM_updateGradInput', (input, gradOutput, gradInput, w, _f, _fg, kT, kW, kH, dT, dW, dH, pT, pW, pH) =>
  volumetric.gradInput(input, gradOutput, gradInput, w, g3(kT, kW, kH, dT, dW, dH, pT, pW, pH)));
registerTHNN('VolumetricConvolutionMM_accGradParameters', (input, gradOutput, gradWeight, gradBias, _f, kT, kW, kH, dT, dW, dH, pT, pW, pH, scale) =>
  volumetric.acc(input, gradOutput, gradWeight, gradBias, g3(kT, kW, kH, dT, dW, dH, pT, pW, pH), scale));

