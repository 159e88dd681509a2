/** nn.Add(inputSize[, scalar = false]): y = x + b with a learnable bias vector (or scalar) (Add.lua). */
import { newDefault } from '../lib/defaults.js';
import type { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Adds a learnable bias of `inputSize` (one number if `scalar`) to a sample or to each row of a batch.
 * `reset()` draws the bias uniform in ±1/sqrt(bias:size(1)).
 * @example
 * new nn.Add(5).forward(torch.randn(8, 5)); // 8x5
 */
export class Add extends Module {
  declare bias: Tensor;
  declare gradBias: Tensor;
  scalar?: boolean;
  /** A vector of ones, one per batch row. */
  _ones: Tensor;

  constructor(inputSize: number | LongStorage, scalar?: boolean) {
    super();
    const size = scalar ? 1 : inputSize;
    this.scalar = scalar;
    this.bias = newDefault().resize(size as number);
    this.gradBias = newDefault().resize(size as number).zero();
    this._ones = newDefault().resize(1).fill(1);
    this.reset();
  }

  /** Uniform in ±1/sqrt(n) (or ±stdv·sqrt(3)). */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.bias.size(1));
    this.bias.uniform(-s, s);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    this.output.resizeAs(input).copy(input);
    if (this.scalar) {
      this.output.add(this.bias.get(1));
    } else if (input.isSameSizeAs(this.bias)) {
      this.output.add(this.bias);
    } else {
      const batchSize = input.size(1);
      if (this._ones.size(1) !== batchSize) this._ones.resize(batchSize).fill(1);
      this.output.view(batchSize, -1).addr(1, this._ones, this.bias.view(-1));
    }
    return this.output;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(gradOutput).copy(gradOutput);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    if (this.gradBias.size(1) === 1) {
      // Torch's `gradBias[1] = gradBias[1] + scale * gradOutput:sum()` (a slice when the bias has more dims).
      const g = this.gradBias, v = scale * gradOutput.sum();
      if (g.dim() === 1) g.put(1, g.get(1) + v);
      else g.selectTensor(1, 1).add(v);
    } else if (input.isSameSizeAs(this.bias)) {
      this.gradBias.add(scale, gradOutput);
    } else {
      const go = gradOutput.view(input.size(1), -1);
      this.gradBias.view(-1).addmv(scale, go.t(), this._ones);
    }
  }
}
