/** nn.DepthConcat(dim): Concat that zero-pads smaller outputs, centred, to the largest size (DepthConcat.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Concat } from './Concat.js';
import type { Module } from './Module.js';

/**
 * Concatenates its children's outputs along `dimension`; in every other dimension the output takes the
 * largest child's size and smaller outputs sit centred in zero padding (GoogLeNet's inception "depth concat").
 * @example
 * const dc = new nn.DepthConcat(2).add(new nn.SpatialConvolution(3, 4, 3, 3)).add(new nn.SpatialConvolution(3, 2, 1, 1));
 * dc.forward(torch.randn(2, 3, 8, 8)); // 2x6x8x8
 */
export class DepthConcat extends Concat {
  /** The window of `output` (or gradOutput) where `currentOutput` goes, starting at `offset` along the dimension. */
  windowNarrow(output: Tensor, currentOutput: Tensor, offset: number): Tensor {
    let window = output.narrow(this.dimension, offset, currentOutput.size(this.dimension));
    for (let dim = 1; dim <= this.outputSize.length; dim++) {
      const currentSize = currentOutput.size(dim);
      if (dim !== this.dimension && this.outputSize[dim - 1] !== currentSize) {
        // 5x5 in 9x9: start 3 (2 padding each side); 4x4 in 9x9: start 3 (2 before, 3 after)
        const start = Math.floor((this.outputSize[dim - 1] - currentSize) / 2 + 1);
        window = window.narrow(dim, start, currentSize);
      }
    }
    return window;
  }

  override updateOutput(input: any): Tensor {
    const outs: Tensor[] = [];
    const size = this.outputSize;
    this.modules.forEach((m, i) => {
      const out: Tensor = this.rethrowErrors(m, i + 1, () => m.updateOutput(input));
      outs.push(out);
      if (i === 0) { size.length = 0; size.push(...out._size); return; }
      size[this.dimension - 1] += out.size(this.dimension);
      for (let dim = 1; dim <= size.length; dim++) {
        if (dim !== this.dimension) size[dim - 1] = Math.max(size[dim - 1], out.size(dim));
      }
    });
    const output = (this.output as Tensor).resize(size).zero();
    let offset = 1;
    for (const out of outs) {
      this.windowNarrow(output, out, offset).copy(out);
      offset += out.size(this.dimension);
    }
    return output;
  }

  protected override gradOutputWindow(gradOutput: Tensor, m: Module, offset: number): Tensor {
    return this.windowNarrow(gradOutput, m.output as Tensor, offset);
  }
}
