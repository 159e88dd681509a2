/**
 * torch.cat of CudaTensors on the device (THTensor_(catArray) semantics for the regular case: inputs of
 * one device and the same number of dims, equal sizes but along the cat dim). Each input is copied into
 * a narrow() of the result by the device copy; irregular arguments (empty inputs, a new dim, size
 * mismatches: Torch's errors) are declined to the CPU kernel.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import { CudaTensor } from '../CudaTensor.js';
import { sameDevice } from '../ops/run.js';

/**
 * Concatenates `inputs` along `dim` (1-based; default the last dim) into res (or a new tensor).
 * @example
 * catOp(undefined, [a, b], 1); // torch.cat(a, b, 1) of CudaTensors
 */
export function catOp(res: Tensor | undefined, inputs: unknown[], dim?: number): Tensor | typeof DECLINE {
  if (inputs.length === 0 || !inputs.every((t) => t instanceof CudaTensor)) return DECLINE;
  const ts = inputs as CudaTensor[];
  if (!sameDevice(...ts, ...(res ? [res] : []))) return DECLINE;
  if (res && ts.some((t) => t._storage === res._storage)) return DECLINE;
  const nd = ts[0].dim();
  if (nd === 0 || ts.some((t) => t.dim() !== nd)) return DECLINE;
  const d = dim === undefined ? nd - 1 : Math.trunc(dim) - 1;
  if (!(d >= 0 && d < nd)) return DECLINE;
  const size = ts[0]._size.slice();
  for (const t of ts.slice(1)) {
    if (t._size.some((s, i) => i !== d && s !== size[i])) return DECLINE;
    size[d] += t._size[d];
  }
  const out = res ?? ts[0].new();
  out.resizeNd(size);
  const st = out._storage as CudaStorage;
  // a fresh result: make its buffer on the device (every element is written below) rather than upload zeros
  if (!st.onDevice && out.offset === 0 && out.isContiguous() && out.nElement() === st.size()) out.fill(0);
  let offset = 1;
  for (const t of ts) {
    const view = out.narrow(d + 1, offset, t._size[d]);
    view.copy(t);
    view.set();
    offset += t._size[d];
  }
  return out;
}
