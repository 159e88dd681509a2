/** nn.AddConstant(c[, inplace = false]): y = x + c, c a scalar or a vector (AddConstant.lua). */
import { check, TorchError } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Adds a fixed scalar, or a fixed vector to a vector or to each row of a matrix. In place, the input is
 * changed (and restored in `updateGradInput`).
 * @example
 * new nn.AddConstant(1).forward(torch.zeros(3)); // 1 1 1
 */
export class AddConstant extends Module {
  constant_scalar: number | Tensor;
  inplace: boolean;

  constructor(constant_scalar: number | Tensor, ip?: boolean) {
    super();
    this.constant_scalar = constant_scalar;
    if (ip !== undefined && typeof ip !== 'boolean') throw new TorchError('in-place flag must be boolean');
    this.inplace = ip ?? false;
  }

  /** The constant shaped for this input: the number, the vector, or the vector expanded to the rows. */
  private constantFor(input: Tensor): number | Tensor {
    const c = this.constant_scalar;
    check(typeof c === 'number' ||
      (c instanceof Tensor && input.dim() <= 2 && input.size(input.dim()) === c.size(1)),
    'input is not scalar or doesn\'t match with the dimension of constant!');
    if (c instanceof Tensor && input.dim() === 2) return c.contiguous().view(1, c.size(1)).expand(input.size(1), c.size(1));
    return c;
  }

  override updateOutput(input: Tensor): Tensor {
    const c = this.constantFor(input);
    if (this.inplace) {
      input.add(c);
      this.output.set(input);
    } else {
      this.output.resizeAs(input).copy(input).add(c);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (this.inplace) {
      this.gradInput.set(gradOutput);
      const c = this.constantFor(input);
      if (typeof c === 'number') input.add(-c); // restore the input
      else input.add(-1, c);
    } else {
      this.gradInput.resizeAs(gradOutput).copy(gradOutput);
    }
    return this.gradInput;
  }
}
