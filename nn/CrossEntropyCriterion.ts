/** nn.CrossEntropyCriterion([weights[, sizeAverage = true]]): LogSoftMax then ClassNLL (CrossEntropyCriterion.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { ClassNLLCriterion } from './ClassNLLCriterion.js';
import { Criterion } from './Criterion.js';
import { LogSoftMax } from './LogSoftMax.js';

/**
 * loss(x, class) = -w[class]·log(exp(x[class]) / sum_j exp(x[j])) on raw scores (a vector or a batch
 * matrix; singleton dims are squeezed) with 1-based class targets; ClassNLL's weighting and averaging.
 * @example
 * const crit = new nn.CrossEntropyCriterion();
 * const loss = crit.forward(torch.randn(4, 5), torch.LongTensor([2, 5, 1, 3]));
 */
export class CrossEntropyCriterion extends Criterion {
  declare sizeAverage: boolean;
  lsm: LogSoftMax;
  nll: ClassNLLCriterion;
  /** The sizeAverage the nll last saw (changes to `sizeAverage` propagate to `nll`). */
  oldSizeAverage: boolean;

  constructor(weights?: Tensor, sizeAverage?: boolean) {
    super();
    this.lsm = new LogSoftMax();
    this.nll = new ClassNLLCriterion(weights, sizeAverage);
    this.sizeAverage = this.nll.sizeAverage;
    this.oldSizeAverage = this.sizeAverage;
  }

  override updateOutput(input: Tensor, target: number | Tensor): number {
    const x = input.squeeze();
    const t = typeof target === 'number' ? target : target.squeeze();
    // only propagate if the value has changed, to keep setting nll.sizeAverage directly working
    if (this.sizeAverage !== this.oldSizeAverage) this.nll.sizeAverage = this.sizeAverage;
    this.lsm.updateOutput(x);
    this.nll.updateOutput(this.lsm.output, t);
    this.output = this.nll.output;
    this.oldSizeAverage = this.sizeAverage;
    return this.output;
  }

  override updateGradInput(input: Tensor, target: number | Tensor): Tensor {
    const size = input.size();
    const x = input.squeeze();
    const t = typeof target === 'number' ? target : target.squeeze();
    if (this.sizeAverage !== this.oldSizeAverage) this.nll.sizeAverage = this.sizeAverage;
    this.nll.updateGradInput(this.lsm.output, t);
    this.lsm.updateGradInput(x, this.nll.gradInput);
    const g = this.lsm.gradInput as Tensor;
    this.gradInput.set(g.storage(), g.storageOffset(), size);
    this.oldSizeAverage = this.sizeAverage;
    return this.gradInput;
  }

  /** Converts the LogSoftMax and the ClassNLLCriterion inside too. */
  override type(type: string, cache = new Map<unknown, any>()): this {
    this.lsm.type(type, cache);
    this.nll.type(type, cache);
    return super.type(type, cache);
  }
}
