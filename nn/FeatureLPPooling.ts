/**
 * nn.FeatureLPPooling(width, stride, power, batch_mode): an Lp norm over windows of `width` features
 * taken every `stride` features (FeatureLPPooling.lua), output[f] = (Σ_i input[f·stride + i]^power)^(1/power);
 * the feature dimension is the first (the second in batch mode) and shrinks to (n - width)/stride + 1.
 */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Lp pooling across features.
 * @example
 * const pool = new nn.FeatureLPPooling(2, 2, 2, true);
 * pool.forward(torch.randn(8, 6, 5, 5)); // 8 x 3 x 5 x 5
 */
export class FeatureLPPooling extends Module {
  width: number;
  stride: number;
  power: number;
  batch_mode: boolean;

  constructor(width: number, stride: number, power: number, batch_mode: boolean) {
    super();
    if (width < 2 || width > 16) throw new TorchError('width must be within 2 to 16');
    if (stride < 1 || stride > 4) throw new TorchError('stride must be within 1 to 4');
    this.width = width;
    this.stride = stride;
    this.power = power;
    this.batch_mode = batch_mode;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.FeatureLPPooling_updateOutput(input, this.output, this.power, this.width, this.stride, !!this.batch_mode);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.FeatureLPPooling_updateGradInput(gradOutput, input, this.output, this.gradInput, this.power, this.width,
      this.stride, !!this.batch_mode);
    return this.gradInput;
  }

  /** Torch's format, `nn.FeatureLPPooling(w2 s1 power 2 batch 1` (no closing parenthesis there either). */
  override toString(): string {
    const d = (v: number | boolean): number => Math.trunc(Number(v));
    return `${this.__typename}(w${d(this.width)} s${d(this.stride)} power ${d(this.power)} batch ${d(this.batch_mode)}`;
  }
}
