/**
 * nn.SpatialMaxPooling(kW, kH[, dW = kW, dH = kH, padW = 0, padH = 0]): the maximum of each kW x kH
 * window (SpatialMaxPooling.lua); `ceil()` / `floor()` pick the rounding of the output size.
 */
import { LongTensor } from '../lib/Tensor.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { indicesFor } from './targets.js';

/**
 * 2-D max pooling over C x H x W or N x C x H x W; `indices` keeps where each max came from.
 * @example
 * const pool = new nn.SpatialMaxPooling(2, 2, 2, 2);
 * pool.forward(torch.randn(3, 8, 8)); // 3 x 4 x 4
 */
export class SpatialMaxPooling extends Module {
  kW: number;
  kH: number;
  dW: number;
  dH: number;
  padW: number;
  padH: number;
  ceil_mode = false;
  /** 1-based position of each maximum inside its input plane (a LongTensor shaped like the output). */
  indices: Tensor = new LongTensor();
  iheight?: number;
  iwidth?: number;

  constructor(kW: number, kH: number, dW?: number, dH?: number, padW = 0, padH = 0) {
    super();
    this.kW = kW;
    this.kH = kH;
    this.dW = dW ?? kW;
    this.dH = dH ?? kH;
    this.padW = padW;
    this.padH = padH;
  }

  /** Output sizes round up. */
  ceil(): this { this.ceil_mode = true; return this; }
  /** Output sizes round down (the default). */
  floor(): this { this.ceil_mode = false; return this; }

  override updateOutput(input: Tensor): Tensor {
    this.indices = indicesFor(input, this.indices);
    const dims = input.dim();
    this.iheight = input.size(dims - 1);
    this.iwidth = input.size(dims);
    this.ceil_mode ??= false;
    this.padW ??= 0;
    this.padH ??= 0;
    input.THNN.SpatialMaxPooling_updateOutput(input, this.output, this.indices, this.kW, this.kH, this.dW, this.dH,
      this.padW, this.padH, this.ceil_mode);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SpatialMaxPooling_updateGradInput(input, gradOutput, this.gradInput, this.indices, this.kW, this.kH,
      this.dW, this.dH, this.padW, this.padH, this.ceil_mode);
    return this.gradInput;
  }

  /** Same as clearState (backward compatibility). */
  empty(): void { this.clearState(); }

  override clearState(): this {
    this.indices?.set();
    return super.clearState();
  }

  override toString(): string {
    let s = `${this.__typename}(${this.kW}x${this.kH}, ${this.dW},${this.dH}`;
    if (this.padW !== 0 || this.padH !== 0) s += `, ${this.padW},${this.padH}`;
    return s + ')';
  }
}
