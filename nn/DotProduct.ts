/** nn.DotProduct: the dot product of the two vectors of a pair, or row by row for matrices (DotProduct.lua). */
import { newDefault } from '../lib/defaults.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `output[k] = input[1][k] · input[2][k]` for a batch of rows (a size-1 output for a pair of vectors).
 * @example
 * new nn.DotProduct().forward([torch.randn(4, 5), torch.randn(4, 5)]); // size 4
 */
export class DotProduct extends Module {
  override gradInput: Tensor[] = [newDefault(), newDefault()];
  /** The element-wise product (work buffer). */
  buffer?: Tensor;

  override updateOutput(input: Tensor[]): Tensor {
    let [a, b] = input;
    if (a.dim() === 1) {
      // a pair of vectors is a batch of one
      a = a.view(1, -1);
      b = b.view(1, -1);
    }
    this.buffer ??= a.new();
    this.buffer.cmul(a, b);
    const output = this.output as Tensor;
    torch.sum(output, this.buffer, 2);
    output.resize(a.size(1));
    return output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    let [v1, v2] = input;
    if (this.gradInput.length !== 2) {
      this.gradInput[0] ??= input[0].new();
      this.gradInput[1] ??= input[1].new();
    }
    const notBatch = v1.dim() === 1;
    if (notBatch) {
      v1 = v1.view(1, -1);
      v2 = v2.view(1, -1);
    }
    const [gw1, gw2] = this.gradInput;
    gw1.resizeAs(v1).copy(v2);
    gw2.resizeAs(v2).copy(v1);
    const go = gradOutput.view(-1, 1).expandAs(v1);
    gw1.cmul(go);
    gw2.cmul(go);
    if (notBatch) {
      gw1.set(gw1.select(1, 1) as Tensor);
      gw2.set(gw2.select(1, 1) as Tensor);
    }
    return this.gradInput;
  }

  override clearState(): this {
    this.buffer?.set();
    return super.clearState();
  }
}
