/** nn.Sum(dim = 1[, nInputDims[, sizeAverage = false[, squeeze = true]]]): the sum over one dim (Sum.lua). */
import { check } from '../lib/errors.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Sums (or averages, with `sizeAverage`) over dim `dimension`; the dim is removed unless `squeeze` is
 * false or the input is a vector. A negative dim counts from the end; with `nInputDims` and one extra
 * (batch) dim, the dim is shifted by one.
 * @example
 * new nn.Sum(2).forward(torch.ones(4, 5)); // size 4, all 5
 */
export class Sum extends Module {
  dimension: number;
  nInputDims?: number;
  sizeAverage: boolean;
  squeeze: boolean;
  _gradOutput?: Tensor;

  constructor(dimension = 1, nInputDims?: number, sizeAverage = false, squeeze?: boolean) {
    super();
    this.dimension = dimension;
    this.nInputDims = nInputDims;
    this.sizeAverage = sizeAverage;
    if (squeeze !== undefined) check(typeof squeeze === 'boolean', 'squeeze has to be true/false');
    this.squeeze = squeeze ?? true;
  }

  /** The positive dim for this input. */
  _getPositiveDimension(input: Tensor): number {
    let dimension = this.dimension;
    if (dimension < 0) dimension = input.dim() + dimension + 1;
    else if (this.nInputDims !== undefined && input.dim() === this.nInputDims + 1) dimension += 1;
    check(input.dim() >= dimension, 'dimension exceeds input dimensions');
    return dimension;
  }

  override updateOutput(input: Tensor): Tensor {
    const dimension = this._getPositiveDimension(input);
    torch.sum(this.output, input, dimension);
    if (this.sizeAverage) this.output.div(input.size(dimension));
    if (this.squeeze && this.output.dim() > 1) this.output.set(this.output.select(dimension, 1));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const dimension = this._getPositiveDimension(input);
    const size = input._size.slice();
    size[dimension - 1] = 1;
    if (!gradOutput.isContiguous()) {
      this._gradOutput ??= gradOutput.new();
      this._gradOutput.resizeAs(gradOutput).copy(gradOutput);
      gradOutput = this._gradOutput;
    }
    this.gradInput.resizeAs(input).copy(gradOutput.view(size).expandAs(input));
    if (this.sizeAverage) this.gradInput.div(input.size(dimension));
    return this.gradInput;
  }

  override clearState(): this {
    this._gradOutput?.set();
    return super.clearState();
  }
}
