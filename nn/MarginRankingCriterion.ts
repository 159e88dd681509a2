/** nn.MarginRankingCriterion([margin = 1]): ranking hinge loss of a pair of scores (MarginRankingCriterion.lua). */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/**
 * For scores `{x1, x2}` and y in {1, -1} (y = 1: x1 should rank higher): loss = max(0, -y (x1 - x2) + margin).
 * A number y takes one-element inputs; a tensor y takes batches of scores, whose losses are summed
 * and divided by the batch size when `sizeAverage`.
 * @example
 * const crit = new nn.MarginRankingCriterion(0.1);
 * const loss = crit.forward([torch.Tensor([0.3]), torch.Tensor([0.7])], 1);
 */
export class MarginRankingCriterion extends Criterion {
  declare sizeAverage: boolean;
  margin: number;
  declare gradInput: [Tensor, Tensor];
  _output?: Tensor;
  dist?: Tensor;
  mask?: Tensor;

  constructor(margin?: number) {
    super();
    this.margin = margin ?? 1;
    this.gradInput = [newDefault().resize(1), newDefault().resize(1)];
    this.sizeAverage = true;
  }

  override updateOutput(input: [Tensor, Tensor], y: number | Tensor): number {
    if (typeof y === 'number') { // non-batch mode
      this.output = Math.max(0, -y * (input[0].get(1) - input[1].get(1)) + this.margin);
    } else {
      const out = (this._output ??= input[0].clone());
      out.resizeAs(input[0]);
      out.copy(input[0]);
      out.add(-1, input[1]);
      out.mul(-1).cmul(y);
      out.add(this.margin);
      out.cmax(0);
      this.output = out.sum();
      if (this.sizeAverage) this.output /= y.size(1);
    }
    return this.output;
  }

  override updateGradInput(input: [Tensor, Tensor], y: number | Tensor): [Tensor, Tensor] {
    const [g1, g2] = this.gradInput;
    if (typeof y === 'number') { // non-batch mode
      const dist = -y * (input[0].get(1) - input[1].get(1)) + this.margin;
      if (dist < 0) {
        g1.put(1, 0);
        g2.put(1, 0);
      } else {
        g1.put(1, -y);
        g2.put(1, y);
      }
    } else {
      const dist = (this.dist ??= input[0].new());
      dist.resizeAs(input[0]).copy(input[0]);
      dist.add(-1, input[1]);
      dist.mul(-1).cmul(y);
      dist.add(this.margin);

      const mask = (this.mask ??= input[0].new());
      mask.resizeAs(input[0]).copy(dist);
      mask.ge(dist, 0);

      g1.resize(dist.size());
      g2.resize(dist.size());
      g1.copy(mask);
      g1.mul(-1).cmul(y);
      g2.copy(mask);
      g2.cmul(y);

      if (this.sizeAverage) {
        g1.div(y.size(1));
        g2.div(y.size(1));
      }
    }
    return this.gradInput;
  }
}
