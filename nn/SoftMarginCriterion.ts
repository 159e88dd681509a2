/** nn.SoftMarginCriterion(): the two-class logistic loss (SoftMarginCriterion.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/**
 * loss(x, y) = sum_i log(1 + exp(-y_i x_i)) for targets y_i in {-1, 1}, divided by the number of
 * elements when `sizeAverage` (true).
 * @example
 * const crit = new nn.SoftMarginCriterion();
 * const loss = crit.forward(scores, torch.Tensor([1, -1, 1]));
 */
export class SoftMarginCriterion extends Criterion {
  declare sizeAverage: boolean;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor?: Tensor;

  constructor() {
    super();
    this.sizeAverage = true;
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    this.output_tensor ??= input.new(1);
    input.THNN.SoftMarginCriterion_updateOutput(input, target, this.output_tensor, this.sizeAverage);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor): Tensor {
    input.THNN.SoftMarginCriterion_updateGradInput(input, target, this.gradInput, this.sizeAverage);
    return this.gradInput;
  }
}
