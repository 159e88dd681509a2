/**
 * Index selection along a dimension: index (indexSelect), indexCopy, indexAdd, indexFill
 * (torch7 generic/Tensor.c, THTensorMath.c). Index values are 1-based, as in Torch.
 */
import { runs1 } from '../apply.js';
import { checkSameType, defineOp, type TorchFunction } from '../dispatch.js';
import { argCheck, argError, TorchError } from '../errors.js';
import type { LongTensor, Tensor } from '../Tensor.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /**
     * `torch.index([res,] src, dim, idx)`: a copy of the slices `idx` (LongTensor, 1-based) of `src` along `dim`.
     * @example torch.index(x, 1, new torch.LongTensor([3, 1])) // rows 3 and 1 of x
     */
    index: TorchFunction;
    /** `torch.indexCopy(x, dim, idx, src)`: x's slice idx[i] along dim = src's slice i; returns x. */
    indexCopy: TorchFunction;
    /** `torch.indexAdd(x, dim, idx, src)`: x's slice idx[i] along dim += src's slice i; returns x. */
    indexAdd: TorchFunction;
    /** `torch.indexFill(x, dim, idx, value)`: fills x's slices idx along dim with value; returns x. */
    indexFill: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /**
     * `x.index(dim, idx)`: a new tensor with the slices `idx` (1-based LongTensor) of x along `dim`;
     * `res.index(src, dim, idx)` writes them into res.
     * @example x.index(2, new torch.LongTensor([1, 1])) // column 1 twice
     */
    index(dim: number, idx: LongTensor): this;
    index(src: Tensor, dim: number, idx: LongTensor): this;
    /**
     * `x.indexCopy(dim, idx, src)`: copies slice i of src into slice idx[i] of x along dim; returns x.
     * @example x.indexCopy(1, new torch.LongTensor([2, 4]), src) // rows 2 and 4 of x = rows of src
     */
    indexCopy(dim: number, idx: LongTensor, src: Tensor): this;
    /** `x.indexAdd(dim, idx, src)`: adds slice i of src to slice idx[i] of x along dim (repeats accumulate); returns x. */
    indexAdd(dim: number, idx: LongTensor, src: Tensor): this;
    /** `x.indexFill(dim, idx, value)`: fills the slices idx of x along dim with value; returns x. */
    indexFill(dim: number, idx: LongTensor, value: number): this;
  }
}

/** Size description as TH's _THSizeDesc writes it: `[2 x 3]`. */
export function sizeDesc(t: Tensor): string {
  return `[${t._size.join(' x ')}]`;
}

/**
 * Offset of the first element of every slice of `t` along `dim` (0-based), i.e. of every element of
 * `t` with `dim` removed, in row-major order. A 1-D tensor gives one offset.
 */
export function sliceOffsets(t: Tensor, dim: number): Float64Array {
  const size = t._size.slice(), stride = t._stride.slice();
  size.splice(dim, 1);
  stride.splice(dim, 1);
  let n = 1;
  for (const s of size) n *= s;
  const out = new Float64Array(n);
  if (size.length === 0) { out[0] = t.offset; return out; }
  let k = 0;
  runs1({ offset: t.offset, _size: size, _stride: stride }, (o, s, len) => {
    for (let i = 0; i < len; i++, o += s) out[k++] = o;
  });
  return out;
}

/** The values of a 1-D LongTensor (1-based indices) after TH's argument checks. */
function readIndex(idx: LongTensor, fn: string): Float64Array {
  argCheck(idx.dim() === 1, 3, fn, 'Index is supposed to be a vector');
  const n = idx._size[0], s = idx._stride[0], d = idx._storage.data;
  const out = new Float64Array(n);
  for (let i = 0, o = idx.offset; i < n; i++, o += s) out[i] = d[o];
  return out;
}

/** Lua's `luaL_checkint(dim) - 1`, checked against `nDim` with TH's message. */
function readDim(dim: number, nDim: number, fn: string): number {
  const d = Math.trunc(dim) - 1;
  argCheck(d >= 0 && d < nDim, 4, fn, `Indexing dim ${d + 1} is out of bounds of tensor`);
  return d;
}

/** Product of the sizes before and after `d`. */
function outerInner(t: Tensor, d: number): [number, number] {
  let outer = 1, inner = 1;
  for (let i = 0; i < d; i++) outer *= t._size[i];
  for (let i = d + 1; i < t._size.length; i++) inner *= t._size[i];
  return [outer, inner];
}

// ---- kernels -------------------------------------------------------------------------------------

function indexSelect(res: Tensor, src: Tensor, dim: number, idx: LongTensor): Tensor {
  checkSameType('index', res, src);
  const ix = readIndex(idx, 'index');
  const d = readDim(dim, src.dim(), 'index');
  const n = ix.length, size = src._size[d];
  for (let i = 0; i < n; i++) if (!(ix[i] >= 1 && ix[i] <= size)) throw new TorchError('index out of range');
  if (res._storage === src._storage) { // writing into src's own storage: go through a temporary
    const tmp = indexSelect(src.new(), src, dim, idx);
    return res.resizeAs(tmp).copy(tmp);
  }
  const sizes = src._size.slice();
  sizes[d] = n;
  res.resizeNd(sizes);
  if (n === 0) return res;
  const out = res._storage.data, from = src._storage.data;
  const [outer, inner] = outerInner(src, d);
  let r = res.offset; // res is contiguous after resize
  if (src.isContiguous()) {
    for (let o = 0; o < outer; o++) {
      const base = src.offset + o * size * inner;
      for (let i = 0; i < n; i++) {
        const b = base + (ix[i] - 1) * inner;
        if (inner > 32) { out.set(from.subarray(b, b + inner), r); r += inner; } else for (let j = 0; j < inner; j++) out[r++] = from[b + j];
      }
    }
    return res;
  }
  const base = sliceOffsets(src, d), sd = src._stride[d];
  for (let o = 0; o < outer; o++) {
    const b0 = o * inner;
    for (let i = 0; i < n; i++) {
      const add = (ix[i] - 1) * sd;
      for (let j = 0; j < inner; j++) out[r++] = from[base[b0 + j] + add];
    }
  }
  return res;
}

