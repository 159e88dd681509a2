/** nn.Mul(): y = w x with one learnable scalar w (Mul.lua). */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Multiplies the input by a learnable scalar (`weight`, one element), drawn uniform in ±1 by `reset()`.
 * @example
 * const m = new nn.Mul();
 * m.forward(torch.ones(3)); // three times m.weight[1]
 */
export class Mul extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;

  constructor() {
    super();
    this.weight = newDefault().resize(1);
    this.gradWeight = newDefault().resize(1).zero();
    this.reset();
  }

  /** Uniform in ±1/sqrt(1) (or ±stdv·sqrt(3)). */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.weight.size(1));
    this.weight.uniform(-s, s);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    this.output.resizeAs(input).copy(input).mul(this.weight.get(1));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input).zero().add(this.weight.get(1), gradOutput);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.gradWeight.put(1, this.gradWeight.get(1) + scale * input.dot(gradOutput));
  }
}
