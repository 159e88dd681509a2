/** nn.ModuleFromCriterion (nngraph/ModuleFromCriterion.lua): a criterion as a module of `{prediction, target}`. */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import type { Criterion } from './Criterion.js';
import { Module } from './Module.js';

/**
 * Output: a 1-element tensor holding the loss. gradInput: `{dloss/dprediction * gradOutput[1], zeros like target}`.
 * In a graph, `criterion.__call__([pred, target])` builds one (Lua's `criterion({pred, target})`).
 * @example
 * const m = new nn.ModuleFromCriterion(new nn.MSECriterion());
 * m.forward([prediction, target]); // tensor [loss]
 */
export class ModuleFromCriterion extends Module {
  criterion: Criterion;

  constructor(criterion: Criterion) {
    super();
    this.criterion = criterion;
    this.output = newDefault().resize(1);
    this.gradInput = [newDefault(), newDefault()];
  }

  override updateOutput(input: [any, any]): Tensor {
    const [prediction, target] = input;
    (this.output as Tensor).put(1, this.criterion.updateOutput(prediction, target));
    return this.output;
  }

  override updateGradInput(input: [any, any], gradOutput: Tensor): any[] {
    const [prediction, target] = input;
    const g = this.criterion.updateGradInput(prediction, target);
    const scale = gradOutput.get(1);
    if (Array.isArray(g)) {
      if (!Array.isArray(this.gradInput[0])) this.gradInput[0] = g.map((t: Tensor) => t.new());
      g.forEach((t: Tensor, i: number) => (this.gradInput[0][i] as any).resizeAs(t).copy(t).mul(scale));
    } else {
      (this.gradInput[0] as any).resizeAs(g).copy(g).mul(scale);
    }
    (this.gradInput[1] as any).resizeAs(target).zero();
    return this.gradInput;
  }
}
