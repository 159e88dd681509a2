/** nn.Collapse(nInputDim): collapses the non-batch dims into one (Collapse.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * A view of the input as a vector, or, when it has more than `nInputDim` dims, as batch x rest (the
 * first dim kept). A non-contiguous input is first copied into `_input`. The gradient is gradOutput
 * viewed with the input's size.
 * @example
 * new nn.Collapse(3).forward(torch.randn(8, 3, 4, 5)); // 8x60
 * new nn.Collapse(3).forward(torch.randn(3, 4, 5));    // 60
 */
export class Collapse extends Module {
  nInputDim: number;
  _input?: Tensor;

  constructor(nInputDim: number) {
    super();
    this.nInputDim = nInputDim;
  }

  override updateOutput(input: Tensor): Tensor {
    if (!input.isContiguous()) {
      this._input ??= input.new();
      this._input.resize(input.size()).copy(input);
      input = this._input;
    }
    if (input.dim() > this.nInputDim) this.output.set(input.view(input.size(1), -1));
    else this.output.set(input.view(-1));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.set(gradOutput.view(input.size()));
    return this.gradInput;
  }

  /**
   * Drops `_input` as Lua does, and, unlike Collapse.lua (which returns nothing and keeps them), also
   * empties output and gradInput and returns self, as Module:clearState's contract says.
   */
  override clearState(): this {
    this._input = undefined;
    return super.clearState();
  }
}
