/**
 * nn.SpatialFullConvolutionMap(connTable, kW, kH[, dW = 1, dH = 1]): the transposed ("full") convolution
 * with a connection table (SpatialFullConvolutionMap.lua), on 3-D inputs (nInputPlane x iH x iW).
 * connTable is a nKernel x 2 tensor of 1-based [input plane, output plane] rows (see nn.tables); kernel k
 * of the nKernel x kH x kW weight spreads input plane connTable[k][1] into output plane connTable[k][2].
 * The output is nOutputPlane x ((iH - 1)*dH + kH) x ((iW - 1)*dW + kW).
 */
import { newDefault } from '../lib/defaults.js';
import { uniform } from '../lib/random/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/** The largest value of column `c` (1-based) of a nKernel x 2 table (Lua's `select(2, c):max()`). */
function columnMax(t: Tensor, c: number): number {
  let m = -Infinity;
  for (let k = 1; k <= t.size(1); k++) m = Math.max(m, t.get(k, c));
  return m;
}

/**
 * A full convolution with an explicit input → output plane connection table.
 * @example
 * const up = new nn.SpatialFullConvolutionMap(nn.tables.oneToOne(3), 3, 3, 2, 2);
 * up.forward(torch.randn(3, 4, 4)); // 3 x 9 x 9
 */
export class SpatialFullConvolutionMap extends Module {
  declare weight: Tensor;
  declare bias: Tensor;
  declare gradWeight: Tensor;
  declare gradBias: Tensor;
  connTable: Tensor;
  nInputPlane: number;
  nOutputPlane: number;
  kW: number;
  kH: number;
  dW: number;
  dH: number;

  constructor(conMatrix: Tensor, kW: number, kH: number, dW = 1, dH = 1) {
    super();
    this.kW = kW;
    this.kH = kH;
    this.dW = dW;
    this.dH = dH;
    this.connTable = conMatrix;
    this.nInputPlane = columnMax(conMatrix, 1);
    this.nOutputPlane = columnMax(conMatrix, 2);
    const nK = conMatrix.size(1);
    this.weight = newDefault().resize(nK, kH, kW);
    this.gradWeight = newDefault().resize(nK, kH, kW);
    this.bias = newDefault().resize(this.nOutputPlane);
    this.gradBias = newDefault().resize(this.nOutputPlane);
    this.reset();
  }

  /**
   * With stdv: uniform in ±stdv·sqrt(3), the weight then the bias. Without: each kernel k uniform in
   * ±1/sqrt(kW*kH*fanIn(o)), fanIn(o) the number of table rows into its output plane o, kernel by kernel,
   * then each bias element by one torch.uniform draw (Torch's draws, in its order).
   */
  override reset(stdv?: number): this {
    if (stdv !== undefined) {
      const s = stdv * Math.sqrt(3);
      this.weight.uniform(-s, s);
      this.bias.uniform(-s, s);
      return this;
    }
    const nK = this.connTable.size(1), ninp = new Array<number>(this.nOutputPlane).fill(0);
    for (let k = 1; k <= nK; k++) ninp[this.connTable.get(k, 2) - 1]++;
    for (let k = 1; k <= nK; k++) {
      const s = 1 / Math.sqrt(this.kW * this.kH * ninp[this.connTable.get(k, 2) - 1]);
      (this.weight.select(1, k) as Tensor).uniform(-s, s);
    }
    for (let k = 1; k <= this.nOutputPlane; k++) {
      const s = 1 / Math.sqrt(this.kW * this.kH * ninp[k - 1]);
      this.bias.put(k, uniform(-s, s));
    }
    return this;
  }

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
