/** nn classes of the 'volumetric2' family; nn/index.ts spreads this object into the nn namespace. */
import { FeatureLPPooling } from '../FeatureLPPooling.js';
import { TemporalDynamicKMaxPooling } from '../TemporalDynamicKMaxPooling.js';
import { TemporalRowConvolution } from '../TemporalRowConvolution.js';
import { VolumetricAveragePooling } from '../VolumetricAveragePooling.js';
import { VolumetricFullConvolution } from '../VolumetricFullConvolution.js';

export const volumetric2Classes = {
  VolumetricAveragePooling, VolumetricFullConvolution, TemporalRowConvolution, TemporalDynamicKMaxPooling, FeatureLPPooling,
};
