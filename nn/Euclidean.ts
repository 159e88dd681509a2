/** nn.Euclidean(inputSize, outputSize): y_j = ||x − w_j|| for the columns w_j of the weight (Euclidean.lua). */
import { TorchError } from '../lib/errors.js';
import { newDefault } from '../lib/defaults.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/** `res` viewing `src` with `sizes`, or a reshaped copy when src is not contiguous (Euclidean.lua's `view`). */
export function viewOrReshape(res: Tensor, src: Tensor, ...sizes: number[]): Tensor {
  if (src.isContiguous()) return res.set(src.view(...sizes));
  return res.reshape(src, ...sizes) as Tensor;
}

/**
 * The distance of a vector (or each row of a batch) to `outputSize` learnable templates, the columns of
 * `weight` (inputSize x outputSize), drawn uniform in ±1/sqrt(inputSize).
 * @example
 * new nn.Euclidean(5, 3).forward(torch.randn(8, 5)); // 8x3
 */
export class Euclidean extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  /** When false, `updateGradInput` runs `updateOutput` again first. */
  fastBackward = true;
  _input?: Tensor; _weight?: Tensor; _expand?: Tensor; _expand2?: Tensor; _expand3?: Tensor;
  _repeat?: Tensor; _repeat2?: Tensor; _div?: Tensor; _output?: Tensor; _sum?: Tensor;

  constructor(inputSize: number, outputSize: number) {
    super();
    this.weight = newDefault().resize(inputSize, outputSize);
    this.gradWeight = newDefault().resize(inputSize, outputSize).zero();
    this.gradInput.resize(inputSize);
    this.output.resize(outputSize);
    this.reset();
  }

  /** Uniform in ±1/sqrt(inputSize) (or ±stdv·sqrt(3)). */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.weight.size(1));
    this.weight.uniform(-s, s);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    const _input = (this._input ??= input.new());
    const _weight = (this._weight ??= this.weight.new());
    const _expand = (this._expand ??= this.output.new());
    const _expand2 = (this._expand2 ??= this.output.new());
    const _repeat = (this._repeat ??= this.output.new());
    const [inputSize, outputSize] = this.weight._size;
    // y_j = || w_j - x || = || x - w_j ||
    if (input.dim() === 1) {
      viewOrReshape(_input, input, inputSize, 1);
      _expand.set(_input.expandAs(this.weight));
      _repeat.resizeAs(_expand).copy(_expand).add(-1, this.weight);
      torch.norm(this.output, _repeat, 2, 1);
      this.output.resize(outputSize);
    } else if (input.dim() === 2) {
      const batchSize = input.size(1);
      viewOrReshape(_input, input, batchSize, inputSize, 1);
      _expand.set(_input.expand(batchSize, inputSize, outputSize));
      _repeat.resizeAs(_expand).copy(_expand);
      _weight.set(this.weight.view(1, inputSize, outputSize));
      _expand2.set(_weight.expandAs(_repeat));
      _repeat.add(-1, _expand2);
      torch.norm(this.output, _repeat, 2, 2);
      this.output.resize(batchSize, outputSize);
    } else {
      throw new TorchError('1D or 2D input expected');
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const _div = (this._div ??= input.new());
    const _output = (this._output ??= this.output.new());
    const _expand3 = (this._expand3 ??= input.new());
    const _repeat2 = (this._repeat2 ??= this.output.new());
    if (!this.fastBackward) this.updateOutput(input);
    const [inputSize, outputSize] = this.weight._size;
    // dy_j/dx = (x - w_j) / y_j; 1e-7 keeps a zero distance from dividing by zero.
    _output.resizeAs(this.output).copy(this.output).add(0.0000001);
    _div.cdiv(gradOutput, _output);
    if (input.dim() === 1) {
      _div.resize(1, outputSize);
      _expand3.set(_div.expandAs(this.weight));
      _repeat2.cmul(this._repeat!, _expand3);
      torch.sum(this.gradInput, _repeat2, 2);
      this.gradInput.resizeAs(input);
    } else if (input.dim() === 2) {
      const batchSize = input.size(1);
      _div.resize(batchSize, 1, outputSize);
      _expand3.set(_div.expand(batchSize, inputSize, outputSize));
      _repeat2.cmul(this._repeat!, _expand3);
      torch.sum(this.gradInput, _repeat2, 3);
      this.gradInput.resizeAs(input);
    } else {
      throw new TorchError('1D or 2D input expected');
    }
    return this.gradInput;
  }

  /** dy_j/dw_j = (w_j - x) / y_j; uses the buffers of the preceding `updateGradInput`. */
  override accGradParameters(input: Tensor, _gradOutput: Tensor, scale = 1): void {
    const [inputSize, outputSize] = this.weight._size;
    if (input.dim() === 1) {
      this.gradWeight.add(-scale, this._repeat2!);
    } else if (input.dim() === 2) {
      const _sum = (this._sum ??= input.new());
      torch.sum(_sum, this._repeat2!, 1);
      _sum.resize(inputSize, outputSize);
      this.gradWeight.add(-scale, _sum);
    } else {
      throw new TorchError('1D or 2D input expected');
    }
  }

  /** Converts the module (the work buffers are dropped first). */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) this.clearState();
    return super.type(type, cache);
  }

  override clearState(): this {
    for (const b of [this._input, this._output, this._weight, this._div, this._sum, this._expand, this._expand2,
      this._expand3, this._repeat, this._repeat2]) b?.set();
    return super.clearState();
  }
}
