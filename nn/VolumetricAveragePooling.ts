/**
 * nn.VolumetricAveragePooling(kT, kW, kH[, dT = kT, dW = kW, dH = kH]): the mean of each kT x kH x kW window
 * of a C x T x H x W (or N x C x T x H x W) input (VolumetricAveragePooling.lua: no padding, floor
 * rounding, the padding counted in the divisor).
 */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * 3-D average pooling.
 * @example
 * const pool = new nn.VolumetricAveragePooling(2, 2, 2);
 * pool.forward(torch.randn(3, 4, 8, 8)); // 3 x 2 x 4 x 4
 */
export class VolumetricAveragePooling extends Module {
  kT: number;
  kH: number;
  kW: number;
  dT: number;
  dW: number;
  dH: number;
  /** Absent in Torch's module (it pools without padding); printed by toString when a loaded file sets them. */
  padT?: number;
  padW?: number;
  padH?: number;

  constructor(kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number) {
    super();
    this.kT = kT;
    this.kH = kH;
    this.kW = kW;
    this.dT = dT ?? kT;
    this.dW = dW ?? kW;
    this.dH = dH ?? kH;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.VolumetricAveragePooling_updateOutput(input, this.output, this.kT, this.kW, this.kH,
      this.dT, this.dW, this.dH, 0, 0, 0, false, true);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.VolumetricAveragePooling_updateGradInput(input, gradOutput, this.gradInput, this.kT, this.kW, this.kH,
      this.dT, this.dW, this.dH, 0, 0, 0, false, true);
    return this.gradInput;
  }

  /** Torch's `empty()`: clearState. */
  empty(): this {
    return this.clearState();
  }

  override toString(): string {
    let s = `${this.__typename}(${this.kT}x${this.kW}x${this.kH}, ${this.dT},${this.dW},${this.dH}`;
    const pads = [this.padT, this.padW, this.padH];
    if (pads.some((p) => p !== undefined) && pads.some((p) => p !== 0)) s += `, ${this.padT},${this.padW},${this.padH}`;
    return s + ')';
  }
}
