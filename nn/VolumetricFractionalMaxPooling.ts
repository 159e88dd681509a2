/**
 * nn.VolumetricFractionalMaxPooling(poolSizeT, poolSizeW, poolSizeH, outT, outW, outH) or (..., ratioT, ratioW, ratioH):
 * fractional max pooling in 3-D (VolumetricFractionalMaxPooling.lua): poolSizeT x poolSizeW x poolSizeH windows at
 * pseudo-random, increasing starts. As THNN's kernel, the input is planes x H x W x T (or batch x planes x H x W x T:
 * time is the LAST dimension) and the output is planes x outH x outW x outT; with ratios, outT = floor(ratioT * size of
 * the last dimension), outW of the one before, outH of the one before that. Each forward draws batch x planes x 3
 * uniform samples (T, W, H) from the torch RNG into `randomSamples`, unless `fixPoolingRegions()` keeps the last ones.
 */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { fractionalSamples } from './fractionalSamples.js';
import { Module } from './Module.js';
import { indicesFor } from './targets.js';

/**
 * Fractional max pooling over C x H x W x T or N x C x H x W x T.
 * @example
 * const pool = new nn.VolumetricFractionalMaxPooling(2, 2, 2, 0.5, 0.5, 0.5);
 * pool.forward(torch.randn(3, 10, 10, 8)); // 3 x 5 x 5 x 4
 */
export class VolumetricFractionalMaxPooling extends Module {
  poolSizeT: number;
  poolSizeW: number;
  poolSizeH: number;
  outT?: number;
  outW?: number;
  outH?: number;
  ratioT?: number;
  ratioW?: number;
  ratioH?: number;
  /** batch x planes x 3 samples (T, W, H) that place the windows; undefined until the first forward. */
  randomSamples?: Tensor;
  /** True: keep the current samples (Torch's flag name). */
  newRandomPool = false;
  /** 1-based position of each maximum inside its input volume (H x W x T, row-major). */
  indices?: Tensor;

  constructor(poolSizeT: number, poolSizeW: number, poolSizeH: number, arg1: number, arg2: number, arg3: number) {
    super();
    if (!(poolSizeT >= 2) || !(poolSizeW >= 2) || !(poolSizeH >= 2)) throw new TorchError('assertion failed!');
    this.poolSizeT = poolSizeT;
    this.poolSizeW = poolSizeW;
    this.poolSizeH = poolSizeH;
    if (arg1 >= 1 && arg2 >= 1 && arg3 >= 1) {
      this.outT = arg1;
      this.outW = arg2;
      this.outH = arg3;
    } else {
      this.ratioT = arg1;
      this.ratioW = arg2;
      this.ratioH = arg3;
      for (const r of [arg1, arg2, arg3]) if (!(r > 0 && r < 1)) throw new TorchError('assertion failed!');
    }
  }

  private static bufferSize(input: Tensor): [number, number, number] {
    if (input.dim() === 4) return [1, input.size(1), 3];
    if (input.dim() === 5) return [input.size(1), input.size(2), 3];
    throw new TorchError('input must be dim 4 or 5');
  }

  /** New samples unless fixed (Torch's initSampleBuffer_): always when the batch or plane count changed. */
  private initSampleBuffer(input: Tensor): void {
    this.randomSamples = fractionalSamples(this.randomSamples, input, VolumetricFractionalMaxPooling.bufferSize(input), this.newRandomPool);
  }

  /** [outT, outW, outH] for this input (Torch's getOutputSizes_). */
  getOutputSizes(input: Tensor): [number, number, number] {
    if (this.ratioW === undefined || this.ratioH === undefined) {
      if (this.outT === undefined || this.outW === undefined || this.outH === undefined) throw new TorchError('assertion failed!');
      return [this.outT, this.outW, this.outH];
    }
    const d = input.dim();
    if (d !== 4 && d !== 5) throw new TorchError('input must be dim 4 or 5');
    const outT = Math.floor(input.size(d) * this.ratioT!);
    const outW = Math.floor(input.size(d - 1) * this.ratioW), outH = Math.floor(input.size(d - 2) * this.ratioH);
    if (!(outT > 0)) throw new TorchError('reduction ratio or input time too small');
    if (!(outW > 0)) throw new TorchError('reduction ratio or input width too small');
    if (!(outH > 0)) throw new TorchError('reduction ratio or input height too small');
    return [outT, outW, outH];
  }

  /** Keeps (val = true, the default) or redraws (false) the pooling regions on each forward. */
  fixPoolingRegions(val = true): this {
    this.newRandomPool = val;
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    this.indices = indicesFor(input, this.indices ?? input.new());
    this.initSampleBuffer(input);
    const [outT, outW, outH] = this.getOutputSizes(input);
    input.THNN.VolumetricFractionalMaxPooling_updateOutput(input, this.output, outT, outW, outH, this.poolSizeT, this.poolSizeW,
      this.poolSizeH, this.indices, this.randomSamples!);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (this.randomSamples === undefined || !this.indices) throw new TorchError('must call updateOutput/forward first');
    const [outT, outW, outH] = this.getOutputSizes(input);
    input.THNN.VolumetricFractionalMaxPooling_updateGradInput(input, gradOutput, this.gradInput, outT, outW, outH,
      this.poolSizeT, this.poolSizeW, this.poolSizeH, this.indices);
    return this.gradInput;
  }

  /** Same as clearState (backward compatibility). */
  empty(): void { this.clearState(); }

  /** Drops the indices and the samples (the next forward draws new ones). */
  override clearState(): this {
    this.indices = undefined;
    this.randomSamples = undefined;
    return super.clearState();
  }

  /** Torch's format string has five fields for seven values: `nn.VolumetricFractionalMaxPooling(TxW, H,poolSizeT)`. */
  override toString(): string {
    const tt = this.outT ?? this.ratioT!, w = this.outW ?? this.ratioW!, h = this.outH ?? this.ratioH!;
    return `${this.__typename}(${Math.trunc(tt)}x${Math.trunc(w)}, ${Math.trunc(h)},${this.poolSizeT})`;
  }
}
