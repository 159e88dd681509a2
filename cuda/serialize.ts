/**
 * torch.save / torch.load of CudaTensor and CudaStorage, as cutorch writes them: class names
 * `torch.CudaTensor` / `torch.CudaStorage`, the tensor header of generic/Tensor.c (nDimension, sizes,
 * strides, 1-based storageOffset, then the storage object) and the storage as a long size followed by
 * its floats. Loading makes CudaStorages on the current device (cutorch.getDevice()), and tensors that
 * shared a storage in the file share one device storage. Saving reads the device buffer back once
 * per storage and keeps it on the device.
 *
 * While CudaTensor's converter is set aside in `TYPE_CONVERTERS` (CPU-only loading, as specs of the
 * .t7 format do), or replaced by another one, these classes load as lib/File's builtins make them
 * (FloatTensors that remember their Cuda class, or the other converter's result).
 */
import { findClass, OBJECT, registerClass, type ClassSpec, type PayloadGen, type PayloadSink, type PayloadSource } from '../lib/File/index.js';
import { RawTable, RawTorch } from '../lib/File/raw.js';
import { TYPE_CONVERTERS } from '../lib/Tensor.js';
import { CudaStorage } from './CudaStorage.js';
import { CudaTensor } from './CudaTensor.js';

const converter = TYPE_CONVERTERS.get('torch.CudaTensor');
/** True while CudaTensor's own converter is installed: cutorch's classes then load on the device. */
const active = (): boolean => converter !== undefined && TYPE_CONVERTERS.get('torch.CudaTensor') === converter;
/** lib/File's hooks for a class (Float data, converted on load), used while `active()` is false. */
const builtin = (name: string): ClassSpec => ({ ...findClass(name)! });
const cpuStorage = builtin('torch.CudaStorage');
const cpuTensor = builtin('torch.CudaTensor');

function* readStorage(file: PayloadSource): PayloadGen {
  const at = file.position;
  const n = file.readLong('the size of a torch.CudaStorage');
  if (n < 0) file.fail('the size of a torch.CudaStorage', `negative size ${n}`, at);
  const { data } = file.readArray('Float', n, `${n} elements of a torch.CudaStorage`);
  return [new CudaStorage(data)];
}

function* readTensor(file: PayloadSource): PayloadGen {
  const what = 'a torch.CudaTensor';
  const at = file.position;
  const nDim = file.readInt(`the nDimension of ${what}`);
  if (nDim < 0) file.fail(`the nDimension of ${what}`, `negative nDimension ${nDim}`, at);
  const sizes = Array.from(file.readArray('Long', nDim, `the sizes of ${what}`).data);
  const strides = Array.from(file.readArray('Long', nDim, `the strides of ${what}`).data);
  const offAt = file.position;
  const offset = file.readLong(`the storageOffset of ${what}`) - 1;
  const stAt = file.position;
  const raw = yield OBJECT;
  if (sizes.some((s) => s < 0)) file.fail(`the sizes of ${what}`, 'a negative size', at);
  if (strides.some((s) => s < 0)) file.fail(`the strides of ${what}`, 'a negative stride', at);
  if (offset < 0) file.fail(`the storageOffset of ${what}`, `storageOffset ${offset + 1} < 1`, offAt);
  const t = new CudaTensor();
  if (raw !== undefined) {
    const st = raw instanceof RawTorch && raw.done ? raw.payload[0] : undefined;
    if (!(st instanceof CudaStorage)) {
      const got = raw instanceof RawTorch ? raw.className : raw instanceof RawTable ? 'a table' : typeof raw;
      file.fail(`the storage of ${what} (torch.CudaStorage)`, `got ${got}`, stAt);
    }
    const n = nDim === 0 ? 0 : sizes.reduce((a, b) => a * b, 1);
    let last = offset;
    for (let d = 0; d < nDim; d++) last += (sizes[d] - 1) * strides[d];
    if (n > 0 && !(last < st.size())) file.fail(`${what} inside its storage`, `element ${last + 1} of a storage of ${st.size()}`, at);
    t._storage = st;
  }
  t.offset = offset;
  t._size = sizes;
  t._stride = strides;
  return [t];
}

registerClass('torch.CudaStorage', undefined, {
  readPayload: (file, v, name) => (active() ? readStorage(file) : cpuStorage.readPayload!(file, v, name)),
  create: (raw) => (active() ? raw.payload[0] as object : cpuStorage.create!(raw)),
  writePayload(file: PayloadSink, s: CudaStorage) {
    if (!(s instanceof CudaStorage)) return cpuStorage.writePayload!(file, s);
    file.writeLong(s.size());
    file.writeArray('Float', s.read());
  },
});

registerClass('torch.CudaTensor', undefined, {
  readPayload: (file, v, name) => (active() ? readTensor(file) : cpuTensor.readPayload!(file, v, name)),
  create: (raw) => (active() ? raw.payload[0] as object : cpuTensor.create!(raw)),
});
