/**
 * The shared code of nn.SpatialZeroPadding, nn.SpatialReflectionPadding and nn.SpatialReplicationPadding:
 * the four pads (padLeft[, padRight = padLeft, padTop = padLeft, padBottom = padLeft]) and the printout, and
 * for the two THNN-backed paddings the kernel calls and the shape checks.
 */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/** Padding of the last two dims of a 3-D or 4-D input by `pad_l`, `pad_r`, `pad_t`, `pad_b`. */
export abstract class SpatialPaddingBase extends Module {
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

  override toString(): string {
    return `${this.__typename}(l=${this.pad_l}, r=${this.pad_r}, t=${this.pad_t}, b=${this.pad_b})`;
  }
}

/** A padding computed by the THNN kernels `<kernel>_updateOutput` / `<kernel>_updateGradInput`. */
export abstract class THNNSpatialPadding extends SpatialPaddingBase {
  /** The THNN kernel name. */
  protected abstract get kernel(): 'SpatialReflectionPadding' | 'SpatialReplicationPadding';

  override updateOutput(input: Tensor): Tensor {
    if (input.dim() !== 3 && input.dim() !== 4) throw new TorchError('input must be 3 or 4-dimensional');
    input.THNN[`${this.kernel}_updateOutput`](input, this.output, this.pad_l, this.pad_r, this.pad_t, this.pad_b);
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
    input.THNN[`${this.kernel}_updateGradInput`](input, gradOutput, this.gradInput, this.pad_l, this.pad_r, this.pad_t, this.pad_b);
    return this.gradInput;
  }
}
