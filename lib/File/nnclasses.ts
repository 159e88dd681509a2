/**
 * How nn objects load: every class of the `nn` namespace is known by `nn.<Name>`; an instance is
 * `Object.create(Cls.prototype)` with the file's fields assigned (Module:read), then the legacy
 * fix-ups of torch/nn's `read` methods and `backCompatibility` helpers:
 *
 * - every Module: a missing `output`/`gradInput` becomes an empty tensor of the module's type (old
 *   View/Reshape files had none); a `_type` naming a type that loaded as another (Cuda*, Half) names
 *   the loaded type. A missing `_type` stays missing (pre-2015 files), as in Torch. A missing `train` stays
 *   undefined, as Lua's nil (Dropout then behaves as in evaluation, like Torch).
 * - BatchNormalization family, version < 2: `running_var = running_std^-2 - eps`, `running_std` removed.
 * - SpatialConvolution(MM) / SpatialFullConvolution: `padding` → `padW`/`padH`, missing pads 0, 2-D
 *   weights viewed as 4-D (SpatialConvolution), missing `adjW`/`adjH` 0.
 * - SpatialMaxPooling: missing `ceil_mode` false, pads 0. VolumetricMaxPooling version < 2: `ceil_mode` false.
 * - GradientReversal version < 2: `lambda = 1`. LookupTable: `_count`, `_input`, `shouldScaleGradByFreq`, `paddingValue`.
 * - View: missing `numElements` recomputed. Reshape: missing `nelement` / `batchsize` recomputed.
 * - Dropout: a missing `v2` stays undefined (the v1 behaviour of old files), as in Lua.
 * Versions written: BatchNormalization family 2, GradientReversal 2, VolumetricMaxPooling 2, LookupTable 4, others 1.
 */
import { Storage, LongStorage } from '../Storage.js';
import { Tensor, TENSORS, TYPE_CONVERTERS, IntTensor, LongTensor } from '../Tensor.js';
import { getdefaulttensortype } from '../defaults.js';
import { typeInfoOf } from '../types.js';
import { tensorTypeName } from './builtins.js';
import { registerClass, registerNamespace } from './registry.js';

type Any = Record<string, any>;

function tensorKeyOf(m: Any): string | undefined {
  for (const f of ['weight', 'output', 'bias', 'gradInput']) if (m[f] instanceof Tensor) return (m[f] as Tensor).type();
  return undefined;
}

function moduleFixups(m: Any): void {
  const t = typeof m._type === 'string' ? tensorTypeName(m._type) : undefined;
  // a registered converter (the cuda package's torch.CudaTensor) keeps the type the file names
  const conv = typeof m._type === 'string' ? TYPE_CONVERTERS.get(m._type) : undefined;
  if (t && !typeInfoOf(m._type) && !conv) m._type = `torch.${t.key}Tensor`;
  const T = TENSORS[typeInfoOf(typeof m._type === 'string' ? m._type : tensorKeyOf(m) ?? getdefaulttensortype())?.key ?? 'Double'];
  if (m.output === undefined) m.output = conv ? conv(new T()) : new T();
  if (m.gradInput === undefined) m.gradInput = conv ? conv(new T()) : new T();
}

function convFixups(m: Any): void {
  if (m.padding !== undefined) { m.padW = m.padding; m.padH = m.padding; delete m.padding; }
  m.padW ??= 0;
  m.padH ??= 0;
}

function view4d(m: Any, f: string): void {
  const w = m[f];
  if (w instanceof Tensor && w.dim() === 2) m[f] = w.view(m.nOutputPlane, m.nInputPlane, m.kH, m.kW);
}

/** nn classes whose JS port keeps as a number[] a field Torch keeps as a LongStorage / Tensor: [field, Torch type]. */
const ARRAY_FIELDS: Record<string, [string, 'LongStorage' | 'Tensor'][]> = {
  JoinTable: [['size', 'LongStorage']],
  Concat: [['outputSize', 'LongStorage']],
  DepthConcat: [['outputSize', 'LongStorage']],
  Parallel: [['totalOutputSize', 'LongStorage']],
  Bottle: [['inShape', 'Tensor'], ['outShape', 'Tensor']],
};
const probed = new Map<Function, Record<string, unknown>>();

