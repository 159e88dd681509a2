/** nn.View(d1, d2, ...): a view of the input with other sizes; -1 infers one size (View.lua). */
import { check, TorchError } from '../lib/errors.js';
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Views a contiguous input as `size`. A leading batch dim is inferred when the input holds a multiple of
 * `numElements`, or, after `setNumInputDims(n)`, from the dims before the last n.
 * @example
 * new nn.View(3, 8).forward(torch.randn(2, 4, 6));                    // 2x3x8
 * new nn.View(-1, 4).setNumInputDims(2).forward(torch.randn(3, 2, 6)); // 3x3x4
 */
export class View extends Module {
  /** The target sizes (one may be -1). */
  size!: LongStorage;
  /** The product of the known sizes. */
  numElements!: number;
  /** How many trailing input dims make one sample (undefined: all of them). */
  numInputDims?: number;

  constructor(...sizes: (number | LongStorage)[]) {
    super();
    this.resetSize(...sizes);
  }

  /** Sets new target sizes (numbers or one LongStorage). */
  resetSize(...sizes: (number | LongStorage)[]): this {
    this.size = sizes.length === 1 && sizes[0] instanceof LongStorage ? sizes[0] : new LongStorage(sizes as number[]);
    this.numElements = 1;
    let inferdim = false;
    for (const s of this.size.data) {
      const szi = Number(s);
      if (szi >= 0) {
        this.numElements *= szi;
      } else {
        check(szi === -1, 'size should be positive or -1');
        check(!inferdim, 'only one dimension can be at -1');
        inferdim = true;
      }
    }
    return this;
  }

  /** The number of trailing dims that make one sample; the dims before them are the batch. */
  setNumInputDims(numInputDims?: number): this {
    this.numInputDims = numInputDims;
    return this;
  }

  /** The batch size, or undefined when the input is one sample (View.lua's `batchsize`). */
  private batchsize(input: Tensor): number | undefined {
    const ind = input.dim();
    const isz = input._size;
    const maxdim = this.numInputDims ?? ind;
    const sizes = this.size.totable();
    const mismatch = () => new TorchError(`input view (${isz.join('x')}) and desired view (${sizes.join('x')}) do not match`);
    if (maxdim > ind) throw mismatch();
    let ine = 1;
    for (let i = ind; i >= ind - maxdim + 1; i--) ine *= isz[i - 1];
    if (ine % this.numElements !== 0) throw mismatch();
    let bsz = ine / this.numElements;
    if (sizes.includes(-1)) bsz = 1;
    for (let i = ind - maxdim; i >= 1; i--) bsz *= isz[i - 1];
    if (bsz === 1 && (this.numInputDims === undefined || ind <= this.numInputDims)) return undefined;
    return bsz;
  }

  override updateOutput(input: Tensor): Tensor {
    const bsz = this.batchsize(input);
    if (bsz !== undefined) this.output.set(input.view(bsz, ...this.size.totable()));
    else this.output.set(input.view(this.size));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.set(gradOutput.view(input.size()));
    return this.gradInput;
  }

  override toString(): string {
    return `${this.__typename}(${this.size.totable().join(', ')})`;
  }
}
