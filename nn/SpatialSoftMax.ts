/** nn.SpatialSoftMax(): softmax over the feature maps at each pixel of a C x H x W or N x C x H x W input (SpatialSoftMax.lua). */
import { SoftMax } from './SoftMax.js';

/**
 * Per-pixel softmax across planes (THNN's SoftMax kernel on 3-D / 4-D input).
 * @example
 * new nn.SpatialSoftMax().forward(torch.randn(2, 5, 4, 4)); // sums to 1 over dim 2
 */
export class SpatialSoftMax extends SoftMax {}
