/** nn.CriterionTable(criterion): a criterion as a module taking the table {input, target} (CriterionTable.lua). */
import type { Criterion } from './Criterion.js';
import { Module } from './Module.js';

/**
 * Wraps a criterion so that a module graph can compute a loss: `forward([input, target])` is the loss
 * (a number) and gradInput is `[criterion.gradInput]` (the gradient w.r.t. the input only).
 * @example
 * const ct = new nn.CriterionTable(new nn.MSECriterion());
 * ct.forward([output, target]); // the loss
 */
export class CriterionTable extends Module {
  criterion: Criterion;
  override gradInput: any[];

  constructor(criterion: Criterion) {
    super();
    this.criterion = criterion;
    this.gradInput = [criterion.gradInput];
  }

  override updateOutput(input: any[]): number {
    this.output = this.criterion.updateOutput(input[0], input[1]);
    return this.output;
  }

  override updateGradInput(input: any[], _gradOutput?: any): any[] {
    this.criterion.updateGradInput(input[0], input[1]);
    // the criterion's buffer, even if it was replaced (type conversion, clearState)
    this.gradInput[0] = this.criterion.gradInput;
    return this.gradInput;
  }
}
