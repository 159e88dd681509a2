/** nn.MarginCriterion([margin = 1]): the two-class hinge loss (MarginCriterion.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/**
 * loss(x, y) = sum_i max(0, margin - x_i y_i) for targets y_i in {-1, 1}, divided by the number of
 * elements when `sizeAverage` (true).
 * @example
 * const crit = new nn.MarginCriterion(0.5);
 * const loss = crit.forward(scores, torch.Tensor([1, -1, 1]));
 */
export class MarginCriterion extends Criterion {
  declare sizeAverage: boolean;
  margin: number;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor?: Tensor;

  constructor(margin?: number) {
    super();
    this.sizeAverage = true;
    this.margin = margin ?? 1;
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    this.output_tensor ??= input.new(1);
    input.THNN.MarginCriterion_updateOutput(input, target, this.output_tensor, this.sizeAverage, this.margin);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor): Tensor {
    input.THNN.MarginCriterion_updateGradInput(input, target, this.gradInput, this.sizeAverage, this.margin);
    return this.gradInput;
  }
}
