/** Fixture builders (torch7-ref/modules cases) and Jacobian-table entries of the 'conv' family. */
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

/**
 * The *_eval cases: the generator ran one training forward on another batch (drawn right after the
 * module, from the same seeded stream) to move the running statistics, then switched to evaluate().
 * Found by matching the fixture's input and running_mean: BatchNormalization trained on randn(16,4)*2-1,
 * SpatialBatchNormalization on randn(4,3,4,4)*1.5+1 (the inputs then follow as randn*3+1 / randn*2+0.5).
 */
function trainedOnce(m: Module, batch: () => Tensor): Module {
  m.forward(batch());
  return m;
}

export const builders: ModuleBuilders = {
  SpatialConvolution: () => new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1),
  SpatialConvolution_stride: () => new nn.SpatialConvolution(3, 4, 3, 2, 2, 1, 0, 1),
  SpatialConvolution_3d: () => new nn.SpatialConvolution(1, 2, 3, 3),
  SpatialConvolution_float: () => new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1).float(),
  SpatialConvolutionMM: () => new nn.SpatialConvolutionMM(2, 3, 3, 3, 1, 1, 1, 1),
  SpatialConvolutionMM_stride: () => new nn.SpatialConvolutionMM(3, 2, 5, 5, 2, 2, 2, 2),
  SpatialConvolutionMM_float: () => new nn.SpatialConvolutionMM(2, 3, 3, 3).float(),
  SpatialMaxPooling: () => new nn.SpatialMaxPooling(2, 2, 2, 2),
  SpatialMaxPooling_ceil_pad: () => new nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1).ceil(),
  SpatialMaxPooling_overlap_3d: () => new nn.SpatialMaxPooling(3, 3, 1, 1),
  SpatialAveragePooling: () => new nn.SpatialAveragePooling(2, 2, 2, 2),
  SpatialAveragePooling_pad: () => new nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1),
  SpatialAveragePooling_pad_exclude_ceil: () => new nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1).ceil().setCountExcludePad(),
  BatchNormalization: () => new nn.BatchNormalization(4),
  BatchNormalization_noaffine: () => new nn.BatchNormalization(4, 1e-5, 0.1, false),
  BatchNormalization_float: () => new nn.BatchNormalization(4).float(),
  BatchNormalization_eval: () => trainedOnce(new nn.BatchNormalization(4), () => torch.randn(16, 4).mul(2).add(-1)),
  SpatialBatchNormalization: () => new nn.SpatialBatchNormalization(3),
  SpatialBatchNormalization_eval: () => trainedOnce(new nn.SpatialBatchNormalization(3), () => torch.randn(4, 3, 4, 4).mul(1.5).add(1)),
};

/** A seeded double input of the given sizes, uniform in [-2, 2] as nn's Jacobian tests fill it. */
const input = (...sizes: number[]) => (): Tensor => torch.rand(...sizes).mul(4).add(-2);

