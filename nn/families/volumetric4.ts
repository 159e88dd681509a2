/** nn classes of the 'volumetric4' family; nn/index.ts spreads this object into the nn namespace. */
import { VolumetricDilatedConvolution } from '../VolumetricDilatedConvolution.js';
import { VolumetricDilatedMaxPooling } from '../VolumetricDilatedMaxPooling.js';
import { VolumetricFractionalMaxPooling } from '../VolumetricFractionalMaxPooling.js';
import { VolumetricMaxUnpooling } from '../VolumetricMaxUnpooling.js';

export const volumetric4Classes = {
  VolumetricDilatedConvolution, VolumetricDilatedMaxPooling, VolumetricMaxUnpooling, VolumetricFractionalMaxPooling,
};
