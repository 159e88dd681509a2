/**
 * Scatter and gather along a dimension, recursively over (nested) tables, as cunn's
 * `_distributeTensorRecursive` / `_concatTensorRecursive` do.
 */
import { TorchError } from '../../lib/errors.js';
import { Tensor } from '../../lib/Tensor.js';
import type { Activity } from '../utils.js';
import { sliceRange } from './sliceRange.js';

/** True when a tensor, or any tensor of a (nested) table, has elements (cunn's `_hasData`). */
export function hasData(x: Activity | undefined): boolean {
  if (x instanceof Tensor) return x.nElement() !== 0;
  if (Array.isArray(x)) return x.some(hasData);
  return false;
}

/**
 * Replica `idx`'s share of `src` (of `n` replicas) along `dim`, copied into `dst` (reused when it
 * fits, else made by `alloc(like)`): the rows `sliceRange` gives it, or an empty tensor.
 */
export function scatter(dst: Activity | undefined, src: Activity, dim: number, idx: number, n: number,
  alloc: (prev: Tensor | undefined, like: Tensor) => Tensor): Activity {
  if (Array.isArray(src)) {
    const out = Array.isArray(dst) && dst.length === src.length ? dst : [];
    src.forEach((s, i) => { out[i] = scatter(out[i], s, dim, idx, n, alloc); });
    return out;
  }
  if (!(src instanceof Tensor)) throw new TorchError('DataParallelTable: input must be a tensor or table of tensors');
  const out = alloc(dst instanceof Tensor ? dst : undefined, src);
  const total = src.dim() > 0 ? src.size(dim) : 0;
  const [start, size] = sliceRange(total, idx, n);
  if (size === 0) return out.resize(0);
  const slice = src.narrow(dim, start, size);
  return out.resizeAs(slice).copy(slice);
}

/** cunn's `pluck`: the `i`-th entry of every table. */
const pluck = (tables: Activity[], i: number): Activity[] => tables.map((t) => (t as Activity[])[i]);

/**
 * Concatenates the replicas' results along `dim` into `dst` (reused when it is a tensor of the
 * right type); empty results are skipped; if all are empty `dst` is returned unchanged, as in cunn.
 */
export function gather(dst: Activity | undefined, src: Activity[], dim: number): Activity {
  if (src.length === 0) throw new TorchError('DataParallelTable: no replica produced a result (empty batch?)');
  if (Array.isArray(src[0])) {
    const first = src[0];
    const out = Array.isArray(dst) && dst.length === first.length ? dst : [];
    for (let i = 0; i < first.length; i++) out[i] = gather(out[i], pluck(src, i), dim);
    return out;
  }
  if (!(src[0] instanceof Tensor)) throw new TorchError('DataParallelTable: output must be a tensor or table of tensors');
  const full = (src as Tensor[]).filter((t) => t.nElement() > 0);
  const like = src[0] as Tensor;
  const out = dst instanceof Tensor && dst.kind === like.kind ? dst : like.new();
  if (full.length === 0) return out;
  const size = full[0].size().totable() as number[];
  size[dim - 1] = full.reduce((s, t) => s + t.size(dim), 0);
  out.resize(...size);
  let start = 1;
  for (const t of full) {
    const sz = t.size(dim);
    out.narrow(dim, start, sz).copy(t);
    start += sz;
  }
  return out;
}
