/** Index tensors (class targets, pooling indices) as torch/nn's modules keep them on each backend. */
import type { Tensor } from '../lib/Tensor.js';

/** True for a tensor of the GPU package (torch.CudaTensor), whose criterions keep targets as given. */
export const isCudaType = (t: Tensor): boolean => t.type().startsWith('torch.Cuda');

/**
 * The class target a criterion's kernel gets: a LongTensor on the CPU (`target:long()`); with a
 * CudaTensor input the target is kept as given (a CudaTensor of classes, or a LongTensor), as cunn does.
 */
export function classTarget(input: Tensor, target: Tensor): Tensor {
  return isCudaType(input) ? target : target.long();
}

/** `self.target` for a number target: a one-element tensor holding it (a LongTensor, or a CudaTensor for a CudaTensor input). */
export function numberTarget(input: Tensor, holder: Tensor, target: number): Tensor {
  const t = isCudaType(input) ? holder.type(input.type()) : holder.long();
  t.resize(1).fill(target);
  return t;
}

/** A max-pooling module's `indices` buffer: a LongTensor on the CPU; a CudaTensor for a CudaTensor input, as cunn kept them. */
export function indicesFor(input: Tensor, indices: Tensor): Tensor {
  return isCudaType(input) ? indices.type(input.type()) : indices.long();
}