export const jacobianCases: ModuleCase[] = [
  { name: 'nn.TemporalConvolution(4,3,3,2)', build: () => new nn.TemporalConvolution(4, 3, 3, 2), input: input(9, 4) },
  { name: 'nn.TemporalConvolution(4,3,2) batch', build: () => new nn.TemporalConvolution(4, 3, 2), input: input(2, 5, 4) },
  { name: 'nn.TemporalMaxPooling(2,1)', build: () => new nn.TemporalMaxPooling(2, 1), input: input(2, 6, 3) },
  { name: 'nn.SpatialConvolution(2,3,3,3,2,1,1,1)', build: () => new nn.SpatialConvolution(2, 3, 3, 3, 2, 1, 1, 1), input: input(2, 2, 6, 5) },
  { name: 'nn.SpatialConvolution(2,3,2,2) 3-D', build: () => new nn.SpatialConvolution(2, 3, 2, 2), input: input(2, 4, 4) },
  { name: 'nn.SpatialConvolutionMM(2,2,3,3,1,1,1)', build: () => new nn.SpatialConvolutionMM(2, 2, 3, 3, 1, 1, 1), input: input(2, 2, 5, 5) },
  { name: 'nn.SpatialFullConvolution(2,3,3,3,2,2,1,1,1,1)', build: () => new nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1, 1, 1), input: input(2, 2, 3, 4) },
  { name: 'nn.SpatialDilatedConvolution(2,2,3,3,1,1,2,2,2,2)', build: () => new nn.SpatialDilatedConvolution(2, 2, 3, 3, 1, 1, 2, 2, 2, 2), input: input(2, 2, 5, 5) },
  { name: 'nn.VolumetricConvolution(2,2,2,3,2,1,1,1,1,0,1)', build: () => new nn.VolumetricConvolution(2, 2, 2, 3, 2, 1, 1, 1, 1, 0, 1), input: input(2, 2, 3, 4, 4) },
  { name: 'nn.SpatialSubSampling(3,2,2,2,2) batch', build: () => new nn.SpatialSubSampling(3, 2, 2, 2, 2), input: input(2, 3, 6, 6) },
  { name: 'nn.SpatialSubSampling(2,3,2,2,1) 3-D, odd sizes', build: () => new nn.SpatialSubSampling(2, 3, 2, 2, 1), input: input(2, 7, 6) },
  { name: 'nn.SpatialSubSampling(2,2,3,1,2) batch, overlapping', build: () => new nn.SpatialSubSampling(2, 2, 3, 1, 2), input: input(3, 2, 6, 5) },
  { name: 'nn.SpatialConvolutionMap(nn.tables.random(3,4,2),3,3) batch', build: () => new nn.SpatialConvolutionMap(nn.tables.random(3, 4, 2), 3, 3), input: input(2, 3, 6, 5) },
  { name: 'nn.SpatialConvolutionMap(nn.tables.full(2,3),3,2,2,1) 3-D, leftover column', build: () => new nn.SpatialConvolutionMap(nn.tables.full(2, 3), 3, 2, 2, 1), input: input(2, 5, 6) },
  { name: 'nn.SpatialConvolutionMap(nn.tables.oneToOne(3),2,2,2,2) batch', build: () => new nn.SpatialConvolutionMap(nn.tables.oneToOne(3), 2, 2, 2, 2), input: input(2, 3, 5, 4) },
  { name: 'nn.TemporalSubSampling(4,3,2)', build: () => new nn.TemporalSubSampling(4, 3, 2), input: input(9, 4) },
  { name: 'nn.TemporalSubSampling(3,2) odd length', build: () => new nn.TemporalSubSampling(3, 2), input: input(6, 3) },
  { name: 'nn.SpatialMaxPooling(3,3,2,2,1,1):ceil()', build: () => new nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1).ceil(), input: input(2, 2, 6, 6) },
  { name: 'nn.SpatialAveragePooling(3,3,2,2,1,1):ceil():setCountExcludePad()', build: () => new nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1).ceil().setCountExcludePad(), input: input(2, 2, 6, 6) },
  { name: 'nn.SpatialAdaptiveMaxPooling(3,2)', build: () => new nn.SpatialAdaptiveMaxPooling(3, 2), input: input(2, 2, 5, 7) },
  { name: 'nn.SpatialAdaptiveAveragePooling(3,2)', build: () => new nn.SpatialAdaptiveAveragePooling(3, 2), input: input(2, 2, 5, 7) },
  { name: 'nn.SpatialLPPooling(2,2,3,2,2,1) batch', build: () => new nn.SpatialLPPooling(2, 2, 3, 2, 2, 1), input: input(2, 2, 5, 7) },
  { name: 'nn.SpatialLPPooling(1,4,2,2) 3-D', build: () => new nn.SpatialLPPooling(1, 4, 2, 2), input: input(1, 4, 6) },
  { name: 'nn.SpatialZeroPadding(1,-1,2,0)', build: () => new nn.SpatialZeroPadding(1, -1, 2, 0), input: input(2, 2, 4, 4) },
  { name: 'nn.SpatialReflectionPadding(2,1,1,2)', build: () => new nn.SpatialReflectionPadding(2, 1, 1, 2), input: input(2, 2, 4, 4) },
  { name: 'nn.SpatialReplicationPadding(2,1,1,2)', build: () => new nn.SpatialReplicationPadding(2, 1, 1, 2), input: input(2, 2, 4, 4) },
  { name: 'nn.SpatialUpSamplingNearest(2)', build: () => new nn.SpatialUpSamplingNearest(2), input: input(2, 2, 3, 3) },
  { name: 'nn.SpatialUpSamplingBilinear(2)', build: () => new nn.SpatialUpSamplingBilinear(2), input: input(2, 2, 3, 3) },
  { name: 'nn.SpatialCrossMapLRN(3,0.5,0.75,2)', build: () => new nn.SpatialCrossMapLRN(3, 0.5, 0.75, 2), input: input(2, 4, 3, 3) },
  { name: 'nn.SpatialSoftMax()', build: () => new nn.SpatialSoftMax(), input: input(2, 3, 2, 2) },
  { name: 'nn.SpatialLogSoftMax()', build: () => new nn.SpatialLogSoftMax(), input: input(2, 3, 2, 2) },
  { name: 'nn.VolumetricMaxPooling(2,2,2,1,1,1)', build: () => new nn.VolumetricMaxPooling(2, 2, 2, 1, 1, 1), input: input(2, 2, 3, 3, 3) },
  { name: 'nn.BatchNormalization(3)', build: () => new nn.BatchNormalization(3), input: input(5, 3) },
  { name: 'nn.SpatialBatchNormalization(2)', build: () => new nn.SpatialBatchNormalization(2), input: input(3, 2, 2, 2) },
  { name: 'nn.SpatialSubtractiveNormalization(2, 3x3 kernel) batch', build: () => new nn.SpatialSubtractiveNormalization(2, new torch.Tensor([[1, 2, 1], [2, 4, 2], [1, 2, 1]])), input: input(2, 2, 5, 4) },
  { name: 'nn.SpatialSubtractiveNormalization(3, 1-D kernel) 3-D', build: () => new nn.SpatialSubtractiveNormalization(3, new torch.Tensor([1, 2, 1])), input: input(3, 4, 5) },
  { name: 'nn.SpatialDivisiveNormalization(2, 3x5 kernel) batch', build: () => new nn.SpatialDivisiveNormalization(2, torch.ones(3, 5)), input: input(2, 2, 5, 6) },
  { name: 'nn.SpatialDivisiveNormalization(2, 1-D kernel) 3-D', build: () => new nn.SpatialDivisiveNormalization(2, new torch.Tensor([1, 2, 3, 2, 1])), input: input(2, 5, 5) },
  { name: 'nn.SpatialContrastiveNormalization(2, 3x3 kernel) batch', build: () => new nn.SpatialContrastiveNormalization(2, torch.ones(3, 3)), input: input(2, 2, 4, 5) },
  { name: 'nn.SpatialContrastiveNormalization(1, 1-D kernel) 3-D', build: () => new nn.SpatialContrastiveNormalization(1, torch.ones(5)), input: input(1, 6, 5) },
];

