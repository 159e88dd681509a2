/** nn.LookupTable(nIndex, nOutput[, paddingValue = 0[, maxNorm[, normType = 2]]]): embeddings (LookupTable.lua). */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import { IntTensor, LongTensor, type Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Maps 1-based indices (a LongTensor: a vector of n indices gives n x nOutput, a batch b x n gives
 * b x n x nOutput) to rows of `weight`. Repeated indices accumulate their gradients; rows of
 * `paddingValue` get none; with `maxNorm`, the rows looked up are renormalised first. gradInput is a
 * zero tensor of the input's type (indices have no gradient).
 * @example
 * const emb = new nn.LookupTable(10, 4);
 * emb.forward(new torch.LongTensor([[1, 3, 5], [2, 3, 10]])); // 2x3x4
 */
export class LookupTable extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  paddingValue: number;
  maxNorm?: number;
  normType?: number;
  shouldScaleGradByFreq = false;
  /** True when the last forward copied its input into `_input` (non-contiguous or not a LongTensor). */
  copiedInput = false;
  /** Per-index counts for `scaleGradByFreq`. */
  _count: IntTensor = new IntTensor();
  /** The contiguous LongTensor copy of the input (and renorm's sorted index list). */
  _input: LongTensor = new LongTensor();

  constructor(nIndex: number, nOutput: number, paddingValue?: number, maxNorm?: number, normType?: number) {
    super();
    this.weight = newDefault().resize(nIndex, nOutput);
    this.gradWeight = newDefault().resize(nIndex, nOutput).zero();
    this.paddingValue = paddingValue ?? 0;
    this.maxNorm = maxNorm;
    this.normType = normType;
    this.reset();
  }

  /** Drops gradWeight: the module is then only updated through accUpdateGradParameters. */
  accUpdateOnly(): this {
    (this as { gradWeight?: Tensor }).gradWeight = undefined;
    return this;
  }
  /** The index whose row gets no gradient (0: none). */
  setPadding(paddingValue: number): this { this.paddingValue = paddingValue; return this; }
  /** Rows looked up are renormalised to norm at most maxNorm (undefined: never). */
  setMaxNorm(maxNorm?: number): this { this.maxNorm = maxNorm; return this; }
  /** The p of the p-norm that maxNorm bounds (default 2). */
  setNormType(normType?: number): this { this.normType = normType; return this; }
  /** Divides each row's gradient by the number of times its index occurs in the batch. */
  scaleGradByFreq(): this { this.shouldScaleGradByFreq = true; return this; }

  /** weight ~ normal(0, stdv), stdv = 1 by default, row-major. */
  override reset(stdv = 1): this {
    this.weight.normal(0, stdv);
    return this;
  }

  override parameters(): [Tensor[], Tensor[]] {
    return [[this.weight], this.gradWeight ? [this.gradWeight] : []];
  }

  /** The input itself if it is a contiguous LongTensor, else a LongTensor copy of it in `_input`. */
  private makeInputContiguous(input: Tensor): Tensor {
    if (!input.isContiguous() || input.type() !== this._input.type()) {
      this.copiedInput = true;
      this._input.resize(input.size()).copy(input);
      return this._input;
    }
    this.copiedInput = false;
    return input;
  }

  override updateOutput(input: Tensor): Tensor {
    this.renorm(input);
    const idx = this.makeInputContiguous(input);
    const out = this.output as Tensor;
    if (idx.dim() === 1) {
      out.index(this.weight, 1, idx as LongTensor);
    } else if (idx.dim() === 2) {
      out.index(this.weight, 1, idx.view(-1) as LongTensor);
      out.resize(idx.size(1), idx.size(2), this.weight.size(2));
    } else {
      throw new TorchError('input must be a vector or matrix');
    }
    return out;
  }

  override updateGradInput(input: Tensor, _gradOutput: Tensor): Tensor {
    if ((this.gradInput as Tensor).type() !== input.type()) this.gradInput = input.new();
    const gi = this.gradInput as Tensor;
    if (!gi.isSameSizeAs(input)) gi.resizeAs(input).zero();
    return gi;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    let idx = this.copiedInput ? this._input : input;
    if (idx.dim() === 2) idx = idx.view(-1);
    else if (idx.dim() !== 1) throw new TorchError('input must be a vector or matrix');
    this.gradWeight.THNN.LookupTable_accGradParameters(idx as LongTensor, gradOutput, this.gradWeight,
      this._count, null, null, this.shouldScaleGradByFreq, this.paddingValue, scale);
  }

  /** With maxNorm set, renormalises the rows `input` refers to (THNN's LookupTable_renorm). */
  renorm(input: Tensor): void {
    if (this.maxNorm === undefined) return;
    this._input.resize(input.size()).copy(input);
    let rows: Tensor = this._input;
    if (rows.dim() === 2) rows = rows.view(-1);
    else if (rows.dim() !== 1) throw new TorchError('input must be a vector or matrix');
    this.weight.THNN.LookupTable_renorm(rows as LongTensor, this.weight, this.maxNorm, this.normType ?? 2);
  }

  /** Converts weight and gradWeight (and output); the index buffers stay Int/Long, as in Torch. */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type === undefined) return super.type();
    super.type(type, cache);
    this._count = new IntTensor();
    this._input = new LongTensor();
    return this;
  }

  override clearState(): this {
    this._count.set();
    this._input.set();
    return super.clearState();
  }

  /** Shared modules update directly too (no need to accumulate). */
  override sharedAccUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    this.defaultAccUpdateGradParameters(input, gradOutput, lr);
  }
}
