/** nn.Mean(dim = 1[, nInputDims]): the mean over one dim; nn.Sum with sizeAverage (Mean.lua). */
import { Sum } from './Sum.js';

/**
 * Averages over dim `dimension` (kept for backward compatibility; `nn.Sum(dim, nInputDims, true)` is the same).
 * @example
 * new nn.Mean(1).forward(torch.randn(4, 5)); // size 5
 */
export class Mean extends Sum {
  constructor(dimension?: number, nInputDims?: number) {
    super(dimension, nInputDims, true);
  }
}