/**
 * The largest difference between the analytic Jacobian (backward with one-hot gradOutputs) and central
 * differences (perturbation 1e-6, as nn.Jacobian), w.r.t. the input and, with `params`, every parameter.
 * Used by this family's specs; the generic table runs the same check on `jacobianCases`.
 */
export function jacobianError(m: Module, x: Tensor, params = true, h = 1e-6): number {
  const out0 = (m.forward(x) as Tensor).clone();
  const nOut = out0.nElement();
  const targets: Tensor[] = [x];
  const grads: (() => Tensor)[] = [() => m.gradInput as Tensor];
  const p = params ? m.parameters() : undefined;
  if (p) p[0].forEach((w, i) => { targets.push(w); grads.push(() => p[1][i]); });
  let worst = 0;
  targets.forEach((t, ti) => {
    const n = t.nElement(), flatT = t.view(n);
    const analytic = new Float64Array(n * nOut);
    const go = out0.clone().zero(), flatGo = go.view(nOut);
    for (let j = 0; j < nOut; j++) {
      flatGo.zero();
      flatGo.storage().data[flatGo.storageOffset() - 1 + j] = 1;
      m.zeroGradParameters();
      m.forward(x);
      m.backward(x, go);
      const g = grads[ti]().contiguous().view(n);
      for (let i = 0; i < n; i++) analytic[i * nOut + j] = g.storage().data[g.storageOffset() - 1 + i];
    }
    const d = flatT.storage().data, off = flatT.storageOffset() - 1;
    for (let i = 0; i < n; i++) {
      const v = d[off + i];
      d[off + i] = v + h;
      const plus = (m.forward(x) as Tensor).clone().view(nOut);
      d[off + i] = v - h;
      const minus = (m.forward(x) as Tensor).clone().view(nOut);
      d[off + i] = v;
      for (let j = 0; j < nOut; j++) {
        const num = (plus.storage().data[j] - minus.storage().data[j]) / (2 * h);
        worst = Math.max(worst, Math.abs(num - analytic[i * nOut + j]));
      }
    }
  });
  return worst;
}
