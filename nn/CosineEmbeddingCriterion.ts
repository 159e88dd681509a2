/** nn.CosineEmbeddingCriterion([margin = 0]): cosine similarity loss of similar/dissimilar pairs (CosineEmbeddingCriterion.lua). */
import { newDefault } from '../lib/defaults.js';
import { torch } from '../lib/index.js';
import { ByteTensor, type Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/**
 * For a pair `{x1, x2}` (vectors, or batches of row vectors) and labels y in {1, -1}:
 * loss = 1 - cos(x1, x2) where y = 1, max(0, cos(x1, x2) - margin) where y = -1; summed over the batch
 * and divided by its size when `sizeAverage`. y may be a number for a single pair.
 * @example
 * const crit = new nn.CosineEmbeddingCriterion(0.2);
 * const loss = crit.forward([a, b], torch.Tensor([1, -1])); // a, b: 2 x d
 */
export class CosineEmbeddingCriterion extends Criterion {
  declare sizeAverage: boolean;
  margin: number;
  declare gradInput: [Tensor, Tensor];
  /** Holds a number label. */
  _y?: Tensor;
  buffer?: Tensor;
  /** x1·x2 per row. */
  w1?: Tensor;
  /** 1 / (|x1|² + eps) per row. */
  w22?: Tensor;
  /** 1 / (|x1||x2|) per row. */
  w?: Tensor;
  /** 1 / (|x2|² + eps) per row. */
  w32?: Tensor;
  /** The per-row losses. */
  _outputs?: Tensor;
  _idx?: ByteTensor;
  /** Holds masked selections (Torch allocates them per call). */
  _sel?: Tensor;

  constructor(margin?: number) {
    super();
    this.margin = margin ?? 0;
    this.gradInput = [newDefault(), newDefault()];
    this.sizeAverage = true;
  }

  private labels(like: Tensor, y: number | Tensor): Tensor {
    if (typeof y !== 'number') return y;
    this._y ??= like.new(1);
    this._y.put(1, y);
    return this._y;
  }

  /** `t[mask] = f(t[mask])` through the `_sel` buffer. */
  private maskedUpdate(t: Tensor, mask: ByteTensor, f: (sel: Tensor) => void): void {
    const sel = this._sel!;
    sel.maskedSelect(t, mask);
    f(sel);
    t.maskedCopy(mask, sel);
  }

  override updateOutput(input: [Tensor, Tensor], yIn: number | Tensor): number {
    let [input1, input2] = input;
    const y = this.labels(input1, yIn);
    if (input1.dim() === 1) {
      input1 = input1.view(1, -1);
      input2 = input2.view(1, -1);
    }
    if (!this.buffer) {
      this.buffer = input1.new();
      this.w1 = input1.new();
      this.w22 = input1.new();
      this.w = input1.new();
      this.w32 = input1.new();
      this._outputs = input1.new();
      this._idx = new ByteTensor();
      this._sel = input1.new();
    }
    const buffer = this.buffer, w1 = this.w1!, w22 = this.w22!, w = this.w!, w32 = this.w32!;
    this._sel ??= input1.new();

    buffer.cmul(input1, input2);
    torch.sum(w1, buffer, 2);

    const epsilon = 1e-12;
    buffer.cmul(input1, input1);
    torch.sum(w22, buffer, 2).add(epsilon);
    // _outputs is also used as a temporary buffer
    const outputs = this._outputs!;
    outputs.resizeAs(w22).fill(1);
    w22.cdiv(outputs, w22);
    w.resizeAs(w22).copy(w22);

    buffer.cmul(input2, input2);
    torch.sum(w32, buffer, 2).add(epsilon);
    w32.cdiv(outputs, w32);
    w.cmul(w32);
    w.sqrt();

    outputs.cmul(w1, w);
    this._outputs = outputs.select(2, 1) as Tensor;

    const idx = this._idx!;
    idx.eq(y, -1);
    this.maskedUpdate(this._outputs, idx, (s) => s.add(-this.margin).cmax(0));
    idx.eq(y, 1);
    this.maskedUpdate(this._outputs, idx, (s) => s.mul(-1).add(1));

    this.output = this._outputs.sum();
    if (this.sizeAverage) this.output /= y.size(1);
    return this.output;
  }

  override updateGradInput(input: [Tensor, Tensor], yIn: number | Tensor): [Tensor, Tensor] {
    let [v1, v2] = input;
    let notBatch = false;
    const y = this.labels(v1, yIn);
    if (v1.dim() === 1) {
      v1 = v1.view(1, -1);
      v2 = v2.view(1, -1);
      notBatch = true;
    }
    const buffer = this.buffer!, w1 = this.w1!, w22 = this.w22!, w = this.w!, w32 = this.w32!;
    const [gw1, gw2] = this.gradInput;
    gw1.resizeAs(v1).copy(v2);
    gw2.resizeAs(v1).copy(v1);

    buffer.cmul(w1, w22);
    gw1.addcmul(-1, buffer.expandAs(v1), v1);
    gw1.cmul(w.expandAs(v1));

    buffer.cmul(w1, w32);
    gw2.addcmul(-1, buffer.expandAs(v1), v2);
    gw2.cmul(w.expandAs(v1));

    // _idx = _outputs <= 0
    let idx = this._idx!.le(this._outputs!, 0);
    idx = idx.view(-1, 1).expand(gw1.size());
    gw1.maskedFill(idx, 0);
    gw2.maskedFill(idx, 0);

    idx.eq(y, 1);
    idx = idx.view(-1, 1).expand(gw2.size());
    this.maskedUpdate(gw1, idx, (s) => s.mul(-1));
    this.maskedUpdate(gw2, idx, (s) => s.mul(-1));
    this._idx = idx;

    if (this.sizeAverage) {
      gw1.div(y.size(1));
      gw2.div(y.size(1));
    }
    if (notBatch) {
      gw1.resize(gw1.size(2));
      gw2.resize(gw2.size(2));
    }
    return this.gradInput;
  }

  /** Converts the tensors; the comparison mask stays a ByteTensor, as in CosineEmbeddingCriterion.lua. */
  override type(type: string, cache = new Map<unknown, any>()): this {
    this._idx = undefined;
    super.type(type, cache);
    this._idx = new ByteTensor();
    return this;
  }
}
