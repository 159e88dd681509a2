/**
 * nn.TemporalDynamicKMaxPooling(minK[, factor = 0]): keeps the k largest frames of each feature of a
 * nInputFrame x frameSize (or batch) sequence, in their original order (TemporalDynamicKMaxPooling.lua,
 * Kalchbrenner et al.'s dynamic k-max pooling), with k = max(minK, ceil(factor · nInputFrame)).
 */
import { check } from '../lib/errors.js';
import type { LongTensor, Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clear } from './utils.js';

/**
 * Dynamic k-max pooling over time; `indices` holds the 1-based frames kept.
 * @example
 * const pool = new nn.TemporalDynamicKMaxPooling(3);
 * pool.forward(torch.randn(10, 5)); // 3 x 5
 */
export class TemporalDynamicKMaxPooling extends Module {
  minK: number;
  factor: number;
  /** The frames kept by the last forward, sorted, 1-based (a LongTensor). */
  indices?: Tensor;

  constructor(minK: number, factor?: number) {
    super();
    this.minK = minK;
    this.factor = factor ?? 0;
  }

  override updateOutput(input: Tensor): Tensor {
    check(input.dim() === 2 || input.dim() === 3, 'Only 2D or 3D(batch mode) accepted');
    const seqDim = input.dim() - 1, len = input.size(seqDim);
    const k = Math.max(this.minK, Math.ceil(this.factor * len));
    check(len >= this.minK, `Input sequence length (${len}) too small for desired k value (${k})`);
    const [, allIndices] = input.sort(seqDim, true);
    // the sorted values of the top-k frame numbers: the kept frames in their original order
    [this.indices] = allIndices.narrow(seqDim, 1, k).sort(seqDim);
    this.output = input.gather(seqDim, this.indices as LongTensor);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const seqDim = input.dim() - 1, idx = this.indices as LongTensor;
    const gradInput = this.gradInput as Tensor;
    gradInput.resizeAs(input).zero();
    const updateValues = gradInput.gather(seqDim, idx);
    updateValues.add(gradOutput);
    gradInput.scatter(seqDim, idx, updateValues);
    return gradInput;
  }

  override clearState(): this {
    clear(this as unknown as Record<string, unknown>, 'indices');
    return super.clearState();
  }
}
