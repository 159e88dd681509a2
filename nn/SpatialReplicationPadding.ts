/**
 * nn.SpatialReplicationPadding(padLeft[, padRight = padLeft, padTop = padLeft, padBottom = padLeft]): pads the
 * last two dims of a 3-D or 4-D input by repeating the border pixels (SpatialReplicationPadding.lua).
 */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Replication padding of images.
 * @example
 * const pad = new nn.SpatialReplicationPadding(2, 2, 1, 1);
 * pad.forward(torch.randn(3, 4, 4)); // 3 x 6 x 8
 */
export class SpatialReplicationPadding extends Module {
  pad_l: number;
  pad_r: number;
  pad_t: number;
  pad_b: number;

  constructor(padL: number, padR?: number, padT?: number, padB?: number) {
    super();
    this.pad_l = padL;
    this.pad_r = padR ?? padL;
    this.pad_t = padT ?? padL;
    this.pad_b = padB ?? padL;
  }

  override updateOutput(input: Tensor): Tensor {
    if (input.dim() !== 3 && input.dim() !== 4) throw new TorchError('input must be 3 or 4-dimensional');
    input.THNN.SpatialReplicationPadding_updateOutput(input, this.output, this.pad_l, this.pad_r, this.pad_t, this.pad_b);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const n = input.dim();
    if ((n !== 3 && n !== 4) || gradOutput.dim() !== n) {
      throw new TorchError('input and gradOutput must be 3 or 4-dimensional and have equal number of dimensions');
    }
    const ok = input.size(1) === gradOutput.size(1) && (n === 3 || input.size(2) === gradOutput.size(2)) &&
      input.size(n - 1) + this.pad_t + this.pad_b === gradOutput.size(n - 1) &&
      input.size(n) + this.pad_l + this.pad_r === gradOutput.size(n);
    if (!ok) throw new TorchError('input and gradOutput must be compatible in size');
    input.THNN.SpatialReplicationPadding_updateGradInput(input, gradOutput, this.gradInput, this.pad_l, this.pad_r, this.pad_t, this.pad_b);
    return this.gradInput;
  }

  override toString(): string {
    return `${this.__typename}(l=${this.pad_l}, r=${this.pad_r}, t=${this.pad_t}, b=${this.pad_b})`;
  }
}
