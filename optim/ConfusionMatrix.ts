/** optim.ConfusionMatrix: counts of (target, prediction) pairs and the accuracies they give (ConfusionMatrix.lua). */
import { torch } from '../lib/index.js';
import type { DoubleTensor, FloatTensor, LongTensor, Tensor } from '../lib/Tensor.js';
import { TorchError } from '../lib/errors.js';
import { sprintf, tostring } from './format.js';

/** A class label as the printout shows it. */
export type ClassLabel = string | number;

/**
 * `new optim.ConfusionMatrix(nclasses | classes[, classes])`: an nclasses×nclasses LongTensor `mat`
 * whose rows are targets and columns predictions. `add` and `batchAdd` count; `updateValids` computes
 * `valids` (per-class accuracy, a FloatTensor as in Torch), `unionvalids` (intersection over union),
 * `totalValid`, `averageValid` and `averageUnionValid`; `toString()` prints Torch's table.
 * @example
 * const cm = new optim.ConfusionMatrix(['cat', 'dog']);
 * cm.add(output, 2); // output: a vector of class scores
 * console.log(cm.toString());
 */
export class ConfusionMatrix {
  mat: LongTensor;
  valids: FloatTensor;
  unionvalids: FloatTensor;
  nclasses: number;
  totalValid = 0;
  averageValid = 0;
  averageUnionValid?: number;
  classes: ClassLabel[];
  _mat_flat: LongTensor;
  _target: FloatTensor = new torch.FloatTensor();
  _prediction: FloatTensor = new torch.FloatTensor();
  _max: FloatTensor = new torch.FloatTensor();
  _pred_idx: LongTensor = new torch.LongTensor();
  _targ_idx: LongTensor = new torch.LongTensor();
  _frrs?: DoubleTensor; _classFrrs?: DoubleTensor; _fars?: DoubleTensor; _classFars?: DoubleTensor;

  constructor(nclasses: number | ClassLabel[], classes?: ClassLabel[]) {
    if (Array.isArray(nclasses)) { classes = nclasses; nclasses = classes.length; }
    this.mat = new torch.LongTensor(nclasses, nclasses).zero();
    this.valids = new torch.FloatTensor(nclasses).zero();
    this.unionvalids = new torch.FloatTensor(nclasses).zero();
    this.nclasses = nclasses;
    this.classes = classes ?? [];
    this._mat_flat = this.mat.view(-1);
  }

  /** Counts one (prediction, target) pair of class indices; a target ≤ 0 is missing and ignored. */
  _add(p: number, t: number): void {
    if (typeof p !== 'number' || typeof t !== 'number') throw new TorchError('assertion failed!');
    if (t > 0) this.mat.put(t, p, this.mat.get(t, p) + 1);
  }

  /**
   * Counts one sample. `prediction`: a class index, or a vector of scores (its argmax). `target`: a
   * class index, or a one-hot (score) vector (its argmax).
   */
  add(prediction: number | Tensor, target: number | Tensor): void {
    if (typeof prediction === 'number') { this._add(prediction, target as number); return; }
    this._prediction.resize(prediction.size()).copy(prediction);
    if (prediction.dim() !== 1) throw new TorchError('assertion failed!');
    if (typeof target === 'number') {
      torch.max(this._max, this._pred_idx, this._prediction, 1);
      this._add(this._pred_idx.get(1), target);
    } else {
      if (target.dim() !== 1) throw new TorchError('assertion failed!');
      this._target.resize(target.size()).copy(target);
      torch.max(this._max, this._targ_idx, this._target, 1);
      torch.max(this._max, this._pred_idx, this._prediction, 1);
      this._add(this._pred_idx.get(1), this._targ_idx.get(1));
    }
  }

