/** nn.CAdd(d1, d2, ...): y = x + b with a learnable bias tensor, expanded over a batch (CAdd.lua). */
import { newDefault } from '../lib/defaults.js';
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Adds a learnable bias of the given sizes. An input with as many elements gets it elementwise; an input
 * with as many dims gets it expanded along its size-1 dims; otherwise the input is a batch whose rows
 * (dim 1) each get the whole bias. `reset()` draws uniform in ±1/sqrt(nElement).
 * @example
 * new nn.CAdd(5, 1).forward(torch.randn(5, 4)); // bias broadcast over the 4 columns
 */
export class CAdd extends Module {
  declare bias: Tensor;
  declare gradBias: Tensor;
  size = new LongStorage();
  _output?: Tensor;
  _bias?: Tensor;
  _expand?: Tensor;
  _repeat?: Tensor;
  _gradBias?: Tensor;
  _gradOutput?: Tensor;

  constructor(...sizes: (number | LongStorage)[]) {
    super();
    const s = sizes.length === 1 && sizes[0] instanceof LongStorage ? Array.from(sizes[0].data) : sizes as number[];
    this.size.resize(s.length).data.set(s);
    this.bias = newDefault().resize(this.size);
    this.gradBias = newDefault().resize(this.size).zero();
    this.output.resize(this.size);
    this.reset();
  }

  /** Uniform in ±1/sqrt(nElement) (or ±stdv·sqrt(3)). */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.bias.nElement());
    this.bias.uniform(-s, s);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    this._output ??= input.new();
    this._bias ??= input.new();
    this._expand ??= input.new();
    this.output.resizeAs(input).copy(input);
    if (input.nElement() === this.bias.nElement()) {
      this.output.add(this.bias);
    } else {
      if (this.bias.dim() === input.dim()) {
        this._output.set(this.output);
        this._bias.set(this.bias);
      } else {
        const batchSize = input.size(1);
        this._output.set(this.output.view(batchSize, -1));
        this._bias.set(this.bias.view(1, -1));
      }
      this._expand.set(this._bias.expandAs(this._output));
      this._output.add(this._expand);
    }
    return this.output;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(gradOutput).copy(gradOutput);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this._gradBias ??= gradOutput.new();
    this._gradOutput ??= gradOutput.new();
    if (this.bias.nElement() === gradOutput.nElement()) {
      this.gradBias.add(scale, gradOutput);
    } else {
      if (this.bias.dim() === gradOutput.dim()) {
        this._gradBias.set(this.gradBias);
        this._gradOutput.set(gradOutput);
      } else {
        const batchSize = input.size(1);
        this._gradBias.set(this.gradBias.view(1, -1));
        this._gradOutput.set(gradOutput.view(batchSize, -1));
      }
      // Adding into the stride-0 expansion accumulates every row into the one bias row, as TH does.
      this._gradBias.set(this._gradBias.expandAs(this._gradOutput));
      this._gradBias.add(scale, this._gradOutput);
    }
  }

  /** Converts the module (the work buffers are dropped first). */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) this.clearState();
    return super.type(type, cache);
  }

  override clearState(): this {
    for (const b of [this._gradBias, this._expand, this._output, this._bias, this._repeat, this._gradOutput]) b?.set();
    return super.clearState();
  }
}
