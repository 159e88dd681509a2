/** nn.PReLU(nOutputPlane = 0): y = x > 0 ? x : w * x with a learnt slope w (PReLU.lua). */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clear } from './utils.js';

/**
 * Parametric ReLU: one slope shared by every element (nOutputPlane = 0), or one per input plane
 * (dim 1 of a 1-D input, dim 2 otherwise). Slopes start at 0.25.
 * @example
 * const p = new nn.PReLU(3);
 * p.forward(torch.randn(8, 3, 5, 5));
 */
export class PReLU extends Module {
  nOutputPlane: number;
  declare weight: Tensor;
  declare gradWeight: Tensor;
  gradWeightBuf?: Tensor;
  gradWeightBuf2?: Tensor;

  constructor(nOutputPlane?: number) {
    super();
    this.nOutputPlane = nOutputPlane ?? 0;
    this.weight = newDefault().resize(nOutputPlane || 1).fill(0.25);
    this.gradWeight = newDefault().resize(nOutputPlane || 1).zero();
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.PReLU_updateOutput(input, this.output, this.weight, this.nOutputPlane);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.PReLU_updateGradInput(input, gradOutput, this.gradInput, this.weight, this.nOutputPlane);
    return this.gradInput;
  }
  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.gradWeightBuf ??= input.new();
    this.gradWeightBuf2 ??= input.new();
    input.THNN.PReLU_accGradParameters(input, gradOutput, this.gradInput, this.weight, this.gradWeight,
      this.gradWeightBuf, this.gradWeightBuf2, this.nOutputPlane, scale);
  }
  override clearState(): this {
    clear(this as unknown as Record<string, unknown>, 'gradWeightBuf', 'gradWeightBuf2');
    return super.clearState();
  }
}
