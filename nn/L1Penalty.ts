/** nn.L1Penalty(l1weight[, sizeAverage = false[, provideOutput = true]]) (L1Penalty.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * An L1 sparsity regularizer on an activation: forward passes the input itself through (`output` is
 * the input tensor) and records `loss = m * ||input||_1`, with m = l1weight (divided by the number of
 * elements when `sizeAverage`); backward returns `m * sign(input)`, plus gradOutput when `provideOutput`.
 * @example
 * const net = new nn.Sequential().add(new nn.Linear(10, 20)).add(new nn.L1Penalty(1e-3)).add(new nn.Linear(20, 2));
 */
export class L1Penalty extends Module {
  l1weight: number;
  sizeAverage: boolean;
  provideOutput: boolean;
  /** The penalty of the last forward. */
  loss?: number;

  constructor(l1weight: number, sizeAverage?: boolean, provideOutput?: boolean) {
    super();
    this.l1weight = l1weight;
    this.sizeAverage = sizeAverage ?? false;
    this.provideOutput = provideOutput ?? true;
  }

  private penalty(input: Tensor): number {
    return this.sizeAverage === true ? this.l1weight / input.nElement() : this.l1weight;
  }

  override updateOutput(input: Tensor): Tensor {
    this.loss = this.penalty(input) * (input.norm(1) as number);
    this.output = input;
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input).copy(input).sign().mul(this.penalty(input));
    if (this.provideOutput === true) this.gradInput.add(gradOutput);
    return this.gradInput;
  }
}
