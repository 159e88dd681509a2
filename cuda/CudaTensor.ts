/**
 * torch.CudaTensor: a float32 tensor whose storage lives on a device (a gpu.js context). Views, sizes
 * and strides are the CPU Tensor's; TensorMath runs device kernels where cuda/ops has them and the CPU
 * kernel otherwise (counted in `cuda.fallbacks()`).
 */
import { Tensor, TYPE_CONVERTERS } from '../lib/Tensor.js';
import type { Storage } from '../lib/Storage.js';
import { CudaStorage } from './CudaStorage.js';
import { CUDA } from './kind.js';

/**
 * A tensor on the current device.
 * @example
 * const x = torch.randn(3, 4).cuda();
 * x.add(1).float(); // back to a FloatTensor
 */
export class CudaTensor extends Tensor {
  override get kind() { return CUDA; }
  declare private s: CudaStorage | undefined;

  override newStorage(n: number): Storage { return new CudaStorage(n); }

  /** The device (1-based) of this tensor's storage. */
  getDevice(): number { return (this._storage as CudaStorage).device; }

  /** This tensor (already on the device); cutorch's `cuda()` of a CudaTensor on another device copies. */
  override cuda(): CudaTensor { return this; }
}

// `_storage` is an accessor here (a field on Tensor) that counts the storage's viewers, as Torch's
// refcount does, so the last tensor letting go (clearState's set()) frees device memory at once.
Object.defineProperty(CudaTensor.prototype, '_storage', {
  get(this: { s?: CudaStorage }) { return this.s; },
  set(this: { s?: CudaStorage }, v: CudaStorage) {
    const old = this.s;
    if (old === v) return;
    v.retain();
    this.s = v;
    if (old && --old.refs === 0) old.free();
  },
  configurable: true,
});

TYPE_CONVERTERS.set('torch.CudaTensor', (t) => (t instanceof CudaTensor ? t : new CudaTensor().resizeNd(t._size).copy(t)));

declare module '../lib/Tensor.js' {
  interface Tensor {
    /** A CudaTensor copy of this tensor (on the current device). */
    cuda(): CudaTensor;
  }
}
Object.defineProperty(Tensor.prototype, 'cuda', {
  value(this: Tensor) { return this.type('torch.CudaTensor'); }, writable: true, configurable: true,
});
