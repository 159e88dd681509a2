/** nn.Unsqueeze(pos[, numInputDims]): inserts a size-1 dim at `pos`, as a view (Unsqueeze.lua). */
import { check, TorchError } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `nn.utils.addSingletonDimension([view,] t, dim = 1)`: `view` (or a new tensor) set to `t` with a
 * size-1 dim inserted at `dim`, sharing t's storage.
 * @example
 * addSingletonDimension(torch.randn(3, 4), 2); // 3x1x4
 */
export function addSingletonDimension(...args: (Tensor | number | undefined)[]): Tensor {
  let view: Tensor | undefined, t: Tensor, dim: number | undefined;
  if (args.length < 3) {
    [t, dim] = args as [Tensor, number | undefined];
  } else {
    [view, t, dim] = args as [Tensor, Tensor, number | undefined];
    check(view instanceof Tensor, `output tensor expected, got ${typeof view}`);
  }
  check(t instanceof Tensor, 'input tensor expected');
  dim ??= 1;
  check(dim > 0 && dim <= t.dim() + 1, `invalid dimension: ${dim}. Tensor is of ${t.dim()} dimensions.`);
  view ??= t.new();
  const size = t._size.slice(), stride = t._stride.slice();
  size.splice(dim - 1, 0, 1);
  stride.splice(dim - 1, 0, 1);
  return view.set(t.storage(), t.storageOffset(), size, stride);
}

/**
 * Adds a singleton dim at `pos` of each sample; with `numInputDims`, leading (batch) dims shift `pos`.
 * @example
 * new nn.Unsqueeze(2).forward(torch.randn(3, 4));                   // 3x1x4
 * new nn.Unsqueeze(1, 2).forward(torch.randn(8, 3, 4));             // 8x1x3x4
 */
export class Unsqueeze extends Module {
  pos: number;
  numInputDims?: number;

  constructor(pos: number, numInputDims?: number) {
    super();
    if (pos === undefined) throw new TorchError('the position to insert singleton dim not specified');
    this.pos = pos;
    this.setNumInputDims(numInputDims);
  }

  /** The number of dims of one sample. */
  setNumInputDims(numInputDims?: number): this {
    this.numInputDims = numInputDims;
    return this;
  }

  /** The insertion dim for this input (sets numInputDims to input.dim() on first use, as Torch). */
  _getActualPosition(input: Tensor): number {
    const inputDim = input.dim();
    this.numInputDims ??= inputDim;
    const offsetDim = inputDim - this.numInputDims;
    check(offsetDim >= 0, 'input feature map dim (numInputDims) must be <= input:dim()');
    const actualPos = this.pos + offsetDim;
    check(actualPos >= 1 && actualPos <= inputDim + 1,
      `Invalid position: ${this.pos}. input:dim() is ${inputDim}, input feature map dim (numInputDims) is ${this.numInputDims}.`);
    return actualPos;
  }

  override updateOutput(input: Tensor): Tensor {
    check(input instanceof Tensor, 'This module only works on tensor');
    addSingletonDimension(this.output, input, this._getActualPosition(input));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    check(input instanceof Tensor, 'This module only works on tensor');
    check(gradOutput instanceof Tensor, 'This module only works on tensor');
    check(input.nElement() === gradOutput.nElement(), 'assertion failed!');
    this.gradInput.set(gradOutput.view(input.size()));
    return this.gradInput;
  }

  override toString(): string {
    return `${this.__typename}(dim ${this.pos})`;
  }
}
