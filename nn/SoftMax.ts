/** nn.SoftMax: y = exp(x) / sum(exp(x)) over the feature dim (SoftMax.lua, THNN SoftMax.c). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Softmax over the features: the only dim of a 1-D input, dim 2 of a 2-D batch, dim 1 of a 3-D
 * (C x H x W) input, dim 2 of a 4-D (N x C x H x W) batch, as THNN picks it from the number of dims.
 * @example
 * new nn.SoftMax().forward(torch.randn(8, 10)); // each row sums to 1
 */
export class SoftMax extends Module {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.SoftMax_updateOutput(input, this.output);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SoftMax_updateGradInput(input, gradOutput, this.gradInput, this.output);
    return this.gradInput;
  }
}
