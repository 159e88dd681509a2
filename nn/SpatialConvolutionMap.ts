/**
 * nn.SpatialConvolutionMap(connTable, kW, kH[, dW = 1, dH = 1]): a 2-D convolution whose connections
 * are listed in `connTable` (SpatialConvolutionMap.lua), a nKernel x 2 tensor of 1-based
 * [input plane, output plane] rows, usually from nn.tables (full, oneToOne, random): kernel k of the
 * nKernel x kH x kW weight correlates input plane connTable[k][1] into output plane connTable[k][2].
 * nInputPlane / nOutputPlane are the largest plane numbers in the table.
 */
import type { Tensor } from '../lib/Tensor.js';
import { ConnectionTableConvolution } from './ConnectionTableConvolution.js';

/**
 * A convolution with an explicit input → output plane connection table (LeNet-5's C3 layer).
 * @example
 * const conv = new nn.SpatialConvolutionMap(nn.tables.random(6, 16, 3), 5, 5);
 * conv.forward(torch.randn(6, 14, 14)); // 16 x 10 x 10
 */
export class SpatialConvolutionMap extends ConnectionTableConvolution {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.SpatialConvolutionMap_updateOutput(input, this.output, this.weight, this.bias, this.connTable,
      this.nInputPlane, this.nOutputPlane, this.dW, this.dH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SpatialConvolutionMap_updateGradInput(input, gradOutput, this.gradInput, this.weight, this.bias, this.connTable,
      this.nInputPlane, this.nOutputPlane, this.dW, this.dH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    input.THNN.SpatialConvolutionMap_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, this.connTable,
      this.nInputPlane, this.nOutputPlane, this.dW, this.dH, scale);
  }

  /** weight -= decay * weight, bias -= decay * bias (Torch's decayParameters). */
  decayParameters(decay: number): void {
    this.weight.add(-decay, this.weight);
    this.bias.add(-decay, this.bias);
  }
}
