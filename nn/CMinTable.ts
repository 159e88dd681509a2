/** nn.CMinTable: the element-wise minimum of a table of tensors (CMinTable.lua). */
import { newDefault } from '../lib/defaults.js';
import type { ByteTensor, Tensor } from '../lib/Tensor.js';
import { CompareTable } from './CompareTable.js';

/**
 * `output = min(input[1], input[2], ...)` element-wise; the gradient goes to the input that held the
 * minimum (the first one on ties).
 * @example
 * new nn.CMinTable().forward([a, b]); // torch.cmin(a, b)
 */
export class CMinTable extends CompareTable {
  /** 1-based index of the input that holds each minimum. */
  minIdx: Tensor = newDefault();
  /** Work buffers. */
  minVals: Tensor = newDefault();
  override gradMaxVals: Tensor = newDefault();
  /** The comparison mask (a ByteTensor, made on first use). */
  override mask?: ByteTensor = undefined;

  protected override get idx(): Tensor { return this.minIdx; }
  protected override get vals(): Tensor { return this.minVals; }
  protected override better(mask: ByteTensor, candidate: Tensor, current: Tensor): void { mask.lt(candidate, current); }
}
