/** nn.Index(dimension): `{t, index}` → `t:index(dimension, index)` (Index.lua). The file is not Index.ts: it would collide with nn/index.ts on case-insensitive file systems (and tsc refuses the pair). */
import type { LongTensor, Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Selects the slices `index` (a 1-based LongTensor) of `t` along `dimension`. The gradient is a table:
 * gradOutput's slices added back into their positions of t (repeats accumulate), and zeros of the
 * index's size (no gradient for the index).
 * @example
 * new nn.Index(1).forward([torch.randn(5, 3), new torch.LongTensor([2, 2, 5])]); // rows 2, 2 and 5
 */
export class Index extends Module {
  dimension: number;

  constructor(dimension: number) {
    super();
    this.dimension = dimension;
    this.gradInput = [this.gradInput, (this.gradInput as Tensor).new()];
  }

  override updateOutput(input: [Tensor, LongTensor]): Tensor {
    const [t, index] = input;
    this.output.index(t, this.dimension, index);
    return this.output;
  }

  override updateGradInput(input: [Tensor, LongTensor], gradOutput: Tensor): Tensor[] {
    const [t, index] = input;
    const gi = this.gradInput as Tensor[];
    gi[1].resize(index.size()).zero();
    gi[0].resizeAs(t).zero().indexAdd(this.dimension, index, gradOutput);
    return gi;
  }

  override clearState(): this {
    const gi = this.gradInput as Tensor[];
    gi[0].set();
    gi[1].set();
    this.output.set();
    return this;
  }
}
