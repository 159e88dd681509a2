/**
 * The classes with their own binary layout: tensors and storages (generic/Tensor.c, Storage.c),
 * torch.Generator (Generator.c), tds.Vec / tds.Hash and nn.GPU.
 *
 * Half and Cuda tensors/storages load as Float (Cuda byte/char/... as the CPU type of the same
 * elements): `originalTypename(x)` tells what the file said. A `torch.CudaTensor` goes through the
 * converter in `TYPE_CONVERTERS` when a GPU package registered one (each tensor then gets its own
 * device copy), unless that package registered the class itself with `registerClass`.
 */
import { Storage, STORAGES } from '../Storage.js';
import { Tensor, TENSORS, TYPE_CONVERTERS } from '../Tensor.js';
import type { TypeKey } from '../types.js';
import { Generator as TorchGenerator } from '../random/Generator.js';
import { generatorFromBytes, generatorToBytes, RNG_STATE_SIZE } from '../random/state.js';
import type { ElemType } from './formats.js';
import { hide, LuaTable, TdsHash, TdsVec, TorchObject } from './lua.js';
import { RawTable, RawTorch } from './raw.js';
import { fieldsTable, fillFields } from './fields.js';
import { OBJECT, registerClass, type PayloadGen, type PayloadSink, type PayloadSource, type WriteItem } from './registry.js';

/** Class names read as another type: object → the name in the file. */
const ORIGINAL = new WeakMap<object, string>();

/** The class name a tensor or storage had in the file when it was loaded as another type (e.g. `torch.HalfTensor`, `torch.CudaTensor`). */
export function originalTypename(x: object): string | undefined {
  return ORIGINAL.get(x);
}

/** The element layout and JS type of each tensor/storage class name. */
interface TypeName { elem: ElemType; key: TypeKey; tensor: string; storage: string }
const TYPE_NAMES = new Map<string, TypeName>();
for (const cuda of ['', 'Cuda']) {
  for (const e of ['Byte', 'Char', 'Short', 'Int', 'Long', 'Float', 'Double', 'Half'] as ElemType[]) {
    const tn = cuda && e === 'Float' ? '' : e;
    const info: TypeName = {
      elem: e, key: e === 'Half' ? 'Float' : e as TypeKey,
      tensor: `torch.${cuda}${tn}Tensor`, storage: `torch.${cuda}${tn}Storage`,
    };
    TYPE_NAMES.set(info.tensor, info);
    TYPE_NAMES.set(info.storage, info);
  }
}

/** The layout of a tensor or storage class name, if it is one. */
export function tensorTypeName(name: string): TypeName | undefined { return TYPE_NAMES.get(name); }

/** The class name to write a tensor or storage under (its original Half/Cuda name when `keepOriginal`). */
export function writtenTypename(x: Tensor | Storage, keepOriginal: boolean): string {
  const own = x instanceof Tensor ? x.kind.tensorName : x.kind.storageName;
  if (!keepOriginal) return own;
  if (x instanceof Tensor) {
    const orig = ORIGINAL.get(x);
    if (!orig) return own;
    const storageName = x._storage.size() === 0 && x._size.length === 0 ? undefined : writtenTypename(x._storage, true);
    return storageName === undefined || storageName === TYPE_NAMES.get(orig)?.storage ? orig : own;
  }
  return ORIGINAL.get(x) ?? own;
}

function* readStorage(file: PayloadSource, t: TypeName, className: string): PayloadGen {
  const at = file.position;
  const n = file.readLong(`the size of a ${className}`);
  if (n < 0) file.fail(`the size of a ${className}`, `negative size ${n}`, at);
  const { data, exact } = file.readArray(t.elem, n, `${n} elements of a ${className}`);
  const s = new STORAGES[t.key](data as any);
  if (exact && exact.size) (s as Storage & { exact?: Map<number, bigint> }).exact = exact;
  if (className !== s.kind.storageName) ORIGINAL.set(s, className);
  return [s];
}

function* readTensor(file: PayloadSource, t: TypeName, className: string): PayloadGen {
  const at = file.position;
  const what = `a ${className}`;
  const nDim = file.readInt(`the nDimension of ${what}`);
  if (nDim < 0) file.fail(`the nDimension of ${what}`, `negative nDimension ${nDim}`, at);
  const sizes = Array.from(file.readArray('Long', nDim, `the sizes of ${what}`).data);
  const strides = Array.from(file.readArray('Long', nDim, `the strides of ${what}`).data);
  const offAt = file.position;
  const offset = file.readLong(`the storageOffset of ${what}`) - 1;
  const stAt = file.position;
  const raw = yield OBJECT;
  for (const s of sizes) if (s < 0) file.fail(`the sizes of ${what}`, `negative size ${s}`, at);
  for (const s of strides) if (s < 0) file.fail(`the strides of ${what}`, `negative stride ${s}`, at);
  if (offset < 0) file.fail(`the storageOffset of ${what}`, `storageOffset ${offset + 1} < 1`, offAt);
  let storage: Storage | undefined;
  if (raw !== undefined) {
    const st = raw instanceof RawTorch && raw.done ? raw.payload[0] : undefined;
    if (!(st instanceof Storage) || st.kind.key !== t.key) {
      const got = raw instanceof RawTorch ? raw.className : raw instanceof RawTable ? 'a table' : typeof raw;
      file.fail(`the storage of ${what} (${t.storage})`, `got ${got}`, stAt);
    }
    storage = st;
  }
  const tensor = new TENSORS[t.key]();
  const n = nDim === 0 ? 0 : sizes.reduce((a, b) => a * b, 1);
  if (n > 0) {
    let last = offset;
    for (let d = 0; d < nDim; d++) last += (sizes[d] - 1) * strides[d];
    const have = storage?.size() ?? 0;
    if (!(last < have)) file.fail(`${what} inside its storage`, `element ${last + 1} of a storage of ${have}`, at);
  }
  if (storage) tensor._storage = storage;
  tensor.offset = offset;
  tensor._size = sizes;
  tensor._stride = strides;
  if (className !== tensor.kind.tensorName) ORIGINAL.set(tensor, className);
  return [tensor];
}

