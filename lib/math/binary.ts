/**
 * Pointwise arithmetic with a scalar or a second tensor: add csub mul div fmod (mod) remainder cmul
 * cdiv cpow cfmod (cmod) cremainder cmax cmin, and the bit operations lshift rshift bitand bitor
 * bitxor and their c-versions (THTensorMath.c). Integer tensors follow C: `/` truncates, `%` keeps
 * the dividend's sign; `remainder` takes the divisor's sign. Scalars are cast to the element type first.
 */
import { axpy } from '../blas/index.js';
import { type TorchFunction } from '../dispatch.js';
import { TorchError } from '../errors.js';
import type { Tensor } from '../Tensor.js';
import { byType, castScalar, checkNoZero, CPOW, definePointwise, Pointwise, prepare, type ExprSpec } from './kernels.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.add([res,] t, value)` = t + value; `torch.add([res,] t1, [value,] t2)` = t1 + value * t2. @example torch.add(a, 2, b) */
    add: TorchFunction;
    /** `torch.csub([res,] t, value)` = t - value; `torch.csub([res,] t1, [value,] t2)` = t1 - value * t2. */
    csub: TorchFunction;
    /** `torch.mul([res,] t, value)`: t * value. */
    mul: TorchFunction;
    /** `torch.div([res,] t, value)`: t / value (truncating on integer tensors). */
    div: TorchFunction;
    /** `torch.fmod([res,] t, value)`: C fmod / `%`, the result has the sign of t. */
    fmod: TorchFunction;
    /** Alias of fmod. */
    mod: TorchFunction;
    /** `torch.remainder([res,] t, value)`: t - value * floor(t / value), the sign of value (NaN for value 0 on floats). */
    remainder: TorchFunction;
    /** `torch.cmul([res,] t1, t2)`: element-wise product. @example x.cmul(y) // x = x .* y */
    cmul: TorchFunction;
    /** `torch.cdiv([res,] t1, t2)`: element-wise quotient. */
    cdiv: TorchFunction;
    /** `torch.cpow([res,] t1, t2)`: element-wise t1 ^ t2. */
    cpow: TorchFunction;
    /** `torch.cfmod([res,] t1, t2)`: element-wise fmod. */
    cfmod: TorchFunction;
    /** Alias of cfmod. */
    cmod: TorchFunction;
    /** `torch.cremainder([res,] t1, t2)`: element-wise remainder. */
    cremainder: TorchFunction;
    /** `torch.cmax([res,] t1, t2 | value)`: element-wise maximum. */
    cmax: TorchFunction;
    /** `torch.cmin([res,] t1, t2 | value)`: element-wise minimum. */
    cmin: TorchFunction;
    /** `torch.lshift([res,] t, n)`: t << n (t * 2^n on float tensors). */
    lshift: TorchFunction;
    /** `torch.rshift([res,] t, n)`: t >> n, logical on integer tensors (t / 2^n on float tensors). */
    rshift: TorchFunction;
    /** `torch.bitand([res,] t, value)`: integer tensors only. */
    bitand: TorchFunction;
    /** `torch.bitor([res,] t, value)`: integer tensors only. */
    bitor: TorchFunction;
    /** `torch.bitxor([res,] t, value)`: integer tensors only. */
    bitxor: TorchFunction;
    /** `torch.clshift([res,] t1, t2)`: element-wise lshift. */
    clshift: TorchFunction;
    /** `torch.crshift([res,] t1, t2)`: element-wise rshift. */
    crshift: TorchFunction;
    /** `torch.cbitand([res,] t1, t2)`: integer tensors only. */
    cbitand: TorchFunction;
    /** `torch.cbitor([res,] t1, t2)`: integer tensors only. */
    cbitor: TorchFunction;
    /** `torch.cbitxor([res,] t1, t2)`: integer tensors only. */
    cbitxor: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** In place: `x.add(v)` x += v; `x.add([v,] y)` x += v*y; `x.add(t, v)` x = t + v; `x.add(t, [v,] y)` x = t + v*y. @example x.add(-lr, grad) */
    add(...args: (Tensor | number)[]): this;
    /** In place: `x.csub(v)`, `x.csub([v,] y)`, `x.csub(t, v)`, `x.csub(t, [v,] y)`. */
    csub(...args: (Tensor | number)[]): this;
    /** `x.mul(v)`: x *= v; `x.mul(t, v)`: x = t * v. */
    mul(...args: (Tensor | number)[]): this;
    /** `x.div(v)`: x /= v; `x.div(t, v)`: x = t / v. */
    div(...args: (Tensor | number)[]): this;
    /** `x.fmod(v)` / `x.fmod(t, v)`. */
    fmod(...args: (Tensor | number)[]): this;
    /** Alias of fmod. */
    mod(...args: (Tensor | number)[]): this;
    /** `x.remainder(v)` / `x.remainder(t, v)`. */
    remainder(...args: (Tensor | number)[]): this;
    /** `x.cmul(y)`: x = x .* y; `x.cmul(a, b)`: x = a .* b. */
    cmul(...args: Tensor[]): this;
    /** `x.cdiv(y)` / `x.cdiv(a, b)`. */
    cdiv(...args: Tensor[]): this;
    /** `x.cpow(y)` / `x.cpow(a, b)`. */
    cpow(...args: Tensor[]): this;
    /** `x.cfmod(y)` / `x.cfmod(a, b)`. */
    cfmod(...args: Tensor[]): this;
    /** Alias of cfmod. */
    cmod(...args: Tensor[]): this;
    /** `x.cremainder(y)` / `x.cremainder(a, b)`. */
    cremainder(...args: Tensor[]): this;
    /** `x.cmax(y | v)`: in place; `x.cmax(a, b | v)`: x = max(a, b). */
    cmax(...args: (Tensor | number)[]): this;
    /** `x.cmin(y | v)`: in place; `x.cmin(a, b | v)`: x = min(a, b). */
    cmin(...args: (Tensor | number)[]): this;
    /** `x.lshift(n)` / `x.lshift(t, n)`. */
    lshift(...args: (Tensor | number)[]): this;
    /** `x.rshift(n)` / `x.rshift(t, n)`. */
    rshift(...args: (Tensor | number)[]): this;
    /** `x.bitand(v)` / `x.bitand(t, v)`. */
    bitand(...args: (Tensor | number)[]): this;
    /** `x.bitor(v)` / `x.bitor(t, v)`. */
    bitor(...args: (Tensor | number)[]): this;
    /** `x.bitxor(v)` / `x.bitxor(t, v)`. */
    bitxor(...args: (Tensor | number)[]): this;
    /** `x.clshift(y)` / `x.clshift(a, b)`. */
    clshift(...args: Tensor[]): this;
    /** `x.crshift(y)` / `x.crshift(a, b)`. */
    crshift(...args: Tensor[]): this;
    /** `x.cbitand(y)` / `x.cbitand(a, b)`. */
    cbitand(...args: Tensor[]): this;
    /** `x.cbitor(y)` / `x.cbitor(a, b)`. */
    cbitor(...args: Tensor[]): this;
    /** `x.cbitxor(y)` / `x.cbitxor(a, b)`. */
    cbitxor(...args: Tensor[]): this;
  }
}

