/** nn.TanhShrink: y = x - tanh(x), through a child nn.Tanh (TanhShrink.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { Tanh } from './Tanh.js';

/**
 * y = x - tanh(x), elementwise.
 * @example
 * new nn.TanhShrink().forward(torch.randn(4, 6));
 */
export class TanhShrink extends Module {
  tanh = new Tanh();

  override updateOutput(input: Tensor): Tensor {
    const th = this.tanh.updateOutput(input);
    this.output.resizeAs(input).copy(input);
    this.output.add(-1, th);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const dth = this.tanh.updateGradInput(input, gradOutput);
    this.gradInput.resizeAs(input).copy(gradOutput);
    this.gradInput.add(-1, dth);
    return this.gradInput;
  }
  /** Also empties the child Tanh's buffers. */
  override clearState(): this {
    this.tanh.clearState();
    return super.clearState();
  }
}
