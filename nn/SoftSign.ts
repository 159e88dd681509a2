/** nn.SoftSign: y = x / (1 + |x|) (SoftSign.lua, with the tensor API). */
import { clear } from './utils.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * y = x / (1 + |x|), elementwise; dy/dx = 1 / (1 + |x|)^2.
 * @example
 * new nn.SoftSign().forward(torch.randn(4, 6));
 */
export class SoftSign extends Module {
  /** 1 + |x|. */
  temp?: Tensor;
  /** (1 + |x|)^2. */
  tempgrad?: Tensor;

  override updateOutput(input: Tensor): Tensor {
    this.temp ??= input.new();
    this.temp.resizeAs(input).copy(input).abs().add(1);
    this.output.resizeAs(input).copy(input).cdiv(this.temp);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.tempgrad ??= input.new();
    const tg = this.tempgrad;
    tg.resizeAs(this.output).copy(input).abs().add(1).cmul(tg);
    this.gradInput.resizeAs(input).copy(gradOutput).cdiv(tg);
    return this.gradInput;
  }
  override clearState(): this {
    clear(this as unknown as Record<string, unknown>, 'temp', 'tempgrad');
    return super.clearState();
  }
}
