/**
 * Pointwise functions of one tensor: abs and sign (every type), and the float/double-only math of
 * TensorMath.lua: neg cinv log log1p exp cos acos cosh sin asin sinh tan atan tanh sqrt rsqrt sigmoid
 * round ceil floor trunc frac, pow (t ^ n and n ^ t), atan2. Each also takes plain numbers
 * (`torch.log(2)`), as Torch's wrap does. `round` is C's: halves go away from zero.
 */
import { getdefaulttensortype } from '../defaults.js';
import { type TorchFunction } from '../dispatch.js';
import type { Tensor } from '../Tensor.js';
import type { TypeKey } from '../types.js';
import { byType, castScalar, CPOW, definePointwise, Pointwise, prepare, requireFloat, type ExprSpec } from './kernels.js';

type Unary = 'abs' | 'sign' | 'neg' | 'cinv' | 'log' | 'log1p' | 'exp' | 'cos' | 'acos' | 'cosh' | 'sin' | 'asin' | 'sinh' |
  'tan' | 'atan' | 'tanh' | 'sqrt' | 'rsqrt' | 'sigmoid' | 'round' | 'ceil' | 'floor' | 'trunc' | 'frac';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.abs([res,] t)`: absolute value (every type), element-wise. @example torch.abs(x) */
    abs: TorchFunction;
    /** `torch.sign([res,] t)`: -1, 0 or 1 (0 or 1 on ByteTensor; 0 for NaN), element-wise. */
    sign: TorchFunction;
    /** `torch.neg([res,] t)`: -x (float/double), element-wise. */
    neg: TorchFunction;
    /** `torch.cinv([res,] t)`: 1 / x (float/double), element-wise. */
    cinv: TorchFunction;
    /** `torch.log([res,] t)`: natural logarithm (float/double), element-wise. @example torch.log(x) */
    log: TorchFunction;
    /** `torch.log1p([res,] t)`: log(1 + x) (float/double), element-wise. */
    log1p: TorchFunction;
    /** `torch.exp([res,] t)`: e^x (float/double), element-wise. */
    exp: TorchFunction;
    /** `torch.cos([res,] t)`: cosine (float/double), element-wise. */
    cos: TorchFunction;
    /** `torch.acos([res,] t)`: arc cosine (float/double), element-wise. */
    acos: TorchFunction;
    /** `torch.cosh([res,] t)`: hyperbolic cosine (float/double), element-wise. */
    cosh: TorchFunction;
    /** `torch.sin([res,] t)`: sine (float/double), element-wise. */
    sin: TorchFunction;
    /** `torch.asin([res,] t)`: arc sine (float/double), element-wise. */
    asin: TorchFunction;
    /** `torch.sinh([res,] t)`: hyperbolic sine (float/double), element-wise. */
    sinh: TorchFunction;
    /** `torch.tan([res,] t)`: tangent (float/double), element-wise. */
    tan: TorchFunction;
    /** `torch.atan([res,] t)`: arc tangent (float/double), element-wise. */
    atan: TorchFunction;
    /** `torch.tanh([res,] t)`: hyperbolic tangent (float/double), element-wise. */
    tanh: TorchFunction;
    /** `torch.sqrt([res,] t)`: square root (float/double), element-wise. */
    sqrt: TorchFunction;
    /** `torch.rsqrt([res,] t)`: 1 / sqrt(x) (float/double), element-wise. */
    rsqrt: TorchFunction;
    /** `torch.sigmoid([res,] t)`: 1 / (1 + e^-x) (float/double), element-wise. @example torch.sigmoid(x) */
    sigmoid: TorchFunction;
    /** `torch.round([res,] t)`: C's round: halves away from zero (float/double), element-wise. @example torch.round(x) */
    round: TorchFunction;
    /** `torch.ceil([res,] t)`: ceiling (float/double), element-wise. */
    ceil: TorchFunction;
    /** `torch.floor([res,] t)`: floor (float/double), element-wise. */
    floor: TorchFunction;
    /** `torch.trunc([res,] t)`: rounds toward zero (float/double), element-wise. */
    trunc: TorchFunction;
    /** `torch.frac([res,] t)`: x - trunc(x) (float/double), element-wise. */
    frac: TorchFunction;
    /** `torch.pow([res,] t, n)`: t ^ n; `torch.pow([res,] n, t)`: n ^ t; `torch.pow(a, b)` on numbers (float/double). @example torch.pow(x, 2) */
    pow: TorchFunction;
    /** `torch.atan2([res,] ty, tx)`: element-wise atan2(ty, tx) (float/double). */
    atan2: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.abs()`: x = abs(x) in place; `x.abs(t)`: x = abs(t). */
    abs(src?: Tensor): this;
    /** `x.sign()`: x = sign(x) in place; `x.sign(t)`: x = sign(t). */
    sign(src?: Tensor): this;
    /** `x.neg()`: x = neg(x) in place; `x.neg(t)`: x = neg(t). */
    neg(src?: Tensor): this;
    /** `x.cinv()`: x = cinv(x) in place; `x.cinv(t)`: x = cinv(t). */
    cinv(src?: Tensor): this;
    /** `x.log()`: x = log(x) in place; `x.log(t)`: x = log(t). */
    log(src?: Tensor): this;
    /** `x.log1p()`: x = log1p(x) in place; `x.log1p(t)`: x = log1p(t). */
    log1p(src?: Tensor): this;
    /** `x.exp()`: x = exp(x) in place; `x.exp(t)`: x = exp(t). */
    exp(src?: Tensor): this;
    /** `x.cos()`: x = cos(x) in place; `x.cos(t)`: x = cos(t). */
    cos(src?: Tensor): this;
    /** `x.acos()`: x = acos(x) in place; `x.acos(t)`: x = acos(t). */
    acos(src?: Tensor): this;
    /** `x.cosh()`: x = cosh(x) in place; `x.cosh(t)`: x = cosh(t). */
    cosh(src?: Tensor): this;
    /** `x.sin()`: x = sin(x) in place; `x.sin(t)`: x = sin(t). */
    sin(src?: Tensor): this;
    /** `x.asin()`: x = asin(x) in place; `x.asin(t)`: x = asin(t). */
    asin(src?: Tensor): this;
    /** `x.sinh()`: x = sinh(x) in place; `x.sinh(t)`: x = sinh(t). */
    sinh(src?: Tensor): this;
    /** `x.tan()`: x = tan(x) in place; `x.tan(t)`: x = tan(t). */
    tan(src?: Tensor): this;
    /** `x.atan()`: x = atan(x) in place; `x.atan(t)`: x = atan(t). */
    atan(src?: Tensor): this;
    /** `x.tanh()`: x = tanh(x) in place; `x.tanh(t)`: x = tanh(t). */
    tanh(src?: Tensor): this;
    /** `x.sqrt()`: x = sqrt(x) in place; `x.sqrt(t)`: x = sqrt(t). */
    sqrt(src?: Tensor): this;
    /** `x.rsqrt()`: x = rsqrt(x) in place; `x.rsqrt(t)`: x = rsqrt(t). */
    rsqrt(src?: Tensor): this;
    /** `x.sigmoid()`: x = sigmoid(x) in place; `x.sigmoid(t)`: x = sigmoid(t). */
    sigmoid(src?: Tensor): this;
    /** `x.round()`: x = round(x) in place; `x.round(t)`: x = round(t). */
    round(src?: Tensor): this;
    /** `x.ceil()`: x = ceil(x) in place; `x.ceil(t)`: x = ceil(t). */
    ceil(src?: Tensor): this;
    /** `x.floor()`: x = floor(x) in place; `x.floor(t)`: x = floor(t). */
    floor(src?: Tensor): this;
    /** `x.trunc()`: x = trunc(x) in place; `x.trunc(t)`: x = trunc(t). */
    trunc(src?: Tensor): this;
    /** `x.frac()`: x = frac(x) in place; `x.frac(t)`: x = frac(t). */
    frac(src?: Tensor): this;
    /** `x.pow(n)`: x = x ^ n; `x.pow(t, n)`: x = t ^ n; `x.pow(n, t)`: x = n ^ t. */
    pow(...args: (Tensor | number)[]): this;
    /** `x.atan2(y)`: x = atan2(x, y); `x.atan2(a, b)`: x = atan2(a, b). */
    atan2(...args: Tensor[]): this;
  }
}

