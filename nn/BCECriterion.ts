/** nn.BCECriterion([weights[, sizeAverage = true]]): binary cross-entropy on probabilities (BCECriterion.lua). */
import { check } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/**
 * loss(x, y) = -sum_i w_i (y_i log(x_i + 1e-12) + (1 - y_i) log(1 - x_i + 1e-12)) for inputs x_i in
 * [0, 1], divided by the number of elements when `sizeAverage`. `weights` (1-D) weighs the columns of a
 * batch (or the elements of a vector).
 * @example
 * const crit = new nn.BCECriterion();
 * const loss = crit.forward(torch.sigmoid(scores), torch.Tensor([[0, 1, 1]]));
 */
export class BCECriterion extends Criterion {
  declare sizeAverage: boolean;
  /** Per-column weights (1-D), or undefined. */
  weights?: Tensor;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor?: Tensor;

  constructor(weights?: Tensor, sizeAverage?: boolean) {
    super();
    this.sizeAverage = sizeAverage ?? true;
    if (weights !== undefined) {
      check(weights.dim() === 1, 'weights input should be 1-D Tensor');
      this.weights = weights;
    }
  }

  /** The weights as the kernel takes them: expanded over the rows of a batch target. */
  private expandedWeights(target: Tensor): Tensor | undefined {
    const w = this.weights;
    return w !== undefined && target.dim() !== 1 ? w.view(1, target.size(2)).expandAs(target) : w;
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    check(input.nElement() === target.nElement(), 'input and target size mismatch');
    this.output_tensor ??= input.new(1);
    input.THNN.BCECriterion_updateOutput(input, target, this.output_tensor, this.sizeAverage, this.expandedWeights(target));
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor): Tensor {
    check(input.nElement() === target.nElement(), 'input and target size mismatch');
    input.THNN.BCECriterion_updateGradInput(input, target, this.gradInput, this.sizeAverage, this.expandedWeights(target));
    return this.gradInput;
  }
}
