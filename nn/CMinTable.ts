/** nn.CMinTable: the element-wise minimum of a table of tensors (CMinTable.lua). */
import { newDefault } from '../lib/defaults.js';
import { ByteTensor, type Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `output = max(input[1], input[2], ...)` element-wise; the gradient goes to the input that held the
 * minimum (the first one on ties).
 * @example
 * new nn.CMinTable().forward([a, b]); // torch.cmin(a, b)
 */
export class CMinTable extends Module {
  override gradInput: Tensor[] = [];
  /** 1-based index of the input that holds each minimum. */
  minIdx: Tensor = newDefault();
  /** Work buffers. */
  minVals: Tensor = newDefault();
  gradMaxVals: Tensor = newDefault();
  /** The comparison mask (a ByteTensor, made on first use). */
  mask?: ByteTensor;

  override updateOutput(input: Tensor[]): Tensor {
    const output = (this.output as Tensor).resizeAs(input[0]).copy(input[0]);
    this.minIdx.resizeAs(input[0]).fill(1);
    const mask = (this.mask ??= new ByteTensor());
    for (let i = 1; i < input.length; i++) {
      mask.lt(input[i], output);
      this.minIdx.maskedFill(mask, i + 1);
      this.minVals.maskedSelect(input[i], mask);
      output.maskedCopy(mask, this.minVals);
    }
    return output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    const mask = (this.mask ??= new ByteTensor());
    input.forEach((x, i) => {
      const g = (this.gradInput[i] ??= x.new());
      g.resizeAs(x).fill(0);
      mask.eq(this.minIdx, i + 1);
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
    for (const t of [this.minIdx, this.minVals, this.gradMaxVals]) t.set();
    this.mask = undefined;
    return super.clearState();
  }
}
