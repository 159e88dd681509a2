/** nn.Bilinear(inputSize1, inputSize2, outputSize[, bias = true]): y_k = x1ᵀ W_k x2 + b_k on {x1, x2} (Bilinear.lua). */
import { check } from '../lib/errors.js';
import { newDefault } from '../lib/defaults.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

const isint = (x: unknown): boolean => typeof x === 'number' && x === Math.floor(x);

/**
 * A bilinear form per output on a table of two batches (matrices with the same number of rows). `weight`
 * is outputSize x inputSize1 x inputSize2; `reset()` draws it, then the bias, uniform in ±1/sqrt(inputSize1).
 * @example
 * new nn.Bilinear(5, 4, 3).forward([torch.randn(8, 5), torch.randn(8, 4)]); // 8x3
 */
export class Bilinear extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  declare gradInput: Tensor[];
  buff1?: Tensor;
  buff2?: Tensor;
  /** The column sums of gradOutput (for the bias gradient). */
  _gradBiasSum?: Tensor;

  constructor(inputSize1: number, inputSize2: number, outputSize: number, bias = true) {
    check(inputSize1 !== undefined && inputSize2 !== undefined && outputSize !== undefined,
      'should specify inputSize1 and inputSize2 and outputSize');
    check(isint(inputSize1) && isint(inputSize2) && isint(outputSize),
      'inputSize1 and inputSize2 and outputSize should be integer numbers');
    check(inputSize1 > 0 && inputSize2 > 0 && outputSize > 0,
      'inputSize1 and inputSize2 and outputSize should be positive numbers');
    super();
    this.weight = newDefault().resize(outputSize, inputSize1, inputSize2);
    this.gradWeight = newDefault().resize(outputSize, inputSize1, inputSize2).zero();
    if (bias) {
      this.bias = newDefault().resize(outputSize);
      this.gradBias = newDefault().resize(outputSize).zero();
    }
    this.gradInput = [newDefault(), newDefault()];
    this.reset();
  }

  /** Uniform in ±1/sqrt(inputSize1) (or ±stdv·sqrt(3), stdv > 0): the weight, then the bias. */
  override reset(stdv?: number): this {
    let s: number;
    if (stdv !== undefined) {
      check(typeof stdv === 'number' && stdv > 0, 'standard deviation should be a positive number');
      s = stdv * Math.sqrt(3);
    } else {
      s = 1 / Math.sqrt(this.weight.size(2));
    }
    this.weight.uniform(-s, s);
    this.bias?.uniform(-s, s);
    return this;
  }

  private assertInput(input: Tensor[]): void {
    check(Array.isArray(input) && input.length === 2, 'input should be a table containing two data Tensors');
    check(input[0].dim() === 2 && input[1].dim() === 2, 'input Tensors should be two-dimensional');
    check(input[0].size(1) === input[1].size(1), 'input Tensors should have the same number of rows (instances)');
    check(input[0].size(2) === this.weight.size(2), 'dimensionality of first input is erroneous');
    check(input[1].size(2) === this.weight.size(3), 'dimensionality of second input is erroneous');
  }

  private assertInputGradOutput(input: Tensor[], gradOutput: Tensor): void {
    check(input[0].size(1) === gradOutput.size(1), 'number of rows in gradOutput does not match input');
    check(gradOutput.size(2) === this.weight.size(1), 'number of columns in gradOutput does not output size of layer');
  }

  override updateOutput(input: Tensor[]): Tensor {
    this.assertInput(input);
    const [x1, x2] = input;
    this.buff2 ??= x1.new();
    this.buff2.resizeAs(x2);
    this.output.resize(x1.size(1), this.weight.size(1));
    for (let k = 1; k <= this.weight.size(1); k++) {
      torch.mm(this.buff2, x1, this.weight.selectTensor(1, k));
      this.buff2.cmul(x2);
      torch.sum(this.output.narrow(2, k, 1), this.buff2, 2);
    }
    if (this.bias) this.output.add(this.bias.view(1, this.bias.nElement()).expandAs(this.output));
    return this.output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    this.assertInputGradOutput(input, gradOutput);
    const [x1, x2] = input;
    if (this.gradInput.length === 0) this.gradInput = [x1.new(), x1.new()];
    const [g1, g2] = this.gradInput;
    g1.resizeAs(x1).fill(0);
    g2.resizeAs(x2).fill(0);
    const [n, d1] = g1._size, d2 = g2.size(2);
    // the first slice of the weight (k = 1)
    g1.mm(x2, this.weight.selectTensor(1, 1).t());
    g1.cmul(gradOutput.narrow(2, 1, 1).expand(n, d1));
    g2.addmm(1, x1, this.weight.selectTensor(1, 1));
    g2.cmul(gradOutput.narrow(2, 1, 1).expand(n, d2));
    // the remaining slices
    if (this.weight.size(1) > 1) {
      this.buff1 ??= x1.new();
      this.buff1.resizeAs(x1);
      this.buff2 ??= x1.new();
      for (let k = 2; k <= this.weight.size(1); k++) {
        this.buff1.mm(x2, this.weight.selectTensor(1, k).t());
        this.buff1.cmul(gradOutput.narrow(2, k, 1).expand(n, d1));
        g1.add(this.buff1);
        this.buff2.mm(x1, this.weight.selectTensor(1, k));
        this.buff2.cmul(gradOutput.narrow(2, k, 1).expand(n, d2));
        g2.add(this.buff2);
      }
    }
    return this.gradInput;
  }

  /**
   * gradW_k += scale · (x1 .* gradOutput[:, k])ᵀ x2 and gradBias += scale · Σ_rows gradOutput.
   * (Torch's weight update omits `scale` and asserts scale >= 0; here the weight gradient is scaled
   * like the bias one, the same at scale 1, so accUpdateGradParameters works.)
   */
  override accGradParameters(input: Tensor[], gradOutput: Tensor, scale = 1): void {
    this.assertInputGradOutput(input, gradOutput);
    const [x1, x2] = input;
    this.buff1 ??= x1.new();
    this.buff1.resizeAs(x1);
    for (let k = 1; k <= this.weight.size(1); k++) {
      torch.cmul(this.buff1, x1, gradOutput.narrow(2, k, 1).expandAs(x1));
      this.gradWeight.selectTensor(1, k).addmm(scale, this.buff1.t(), x2);
    }
    if (this.bias) {
      this._gradBiasSum ??= gradOutput.new();
      torch.sum(this._gradBiasSum, gradOutput, 1);
      this.gradBias!.add(scale, this._gradBiasSum);
    }
  }

  /** Shared modules update directly, as Torch's Bilinear does. */
  override sharedAccUpdateGradParameters(input: Tensor[], gradOutput: Tensor, lr: number): void {
    this.defaultAccUpdateGradParameters(input, gradOutput, lr);
  }

  override clearState(): this {
    this.buff1?.set();
    this.buff2?.set();
    this._gradBiasSum?.set();
    return super.clearState();
  }

  override toString(): string {
    const [out, in1, in2] = this.weight._size;
    return `${this.__typename}(${in1}x${in2} -> ${out}) ${this.bias ? '' : ' without bias'}`;
  }
}
