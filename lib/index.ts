/** The `torch` namespace: tensors, storages, TensorMath, random numbers, files. */
import './math/index.js';
import { OPS, type TorchOps } from './dispatch.js';
import { defaultStorageClass, defaultTensorClass, getdefaulttensortype, setdefaulttensortype } from './defaults.js';
import { ByteStorage, CharStorage, DoubleStorage, FloatStorage, IntStorage, LongStorage, ShortStorage, Storage } from './Storage.js';
import { ByteTensor, CharTensor, DoubleTensor, FloatTensor, fromNdarray, IntTensor, LongTensor, ShortTensor, Tensor, type TensorClass } from './Tensor.js';
import { TorchError } from './errors.js';
import {
  _gen, bernoulli, cauchy, exponential, Generator, geometric, getRNGState, initialSeed, logNormal, manualSeed, normal,
  rand, randn, random, randperm, seed, setRNGState, uniform,
} from './random/index.js';
import { getNumThreads, setNumThreads } from './blas/index.js';
import { deserialize, load, save, serialize } from './File/index.js';

/** `torch.typename(x)`: the Torch class name of a tensor or storage (`'torch.DoubleTensor'`), else undefined. */
export function typename(x: unknown): string | undefined {
  if (x instanceof Tensor) return x.kind.tensorName;
  if (x instanceof Storage) return x.kind.storageName;
  const t = (x as { __typename?: string } | null)?.__typename;
  return typeof t === 'string' ? t : undefined;
}

const base = {
  ByteTensor, CharTensor, ShortTensor, IntTensor, LongTensor, FloatTensor, DoubleTensor,
  ByteStorage, CharStorage, ShortStorage, IntStorage, LongStorage, FloatStorage, DoubleStorage,
  /** The default tensor class (DoubleTensor unless `setdefaulttensortype` changed it). */
  get Tensor(): TensorClass { return defaultTensorClass(); },
  /** The default storage class. */
  get Storage(): new (...a: any[]) => Storage { return defaultStorageClass(); },
  setdefaulttensortype, getdefaulttensortype, typename,
  /** `torch.type(x)`: typename for torch objects, else JS's typeof. */
  type: (x: unknown): string => typename(x) ?? typeof x,
  /** True for any tensor. */
  isTensor: (x: unknown): x is Tensor => x instanceof Tensor,
  /** True for any storage. */
  isStorage: (x: unknown): x is Storage => x instanceof Storage,
  fromNdarray,
  TorchError,
  // random numbers (Torch7's MT19937 streams)
  Generator, _gen, manualSeed, seed, initialSeed, random, uniform, normal, cauchy, logNormal, exponential,
  geometric, bernoulli, rand, randn, randperm, getRNGState, setRNGState,
  /** `torch.setnumthreads(n)`: threads for BLAS and the parallel kernels. */
  setnumthreads: setNumThreads,
  /** `torch.getnumthreads()`. */
  getnumthreads: getNumThreads,
  // Torch7 files (.t7)
  load, save, serialize, deserialize,
};

/** The `torch` package, as `require 'torch'` gives it in Lua. */
export const torch = base as typeof base & TorchOps;
for (const [name, fn] of Object.entries(OPS)) {
  if (!(name in base)) Object.defineProperty(torch, name, { value: fn, enumerable: true, writable: true, configurable: true });
}

export { Tensor, Storage, TorchError };
export type { TensorClass };
export {
  registerClass, registerAlias, LuaTable, LuaFunction, TorchObject, t7info, t7convert,
} from './File/index.js';
