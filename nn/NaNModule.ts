/** nn.NaN(module, id): errors when the wrapped module produces NaNs, saying where they came from (NaN.lua). */
import { TorchError } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Decorator } from './Decorator.js';
import type { Module } from './Module.js';

let idseq = 0;

/**
 * A debugging decorator: after each call of the wrapped module it checks (by the sum of every tensor,
 * as Torch does) for NaNs. A NaN output raises "NaN found in input of module", "... in parameters ...",
 * or "... in output ..." (the first that holds NaN); a NaN gradInput raises "NaN found in gradOutput of
 * module" or "... in gradInput ..."; a NaN gradient after accGradParameters "... in gradParameters ...".
 * Each message ends with the module's description, `nn.NaN(<id>) @ <module>`. The id defaults to a
 * sequence number (1, 2, ... per process). The class is `nn.NaN` (this file's name avoids the JS global).
 * @example
 * const m = new nn.NaN(new nn.Log());
 * m.forward(torch.Tensor([-1])); // throws 'NaN found in output of module :\nnn.NaN(1) @ nn.Log'
 */
export class NaN extends Decorator {
  /** The id shown in messages. */
  id: number | string;

  constructor(module: Module, id?: number | string) {
    super(module);
    this.id = id ?? NaN.newId();
  }

  override get __typename(): string { return 'nn.NaN'; }

  /** The next id of the sequence (1, 2, ...). */
  static newId(): number {
    idseq += 1;
    return idseq;
  }

  /** True when a tensor (or any tensor of a nested table) sums to NaN. */
  recursiveIsNaN(tensor: unknown): boolean {
    if (Array.isArray(tensor)) return tensor.some((v) => this.recursiveIsNaN(v));
    if (tensor instanceof Tensor) return Number.isNaN(tensor.sum() as number);
    if (tensor !== null && typeof tensor === 'object') return Object.values(tensor).some((v) => this.recursiveIsNaN(v));
    throw new TorchError(`attempt to index a ${tensor === undefined || tensor === null ? 'nil' : typeof tensor} value`);
  }

  private fail(what: string): never {
    throw new TorchError(`NaN found in ${what} of module :\n${this.toString()}`);
  }

  override updateOutput(input: any): any {
    this.output = this.modules[0].updateOutput(input);
    if (this.recursiveIsNaN(this.output)) {
      if (this.recursiveIsNaN(input)) this.fail('input');
      else if (this.recursiveIsNaN(this.parameters()[0])) this.fail('parameters');
      this.fail('output');
    }
    return this.output;
  }

  override updateGradInput(input: any, gradOutput: any): any {
    this.gradInput = this.modules[0].updateGradInput(input, gradOutput);
    if (this.recursiveIsNaN(this.gradInput)) {
      if (this.recursiveIsNaN(gradOutput)) this.fail('gradOutput');
      this.fail('gradInput');
    }
    return this.gradInput;
  }

  override accGradParameters(input: any, gradOutput: any, scale = 1): void {
    this.modules[0].accGradParameters(input, gradOutput, scale);
    if (this.recursiveIsNaN(this.parameters()[1])) this.fail('gradParameters');
  }

  override toString(): string { return `nn.NaN(${this.id}) @ ${String(this.modules[0])}`; }
}