/** True when a fresh instance of the JS class holds `field` as an array (probed once; these constructors draw no random numbers). */
function wantsArray(ctor: Function, field: string): boolean {
  if (!probed.has(ctor)) {
    let inst: Record<string, unknown> = {};
    try { inst = new (ctor as new () => Record<string, unknown>)(); } catch { /* assume the array form */ }
    probed.set(ctor, inst);
  }
  const v = probed.get(ctor)![field];
  return v === undefined || Array.isArray(v);
}

/** Registers the nn namespace and its legacy fix-ups (call once with the `nn` object). */
export function registerNN(nn: Record<string, unknown>): void {
  registerNamespace('nn', nn);
  const reg = (name: string, hooks: Parameters<typeof registerClass>[2]) => {
    const ctor = nn[name];
    if (typeof ctor === 'function') registerClass(`nn.${name}`, ctor, hooks);
  };
  reg('Module', { afterRead: moduleFixups });
  for (const [name, fields] of Object.entries(ARRAY_FIELDS)) {
    const ctor = nn[name];
    if (typeof ctor !== 'function') continue;
    const writeFields: Record<string, (v: unknown, m: Any) => unknown> = {};
    for (const [f, kind] of fields) {
      writeFields[f] = (v, m) => {
        if (!Array.isArray(v)) return v;
        if (kind === 'LongStorage') return new LongStorage(v as number[]);
        const t = new TENSORS[typeInfoOf(m._type)?.key ?? 'Double'](v.length);
        t.storage().data.set(v as number[]);
        return t;
      };
    }
    reg(name, {
      writeFields,
      afterRead(m: Any) {
        for (const [f] of fields) {
          if (!wantsArray(ctor, f)) continue;
          const v = m[f];
          if (v instanceof Storage) m[f] = Array.from(v.data as ArrayLike<number>);
          else if (v instanceof Tensor) m[f] = v.nElement() === 0 ? [] : (v.contiguous().view(v.nElement()).totable() as number[]);
        }
      },
    });
  }
  reg('Criterion', {
    afterRead(c: Any) { if (c.gradInput === undefined) c.gradInput = new (TENSORS[typeInfoOf(getdefaulttensortype())!.key])(); },
  });
  reg('BatchNormalization', {
    version: 2,
    afterRead(m: Any, version: number) {
      if (version < 2 && m.running_std instanceof Tensor) {
        m.running_var = m.running_std.pow(-2).add(-m.eps);
        delete m.running_std;
      }
    },
  });
  for (const name of ['SpatialBatchNormalization', 'VolumetricBatchNormalization']) reg(name, { version: 2 });
  reg('SpatialConvolution', {
    afterRead(m: Any) { convFixups(m); view4d(m, 'weight'); view4d(m, 'gradWeight'); },
  });
  reg('SpatialConvolutionMM', { afterRead: convFixups });
  reg('SpatialFullConvolution', { afterRead(m: Any) { m.adjW ??= 0; m.adjH ??= 0; } });
  reg('SpatialMaxPooling', { afterRead(m: Any) { m.ceil_mode ??= false; m.padW ??= 0; m.padH ??= 0; } });
  reg('VolumetricMaxPooling', { version: 2, afterRead(m: Any, v: number) { if (v < 2) m.ceil_mode = false; } });
  reg('GradientReversal', { version: 2, afterRead(m: Any, v: number) { if (v < 2) m.lambda = 1; } });
  reg('LookupTable', {
    version: 4,
    afterRead(m: Any) {
      m._count ??= new IntTensor();
      m._input ??= new LongTensor();
      m.shouldScaleGradByFreq ??= false;
      m.paddingValue ??= 0;
    },
  });
  reg('View', {
    afterRead(m: Any) {
      if (m.numElements === undefined && m.size instanceof Storage) {
        m.numElements = Array.from(m.size.data as ArrayLike<number>).filter((s) => s >= 0).reduce((a, b) => a * b, 1);
      }
    },
  });
  reg('Reshape', {
    afterRead(m: Any) {
      if (!(m.size instanceof LongStorage)) return;
      const sizes = Array.from(m.size.data as ArrayLike<number>);
      m.nelement ??= sizes.reduce((a, b) => a * b, 1);
      if (!(m.batchsize instanceof LongStorage) || m.batchsize.size() !== sizes.length + 1) m.batchsize = new LongStorage([1, ...sizes]);
    },
  });
}
