/**
 * nn.SpatialZeroPadding(padLeft[, padRight = padLeft, padTop = padLeft, padBottom = padLeft]): pads the
 * last two dims of a 3-D or 4-D input with zeros; negative pads crop (SpatialZeroPadding.lua).
 */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { SpatialPaddingBase } from './SpatialPaddingBase.js';

/**
 * Zero padding (or cropping, with negative pads) of images.
 * @example
 * const pad = new nn.SpatialZeroPadding(1, 1, -1, 0);
 * pad.forward(torch.randn(3, 4, 4)); // 3 x 3 x 6
 */
export class SpatialZeroPadding extends SpatialPaddingBase {
  /** The region of `big` (padded) and of `small` (cropped) that correspond, for dims h and w (1-based). */
  private crop(small: Tensor, big: Tensor, h: number, w: number): [Tensor, Tensor] {
    const { pad_l: l, pad_r: r, pad_t: t, pad_b: b } = this;
    let s = small, p = big;
    if (t < 0) s = s.narrow(h, 1 - t, s.size(h) + t);
    if (b < 0) s = s.narrow(h, 1, s.size(h) + b);
    if (l < 0) s = s.narrow(w, 1 - l, s.size(w) + l);
    if (r < 0) s = s.narrow(w, 1, s.size(w) + r);
    if (t > 0) p = p.narrow(h, 1 + t, p.size(h) - t);
    if (b > 0) p = p.narrow(h, 1, p.size(h) - b);
    if (l > 0) p = p.narrow(w, 1 + l, p.size(w) - l);
    if (r > 0) p = p.narrow(w, 1, p.size(w) - r);
    return [s, p];
  }

  override updateOutput(input: Tensor): Tensor {
    const n = input.dim();
    if (n !== 3 && n !== 4) throw new TorchError('input must be 3 or 4-dimensional');
    const h = input.size(n - 1) + this.pad_t + this.pad_b;
    const w = input.size(n) + this.pad_l + this.pad_r;
    if (w < 1 || h < 1) throw new TorchError('input is too small');
    if (n === 3) this.output.resize(input.size(1), h, w);
    else this.output.resize(input.size(1), input.size(2), h, w);
    this.output.zero();
    const [cInput, cOutput] = this.crop(input, this.output, n - 1, n);
    cOutput.copy(cInput);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const n = input.dim();
    if (n !== 3 && n !== 4) throw new TorchError('input must be 3 or 4-dimensional');
    this.gradInput.resizeAs(input).zero();
    const [cgInput, cgOutput] = this.crop(this.gradInput, gradOutput, n - 1, n);
    cgInput.copy(cgOutput);
    return this.gradInput;
  }
}
