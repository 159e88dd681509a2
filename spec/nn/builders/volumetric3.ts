/**
 * Jacobian-table entries of the 'volumetric3' family (no torch7-ref fixtures exist for these modules).
 * VolumetricDropout runs in training with p = 0 (its mask is random otherwise, and it has no backward in
 * evaluation); SpatialAutoCropMSECriterion is a criterion and is checked in spec/nn/volumetric3.spec.ts.
 */
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {};

const input = (...sizes: number[]) => (): Tensor => torch.rand(...sizes).mul(4).add(-2);

/** A VolumetricBatchNormalization that has seen one batch, then evaluates (running statistics moved). */
function evaluatedBN(affine: boolean): Module {
  const m = new nn.VolumetricBatchNormalization(2, 1e-3, 0.3, affine);
  m.forward(torch.randn(3, 2, 2, 2, 3).mul(2).add(1));
  return m.evaluate();
}

export const jacobianCases: ModuleCase[] = [
  { name: 'nn.VolumetricBatchNormalization(2)', build: () => new nn.VolumetricBatchNormalization(2), input: input(3, 2, 2, 2, 2) },
  {
    name: 'nn.VolumetricBatchNormalization(3,1e-3,0.2,false) no affine',
    build: () => new nn.VolumetricBatchNormalization(3, 1e-3, 0.2, false), input: input(2, 3, 2, 3, 2),
  },
  { name: 'nn.VolumetricBatchNormalization(2) evaluate', build: () => evaluatedBN(true), input: input(2, 2, 2, 3, 2) },
  { name: 'nn.VolumetricBatchNormalization(2) evaluate 4-D', build: () => evaluatedBN(true), input: input(2, 2, 3, 2) },
  { name: 'nn.VolumetricDropout(0) batch', build: () => new nn.VolumetricDropout(0), input: input(2, 3, 2, 2, 2) },
  { name: 'nn.VolumetricDropout(0) 4-D', build: () => new nn.VolumetricDropout(0), input: input(3, 2, 2, 3) },
  { name: 'nn.VolumetricReplicationPadding(1)', build: () => new nn.VolumetricReplicationPadding(1), input: input(2, 2, 3, 2) },
  {
    name: 'nn.VolumetricReplicationPadding(2,0,1,3,0,2) batch',
    build: () => new nn.VolumetricReplicationPadding(2, 0, 1, 3, 0, 2), input: input(2, 2, 2, 3, 2),
  },
  {
    name: 'nn.VolumetricReplicationPadding(-1,1,0,-1,1,-1) crops',
    build: () => new nn.VolumetricReplicationPadding(-1, 1, 0, -1, 1, -1), input: input(2, 3, 3, 4),
  },
];