/** Shared checks of indexCopy / indexAdd; returns [dim, indices]. */
function checkCopyArgs(t: Tensor, dim: number, idx: LongTensor, src: Tensor, fn: string): [number, Float64Array] {
  checkSameType(fn, t, src);
  const ix = readIndex(idx, fn);
  const d = readDim(dim, src.dim(), fn);
  argCheck(ix.length === src._size[d], 4, fn, 'Number of indices should be equal to source:size(dim)');
  argCheck(d < t.dim(), 2, fn, 'out of range');
  const size = t._size[d];
  // TH's select/set1d reject a bad slice index with "out of range" (argument 3, or 2 for a vector)
  for (let i = 0; i < ix.length; i++) if (!(ix[i] >= 1 && ix[i] <= size)) throw argError(t.dim() > 1 ? 3 : 2, fn, 'out of range');
  return [d, ix];
}

/** indexCopy (add = false) and indexAdd (add = true): slice i of src into slice ix[i] of t along d. */
function indexAccumulate(t: Tensor, d: number, ix: Float64Array, src: Tensor, add: boolean): Tensor {
  const n = ix.length;
  if (n === 0) return t;
  const dst = t._storage.data, from = src._storage.data;
  const [outer, inner] = outerInner(t, d);
  const sameShape = t.dim() === src.dim() && t._size.every((s, i) => i === d || s === src._size[i]);
  if (sameShape && t.isContiguous() && src.isContiguous()) {
    const tRow = t._size[d] * inner;
    for (let o = 0; o < outer; o++) {
      const tb = t.offset + o * tRow, sb = src.offset + o * n * inner;
      for (let i = 0; i < n; i++) {
        const a = tb + (ix[i] - 1) * inner, b = sb + i * inner;
        if (add) for (let j = 0; j < inner; j++) dst[a + j] += from[b + j];
        else if (inner > 32 && dst !== from) dst.set(from.subarray(b, b + inner), a);
        else for (let j = 0; j < inner; j++) dst[a + j] = from[b + j];
      }
    }
    return t;
  }
  // General case, as TH: slice-to-slice copy in row-major order (same number of elements, shapes may differ)
  const tb = sliceOffsets(t, d), sb = sliceOffsets(src, d);
  if (tb.length !== sb.length) throw new TorchError('inconsistent tensor size');
  const ts = t._stride[d], ss = src._stride[d], m = tb.length;
  for (let i = 0; i < n; i++) {
    const ta = (ix[i] - 1) * ts, sa = i * ss;
    if (add) for (let j = 0; j < m; j++) dst[tb[j] + ta] += from[sb[j] + sa];
    else for (let j = 0; j < m; j++) dst[tb[j] + ta] = from[sb[j] + sa];
  }
  return t;
}

function indexCopy(t: Tensor, dim: number, idx: LongTensor, src: Tensor): Tensor {
  const [d, ix] = checkCopyArgs(t, dim, idx, src, 'indexCopy');
  return indexAccumulate(t, d, ix, src, false);
}

function indexAdd(t: Tensor, dim: number, idx: LongTensor, src: Tensor): Tensor {
  const [d, ix] = checkCopyArgs(t, dim, idx, src, 'indexAdd');
  return indexAccumulate(t, d, ix, src, true);
}

function indexFill(t: Tensor, dim: number, idx: LongTensor, value: number): Tensor {
  const ix = readIndex(idx, 'indexFill');
  const d = readDim(dim, t.dim(), 'indexFill');
  const size = t._size[d];
  for (let i = 0; i < ix.length; i++) if (!(ix[i] >= 1 && ix[i] <= size)) throw argError(t.dim() > 1 ? 3 : 2, 'indexFill', 'out of range');
  const v = t.kind.key === 'Long' ? Math.trunc(value) : value;
  const data = t._storage.data;
  const [outer, inner] = outerInner(t, d);
  if (t.isContiguous()) {
    for (let o = 0; o < outer; o++) {
      const base = t.offset + o * size * inner;
      for (let i = 0; i < ix.length; i++) {
        const a = base + (ix[i] - 1) * inner;
        data.fill(v, a, a + inner);
      }
    }
    return t;
  }
  const base = sliceOffsets(t, d), sd = t._stride[d];
  for (let i = 0; i < ix.length; i++) {
    const add = (ix[i] - 1) * sd;
    for (let j = 0; j < base.length; j++) data[base[j] + add] = v;
  }
  return t;
}

// ---- public tier ---------------------------------------------------------------------------------

defineOp('index', {
  'Tensor, number, LongTensor': (src: Tensor, dim: number, idx: LongTensor) => indexSelect(src.new(), src, dim, idx),
  'Tensor, Tensor, number, LongTensor': indexSelect,
});
defineOp('indexCopy', { 'Tensor, number, LongTensor, Tensor': indexCopy });
defineOp('indexAdd', { 'Tensor, number, LongTensor, Tensor': indexAdd });
defineOp('indexFill', { 'Tensor, number, LongTensor, number': indexFill });
