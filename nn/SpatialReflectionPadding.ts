/**
 * nn.SpatialReflectionPadding(padLeft[, padRight = padLeft, padTop = padLeft, padBottom = padLeft]): pads the
 * last two dims of a 3-D or 4-D input with the mirror image of the border (the border pixel itself is not repeated) (SpatialReflectionPadding.lua).
 */
import { THNNSpatialPadding } from './SpatialPaddingBase.js';

/**
 * Reflection padding of images.
 * @example
 * const pad = new nn.SpatialReflectionPadding(2, 2, 1, 1);
 * pad.forward(torch.randn(3, 4, 4)); // 3 x 6 x 8
 */
export class SpatialReflectionPadding extends THNNSpatialPadding {
  protected override get kernel() { return 'SpatialReflectionPadding' as const; }
}
