/** nn.OneHot(outputSize): 1-based indices to one-hot rows (OneHot.lua). */
import { LongTensor, type Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Turns a tensor of 1-based indices (any shape s, any type, any strides) into a tensor of shape s x outputSize
 * with a 1 at each index and 0 elsewhere; a plain number gives one row of outputSize. Indices have no
 * gradient: gradInput is zeros shaped like the input (0 for a number).
 * @example
 * new nn.OneHot(4).forward(new torch.LongTensor([2, 4])); // [[0,1,0,0],[0,0,0,1]]
 */
export class OneHot extends Module {
  outputSize: number;
  /** The one-element LongTensor a number input is put in. */
  _single?: LongTensor;
  /** The LongTensor copy of a non-Long input. */
  _input?: LongTensor;

  constructor(outputSize: number) {
    super();
    this.outputSize = outputSize;
  }

  override updateOutput(input: Tensor | number): Tensor {
    let idx: Tensor;
    let size: number[];
    if (typeof input === 'number') {
      this._single ??= new LongTensor(1);
      this._single.resize(1).fill(input);
      idx = this._single;
      size = [];
    } else {
      idx = input;
      size = input._size.slice();
    }
    size.push(this.outputSize);
    const out = (this.output as Tensor).resize(size).zero();
    size[size.length - 1] = 1;
    if (!(idx instanceof LongTensor) || !idx.isContiguous()) {
      this._input ??= new LongTensor();
      idx = this._input.resize(idx.size()).copy(idx);
    }
    out.scatter(out.dim(), idx.view(size) as LongTensor, 1);
    return out;
  }

  override updateGradInput(input: Tensor | number, _gradOutput: Tensor): Tensor {
    if (typeof input === 'number') return 0 as unknown as Tensor;
    return (this.gradInput as Tensor).resize(input.size()).zero();
  }

  /** Drops the index buffers (and, as every module, empties output and gradInput). */
  override clearState(): this {
    this._single = undefined;
    this._input = undefined;
    return super.clearState();
  }

  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type === undefined) return super.type();
    this.clearState();
    return super.type(type, cache);
  }
}
