/**
 * What nn.SpatialConvolutionMap and nn.SpatialFullConvolutionMap share: a nKernel x 2 connection table
 * of 1-based [input plane, output plane] rows (usually from nn.tables), a nKernel x kH x kW weight (one
 * kernel per row), a bias per output plane, and Torch's reset. nInputPlane / nOutputPlane are the
 * largest plane numbers in the table. Subclasses call their own THNN kernels.
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

/** The base of the connection-table convolutions (not a Torch class of its own). */
export abstract class ConnectionTableConvolution extends Module {
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
    this.bias = newDefault().resize(this.nOutputPlane);
    this.gradWeight = newDefault().resize(nK, kH, kW);
    this.gradBias = newDefault().resize(this.nOutputPlane);
    this.reset();
  }

  /**
   * With stdv: uniform in ±stdv·sqrt(3), the weight then the bias. Without: each kernel k uniform in
   * ±1/sqrt(kW*kH*fanIn(o)), fanIn(o) the number of table rows into its output plane o, kernel by
   * kernel, then each bias element by one torch.uniform draw (Torch's draws, in its order).
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
}
