/** nn.Replicate(nf, dim = 1[, ndim]): repeats the input nf times along a new dim, as a stride-0 view (Replicate.lua). */
import { check } from '../lib/errors.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Inserts a dim of size `nfeatures` (stride 0) at `dim`; with `ndim` and a batched input (more than
 * ndim dims), `dim` counts after the batch dim. The gradient sums over the new dim.
 * @example
 * new nn.Replicate(3).forward(torch.randn(5)); // 3x5, every row the input
 */
export class Replicate extends Module {
  nfeatures: number;
  dim: number;
  ndim?: number;

  constructor(nf: number, dim = 1, ndim?: number) {
    super();
    this.nfeatures = nf;
    this.dim = dim;
    this.ndim = ndim;
    check(this.dim > 0, 'Can only replicate across positive integer dimensions.');
  }

  /** The replicated dim for this input. */
  private rdim(input: Tensor): number {
    const batchOffset = this.ndim !== undefined && input.dim() > this.ndim ? 1 : 0;
    return this.dim + batchOffset;
  }

  override updateOutput(input: Tensor): Tensor {
    check(this.dim <= input.dim() + 1, `Not enough input dimensions to replicate along dimension ${this.dim}.`);
    const rdim = this.rdim(input);
    const sz = input._size.slice(), st = input._stride.slice();
    sz.splice(rdim - 1, 0, this.nfeatures);
    st.splice(rdim - 1, 0, 0);
    this.output.set(input.storage(), input.storageOffset(), sz, st);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input).zero();
    const rdim = this.rdim(input);
    const sz = input._size.slice();
    sz.splice(rdim - 1, 0, 1);
    torch.sum(this.gradInput.view(sz), gradOutput, rdim);
    return this.gradInput;
  }
}