/** Element expressions. `fp` ones are float/double only (an error for integer tensors, as in Torch). */
const UNARY: Record<Unary, ExprSpec> = {
  abs: { Byte: 'a', all: 'Math.abs(a)' },
  sign: { Byte: 'a > 0 ? 1 : 0', all: 'a > 0 ? 1 : (a < 0 ? -1 : 0)' },
  neg: { fp: '-a' },
  cinv: { fp: '1 / a' },
  log: { fp: 'Math.log(a)' },
  log1p: { fp: 'Math.log1p(a)' },
  exp: { fp: 'Math.exp(a)' },
  cos: { fp: 'Math.cos(a)' },
  acos: { fp: 'Math.acos(a)' },
  cosh: { fp: 'Math.cosh(a)' },
  sin: { fp: 'Math.sin(a)' },
  asin: { fp: 'Math.asin(a)' },
  sinh: { fp: 'Math.sinh(a)' },
  tan: { fp: 'Math.tan(a)' },
  atan: { fp: 'Math.atan(a)' },
  tanh: { fp: 'Math.tanh(a)' },
  sqrt: { fp: 'Math.sqrt(a)' },
  rsqrt: { fp: '1 / F(Math.sqrt(a))' },
  sigmoid: { fp: '1 / F(1 + F(Math.exp(-a)))' },
  round: { fp: 'a < 0 ? -Math.round(-a) : Math.round(a)' },
  ceil: { fp: 'Math.ceil(a)' },
  floor: { fp: 'Math.floor(a)' },
  trunc: { fp: 'Math.trunc(a)' },
  frac: { fp: 'a - Math.trunc(a)' },
};

