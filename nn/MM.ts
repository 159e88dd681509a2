/** nn.MM([transA = false[, transB = false]]): {A, B} → A·B, for matrices or batches of them (MM.lua). */
import { check } from '../lib/errors.js';
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Multiplies the two matrices of the input table (each transposed first if asked); 3-D inputs are
 * batches (`bmm`). `gradInput` is a table of two tensors.
 * @example
 * new nn.MM().forward([torch.randn(2, 3), torch.randn(3, 4)]);        // 2x4
 * new nn.MM(true).forward([torch.randn(5, 3, 2), torch.randn(5, 3, 4)]); // 5x2x4
 */
export class MM extends Module {
  transA: boolean;
  transB: boolean;
  declare gradInput: Tensor[];

  constructor(transA = false, transB = false) {
    super();
    this.transA = transA;
    this.transB = transB;
    this.gradInput = [newDefault(), newDefault()];
  }

  override updateOutput(input: Tensor[]): Tensor {
    check(Array.isArray(input) && input.length === 2, 'input must be a pair of minibatch matrices');
    let [a, b] = input;
    check(a.dim() === 2 || a.dim() === 3, 'input tensors must be 2D or 3D');
    if (a.dim() === 2) {
      check(b.dim() === 2, 'second input tensor must be 2D');
      if (this.transA) a = a.t();
      if (this.transB) b = b.t();
      check(a.size(2) === b.size(1), 'matrix sizes do not match');
      this.output.resize(a.size(1), b.size(2));
      this.output.mm(a, b);
    } else {
      check(b.dim() === 3, 'second input tensor must be 3D');
      check(a.size(1) === b.size(1), 'inputs must contain the same number of minibatches');
      if (this.transA) a = a.transpose(2, 3);
      if (this.transB) b = b.transpose(2, 3);
      check(a.size(3) === b.size(2), 'matrix sizes do not match');
      this.output.resize(a.size(1), a.size(2), b.size(3));
      this.output.bmm(a, b);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    check(Array.isArray(input) && input.length === 2, 'input must be a pair of tensors');
    let [a, b] = input;
    const [ga, gb] = [0, 1].map((i) => (this.gradInput[i] ??= input[i].new()));
    ga.resizeAs(a);
    gb.resizeAs(b);
    check(gradOutput.dim() === 2 || gradOutput.dim() === 3, 'arguments must be a 2D or 3D Tensor');
    let h: number, w: number, f: 'mm' | 'bmm';
    if (gradOutput.dim() === 2) {
      check(a.dim() === 2, 'first input tensor must be 2D');
      check(b.dim() === 2, 'second input tensor must be 2D');
      [h, w, f] = [1, 2, 'mm'];
    } else {
      check(a.dim() === 3, 'first input tensor must be 3D');
      check(b.dim() === 3, 'second input tensor must be 3D');
      [h, w, f] = [2, 3, 'bmm'];
    }
    if (this.transA === this.transB) {
      a = a.transpose(h, w);
      b = b.transpose(h, w);
    }
    if (this.transA) ga[f](b, gradOutput.transpose(h, w));
    else ga[f](gradOutput, b);
    if (this.transB) gb[f](gradOutput.transpose(h, w), a);
    else gb[f](a, gradOutput);
    return this.gradInput;
  }
}
