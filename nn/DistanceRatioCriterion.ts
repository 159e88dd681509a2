/** nn.DistanceRatioCriterion([sizeAverage = true]): the triplet distance-ratio loss (DistanceRatioCriterion.lua). */
import { check } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/**
 * For a table {X, Y} of distances (X between similar samples, Y between dissimilar ones):
 * loss = sum_i X_i + log(exp(-X_i) + exp(-Y_i)), divided by X:size(1) when `sizeAverage`.
 * The gradient is {1 - exp(-X)/(exp(-X)+exp(-Y)), -exp(-Y)/(exp(-X)+exp(-Y))} (divided likewise).
 * As in Torch, forward returns the loss without storing it in `output`, and backward returns the table
 * {dX, dY} without storing it in `gradInput`. No target is used.
 * @example
 * const crit = new nn.DistanceRatioCriterion();
 * const loss = crit.forward([dSimilar, dDissimilar]);
 */
export class DistanceRatioCriterion extends Criterion {
  declare sizeAverage: boolean;
  _expMinusX?: Tensor;
  _expMinusY?: Tensor;
  _sumExpMinusXY?: Tensor;
  _logSumExpMinusXY?: Tensor;
  loss?: Tensor;
  dX?: Tensor;
  dY?: Tensor;

  constructor(sizeAverage?: boolean) {
    super();
    this.sizeAverage = sizeAverage ?? true;
  }

  private checkInput(input: Tensor[]): [Tensor, Tensor] {
    check(Array.isArray(input) && input.length === 2, 'Invalid number of inputs');
    const [X, Y] = input;
    check(X.nElement() === Y.nElement(), "Number of distances don't match.");
    check(X.size(1) === Y.size(1), "Invalid distances' size.");
    return [X, Y];
  }

  override updateOutput(input: Tensor[], _target?: unknown): number {
    const [X, Y] = this.checkInput(input);
    this._expMinusX ??= X.new();
    this._expMinusY ??= Y.new();
    this._expMinusX.resizeAs(X).copy(X).mul(-1).exp();
    this._expMinusY.resizeAs(Y).copy(Y).mul(-1).exp();
    this._sumExpMinusXY = X.new().resizeAs(this._expMinusX).copy(this._expMinusX).add(this._expMinusY);
    this._logSumExpMinusXY ??= this._sumExpMinusXY.new();
    this._logSumExpMinusXY.resizeAs(this._sumExpMinusXY).copy(this._sumExpMinusXY).log();
    this.loss ??= this._logSumExpMinusXY.new();
    this.loss.resizeAs(X).copy(X).add(this._logSumExpMinusXY);
    return this.sizeAverage ? this.loss.sum() / X.size(1) : this.loss.sum();
  }

  override updateGradInput(input: Tensor[], _target?: unknown): Tensor[] {
    const [X, Y] = this.checkInput(input);
    this.dX ??= X.new();
    this.dX.resizeAs(this._expMinusX!).copy(this._expMinusX!).mul(-1).cdiv(this._sumExpMinusXY!).add(1);
    this.dY ??= Y.new();
    this.dY.resizeAs(this._expMinusY!).copy(this._expMinusY!).mul(-1).cdiv(this._sumExpMinusXY!);
    if (this.sizeAverage) {
      this.dX.div(X.size(1));
      this.dY.div(X.size(1));
    }
    return [this.dX, this.dY];
  }

  /** Drops the buffers, then converts. */
  override type(type: string, cache?: Map<unknown, any>): this {
    if (type) {
      for (const f of ['_expMinusX', '_expMinusY', '_sumExpMinusXY', '_logSumExpMinusXY', 'loss', 'dX', 'dY'] as const) this[f] = undefined;
    }
    return super.type(type, cache);
  }
}