function writeTensor(file: PayloadSink, x: Tensor): Generator<WriteItem, void, void> {
  return (function* () {
    file.writeInt(x._size.length);
    file.writeArray('Long', Float64Array.from(x._size));
    file.writeArray('Long', Float64Array.from(x._stride));
    file.writeLong(x.offset + 1);
    yield [x._size.length === 0 && x._storage.size() === 0 ? undefined : x._storage, 'storage'];
  })();
}

for (const [name, t] of TYPE_NAMES) {
  if (name === t.storage) {
    registerClass(name, undefined, {
      readPayload: (file, _v, className) => readStorage(file, t, className),
      create: (raw) => raw.payload[0] as object,
      fill: () => {},
      writePayload(file: PayloadSink, s: Storage) {
        const elem = ORIGINAL.get(s) === name ? t.elem : s.kind.key;
        file.writeLong(s.size());
        file.writeArray(elem, s.data, (s as Storage & { exact?: Map<number, bigint> }).exact);
      },
    });
  } else {
    registerClass(name, undefined, {
      readPayload: (file, _v, className) => readTensor(file, t, className),
      create: (raw) => {
        const x = raw.payload[0] as Tensor;
        const conv = name !== x.kind.tensorName ? TYPE_CONVERTERS.get(name) : undefined;
        return conv ? conv(x) : x;
      },
      fill: () => {},
      writePayload: writeTensor,
    });
  }
}

registerClass('torch.Generator', TorchGenerator, {
  readPayload(file) {
    if (file.encoding.longSize !== 8 || (file.encoding.mode === 'binary' && file.encoding.bigEndian)) {
      file.fail('a torch.Generator', 'only the little-endian 8-byte-long layout (x86-64) is supported');
    }
    return [file.readChars(RNG_STATE_SIZE, `the ${RNG_STATE_SIZE} bytes of a torch.Generator`)];
  },
  create: () => new TorchGenerator(),
  fill: (g, payload) => { generatorFromBytes(g as TorchGenerator, payload[0] as Uint8Array, null); },
  writePayload(file: PayloadSink, g: TorchGenerator) { file.writeChars(generatorToBytes(g)); },
});

function* readCounted(file: PayloadSource, pairs: boolean, what: string): PayloadGen {
  const at = file.position;
  const n = file.readLong(`the element count of a ${what}`);
  const per = (pairs ? 2 : 1) * (file.encoding.mode === 'binary' ? 4 : 2);
  if (n < 0 || n * per > file.remaining) file.fail(`the element count of a ${what}`, `${n} elements cannot fit in ${file.remaining} bytes`, at);
  const items: unknown[] = [];
  for (let i = 0; i < n * (pairs ? 2 : 1); i++) items.push(yield OBJECT);
  return items;
}

registerClass('tds.Vec', TdsVec, {
  version: 0,
  readPayload: (file) => readCounted(file, false, 'tds.Vec'),
  create: () => new TdsVec(),
  fill: (v, payload, convert) => { for (const x of payload) (v as TdsVec).push(convert(x)); },
  *writePayload(file: PayloadSink, v: TdsVec) {
    file.writeLong(v.length);
    for (let i = 0; i < v.length; i++) yield [v[i], String(i + 1)];
  },
});

registerClass('tds.Hash', TdsHash, {
  version: 0,
  readPayload: (file) => readCounted(file, true, 'tds.Hash'),
  create: () => new TdsHash(),
  fill: (h, payload, convert) => {
    for (let i = 0; i + 1 < payload.length; i += 2) {
      if (payload[i + 1] !== undefined) (h as TdsHash).set(convert(payload[i]), convert(payload[i + 1]));
    }
  },
  *writePayload(file: PayloadSink, h: LuaTable) {
    const entries = [...h].filter(([, v]) => v !== undefined && v !== null);
    file.writeLong(entries.length);
    for (const [k, v] of entries) { yield [k]; yield [v, String(k)]; }
  },
});

/** nn.GPU writes a header `{_type, device}` before its fields (nn/GPU.lua). */
registerClass('nn.GPU', undefined, {
  *readPayload(): PayloadGen { return [yield OBJECT, yield OBJECT]; },
  fill: (obj, payload, convert, raw) => {
    hide(obj, '__header', convert(payload[0]));
    fillFields(obj, payload[1], convert, raw);
  },
  *writePayload(file: PayloadSink, obj: any) {
    yield [obj.__header ?? [obj._type, obj.device], 'header'];
    yield [fieldsTable(obj)];
  },
});

export { TorchObject };
