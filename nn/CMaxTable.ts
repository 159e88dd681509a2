/** nn.CMaxTable: the element-wise maximum of a table of tensors (CMaxTable.lua). */
import { newDefault } from '../lib/defaults.js';
import type { ByteTensor, Tensor } from '../lib/Tensor.js';
import { CompareTable } from './CompareTable.js';

/**
 * `output = max(input[1], input[2], ...)` element-wise; the gradient goes to the input that held the
 * maximum (the first one on ties).
 * @example
 * new nn.CMaxTable().forward([a, b]); // torch.cmax(a, b)
 */
export class CMaxTable extends CompareTable {
  /** 1-based index of the input that holds each maximum. */
  maxIdx: Tensor = newDefault();
  /** Work buffers. */
  maxVals: Tensor = newDefault();
  override gradMaxVals: Tensor = newDefault();
  /** The comparison mask (a ByteTensor, made on first use). */
  override mask?: ByteTensor = undefined;

  protected override get idx(): Tensor { return this.maxIdx; }
  protected override get vals(): Tensor { return this.maxVals; }
  protected override better(mask: ByteTensor, candidate: Tensor, current: Tensor): void { mask.gt(candidate, current); }
}
