/**
 * nn.SpatialAdaptiveAveragePooling(W, H): average pooling whose windows adapt so the output is H x W
 * whatever the input size (SpatialAdaptiveAveragePooling.lua).
 */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Adaptive 2-D average pooling over C x H x W or N x C x H x W.
 * @example
 * const pool = new nn.SpatialAdaptiveAveragePooling(1, 1);
 * pool.forward(torch.randn(8, 16, 7, 7)); // 8 x 16 x 1 x 1 (global average pooling)
 */
export class SpatialAdaptiveAveragePooling extends Module {
  W: number;
  H: number;

  constructor(W: number, H: number) {
    super();
    this.W = W;
    this.H = H;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.SpatialAdaptiveAveragePooling_updateOutput(input, this.output, this.W, this.H);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SpatialAdaptiveAveragePooling_updateGradInput(input, gradOutput, this.gradInput);
    return this.gradInput;
  }

  /** Same as clearState (backward compatibility). */
  empty(): void { this.clearState(); }
}
