/** nn.Threshold(th = 1e-6, v = 0, inplace = false): y = x > th ? x : v. */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * y = x > threshold ? x : val (strict >); in place (val must not exceed threshold) it overwrites its input.
 * @example
 * new nn.Threshold(0.1, -2).forward(torch.randn(4, 6));
 */
export class Threshold extends Module {
  threshold: number;
  val: number;
  inplace: boolean;

  constructor(th?: number, v?: number, ip?: boolean) {
    super();
    if ((th !== undefined && typeof th !== 'number') || (v !== undefined && typeof v !== 'number')) {
      throw new TorchError('nn.Threshold(threshold, value)');
    }
    if (ip !== undefined && typeof ip !== 'boolean') throw new TorchError('in-place flag must be boolean');
    this.threshold = th ?? 1e-6;
    this.val = v ?? 0;
    this.inplace = ip ?? false;
    this.validateParameters();
  }

  /** In-place processing needs val <= threshold. */
  validateParameters(): void {
    this.inplace = this.inplace ?? false;
    if (this.inplace && this.val > this.threshold) {
      throw new TorchError(`in-place processing requires value (${this.val}) not exceed threshold (${this.threshold})`);
    }
  }

  override updateOutput(input: Tensor): Tensor {
    this.validateParameters();
    input.THNN.Threshold_updateOutput(input, this.output, this.threshold, this.val, this.inplace);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.validateParameters();
    input.THNN.Threshold_updateGradInput(input, gradOutput, this.gradInput, this.threshold, this.val, this.inplace);
    return this.gradInput;
  }
}
