/** nn.MultiMarginCriterion([p = 1[, weights[, margin = 1]]]): the multi-class hinge loss (MultiMarginCriterion.lua). */
import { check } from '../lib/errors.js';
import { LongTensor, type Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';
import { classTarget } from './targets.js';

/**
 * loss(x, y) = sum_{i != y} max(0, margin - x[y] + x[i])^p / x:size(1) for a 1-based class y, times
 * `weights[y]` when weights are given; for a batch the losses of the rows are averaged (`sizeAverage`)
 * or summed. p is 1 or 2.
 * @example
 * const crit = new nn.MultiMarginCriterion(2);
 * const loss = crit.forward(scores, torch.LongTensor([3, 1]));
 */
export class MultiMarginCriterion extends Criterion {
  declare sizeAverage: boolean;
  /** The power of the hinge: 1 or 2. */
  p: number;
  margin: number;
  /** Per-class weights (1-D), or undefined. */
  weights?: Tensor;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor?: Tensor;
  /** Holds a number target. */
  target_tensor?: Tensor;

  constructor(p?: number, weights?: Tensor, margin?: number) {
    check(p === undefined || p === 1 || p === 2, 'only p=1 and p=2 supported');
    super();
    this.p = p ?? 1;
    this.margin = margin ?? 1.0;
    this.sizeAverage = true;
    if (weights) {
      check(weights.dim() === 1, 'weights input should be 1-D Tensor');
      this.weights = weights;
    }
  }

  /** The target as a LongTensor (a number goes into `target_tensor`). */
  private longTarget(target: number | Tensor, input: Tensor): Tensor {
    if (typeof target === 'number') {
      this.target_tensor ??= new LongTensor(1);
      this.target_tensor.put(1, target);
      return this.target_tensor;
    }
    return classTarget(input, target);
  }

  override updateOutput(input: Tensor, target: number | Tensor): number {
    const t = this.longTarget(target, input);
    this.output_tensor ??= input.new(1);
    input.THNN.MultiMarginCriterion_updateOutput(input, t, this.output_tensor, this.sizeAverage, this.p, this.weights, this.margin);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: number | Tensor): Tensor {
    const t = this.longTarget(target, input);
    input.THNN.MultiMarginCriterion_updateGradInput(input, t, this.gradInput, this.sizeAverage, this.p, this.weights, this.margin);
    return this.gradInput;
  }
}
