/** nn.MSECriterion([sizeAverage = true]): mean (or sum) of squared differences (MSECriterion.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/**
 * loss(x, y) = sum_i (x_i - y_i)^2, divided by the number of elements when `sizeAverage` (the default).
 * Input and target may have any shapes with the same number of elements.
 * @example
 * const crit = new nn.MSECriterion();
 * const loss = crit.forward(torch.randn(4, 3), torch.randn(4, 3));
 */
export class MSECriterion extends Criterion {
  declare sizeAverage: boolean;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor?: Tensor;

  constructor(sizeAverage?: boolean) {
    super();
    this.sizeAverage = sizeAverage ?? true;
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    this.output_tensor ??= input.new(1);
    input.THNN.MSECriterion_updateOutput(input, target, this.output_tensor, this.sizeAverage);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor): Tensor {
    input.THNN.MSECriterion_updateGradInput(input, target, this.gradInput, this.sizeAverage);
    return this.gradInput;
  }
}
