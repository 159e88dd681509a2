/** nn.Transpose({d1, d2}, {d3, d4}, ...): a sequence of transposes, copied contiguous (Transpose.lua). */
import { check } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Swaps the dim pairs in order (the gradient swaps them back in reverse order). With
 * `setNumInputDims(n)`, dims count within the last n dims, so a leading batch dim is skipped.
 * @example
 * new nn.Transpose([1, 2], [2, 3]).forward(torch.randn(2, 3, 4)); // 3x4x2
 */
export class Transpose extends Module {
  /** The dim pairs, applied in order. */
  permutations: [number, number][];
  numInputDims?: number;

  constructor(...permutations: [number, number][]) {
    super();
    for (const p of permutations) check(Array.isArray(p) && p.length === 2, 'nn.Transpose expects pairs of dims, e.g. nn.Transpose([1, 2])');
    this.permutations = permutations.map((p) => [p[0], p[1]]);
  }

  /** The number of trailing dims that make one sample. */
  setNumInputDims(numInputDims?: number): this {
    this.numInputDims = numInputDims;
    return this;
  }

  private offset(input: Tensor): number {
    return this.numInputDims !== undefined ? input.dim() - this.numInputDims : 0;
  }

  override updateOutput(input: Tensor): Tensor {
    const off = this.offset(input);
    for (const [a, b] of this.permutations) input = input.transpose(a + off, b + off);
    this.output.resizeAs(input).copy(input);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const off = this.offset(input);
    for (let i = this.permutations.length - 1; i >= 0; i--) {
      const [a, b] = this.permutations[i];
      gradOutput = gradOutput.transpose(a + off, b + off);
    }
    this.gradInput.resizeAs(gradOutput).copy(gradOutput);
    return this.gradInput;
  }
}
