/** nn classes of the 'volumetric3' family; nn/index.ts spreads this object into the nn namespace. */
import { SpatialAutoCropMSECriterion } from '../SpatialAutoCropMSECriterion.js';
import { VolumetricBatchNormalization } from '../VolumetricBatchNormalization.js';
import { VolumetricDropout } from '../VolumetricDropout.js';
import { VolumetricReplicationPadding } from '../VolumetricReplicationPadding.js';

export const volumetric3Classes = {
  VolumetricBatchNormalization, VolumetricDropout, VolumetricReplicationPadding, SpatialAutoCropMSECriterion,
};
