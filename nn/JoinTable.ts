/** nn.JoinTable(dim, nInputDims): a table of tensors → one tensor, concatenated along `dim` (JoinTable.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Concatenates the table's tensors along `dim` (negative counts from the end; with `nInputDims`, inputs
 * with one more dim are batches and `dim` shifts by one).
 * @example
 * new nn.JoinTable(1).forward([torch.randn(2, 3), torch.randn(4, 3)]); // 6x3
 */
export class JoinTable extends Module {
  dimension: number;
  nInputDims?: number;
  /** The joined size (Torch's LongStorage field `size`). */
  size: number[] = [];
  override gradInput: Tensor[] = [];

  constructor(dimension: number, nInputDims?: number) {
    super();
    this.dimension = dimension;
    this.nInputDims = nInputDims;
  }

  /** The 1-based dimension for this input (negative counts from the end; batch inputs shift it). */
  getPositiveDimension(input: Tensor[]): number {
    let dimension = this.dimension;
    if (dimension < 0) dimension = input[0].dim() + dimension + 1;
    else if (this.nInputDims !== undefined && input[0].dim() === this.nInputDims + 1) dimension += 1;
    return dimension;
  }

  override updateOutput(input: Tensor[]): Tensor {
    const dimension = this.getPositiveDimension(input);
    const size = this.size;
    input.forEach((x, i) => {
      if (i === 0) { size.length = 0; size.push(...x._size); }
      else size[dimension - 1] += x.size(dimension);
    });
    const output = (this.output as Tensor).resize(size);
    let offset = 1;
    for (const x of input) {
      const n = x.size(dimension);
      output.narrow(dimension, offset, n).copy(x);
      offset += n;
    }
    return output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    const dimension = this.getPositiveDimension(input);
    input.forEach((x, i) => {
      this.gradInput[i] ??= x.new();
      this.gradInput[i].resizeAs(x);
    });
    this.gradInput.length = input.length;
    let offset = 1;
    input.forEach((x, i) => {
      const n = x.size(dimension);
      this.gradInput[i].copy(gradOutput.narrow(dimension, offset, n));
      offset += n;
    });
    return this.gradInput;
  }

  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) this.gradInput = [];
    return super.type(type, cache);
  }
}
