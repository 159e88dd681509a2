/** nn.SpatialLogSoftMax(): log-softmax over the feature maps at each pixel of a C x H x W or N x C x H x W input (SpatialLogSoftMax.lua). */
import { LogSoftMax } from './LogSoftMax.js';

/**
 * Per-pixel log-softmax across planes (THNN's LogSoftMax kernel on 3-D / 4-D input).
 * @example
 * new nn.SpatialLogSoftMax().forward(torch.randn(2, 5, 4, 4)); // exp sums to 1 over dim 2
 */
export class SpatialLogSoftMax extends LogSoftMax {}
