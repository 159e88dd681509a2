/** nn.Constant(value[, nInputDim]): outputs a fixed tensor, whatever the input (Constant.lua). */
import { newDefault } from '../lib/defaults.js';
import { check } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Outputs `value` (a number becomes the 1-element tensor `torch.Tensor{value}`). With `nInputDim` and
 * an input of more dims, the first input dim is a batch: the value is replicated once per sample.
 * The gradient w.r.t. the input is zero. Use it with nn.ConcatTable to append a constant input.
 * @example
 * new nn.Constant(torch.Tensor([1, 2]), 1).forward(torch.randn(3, 5)); // 3x2, each row 1 2
 */
export class Constant extends Module {
  value: Tensor;
  nInputDim?: number;

  constructor(value: number | Tensor, nInputDim?: number) {
    super();
    const v = typeof value === 'number' ? newDefault().resize(1).fill(value) : value;
    check(v instanceof Tensor, 'Expecting number or tensor at arg 1');
    this.value = v;
    this.nInputDim = nInputDim;
  }

  override updateOutput(input: Tensor): Tensor {
    if (this.nInputDim != null && input.dim() > this.nInputDim) {
      const vsize = this.value.size().totable();
      this.output.resize(input.size(1), ...vsize);
      const value = this.value.view(1, ...vsize);
      this.output.copy(value.expand(this.output.size()));
    } else {
      this.output.resize(this.value.size()).copy(this.value);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, _gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input).zero();
    return this.gradInput;
  }
}
