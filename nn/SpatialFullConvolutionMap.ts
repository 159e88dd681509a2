/**
 * nn.SpatialFullConvolutionMap(connTable, kW, kH[, dW = 1, dH = 1]): the transposed ("full") convolution
 * with a connection table (SpatialFullConvolutionMap.lua), on 3-D inputs (nInputPlane x iH x iW).
 * connTable is a nKernel x 2 tensor of 1-based [input plane, output plane] rows (see nn.tables); kernel k
 * of the nKernel x kH x kW weight spreads input plane connTable[k][1] into output plane connTable[k][2].
 * The output is nOutputPlane x ((iH - 1)*dH + kH) x ((iW - 1)*dW + kW).
 */
import type { Tensor } from '../lib/Tensor.js';
import { ConnectionTableConvolution } from './ConnectionTableConvolution.js';

/**
 * A full convolution with an explicit input → output plane connection table.
 * @example
 * const up = new nn.SpatialFullConvolutionMap(nn.tables.oneToOne(3), 3, 3, 2, 2);
 * up.forward(torch.randn(3, 4, 4)); // 3 x 9 x 9
 */
export class SpatialFullConvolutionMap extends ConnectionTableConvolution {
  override updateOutput(input: Tensor): Tensor {
    input.THNN.SpatialFullConvolutionMap_updateOutput(input, this.output, this.weight, this.bias, this.connTable,
      this.nInputPlane, this.nOutputPlane, this.dW, this.dH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SpatialFullConvolutionMap_updateGradInput(input, gradOutput, this.gradInput, this.weight, this.bias, this.connTable,
      this.nInputPlane, this.nOutputPlane, this.dW, this.dH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    input.THNN.SpatialFullConvolutionMap_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias, this.connTable,
      this.nInputPlane, this.nOutputPlane, this.dW, this.dH, scale);
  }
}
