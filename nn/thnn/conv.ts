/** CPU THNN kernels of the 'conv' family (each group in its own nn/thnn/conv-*.ts file). */
import { convDilated } from './conv-dilated.js';
import { convMap } from './conv-map.js';
import { convMM } from './conv-mm.js';
import { convTemporal } from './conv-temporal.js';
import { convVolumetric } from './conv-volumetric.js';
import { subsampling } from './subsampling.js';

export const conv = { ...convMM, ...convDilated, ...convTemporal, ...convVolumetric, ...subsampling, ...convMap };
