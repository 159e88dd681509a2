/**
 * cudnn's convolutions (SpatialConvolution.lua, SpatialFullConvolution.lua, VolumetricConvolution.lua,
 * VolumetricFullConvolution.lua): subclasses of the nn convolutions with cudnn's constructors.
 * cudnn.SpatialConvolution adds `groups` (only 1 is supported here) and pads that default to 0 each.
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { SpatialConvolution as NNSpatialConvolution } from '../../nn/SpatialConvolution.js';
import { SpatialFullConvolution as NNSpatialFullConvolution } from '../../nn/SpatialFullConvolution.js';
import { VolumetricConvolution as NNVolumetricConvolution } from '../../nn/VolumetricConvolution.js';
import { VolumetricFullConvolution as NNVolumetricFullConvolution } from '../../nn/VolumetricFullConvolution.js';
import { cudnnName, protoDefaults } from './util.js';

function checkGroups(m: { groups?: number; __typename: string }): void {
  if ((m.groups ?? 1) !== 1) throw new TorchError(`${m.__typename}: groups = ${m.groups} is not supported (only groups = 1)`);
}

/** cudnn.SpatialConvolution(nInputPlane, nOutputPlane, kW, kH, dW = 1, dH = 1, padW = 0, padH = 0, groups = 1). */
export class SpatialConvolution extends NNSpatialConvolution {
  declare groups: number;
  constructor(nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW?: number, dH?: number,
    padW?: number, padH?: number, groups?: number) {
    const g = groups ?? 1;
    if (nInputPlane % g !== 0) throw new TorchError('nInputPlane should be divisible by nGroups');
    if (nOutputPlane % g !== 0) throw new TorchError('nOutputPlane should be divisible by nGroups');
    if (g !== 1) throw new TorchError(`cudnn.SpatialConvolution: groups = ${g} is not supported (only groups = 1)`);
    super(nInputPlane, nOutputPlane, kW, kH, dW ?? 1, dH ?? 1, padW ?? 0, padH ?? 0);
    this.groups = g;
  }
  override updateOutput(input: Tensor): Tensor { checkGroups(this); return super.updateOutput(input); }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor { checkGroups(this); return super.updateGradInput(input, gradOutput); }
}
protoDefaults(SpatialConvolution, { groups: 1 });

/** cudnn.SpatialFullConvolution: nn.SpatialFullConvolution's constructor. */
export class SpatialFullConvolution extends NNSpatialFullConvolution {}
/** cudnn.VolumetricConvolution: nn.VolumetricConvolution's constructor. */
export class VolumetricConvolution extends NNVolumetricConvolution {}
/** cudnn.VolumetricFullConvolution: nn.VolumetricFullConvolution's constructor. */
export class VolumetricFullConvolution extends NNVolumetricFullConvolution {}

cudnnName(SpatialConvolution, 'SpatialConvolution');
cudnnName(SpatialFullConvolution, 'SpatialFullConvolution');
cudnnName(VolumetricConvolution, 'VolumetricConvolution');
cudnnName(VolumetricFullConvolution, 'VolumetricFullConvolution');
