/** nn.MultiLabelMarginCriterion(): the multi-label hinge loss (MultiLabelMarginCriterion.lua). */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';
import { classTarget } from './targets.js';

/**
 * loss(x, y) = sum_{j in y, i not in y} max(0, 1 - (x[j] - x[i])) / x:size(1). The target has the size
 * of the input and lists 1-based classes, ended by the first 0 (`{3, 1, 0, 4}` means classes 3 and 1).
 * For a batch the losses of the rows are averaged (`sizeAverage`) or summed.
 * @example
 * const crit = new nn.MultiLabelMarginCriterion();
 * const loss = crit.forward(torch.Tensor([0.1, 0.2, 0.4, 0.8]), torch.LongTensor([4, 1, 0, 0]));
 */
export class MultiLabelMarginCriterion extends Criterion {
  declare sizeAverage: boolean;
  /** 1 where a class is a target of its row (written by forward, read by backward). */
  isTarget: Tensor;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor?: Tensor;

  constructor() {
    super();
    this.sizeAverage = true;
    this.isTarget = newDefault();
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    const t = classTarget(input, target);
    this.output_tensor ??= input.new(1);
    input.THNN.MultiLabelMarginCriterion_updateOutput(input, t, this.output_tensor, this.isTarget, this.sizeAverage);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor): Tensor {
    input.THNN.MultiLabelMarginCriterion_updateGradInput(input, classTarget(input, target), this.gradInput, this.isTarget, this.sizeAverage);
    return this.gradInput;
  }
}
