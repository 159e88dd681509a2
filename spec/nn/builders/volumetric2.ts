/** Jacobian-table entries of the 'volumetric2' family (no torch7-ref fixtures exist for these modules). */
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {};

const input = (...sizes: number[]) => (): Tensor => torch.rand(...sizes).mul(4).add(-2);

export const jacobianCases: ModuleCase[] = [
  { name: 'nn.VolumetricAveragePooling(2,2,2)', build: () => new nn.VolumetricAveragePooling(2, 2, 2), input: input(2, 4, 4, 5) },
  { name: 'nn.VolumetricAveragePooling(2,3,2,1,2,1) batch', build: () => new nn.VolumetricAveragePooling(2, 3, 2, 1, 2, 1), input: input(2, 2, 3, 4, 7) },
  { name: 'nn.VolumetricFullConvolution(2,3,2,3,2)', build: () => new nn.VolumetricFullConvolution(2, 3, 2, 3, 2), input: input(2, 2, 3, 2) },
  {
    name: 'nn.VolumetricFullConvolution(2,2,3,3,2,2,2,1,1,1,0,1,1,0) batch',
    build: () => new nn.VolumetricFullConvolution(2, 2, 3, 3, 2, 2, 2, 1, 1, 1, 0, 1, 1, 0),
    input: input(2, 2, 2, 3, 2),
  },
  {
    name: 'nn.VolumetricFullConvolution(2,2,3,3,3,2,2,2,1,1,1) noBias, [input, target]',
    build: () => new nn.VolumetricFullConvolution(2, 2, 3, 3, 3, 2, 2, 2, 1, 1, 1).noBias(),
    input: () => [input(2, 2, 2, 3)(), torch.zeros(2, 4, 4, 6)],
  },
  { name: 'nn.TemporalRowConvolution(4,3)', build: () => new nn.TemporalRowConvolution(4, 3), input: input(7, 4) },
  { name: 'nn.TemporalRowConvolution(3,2,2) batch', build: () => new nn.TemporalRowConvolution(3, 2, 2), input: input(2, 7, 3) },
  { name: 'nn.TemporalRowConvolution(4,3,2,true) featFirst batch', build: () => new nn.TemporalRowConvolution(4, 3, 2, true), input: input(2, 4, 8) },
  { name: 'nn.TemporalRowConvolution(3,2) noBias', build: () => new nn.TemporalRowConvolution(3, 2).noBias(), input: input(5, 3) },
  { name: 'nn.TemporalDynamicKMaxPooling(3)', build: () => new nn.TemporalDynamicKMaxPooling(3), input: input(7, 4) },
  { name: 'nn.TemporalDynamicKMaxPooling(2,0.5) batch', build: () => new nn.TemporalDynamicKMaxPooling(2, 0.5), input: input(2, 7, 3) },
  { name: 'nn.FeatureLPPooling(2,1,2,false)', build: () => new nn.FeatureLPPooling(2, 1, 2, false), input: input(5, 3) },
  { name: 'nn.FeatureLPPooling(3,2,2,true) 4-D', build: () => new nn.FeatureLPPooling(3, 2, 2, true), input: input(2, 7, 2, 3) },
  { name: 'nn.FeatureLPPooling(2,2,4,false) 1-D', build: () => new nn.FeatureLPPooling(2, 2, 4, false), input: input(6) },
];
