/** nn.CMaxTable: the element-wise maximum of a table of tensors (CMaxTable.lua). */
import { newDefault } from '../lib/defaults.js';
import { ByteTensor, type Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `output = max(input[1], input[2], ...)` element-wise; the gradient goes to the input that held the
 * maximum (the first one on ties).
 * @example
 * new nn.CMaxTable().forward([a, b]); // torch.cmax(a, b)
 */
export class CMaxTable extends Module {
  override gradInput: Tensor[] = [];
  /** 1-based index of the input that holds each maximum. */
  maxIdx: Tensor = newDefault();
  /** Work buffers. */
  maxVals: Tensor = newDefault();
  gradMaxVals: Tensor = newDefault();
  /** The comparison mask (a ByteTensor, made on first use). */
  mask?: ByteTensor;

  override updateOutput(input: Tensor[]): Tensor {
    const output = (this.output as Tensor).resizeAs(input[0]).copy(input[0]);
    this.maxIdx.resizeAs(input[0]).fill(1);
    const mask = (this.mask ??= new ByteTensor());
    for (let i = 1; i < input.length; i++) {
      mask.gt(input[i], output);
      this.maxIdx.maskedFill(mask, i + 1);
      this.maxVals.maskedSelect(input[i], mask);
      output.maskedCopy(mask, this.maxVals);
    }
    return output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    const mask = (this.mask ??= new ByteTensor());
    input.forEach((x, i) => {
      const g = (this.gradInput[i] ??= x.new());
      g.resizeAs(x).fill(0);
      mask.eq(this.maxIdx, i + 1);
      this.gradMaxVals.maskedSelect(gradOutput, mask);
      g.maskedCopy(mask, this.gradMaxVals);
    });
    this.gradInput.length = input.length;
    return this.gradInput;
  }

  /** The mask stays a ByteTensor: it is dropped, not converted. */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) this.mask = undefined;
    return super.type(type, cache);
  }

  override clearState(): this {
    for (const t of [this.maxIdx, this.maxVals, this.gradMaxVals]) t.set();
    this.mask = undefined;
    return super.clearState();
  }
}
