/**
 * cunn's `module:cuda()` and `criterion:cuda()`: `type('torch.CudaTensor')`, which converts every
 * tensor field (weights, gradients, buffers, index tensors) through nn.utils.recursiveType, keeping
 * shared storages shared (one device copy per CPU storage) exactly as `float()` / `double()` do.
 *
 * Index buffers that a module keeps as a LongTensor (SpatialMaxPooling's `indices`, Max's `_indices`)
 * become CudaTensors too, as in nn (cunn's modules then keep them as CudaTensor/CudaLongTensor); our
 * modules turn them back into the type their kernels want on the next forward.
 */
import { Criterion } from '../nn/Criterion.js';
import { Module } from '../nn/Module.js';

/** The Torch type name of CudaTensor. */
export const CUDA_TENSOR = 'torch.CudaTensor';

declare module '../nn/Module.js' {
  interface Module {
    /**
     * Converts every tensor of this module (and its children) to torch.CudaTensor on the current
     * device (cunn's `module:cuda()`); returns the module.
     * @example
     * const m = new nn.Linear(4, 2).cuda();
     * m.forward(torch.randn(3, 4).cuda()); // a CudaTensor
     */
    cuda(): this;
  }
}

declare module '../nn/Criterion.js' {
  interface Criterion {
    /**
     * Converts the criterion's tensors (weights, buffers) to torch.CudaTensor (cunn's `criterion:cuda()`).
     * @example
     * const crit = new nn.MSECriterion().cuda();
     * crit.forward(output.cuda(), target.cuda()); // a number
     */
    cuda(): this;
  }
}

for (const proto of [Module.prototype, Criterion.prototype]) {
  Object.defineProperty(proto, 'cuda', {
    value(this: Module | Criterion) { return this.type(CUDA_TENSOR); },
    writable: true, configurable: true, enumerable: false,
  });
}
