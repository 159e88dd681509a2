/**
 * nn.SpatialReplicationPadding(padLeft[, padRight = padLeft, padTop = padLeft, padBottom = padLeft]): pads the
 * last two dims of a 3-D or 4-D input by repeating the border pixels (SpatialReplicationPadding.lua).
 */
import { THNNSpatialPadding } from './SpatialPaddingBase.js';

/**
 * Replication padding of images.
 * @example
 * const pad = new nn.SpatialReplicationPadding(2, 2, 1, 1);
 * pad.forward(torch.randn(3, 4, 4)); // 3 x 6 x 8
 */
export class SpatialReplicationPadding extends THNNSpatialPadding {
  protected override get kernel() { return 'SpatialReplicationPadding' as const; }
}
