/**
 * Device indexing TensorMath: index, indexCopy, indexAdd, indexFill, gather, scatter (lib/math/indexing.ts,
 * gather.ts), maskedFill/Copy/Select (masked.ts) and cat (shape.ts). Indices are a host LongTensor (uploaded
 * once) or a CudaTensor of 1-based values. Arguments the CPU kernel rejects are declined, so the CPU raises
 * Torch's error.
 */
import { DECLINE } from '../../lib/dispatch.js';
import { Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import { commit } from '../kernels/commit.js';
import { operand } from '../kernels/geometry.js';
import { accumulateSlices, innerSize, scatterSlices, selectSlices, sliceOperand, type Accumulate } from '../kernels/index.js';
import { deviceIndex, release, sliceLists, upload, type DeviceIndex } from '../kernels/indexArgs.js';
import { catOp } from '../kernels/indexCat.js';
import { maskedCopy, maskedFill, maskedSelect } from '../kernels/indexMasked.js';
import { registerOp, sameDevice } from './run.js';

type Declined = typeof DECLINE;
const ctxOf = (t: Tensor) => (t._storage as CudaStorage).ctx;
const dev = (t: Tensor) => (t._storage as CudaStorage).device;

/** True when idx can be an index argument here (a host tensor, or a CudaTensor). */
const indexLike = (idx: unknown): idx is Tensor => idx instanceof Tensor;

/** Runs f with the index on src's device, releasing an uploaded index afterwards. */
function withIndex<T>(idx: Tensor, device: number, hi: number, f: (ix: DeviceIndex) => T): T | Declined {
  const ix = deviceIndex(idx, device, hi);
  if (!ix) return DECLINE;
  try { return f(ix); } finally { release(ix); }
}

function indexSelect(res: Tensor | undefined, src: Tensor, dim: number, idx: Tensor): Tensor | Declined {
  if (!sameDevice(src, ...(res ? [res] : [])) || !indexLike(idx) || idx.dim() !== 1) return DECLINE;
  const d = Math.trunc(dim) - 1;
  if (!(d >= 0 && d < src.dim())) return DECLINE;
  const so = sliceOperand(src, d);
  if (!so) return DECLINE;
  const n = idx._size[0], sizes = src._size.slice();
  sizes[d] = n;
  const total = sizes.reduce((a, b) => a * b, 1);
  return withIndex(idx, dev(src), src._size[d], (ix) => {
    const h = selectSlices(ctxOf(src), so, operand(ix.t)!, false, n, innerSize(src, d), total);
    const r = res ?? src.new();
    r.resizeNd(sizes);
    return commit(r, h);
  });
}

/** indexCopy / indexAdd (src given) and indexFill: the CPU kernel's checks, then one kernel over t. */
function accumulate(how: Accumulate, t: Tensor, dim: number, idx: Tensor, src: Tensor | undefined, value: number): Tensor | Declined {
  if (!sameDevice(t, ...(src ? [src] : [])) || !indexLike(idx) || idx.dim() !== 1) return DECLINE;
  const d = Math.trunc(dim) - 1, n = idx._size[0];
  if (!(d >= 0 && d < t.dim())) return DECLINE;
  let so: ReturnType<typeof sliceOperand>;
  if (src) {
    if (d >= src.dim() || src._size[d] !== n || t.nElement() / t._size[d] !== src.nElement() / src._size[d]) return DECLINE;
    if (!(so = sliceOperand(src, d))) return DECLINE;
  }
  const base = operand(t);
  if (!base) return DECLINE;
  const size = t._size[d], ctx = ctxOf(t);
  return withIndex(idx, dev(t), size, (ix) => {
    if (!ix.host) return commit(t, accumulateSlices(ctx, how, t, base, size, innerSize(t, d), so, value, { ix: operand(ix.t)!, n }));
    const lists = sliceLists(ix.host, size);
    const starts = upload(lists.starts, [size + 1], dev(t)), order = upload(lists.order, [n], dev(t));
    try {
      return commit(t, accumulateSlices(ctx, how, t, base, size, innerSize(t, d), so, value,
        { starts: operand(starts)!, order: operand(order)! }));
    } finally { starts.set(); order.set(); }
  });
}

/** DIM_APPLY's shape check: the same sizes in every dim but d. */
const sameBut = (d: number, a: Tensor, b: Tensor): boolean =>
  a.dim() === b.dim() && a._size.every((s, i) => i === d || s === b._size[i]);

function gather(res: Tensor | undefined, src: Tensor, dim: number, idx: Tensor): Tensor | Declined {
  if (!sameDevice(src, ...(res ? [res] : [])) || !indexLike(idx)) return DECLINE;
  const d = Math.trunc(dim) - 1;
  if (!(d >= 0 && d < idx.dim()) || !sameBut(d, src, idx) || idx.nElement() === 0) return DECLINE;
  const so = sliceOperand(src, d);
  if (!so) return DECLINE;
  return withIndex(idx, dev(src), src._size[d], (ix) => {
    const io = operand(ix.t);
    if (!io) return DECLINE;
    const h = selectSlices(ctxOf(src), so, io, true, idx._size[d], innerSize(idx, d), idx.nElement());
    const r = res ?? src.new();
    r.resizeNd(idx._size);
    return commit(r, h);
  });
}

function scatter(t: Tensor, dim: number, idx: Tensor, src: Tensor | undefined, value: number): Tensor | Declined {
  if (!sameDevice(t, ...(src ? [src] : [])) || !indexLike(idx)) return DECLINE;
  const d = Math.trunc(dim) - 1;
  if (!(d >= 0 && d < t.dim()) || !sameBut(d, t, idx) || idx.nElement() === 0) return DECLINE;
  if (src && (!sameBut(d, t, src) || idx._size[d] > src._size[d])) return DECLINE;
  const so = src ? sliceOperand(src, d) : undefined, base = operand(t);
  if ((src && !so) || !base) return DECLINE;
  return withIndex(idx, dev(t), t._size[d], (ix) => {
    const io = sliceOperand(ix.t, d);
    if (!io) return DECLINE;
    return commit(t, scatterSlices(ctxOf(t), t, base, t._size[d], innerSize(t, d), io, idx._size[d], so, value));
  });
}

/** Handlers by op and signature: the LongTensor / ByteTensor signatures are TensorMath's, the Tensor ones take CudaTensors. */
const OPS: Record<string, Record<string, (...a: any[]) => unknown>> = {};
const on = (name: string, sig: string, f: (...a: any[]) => unknown): void => { (OPS[name] ??= {})[sig] = f; };
for (const ix of ['LongTensor', 'Tensor']) {
  on('index', `Tensor, number, ${ix}`, (src: Tensor, dim: number, idx: Tensor) => indexSelect(undefined, src, dim, idx));
  on('index', `Tensor, Tensor, number, ${ix}`, indexSelect);
  on('indexCopy', `Tensor, number, ${ix}, Tensor`, (t: Tensor, d: number, i: Tensor, s: Tensor) => accumulate('copy', t, d, i, s, 0));
  on('indexAdd', `Tensor, number, ${ix}, Tensor`, (t: Tensor, d: number, i: Tensor, s: Tensor) => accumulate('add', t, d, i, s, 0));
  on('indexFill', `Tensor, number, ${ix}, number`, (t: Tensor, d: number, i: Tensor, v: number) => accumulate('fill', t, d, i, undefined, v));
  on('gather', `Tensor, number, ${ix}`, (src: Tensor, dim: number, idx: Tensor) => gather(undefined, src, dim, idx));
  on('gather', `Tensor, Tensor, number, ${ix}`, gather);
  on('scatter', `Tensor, number, ${ix}, Tensor`, (t: Tensor, d: number, i: Tensor, s: Tensor) => scatter(t, d, i, s, 0));
  on('scatter', `Tensor, number, ${ix}, number`, (t: Tensor, d: number, i: Tensor, v: number) => scatter(t, d, i, undefined, v));
}
for (const m of ['ByteTensor', 'Tensor']) {
  on('maskedFill', `Tensor, ${m}, number`, maskedFill);
  on('maskedCopy', `Tensor, ${m}, Tensor`, maskedCopy);
  on('maskedSelect', `Tensor, ${m}`, (src: Tensor, mask: Tensor) => maskedSelect(undefined, src, mask));
  on('maskedSelect', `Tensor, Tensor, ${m}`, maskedSelect);
}
on('cat', 'Tensor, Tensor', (a: Tensor, b: Tensor) => catOp(undefined, [a, b]));
on('cat', 'Tensor, Tensor, number', (a: Tensor, b: Tensor, d: number) => catOp(undefined, [a, b], d));
on('cat', 'Tensor, Tensor, Tensor', (r: Tensor, a: Tensor, b: Tensor) => catOp(r, [a, b]));
on('cat', 'Tensor, Tensor, Tensor, number', (r: Tensor, a: Tensor, b: Tensor, d: number) => catOp(r, [a, b], d));
on('cat', 'Array', (arr: unknown[]) => catOp(undefined, arr));
on('cat', 'Array, number', (arr: unknown[], d: number) => catOp(undefined, arr, d));
on('cat', 'Tensor, Array', (r: Tensor, arr: unknown[]) => catOp(r, arr));
on('cat', 'Tensor, Array, number', (r: Tensor, arr: unknown[], d: number) => catOp(r, arr, d));
for (const [name, sigs] of Object.entries(OPS)) registerOp(name, sigs);
