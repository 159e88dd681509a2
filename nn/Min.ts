/** nn.Min(dim = 1[, nInputDims]): the min over one dim, that dim removed (Min.lua). */
import { DimExtreme } from './Max.js';

/**
 * The minimum over dim `dimension`; see nn.Max for the dim rules. The gradient goes to the arg min.
 * @example
 * new nn.Min(1).forward(torch.randn(4, 5)); // size 5
 */
export class Min extends DimExtreme {
  protected readonly op = 'min';
}
