/** nn.MV([trans = false]): {M, v} → M·v, for a matrix and vector or batches of them (MV.lua). */
import { check } from '../lib/errors.js';
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Multiplies the matrix by the vector of the input table (the matrix transposed first if `trans`);
 * a 3-D matrix and a 2-D vector are batches. `gradInput` is a table of two tensors.
 * @example
 * new nn.MV().forward([torch.randn(2, 3), torch.randn(3)]);        // size 2
 * new nn.MV().forward([torch.randn(5, 2, 3), torch.randn(5, 3)]);  // 5x2
 */
export class MV extends Module {
  trans: boolean;
  declare gradInput: Tensor[];

  constructor(trans = false) {
    super();
    check(typeof trans === 'boolean', 'argument must be a boolean, matrix transpose before multiplication');
    this.trans = trans;
    this.gradInput = [newDefault(), newDefault()];
  }

  override updateOutput(input: Tensor[]): Tensor {
    check(Array.isArray(input) && input.length === 2, 'input must be a pair of minibatch matrices');
    let [M, v] = input;
    check(M.dim() === 2 || M.dim() === 3, 'input matrix must be 2D or 3D');
    check(v.dim() === 1 || v.dim() === 2, 'input vector must be 1D or 2D');
    if (M.dim() === 2) {
      check(v.dim() === 1, 'vector must be 1D');
      if (this.trans) M = M.transpose(1, 2);
      check(M.size(2) === v.size(1), 'matrix row count and vector length do not match');
      this.output.resize(M.size(1));
      this.output.mv(M, v);
    } else {
      check(v.dim() === 2, 'vector must be 2D (batch dimension)');
      check(M.size(1) === v.size(1), 'inputs must contain the same number of minibatches');
      if (this.trans) M = M.transpose(2, 3);
      check(M.size(3) === v.size(2), 'matrix row count and vector length do not match');
      this.output.resize(M.size(1), M.size(2), 1);
      this.output.bmm(M, v.view(v.size(1), v.size(2), 1)).resize(M.size(1), M.size(2));
    }
    return this.output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    check(Array.isArray(input) && input.length === 2, 'input must be a pair of tensors');
    const [M, v] = input;
    const [gM, gv] = [0, 1].map((i) => (this.gradInput[i] ??= input[i].new()));
    gM.resizeAs(M);
    gv.resizeAs(v);
    check(gradOutput.dim() === 1 || gradOutput.dim() === 2, 'arguments must be a 1D or 2D Tensor');
    if (gradOutput.dim() === 2) {
      check(M.dim() === 3, 'matrix must must be 3D (batched)');
      check(v.dim() === 2, 'vector must be 2D (batched)');
      const [bdim, odim, idim] = M._size;
      if (this.trans) {
        gM.bmm(v.view(bdim, odim, 1), gradOutput.view(bdim, 1, idim));
        gv.view(bdim, odim, 1).bmm(M, gradOutput.view(bdim, idim, 1));
      } else {
        gM.bmm(gradOutput.view(bdim, odim, 1), v.view(bdim, 1, idim));
        gv.view(bdim, idim, 1).bmm(M.transpose(2, 3), gradOutput.view(bdim, odim, 1));
      }
    } else {
      check(M.dim() === 2, 'matrix must be 2D');
      check(v.dim() === 1, 'vector must be 1D');
      // Torch assigns a new tensor (M * gradOutput) here; writing into the buffer gives the same values.
      if (this.trans) {
        gM.ger(v, gradOutput);
        gv.mv(M, gradOutput);
      } else {
        gM.ger(gradOutput, v);
        gv.mv(M.t(), gradOutput);
      }
    }
    return this.gradInput;
  }
}
