/** nn.WeightedMSECriterion(w): MSE against a weighted target (WeightedMSECriterion.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { MSECriterion } from './MSECriterion.js';

/**
 * loss(x, y) = MSE(x, w .* y): the target is multiplied element-wise by a copy of `w` (shaped like one
 * sample; with a batch, each row of the target is weighted) before the squared error.
 * @example
 * const crit = new nn.WeightedMSECriterion(torch.Tensor([1, 2, 0.5]));
 * const loss = crit.forward(torch.randn(4, 3), torch.randn(4, 3));
 */
export class WeightedMSECriterion extends MSECriterion {
  /** The weights (a copy of w). */
  weight: Tensor;
  /** The weighted target. */
  buffer?: Tensor;

  constructor(w: Tensor) {
    super();
    this.weight = w.clone();
  }

  /** buffer = target weighted by `weight` (row by row for a batch). */
  private weightedTarget(input: Tensor, target: Tensor): Tensor {
    const b = (this.buffer ??= input.new());
    b.resizeAs(input).copy(target);
    if (input.dim() - 1 === this.weight.dim()) {
      for (let i = 1; i <= input.size(1); i++) b.selectTensor(1, i).cmul(this.weight);
    } else {
      b.cmul(this.weight);
    }
    return b;
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    const b = this.weightedTarget(input, target);
    this.output_tensor ??= input.new(1);
    input.THNN.MSECriterion_updateOutput(input, b, this.output_tensor, this.sizeAverage);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor): Tensor {
    const b = this.weightedTarget(input, target);
    input.THNN.MSECriterion_updateGradInput(input, b, this.gradInput, this.sizeAverage);
    return this.gradInput;
  }
}
