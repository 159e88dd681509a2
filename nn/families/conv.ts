/** nn classes of the 'conv' family; nn/index.ts spreads this object into the nn namespace. */
import { BatchNormalization } from '../BatchNormalization.js';
import { SpatialAdaptiveAveragePooling } from '../SpatialAdaptiveAveragePooling.js';
import { SpatialAdaptiveMaxPooling } from '../SpatialAdaptiveMaxPooling.js';
import { SpatialAveragePooling } from '../SpatialAveragePooling.js';
import { SpatialBatchNormalization } from '../SpatialBatchNormalization.js';
import { SpatialConvolution } from '../SpatialConvolution.js';
import { SpatialConvolutionMap } from '../SpatialConvolutionMap.js';
import { SpatialConvolutionMM } from '../SpatialConvolutionMM.js';
import { SpatialContrastiveNormalization } from '../SpatialContrastiveNormalization.js';
import { SpatialCrossMapLRN } from '../SpatialCrossMapLRN.js';
import { SpatialDivisiveNormalization } from '../SpatialDivisiveNormalization.js';
import { SpatialDilatedConvolution } from '../SpatialDilatedConvolution.js';
import { SpatialFullConvolution } from '../SpatialFullConvolution.js';
import { SpatialLogSoftMax } from '../SpatialLogSoftMax.js';
import { SpatialLPPooling } from '../SpatialLPPooling.js';
import { SpatialMaxPooling } from '../SpatialMaxPooling.js';
import { SpatialReflectionPadding } from '../SpatialReflectionPadding.js';
import { SpatialReplicationPadding } from '../SpatialReplicationPadding.js';
import { SpatialSoftMax } from '../SpatialSoftMax.js';
import { SpatialSubSampling } from '../SpatialSubSampling.js';
import { SpatialSubtractiveNormalization } from '../SpatialSubtractiveNormalization.js';
import { SpatialUpSamplingBilinear } from '../SpatialUpSamplingBilinear.js';
import { SpatialUpSamplingNearest } from '../SpatialUpSamplingNearest.js';
import { SpatialZeroPadding } from '../SpatialZeroPadding.js';
import { TemporalConvolution } from '../TemporalConvolution.js';
import { TemporalMaxPooling } from '../TemporalMaxPooling.js';
import { TemporalSubSampling } from '../TemporalSubSampling.js';
import { VolumetricConvolution } from '../VolumetricConvolution.js';
import { VolumetricMaxPooling } from '../VolumetricMaxPooling.js';

export const convClasses = {
  TemporalConvolution, TemporalMaxPooling, TemporalSubSampling,
  SpatialConvolution, SpatialConvolutionMM, SpatialConvolutionMap, SpatialFullConvolution, SpatialDilatedConvolution,
  SpatialMaxPooling, SpatialAveragePooling, SpatialSubSampling, SpatialAdaptiveMaxPooling, SpatialAdaptiveAveragePooling,
  SpatialLPPooling,
  SpatialZeroPadding, SpatialReflectionPadding, SpatialReplicationPadding,
  SpatialUpSamplingNearest, SpatialUpSamplingBilinear, SpatialCrossMapLRN, SpatialSoftMax, SpatialLogSoftMax,
  VolumetricConvolution, VolumetricMaxPooling,
  BatchNormalization, SpatialBatchNormalization,
  SpatialSubtractiveNormalization, SpatialDivisiveNormalization, SpatialContrastiveNormalization,
};
