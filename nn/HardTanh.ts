/** nn.HardTanh(min_value = -1, max_value = 1, inplace = false): y = clamp(x, min, max) (HardTanh.lua). */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Clips its input to [min_val, max_val]; the gradient is zero outside the open interval.
 * @example
 * new nn.HardTanh(-0.5, 0.75).forward(torch.randn(4, 6));
 */
export class HardTanh extends Module {
  min_val: number;
  max_val: number;
  inplace: boolean;

  constructor(min_value?: number, max_value?: number, inplace?: boolean) {
    super();
    this.min_val = min_value ?? -1;
    this.max_val = max_value ?? 1;
    this.inplace = inplace ?? false;
    if (inplace && typeof inplace !== 'boolean') throw new TorchError('in-place flag must be boolean');
    if (!(this.max_val > this.min_val)) throw new TorchError('max_value must be larger than min_value');
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.HardTanh_updateOutput(input, this.output, this.min_val, this.max_val, this.inplace ?? false);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.HardTanh_updateGradInput(input, gradOutput, this.gradInput, this.min_val, this.max_val, this.inplace ?? false);
    return this.gradInput;
  }
}
