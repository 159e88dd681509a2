/** nn.Max(dim = 1[, nInputDims]): the max over one dim, that dim removed (Max.lua); nn.Min shares this code. */
import { torch } from '../lib/index.js';
import { LongTensor, type Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { addSingletonDimension } from './Unsqueeze.js';

/** Max and Min: a reduction along one dim that keeps the 1-based indices for the gradient. */
export abstract class DimExtreme extends Module {
  dimension: number;
  nInputDims?: number;
  _output?: Tensor;
  _indices?: Tensor;
  /** 'max' or 'min'. */
  protected abstract readonly op: 'max' | 'min';

  constructor(dimension = 1, nInputDims?: number) {
    super();
    this.dimension = dimension;
    this.nInputDims = nInputDims;
  }

  /** The positive dim for this input (negative counts from the end; a batch dim shifts it by one). */
  _getPositiveDimension(input: Tensor): number {
    let dimension = this.dimension;
    if (dimension < 0) dimension = input.dim() + dimension + 1;
    else if (this.nInputDims !== undefined && input.dim() === this.nInputDims + 1) dimension += 1;
    return dimension;
  }

  private lazyInit(): void {
    this._output ??= this.output.new();
    this._indices ??= new LongTensor();
  }

  override updateOutput(input: Tensor): Tensor {
    this.lazyInit();
    const dimension = this._getPositiveDimension(input);
    torch[this.op](this._output, this._indices, input, dimension);
    if (input.dim() > 1) this.output.set(this._output!.selectTensor(dimension, 1));
    else this.output.set(this._output);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.lazyInit();
    const dimension = this._getPositiveDimension(input);
    const view = input.dim() > 1 ? addSingletonDimension(gradOutput, dimension) : gradOutput;
    this.gradInput.resizeAs(input).zero().scatter(dimension, this._indices as LongTensor, view);
    return this.gradInput;
  }

  /** Converts the module; the index buffer stays a LongTensor (it is dropped and re-made). */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type === undefined) return super.type();
    this._indices = undefined;
    return super.type(type, cache);
  }

  override clearState(): this {
    this._indices?.set();
    this._output?.set();
    return super.clearState();
  }
}

/**
 * The maximum over dim `dimension` (negative counts from the end); with `nInputDims` and one extra
 * (batch) dim, the dim is shifted by one. The gradient goes to the (first) arg max.
 * @example
 * new nn.Max(2).forward(torch.randn(4, 5)); // size 4
 */
export class Max extends DimExtreme {
  protected readonly op = 'max';
}
