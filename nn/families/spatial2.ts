/** nn classes of the 'spatial2' family; nn/index.ts spreads this object into the nn namespace. */
import { SpatialDilatedMaxPooling } from '../SpatialDilatedMaxPooling.js';
import { SpatialFractionalMaxPooling } from '../SpatialFractionalMaxPooling.js';
import { SpatialMaxUnpooling } from '../SpatialMaxUnpooling.js';
import { UpSampling } from '../UpSampling.js';
import { SpatialConvolutionLocal } from '../SpatialConvolutionLocal.js';
import { SpatialDepthWiseConvolution } from '../SpatialDepthWiseConvolution.js';
import { SpatialFullConvolutionMap } from '../SpatialFullConvolutionMap.js';

export const spatial2Classes = {
  SpatialDilatedMaxPooling, SpatialFractionalMaxPooling, SpatialMaxUnpooling, UpSampling,
  SpatialConvolutionLocal, SpatialDepthWiseConvolution, SpatialFullConvolutionMap,
};
