/**
 * nn.SpatialUpSamplingNearest(scale): repeats each pixel of the last two dims scale x scale times
 * (SpatialUpSamplingNearest.lua); 3-D or 4-D input.
 */
import { TorchError } from '../lib/errors.js';
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Nearest-neighbour upsampling by an integer factor.
 * @example
 * const up = new nn.SpatialUpSamplingNearest(2);
 * up.forward(torch.randn(3, 4, 4)); // 3 x 8 x 8
 */
export class SpatialUpSamplingNearest extends Module {
  scale_factor: number;
  inputSize = new LongStorage(4);
  outputSize = new LongStorage(4);

  constructor(scale: number) {
    super();
    this.scale_factor = scale;
    if (this.scale_factor < 1) throw new TorchError('scale_factor must be greater than 1');
    if (Math.floor(this.scale_factor) !== this.scale_factor) throw new TorchError('scale_factor must be integer');
  }

  override updateOutput(input: Tensor): Tensor {
    const n = input.dim();
    if (n !== 4 && n !== 3) throw new TorchError('SpatialUpSamplingNearest only support 3D or 4D tensors');
    for (let i = 1; i <= n; i++) {
      this.inputSize.data[i - 1] = input.size(i);
      this.outputSize.data[i - 1] = input.size(i);
    }
    this.outputSize.data[n - 2] *= this.scale_factor;
    this.outputSize.data[n - 1] *= this.scale_factor;
    input.THNN.SpatialUpSamplingNearest_updateOutput(input, this.output, this.scale_factor);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input);
    input.THNN.SpatialUpSamplingNearest_updateGradInput(input, gradOutput, this.gradInput, this.scale_factor);
    return this.gradInput;
  }
}
