/**
 * nn.VolumetricBatchNormalization(nFeature[, eps = 1e-5, momentum = 0.1, affine = true]): BatchNormalization
 * over N x C x T x H x W input, with one mean and variance per feature plane C (VolumetricBatchNormalization.lua).
 */
import { BatchNormalization } from './BatchNormalization.js';

/**
 * Batch normalisation for volumetric (3-D convolutional) feature maps.
 * @example
 * const bn = new nn.VolumetricBatchNormalization(16);
 * bn.forward(torch.randn(4, 16, 3, 5, 5));
 */
export class VolumetricBatchNormalization extends BatchNormalization {
  static override nDim = 5;
}
