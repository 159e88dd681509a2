/**
 * The public tier of TensorMath: typed-function tables that resolve Torch's calling conventions
 * (optional result first, method forms, scalar/tensor overloads) and call kernels with resolved
 * arguments. Kernels never dispatch. This is the role TensorMath.lua's `wrap()` plays in Torch.
 */
import typedFunction from 'typed-function';
import { TorchError } from './errors.js';
import { Storage, LongStorage } from './Storage.js';
import { ByteTensor, LongTensor, Tensor } from './Tensor.js';

/** Our typed-function universe, with Torch's types. */
export const typed = typedFunction.create();
typed.addTypes([
  { name: 'ByteTensor', test: (x) => x instanceof ByteTensor },
  { name: 'LongTensor', test: (x) => x instanceof LongTensor },
  { name: 'Tensor', test: (x) => x instanceof Tensor },
  { name: 'LongStorage', test: (x) => x instanceof LongStorage },
  { name: 'Storage', test: (x) => x instanceof Storage },
]);

/** Torch's name for the type of a Lua value, as its "invalid arguments" message prints it. */
export function torchTypeName(x: unknown): string {
  if (x instanceof Tensor) return x.kind.tensorName.slice(6);
  if (x instanceof Storage) return x.kind.storageName.slice(6);
  if (x === undefined) return 'nil';
  if (typeof x === 'number') return 'number';
  if (typeof x === 'object' && x !== null) return (x.constructor?.name ?? 'table');
  return typeof x;
}

typed.onMismatch = (name, args, signatures) => {
  const got = Array.from(args, torchTypeName).join(' ') || 'no arguments';
  const expected = signatures.map((s) => s.params.map((p) => p.types.map((t) => t.name).join('|')).join(' ')).join(' | ');
  throw new TorchError(`invalid arguments to '${name}': ${got}\nexpected arguments: ${expected}`);
};

/** Throws Torch's "invalid arguments" error unless every tensor has the type of the first. */
export function checkSameType(fn: string, ...ts: Tensor[]): void {
  const k = ts[0].kind;
  for (const t of ts) {
    if (t.kind !== k) {
      throw new TorchError(`invalid arguments to '${fn}': ${ts.map(torchTypeName).join(' ')}\nexpected arguments: tensors of one type (${k.tensorName})`);
    }
  }
}

/** A TensorMath function as the `torch` namespace exposes it. */
export type TorchFunction = (...args: any[]) => any;

/** Every TensorMath function, by name: the `torch` namespace spreads this in. */
export const OPS: Record<string, TorchFunction> = {};

type Sigs = Record<string, (...args: any[]) => any>;

/** What a device op returns to decline a call: the CPU kernel then runs on the host copy. */
export const DECLINE: unique symbol = Symbol('decline');
/** A device implementation of an op: gets the signature and the resolved arguments (result first for result ops). */
export type DeviceOp = (sig: string, args: unknown[]) => unknown;
/** Device implementations by op name (cuda/ops registers them), and the hook that logs CPU fallbacks. */
export const DEVICE = {
  ops: new Map<string, DeviceOp>(),
  /** Whether a value is a device tensor; set by the device package. */
  isDevice: (_x: unknown): boolean => false,
  /** Checks the arguments of an op with device operands (e.g. all on one device); throws Torch's error. */
  check: (_name: string, _args: unknown[]): void => {},
  /** Called when an op with device operands runs its CPU kernel. */
  onFallback: (_name: string, _sig: string): void => {},
  active: false,
};

/** Wraps a kernel so that calls with device tensors go to the device op, or fall back (logged). */
export function deviceAware(name: string, sig: string, f: (...args: any[]) => any): (...args: any[]) => any {
  return (...args: unknown[]) => {
    if (DEVICE.active) {
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (DEVICE.isDevice(a) || (Array.isArray(a) && a.length > 0 && DEVICE.isDevice(a[0]))) {
          DEVICE.check(name, args);
          const op = DEVICE.ops.get(name);
          if (op) { const r = op(sig, args); if (r !== DECLINE) return r; }
          DEVICE.onFallback(name, sig);
          break;
        }
      }
    }
    return f(...args);
  };
}

