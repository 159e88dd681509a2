/** nn.CMulTable: the element-wise product of a table of tensors (CMulTable.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `output = input[1] .* input[2] .* ...`; gradInput[i] is gradOutput times the product of the others.
 * @example
 * new nn.CMulTable().forward([a, b, c]); // a .* b .* c
 */
export class CMulTable extends Module {
  override gradInput: Tensor[] = [];
  /** Work buffer of `updateGradInput_efficient`. */
  tout?: Tensor;

  override updateOutput(input: Tensor[]): Tensor {
    const output = this.output as Tensor;
    output.resizeAs(input[0]).copy(input[0]);
    for (let i = 1; i < input.length; i++) output.cmul(input[i]);
    return output;
  }

  /** gradInput[i] = gradOutput .* output ./ input[i]: one pass, but wrong where input[i] is 0 (as in Torch). */
  updateGradInput_efficient(input: Tensor[], gradOutput: Tensor): Tensor[] {
    this.tout ??= input[0].new();
    this.tout.resizeAs(this.output);
    input.forEach((x, i) => {
      const g = (this.gradInput[i] ??= input[0].new());
      g.resizeAs(x).copy(gradOutput);
      this.tout!.copy(this.output).cdiv(x);
      g.cmul(this.tout!);
    });
    this.gradInput.length = input.length;
    return this.gradInput;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    input.forEach((x, i) => {
      const g = (this.gradInput[i] ??= input[0].new());
      g.resizeAs(x).copy(gradOutput);
      input.forEach((y, j) => { if (i !== j) g.cmul(y); });
    });
    this.gradInput.length = input.length;
    return this.gradInput;
  }

  override clearState(): this {
    this.tout?.set();
    return super.clearState();
  }
}
