/** nn.CosineDistance: the cosine similarity of the two vectors of a pair, or row by row (CosineDistance.lua). */
import { newDefault } from '../lib/defaults.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `output[k] = a_k · b_k / (‖a_k‖ ‖b_k‖)` for a batch of rows (a size-1 output for a pair of vectors);
 * the squared norms get 1e-12 added, as in Torch.
 * @example
 * new nn.CosineDistance().forward([torch.randn(4, 5), torch.randn(4, 5)]); // size 4, in [-1, 1]
 */
export class CosineDistance extends Module {
  override gradInput: Tensor[] = [newDefault(), newDefault()];
  buffer?: Tensor;
  /** Row dot products a·b. */
  w1?: Tensor;
  /** 1 / ‖a‖² (row-wise). */
  w22?: Tensor;
  /** 1 / (‖a‖ ‖b‖). */
  w?: Tensor;
  /** 1 / ‖b‖². */
  w32?: Tensor;
  ones?: Tensor;
  /** Contiguous copies of non-contiguous inputs. */
  _input1?: Tensor;
  _input2?: Tensor;

  private makeContiguous(a: Tensor, b: Tensor): [Tensor, Tensor] {
    if (!a.isContiguous()) a = (this._input1 ??= a.new()).resizeAs(a).copy(a);
    if (!b.isContiguous()) b = (this._input2 ??= b.new()).resizeAs(b).copy(b);
    return [a, b];
  }

  override updateOutput(input: Tensor[]): Tensor {
    let [a, b] = this.makeContiguous(input[0], input[1]);
    if (a.dim() === 1) {
      a = a.view(1, -1);
      b = b.view(1, -1);
    }
    if (!this.buffer) {
      this.buffer = a.new();
      this.w1 = a.new();
      this.w22 = a.new();
      this.w = a.new();
      this.w32 = a.new();
      this.ones = a.new();
    }
    const { buffer, w1, w22, w, w32, ones } = this as Required<CosineDistance>;
    const epsilon = 1e-12;
    buffer.cmul(a, b);
    torch.sum(w1, buffer, 2);
    buffer.cmul(a, a);
    torch.sum(w22, buffer, 2).add(epsilon);
    ones.resizeAs(w22).fill(1);
    w22.cdiv(ones, w22);
    w.resizeAs(w22).copy(w22);
    buffer.cmul(b, b);
    torch.sum(w32, buffer, 2).add(epsilon);
    w32.cdiv(ones, w32);
    w.cmul(w32);
    w.sqrt();
    const output = this.output as Tensor;
    output.cmul(w1, w);
    output.resize(a.size(1));
    return output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    let [v1, v2] = this.makeContiguous(input[0], input[1]);
    const notBatch = v1.dim() === 1;
    if (notBatch) {
      v1 = v1.view(1, -1);
      v2 = v2.view(1, -1);
    }
    if (this.gradInput.length !== 2) {
      this.gradInput[0] ??= v1.new();
      this.gradInput[1] ??= v1.new();
    }
    const { buffer, w1, w22, w, w32 } = this as Required<CosineDistance>;
    const [gw1, gw2] = this.gradInput;
    gw1.resizeAs(v1).copy(v2);
    gw2.resizeAs(v1).copy(v1);

    buffer.cmul(w1, w22);
    gw1.addcmul(-1, buffer.expandAs(v1), v1);
    gw1.cmul(w.expandAs(v1));

    buffer.cmul(w1, w32);
    gw2.addcmul(-1, buffer.expandAs(v1), v2);
    gw2.cmul(w.expandAs(v1));

    const go = gradOutput.view(-1, 1).expandAs(v1);
    gw1.cmul(go);
    gw2.cmul(go);
    if (notBatch) {
      gw1.resize(gw1.size(2));
      gw2.resize(gw2.size(2));
    }
    return this.gradInput;
  }

  override clearState(): this {
    for (const t of [this.buffer, this.w1, this.w22, this.w, this.w32, this.ones, this._input1, this._input2]) t?.set();
    return super.clearState();
  }
}
