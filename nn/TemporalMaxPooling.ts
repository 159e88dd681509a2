/**
 * nn.TemporalMaxPooling(kW[, dW = kW]): the maximum over each window of kW frames of a
 * nInputFrame x frameSize (or batch) sequence (TemporalMaxPooling.lua).
 */
import { LongTensor } from '../lib/Tensor.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { indicesFor } from './targets.js';

/**
 * 1-D max pooling along time; `indices` keeps the 0-based frame of each max inside its window.
 * @example
 * const pool = new nn.TemporalMaxPooling(2);
 * pool.forward(torch.randn(10, 5)); // 5 x 5
 */
export class TemporalMaxPooling extends Module {
  kW: number;
  dW: number;
  indices?: Tensor;

  constructor(kW: number, dW?: number) {
    super();
    this.kW = kW;
    this.dW = dW ?? kW;
  }

  override updateOutput(input: Tensor): Tensor {
    this.indices = indicesFor(input, this.indices ?? new LongTensor());
    input.THNN.TemporalMaxPooling_updateOutput(input, this.output, this.indices, this.kW, this.dW);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.indices ??= new LongTensor();
    input.THNN.TemporalMaxPooling_updateGradInput(input, gradOutput, this.gradInput, this.indices, this.kW, this.dW);
    return this.gradInput;
  }

  /** Same as clearState (backward compatibility). */
  empty(): void { this.clearState(); }

  override clearState(): this {
    this.indices?.set();
    return super.clearState();
  }
}