/** The number form of an expression over (a, b, v), computed in the default tensor type as Torch's dispatch does. */
function numberForm(spec: ExprSpec, arity: number): (...n: number[]) => number {
  const forType = (key: TypeKey) => {
    const e = byType(spec)(key)!.replace(/\bF\(/g, key === 'Float' ? 'Math.fround(' : '(');
    return new Function('a', 'b', 'v', `'use strict'; let t; return ${e};`) as (a: number, b?: number, v?: number) => number;
  };
  const d = forType('Double'), f = forType('Float');
  return (...n: number[]) => {
    if (getdefaulttensortype() !== 'torch.FloatTensor') return arity === 3 ? d(n[0], n[1], n[2]) : d(n[0], n[1]);
    const x = n.map(Math.fround);
    return Math.fround(arity === 3 ? f(x[0], x[1], x[2]) : f(x[0], x[1]));
  };
}

const NUMBER_FORMS: ReadonlySet<Unary> = new Set(['abs', 'log', 'log1p', 'exp', 'cos', 'acos', 'cosh', 'sin', 'asin', 'sinh',
  'tan', 'atan', 'tanh', 'sqrt', 'rsqrt', 'sigmoid', 'round', 'ceil', 'floor', 'trunc', 'frac']);

for (const [name, spec] of Object.entries(UNARY) as [Unary, ExprSpec][]) {
  const op = new Pointwise(name, 1, byType(spec));
  const k = (res: Tensor, t: Tensor): Tensor => {
    if (!op.supports(t.kind.key)) requireFloat(name, t);
    prepare(name, res, t);
    op.run(res, t);
    return res;
  };
  definePointwise(name, [{ sig: 'Tensor', k }], NUMBER_FORMS.has(name) ? { number: numberForm(spec, 1) } : {});
}

// ---- pow: TH special-cases a few exponents (copy, t*t, sqrt, rsqrt, 1/t ...) --------------------------
const POW_SPECIAL: Record<string, string> = {
  '1': 'a', '2': 'a * a', '3': 'F(a * a) * a', '0.5': 'Math.sqrt(a)', '-0.5': '1 / F(Math.sqrt(a))',
  '-1': '1 / a', '-2': '1 / F(a * a)',
};
const powOps = new Map(Object.entries(POW_SPECIAL).map(([n, e]) => [Number(n), new Pointwise('pow', 1, byType({ fp: e }))]));
const powGeneral = new Pointwise('pow', 1, byType({ fp: CPOW('a', 'v') }));
const tpow = new Pointwise('pow', 1, byType({ fp: CPOW('v', 'a') }));

definePointwise('pow', [
  { sig: 'Tensor, number', k: (res: Tensor, t: Tensor, n: number) => {
    requireFloat('pow', t);
    const v = castScalar(t.kind.key, n);
    prepare('pow', res, t);
    (powOps.get(v) ?? powGeneral).run(res, t, undefined, v);
    return res;
  } },
  { sig: 'number, Tensor', self: 1, k: (res: Tensor, n: number, t: Tensor) => {
    requireFloat('pow', t);
    prepare('pow', res, t);
    tpow.run(res, t, undefined, castScalar(t.kind.key, n));
    return res;
  } },
], { 'number, number': numberForm({ fp: CPOW('a', 'b') }, 2) });

// ---- atan2 ------------------------------------------------------------------------------------------
const atan2 = new Pointwise('atan2', 2, byType({ fp: 'Math.atan2(a, b)' }));
definePointwise('atan2', [
  { sig: 'Tensor, Tensor', k: (res: Tensor, ty: Tensor, tx: Tensor) => {
    requireFloat('atan2', ty);
    prepare('atan2', res, ty, tx);
    atan2.run(res, ty, tx);
    return res;
  } },
], { 'number, number': numberForm({ fp: 'Math.atan2(a, b)' }, 2) });
