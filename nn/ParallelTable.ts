/** nn.ParallelTable: child i runs on input[i]; the output is the table of their outputs (ParallelTable.lua). */
import { branchesToString } from './Concat.js';
import { Container } from './Container.js';

/**
 * Applies child i to the i-th entry of a table input: `output[i] = modules[i].forward(input[i])`.
 * @example
 * const pt = new nn.ParallelTable().add(new nn.Linear(10, 2)).add(new nn.Tanh());
 * pt.forward([torch.randn(10), torch.randn(3)]); // [size 2, size 3]
 */
export class ParallelTable extends Container {
  override output: any[] = [];
  override gradInput: any[] = [];

  override updateOutput(input: any[]): any[] {
    this.modules.forEach((m, i) => {
      this.output[i] = this.rethrowErrors(m, i + 1, () => m.updateOutput(input[i]));
    });
    return this.output;
  }

  override updateGradInput(input: any[], gradOutput: any[]): any[] {
    this.modules.forEach((m, i) => {
      this.gradInput[i] = this.rethrowErrors(m, i + 1, () => m.updateGradInput(input[i], gradOutput[i]));
    });
    return this.gradInput;
  }

  override accGradParameters(input: any[], gradOutput: any[], scale = 1): void {
    this.modules.forEach((m, i) => this.rethrowErrors(m, i + 1, () => m.accGradParameters(input[i], gradOutput[i], scale)));
  }

  override accUpdateGradParameters(input: any[], gradOutput: any[], lr = 1): void {
    this.modules.forEach((m, i) => this.rethrowErrors(m, i + 1, () => m.accUpdateGradParameters(input[i], gradOutput[i], lr)));
  }

  override toString(): string { return branchesToString(this.__typename, this.modules); }
}
