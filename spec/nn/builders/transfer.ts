/** Fixture builders (torch7-ref/modules cases) and Jacobian-table entries of the 'transfer' family. */
import { torch } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {
  Tanh: () => new nn.Tanh(),
  Tanh_float: () => new nn.Tanh().float(),
  Sigmoid: () => new nn.Sigmoid(),
  Sigmoid_float: () => new nn.Sigmoid().float(),
  ReLU: () => new nn.ReLU(),
  Threshold: () => new nn.Threshold(0.1, -2),
  HardTanh: () => new nn.HardTanh(-0.5, 0.75),
  HardTanh_default: () => new nn.HardTanh(),
  LeakyReLU: () => new nn.LeakyReLU(),
  LeakyReLU_02: () => new nn.LeakyReLU(0.2),
  ELU: () => new nn.ELU(),
  ELU_alpha05: () => new nn.ELU(0.5),
  SoftMax: () => new nn.SoftMax(),
  SoftMax_1d: () => new nn.SoftMax(),
  LogSoftMax: () => new nn.LogSoftMax(),
  LogSoftMax_1d: () => new nn.LogSoftMax(),
  LogSoftMax_float: () => new nn.LogSoftMax().float(),
  SoftPlus: () => new nn.SoftPlus(),
  SoftPlus_beta2: () => new nn.SoftPlus(2),
};

const randn = (...sizes: number[]) => () => torch.randn(...sizes);
/** Values away from the kinks at 0 (and at +-lambda, the HardTanh bounds), so finite differences are clean. */
const awayFrom = (points: number[], ...sizes: number[]) => () => {
  const x = torch.randn(...sizes);
  x.apply((v) => (points.some((p) => Math.abs(v - p) < 1e-3) ? v + 0.01 : v));
  return x;
};

/** A module that has a gradient, on 1-D, batch and (where THNN treats them differently) 3-D/4-D inputs. */
export const jacobianCases: ModuleCase[] = [
  { name: 'nn.Tanh 2-D', build: () => new nn.Tanh(), input: randn(4, 6) },
  { name: 'nn.Sigmoid 3-D', build: () => new nn.Sigmoid(), input: randn(2, 3, 4) },
  { name: 'nn.ReLU', build: () => new nn.ReLU(), input: awayFrom([0], 4, 6) },
  { name: 'nn.ReLU6', build: () => new nn.ReLU6(), input: () => torch.randn(4, 6).mul(4).apply((v) => (Math.abs(v) < 1e-3 || Math.abs(v - 6) < 1e-3 ? v + 0.01 : v)) },
  { name: 'nn.Threshold(0.1,-2)', build: () => new nn.Threshold(0.1, -2), input: awayFrom([0.1], 4, 6) },
  { name: 'nn.HardTanh(-0.5,0.75)', build: () => new nn.HardTanh(-0.5, 0.75), input: awayFrom([-0.5, 0.75], 4, 6) },
  { name: 'nn.HardShrink', build: () => new nn.HardShrink(), input: awayFrom([-0.5, 0.5], 4, 6) },
  { name: 'nn.SoftShrink(0.3)', build: () => new nn.SoftShrink(0.3), input: awayFrom([-0.3, 0.3], 4, 6) },
  { name: 'nn.TanhShrink', build: () => new nn.TanhShrink(), input: randn(4, 6) },
  { name: 'nn.SoftMax 1-D', build: () => new nn.SoftMax(), input: randn(7) },
  { name: 'nn.SoftMax 2-D', build: () => new nn.SoftMax(), input: randn(4, 6) },
  { name: 'nn.SoftMax 3-D', build: () => new nn.SoftMax(), input: randn(3, 4, 2) },
  { name: 'nn.SoftMax 4-D', build: () => new nn.SoftMax(), input: randn(2, 3, 2, 2) },
  { name: 'nn.SoftMin 2-D', build: () => new nn.SoftMin(), input: randn(4, 6) },
  { name: 'nn.LogSoftMax 1-D', build: () => new nn.LogSoftMax(), input: randn(7) },
  { name: 'nn.LogSoftMax 2-D', build: () => new nn.LogSoftMax(), input: randn(4, 6) },
  { name: 'nn.LogSoftMax 3-D', build: () => new nn.LogSoftMax(), input: randn(3, 4, 2) },
  { name: 'nn.LogSoftMax 4-D', build: () => new nn.LogSoftMax(), input: randn(2, 3, 2, 2) },
  { name: 'nn.SoftPlus', build: () => new nn.SoftPlus(), input: randn(4, 6) },
  { name: 'nn.SoftPlus(2)', build: () => new nn.SoftPlus(2), input: randn(4, 6) },
  { name: 'nn.SoftSign', build: () => new nn.SoftSign(), input: awayFrom([0], 4, 6) },
  { name: 'nn.LogSigmoid', build: () => new nn.LogSigmoid(), input: randn(4, 6) },
  { name: 'nn.LeakyReLU(0.2)', build: () => new nn.LeakyReLU(0.2), input: awayFrom([0], 4, 6) },
  { name: 'nn.PReLU shared', build: () => new nn.PReLU(), input: awayFrom([0], 4, 6) },
  { name: 'nn.PReLU(3) 4-D', build: () => new nn.PReLU(3), input: awayFrom([0], 2, 3, 2, 2) },
  { name: 'nn.PReLU(6) 1-D', build: () => new nn.PReLU(6), input: awayFrom([0], 6) },
  { name: 'nn.RReLU eval', build: () => new nn.RReLU().evaluate(), input: awayFrom([0], 4, 6) },
  { name: 'nn.RReLU(0.2,0.2) train', build: () => new nn.RReLU(0.2, 0.2), input: awayFrom([0], 4, 6) },
  { name: 'nn.ELU(0.5)', build: () => new nn.ELU(0.5), input: awayFrom([0], 4, 6) },
  { name: 'nn.GatedLinearUnit 2-D', build: () => new nn.GatedLinearUnit(), input: randn(3, 8) },
  { name: 'nn.GatedLinearUnit(1) 3-D', build: () => new nn.GatedLinearUnit(1), input: randn(4, 3, 2) },
];
