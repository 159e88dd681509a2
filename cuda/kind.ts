/** The element type of CudaTensor/CudaStorage: float32, with cutorch's names. */
import { TYPES, type TypeInfo } from '../lib/types.js';

/** torch.CudaTensor's TypeInfo: computes as Float, named as cutorch names it. */
export const CUDA: TypeInfo = Object.freeze({
  ...TYPES.Float,
  tensorName: 'torch.CudaTensor',
  storageName: 'torch.CudaStorage',
});
