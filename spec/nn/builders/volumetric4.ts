/** Jacobian-table entries of the 'volumetric4' family (no torch7-ref fixtures exist for these modules). */
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import { Module } from '../../../nn/Module.js';
import { FixedSamplesFractional, UnpoolOfFixed } from './spatial2.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {};

/** A seeded double input of the given sizes, uniform in [-2, 2] as nn's Jacobian tests fill it. */
const input = (...sizes: number[]) => (): Tensor => torch.rand(...sizes).mul(4).add(-2);

/** VolumetricMaxPooling(k) followed by a VolumetricMaxUnpooling that reads its indices. */
function poolUnpool(kT: number, kW: number, kH: number): Module {
  const pool = new nn.VolumetricMaxPooling(kT, kW, kH);
  return new nn.Sequential().add(pool).add(new nn.VolumetricMaxUnpooling(pool));
}

export const jacobianCases: ModuleCase[] = [
  { name: 'nn.VolumetricDilatedConvolution(2,3,2,2,3,1,2,1,1,0,1,2,1,2) batch', build: () => new nn.VolumetricDilatedConvolution(2, 3, 2, 2, 3, 1, 2, 1, 1, 0, 1, 2, 1, 2), input: input(2, 2, 4, 5, 6) },
  { name: 'nn.VolumetricDilatedConvolution(2,2,2,2,2,2,1,1,0,1,1,1,2,1):noBias() 4-D', build: () => new nn.VolumetricDilatedConvolution(2, 2, 2, 2, 2, 2, 1, 1, 0, 1, 1, 1, 2, 1).noBias(), input: input(2, 5, 4, 4) },
  { name: 'nn.VolumetricDilatedMaxPooling(2,2,2,1,1,1,0,0,0,2,1,2) batch', build: () => new nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 0, 0, 0, 2, 1, 2), input: input(2, 2, 4, 3, 5) },
  { name: 'nn.VolumetricDilatedMaxPooling(3,2,2,2,1,2,1,1,0,2,2,1):ceil() 4-D, padded', build: () => new nn.VolumetricDilatedMaxPooling(3, 2, 2, 2, 1, 2, 1, 1, 0, 2, 2, 1).ceil(), input: input(2, 6, 5, 5) },
  { name: 'nn.VolumetricMaxPooling(2,2,2) + nn.VolumetricMaxUnpooling batch', build: () => poolUnpool(2, 2, 2), input: input(2, 2, 4, 4, 6) },
  { name: 'nn.VolumetricMaxPooling(1,2,3) + nn.VolumetricMaxUnpooling 4-D', build: () => poolUnpool(1, 2, 3), input: input(2, 3, 6, 4) },
  { name: 'nn.VolumetricMaxUnpooling (of VolumetricMaxPooling(2,2,2)) 4-D', build: () => { const pool = new nn.VolumetricMaxPooling(2, 2, 2); return new UnpoolOfFixed(pool, new nn.VolumetricMaxUnpooling(pool), [2, 4, 6, 4]); }, input: input(2, 2, 3, 2) },
  { name: 'nn.VolumetricFractionalMaxPooling(2,2,3,3,4,2):fixPoolingRegions(), fixed samples, batch', build: () => new FixedSamplesFractional(new nn.VolumetricFractionalMaxPooling(2, 2, 3, 3, 4, 2), 2, 2, 3), input: input(2, 2, 5, 6, 5) },
  { name: 'nn.VolumetricFractionalMaxPooling(2,3,2,0.5,0.6,0.7):fixPoolingRegions(), fixed samples, 4-D', build: () => new FixedSamplesFractional(new nn.VolumetricFractionalMaxPooling(2, 3, 2, 0.5, 0.6, 0.7), 1, 2, 3), input: input(2, 5, 7, 6) },
];
