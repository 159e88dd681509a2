/** nn.ReLU6(inplace = false): y = min(max(x, 0), 6), with the HardTanh kernel (ReLU6.lua). */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * ReLU capped at 6.
 * @example
 * new nn.ReLU6().forward(torch.randn(4, 6).mul(5));
 */
export class ReLU6 extends Module {
  inplace: boolean;

  constructor(inplace?: boolean) {
    super();
    this.inplace = inplace ?? false;
    if (inplace && typeof inplace !== 'boolean') throw new TorchError('in-place flag must be boolean');
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.HardTanh_updateOutput(input, this.output, 0, 6, this.inplace);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.HardTanh_updateGradInput(input, gradOutput, this.gradInput, 0, 6, this.inplace);
    return this.gradInput;
  }
}
