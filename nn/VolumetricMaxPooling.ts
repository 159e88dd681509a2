/**
 * nn.VolumetricMaxPooling(kT, kW, kH[, dT = kT, dW = kW, dH = kH, padT = 0, padW = 0, padH = 0]): the maximum
 * of each kT x kH x kW window of a C x T x H x W (or batch) input (VolumetricMaxPooling.lua).
 */
import { LongTensor } from '../lib/Tensor.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { indicesFor } from './targets.js';

/**
 * 3-D max pooling; `ceil()` / `floor()` pick the rounding of the output size.
 * @example
 * const pool = new nn.VolumetricMaxPooling(2, 2, 2);
 * pool.forward(torch.randn(3, 4, 8, 8)); // 3 x 2 x 4 x 4
 */
export class VolumetricMaxPooling extends Module {
  kT: number;
  kW: number;
  kH: number;
  dT: number;
  dW: number;
  dH: number;
  padT: number;
  padW: number;
  padH: number;
  ceil_mode = false;
  /** The (t, h, w) offset of each max inside its window, packed in bytes as THNN stores it. */
  indices: Tensor = new LongTensor();
  itime?: number;
  iheight?: number;
  iwidth?: number;

  constructor(kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number, padT = 0, padW = 0, padH = 0) {
    super();
    this.kT = kT;
    this.kW = kW;
    this.kH = kH;
    this.dT = dT ?? kT;
    this.dW = dW ?? kW;
    this.dH = dH ?? kH;
    this.padT = padT;
    this.padW = padW;
    this.padH = padH;
  }

  /** Output sizes round up. */
  ceil(): this { this.ceil_mode = true; return this; }
  /** Output sizes round down (the default). */
  floor(): this { this.ceil_mode = false; return this; }

  override updateOutput(input: Tensor): Tensor {
    const dims = input.dim();
    this.itime = input.size(dims - 2);
    this.iheight = input.size(dims - 1);
    this.iwidth = input.size(dims);
    this.indices = indicesFor(input, this.indices);
    input.THNN.VolumetricMaxPooling_updateOutput(input, this.output, this.indices, this.kT, this.kW, this.kH,
      this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, this.ceil_mode);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.VolumetricMaxPooling_updateGradInput(input, gradOutput, this.gradInput, this.indices, this.kT, this.kW, this.kH,
      this.dT, this.dW, this.dH, this.padT, this.padW, this.padH, this.ceil_mode);
    return this.gradInput;
  }

  /** Same as clearState (backward compatibility). */
  empty(): void { this.clearState(); }

  override clearState(): this {
    this.indices?.set();
    return super.clearState();
  }

  override toString(): string {
    let s = `${this.__typename}(${this.kT}x${this.kW}x${this.kH}, ${this.dT},${this.dW},${this.dH}`;
    if (this.padT !== 0 || this.padW !== 0 || this.padH !== 0) s += `, ${this.padT},${this.padW},${this.padH}`;
    return s + ')';
  }
}