const pw = (name: string, arity: 1 | 2, spec: ExprSpec) => new Pointwise(name, arity, byType(spec));

interface Opts {
  /** Integer tensors: a zero divisor is an error. */
  readonly zero?: boolean;
  /** Integer tensors only, with this message otherwise. */
  readonly intOnly?: string;
  /** Float tensors go through another scalar op with a transformed scalar (lshift = mul by 2^n). */
  readonly fp?: [Pointwise, (v: number, key: 'Float' | 'Double') => number];
}

function guard(name: string, t: Tensor, op: Pointwise, o: Opts): void {
  if (o.intOnly && t.kind.isFloat) throw new TorchError(o.intOnly);
  if (!op.supports(t.kind.key)) throw new TorchError(`${t.kind.tensorName} does not implement the torch.${name}() function`);
}

/** `(res, t, value)`: res = t op value. */
function scalarKernel(name: string, op: Pointwise, o: Opts = {}) {
  return (res: Tensor, t: Tensor, value: number): Tensor => {
    const key = t.kind.key;
    let v = castScalar(key, value), k = op;
    if (o.fp && t.kind.isFloat) { k = o.fp[0]; v = o.fp[1](v, key as 'Float' | 'Double'); }
    guard(name, t, k, o);
    if (o.zero && !t.kind.isFloat && v === 0) throw new TorchError('division by zero');
    prepare(name, res, t);
    k.run(res, t, undefined, v);
    return res;
  };
}

