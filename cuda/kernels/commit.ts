/**
 * Writing a kernel's result (a contiguous buffer in row-major order) into a result tensor, which may
 * be a view: adopt the buffer when the tensor is its whole storage, else merge it into the storage
 * with one kernel over the storage, else (overlapping or too many dims) write it through the host.
 */
import type { Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import type { Handle } from '../context.js';
import { collapse } from './geometry.js';

/** Statistics: how results were written (the host path is a fallback). */
export const commitStats = { adopted: 0, merged: 0, host: 0 };

/** Makes buffer h (res.nElement() floats, res's device) the elements of res; h is consumed. */
export function commit(res: Tensor, h: Handle): Tensor {
  const st = res._storage as CudaStorage;
  const ctx = st.ctx;
  const n = res.nElement();
  if (res.offset === 0 && n === st.size() && res.isContiguous()) { st.adopt(h); commitStats.adopted++; return res; }
  const g = mergeGeometry(res);
  if (g) {
    const old = st.deviceBuffer();
    const k = ctx.kernel('merge', MERGE_SRC, MERGE_TYPES);
    const merged = ctx.run(k, st.size(), [old, h, res.offset, ...g.n, ...g.s, ...g.lin]);
    st.adopt(merged);
    ctx.free(h, n);
    commitStats.merged++;
    return res;
  }
  const values = ctx.download(h, n);
  ctx.free(h, n);
  let k = 0;
  res.apply(() => values[k++]);
  commitStats.host++;
  return res;
}

/** Dims sorted by decreasing stride, padded to 4, when the view is non-overlapping. */
function mergeGeometry(t: Tensor): { n: number[]; s: number[]; lin: number[] } | undefined {
  const { size, stride } = collapse(t);
  if (size.length > 4) return undefined;
  const lin = size.map((_, d) => size.slice(d + 1).reduce((a, b) => a * b, 1));
  const order = size.map((_, d) => d).sort((a, b) => stride[b] - stride[a]);
  let span = 0;
  for (let k = order.length - 1; k >= 0; k--) {
    const d = order[k];
    if (stride[d] <= span) return undefined; // overlapping (or zero-stride) dims
    span += (size[d] - 1) * stride[d];
  }
  const n = order.map((d) => size[d]), s = order.map((d) => stride[d]), l = order.map((d) => lin[d]);
  while (n.length < 4) { n.push(1); s.push(1); l.push(0); }
  return { n, s, lin: l };
}

const MERGE_SRC = `function (old, h, off, n0, n1, n2, n3, s0, s1, s2, s3, l0, l1, l2, l3) {
  const j = this.thread.x;
  let r = j - off;
  if (r < 0) { return old[j]; }
  const c0 = Math.floor(r / s0); r = r - c0 * s0;
  const c1 = Math.floor(r / s1); r = r - c1 * s1;
  const c2 = Math.floor(r / s2); r = r - c2 * s2;
  const c3 = Math.floor(r / s3); r = r - c3 * s3;
  if (r !== 0 || c0 >= n0 || c1 >= n1 || c2 >= n2 || c3 >= n3) { return old[j]; }
  return h[c0 * l0 + c1 * l1 + c2 * l2 + c3 * l3];
}`;
const MERGE_TYPES: Record<string, string> = { old: 'Array', h: 'Array' };
for (const p of ['off', 'n0', 'n1', 'n2', 'n3', 's0', 's1', 's2', 's3', 'l0', 'l1', 'l2', 'l3']) MERGE_TYPES[p] = 'Integer';
