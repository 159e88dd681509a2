/**
 * nn.VolumetricDilatedMaxPooling(kT, kW, kH[, dT = kT, dW = kW, dH = kH, padT = 0, padW = 0, padH = 0, dilationT = 1,
 * dilationW = 1, dilationH = 1]): a VolumetricMaxPooling whose window taps are dilation voxels apart
 * (VolumetricDilatedMaxPooling.lua); `ceil()` / `floor()` as VolumetricMaxPooling.
 */
import type { Tensor } from '../lib/Tensor.js';
import { indicesFor } from './targets.js';
import { VolumetricMaxPooling } from './VolumetricMaxPooling.js';

/**
 * Dilated 3-D max pooling; `indices` hold each max's (t, h, w) kernel tap packed in bytes, as VolumetricMaxPooling's.
 * @example
 * const pool = new nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 0, 0, 0, 2, 2, 2);
 * pool.forward(torch.randn(3, 5, 6, 6)); // 3 x 3 x 4 x 4
 */
export class VolumetricDilatedMaxPooling extends VolumetricMaxPooling {
  dilationT: number;
  dilationW: number;
  dilationH: number;

  constructor(kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number, padT?: number, padW?: number, padH?: number,
    dilationT = 1, dilationW = 1, dilationH = 1) {
    super(kT, kW, kH, dT, dW, dH, padT, padW, padH);
    this.dilationT = dilationT;
    this.dilationW = dilationW;
    this.dilationH = dilationH;
  }

  override updateOutput(input: Tensor): Tensor {
    const dims = input.dim();
    this.itime = input.size(dims - 2);
    this.iheight = input.size(dims - 1);
    this.iwidth = input.size(dims);
    this.indices = indicesFor(input, this.indices);
    input.THNN.VolumetricDilatedMaxPooling_updateOutput(input, this.output, this.indices, this.kT, this.kW, this.kH,
      this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, this.dilationT, this.dilationW, this.dilationH, this.ceil_mode);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.VolumetricDilatedMaxPooling_updateGradInput(input, gradOutput, this.gradInput, this.indices, this.kT, this.kW, this.kH,
      this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, this.dilationT, this.dilationW, this.dilationH, this.ceil_mode);
    return this.gradInput;
  }

  override toString(): string {
    let s = `${this.__typename}(${this.kT}x${this.kW}x${this.kH}, ${this.dT},${this.dW},${this.dH}`;
    if (this.padT !== 0 || this.padW !== 0 || this.padH !== 0) s += `, ${this.padT},${this.padW},${this.padH}`;
    return `${s}, ${this.dilationT},${this.dilationW},${this.dilationH})`;
  }
}