  /**
   * Counts a batch. `predictions`: N class indices, or N×K scores (the argmax of each row). `targets`:
   * N class indices, or N×K one-hot rows. Targets ≤ 0 are missing and ignored.
   */
  batchAdd(predictions: Tensor, targets: Tensor): void {
    let preds: Tensor, targs: Tensor;
    this._prediction.resize(predictions.size()).copy(predictions);
    if (predictions.dim() === 1) {
      preds = this._prediction; // a vector of classes
    } else if (predictions.dim() === 2) {
      if (predictions.size(2) === 1) preds = this._prediction.select(2, 1) as Tensor;
      else {
        torch.max(this._max, this._pred_idx, this._prediction, 2);
        preds = this._pred_idx.select(2, 1) as Tensor;
      }
    } else {
      throw new TorchError('predictions has invalid number of dimensions');
    }

    this._target.resize(targets.size()).copy(targets);
    if (targets.dim() === 1) {
      targs = this._target; // a vector of classes
    } else if (targets.dim() === 2) {
      if (targets.size(2) === 1) targs = this._target.select(2, 1) as Tensor;
      else {
        torch.max(this._max, this._targ_idx, this._target, 2);
        targs = this._targ_idx.select(2, 1) as Tensor;
      }
    } else {
      throw new TorchError('targets has invalid number of dimensions');
    }

    // non-positive targets are missing, and ignored
    const mask = torch.ge(targs, 1);
    targs = targs.maskedSelect(mask);
    preds = preds.maskedSelect(mask).typeAs(targs);
    if (targs.nElement() === 0) return;
    if (!(this.mat.isContiguous() && this.mat.stride(2) === 1)) throw new TorchError('assertion failed!');
    const indices = torch.add(torch.add(targs, -1).mul(this.mat.stride(1)), preds).typeAs(this.mat) as LongTensor;
    const ones = torch.ones(1).typeAs(this.mat).expand(indices.size(1));
    this._mat_flat.indexAdd(1, indices, ones);
  }

  /** Resets the counts and the accuracies. */
  zero(): void {
    this.mat.zero();
    this.valids.zero();
    this.unionvalids.zero();
    this.totalValid = 0;
    this.averageValid = 0;
  }

  /** Computes valids, unionvalids, totalValid, averageValid and averageUnionValid (NaN classes skipped). */
  updateValids(): void {
    let total = 0;
    for (let t = 1; t <= this.nclasses; t++) {
      const tt = this.mat.get(t, t);
      this.valids.put(t, tt / (this.mat.select(1, t) as Tensor).sum());
      this.unionvalids.put(t, tt / ((this.mat.select(1, t) as Tensor).sum() + (this.mat.select(2, t) as Tensor).sum() - tt));
      total = total + tt;
    }
    this.totalValid = total / this.mat.sum();
    let avg = 0, avgU = 0, nvalids = 0, nunionvalids = 0;
    for (let t = 1; t <= this.nclasses; t++) {
      const v = this.valids.get(t), u = this.unionvalids.get(t);
      if (!Number.isNaN(v)) { avg = avg + v; nvalids++; }
      if (!Number.isNaN(v) && !Number.isNaN(u)) { avgU = avgU + u; nunionvalids++; }
    }
    this.averageValid = avg / nvalids;
    this.averageUnionValid = avgU / nunionvalids;
  }

  /**
   * False acceptance and false rejection rates: `[classFrrs, classFars, frrs, fars]`; the class
   * tensors hold −1 for classes without samples, the other two only the classes with samples.
   */
  farFrr(): [DoubleTensor, DoubleTensor, DoubleTensor, DoubleTensor] {
    const cmat = this.mat;
    const n = cmat.size(1);
    const frrs = (this._frrs ??= torch.zeros(n)).zero();
    const classFrrs = (this._classFrrs ??= torch.zeros(n)).zero().add(-1);
    const fars = (this._fars ??= torch.zeros(n)).zero();
    const classFars = (this._classFars ??= torch.zeros(n)).zero().add(-1);
    const count = cmat.sum(2) as Tensor;
    let indx = 1;
    for (let i = 1; i <= n; i++) {
      if (count.get(i, 1) !== 0) {
        frrs.put(indx, 1 - cmat.get(i, i) / count.get(i, 1));
        classFrrs.put(i, frrs.get(indx));
        let num = 0, den = 0;
        for (let j = 1; j <= n; j++) {
          if (i !== j && count.get(j, 1) !== 0) { num = num + cmat.get(j, i) / count.get(j, 1); den = den + 1; }
        }
        fars.put(indx, num / den);
        classFars.put(i, fars.get(indx));
        indx++;
      }
    }
    indx--;
    const head = (t: DoubleTensor) => (indx > 0 ? t.narrow(1, 1, indx) : t.new());
    return [classFrrs, classFars, head(frrs), head(fars)];
  }

