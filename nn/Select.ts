/** nn.Select(dim, index): the slice `index` of dim `dim`, copied; negative dim/index count from the end (Select.lua). */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Selects one slice (removing the dim); the gradient is zero except on that slice.
 * @example
 * new nn.Select(1, -1).forward(torch.randn(4, 3)); // the last row, size 3
 */
export class Select extends Module {
  dimension: number;
  index: number;

  constructor(dimension: number, index: number) {
    super();
    this.dimension = dimension;
    this.index = index;
  }

  /** The positive dim and index for this input. */
  private where(input: Tensor): [number, number] {
    const dim = this.dimension < 0 ? input.dim() + this.dimension + 1 : this.dimension;
    const index = this.index < 0 ? input.size(dim) + this.index + 1 : this.index;
    return [dim, index];
  }

  override updateOutput(input: Tensor): Tensor {
    const [dim, index] = this.where(input);
    const slice = input.select(dim, index);
    // Torch's select on a vector gives a number, which resizeAs rejects.
    if (typeof slice === 'number') throw new TorchError(`bad argument #1 to 'resizeAs' (${input.type()} expected, got number)`);
    this.output.resizeAs(slice).copy(slice);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [dim, index] = this.where(input);
    this.gradInput.resizeAs(input).zero();
    this.gradInput.selectTensor(dim, index).copy(gradOutput);
    return this.gradInput;
  }
}
