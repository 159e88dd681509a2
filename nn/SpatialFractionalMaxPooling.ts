/**
 * nn.SpatialFractionalMaxPooling(poolSizeW, poolSizeH, outW, outH) or (poolSizeW, poolSizeH, ratioW, ratioH):
 * fractional max pooling (Graham 2014; SpatialFractionalMaxPooling.lua): poolSizeW x poolSizeH windows
 * at pseudo-random, increasing starts, giving an outH x outW output (or floor(ratio * input size)).
 * Each forward draws batch x planes x 2 uniform samples from the torch RNG (`randomSamples`, a tensor of
 * the input's type), unless `fixPoolingRegions()` keeps the last ones.
 */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { fractionalSamples } from './fractionalSamples.js';
import { Module } from './Module.js';
import { indicesFor } from './targets.js';

/**
 * Fractional max pooling over C x H x W or N x C x H x W.
 * @example
 * const pool = new nn.SpatialFractionalMaxPooling(2, 2, 0.7, 0.7);
 * pool.forward(torch.randn(3, 10, 10)); // 3 x 7 x 7
 */
export class SpatialFractionalMaxPooling extends Module {
  poolSizeW: number;
  poolSizeH: number;
  outW?: number;
  outH?: number;
  ratioW?: number;
  ratioH?: number;
  /** batch x planes x 2 samples (W then H) that place the windows; undefined until the first forward. */
  randomSamples?: Tensor;
  /** True: keep the current samples (Torch's flag name). */
  newRandomPool = false;
  /** 1-based position of each maximum inside its input plane. */
  indices?: Tensor;

  constructor(poolSizeW: number, poolSizeH: number, arg1: number, arg2: number) {
    super();
    if (!(poolSizeW >= 2) || !(poolSizeH >= 2)) throw new TorchError('assertion failed!');
    this.poolSizeW = poolSizeW;
    this.poolSizeH = poolSizeH;
    if (arg1 >= 1 && arg2 >= 1) {
      this.outW = arg1;
      this.outH = arg2;
    } else {
      this.ratioW = arg1;
      this.ratioH = arg2;
      if (!(arg1 > 0 && arg1 < 1) || !(arg2 > 0 && arg2 < 1)) throw new TorchError('assertion failed!');
    }
  }

  private static bufferSize(input: Tensor): [number, number, number] {
    if (input.dim() === 3) return [1, input.size(1), 2];
    if (input.dim() === 4) return [input.size(1), input.size(2), 2];
    throw new TorchError('input must be dim 3 or 4');
  }

  /** New samples unless fixed (Torch's initSampleBuffer_): always when the batch or plane count changed. */
  private initSampleBuffer(input: Tensor): void {
    this.randomSamples = fractionalSamples(this.randomSamples, input, SpatialFractionalMaxPooling.bufferSize(input), this.newRandomPool);
  }

  /** [outW, outH] for this input. */
  getOutputSizes(input: Tensor): [number, number] {
    if (this.ratioW === undefined || this.ratioH === undefined) {
      if (this.outW === undefined || this.outH === undefined) throw new TorchError('assertion failed!');
      return [this.outW, this.outH];
    }
    const d = input.dim();
    if (d !== 3 && d !== 4) throw new TorchError('input must be dim 3 or 4');
    const outW = Math.floor(input.size(d) * this.ratioW), outH = Math.floor(input.size(d - 1) * this.ratioH);
    if (!(outW > 0)) throw new TorchError('reduction ratio or input width too small');
    if (!(outH > 0)) throw new TorchError('reduction ratio or input height too small');
    return [outW, outH];
  }

  /** Keeps (val = true, the default) or redraws (false) the pooling regions on each forward. */
  fixPoolingRegions(val = true): this {
    this.newRandomPool = val;
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    this.indices = indicesFor(input, this.indices ?? input.new());
    this.initSampleBuffer(input);
    const [outW, outH] = this.getOutputSizes(input);
    input.THNN.SpatialFractionalMaxPooling_updateOutput(input, this.output, outW, outH, this.poolSizeW, this.poolSizeH,
      this.indices, this.randomSamples!);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (this.randomSamples === undefined || !this.indices) throw new TorchError('must call updateOutput/forward first');
    const [outW, outH] = this.getOutputSizes(input);
    input.THNN.SpatialFractionalMaxPooling_updateGradInput(input, gradOutput, this.gradInput, outW, outH,
      this.poolSizeW, this.poolSizeH, this.indices);
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

  override toString(): string {
    const w = this.outW ?? this.ratioW, h = this.outH ?? this.ratioH;
    return `${this.__typename}(${Math.trunc(w!)}x${Math.trunc(h!)}, ${this.poolSizeW},${this.poolSizeH})`;
  }
}
