/** nn.SmoothL1Criterion([sizeAverage = true]): the Huber loss with delta 1 (SmoothL1Criterion.lua). */
import { PointwiseCriterion } from './PointwiseCriterion.js';

/**
 * loss(x, y) = sum_i z_i with z = 0.5 (x_i - y_i)^2 where |x_i - y_i| < 1, else |x_i - y_i| - 0.5;
 * divided by the number of elements when `sizeAverage` (the default).
 * Input and target may have any shapes with the same number of elements.
 * @example
 * const crit = new nn.SmoothL1Criterion();
 * const loss = crit.forward(torch.randn(4, 3), torch.randn(4, 3));
 */
export class SmoothL1Criterion extends PointwiseCriterion {
  protected override get kernel() { return 'SmoothL1Criterion' as const; }
}