function wrapSigs(name: string, sigs: Sigs): Sigs {
  const out: Sigs = {};
  for (const [sig, f] of Object.entries(sigs)) out[sig] = deviceAware(name, sig, f);
  return out;
}

/** How a method form treats `self`. */
export type MethodMode =
  /** `x.f(...)` = `torch.f(x, ...)`: self is the first operand (or result, when the arity says so). */
  | 'input'
  /** cwrap's `method={default='nil'}`: self is always the result, and the first operand defaults to self. */
  | 'result'
  /** No method form. */
  | 'none';

function installMethod(name: string, fn: TorchFunction): void {
  Object.defineProperty(Tensor.prototype, name, {
    value: fn, writable: true, configurable: true, enumerable: false,
  });
}

/**
 * Defines `torch[name]` from raw signatures (typed-function syntax, e.g. `'Tensor, number'`), and the
 * method `x[name]` as `mode` says.
 */
export function defineOp(name: string, sigs: Sigs, mode: MethodMode = 'input'): TorchFunction {
  const fn = typed(name, wrapSigs(name, sigs));
  OPS[name] = fn;
  if (mode === 'input') installMethod(name, function (this: Tensor, ...args: unknown[]) { return fn(this, ...args); });
  return fn;
}

/**
 * Defines an op with an optional result tensor first, as most of TensorMath is:
 * `kernels` are keyed by the operand signature and take `(res, ...operands)`; each gets the forms
 * `torch.f(...operands)` (a new result from `alloc`), `torch.f(res, ...operands)`, and the method
 * forms `mode` asks for. `alloc` defaults to a new empty tensor of the first tensor operand's type.
 * `hooked`: the kernels already route device tensors themselves (see `deviceAware`).
 */
export function defineResultOp(name: string, kernels: Sigs, mode: MethodMode = 'result',
  alloc: (...operands: any[]) => Tensor = defaultAlloc, hooked = false): TorchFunction {
  if (!hooked) kernels = wrapSigs(name, kernels);
  const sigs: Sigs = {};
  for (const [sig, k] of Object.entries(kernels)) {
    sigs[sig] = (...ops: unknown[]) => k(alloc(...ops), ...ops);
    sigs[sig ? `Tensor, ${sig}` : 'Tensor'] = k;
  }
  const fn = typed(name, sigs);
  OPS[name] = fn;
  if (mode === 'input') installMethod(name, function (this: Tensor, ...args: unknown[]) { return fn(this, ...args); });
  if (mode === 'result') {
    const m: Sigs = {};
    for (const [sig, k] of Object.entries(kernels)) {
      const params = sig ? sig.split(',').map((s) => s.trim()) : [];
      m[['Tensor', ...params].join(', ')] = k;
      if (params[0] === 'Tensor' || params[0] === 'ByteTensor' || params[0] === 'LongTensor') {
        const rest = params.slice(1);
        const key = ['Tensor', ...rest].join(', ');
        if (!(key in m)) m[key] = (self: Tensor, ...r: unknown[]) => k(self, self, ...r);
      }
    }
    const method = typed(name, m);
    installMethod(name, function (this: Tensor, ...args: unknown[]) { return method(this, ...args); });
  }
  return fn;
}

function defaultAlloc(...ops: unknown[]): Tensor {
  const t = ops.find((o) => o instanceof Tensor) as Tensor | undefined;
  if (!t) throw new TorchError('internal: no tensor operand to allocate a result from');
  return t.new();
}

/**
 * The TensorMath functions of the `torch` namespace. Each family file declares its names here
 * (`declare module '../dispatch.js' { interface TorchOps { add: TorchFunction } }`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface TorchOps {}
