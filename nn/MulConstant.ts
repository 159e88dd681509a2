/** nn.MulConstant(c[, inplace = false]): y = c x (MulConstant.lua). */
import { check, TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Multiplies by a fixed scalar. In place, the input is scaled (and restored in `updateGradInput`) and
 * the gradOutput is scaled into gradInput.
 * @example
 * new nn.MulConstant(2).forward(torch.ones(3)); // 2 2 2
 */
export class MulConstant extends Module {
  constant_scalar: number;
  inplace: boolean;

  constructor(constant_scalar: number, ip?: boolean) {
    super();
    check(typeof constant_scalar === 'number', 'input is not scalar!');
    this.constant_scalar = constant_scalar;
    if (ip !== undefined && typeof ip !== 'boolean') throw new TorchError('in-place flag must be boolean');
    this.inplace = ip ?? false;
  }

  override updateOutput(input: Tensor): Tensor {
    if (this.inplace) {
      input.mul(this.constant_scalar);
      this.output.set(input);
    } else {
      this.output.resizeAs(input).copy(input).mul(this.constant_scalar);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (this.inplace) {
      gradOutput.mul(this.constant_scalar);
      this.gradInput.set(gradOutput);
      input.div(this.constant_scalar); // restore the input
    } else {
      this.gradInput.resizeAs(gradOutput).copy(gradOutput).mul(this.constant_scalar);
    }
    return this.gradInput;
  }
}
