/** nn.CAddTable(inplace = false): the sum of a table of tensors (CAddTable.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `output = input[1] + input[2] + ...`; every gradInput is a copy of gradOutput. With `inplace`, the
 * output is accumulated into input[1]'s storage and the gradInputs are views of gradOutput.
 * @example
 * new nn.CAddTable().forward([torch.ones(3), torch.ones(3)]); // 2 2 2
 */
export class CAddTable extends Module {
  inplace: boolean;
  override gradInput: Tensor[] = [];

  constructor(inplace = false) {
    super();
    this.inplace = inplace;
  }

  override updateOutput(input: Tensor[]): Tensor {
    const output = this.output as Tensor;
    if (this.inplace) output.set(input[0]);
    else output.resizeAs(input[0]).copy(input[0]);
    for (let i = 1; i < input.length; i++) output.add(input[i]);
    return output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    input.forEach((x, i) => {
      const g = (this.gradInput[i] ??= input[0].new());
      if (this.inplace) g.set(gradOutput);
      else g.resizeAs(x).copy(gradOutput);
    });
    this.gradInput.length = input.length;
    return this.gradInput;
  }
}
