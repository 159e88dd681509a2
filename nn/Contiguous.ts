/** nn.Contiguous(): the input itself when contiguous, else a contiguous copy (Contiguous.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Makes the data contiguous (for modules such as View that need it); gradients pass the same way.
 * @example
 * new nn.Contiguous().forward(x.t()).isContiguous(); // true
 */
export class Contiguous extends Module {
  override updateOutput(input: Tensor): Tensor {
    if (!input.isContiguous()) {
      if (this.output.storage() === input.storage()) this.output.set();
      this.output.resizeAs(input).copy(input);
    } else {
      this.output.set(input);
    }
    return this.output;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    if (!gradOutput.isContiguous()) {
      if (this.gradInput.storage() === gradOutput.storage()) this.gradInput.set();
      this.gradInput.resizeAs(gradOutput).copy(gradOutput);
    } else {
      this.gradInput.set(gradOutput);
    }
    return this.gradInput;
  }
}
