/** The shared code of nn.CMaxTable and nn.CMinTable (CMaxTable.lua / CMinTable.lua differ only in the comparison). */
import { ByteTensor, type Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Element-wise extremum of a table of tensors: `output[j]` is the input that wins `better` against the
 * running result (the first one on ties); the gradient goes to the input that won. Subclasses keep Torch's
 * field names (maxIdx / minIdx, ...) and expose them through `idx` and `vals`.
 */
export abstract class CompareTable extends Module {
  override gradInput: Tensor[] = [];
  declare gradMaxVals: Tensor;
  declare mask?: ByteTensor;

  /** 1-based index of the winning input of each element (the subclass's maxIdx / minIdx). */
  protected abstract get idx(): Tensor;
  /** Work buffer of the winning values (the subclass's maxVals / minVals). */
  protected abstract get vals(): Tensor;
  /** Sets `mask` where `candidate` beats `current` (gt for max, lt for min). */
  protected abstract better(mask: ByteTensor, candidate: Tensor, current: Tensor): void;

  override updateOutput(input: Tensor[]): Tensor {
    const output = (this.output as Tensor).resizeAs(input[0]).copy(input[0]);
    this.idx.resizeAs(input[0]).fill(1);
    const mask = (this.mask ??= new ByteTensor());
    for (let i = 1; i < input.length; i++) {
      this.better(mask, input[i], output);
      this.idx.maskedFill(mask, i + 1);
      this.vals.maskedSelect(input[i], mask);
      output.maskedCopy(mask, this.vals);
    }
    return output;
  }

  override updateGradInput(input: Tensor[], gradOutput: Tensor): Tensor[] {
    const mask = (this.mask ??= new ByteTensor());
    input.forEach((x, i) => {
      const g = (this.gradInput[i] ??= x.new());
      g.resizeAs(x).fill(0);
      mask.eq(this.idx, i + 1);
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
    for (const t of [this.idx, this.vals, this.gradMaxVals]) t.set();
    this.mask = undefined;
    return super.clearState();
  }
}
