/** nn.ClassNLLCriterion([weights[, sizeAverage = true[, ignoreIndex = -100]]]): negative log-likelihood (ClassNLLCriterion.lua). */
import { newDefault } from '../lib/defaults.js';
import { check } from '../lib/errors.js';
import { LongTensor, type Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';
import { classTarget, numberTarget } from './targets.js';

/**
 * loss(x, class) = -w[class]·x[class] for log-probabilities x (a vector, or a batch matrix) and 1-based
 * class targets (a number, or a LongTensor/DoubleTensor of one class per row). With `sizeAverage` the
 * sum over the batch is divided by the total weight of the targets; a target equal to `ignoreIndex`
 * contributes nothing.
 * @example
 * const crit = new nn.ClassNLLCriterion(torch.Tensor([1, 2, 0.5]));
 * const loss = crit.forward(logProbs, torch.LongTensor([2, 3, 1]));
 */
export class ClassNLLCriterion extends Criterion {
  declare sizeAverage: boolean;
  /** The target class that is skipped (1-based). */
  ignoreIndex: number;
  /** Per-class weights (1-D), or undefined. */
  weights?: Tensor;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor: Tensor;
  /** One-element buffer holding the total weight of the last forward's targets. */
  total_weight_tensor: Tensor;
  /** The targets as a LongTensor (a number target is written here). */
  target: Tensor;

  constructor(weights?: Tensor, sizeAverage?: boolean, ignoreIndex?: number) {
    super();
    this.sizeAverage = sizeAverage ?? true;
    this.ignoreIndex = ignoreIndex ?? -100;
    if (weights) {
      check(weights.dim() === 1, 'weights input should be 1-D Tensor');
      this.weights = weights;
    }
    this.output_tensor = newDefault().resize(1).zero();
    this.total_weight_tensor = newDefault().resize(1).fill(1);
    this.target = new LongTensor(1);
  }

  /** Sets `this.target` from a number or a tensor of classes, as ClassNLLCriterion.lua does. */
  protected setTarget(target: number | Tensor, input: Tensor): Tensor {
    this.target = typeof target === 'number' ? numberTarget(input, this.target, target) : classTarget(input, target);
    return this.target;
  }

  /** The loss; the total weight of the targets is left in `total_weight_tensor`. */
  override updateOutput(input: Tensor, target: number | Tensor): number {
    input.THNN.ClassNLLCriterion_updateOutput(input, this.setTarget(target, input), this.output_tensor, this.sizeAverage,
      this.weights, this.total_weight_tensor, this.ignoreIndex);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: number | Tensor): Tensor {
    this.setTarget(target, input);
    this.gradInput.resizeAs(input).zero();
    input.THNN.ClassNLLCriterion_updateGradInput(input, this.target, this.gradInput, this.sizeAverage,
      this.weights, this.total_weight_tensor, this.ignoreIndex);
    return this.gradInput;
  }
}
