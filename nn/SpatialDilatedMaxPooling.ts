/**
 * nn.SpatialDilatedMaxPooling(kW, kH[, dW = kW, dH = kH, padW = 0, padH = 0, dilationW = 1, dilationH = 1]):
 * max pooling whose window taps are dilationW / dilationH pixels apart (SpatialDilatedMaxPooling.lua,
 * a SpatialMaxPooling with THNN's SpatialDilatedMaxPooling kernels); `ceil()` / `floor()` as SpatialMaxPooling.
 */
import type { Tensor } from '../lib/Tensor.js';
import { SpatialMaxPooling } from './SpatialMaxPooling.js';
import { indicesFor } from './targets.js';

/**
 * Dilated 2-D max pooling over C x H x W or N x C x H x W; `indices` as SpatialMaxPooling's.
 * @example
 * const pool = new nn.SpatialDilatedMaxPooling(3, 3, 1, 1, 0, 0, 2, 2);
 * pool.forward(torch.randn(2, 9, 9)); // 2 x 5 x 5
 */
export class SpatialDilatedMaxPooling extends SpatialMaxPooling {
  dilationW: number;
  dilationH: number;

  constructor(kW: number, kH: number, dW?: number, dH?: number, padW = 0, padH = 0, dilationW = 1, dilationH = 1) {
    super(kW, kH, dW, dH, padW, padH);
    this.dilationW = dilationW;
    this.dilationH = dilationH;
  }

  override updateOutput(input: Tensor): Tensor {
    this.indices = indicesFor(input, this.indices);
    const dims = input.dim();
    this.iheight = input.size(dims - 1);
    this.iwidth = input.size(dims);
    input.THNN.SpatialDilatedMaxPooling_updateOutput(input, this.output, this.indices, this.kW, this.kH, this.dW, this.dH,
      this.padW, this.padH, this.dilationW, this.dilationH, this.ceil_mode);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SpatialDilatedMaxPooling_updateGradInput(input, gradOutput, this.gradInput, this.indices, this.kW, this.kH,
      this.dW, this.dH, this.padW, this.padH, this.dilationW, this.dilationH, this.ceil_mode);
    return this.gradInput;
  }

  override toString(): string {
    let s = `${this.__typename}(${this.kW}x${this.kH}, ${this.dW},${this.dH}`;
    if (this.padW !== 0 || this.padH !== 0) s += `, ${this.padW},${this.padH}`;
    return `${s}, ${this.dilationW},${this.dilationH})`;
  }
}
