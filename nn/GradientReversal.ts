/** nn.GradientReversal(lambda = 1): identity forward, -lambda * gradOutput backward (GradientReversal.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Passes its input through (the output is a view of it) and reverses the gradient, scaled by lambda:
 * the building block of domain-adversarial training.
 * @example
 * const g = new nn.GradientReversal(0.5);
 * g.backward(x, gradY); // -0.5 * gradY
 */
export class GradientReversal extends Module {
  lambda: number;

  constructor(lambda?: number) {
    super();
    this.lambda = lambda ?? 1;
  }

  /** Changes the gradient scale. */
  setLambda(lambda: number): void { this.lambda = lambda; }

  override updateOutput(input: Tensor): Tensor {
    return (this.output as Tensor).set(input);
  }
  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    return (this.gradInput as Tensor).resizeAs(gradOutput).copy(gradOutput).mul(-this.lambda);
  }
}
