/** nn.ModuleCriterion(criterion[, inputModule, targetModule, castTarget = true]) (ModuleCriterion.lua). */
import { Criterion } from './Criterion.js';
import type { Module } from './Module.js';

/**
 * Runs `inputModule` on the input and `targetModule` on the target (each optional) before
 * `criterion`; backward goes through `inputModule`. Its parameters are not trained (Torch prints a
 * warning when it has some). As in Torch, the constructor does not call Criterion's, so a fresh
 * instance has no `output` / `gradInput` fields until it is used; and `type()` ends with Criterion's
 * field-by-field conversion, which converts `targetModule` even when `castTarget` is false.
 * @example
 * const crit = new nn.ModuleCriterion(new nn.ClassNLLCriterion(), new nn.LogSoftMax());
 * crit.forward(torch.randn(4, 3), new torch.Tensor([1, 3, 2, 2]));
 */
export class ModuleCriterion extends Criterion {
  inputModule?: Module;
  targetModule?: Module;
  castTarget: boolean;
  criterion: Criterion;
  input?: any;
  target?: any;

  constructor(criterion: Criterion, inputModule?: Module, targetModule?: Module, castTarget?: boolean) {
    super();
    const self = this as unknown as Record<string, unknown>;
    delete self.output;
    delete self.gradInput;
    this.inputModule = inputModule;
    this.targetModule = targetModule;
    this.castTarget = castTarget ?? true;
    if (this.inputModule) {
      const params = this.inputModule.parameters();
      if (params && params[0].length > 0) console.log("Warning: nn.ModuleCriterion doesn't support parameter updates");
    }
    this.criterion = criterion;
  }

  override updateOutput(input: any, target: any): number {
    if (this.inputModule) this.input = this.inputModule.forward(input);
    if (this.targetModule) this.target = this.targetModule.forward(target);
    this.output = this.criterion.forward(this.input ?? input, this.target ?? target);
    return this.output;
  }

  override updateGradInput(input: any, target: any): any {
    this.gradInput = this.criterion.backward(this.input ?? input, this.target ?? target);
    if (this.inputModule) this.gradInput = this.inputModule.backward(input, this.gradInput);
    return this.gradInput;
  }

  override type(type: string, cache = new Map<unknown, any>()): this {
    this.inputModule?.type(type, cache);
    if (this.castTarget) this.targetModule?.type(type, cache);
    this.criterion.type(type, cache);
    return super.type(type, cache);
  }
}

