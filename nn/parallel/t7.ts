/**
 * How DataParallelTable and nn.GPU are saved and loaded, in cunn's / nn's layouts:
 * - DataParallelTable (version 3): `gpuAssignments`, then the fields table without the per-device
 *   buffers (`inputGpu` ... written as empty tables, `flattenedParams` keeping replica 1's pair).
 *   Reading honours `DataParallelTable.deserializeNGPUs` and fails when the file needs more devices
 *   than exist, with cunn's messages. Replicas are rebuilt on first use.
 * - nn.GPU: the header `{_type, device}` then the fields (lib/File/builtins.ts reads and writes it);
 *   here the class is attached so the loaded object is an nn.GPU.
 */
import { TorchError } from '../../lib/errors.js';
import { fieldsTable, fillFields } from '../../lib/File/fields.js';
import type { LuaTable } from '../../lib/File/lua.js';
import { OBJECT, registerClass, type PayloadGen, type PayloadSink, type PayloadSource } from '../../lib/File/registry.js';
import { deviceKindFor } from './devices.js';

/** The Torch-only per-device fields: written as empty tables, dropped when read. */
const PER_DEVICE = ['inputGpu', 'outputGpu', 'gradInputGpu', 'gradOutputGpu'];

type Dpt = {
  gpuAssignments: number[]; flattenedParams?: unknown[]; typeStr?: string; _type?: string; modules?: { _type?: string }[];
  syncParameters(): void; isSetUp?: boolean;
} & Record<string, unknown>;

/** The device assignment a loaded table gets (cunn's `__read`). */
function loadedAssignments(dpt: Dpt, saved: number[], forced: number | undefined): number[] {
  const type = dpt.typeStr ?? dpt.modules?.[0]?._type ?? dpt._type ?? 'torch.FloatTensor';
  const count = deviceKindFor(type).deviceCount();
  let gpus = saved;
  if (forced) {
    gpus = Array.from({ length: forced }, (_, i) => i + 1);
    if (forced > count) throw new TorchError(`Deserialization requested on too many GPUs: ${forced} vs ${count} available`);
  }
  const n = Math.max(...gpus);
  if (n > count) {
    throw new TorchError(`Model was serialized on ${n} nGPUs, but you are running on ${count} please set ` +
      'DataParallelTable.deserializeNGPUs to ignore serialized tower-GPU assignments');
  }
  return gpus;
}

/** Registers the .t7 layouts of DataParallelTable and nn.GPU for these classes. */
export function registerParallelT7(DataParallelTable: Function & { deserializeNGPUs?: number }, GPU: Function): void {
  registerClass('nn.DataParallelTable', DataParallelTable, {
    version: 3,
    *readPayload(_file: PayloadSource, version: number): PayloadGen {
      return version < 2 ? [yield OBJECT] : [yield OBJECT, yield OBJECT];
    },
    fill(obj, payload, convert, raw) {
      fillFields(obj, payload[payload.length - 1], convert, raw);
      if (payload.length > 1) (obj as Dpt).gpuAssignments = convert(payload[0]) as number[];
    },
    afterRead(obj: Dpt) {
      const saved = Array.isArray(obj.gpuAssignments) ? obj.gpuAssignments.filter((g) => typeof g === 'number') : [1];
      obj.gpuAssignments = loadedAssignments(obj, saved.length ? saved : [1], DataParallelTable.deserializeNGPUs);
      for (const f of [...PER_DEVICE, 'impl', 'buffer']) delete obj[f];
      obj.usenccl = false;
      obj.needsSync ??= false;
      obj.flattenParams ??= false;
    },
    *writePayload(_file: PayloadSink, dpt: Dpt) {
      yield [[...dpt.gpuAssignments], 'gpuAssignments'];
      const t = fieldsTable(dpt) as LuaTable;
      for (const f of PER_DEVICE) t.set(f, []);
      if (dpt.flattenedParams) t.set('flattenedParams', [dpt.flattenedParams[0]]);
      yield [t];
      if (dpt.isSetUp) dpt.syncParameters(); // cunn forces a sync after writing
    },
  });
  registerClass('nn.GPU', GPU, {
    afterRead(obj: Record<string, unknown>) { delete obj.__header; }, // the header is rewritten from _type and device
  });
}
