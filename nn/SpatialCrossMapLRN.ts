/**
 * nn.SpatialCrossMapLRN(size[, alpha = 1e-4, beta = 0.75, k = 1]): AlexNet's local response normalisation
 * across feature maps, y = x / (k + alpha/size * sum of x^2 over `size` neighbouring maps)^beta
 * (SpatialCrossMapLRN.lua; on the CPU Torch computes it with tensor operations, as here).
 */
import { TorchError } from '../lib/errors.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clear } from './utils.js';

/** `nn.utils.addSingletonDimension(t)`: a view of t with a leading dim of size 1. */
const batched = (t: Tensor): Tensor => t.view(1, ...t._size);

/**
 * Cross-channel LRN on C x H x W or N x C x H x W inputs.
 * @example
 * const lrn = new nn.SpatialCrossMapLRN(5, 1e-4, 0.75, 2);
 * lrn.forward(torch.randn(2, 8, 6, 6)); // 2 x 8 x 6 x 6
 */
export class SpatialCrossMapLRN extends Module {
  size: number;
  alpha: number;
  beta: number;
  k: number;
  /** k + alpha/size * (windowed sum of squares), kept for the backward pass. */
  scale?: Tensor;
  paddedRatio?: Tensor;
  accumRatio?: Tensor;

  constructor(size: number, alpha = 0.0001, beta = 0.75, k = 1) {
    super();
    this.size = size;
    this.alpha = alpha;
    this.beta = beta;
    this.k = k;
  }

  override updateOutput(input: Tensor): Tensor {
    if (input.dim() !== 3 && input.dim() !== 4) throw new TorchError('Input must be 3D or 4D');
    this.scale ??= input.new();
    const isBatch = input.dim() === 4;
    if (!isBatch) input = batched(input);
    const channels = input.size(2);
    this.output.resizeAs(input);
    this.scale.resizeAs(input);
    const inputSquare = this.output.pow(input, 2);
    const prePad = (this.size - 1) / 2 + 1;
    const prePadCrop = prePad > channels ? channels : prePad;
    const scaleFirst = this.scale.select(2, 1) as Tensor;
    scaleFirst.zero();
    for (let c = 1; c <= prePadCrop; c++) scaleFirst.add(inputSquare.select(2, c));
    for (let c = 2; c <= channels; c++) {
      const scaleCurrent = (this.scale.select(2, c) as Tensor).copy(this.scale.select(2, c - 1) as Tensor);
      if (c < channels - prePad + 2) scaleCurrent.add(1, inputSquare.select(2, Math.trunc(c + prePad - 1)));
      if (c > prePad) scaleCurrent.add(-1, inputSquare.select(2, Math.trunc(c - prePad)));
    }
    this.scale.mul(this.alpha / this.size).add(this.k);
    this.output.pow(this.scale, -this.beta);
    this.output.cmul(input);
    if (!isBatch) this.output = this.output.select(1, 1);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (input.dim() !== 3 && input.dim() !== 4) throw new TorchError('Input must be 3D or 4D');
    const isBatch = input.dim() === 4;
    if (!isBatch) {
      input = batched(input);
      gradOutput = batched(gradOutput);
      this.output = batched(this.output);
    }
    const batchSize = input.size(1), channels = input.size(2), h = input.size(3), w = input.size(4);
    const scale = this.scale!;
    this.paddedRatio ??= input.new();
    this.accumRatio ??= input.new();
    this.paddedRatio.resize(channels + this.size - 1, h, w);
    this.accumRatio.resize(h, w);
    const cacheRatioValue = 2 * this.alpha * this.beta / this.size;
    const inversePrePad = Math.trunc(this.size - (this.size - 1) / 2);
    this.gradInput.resizeAs(input);
    this.gradInput.pow(scale, -this.beta).cmul(gradOutput);
    this.paddedRatio.zero();
    const center = this.paddedRatio.narrow(1, inversePrePad, channels);
    for (let n = 1; n <= batchSize; n++) {
      center.cmul(gradOutput.select(1, n) as Tensor, this.output.select(1, n) as Tensor);
      center.cdiv(scale.select(1, n) as Tensor);
      torch.sum(this.accumRatio, this.paddedRatio.narrow(1, 1, this.size - 1), 1);
      const gi = this.gradInput.select(1, n) as Tensor, x = input.select(1, n) as Tensor;
      for (let c = 1; c <= channels; c++) {
        this.accumRatio.add(this.paddedRatio.select(1, c + this.size - 1) as Tensor);
        (gi.select(1, c) as Tensor).addcmul(-cacheRatioValue, x.select(1, c) as Tensor, this.accumRatio);
        this.accumRatio.add(-1, this.paddedRatio.select(1, c) as Tensor);
      }
    }
    if (!isBatch) {
      this.gradInput = this.gradInput.select(1, 1);
      this.output = this.output.select(1, 1);
    }
    return this.gradInput;
  }

  override clearState(): this {
    clear(this as unknown as Record<string, unknown>, 'scale', 'paddedRatio', 'accumRatio');
    return super.clearState();
  }
}
