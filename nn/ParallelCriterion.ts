/** nn.ParallelCriterion([repeatTarget = false]): weighted sum of criteria over the members of a table input (ParallelCriterion.lua). */
import { check } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';
import { recursiveAdd, recursiveFill, recursiveResizeAs, type Activity } from './utils.js';

/**
 * loss = sum_i weights[i] · criterions[i](input[i], target[i]) (or the same target for all with
 * `repeatTarget`). `add(criterion[, weight = 1])` appends a criterion; gradInput is a table.
 * @example
 * const pc = new nn.ParallelCriterion().add(new nn.MSECriterion(), 0.5).add(new nn.ClassNLLCriterion());
 * const loss = pc.forward([x1, x2], [y1, y2]);
 */
export class ParallelCriterion extends Criterion {
  criterions: Criterion[] = [];
  weights: number[] = [];
  repeatTarget?: boolean;
  declare gradInput: Activity[];

  constructor(repeatTarget?: boolean) {
    super();
    this.gradInput = [];
    this.repeatTarget = repeatTarget;
  }

  /** Appends a criterion with a weight (default 1); returns this. */
  add(criterion: Criterion, weight?: number): this {
    check(!!criterion, 'no criterion provided');
    this.criterions.push(criterion);
    this.weights.push(weight ?? 1);
    return this;
  }

  override updateOutput(input: any[], target: any): number {
    this.output = 0;
    this.criterions.forEach((criterion, i) => {
      const t = this.repeatTarget ? target : target[i];
      this.output += this.weights[i] * criterion.updateOutput(input[i], t);
    });
    return this.output;
  }

  override updateGradInput(input: any[], target: any): Activity[] {
    this.gradInput = recursiveResizeAs(this.gradInput, input) as Activity[];
    recursiveFill(this.gradInput, 0);
    this.criterions.forEach((criterion, i) => {
      const t = this.repeatTarget ? target : target[i];
      recursiveAdd(this.gradInput[i], this.weights[i], criterion.updateGradInput(input[i], t));
    });
    return this.gradInput;
  }

  /** Converts every criterion; gradInput starts afresh. */
  override type(type: string, cache = new Map<unknown, any>()): this {
    this.gradInput = [];
    for (const c of this.criterions) c.type(type, cache);
    return super.type(type, cache);
  }
}
