/** nn.PairwiseDistance(p = 2): the p-norm distance between the two tensors of a pair (PairwiseDistance.lua). */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/** sign(x), with a random ±1 at 0 (drawn from torch's RNG), as PairwiseDistance.lua's mathsign. */
function mathsign(x: number): number {
  if (x === 0) return 2 * torch.random(2) - 3;
  return x > 0 ? 1 : -1;
}

/**
 * `‖input[1] - input[2]‖_p` for a pair of vectors (output of size 1) or, row by row, of matrices
 * (output of size batch).
 * @example
 * new nn.PairwiseDistance(2).forward([torch.randn(4, 5), torch.randn(4, 5)]); // size 4
 */
export class PairwiseDistance extends Module {
  /** The p of the p-norm. */
  norm: number;
  override gradInput: Tensor[] = [];
  diff?: Tensor = newDefault();
  outExpand?: Tensor;
  grad?: Tensor;
  ones?: Tensor;

  constructor(p = 2) {
    super();
    this.norm = p;
  }

  override updateOutput(input: Tensor[]): Tensor {
    const [a, b] = input;
    const output = (this.output as Tensor).resize(1);
    if (a.dim() === 1) {
      output.resize(1);
      output.put(1, a.dist(b, this.norm));
    } else if (a.dim() === 2) {
      this.diff ??= a.new();
      const diff = this.diff.resizeAs(a).zero();
      diff.add(a, -1, b).abs();
      torch.sum(output, diff.pow(this.norm), 2);
      output.resize(a.size(1)).pow(1 / this.norm);
    } else {
      throw new TorchError('input must be vector or matrix');
    }
    return output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    const [a, b] = input;
    if (a.dim() > 2) throw new TorchError('input must be vector or matrix');
    const g1 = (this.gradInput[0] ??= a.new()).resize(a.size());
    const g2 = (this.gradInput[1] ??= b.new()).resize(b.size());
    const output = this.output as Tensor;
    g1.copy(a).add(-1, b);
    if (this.norm === 1) {
      g1.apply(mathsign);
    } else {
      // d/dx_k ‖x‖_p = x_k |x_k|^(p-2) / ‖x‖_p^(p-1)
      if (this.norm > 2) g1.cmul(g1.clone().abs().pow(this.norm - 2));
      if (a.dim() > 1) {
        this.outExpand ??= output.new();
        const oe = this.outExpand.resize(output.size(1), 1);
        oe.copy(output).add(1e-6).pow(-(this.norm - 1));
        g1.cmul(oe.expand(g1.size(1), g1.size(2)));
      } else {
        g1.mul(Math.pow(output.get(1) + 1e-6, -(this.norm - 1)));
      }
    }
    if (a.dim() === 1) {
      g1.mul(gradOutput.get(1));
    } else {
      this.grad ??= gradOutput.new();
      this.ones ??= gradOutput.new();
      this.grad.resizeAs(a).zero();
      this.ones.resize(a.size(2)).fill(1);
      this.grad.addr(gradOutput, this.ones);
      g1.cmul(this.grad);
    }
    g2.zero().add(-1, g1);
    return this.gradInput;
  }

  override clearState(): this {
    for (const t of [this.diff, this.outExpand, this.grad, this.ones]) t?.set();
    return super.clearState();
  }
}