/** `(res, t, src)`: res = t op src, element-wise. */
function tensorKernel(name: string, op: Pointwise, o: Opts = {}) {
  return (res: Tensor, t: Tensor, src: Tensor): Tensor => {
    guard(name, t, op, o);
    prepare(name, res, t, src);
    if (o.zero) checkNoZero(src);
    op.run(res, t, src);
    return res;
  };
}

/** Registers `name` with a scalar form `(t, value)`. */
function scalarOp(name: string, op: Pointwise, o: Opts = {}): void {
  definePointwise(name, [{ sig: 'Tensor, number', k: scalarKernel(name, op, o) }]);
}
/** Registers `name` with a tensor form `(t1, t2)`. */
function tensorOp(name: string, op: Pointwise, o: Opts = {}): void {
  definePointwise(name, [{ sig: 'Tensor, Tensor', k: tensorKernel(name, op, o) }]);
}

// ---- add / csub: scalar, and t1 + value * t2 ------------------------------------------------------
const addV = pw('add', 1, { all: 'a + v' });
const cadd1 = pw('add', 2, { all: 'a + b' });
const caddV = pw('add', 2, { Float: 'a + F(v * b)', Int: 'a + Math.imul(v, b)', all: 'a + v * b' });

function cadd(name: string, sign: 1 | -1) {
  return (res: Tensor, t: Tensor, value: number, src: Tensor): Tensor => {
    prepare(name, res, t, src);
    const v = sign * castScalar(t.kind.key, value);
    if (res === t && t.kind.isFloat && src.kind === t.kind && res.isContiguous() && src.isContiguous() && src.nElement() === res.nElement()) {
      // As TH: an in-place contiguous add is BLAS axpy (OpenBLAS rounds it with one FMA, multithreaded).
      axpy(res.nElement(), v, src._storage.data, src.offset, 1, res._storage.data, res.offset, 1);
    } else if (v === 1 && t.kind.isFloat && src.kind === t.kind && res._storage !== src._storage && res.isContiguous()
      && t.isContiguous() && src.isContiguous() && src.nElement() === res.nElement()) {
      // res = t + src, bit for bit the same as one loop (1 * src is exact): a memcpy, then a threaded BLAS axpy.
      res.copy(t);
      axpy(res.nElement(), 1, src._storage.data, src.offset, 1, res._storage.data, res.offset, 1);
    } else if (v === 1) cadd1.run(res, t, src); else caddV.run(res, t, src, v);
    return res;
  };
}
for (const [name, sign] of [['add', 1], ['csub', -1]] as const) {
  const k = cadd(name, sign);
  definePointwise(name, [
    { sig: 'Tensor, number', k: (res: Tensor, t: Tensor, value: number) => {
      prepare(name, res, t);
      addV.run(res, t, undefined, sign * castScalar(t.kind.key, value));
      return res;
    } },
    { sig: 'Tensor, number, Tensor', k },
    { sig: 'Tensor, Tensor', k: (res: Tensor, t: Tensor, src: Tensor) => k(res, t, 1, src) },
  ]);
}

