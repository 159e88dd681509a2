/** nn.MultiCriterion(): weighted sum of criteria on the same input and target (MultiCriterion.lua). */
import { check } from '../lib/errors.js';
import { DoubleStorage } from '../lib/Storage.js';
import { Criterion } from './Criterion.js';
import { recursiveAdd } from './utils.js';
import { recursiveFill, recursiveResizeAs, type Activity } from './utils.js';

/**
 * loss = sum_i weights[i] · criterions[i](input, target). `add(criterion[, weight = 1])` appends a
 * criterion; the weights live in a DoubleStorage, as in Torch.
 * @example
 * const mc = new nn.MultiCriterion().add(new nn.MSECriterion()).add(new nn.AbsCriterion(), 0.1);
 * const loss = mc.forward(x, y);
 */
export class MultiCriterion extends Criterion {
  criterions: Criterion[] = [];
  weights = new DoubleStorage();
  declare gradInput: Activity;

  /** Appends a criterion with a weight (default 1); returns this. */
  add(criterion: Criterion, weight?: number): this {
    check(!!criterion, 'no criterion provided');
    this.criterions.push(criterion);
    this.weights.resize(this.criterions.length);
    this.weights.set(this.criterions.length, weight ?? 1);
    return this;
  }

  override updateOutput(input: any, target: any): number {
    this.output = 0;
    for (let i = 0; i < this.criterions.length; i++) {
      this.output += this.weights.get(i + 1) * this.criterions[i].updateOutput(input, target);
    }
    return this.output;
  }

  override updateGradInput(input: any, target: any): Activity {
    this.gradInput = recursiveResizeAs(this.gradInput, input);
    recursiveFill(this.gradInput, 0);
    for (let i = 0; i < this.criterions.length; i++) {
      recursiveAdd(this.gradInput, this.weights.get(i + 1), this.criterions[i].updateGradInput(input, target));
    }
    return this.gradInput;
  }
}
