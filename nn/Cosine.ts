/** nn.Cosine(inputSize, outputSize): y_j = w_j·x / (||w_j|| ||x||) for the rows w_j of the weight (Cosine.lua). */
import { TorchError } from '../lib/errors.js';
import { newDefault } from '../lib/defaults.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * The cosine similarity of a vector (or each row of a batch) to `outputSize` learnable templates, the
 * rows of `weight` (outputSize x inputSize). `reset()` draws uniform in ±1/sqrt(outputSize) (Torch uses
 * `weight:size(1)`). Norms get 1e-12 added.
 * @example
 * new nn.Cosine(5, 3).forward(torch.randn(8, 5)); // 8x3, each in [-1, 1]
 */
export class Cosine extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  /** ||x|| + 1e-12 of the last vector input. */
  __norm = 0;
  _weightNorm?: Tensor; _inputNorm?: Tensor; _weight?: Tensor; _gradOutput?: Tensor; _sum?: Tensor;

  constructor(inputSize: number, outputSize: number) {
    super();
    this.weight = newDefault().resize(outputSize, inputSize);
    this.gradWeight = newDefault().resize(outputSize, inputSize).zero();
    this.reset();
  }

  /** Uniform in ±1/sqrt(outputSize) (or ±stdv·sqrt(3)). */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.weight.size(1));
    this.weight.uniform(-s, s);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    const outputSize = this.weight.size(1);
    this._weightNorm ??= this.weight.new();
    this._inputNorm ??= this.weight.new();
    torch.norm(this._weightNorm, this.weight, 2, 2).add(1e-12);
    if (input.dim() === 1) {
      this.output.resize(outputSize).zero().addmv(1, this.weight, input);
      this.__norm = input.norm() + 1e-12;
      this.output.cdiv(this._weightNorm.view(outputSize)).div(this.__norm);
    } else if (input.dim() === 2) {
      const batchSize = input.size(1);
      const n = this.output.nElement();
      this.output.resize(batchSize, outputSize);
      if (this.output.nElement() !== n) this.output.zero();
      this.output.addmm(0, this.output, 1, input, this.weight.t());
      torch.norm(this._inputNorm, input, 2, 2).add(1e-12);
      this.output.cdiv(this._weightNorm.view(1, outputSize).expandAs(this.output));
      this.output.cdiv(this._inputNorm.expandAs(this.output));
    } else {
      throw new TorchError('input must be vector or matrix');
    }
    return this.output;
  }

  /** dy_j/dx_i = w_ji / (||w_j|| ||x||) - y_j x_i / ||x||^2. */
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const outputSize = this.weight.size(1);
    const n = this.gradInput.nElement();
    this.gradInput.resizeAs(input);
    if (this.gradInput.nElement() !== n) this.gradInput.zero();
    if (input.dim() === 1) {
      this._weight ??= input.new();
      const w = this._weight.resizeAs(this.weight).copy(this.weight);
      w.cdiv(this._weightNorm!.expandAs(this.weight)).div(this.__norm);
      w.addr(1, w, -1 / (this.__norm * this.__norm), this.output, input);
      this.gradInput.addmv(0, 1, w.t(), gradOutput);
    } else if (input.dim() === 2) {
      const inputNorm = this._inputNorm!.expandAs(input);
      const weightNorm = this._weightNorm!.view(1, outputSize).expandAs(gradOutput);
      this.gradInput.copy(input).cdiv(inputNorm);
      this._gradOutput ??= gradOutput.new();
      this._gradOutput.resizeAs(gradOutput).copy(gradOutput).cmul(this.output);
      this._sum ??= input.new();
      torch.sum(this._sum, this._gradOutput, 2);
      this.gradInput.cmul(this._sum.expandAs(input));
      this._gradOutput.resizeAs(gradOutput).copy(gradOutput).cdiv(weightNorm);
      this.gradInput.addmm(-1, this.gradInput, 1, this._gradOutput, this.weight);
      this.gradInput.cdiv(inputNorm);
    }
    return this.gradInput;
  }

  /**
   * dy_j/dw_ji = x_i / (||w_j|| ||x||) - y_j w_ji / ||w_j||^2. (Torch applies `scale` only to the first
   * term of the vector case and not at all in the batch case; here both are scaled, the same at scale 1.)
   */
  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const outputSize = this.weight.size(1);
    this._weight ??= this.weight.new();
    this._gradOutput ??= gradOutput.new();
    if (input.dim() === 1) {
      // The weight term is taken before gradWeight changes, so accUpdateGradParameters (gradWeight = weight) is exact.
      const weightNorm = this._weightNorm!.view(outputSize);
      const w = this._weight.resizeAs(this.weight).copy(this.weight);
      const g = this._gradOutput.resizeAs(gradOutput).copy(gradOutput).cdiv(weightNorm);
      const coef = (this._sum ??= input.new()).resizeAs(g).copy(g).cdiv(weightNorm).cmul(this.output);
      w.cmul(coef.view(outputSize, 1).expandAs(this.weight));
      this.gradWeight.addr(scale / this.__norm, g, input);
      this.gradWeight.add(-scale, w);
    } else if (input.dim() === 2) {
      const w = this._weight.resizeAs(this.weight).copy(this.weight);
      this._gradOutput.resizeAs(gradOutput).copy(gradOutput).cmul(this.output);
      this._sum ??= input.new();
      torch.sum(this._sum, this._gradOutput, 1);
      const grad = this._sum.selectTensor(1, 1);
      grad.cdiv(this._weightNorm!.selectTensor(2, 1));
      w.cmul(grad.view(outputSize, 1).expandAs(w));
      const input_ = this._gradOutput;
      input_.resizeAs(input).copy(input).cdiv(this._inputNorm!.expandAs(input));
      w.addmm(-1, w, 1, gradOutput.t(), input_);
      w.cdiv(this._weightNorm!.expandAs(w));
      this.gradWeight.add(scale, w);
    } else {
      throw new TorchError('1D or 2D input expected');
    }
  }

  /** Converts the module (the work buffers are dropped first). */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) this.clearState();
    return super.type(type, cache);
  }

  override clearState(): this {
    for (const b of [this._weight, this._gradOutput, this._sum, this._inputNorm, this._weightNorm]) b?.set();
    return super.clearState();
  }
}