// ---- scalar arithmetic -----------------------------------------------------------------------------
const mulV = pw('mul', 1, { Int: 'Math.imul(a, v)', all: 'a * v' });
const divV = pw('div', 1, { fp: 'a / v', Long: 'Math.trunc(a / v)', int: '(a / v) | 0' });
const fmodV = pw('fmod', 1, { all: 'a % v' });
scalarOp('mul', mulV);
scalarOp('div', divV, { zero: true });
scalarOp('fmod', fmodV, { zero: true });
scalarOp('mod', fmodV, { zero: true });
scalarOp('remainder', pw('remainder', 1, {
  Float: 'v === 0 ? NaN : a - v * Math.floor(Math.fround(a / v))',
  Double: 'v === 0 ? NaN : a - v * Math.floor(a / v)',
  int: '(t = a % v) * v < 0 ? t + v : t',
}), { zero: true });

// ---- element-wise arithmetic -------------------------------------------------------------------------
tensorOp('cmul', pw('cmul', 2, { Int: 'Math.imul(a, b)', all: 'a * b' }));
tensorOp('cdiv', pw('cdiv', 2, { fp: 'a / b', Long: 'Math.trunc(a / b)', int: '(a / b) | 0' }), { zero: true });
tensorOp('cpow', pw('cpow', 2, { Long: `Math.trunc(${CPOW('a', 'b')})`, all: CPOW('a', 'b') }));
const cfmod = pw('cfmod', 2, { all: 'a % b' });
tensorOp('cfmod', cfmod, { zero: true });
tensorOp('cmod', cfmod, { zero: true });
tensorOp('cremainder', pw('cremainder', 2, {
  Float: 'b === 0 ? NaN : a - b * Math.floor(Math.fround(a / b))',
  Double: 'b === 0 ? NaN : a - b * Math.floor(a / b)',
  int: '(t = a % b) * b < 0 ? t + b : t',
}), { zero: true });

// ---- cmax / cmin (NaN as C's ternary gives it) --------------------------------------------------------
for (const [name, op] of [['cmax', '>'], ['cmin', '<']] as const) {
  definePointwise(name, [
    { sig: 'Tensor, Tensor', k: tensorKernel(name, pw(name, 2, { all: `a ${op} b ? a : b` })) },
    { sig: 'Tensor, number', k: scalarKernel(name, pw(name, 1, { all: `a ${op} v ? a : v` })) },
  ]);
}

// ---- bit operations ------------------------------------------------------------------------------------
// Torch shifts the unsigned value: (unsigned real)x << n, (unsigned real)x >> n (Byte is unsigned already).
const shl = (x: string, n: string): ExprSpec => ({
  Byte: `${x} << ${n}`, Char: `(${x} & 255) << ${n}`, Short: `(${x} & 65535) << ${n}`, Int: `${x} << ${n}`, Long: `H.shl64(${x}, ${n})`,
});
const shr = (x: string, n: string): ExprSpec => ({
  Byte: `${x} >> ${n}`, Char: `(${x} & 255) >> ${n}`, Short: `(${x} & 65535) >> ${n}`, Int: `${x} >>> ${n}`, Long: `H.shr64(${x}, ${n})`,
});
const pow2 = (v: number, key: 'Float' | 'Double') => (key === 'Float' ? Math.fround(2 ** v) : 2 ** v);
scalarOp('lshift', pw('lshift', 1, shl('a', 'v')), { fp: [mulV, pow2] });
scalarOp('rshift', pw('rshift', 1, shr('a', 'v')), { fp: [divV, pow2] });
tensorOp('clshift', pw('clshift', 2, { ...shl('a', 'b'), Float: 'a * F(Math.pow(2, b))', Double: 'a * Math.pow(2, b)' }));
tensorOp('crshift', pw('crshift', 2, { ...shr('a', 'b'), Float: 'a / F(Math.pow(2, b))', Double: 'a / Math.pow(2, b)' }));
for (const [name, op, fn] of [['bitand', '&', 'and64'], ['bitor', '|', 'or64'], ['bitxor', '^', 'xor64']] as const) {
  scalarOp(name, pw(name, 1, { int: `a ${op} v`, Long: `H.${fn}(a, v)` }),
    { intOnly: `${name} is only supported for integer type tensors` });
  tensorOp(`c${name}`, pw(`c${name}`, 2, { int: `a ${op} b`, Long: `H.${fn}(a, b)` }),
    { intOnly: `c${name} is only supported for integer type tensors` });
}
