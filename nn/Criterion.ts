/** nn.Criterion: the base of every loss (Criterion.lua). */
import { newDefault } from '../lib/defaults.js';
import { deepClone, recursiveType } from './utils.js';

/**
 * A loss: `forward(input, target)` returns a number, `backward(input, target)` the gradient.
 * @example
 * const crit = new nn.MSECriterion();
 * const loss = crit.forward(output, target);
 * const dloss = crit.backward(output, target);
 */
export class Criterion {
  /** The last loss. */
  output = 0;
  /** The gradient of the loss w.r.t. the input (reused buffer). */
  gradInput: any = newDefault();
  /** Average over the batch (true) or sum (false), for criteria that have the option. */
  sizeAverage?: boolean;

  /** The Torch class name, e.g. `nn.MSECriterion`. */
  get __typename(): string { return `nn.${this.constructor.name}`; }
  /** Computes the loss. */
  updateOutput(_input: any, _target: any): number { return this.output; }
  /** Same as `updateOutput`. */
  forward(input: any, target: any): number { return this.updateOutput(input, target); }
  /** Computes `gradInput`. */
  updateGradInput(_input: any, _target: any): any { return this.gradInput; }
  /** Same as `updateGradInput`. */
  backward(input: any, target: any): any { return this.updateGradInput(input, target); }
  /** forward then backward: `[loss, gradInput]` (Lua's `criterion(input, target)`). */
  call(input: any, target: any): [number, any] {
    this.output = this.forward(input, target);
    this.gradInput = this.backward(input, target);
    return [this.output, this.gradInput];
  }
  /** A deep copy. */
  clone(): this { return deepClone(this); }
  /** Converts tensor fields to `type`. */
  type(type: string, cache = new Map<unknown, any>()): this {
    const self = this as unknown as Record<string, unknown>;
    for (const key of Object.keys(self)) self[key] = recursiveType(self[key], type, cache);
    return this;
  }
  float(): this { return this.type('torch.FloatTensor'); }
  double(): this { return this.type('torch.DoubleTensor'); }
  toString(): string { return this.__typename; }
}
