/** nn.DistKLDivCriterion(): the Kullback–Leibler divergence of log-probability inputs (DistKLDivCriterion.lua). */
import { check } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/** True when a and b have the same sizes (the Lua assert's test). */
const sameSize = (a: Tensor, b: Tensor): boolean => a.dim() === b.dim() && a.isSameSizeAs(b);

/**
 * loss(x, y) = sum_i y_i (log y_i - x_i) over the entries where y_i > 0, divided by the number of
 * elements when `sizeAverage` (true). The input holds log-probabilities, the target probabilities.
 * @example
 * const crit = new nn.DistKLDivCriterion();
 * const loss = crit.forward(logProbs, probs);
 */
export class DistKLDivCriterion extends Criterion {
  declare sizeAverage: boolean;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor?: Tensor;

  constructor() {
    super();
    this.sizeAverage = true;
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    check(sameSize(input, target), 'input and target should have the same size');
    this.output_tensor ??= input.new(1);
    input.THNN.DistKLDivCriterion_updateOutput(input, target, this.output_tensor, this.sizeAverage);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor): Tensor {
    check(sameSize(input, target), 'input and target should have the same size');
    input.THNN.DistKLDivCriterion_updateGradInput(input, target, this.gradInput, this.sizeAverage);
    return this.gradInput;
  }
}
