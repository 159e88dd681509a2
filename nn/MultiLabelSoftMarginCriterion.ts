/** nn.MultiLabelSoftMarginCriterion([weights[, sizeAverage = true]]): multi-label logistic loss (MultiLabelSoftMarginCriterion.lua). */
import { check } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';
import { Sigmoid } from './Sigmoid.js';

/**
 * loss(x, y) = -sum_i w_i (y_i log p_i + (1 - y_i) log(1 - p_i)) with p = sigmoid(x), in the stable form
 * log(1 + exp(x - 2·x·[x >= 0])) - x·(y - [x >= 0]); divided by the number of elements when
 * `sizeAverage`. Targets are 0/1 and shaped like the input; `weights` (1-D) weighs the columns.
 * @example
 * const crit = new nn.MultiLabelSoftMarginCriterion();
 * const loss = crit.forward(scores, torch.Tensor([[0, 1, 1], [1, 0, 0]]));
 */
export class MultiLabelSoftMarginCriterion extends Criterion {
  declare sizeAverage: boolean;
  /** Per-column weights (1-D), or undefined. */
  weights?: Tensor;
  /** The sigmoid of the (flattened) input, kept for backward. */
  sigmoid: Sigmoid;
  _buffer1?: Tensor;
  _buffer2?: Tensor;

  constructor(weights?: Tensor, sizeAverage?: boolean) {
    super();
    this.sizeAverage = sizeAverage ?? true;
    if (weights !== undefined) {
      check(weights.dim() === 1, 'weights input should be 1-D Tensor');
      this.weights = weights;
    }
    this.sigmoid = new Sigmoid();
  }

  /** The weights expanded over the rows of a batch target. */
  private expandedWeights(target: Tensor): Tensor | undefined {
    const w = this.weights;
    return w !== undefined && target.dim() !== 1 ? w.view(1, target.size(2)).expandAs(target) : w;
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    const weights = this.expandedWeights(target);
    const x = input.view(input.nElement());
    const t = target.view(target.nElement());
    this.sigmoid.updateOutput(x);
    const b1 = (this._buffer1 ??= input.new());
    const b2 = (this._buffer2 ??= input.new());
    b1.ge(x, 0); // indicator
    // log(1 + exp(x - 2·x·indicator))
    b2.cmul(x, b1).mul(-2).add(x).exp().add(1).log();
    // x·(t - indicator)
    b1.mul(-1).add(t).cmul(x);
    b2.add(-1, b1);
    if (weights !== undefined) b2.cmul(weights);
    this.output = b2.sum();
    if (this.sizeAverage) this.output /= input.nElement();
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor): Tensor {
    const weights = this.expandedWeights(target);
    this.gradInput.resizeAs(input).copy(this.sigmoid.output);
    this.gradInput.add(-1, target);
    if (weights !== undefined) this.gradInput.cmul(weights);
    if (this.sizeAverage) this.gradInput.div(target.nElement());
    return this.gradInput;
  }

  override type(type: string, cache = new Map<unknown, any>()): this {
    this.sigmoid.type(type, cache);
    return super.type(type, cache);
  }
}
