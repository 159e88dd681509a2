/** nn.ClassSimplexCriterion(nClasses): MSE to each class's vertex of a regular simplex (ClassSimplexCriterion.lua). */
import { newDefault } from '../lib/defaults.js';
import { TorchError, check } from '../lib/errors.js';
import { torch } from '../lib/index.js';
import type { LongTensor, Tensor } from '../lib/Tensor.js';
import { MSECriterion } from './MSECriterion.js';

/**
 * The vertices (rows) of a regular simplex centred at the origin with unit-norm vertices: n+1 vectors
 * of dimension n, built coordinate by coordinate as torch/nn's `regsplex`.
 */
function regsplex(n: number): Tensor {
  const a = torch.zeros(n + 1, n) as Tensor;
  for (let k = 1; k <= n; k++) {
    if (k === 1) a.put(k, k, 1);
    else a.put(k, k, Math.sqrt(1 - (a.select(1, k) as Tensor).narrow(1, 1, k - 1).norm() ** 2));
    const akk = a.get(k, k);
    const c = (akk ** 2 - 1 - 1 / n) / akk;
    (a.narrow(1, k + 1, n + 1 - k).select(2, k) as Tensor).fill(c);
  }
  return a;
}

/**
 * Classification by regression: class c's target is row c of `simplex` (nClasses x nClasses: the
 * nClasses vertices of a regular simplex in nClasses-1 dimensions, padded with a zero column), and the
 * loss is MSECriterion's (sizeAverage by default) between the input and those targets. The target is a
 * class number (input of nClasses) or a 1-D tensor of classes (input nSamples x nClasses).
 * @example
 * const crit = new nn.ClassSimplexCriterion(3);
 * const loss = crit.forward(torch.randn(2, 3), torch.Tensor([1, 3]));
 */
export class ClassSimplexCriterion extends MSECriterion {
  nClasses: number;
  simplex: Tensor;
  _target: Tensor;

  constructor(nClasses: number) {
    super();
    check(!!nClasses && nClasses > 1 && Number.isInteger(nClasses), 'Required positive integer argument nClasses > 1');
    this.nClasses = nClasses;
    const simp = regsplex(nClasses - 1);
    this.simplex = torch.cat(simp, torch.zeros(simp.size(1), nClasses - simp.size(2)), 2);
    this._target = newDefault().resize(nClasses);
  }

  private simplexRow(c: number): Tensor {
    if (!(Number.isInteger(c) && c >= 1 && c <= this.nClasses)) throw new TorchError(`bad argument #1 to 'select' (out of range)`);
    return (this.simplex.select(1, c) as Tensor);
  }

  /** _target = the simplex rows of the target class(es). */
  private transformTarget(target: number | Tensor): void {
    if (typeof target === 'number') {
      this._target.resize(this.nClasses).copy(this.simplexRow(target));
    } else {
      check(target.dim() === 1, '1D tensors only!');
      const n = target.size(1);
      this._target.resize(n, this.nClasses);
      for (let i = 1; i <= n; i++) (this._target.select(1, i) as Tensor).copy(this.simplexRow(target.get(i)));
    }
  }

  override updateOutput(input: Tensor, target: number | Tensor): number {
    this.transformTarget(target);
    check(input.nElement() === this._target.nElement(), 'assertion failed!');
    return super.updateOutput(input, this._target);
  }

  /** MSE's gradient w.r.t. the targets of the last updateOutput. */
  override updateGradInput(input: Tensor, _target?: number | Tensor): Tensor {
    check(input.nElement() === this._target.nElement(), 'assertion failed!');
    return super.updateGradInput(input, this._target);
  }

  /** input (a vector or a batch) times simplex^T: each class's score. */
  getPredictions(input: Tensor): Tensor {
    const x = input.dim() === 1 ? input.view(1, -1) : input;
    return torch.mm(x, this.simplex.t());
  }

  /** The best-scoring class of each row (a LongTensor). */
  getTopPrediction(input: Tensor): LongTensor {
    const prod = this.getPredictions(input);
    const [, maxs] = prod.max(prod.nDimension());
    return maxs.view(-1) as LongTensor;
  }
}
