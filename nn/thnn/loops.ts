/** Elementwise loops for THNN kernels: one tight loop when contiguous, runs otherwise. */
import { runs2, runs3 } from '../../lib/apply.js';
import type { Tensor } from '../../lib/Tensor.js';

/** out[i] = f(a[i]) over two tensors with the same number of elements. */
export function map1(out: Tensor, a: Tensor, f: (x: number) => number): void {
  const o = out._storage.data, x = a._storage.data;
  if (out.isContiguous() && a.isContiguous()) {
    const n = a.nElement(), oo = out.offset, ao = a.offset;
    for (let i = 0; i < n; i++) o[oo + i] = f(x[ao + i]);
    return;
  }
  runs2(out, a, (po, so, pa, sa, len) => {
    for (let i = 0; i < len; i++, po += so, pa += sa) o[po] = f(x[pa]);
  });
}

/** out[i] = f(a[i], b[i]) over three tensors with the same number of elements. */
export function map2(out: Tensor, a: Tensor, b: Tensor, f: (x: number, y: number) => number): void {
  const o = out._storage.data, x = a._storage.data, y = b._storage.data;
  if (out.isContiguous() && a.isContiguous() && b.isContiguous()) {
    const n = a.nElement(), oo = out.offset, ao = a.offset, bo = b.offset;
    for (let i = 0; i < n; i++) o[oo + i] = f(x[ao + i], y[bo + i]);
    return;
  }
  runs3(out, a, b, (po, so, pa, sa, pb, sb, len) => {
    for (let i = 0; i < len; i++, po += so, pa += sa, pb += sb) o[po] = f(x[pa], y[pb]);
  });
}
