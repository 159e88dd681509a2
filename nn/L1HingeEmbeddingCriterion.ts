/** nn.L1HingeEmbeddingCriterion([margin = 1]): L1 distance of a pair, hinged for dissimilar pairs (L1HingeEmbeddingCriterion.lua). */
import { newDefault } from '../lib/defaults.js';
import { random } from '../lib/random/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/** sign(t), with a random ±1 (drawn from Torch's RNG) for 0, as the Lua `mathsign` does. */
function mathsign(t: number): number {
  if (t > 0) return 1;
  if (t < 0) return -1;
  return 2 * random(2) - 3;
}

/**
 * For a pair `{x1, x2}` and a label y: loss = ||x1 - x2||_1 when y = 1, max(0, margin - ||x1 - x2||_1)
 * when y = -1. The gradient is a table of two tensors.
 * @example
 * const crit = new nn.L1HingeEmbeddingCriterion(2);
 * const loss = crit.forward([a, b], -1);
 */
export class L1HingeEmbeddingCriterion extends Criterion {
  margin: number;
  declare gradInput: [Tensor, Tensor];

  constructor(margin?: number) {
    super();
    this.margin = margin ?? 1;
    this.gradInput = [newDefault(), newDefault()];
  }

  override updateOutput(input: [Tensor, Tensor], y: number): number {
    this.output = input[0].dist(input[1], 1);
    if (y === -1) this.output = Math.max(0, this.margin - this.output);
    return this.output;
  }

  override updateGradInput(input: [Tensor, Tensor], y: number): [Tensor, Tensor] {
    const [g1, g2] = this.gradInput;
    g1.resizeAs(input[0]);
    g2.resizeAs(input[1]);
    g1.copy(input[0]);
    g1.add(-1, input[1]);
    const dist = g1.norm(1);
    g1.apply(mathsign); // L1 gradient
    if (y === -1) {
      if (dist > this.margin) g1.zero();
      else g1.mul(-1);
    }
    g2.zero().add(-1, g1);
    return this.gradInput;
  }
}
