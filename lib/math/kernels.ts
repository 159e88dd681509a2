/**
 * Code-generated pointwise loops, as ndarray-cwise builds them: one function per (expression, result
 * type, operand type), made with `new Function` from an expression string, so every loop stays
 * monomorphic. Contiguous operands get one tight loop over the typed arrays; anything else goes
 * through lib/apply.ts runs. Also: the scalar casts cwrap applies (`(real)value`), and the helper that
 * registers a pointwise op with cwrap's calling conventions (result first, method = result).
 */
import { runs1, runs2, runs3 } from '../apply.js';
import { checkSameType, defineOp, deviceAware, OPS, typed, type TorchFunction } from '../dispatch.js';
import { TorchError } from '../errors.js';
import { Tensor } from '../Tensor.js';
import type { TypeKey, TypedArray } from '../types.js';

/**
 * An element expression per result type. Names: `a`, `b` the operand elements, `x` the current
 * result element, `v`, `w` the scalars, `t` a scratch variable, `H` the helpers below. `F(e)` rounds
 * to float32 in FloatTensor loops (C's float arithmetic) and is plain `(e)` elsewhere.
 */
export type ExprFor = (key: TypeKey) => string | undefined;

/** Per-type expressions: an exact type key wins, then `fp` (Float, Double) or `int` (the rest), then `all`. */
export type ExprSpec = Partial<Record<TypeKey | 'fp' | 'int' | 'all', string>>;

const FP: ReadonlySet<TypeKey> = new Set(['Float', 'Double']);

/** An ExprFor from a table (see ExprSpec). */
export function byType(spec: ExprSpec): ExprFor {
  return (key) => spec[key] ?? (FP.has(key) ? spec.fp : spec.int) ?? spec.all;
}

/** `pow` with C's special cases (`pow(1, y) = 1`, `pow(-1, ±inf) = 1`) that Math.pow lacks. */
export const CPOW = (x: string, y: string) =>
  `(${x} === 1 || (${x} === -1 && (${y} === Infinity || ${y} === -Infinity)) ? 1 : Math.pow(${x}, ${y}))`;

/** Helpers the generated code reaches as `H.name`: 64-bit integer bit operations for LongTensor. */
const H = {
  shl64: (a: number, s: number) => Number(BigInt.asIntN(64, BigInt(a) << BigInt(s & 63))),
  shr64: (a: number, s: number) => Number(BigInt.asIntN(64, BigInt.asUintN(64, BigInt(a)) >> BigInt(s & 63))),
  and64: (a: number, b: number) => ((a | 0) === a && (b | 0) === b ? a & b : Number(BigInt(a) & BigInt(b))),
  or64: (a: number, b: number) => ((a | 0) === a && (b | 0) === b ? a | b : Number(BigInt(a) | BigInt(b))),
  xor64: (a: number, b: number) => ((a | 0) === a && (b | 0) === b ? a ^ b : Number(BigInt(a) ^ BigInt(b))),
};

type Loop = (...args: any[]) => void;
interface Compiled { readonly contig: Loop; readonly strided: Loop }

