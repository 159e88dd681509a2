/** Small linear-algebra helpers: trace, cross (THTensorMath.c `trace cross`). All types. */
import { checkSameType, defineOp, type TorchFunction } from '../dispatch.js';
import { argCheck, TorchError } from '../errors.js';
import type { Tensor } from '../Tensor.js';
import { dimApply, realRound, sizeDesc } from './dimutil.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.trace(x)`: sum of the diagonal of a 2-D tensor (a number). @example torch.trace(torch.eye(3)) // 3 */
    trace: TorchFunction;
    /**
     * `torch.cross([res,] a, b[, dim])`: cross products of the 3-element slices along dim (default: the
     * first dim of size 3). @example torch.cross(a, b, 2)
     */
    cross: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.trace()`: sum of the diagonal. */
    trace(): number;
    /** `x.cross(b[, dim])`: a new tensor of the cross products of x and b along dim. */
    cross(b: Tensor, dim?: number): this;
  }
}

/** THTensor_(trace): the accreal sum of the min(rows, cols) diagonal elements. */
export function trace(t: Tensor): number {
  argCheck(t._size.length === 2, 1, 'trace', 'expected a matrix');
  const d = t._storage.data;
  const step = t._stride[0] + t._stride[1];
  const n = Math.min(t._size[0], t._size[1]);
  let sum = 0;
  for (let i = 0, o = t.offset; i < n; i++, o += step) sum += d[o];
  return sum;
}

/**
 * THTensor_(cross) into r. `dim` is 1-based; a dim below 1 (the default) means the first dim of
 * size 3, as in TH (where the wrap's default 0 becomes -1).
 */
export function cross(r: Tensor, a: Tensor, b: Tensor, dim = 0): Tensor {
  checkSameType('cross', r, a, b);
  const nd = a._size.length;
  if (nd !== b._size.length) throw new TorchError(`inconsistent tensor dimension ${nd}D, ${b._size.length}D`);
  for (let i = 0; i < nd; i++) {
    if (a._size[i] !== b._size[i]) throw new TorchError(`inconsistent tensor sizes ${sizeDesc(a)}, ${sizeDesc(b)}`);
  }
  let d = Math.trunc(dim) - 1;
  if (d < 0) {
    d = a._size.indexOf(3);
    if (d < 0) throw new TorchError(`no dimension of size 3 in a: ${sizeDesc(a)}`);
  }
  argCheck(d < nd, 3, 'cross', `dimension ${d + 1} out of range`);
  argCheck(a._size[d] === 3, 3, 'cross', `dimension ${d + 1} does not have size 3`);
  r.resizeNd(a._size);
  const ad = a._storage.data, bd = b._storage.data, rd = r._storage.data;
  const sa = a._stride[d], sb = b._stride[d], sr = r._stride[d];
  const key = a.kind.key;
  const mul: (x: number, y: number) => number = key === 'Int' ? Math.imul
    : key === 'Float' ? (x, y) => Math.fround(x * y) : (x, y) => x * y;
  const fr = realRound(a.kind);
  dimApply([a, b, r], d, ([oa, ob, or]) => {
    rd[or] = fr(mul(ad[oa + sa], bd[ob + 2 * sb]) - mul(ad[oa + 2 * sa], bd[ob + sb]));
    rd[or + sr] = fr(mul(ad[oa + 2 * sa], bd[ob]) - mul(ad[oa], bd[ob + 2 * sb]));
    rd[or + 2 * sr] = fr(mul(ad[oa], bd[ob + sb]) - mul(ad[oa + sa], bd[ob]));
  });
  return r;
}

defineOp('trace', { 'Tensor': trace });
defineOp('cross', {
  'Tensor, Tensor': (a: Tensor, b: Tensor) => cross(a.new(), a, b),
  'Tensor, Tensor, number': (a: Tensor, b: Tensor, dim: number) => cross(a.new(), a, b, dim),
  'Tensor, Tensor, Tensor': (r: Tensor, a: Tensor, b: Tensor) => cross(r, a, b),
  'Tensor, Tensor, Tensor, number': cross,
});
