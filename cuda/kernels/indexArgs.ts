/**
 * Index and mask arguments of the device indexing ops: a host LongTensor's or ByteTensor's values are
 * checked on the host and uploaded once (a small, counted upload) as a temporary CudaTensor on the target
 * device; a CudaTensor of 1-based indices is used in place, range-checked on the device (one scalar read
 * back). Temporaries are released with `release`.
 */
import { FloatTensor, type Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import { CudaTensor } from '../CudaTensor.js';
import { withDevice } from '../device.js';
import { sumOf } from './gemmDot.js';

/** Values uploaded to `device` as a temporary CudaTensor of the given sizes. */
export function upload(values: Float32Array, sizes: number[], device: number): CudaTensor {
  return withDevice(device, () => {
    const t = new CudaTensor();
    t.resizeNd(sizes);
    (t._storage as CudaStorage).setHostData(values);
    return t;
  });
}

/** The values of a host tensor in row-major order, as floats. */
export function hostValues(t: Tensor): Float32Array {
  const f = t instanceof FloatTensor && t.isContiguous() ? t : new FloatTensor().resizeNd(t._size).copy(t);
  return (f._storage.read() as Float32Array).subarray(f.offset, f.offset + f.nElement());
}

/** An index tensor on `device`, and whether it is a temporary of ours. */
export interface DeviceIndex { t: CudaTensor; temp: boolean; host?: Float32Array }

/**
 * The index tensor `idx` on `device` when every value is an integer in [1, hi]; undefined otherwise (or
 * when idx is on another device, or neither a CudaTensor nor a host tensor), so the caller declines and
 * the CPU raises Torch's error.
 */
export function deviceIndex(idx: Tensor, device: number, hi: number): DeviceIndex | undefined {
  const n = idx.nElement();
  if (idx instanceof CudaTensor) {
    if (idx.getDevice() !== device) return undefined;
    const bad = n === 0 ? 0 : sumOf('(va < 1 || va > x || va !== Math.floor(va)) ? 1 : 0', [idx], [hi], n);
    return bad === 0 ? { t: idx, temp: false } : undefined;
  }
  const v = hostValues(idx);
  for (let i = 0; i < v.length; i++) if (!(v[i] >= 1 && v[i] <= hi && Number.isInteger(v[i]))) return undefined;
  return { t: upload(v, idx._size.slice(), device), temp: true, host: v };
}

/** Releases a temporary (its device buffer is freed at once). */
export function release(ix: { t: CudaTensor; temp: boolean } | undefined): void {
  if (ix?.temp) ix.t.set();
}

/**
 * Host indices (1-based, into `size` slices) as slice lists: starts (size + 1) and the positions i
 * sorted by slice, stable, so a slice's entries keep index order.
 */
export function sliceLists(v: Float32Array, size: number): { starts: Float32Array; order: Float32Array } {
  const starts = new Float32Array(size + 1);
  for (const x of v) starts[x]++;
  for (let k = 0; k < size; k++) starts[k + 1] += starts[k];
  const fill = starts.slice(0, size), order = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) order[fill[v[i] - 1]++] = i;
  return { starts, order };
}

/** A host mask's values when all are 0 or 1 (else undefined: the CPU raises Torch's error). */
export function maskValues(mask: Tensor): Float32Array | undefined {
  const m = hostValues(mask);
  for (let i = 0; i < m.length; i++) if (m[i] !== 0 && m[i] !== 1) return undefined;
  return m;
}
