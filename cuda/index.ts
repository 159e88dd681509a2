/**
 * The `cuda` package, cutorch + cunn's place: torch.CudaTensor on gpu.js devices, the device API,
 * device kernels for TensorMath and THNN, and the record of what fell back to the CPU.
 */
import { DEVICE } from '../lib/dispatch.js';
import { TorchError } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { torch } from '../lib/index.js';
import { backend } from './backend.js';
import { CudaStorage } from './CudaStorage.js';
import { CudaTensor } from './CudaTensor.js';
import * as device from './device.js';
import { fallbacks, recordFallback, resetFallbacks } from './fallbacks.js';
import { commitStats } from './kernels/commit.js';
import { cudaTHNN, deviceTHNN } from './thnn/index.js';
import './ops/index.js';
import './thnn/kernels.js';
import './nn.js';
import './parallel.js';
import './serialize.js';
import * as random from './random.js';
import { cudnn } from './cudnn/index.js';

DEVICE.isDevice = (x) => x instanceof CudaTensor;
DEVICE.onFallback = (name) => recordFallback(name);
DEVICE.active = true;
DEVICE.check = (name, args) => {
  let dev = 0;
  const visit = (x: unknown): void => {
    if (!(x instanceof CudaTensor)) return;
    const d = x.getDevice();
    if (dev && d !== dev) throw new TorchError(`${name}: arguments are located on different GPUs (devices ${dev} and ${d})`);
    dev = d;
  };
  for (const a of args) if (Array.isArray(a)) a.forEach(visit); else visit(a);
};
Object.defineProperty(CudaTensor.prototype, 'THNN', { get: () => cudaTHNN, configurable: true });
Object.assign(torch, { CudaTensor, CudaStorage });

/** cutorch/cunn's place in torch7ts. */
export const cuda = {
  backend,
  CudaTensor, CudaStorage,
  getDeviceCount: device.getDeviceCount,
  getDevice: device.getDevice,
  setDevice: device.setDevice,
  withDevice: device.withDevice,
  synchronize: device.synchronize,
  getDeviceProperties: device.getDeviceProperties,
  getMemoryUsage: device.getMemoryUsage,
  /** Live device bytes and buffers over all devices. */
  memory: device.memory,
  /** Host<->device traffic so far (uploads/downloads and bytes). */
  traffic: device.traffic,
  /** How results were written: adopted buffers, device merges, host writes. */
  commitStats,
  fallbacks, resetFallbacks,
  /** THNN kernels that have device implementations. */
  deviceTHNN,
  /** True when x is a CudaTensor. */
  isCuda: (x: unknown): x is CudaTensor => x instanceof CudaTensor,
  manualSeed: random.manualSeed, manualSeedAll: random.manualSeedAll, seed: random.seed, seedAll: random.seedAll,
  initialSeed: random.initialSeed, getRNGState: random.getRNGState, setRNGState: random.setRNGState,
};
export { CudaTensor, CudaStorage, cudnn };
export type { BackendReport } from './backend.js';
void Tensor;
