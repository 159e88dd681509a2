/**
 * The cuda device kind of the parallel modules (nn.DataParallelTable, nn.GPU, nn.ModelParallel): one
 * device per gpu.js context; every replica lives in the calling thread and runs with its device
 * current (cutorch.withDevice), as cunn's single-threaded DataParallelTable does.
 */
import { Tensor } from '../lib/Tensor.js';
import { TorchError } from '../lib/errors.js';
import type { Module } from '../nn/Module.js';
import { checkDevice, registerDeviceKind, type DeviceKind, type Replica } from '../nn/parallel/devices.js';
import { LocalReplica } from '../nn/parallel/LocalReplica.js';
import type { Activity } from '../nn/utils.js';
import { CudaTensor } from './CudaTensor.js';
import { chooseMode, getDeviceCount, withDevice } from './device.js';

const describe = (id: number): string => `GPU device ${id} (gpu.js ${chooseMode().mode} context)`;

/** A replica on one device: its inputs are CudaTensors allocated on that device. */
class CudaReplica extends LocalReplica {
  override buffer(prev: Tensor | undefined, like: Tensor): Tensor {
    if (prev instanceof CudaTensor && prev.getDevice() === this.device) return prev;
    return withDevice(this.device, () => new CudaTensor());
  }
}

/** The device (1-based) of a tensor, or of the first tensor in a table. */
function deviceOf(x: Activity | number): number {
  if (typeof x === 'number') return x;
  if (x instanceof CudaTensor) return x.getDevice();
  if (Array.isArray(x) && x.length > 0) return deviceOf(x[0] as Activity);
  throw new TorchError('expected a CudaTensor (or a table of them) to name a device');
}

/** `src` on device `to`, reusing `dst` where it fits; a tensor already there is returned as it is. */
function moveTo(dst: Activity | undefined, src: Activity, to: number | Activity): Activity {
  if (Array.isArray(src)) {
    const out = Array.isArray(dst) ? dst : [];
    src.forEach((s, i) => { out[i] = moveTo(out[i], s as Activity, to); });
    out.length = src.length;
    return out;
  }
  const d = deviceOf(to);
  if (!(src instanceof CudaTensor)) throw new TorchError(`nn.GPU: expected a torch.CudaTensor, got ${(src as Tensor).type?.() ?? typeof src}`);
  if (src.getDevice() === d) return src;
  const out = dst instanceof CudaTensor && dst.getDevice() === d ? dst : withDevice(d, () => new CudaTensor());
  return out.resizeAs(src).copy(src);
}

/** The cuda device kind (torch.CudaTensor modules). */
export const cudaDevices: DeviceKind = {
  name: 'cuda',
  types: ['torch.CudaTensor'],
  deviceCount: getDeviceCount,
  describe,
  replicate(module: Module, devices: readonly number[]): Replica[] {
    devices.forEach((d) => checkDevice(cudaDevices, d, 'DataParallelTable'));
    return devices.map((d, i) => new CudaReplica(i + 1, d, describe(d),
      i === 0 ? module : withDevice(d, () => module.clone()), (fn) => withDevice(d, fn)));
  },
  withDevice<T>(id: number, fn: () => T): T {
    checkDevice(cudaDevices, id, 'withDevice');
    return withDevice(id, fn);
  },
  moveTo,
};

registerDeviceKind(cudaDevices);
