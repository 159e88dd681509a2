/** CPU THNN kernels of the 'volumetric2' family (VolumetricAveragePooling, VolumetricFullConvolution, TemporalRowConvolution, FeatureLPPooling). */
import { volumetric2Conv } from './volumetric2-conv.js';
import { volumetric2Pool } from './volumetric2-pool.js';

export const volumetric2 = { ...volumetric2Pool, ...volumetric2Conv };
