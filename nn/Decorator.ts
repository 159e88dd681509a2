/** nn.Decorator(module): the base of wrappers, forwarding every Module method to `modules[1]` (Decorator.lua). */
import { Container } from './Container.js';
import type { Module } from './Module.js';

/**
 * Wraps one module and forwards updateOutput, updateGradInput, accGradParameters,
 * accUpdateGradParameters and sharedAccUpdateGradParameters to it; a Container, so parameters(),
 * type(), training()/evaluate(), clearState() ... reach the wrapped module. Its output and gradInput
 * are the wrapped module's. Subclasses (WeightNorm, DontCast, NaN, Profile) change one aspect.
 * @example
 * const d = new nn.Decorator(new nn.Linear(4, 3));
 * d.forward(torch.randn(2, 4)); // what the Linear gives
 * String(d); // 'nn.Decorator @ nn.Linear(4 -> 3)'
 */
export class Decorator extends Container {
  constructor(module: Module) {
    super();
    this.modules[0] = module;
  }

  override updateOutput(input: any): any {
    this.output = this.modules[0].updateOutput(input);
    return this.output;
  }

  override updateGradInput(input: any, gradOutput: any): any {
    this.gradInput = this.modules[0].updateGradInput(input, gradOutput);
    return this.gradInput;
  }

  override accGradParameters(input: any, gradOutput: any, scale = 1): void {
    this.modules[0].accGradParameters(input, gradOutput, scale);
  }

  override accUpdateGradParameters(input: any, gradOutput: any, lr: number): void {
    this.modules[0].accUpdateGradParameters(input, gradOutput, lr);
  }

  override sharedAccUpdateGradParameters(input: any, gradOutput: any, lr: number): void {
    this.modules[0].sharedAccUpdateGradParameters(input, gradOutput, lr);
  }

  /** `<type> @ <wrapped module>`, as Torch prints decorators. */
  override toString(): string { return `${this.__typename} @ ${String(this.modules[0])}`; }
}