/** Builds the contiguous and the strided loop of `r = expr` over `arity` operands. */
function compile(arity: 1 | 2, expr: string, resultKey: TypeKey): Compiled {
  let e = expr.replace(/\bF\(/g, resultKey === 'Float' ? 'Math.fround(' : '(');
  if (resultKey === 'Long') e = `(${e}) + 0`; // no -0 in a LongTensor
  const names = arity === 1 ? ['a'] : ['a', 'b'];
  const usesX = /\bx\b/.test(e), usesT = /\bt\b/.test(e);
  const head = (idx: (n: string) => string) =>
    names.map((n) => `const ${n} = ${n}d[${idx(n)}];`).join(' ') +
    (usesX ? ` const x = rd[${idx('r')}];` : '') + (usesT ? ' let t;' : '');
  const cArgs = ['rd', ...names.map((n) => `${n}d`), 'n', 'v', 'w'].join(', ');
  const sArgs = ['rd', 'ro', 'rs', ...names.flatMap((n) => [`${n}d`, `${n}o`, `${n}s`]), 'n', 'v', 'w'].join(', ');
  const steps = ['ro += rs', ...names.map((n) => `${n}o += ${n}s`)].join(', ');
  const src = `'use strict';
function contig(${cArgs}) {
  for (let i = 0; i < n; i++) { ${head(() => 'i')} rd[i] = ${e}; }
}
function strided(${sArgs}) {
  for (let i = 0; i < n; i++, ${steps}) { ${head((n) => `${n}o`)} rd[ro] = ${e}; }
}
return { contig, strided };`;
  return new Function('H', src)(H) as Compiled;
}

/** The n elements of a contiguous tensor as a typed array from index 0 (the loops are fastest without offsets). */
function window(t: Tensor, n: number): TypedArray {
  const d = t._storage.data;
  return t.offset === 0 ? d : d.subarray(t.offset, t.offset + n);
}

/**
 * A pointwise loop `res[i] = f(a[i] [, b[i]], v, w)`, compiled lazily per (result type, operand type).
 * The caller resizes `res` and checks types; `run` checks element counts and picks the loop.
 */
export class Pointwise {
  private readonly cache = new Map<string, Compiled>();
  constructor(readonly name: string, readonly arity: 1 | 2, private readonly expr: ExprFor) {}

  private loops(r: Tensor, a: Tensor): Compiled {
    const key = r.kind.key + a.kind.key;
    let c = this.cache.get(key);
    if (!c) {
      const e = this.expr(a.kind.key);
      if (e === undefined) throw new TorchError(`${a.kind.tensorName} does not implement the torch.${this.name}() function`);
      c = compile(this.arity, e, r.kind.key);
      this.cache.set(key, c);
    }
    return c;
  }

  /** True when this op has a loop for tensors of type `key`. */
  supports(key: TypeKey): boolean { return this.expr(key) !== undefined; }

  /** Runs the loop: `r` and `a` must have the same number of elements (and `b`, for arity 2). */
  run(r: Tensor, a: Tensor, b?: Tensor, v = 0, w = 0): void {
    const n = r.nElement();
    if (a.nElement() !== n || (b !== undefined && b.nElement() !== n)) throw new TorchError('inconsistent tensor size');
    const k = this.loops(r, a);
    const rd = r._storage.data, ad = a._storage.data;
    if (b === undefined) {
      if (r.isContiguous() && a.isContiguous()) k.contig(window(r, n), window(a, n), n, v, w);
      else runs2(r, a, (ro, rs, ao, sa, len) => k.strided(rd, ro, rs, ad, ao, sa, len, v, w));
    } else {
      const bd = b._storage.data;
      if (r.isContiguous() && a.isContiguous() && b.isContiguous()) k.contig(window(r, n), window(a, n), window(b, n), n, v, w);
      else runs3(r, a, b, (ro, rs, ao, sa, bo, sb, len) => k.strided(rd, ro, rs, ad, ao, sa, bd, bo, sb, len, v, w));
    }
  }
}

const CAST: Partial<Record<TypeKey, TypedArray>> = {
  Byte: new Uint8Array(1), Char: new Int8Array(1), Short: new Int16Array(1), Int: new Int32Array(1), Float: new Float32Array(1),
};

/** cwrap's `(real)value`: the scalar as the tensor's element type (0.5 is 0 for a ByteTensor, fround for Float). */
export function castScalar(key: TypeKey, v: number): number {
  if (key === 'Double') return v;
  if (key === 'Long') return Number.isFinite(v) ? Math.trunc(v) + 0 : 0;
  const c = CAST[key]!;
  c[0] = v;
  return c[0];
}

/** Throws unless `t` is a FloatTensor or DoubleTensor (Torch defines `name` for those only). */
export function requireFloat(name: string, t: Tensor): void {
  if (!t.kind.isFloat) throw new TorchError(`${t.kind.tensorName} does not implement the torch.${name}() function`);
}

/** Throws on integer division by zero (C raises SIGFPE there; we raise an error instead). */
export function checkNoZero(t: Tensor): void {
  if (t.kind.isFloat) return;
  const d = t._storage.data;
  runs1(t, (o, s, len) => {
    for (let i = 0; i < len; i++, o += s) if (d[o] === 0) throw new TorchError('division by zero');
  });
}

/** Resizes `res` as `t` after checking that all tensors have one type; returns res. */
export function prepare(name: string, res: Tensor, t: Tensor, ...others: Tensor[]): Tensor {
  checkSameType(name, res, t, ...others);
  return res.resizeAs(t);
}

/** One overload of a pointwise op, in cwrap's order after the optional result. */
export interface Overload {
  /** Operand types, typed-function syntax, e.g. `'Tensor, number, Tensor'`. */
  readonly sig: string;
  /** Computes into `res` (which it resizes) and returns it. */
  readonly k: (res: Tensor, ...ops: any[]) => Tensor;
  /** The operand the method form may omit (it defaults to self); default 0 when the first operand is a Tensor, -1 for none. */
  readonly self?: number;
}

function addOnce(table: Record<string, (...a: any[]) => any>, key: string, fn: (...a: any[]) => any): void {
  if (!(key in table)) table[key] = fn;
}

/**
 * Registers a pointwise op as TensorMath.lua's `wrap` with `method={default='nil'}` does:
 * `torch.f(ops...)` (new result), `torch.f(res, ops...)`, and the method `x.f(...)` where x is always
 * the result and the self-defaulting operand may be left out (`x.add(y)` is x += y). `numbers` adds
 * plain-number forms (`torch.log(2)`). When two overloads give the same method signature, the first
 * listed wins, as cwrap's first matching variant does.
 */
export function definePointwise(name: string, overloads: readonly Overload[],
  numbers: Record<string, (...n: number[]) => number> = {}): TorchFunction {
  const sigs: Record<string, (...a: any[]) => any> = {};
  const meth: Record<string, (...a: any[]) => any> = {};
  for (const over of overloads) {
    const o = { ...over, k: deviceAware(name, over.sig, over.k) };
    const params = o.sig.split(',').map((s) => s.trim());
    const first = params.indexOf('Tensor');
    addOnce(sigs, o.sig, (...ops: any[]) => o.k((ops[first] as Tensor).new(), ...ops));
    addOnce(sigs, ['Tensor', ...params].join(', '), o.k);
    addOnce(meth, ['Tensor', ...params].join(', '), o.k);
    const s = o.self ?? (params[0] === 'Tensor' ? 0 : -1);
    if (s >= 0) {
      const rest = params.filter((_, i) => i !== s);
      addOnce(meth, ['Tensor', ...rest].join(', '),
        (self: Tensor, ...r: unknown[]) => o.k(self, ...r.slice(0, s), self, ...r.slice(s)));
    }
  }
  for (const [sig, f] of Object.entries(numbers)) addOnce(sigs, sig, f);
  const fn = typed(name, sigs);
  OPS[name] = fn;
  const method = typed(name, meth);
  Object.defineProperty(Tensor.prototype, name, {
    value: function (this: Tensor, ...args: unknown[]) { return method(this, ...args); },
    writable: true, configurable: true, enumerable: false,
  });
  return fn;
}
