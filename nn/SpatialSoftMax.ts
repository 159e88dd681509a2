/** nn.SpatialSoftMax(): softmax over the feature maps at each pixel of a C x H x W or N x C x H x W input (SpatialSoftMax.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Per-pixel softmax across planes (THNN's SoftMax kernel on 3-D / 4-D input).
 * @example
 * new nn.SpatialSoftMax().forward(torch.randn(2, 5, 4, 4)); // sums to 1 over dim 2
 */
export class SpatialSoftMax extends Module {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.SoftMax_updateOutput(input, this.output);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SoftMax_updateGradInput(input, gradOutput, this.gradInput, this.output);
    return this.gradInput;
  }
}
