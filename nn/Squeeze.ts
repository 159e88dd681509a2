/** nn.Squeeze([dim[, numInputDims]]): removes size-1 dims (or only dim `dim`) as a view (Squeeze.lua). */
import { check } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Squeezes the input. With `numInputDims` and one extra (batch) dim, `dim` is shifted by one, and a
 * batch of size 1 keeps its batch dim when squeezing all dims.
 * @example
 * new nn.Squeeze().forward(torch.randn(2, 1, 3)); // 2x3
 */
export class Squeeze extends Module {
  dim?: number;
  numInputDims?: number;

  constructor(dim?: number, numInputDims?: number) {
    super();
    this.dim = dim;
    this.setNumInputDims(numInputDims);
  }

  /** The number of dims of one sample. */
  setNumInputDims(numInputDims?: number): this {
    this.numInputDims = numInputDims;
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    check(input instanceof Tensor, 'Squeeze only works on tensors');
    let dim = this.dim;
    let addone = false;
    if (this.numInputDims !== undefined && input.dim() === this.numInputDims + 1) {
      if (dim !== undefined) dim += 1;
      else if (input.size(1) === 1) addone = true; // a minibatch of size 1
    }
    this.output.set(dim !== undefined ? input.squeeze(dim) : input.squeeze());
    if (addone) this.output.set(this.output.view([1, ...this.output._size]));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    check(input instanceof Tensor, 'Squeeze only works on tensors');
    check(gradOutput instanceof Tensor, 'Squeeze only works on tensors');
    check(input.nElement() === gradOutput.nElement(), 'assertion failed!');
    this.gradInput.set(gradOutput.view(input.size()));
    return this.gradInput;
  }
}
