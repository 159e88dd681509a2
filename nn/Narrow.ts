/** nn.Narrow(dim, offset, length = 1): `length` slices of dim `dim` from `offset`, copied (Narrow.lua). */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Narrows the input. A negative dim counts from the end; a negative length `l` keeps up to the
 * `(-l)`-th last slice (`size - offset + l + 2` slices); a negative offset narrows from 1 to `size - length`
 * (as Narrow.lua computes it).
 * @example
 * new nn.Narrow(2, 2, -1).forward(torch.randn(3, 5)); // columns 2..5
 */
export class Narrow extends Module {
  dimension: number;
  index: number;
  length: number;

  constructor(dimension: number, offset: number, length = 1) {
    super();
    if (dimension === undefined || offset === undefined) throw new TorchError('nn.Narrow(dimension, offset, length)');
    this.dimension = dimension;
    this.index = offset;
    this.length = length;
  }

  /** `[dim, index, length]` for this input. */
  private where(input: Tensor): [number, number, number] {
    const dim = this.dimension < 0 ? input.dim() + this.dimension + 1 : this.dimension;
    let length = this.length;
    if (length < 0) length = input.size(dim) - this.index + this.length + 2;
    let index = this.index;
    if (this.index < 0) {
      index = 1;
      length = input.size(dim) - length;
    }
    return [dim, index, length];
  }

  override updateOutput(input: Tensor): Tensor {
    const [dim, index, length] = this.where(input);
    const out = input.narrow(dim, index, length);
    this.output = this.output.typeAs(out);
    this.output.resizeAs(out).copy(out);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [dim, index, length] = this.where(input);
    this.gradInput = this.gradInput.typeAs(input);
    this.gradInput.resizeAs(input).zero();
    this.gradInput.narrow(dim, index, length).copy(gradOutput);
    return this.gradInput;
  }
}
