/** nn.Padding(dim, pad[, nInputDim[, value = 0[, index = 1]]]): inserts |pad| slices of `value` along dim (Padding.lua). */
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Pads dim `dim` with `|pad|` slices of `value`. `pad < 0` pads before slice `index` (counted from the
 * start), `pad > 0` after it (index counted from the end). With `nInputDim` and an input of another
 * dimensionality (a batch), `dim` is shifted by one.
 * @example
 * new nn.Padding(1, 2).forward(torch.ones(3));  // 1 1 1 0 0
 * new nn.Padding(1, -2).forward(torch.ones(3)); // 0 0 1 1 1
 */
export class Padding extends Module {
  value: number;
  index: number;
  dim: number;
  pad: number;
  nInputDim?: number;
  /** The output sizes of the last forward. */
  outputSize = new LongStorage();

  constructor(dim: number, pad: number, nInputDim?: number, value = 0, index = 1) {
    super();
    this.value = value;
    this.index = index;
    this.dim = dim;
    this.pad = pad;
    this.nInputDim = nInputDim;
  }

  /** `[dim, index, pad]` resolved for this input (index from the start, pad >= 0). */
  private where(input: Tensor): [number, number, number] {
    let dim = this.dim;
    if (this.nInputDim !== undefined && input.dim() !== this.nInputDim) dim += 1;
    let index = this.index, pad = this.pad;
    if (pad > 0) index = input.size(dim) - index + 2;
    else pad = -pad;
    return [dim, index, pad];
  }

  override updateOutput(input: Tensor): Tensor {
    const [dim, index, pad] = this.where(input);
    this.outputSize.resize(input.dim());
    this.outputSize.data.set(input._size);
    this.outputSize.data[dim - 1] += Math.abs(this.pad);
    this.output.resize(this.outputSize).fill(this.value);
    const n = input.size(dim);
    if (index === 1) {
      this.output.narrow(dim, 1 + pad, n).copy(input);
    } else if (index === n + 1) {
      this.output.narrow(dim, 1, n).copy(input);
    } else {
      this.output.narrow(dim, 1, index - 1).copy(input.narrow(dim, 1, index - 1));
      this.output.narrow(dim, index + pad, n - (index - 1)).copy(input.narrow(dim, index, n - (index - 1)));
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [dim, index, pad] = this.where(input);
    this.gradInput.resizeAs(input);
    const n = input.size(dim);
    if (index === 1) {
      this.gradInput.copy(gradOutput.narrow(dim, 1 + pad, n));
    } else if (index === n + 1) {
      this.gradInput.copy(gradOutput.narrow(dim, 1, n));
    } else {
      this.gradInput.narrow(dim, 1, index - 1).copy(gradOutput.narrow(dim, 1, index - 1));
      this.gradInput.narrow(dim, index, n - (index - 1)).copy(gradOutput.narrow(dim, index + pad, n - (index - 1)));
    }
    return this.gradInput;
  }
}
