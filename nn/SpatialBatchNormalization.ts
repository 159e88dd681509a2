/**
 * nn.SpatialBatchNormalization(nFeature[, eps = 1e-5, momentum = 0.1, affine = true]): BatchNormalization
 * over N x C x H x W input, with one mean and variance per plane C (SpatialBatchNormalization.lua).
 */
import { BatchNormalization } from './BatchNormalization.js';

/**
 * Batch normalisation for convolutional feature maps.
 * @example
 * const bn = new nn.SpatialBatchNormalization(16);
 * bn.forward(torch.randn(8, 16, 10, 10));
 */
export class SpatialBatchNormalization extends BatchNormalization {
  static override nDim = 4;
}
