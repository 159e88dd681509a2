/**
 * Scans: cumsum, cumprod (THTensorMath.c `cumsum cumprod`): running sum / product along a dim
 * (default 1), the accumulator in TH's accreal (double for Float; Byte..Int products keep their low
 * bits, as TH's int64 accumulator cast back to the element type does).
 */
import { checkSameType, defineOp, type TorchFunction } from '../dispatch.js';
import type { Tensor } from '../Tensor.js';
import type { TypedArray } from '../types.js';
import { dimApply, dimArg } from './dimutil.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.cumsum([res,] x[, dim=1])`: running sums along dim, same size as x. @example torch.cumsum(x, 2) */
    cumsum: TorchFunction;
    /** `torch.cumprod([res,] x[, dim=1])`: running products along dim. */
    cumprod: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.cumsum([dim=1])`: a new tensor of running sums along dim. */
    cumsum(dim?: number): this;
    /** `x.cumprod([dim=1])`: a new tensor of running products along dim. */
    cumprod(dim?: number): this;
  }
}

function cumsumRun(t: TypedArray, ot: number, st: number, r: TypedArray, or: number, sr: number, n: number): void {
  let acc = 0;
  for (let i = 0; i < n; i++, ot += st, or += sr) { acc += t[ot]; r[or] = acc; }
}

/** `kind`: 0 float (double accumulator), 1 Byte..Int (product modulo 2^32), 2 Long (double, never -0). */
function cumprodRun(t: TypedArray, ot: number, st: number, r: TypedArray, or: number, sr: number, n: number, kind: number): void {
  let acc = 1;
  if (kind === 1) for (let i = 0; i < n; i++, ot += st, or += sr) { acc = Math.imul(acc, t[ot]); r[or] = acc; }
  else if (kind === 2) for (let i = 0; i < n; i++, ot += st, or += sr) { acc *= t[ot]; r[or] = acc + 0; }
  else for (let i = 0; i < n; i++, ot += st, or += sr) { acc *= t[ot]; r[or] = acc; }
}

/** cumsum (`mul` false) or cumprod (`mul` true) of t along dim d (0-based) into r. */
function scan(r: Tensor, t: Tensor, d: number, mul: boolean): Tensor {
  r.resizeNd(t._size);
  const n = t._size[d];
  const td = t._storage.data, rd = r._storage.data;
  const st = t._stride[d], sr = r._stride[d];
  const kind = t.kind.isFloat ? 0 : t.kind.key === 'Long' ? 2 : 1;
  if (d === t._size.length - 1 && t.isContiguous() && r.isContiguous()) {
    const rows = t.nElement() / n;
    for (let k = 0, ot = t.offset, or = r.offset; k < rows; k++, ot += n, or += n) {
      if (mul) cumprodRun(td, ot, 1, rd, or, 1, n, kind);
      else cumsumRun(td, ot, 1, rd, or, 1, n);
    }
    return r;
  }
  dimApply([t, r], d, (offs) => {
    if (mul) cumprodRun(td, offs[0], st, rd, offs[1], sr, n, kind);
    else cumsumRun(td, offs[0], st, rd, offs[1], sr, n);
  });
  return r;
}

for (const [name, mul] of [['cumsum', false], ['cumprod', true]] as const) {
  const run = (r: Tensor, t: Tensor, dim: number) => {
    checkSameType(name, r, t);
    return scan(r, t, dimArg(t, dim, 2, name, 'dimension %d out of range'), mul);
  };
  defineOp(name, {
    'Tensor': (t: Tensor) => run(t.new(), t, 1),
    'Tensor, number': (t: Tensor, dim: number) => run(t.new(), t, dim),
    'Tensor, Tensor': (r: Tensor, t: Tensor) => run(r, t, 1),
    'Tensor, Tensor, number': run,
  });
}
