/** The cudnn module classes that have an nn counterpart, by their cudnn names. */
import { BatchNormalization, SpatialBatchNormalization, SpatialCrossMapLRN, VolumetricBatchNormalization } from './Normalization.js';
import { SpatialConvolution, SpatialFullConvolution, VolumetricConvolution, VolumetricFullConvolution } from './Convolution.js';
import { SpatialAveragePooling, SpatialMaxPooling, VolumetricAveragePooling, VolumetricMaxPooling } from './Pooling.js';
import { ClippedReLU, ReLU, Sigmoid, Tanh } from './Pointwise.js';
import { LogSoftMax, SoftMax, SpatialLogSoftMax, SpatialSoftMax } from './SoftMax.js';

export const cudnnClasses = {
  SpatialConvolution, SpatialFullConvolution, VolumetricConvolution, VolumetricFullConvolution,
  SpatialMaxPooling, SpatialAveragePooling, VolumetricMaxPooling, VolumetricAveragePooling,
  ReLU, ClippedReLU, Tanh, Sigmoid,
  SpatialSoftMax, SpatialLogSoftMax, SoftMax, LogSoftMax,
  SpatialCrossMapLRN, BatchNormalization, SpatialBatchNormalization, VolumetricBatchNormalization,
};
