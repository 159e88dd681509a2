/**
 * What the device criterion kernels share: the loss buffer checks, class targets on the device (a CPU
 * target is uploaded for the call), reading back a loss with its validity counts (one readback), and
 * raising the CPU kernel's own error when the device found bad data.
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { cpuTHNN, type THNNKernels } from '../../nn/THNN.js';
import type { Handle } from '../context.js';
import type { CudaStorage } from '../CudaStorage.js';
import { CudaTensor } from '../CudaTensor.js';
import { withDevice } from '../device.js';
import { commit } from './commit.js';
import { generate } from './pointwise.js';
import { ctxOf } from './thnn-build.js';

export { assertion, checkScalarBuffer, desc, frames } from '../../nn/thnn/criterion-checks.js';

/**
 * Runs fn with `target` on the device of `like`: a CudaTensor as it is, a CPU tensor uploaded for the
 * call (one counted upload) and freed after.
 */
export function withDeviceTarget<T>(target: Tensor, like: Tensor, fn: (t: Tensor) => T): T {
  if (target instanceof CudaTensor) return fn(target);
  const tmp = withDevice((like._storage as CudaStorage).device, () => target.cuda());
  try { return fn(tmp); } finally { tmp.set(); }
}

/** The K sums of h read back in one download (h is freed). */
export function readBack(h: Handle, K: number, like: Tensor): Float32Array {
  const ctx = ctxOf(like);
  const v = ctx.download(h, K);
  ctx.free(h, K);
  return v;
}

/** Writes a number read back from the device into a one-element CudaTensor (its host copy, so reading it costs nothing). */
export function setScalar(t: Tensor, v: number): void {
  const st = t._storage as CudaStorage;
  if (t.offset === 0 && st.size() === 1) {
    st.resize(0); // drops the old device copy without reading it back (setHostData alone would)
    st.setHostData(Float32Array.of(v));
    return;
  }
  commit(t, generate(st.ctx, 'x', [v], 1));
}

/** Writes a number into a one-element CudaTensor that device kernels read next (it stays on the device). */
export function setDeviceScalar(t: Tensor, v: number): void {
  commit(t, generate(ctxOf(t), 'x', [v], 1));
}

/**
 * The device found invalid data (a class out of range, a probability outside [0, 1]): runs the CPU
 * kernel on the host copies so that it raises its own error, word for word.
 */
export function raiseAsCPU<K extends keyof THNNKernels>(name: K, args: Parameters<THNNKernels[K]>): never {
  (cpuTHNN[name] as (...a: unknown[]) => unknown)(...args);
  throw new TorchError(`${name}: invalid target or input values`);
}

/**
 * For a CPU target (its values are on the host anyway): throws `err()` unless each of its first n
 * values (row-major) lies in [lo, hi] or equals `skip`. A device target is checked by the forward's
 * device count instead.
 */
export function checkHostTargets(target: Tensor, n: number, lo: number, hi: number, err: () => Error, skip = NaN): void {
  if (target instanceof CudaTensor) return;
  const t = target.contiguous(), d = t._storage.data;
  if (t.nElement() < n) return;
  for (let i = 0; i < n; i++) {
    const v = Number(d[t.offset + i]);
    if (!(v >= lo && v <= hi) && v !== skip) throw err();
  }
}
