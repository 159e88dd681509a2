/** nn.HingeEmbeddingCriterion([margin = 1]): hinge loss on distances of similar/dissimilar pairs (HingeEmbeddingCriterion.lua). */
import { ByteTensor, type Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/**
 * For distances x_i (e.g. from nn.PairwiseDistance) and labels y_i in {1, -1}: loss = x_i where
 * y_i = 1, max(0, margin - x_i) where y_i = -1; summed, and divided by the number of elements when
 * `sizeAverage`. y may be a number for a one-element input.
 * @example
 * const crit = new nn.HingeEmbeddingCriterion(2);
 * const loss = crit.forward(torch.Tensor([0.5, 3]), torch.Tensor([1, -1]));
 */
export class HingeEmbeddingCriterion extends Criterion {
  declare sizeAverage: boolean;
  margin: number;
  buffer?: Tensor;
  /** Holds a number label. */
  ty?: Tensor;
  /** Mask buffers (Torch allocates them with torch.eq/gt per call). */
  _mask?: ByteTensor;
  _mask2?: ByteTensor;

  constructor(margin?: number) {
    super();
    this.margin = margin ?? 1;
    this.sizeAverage = true;
  }

  private labels(input: Tensor, y: number | Tensor): Tensor {
    if (typeof y !== 'number') return y;
    this.ty ??= input.new().resize(1);
    this.ty.put(1, y);
    return this.ty;
  }

  override updateOutput(input: Tensor, y: number | Tensor): number {
    const b = (this.buffer ??= input.new());
    const mask = (this._mask ??= new ByteTensor());
    const yt = this.labels(input, y);
    b.resizeAs(input).copy(input);
    b.maskedFill(mask.eq(yt, -1), 0);
    this.output = b.sum();

    b.fill(this.margin).add(-1, input);
    b.cmax(0);
    b.maskedFill(mask.eq(yt, 1), 0);
    this.output += b.sum();

    if (this.sizeAverage === undefined || this.sizeAverage) this.output /= input.nElement();
    return this.output;
  }

  override updateGradInput(input: Tensor, y: number | Tensor): Tensor {
    const yt = this.labels(input, y);
    const mask = (this._mask ??= new ByteTensor()), mask2 = (this._mask2 ??= new ByteTensor());
    this.gradInput.resizeAs(input).copy(yt);
    mask.eq(yt, -1).cmul(mask2.gt(input, this.margin));
    this.gradInput.maskedFill(mask, 0);
    if (this.sizeAverage === undefined || this.sizeAverage) this.gradInput.mul(1 / input.nElement());
    return this.gradInput;
  }

  override type(type: string, cache = new Map<unknown, any>()): this {
    const { _mask, _mask2 } = this;
    super.type(type, cache);
    this._mask = _mask;
    this._mask2 = _mask2;
    return this;
  }
}
