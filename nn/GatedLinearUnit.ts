/** nn.GatedLinearUnit(dim = last): splits dim into halves a, b and returns a * sigmoid(b) (GatedLinearUnit.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Gated linear unit (Dauphin et al.); the halved dim (1-based, default the last) must be even.
 * @example
 * new nn.GatedLinearUnit().forward(torch.randn(4, 10)); // 4x5
 */
export class GatedLinearUnit extends Module {
  dim?: number;

  constructor(dim?: number) {
    super();
    this.dim = dim;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.GatedLinear_updateOutput(input, this.output, this.dim ?? input.dim());
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.GatedLinear_updateGradInput(input, gradOutput, this.gradInput, this.dim ?? input.dim());
    return this.gradInput;
  }
}
