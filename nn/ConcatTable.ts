/** nn.ConcatTable: every child on the same input; the output is the table of their outputs (ConcatTable.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { accumulateTableGrad, branchesToString } from './Concat.js';
import { Container } from './Container.js';

type Method = 'updateGradInput' | 'backward';

/**
 * Applies each child to the same input; `output[i]` is child i's output. gradInput sums the children's.
 * @example
 * const ct = new nn.ConcatTable().add(new nn.Linear(5, 3)).add(new nn.Tanh());
 * const [a, b] = ct.forward(torch.randn(4, 5)); // 4x3 and 4x5
 */
export class ConcatTable extends Container {
  override output: any[] = [];

  override updateOutput(input: any): any[] {
    this.modules.forEach((m, i) => {
      this.output[i] = this.rethrowErrors(m, i + 1, () => m.updateOutput(input));
    });
    this.output.length = this.modules.length;
    return this.output;
  }

  private backwardWith(method: Method, input: any, gradOutput: any[], scale = 1): any {
    const wasTable = Array.isArray(this.gradInput);
    if (Array.isArray(input)) {
      this.modules.forEach((m, i) => {
        const cur = this.rethrowErrors(m, i + 1, () => m[method](input, gradOutput[i], scale));
        accumulateTableGrad(this, input, cur, i === 0, wasTable);
      });
      return this.gradInput;
    }
    const gi: Tensor = wasTable ? (input as Tensor).clone() : this.gradInput;
    this.gradInput = gi;
    this.modules.forEach((m, i) => {
      const cur: Tensor = this.rethrowErrors(m, i + 1, () => m[method](input, gradOutput[i], scale));
      if (i === 0) gi.resize(cur.size()).copy(cur);
      else gi.add(cur);
    });
    return gi;
  }

  override updateGradInput(input: any, gradOutput: any[]): any {
    return this.backwardWith('updateGradInput', input, gradOutput);
  }

  override backward(input: any, gradOutput: any[], scale = 1): any {
    return this.backwardWith('backward', input, gradOutput, scale);
  }

  override accGradParameters(input: any, gradOutput: any[], scale = 1): void {
    this.modules.forEach((m, i) => this.rethrowErrors(m, i + 1, () => m.accGradParameters(input, gradOutput[i], scale)));
  }

  override accUpdateGradParameters(input: any, gradOutput: any[], lr: number): void {
    this.modules.forEach((m, i) => this.rethrowErrors(m, i + 1, () => m.accUpdateGradParameters(input, gradOutput[i], lr)));
  }

  override toString(): string { return branchesToString(this.__typename, this.modules); }
}
