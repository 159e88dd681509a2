/**
 * gather and scatter along a dimension with a LongTensor of 1-based indices shaped like the
 * result (THTensorMath.c gather / scatter / scatterFill, TensorMath.lua wraps).
 */
import { checkSameType, defineOp, type TorchFunction } from '../dispatch.js';
import { argCheck, TorchError } from '../errors.js';
import type { LongTensor, Tensor } from '../Tensor.js';
import { sizeDesc, sliceOffsets } from './indexing.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /**
     * `torch.gather([res,] src, dim, idx)`: res has the size of idx, and (for dim = 1)
     * `res[i][j] = src[idx[i][j]][j]`.
     * @example torch.gather(x, 2, new torch.LongTensor([[2], [1]])) // x[1][2], x[2][1] as a 2x1 tensor
     */
    gather: TorchFunction;
    /** `torch.scatter(x, dim, idx, src | value)`: for dim = 1, `x[idx[i][j]][j] = src[i][j]` (or value); returns x. */
    scatter: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /**
     * `x.gather(dim, idx)`: a new tensor sized like idx with `out[i][j] = x[idx[i][j]][j]` (dim = 1);
     * `res.gather(src, dim, idx)` writes into res.
     * @example x.gather(1, new torch.LongTensor([[3, 1, 2]])) // one element of each column
     */
    gather(dim: number, idx: LongTensor): this;
    gather(src: Tensor, dim: number, idx: LongTensor): this;
    /**
     * `x.scatter(dim, idx, src)`: writes `x[idx[i][j]][j] = src[i][j]` (dim = 1), in place; with a
     * number instead of src, writes that value. Returns x.
     * @example torch.zeros(3, 2).scatter(1, new torch.LongTensor([[3, 1]]), 7)
     */
    scatter(dim: number, idx: LongTensor, src: Tensor | number): this;
  }
}

/** DIM_APPLY's dimension check (0-based `d`). */
function checkApplyDim(d: number, t: Tensor): void {
  if (d < 0 || d >= t.dim()) throw new TorchError(`invalid dimension ${d} (expected to be 0 <= dim < ${t.dim()})`);
}

/** DIM_APPLY3's shape check: the same size in every dimension but `d`. */
function checkSameSizes(d: number, names: string[], ts: Tensor[]): void {
  const a = ts[0];
  for (const t of ts) {
    for (let i = 0; i < a.dim(); i++) {
      if (i !== d && t._size[i] !== a._size[i]) {
        const parts = ts.map((x, k) => `${names[k]} ${sizeDesc(x)}`);
        const list = parts.length === 2 ? `${parts[0]} and ${parts[1]}` : `${parts[0]}, ${parts[1]} and ${parts[2]}`;
        throw new TorchError(`Expected ${list} to have the same size in dimension ${d}`);
      }
    }
  }
}

function gather(res: Tensor, src: Tensor, dim: number, idx: LongTensor): Tensor {
  checkSameType('gather', res, src);
  if (res._storage === src._storage) { // the result would overwrite its own source: use a temporary
    const tmp = gather(src.new(), src, dim, idx);
    return res.resizeAs(tmp).copy(tmp);
  }
  res.resizeNd(idx._size);
  const d = Math.trunc(dim) - 1;
  argCheck(src.dim() === res.dim(), 2, 'gather', 'Input tensor must have same dimensions as output tensor');
  argCheck(d < res.dim(), 3, 'gather', 'Index dimension is out of bounds');
  argCheck(idx.dim() === src.dim(), 4, 'gather', 'Index tensor must have same dimensions as input tensor');
  checkApplyDim(d, res);
  checkSameSizes(d, ['tensor', 'src', 'index'], [res, src, idx]);
  const rb = sliceOffsets(res, d), sb = sliceOffsets(src, d), ib = sliceOffsets(idx, d);
  const out = res._storage.data, from = src._storage.data, ix = idx._storage.data;
  const rs = res._stride[d], ss = src._stride[d], is = idx._stride[d];
  const n = idx._size[d], size = src._size[d];
  for (let r = 0; r < rb.length; r++) {
    let o = rb[r], s0 = sb[r] - ss, p = ib[r];
    for (let i = 0; i < n; i++, o += rs, p += is) {
      const v = ix[p];
      if (!(v >= 1 && v <= size)) throw new TorchError('Invalid index in gather');
      out[o] = from[s0 + v * ss];
    }
  }
  return res;
}

/** The checks scatter and scatterFill share (TH's argument numbers). */
function checkScatter(t: Tensor, d: number, idx: LongTensor): void {
  argCheck(d < t.dim(), 2, 'scatter', 'Index dimension is out of bounds');
  argCheck(idx.dim() === t.dim(), 3, 'scatter', 'Index tensor must have same dimensions as output tensor');
}

function scatter(t: Tensor, dim: number, idx: LongTensor, src: Tensor): Tensor {
  checkSameType('scatter', t, src);
  const d = Math.trunc(dim) - 1;
  checkScatter(t, d, idx);
  argCheck(src.dim() === t.dim(), 4, 'scatter', 'Input tensor must have same dimensions as output tensor');
  checkApplyDim(d, t);
  checkSameSizes(d, ['tensor', 'src', 'index'], [t, src, idx]);
  // TH reads src[i] for every i < idx:size(dim) without checking; we refuse to read past src
  if (idx._size[d] > src._size[d]) {
    throw new TorchError(`Expected index ${sizeDesc(idx)} to be no larger than src ${sizeDesc(src)} in dimension ${d}`);
  }
  const tb = sliceOffsets(t, d), sb = sliceOffsets(src, d), ib = sliceOffsets(idx, d);
  const out = t._storage.data, from = src._storage.data, ix = idx._storage.data;
  const ts = t._stride[d], ss = src._stride[d], is = idx._stride[d];
  const n = idx._size[d], size = t._size[d];
  for (let r = 0; r < tb.length; r++) {
    const t0 = tb[r] - ts;
    let s = sb[r], p = ib[r];
    for (let i = 0; i < n; i++, s += ss, p += is) {
      const v = ix[p];
      if (!(v >= 1 && v <= size)) throw new TorchError('Invalid index in scatter');
      out[t0 + v * ts] = from[s];
    }
  }
  return t;
}

function scatterFill(t: Tensor, dim: number, idx: LongTensor, value: number): Tensor {
  const d = Math.trunc(dim) - 1;
  checkScatter(t, d, idx);
  checkApplyDim(d, t);
  checkSameSizes(d, ['tensor', 'index'], [t, idx]);
  const v = t.kind.key === 'Long' ? Math.trunc(value) : value;
  const tb = sliceOffsets(t, d), ib = sliceOffsets(idx, d);
  const out = t._storage.data, ix = idx._storage.data;
  const ts = t._stride[d], is = idx._stride[d];
  const n = idx._size[d], size = t._size[d];
  for (let r = 0; r < tb.length; r++) {
    const t0 = tb[r] - ts;
    let p = ib[r];
    for (let i = 0; i < n; i++, p += is) {
      const k = ix[p];
      if (!(k >= 1 && k <= size)) throw new TorchError('Invalid index in scatter');
      out[t0 + k * ts] = v;
    }
  }
  return t;
}

defineOp('gather', {
  'Tensor, number, LongTensor': (src: Tensor, dim: number, idx: LongTensor) => gather(src.new(), src, dim, idx),
  'Tensor, Tensor, number, LongTensor': gather,
});
defineOp('scatter', {
  'Tensor, number, LongTensor, Tensor': scatter,
  'Tensor, number, LongTensor, number': scatterFill,
});
