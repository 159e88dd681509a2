/**
 * nn.SpatialAdaptiveMaxPooling(W, H): max pooling whose windows adapt so the output is H x W whatever the
 * input size (SpatialAdaptiveMaxPooling.lua); window i spans floor(i*iH/H) .. ceil((i+1)*iH/H).
 */
import { LongTensor } from '../lib/Tensor.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { indicesFor } from './targets.js';

/**
 * Adaptive 2-D max pooling over C x H x W or N x C x H x W.
 * @example
 * const pool = new nn.SpatialAdaptiveMaxPooling(4, 3);
 * pool.forward(torch.randn(2, 10, 9)); // 2 x 3 x 4
 */
export class SpatialAdaptiveMaxPooling extends Module {
  W: number;
  H: number;
  /** 2 x (output size): the 1-based row, then column, of each max inside its window. */
  indices?: Tensor;

  constructor(W: number, H: number) {
    super();
    this.W = W;
    this.H = H;
  }

  override updateOutput(input: Tensor): Tensor {
    this.indices = indicesFor(input, this.indices ?? new LongTensor());
    input.THNN.SpatialAdaptiveMaxPooling_updateOutput(input, this.output, this.indices, this.W, this.H);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.indices ??= new LongTensor();
    input.THNN.SpatialAdaptiveMaxPooling_updateGradInput(input, gradOutput, this.gradInput, this.indices);
    return this.gradInput;
  }

  /** Same as clearState (backward compatibility). */
  empty(): void { this.clearState(); }

  override clearState(): this {
    this.indices?.set();
    return super.clearState();
  }
}
