/** nn.SplitTable(dim, nInputDims): a tensor → the table of its slices along `dim` (SplitTable.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Splits the input into `input.size(dim)` slices (`select` views, no copy). A negative `dim` counts from
 * the end; with `nInputDims`, an input with one more dim is a batch and `dim` shifts by one.
 * @example
 * new nn.SplitTable(1).forward(torch.randn(3, 4)); // 3 tensors of size 4
 */
export class SplitTable extends Module {
  dimension: number;
  nInputDims?: number;

  constructor(dimension: number, nInputDims?: number) {
    super();
    this.dimension = dimension;
    this.nInputDims = nInputDims;
  }

  /** The 1-based dimension for this input (negative counts from the end; batch inputs shift it). */
  getPositiveDimension(input: Tensor): number {
    let dimension = this.dimension;
    if (dimension < 0) dimension = input.dim() + dimension + 1;
    else if (this.nInputDims !== undefined && input.dim() === this.nInputDims + 1) dimension += 1;
    return dimension;
  }

  override updateOutput(input: Tensor): (Tensor | number)[] {
    const dimension = this.getPositiveDimension(input);
    const slices = input.size(dimension);
    const out: (Tensor | number)[] = [];
    for (let i = 1; i <= slices; i++) out.push(input.select(dimension, i));
    this.output = out;
    return out;
  }

  override updateGradInput(input: Tensor, gradOutput: (Tensor | number)[]): Tensor {
    const dimension = this.getPositiveDimension(input);
    const slices = input.size(dimension);
    const gi = (this.gradInput as Tensor).resizeAs(input);
    for (let i = 1; i <= slices; i++) {
      const g = gradOutput[i - 1];
      // on a 1-D input the slices are numbers (as Torch's select gives)
      if (typeof g === 'number') gi.narrow(dimension, i, 1).fill(g);
      else (gi.select(dimension, i) as Tensor).copy(g);
    }
    return gi;
  }
}
