/** nn.WhiteNoise([mean = 0[, std = 0.1]]): adds Gaussian noise in training (WhiteNoise.lua). */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import { printf } from '../lib/print.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * In training, output = input + noise, the noise drawn with `noise:normal(mean, std)` from Torch's RNG
 * (one draw per element, row-major). In evaluation the output is input + mean and there is no backward
 * ("backprop only defined while training"). The gradient in training is gradOutput.
 * @example
 * const w = new nn.WhiteNoise(0, 0.1);
 * w.forward(torch.zeros(3)); // three N(0, 0.1) draws
 * w.evaluate().forward(x);   // x
 */
export class WhiteNoise extends Module {
  mean: number;
  std: number;
  /** The last noise drawn. */
  noise: Tensor = newDefault();

  constructor(mean?: number, std?: number) {
    super();
    this.mean = mean ?? 0;
    this.std = std ?? 0.1;
  }

  override updateOutput(input: Tensor): Tensor {
    this.output.resizeAs(input).copy(input);
    if (this.train !== false) {
      this.noise.resizeAs(input);
      this.noise.normal(this.mean, this.std);
      this.output.add(this.noise);
    } else if (this.mean !== 0) {
      this.output.add(this.mean);
    }
    return this.output;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    if (this.train === false) throw new TorchError('backprop only defined while training');
    this.gradInput.resizeAs(gradOutput).copy(gradOutput);
    return this.gradInput;
  }

  /** Empties `noise` as Lua does, and (Lua returns nothing there) output and gradInput too; returns self. */
  override clearState(): this {
    this.noise.set();
    return super.clearState();
  }

  override toString(): string {
    const f = (x: number) => printf({ conv: 'f', width: 0, prec: 6 }, x);
    return `${this.__typename} mean: ${f(this.mean)}, std: ${f(this.std)}`;
  }
}
