/** CudaTensor's copy, fill and zero on the device (host data crosses only from or to a CPU tensor). */
import { FloatTensor, Tensor } from '../../lib/Tensor.js';
import { check } from '../../lib/errors.js';
import { CudaStorage } from '../CudaStorage.js';
import { CudaTensor } from '../CudaTensor.js';
import { commit } from '../kernels/commit.js';
import { generate, map } from '../kernels/pointwise.js';
import { recordFallback } from '../fallbacks.js';

/** The elements of a CPU tensor as contiguous floats, in row-major order. */
function hostFloats(src: Tensor): Float32Array {
  if (src instanceof FloatTensor && src.isContiguous()) return src._storage.read().subarray(src.offset, src.offset + src.nElement()) as Float32Array;
  const f = new FloatTensor().resizeNd(src._size).copy(src);
  return f._storage.read() as Float32Array;
}

const cpuCopy = Tensor.prototype.copy;

CudaTensor.prototype.copy = function (this: CudaTensor, src: Tensor) {
  check(src instanceof Tensor, 'copy: expected a tensor');
  const n = this.nElement();
  check(n === src.nElement(), 'inconsistent tensor size');
  if (n === 0) return this;
  const st = this._storage as CudaStorage;
  if (src instanceof CudaTensor && (src._storage as CudaStorage).device === st.device) {
    const h = map('va', [src], [], n);
    if (h) return commit(this, h) as CudaTensor;
    recordFallback('copy');
    return cpuCopy.call(this, src) as CudaTensor;
  }
  const values = hostFloats(src);
  return commit(this, st.ctx.upload(values.length === n ? values : values.subarray(0, n))) as CudaTensor;
};

CudaTensor.prototype.fill = function (this: CudaTensor, value: number) {
  const n = this.nElement();
  if (n === 0) return this;
  return commit(this, generate((this._storage as CudaStorage).ctx, 'x', [value], n)) as CudaTensor;
};
