/** nn.Reshape(d1, d2, ... [, batchMode]): a view of the input with other sizes (Reshape.lua). */
import { check } from '../lib/errors.js';
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Views the input as `size` (non-contiguous inputs are copied first). Batch mode is detected: an input
 * with exactly `nelement` elements whose first dim is not 1 is one sample, anything else a batch whose
 * first dim is kept. `batchMode = true/false` forces the choice.
 * @example
 * new nn.Reshape(2, 6).forward(torch.randn(4, 12)); // 4x2x6
 * new nn.Reshape(12).forward(torch.randn(3, 4));    // 12
 */
export class Reshape extends Module {
  /** The target sizes (without the batch dim). */
  size: LongStorage = new LongStorage();
  /** `[batch, ...size]`; its first entry is set on each batch forward. */
  batchsize: LongStorage = new LongStorage();
  /** The number of elements of one sample. */
  nelement = 1;
  /** Forces (true) or forbids (false) batch mode; undefined detects it. */
  batchMode?: boolean;
  _input?: Tensor;
  _gradOutput?: Tensor;

  constructor(...args: (number | boolean | LongStorage)[]) {
    super();
    if (typeof args[args.length - 1] === 'boolean') this.batchMode = args.pop() as boolean;
    const sizes = args.length === 1 && args[0] instanceof LongStorage ? Array.from(args[0].data) : args as number[];
    for (const s of sizes) check(typeof s === 'number' && Number.isInteger(s), 'nn.Reshape: sizes must be integers');
    this.size.resize(sizes.length);
    this.batchsize.resize(sizes.length + 1);
    sizes.forEach((s, i) => {
      this.size.data[i] = s;
      this.batchsize.data[i + 1] = s;
      this.nelement *= s;
    });
  }

  override updateOutput(input: Tensor): Tensor {
    if (!input.isContiguous()) {
      this._input ??= input.new();
      this._input.resizeAs(input).copy(input);
      input = this._input;
    }
    if (this.batchMode === false ||
      (this.batchMode === undefined && input.nElement() === this.nelement && input.size(1) !== 1)) {
      this.output.set(input.view(this.size));
    } else {
      this.batchsize.data[0] = input.size(1);
      this.output.set(input.view(this.batchsize));
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (!gradOutput.isContiguous()) {
      this._gradOutput ??= gradOutput.new();
      this._gradOutput.resizeAs(gradOutput).copy(gradOutput);
      gradOutput = this._gradOutput;
    }
    this.gradInput.set(gradOutput.viewAs(input));
    return this.gradInput;
  }

  override clearState(): this {
    this._input?.set();
    this._gradOutput?.set();
    return super.clearState();
  }

  override toString(): string {
    return `${this.__typename}(${this.size.totable().join('x')})`;
  }
}