  /** Torch's printout (`print(cm)`): the matrix, each class's accuracy, and the three averages. */
  toString(): string {
    this.updateValids();
    const str = ['ConfusionMatrix:\n', '['];
    const maxCnt = this.mat.max();
    const nDigits = Math.max(8, 1 + Math.ceil(Math.log10(maxCnt)));
    const named = this.classes.length > 0 && this.classes[0] !== undefined && this.classes[0] !== null;
    for (let t = 1; t <= this.nclasses; t++) {
      const pclass = sprintf('%2.3f', this.valids.get(t) * 100);
      str.push(t === 1 ? '[' : ' [');
      for (let p = 1; p <= this.nclasses; p++) str.push(sprintf(`%${nDigits}d`, this.mat.get(t, p)));
      const close = t === this.nclasses ? ']]  ' : ']   ';
      if (named) {
        const c = this.classes[t - 1];
        const label = c === undefined || c === null ? '' : typeof c === 'number' ? tostring(c) : c;
        str.push(`${close}${pclass}% \t[class: ${label}]\n`);
      } else {
        str.push(`${close}${pclass}% \n`);
      }
    }
    str.push(` + average row correct: ${tostring(this.averageValid * 100)}% \n`);
    str.push(` + average rowUcol correct (VOC measure): ${tostring((this.averageUnionValid as number) * 100)}% \n`);
    str.push(` + global correct: ${tostring(this.totalValid * 100)}%`);
    return str.join('');
  }

  /** Lua's name for toString(). */
  __tostring__(): string { return this.toString(); }

  /**
   * The numeric part of Torch's `render()`: the row-normalised matrix, rows and columns sorted by
   * 'score' (per-class accuracy, the default) or 'occurrence', each cell a block×block square and a
   * grid line of 0.1 after each class. (Torch also draws text legends through qtwidget; not here.)
   */
  render(sortmode: 'score' | 'occurrence' = 'score', block = 25): DoubleTensor {
    const n = this.nclasses;
    const confusion = this.mat.double().clone();
    const diag = new torch.FloatTensor(n), freqs = new torch.FloatTensor(n);
    for (let t = 1; t <= n; t++) {
      const rowT = confusion.select(1, t) as Tensor;
      freqs.put(t, rowT.sum());
      rowT.div(Math.max(rowT.sum(), 1));
      diag.put(t, rowT.get(t));
    }
    freqs.div(this.mat.sum());
    if (sortmode !== 'score' && sortmode !== 'occurrence') throw new TorchError('sort mode must be one of: score | occurrence');
    const [, order] = torch.sort(sortmode === 'score' ? diag : freqs, 1, true) as [Tensor, LongTensor];
    const out = torch.zeros(n * block, n * block) as DoubleTensor;
    for (let t = 1; t <= n; t++) {
      for (let p = 1; p <= n; p++) {
        out.narrow(1, (t - 1) * block + 1, block).narrow(2, (p - 1) * block + 1, block).fill(confusion.get(order.get(t), order.get(p)));
      }
    }
    for (let t = 1; t <= n; t++) {
      (out.select(1, t * block) as Tensor).fill(0.1);
      (out.select(2, t * block) as Tensor).fill(0.1);
    }
    return out;
  }
}
