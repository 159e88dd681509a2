/** nn.CMul(d1, d2, ...): y = w .* x with a learnable weight tensor, expanded over a batch (CMul.lua). */
import { newDefault } from '../lib/defaults.js';
import { torch } from '../lib/index.js';
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `nn.utils.contiguousView(output, input, sizes...)`: output becomes a view of input with `sizes`, or of a
 * contiguous copy of it (kept in output's storage) when input is not contiguous.
 * @example
 * contiguousView(buf, x.t(), -1); // buf: the elements of x.t() in row-major order
 */
export function contiguousView(output: Tensor | undefined, input: Tensor, ...sizes: (number | LongStorage)[]): Tensor {
  output ??= input.new();
  if (input.isContiguous()) return output.set(input.view(...sizes));
  output.resize(input.size()).copy(input);
  return output.set(output.view(...sizes));
}

/**
 * Multiplies elementwise by a learnable weight of the given sizes. An input with as many elements gets
 * it elementwise; one with as many dims gets it expanded along its size-1 dims; otherwise the input is a
 * batch whose rows each get the whole weight. `reset()` draws uniform in ±1/sqrt(nElement).
 * @example
 * new nn.CMul(5).forward(torch.randn(8, 5)); // 8x5
 */
export class CMul extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  size = new LongStorage();
  _output?: Tensor;
  _weight?: Tensor;
  _expand?: Tensor;
  _repeat?: Tensor;
  _gradOutput?: Tensor;
  _gradInput?: Tensor;
  _input?: Tensor;
  _gradWeight?: Tensor;
  _sum?: Tensor;

  constructor(...sizes: (number | LongStorage)[]) {
    super();
    const s = sizes.length === 1 && sizes[0] instanceof LongStorage ? Array.from(sizes[0].data) : sizes as number[];
    this.size.resize(s.length).data.set(s);
    this.weight = newDefault().resize(this.size);
    this.gradWeight = newDefault().resize(this.size).zero();
    this.output.resize(this.size);
    this.reset();
  }

  /** Uniform in ±1/sqrt(nElement) (or ±stdv·sqrt(3)). */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.weight.nElement());
    this.weight.uniform(-s, s);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    this._output ??= input.new();
    this._weight ??= input.new();
    this._expand ??= input.new();
    this._repeat ??= input.new();
    this.output.resizeAs(input).copy(input);
    if (input.nElement() === this.weight.nElement()) {
      this._output.set(this.output.view(-1));
      this._weight.set(this.weight.view(-1));
      this._output.cmul(this._weight);
    } else {
      if (this.weight.dim() === input.dim()) {
        this._output.set(this.output);
        this._weight.set(this.weight);
      } else {
        const batchSize = input.size(1);
        this._output.set(this.output.view(batchSize, -1));
        this._weight.set(this.weight.view(1, -1));
      }
      this._expand.set(this._weight.expandAs(this._output));
      this._output.cmul(this._expand);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this._gradOutput ??= input.new();
    this._gradInput ??= input.new();
    this._weight ??= input.new();
    this._expand ??= input.new();
    this.gradInput.resizeAs(input).zero();
    if (this.weight.nElement() === gradOutput.nElement()) {
      this.gradInput.addcmul(1, this.weight, gradOutput);
    } else {
      if (this.weight.dim() === input.dim()) {
        contiguousView(this._gradOutput, gradOutput, gradOutput.size());
        contiguousView(this._gradInput, this.gradInput, this.gradInput.size());
        this._weight.set(this.weight);
      } else {
        const batchSize = input.size(1);
        contiguousView(this._gradOutput, gradOutput, batchSize, -1);
        contiguousView(this._gradInput, this.gradInput, batchSize, -1);
        this._weight.set(this.weight.view(1, -1));
      }
      this._expand.set(this._weight.expandAs(this._gradOutput));
      this._gradInput.addcmul(1, this._expand, this._gradOutput);
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this._input ??= input.new();
    this._gradWeight ??= input.new();
    this._sum ??= input.new();
    this._gradOutput ??= input.new();
    this._repeat ??= input.new();
    if (this.weight.nElement() === gradOutput.nElement()) {
      this.gradWeight.addcmul(scale, input, gradOutput);
    } else if (this.weight.dim() === input.dim()) {
      contiguousView(this._input, input, input.size());
      contiguousView(this._gradOutput, gradOutput, gradOutput.size());
      this._gradWeight.set(this.gradWeight);
      this._repeat.cmul(this._input, this._gradOutput);
      // Sum over every dim the weight broadcasts along, ping-ponging between _sum and _repeat.
      let sumInto = this._sum, sumFrom = this._repeat;
      for (let i = 1; i <= this.weight.dim(); i++) {
        if (this.weight.size(i) !== input.size(i)) {
          torch.sum(sumInto, sumFrom, i);
          sumInto = sumFrom;
          sumFrom = sumFrom === this._repeat ? this._sum : this._repeat;
        }
      }
      this._gradWeight.add(scale, sumFrom);
    } else {
      const batchSize = input.size(1);
      contiguousView(this._input, input, batchSize, -1);
      contiguousView(this._gradOutput, gradOutput, batchSize, -1);
      this._gradWeight.set(this.gradWeight.view(1, -1));
      this._repeat.cmul(this._input, this._gradOutput);
      torch.sum(this._sum, this._repeat, 1);
      this._gradWeight.add(scale, this._sum);
    }
  }

  /** Converts the module (the work buffers are dropped first). */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) this.clearState();
    return super.type(type, cache);
  }

  override clearState(): this {
    for (const b of [this._input, this._output, this._weight, this._gradWeight, this._expand, this._repeat,
      this._sum, this._gradOutput, this._gradInput]) b?.set();
    return super.clearState();
  }
}
