/** nn.Power(p): y = x^p (Power.lua). */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Raises every element to the power p (TH's pow); dy/dx = p x^(p-1).
 * @example
 * new nn.Power(3).forward(torch.randn(4, 6));
 */
export class Power extends Module {
  /** The exponent (Torch's field name). */
  pow: number;

  constructor(p: number) {
    super();
    if (p === undefined || p === null) throw new TorchError('nn.Power(power)');
    this.pow = p;
  }

  override updateOutput(input: Tensor): Tensor {
    return (this.output as Tensor).resizeAs(input).copy(input).pow(this.pow);
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    return (this.gradInput as Tensor).resizeAs(input).copy(input).pow(this.pow - 1).cmul(gradOutput).mul(this.pow);
  }
}
