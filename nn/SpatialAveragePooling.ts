/**
 * nn.SpatialAveragePooling(kW, kH[, dW = 1, dH = 1, padW = 0, padH = 0]): the mean of each kW x kH window
 * (SpatialAveragePooling.lua). Padding counts in the divisor unless `setCountExcludePad()`; `ceil()` rounds
 * the output size up.
 */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * 2-D average pooling over C x H x W or N x C x H x W.
 * @example
 * const pool = new nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1).ceil().setCountExcludePad();
 * pool.forward(torch.randn(2, 8, 8)); // 2 x 5 x 5
 */
export class SpatialAveragePooling extends Module {
  kW: number;
  kH: number;
  dW: number;
  dH: number;
  padW: number;
  padH: number;
  ceil_mode = false;
  count_include_pad = true;
  /** False only in models saved before the divisor existed: the output is then the window sum. */
  divide = true;

  constructor(kW: number, kH: number, dW = 1, dH = 1, padW = 0, padH = 0) {
    super();
    this.kW = kW;
    this.kH = kH;
    this.dW = dW;
    this.dH = dH;
    this.padW = padW;
    this.padH = padH;
  }

  /** Output sizes round up. */
  ceil(): this { this.ceil_mode = true; return this; }
  /** Output sizes round down (the default). */
  floor(): this { this.ceil_mode = false; return this; }
  /** Padding counts in the divisor (the default). */
  setCountIncludePad(): this { this.count_include_pad = true; return this; }
  /** Only input pixels count in the divisor. */
  setCountExcludePad(): this { this.count_include_pad = false; return this; }

  /** Modules saved before ceil mode and padding existed get Torch's defaults. */
  private backwardCompatible(): void {
    if (this.ceil_mode === undefined) {
      this.ceil_mode = false;
      this.count_include_pad = true;
      this.padH = 0;
      this.padW = 0;
    }
  }

  override updateOutput(input: Tensor): Tensor {
    this.backwardCompatible();
    input.THNN.SpatialAveragePooling_updateOutput(input, this.output, this.kW, this.kH, this.dW, this.dH,
      this.padW, this.padH, this.ceil_mode, this.count_include_pad);
    if (!this.divide) this.output.mul(this.kW * this.kH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SpatialAveragePooling_updateGradInput(input, gradOutput, this.gradInput, this.kW, this.kH, this.dW, this.dH,
      this.padW, this.padH, this.ceil_mode, this.count_include_pad);
    if (!this.divide) this.gradInput.mul(this.kW * this.kH);
    return this.gradInput;
  }

  override toString(): string {
    let s = `${this.__typename}(${this.kW}x${this.kH}, ${this.dW},${this.dH}`;
    if (this.padW !== 0 || this.padH !== 0) s += `, ${this.padW},${this.padH}`;
    return s + ')';
  }
}
