/** nn.MSECriterion([sizeAverage = true]): mean (or sum) of squared differences (MSECriterion.lua). */
import { PointwiseCriterion } from './PointwiseCriterion.js';

/**
 * loss(x, y) = sum_i (x_i - y_i)^2, divided by the number of elements when `sizeAverage` (the default).
 * Input and target may have any shapes with the same number of elements.
 * @example
 * const crit = new nn.MSECriterion();
 * const loss = crit.forward(torch.randn(4, 3), torch.randn(4, 3));
 */
export class MSECriterion extends PointwiseCriterion {
  protected override get kernel() { return 'MSECriterion' as const; }
}
