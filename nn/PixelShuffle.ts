/** nn.PixelShuffle(upscaleFactor): [N x] C·r² x H x W → [N x] C x H·r x W·r (PixelShuffle.lua). */
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Lua's one `copy` of the permuted 6-D view, done one slice of dim `d` at a time: each slice collapses
 * to at most 4 dims, so a CudaTensor copies it on the device (the same values in the same places).
 */
function copyBySlices(dst: Tensor, src: Tensor, d: number): void {
  for (let i = 1; i <= dst.size(d); i++) (dst.select(d, i) as Tensor).copy(src.select(d, i) as Tensor);
}

/**
 * The sub-pixel rearrangement of ESPCN (Shi et al., 2016): channel c·r² + i·r + j of pixel (h, w)
 * goes to pixel (h·r + i, w·r + j) of channel c. Takes a 3-D image or a 4-D batch (contiguous, as
 * Lua's `torch.view` needs); output and gradInput are views of the copies `_shuffleOut` / `_shuffleIn`.
 * @example
 * new nn.PixelShuffle(2).forward(torch.randn(8, 12, 5, 5)); // 8x3x10x10
 */
export class PixelShuffle extends Module {
  upscaleFactor: number;
  upscaleFactorSquared: number;
  _intermediateShape?: LongStorage;
  _outShape?: LongStorage;
  _shuffleOut?: Tensor;
  _shuffleIn?: Tensor;

  constructor(upscaleFactor: number) {
    super();
    this.upscaleFactor = upscaleFactor;
    this.upscaleFactorSquared = upscaleFactor * upscaleFactor;
  }

  /** [batchSize, channels, height, width] of the input (batchSize 1 for a 3-D image). */
  private geometry(input: Tensor): [number, number, number, number] {
    const batched = input.nDimension() === 4;
    const s = batched ? 2 : 1;
    return [batched ? input.size(1) : 1, input.size(s) / this.upscaleFactorSquared, input.size(s + 1), input.size(s + 2)];
  }

  override updateOutput(input: Tensor): Tensor {
    const r = this.upscaleFactor;
    const [n, c, h, w] = this.geometry(input);
    this._intermediateShape = new LongStorage([n, c, r, r, h, w]);
    const out = [c, h * r, w * r];
    this._outShape = new LongStorage(input.nDimension() === 4 ? [n, ...out] : out);
    this._shuffleOut ??= input.new();
    const inputView = input.view(this._intermediateShape);
    this._shuffleOut.resize(n, c, h, r, w, r);
    copyBySlices(this._shuffleOut, inputView.permute(1, 2, 5, 3, 6, 4), 4);
    this.output = this._shuffleOut.view(this._outShape);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const r = this.upscaleFactor;
    const [n, c, h, w] = this.geometry(input);
    this._intermediateShape = new LongStorage([n, c, h, r, w, r]);
    this._shuffleIn ??= input.new();
    const gradOutputView = gradOutput.view(this._intermediateShape);
    this._shuffleIn.resize(n, c, r, r, h, w);
    copyBySlices(this._shuffleIn, gradOutputView.permute(1, 2, 4, 6, 3, 5), 3);
    this.gradInput = this._shuffleIn.view(input.size());
    return this.gradInput;
  }

  override clearState(): this {
    this._intermediateShape = undefined;
    this._outShape = undefined;
    this._shuffleIn?.set();
    this._shuffleOut?.set();
    return super.clearState();
  }
}
