/** Jacobian-table entries of the 'decorators' family (Decorator, WeightNorm, LinearWeightNorm, DontCast, NaN, Profile, Convert, LayerNormalization). */
import { torch } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

/** No torch7-ref fixtures exist for this family. */
export const builders: ModuleBuilders = {};

const randn = (...s: number[]) => () => torch.randn(...s);

// WeightNorm and LinearWeightNorm use the weight buffer as scratch in accGradParameters (as torch/nn
// does), so gradInput is only right between a forward and the accGradParameters: the table's input
// Jacobian (which accumulates after each unit's updateGradInput without a new forward) does not apply,
// and nn's own tests check only their parameter Jacobians. Their accUpdateGradParameters is Torch's
// (not an SGD step on v and g), so the update check is off too. decorators.spec.ts checks gradInput.
export const jacobianCases: ModuleCase[] = [
  { name: 'nn.Decorator(nn.Linear(5,3)) batch', build: () => new nn.Decorator(new nn.Linear(5, 3)), input: randn(4, 5) },
  { name: 'nn.Decorator(nn.Linear(5,3)) vector', build: () => new nn.Decorator(new nn.Linear(5, 3)), input: randn(5) },
  { name: 'nn.Decorator(nn.Tanh)', build: () => new nn.Decorator(new nn.Tanh()), input: randn(3, 4) },
  {
    name: 'nn.WeightNorm(nn.Linear(5,3))', build: () => new nn.WeightNorm(new nn.Linear(5, 3)), input: randn(4, 5),
    noInputJacobian: true, noUpdateJacobian: true,
  },
  {
    name: 'nn.WeightNorm(nn.Linear(5,3) without bias)', build: () => new nn.WeightNorm(new nn.Linear(5, 3, false)), input: randn(5),
    noInputJacobian: true, noUpdateJacobian: true,
  },
  {
    name: 'nn.WeightNorm(nn.TemporalConvolution(5,4,2))', build: () => new nn.WeightNorm(new nn.TemporalConvolution(5, 4, 2)),
    input: randn(6, 5), noInputJacobian: true, noUpdateJacobian: true,
  },
  {
    name: 'nn.WeightNorm(nn.SpatialConvolution(2,3,3,3), 2)', build: () => new nn.WeightNorm(new nn.SpatialConvolution(2, 3, 3, 3), 2),
    input: randn(2, 2, 4, 4), noInputJacobian: true, noUpdateJacobian: true,
  },
  {
    name: 'nn.LinearWeightNorm(5,3) batch', build: () => new nn.LinearWeightNorm(5, 3), input: randn(4, 5),
    noInputJacobian: true, noUpdateJacobian: true,
  },
  {
    name: 'nn.LinearWeightNorm(5,3,false) vector', build: () => new nn.LinearWeightNorm(5, 3, false), input: randn(5),
    noInputJacobian: true, noUpdateJacobian: true,
  },
  { name: 'nn.DontCast(nn.Linear(5,3), true)', build: () => new nn.DontCast(new nn.Linear(5, 3), true), input: randn(4, 5) },
  { name: 'nn.NaN(nn.Linear(5,3))', build: () => new nn.NaN(new nn.Linear(5, 3), 'table'), input: randn(4, 5) },
  { name: 'nn.Profile(nn.Linear(5,3), 1e9)', build: () => new nn.Profile(new nn.Linear(5, 3), 1e9), input: randn(4, 5) },
  { name: "nn.Convert('bchw','bf')", build: () => new nn.Convert('bchw', 'bf'), input: randn(2, 3, 2, 2) },
  { name: "nn.Convert('chw','hwc') one sample", build: () => new nn.Convert('chw', 'hwc'), input: randn(3, 2, 4) },
  { name: "nn.Convert('bhwc','bchw')", build: () => new nn.Convert('bhwc', 'bchw'), input: randn(2, 3, 4, 2) },
  { name: "nn.Convert('fb','bf')", build: () => new nn.Convert('fb', 'bf'), input: randn(4, 3) },
  { name: "nn.Convert('hwb','bf')", build: () => new nn.Convert('hwb', 'bf'), input: randn(2, 3, 4) },
  { name: 'nn.Convert()', build: () => new nn.Convert(), input: randn(3, 4) },
  { name: 'nn.LayerNormalization(5) batch', build: () => new nn.LayerNormalization(5), input: randn(3, 5) },
  { name: 'nn.LayerNormalization(5) vector', build: () => new nn.LayerNormalization(5), input: randn(5) },
  { name: 'nn.LayerNormalization(5,0.5,1e-5,false)', build: () => new nn.LayerNormalization(5, 0.5, 1e-5, false), input: randn(3, 5) },
];
