/**
 * Pointwise ops with two scalars or three tensors: clamp(min, max) on every type, addcmul and
 * addcdiv (x + value * t1 .* t2, x + value * t1 ./ t2), and lerp(a, b, weight) (float/double).
 */
import { checkSameType, type TorchFunction } from '../dispatch.js';
import { argError, TorchError } from '../errors.js';
import type { Tensor } from '../Tensor.js';
import { byType, castScalar, checkNoZero, definePointwise, Pointwise, prepare, requireFloat } from './kernels.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.clamp([res,] t, min, max)`: every element clipped into [min, max]. @example torch.clamp(x, -1, 1) */
    clamp: TorchFunction;
    /** `torch.addcmul([res,] x, [value,] t1, t2)`: x + value * t1 .* t2 (value defaults to 1). */
    addcmul: TorchFunction;
    /** `torch.addcdiv([res,] x, [value,] t1, t2)`: x + value * t1 ./ t2 (value defaults to 1). */
    addcdiv: TorchFunction;
    /** `torch.lerp([res,] a, b, weight)`: a + weight * (b - a) (float/double); also on three numbers. */
    lerp: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.clamp(min, max)`: in place; `x.clamp(t, min, max)`: x = clamp(t). */
    clamp(...args: (Tensor | number)[]): this;
    /** `x.addcmul([value,] t1, t2)`: x += value * t1 .* t2; `x.addcmul(t, [value,] t1, t2)`: x = t + value * t1 .* t2. @example x.addcmul(0.5, a, b) */
    addcmul(...args: (Tensor | number)[]): this;
    /** `x.addcdiv([value,] t1, t2)`: x += value * t1 ./ t2; `x.addcdiv(t, [value,] t1, t2)`: x = t + value * t1 ./ t2. */
    addcdiv(...args: (Tensor | number)[]): this;
    /** `x.lerp(b, w)`: x = x + w * (b - x); `x.lerp(a, b, w)`: x = a + w * (b - a). */
    lerp(...args: (Tensor | number)[]): this;
  }
}

// ---- clamp ------------------------------------------------------------------------------------------
const clamp = new Pointwise('clamp', 1, byType({ all: 'a < v ? v : (a > w ? w : a)' }));
definePointwise('clamp', [
  { sig: 'Tensor, number, number', k: (res: Tensor, t: Tensor, min: number, max: number) => {
    prepare('clamp', res, t);
    clamp.run(res, t, undefined, castScalar(t.kind.key, min), castScalar(t.kind.key, max));
    return res;
  } },
]);

// ---- addcmul / addcdiv: res = t (copied unless res is t), then res += value * s1 op s2 ----------------
const addcmul = new Pointwise('addcmul', 2, byType({
  Float: 'x + F(F(v * a) * b)', Int: 'x + Math.imul(Math.imul(v, a), b)', all: 'x + v * a * b',
}));
const addcdiv = new Pointwise('addcdiv', 2, byType({
  Float: 'x + F(F(v * a) / b)', Double: 'x + v * a / b', Long: 'x + Math.trunc(v * a / b)',
  Int: 'x + ((Math.imul(v, a) / b) | 0)', int: 'x + ((v * a / b) | 0)',
}));

for (const [name, op] of [['addcmul', addcmul], ['addcdiv', addcdiv]] as const) {
  const k = (res: Tensor, t: Tensor, value: number, s1: Tensor, s2: Tensor): Tensor => {
    checkSameType(name, res, t, s1, s2);
    const n = t.nElement();
    if (s1.nElement() !== n || s2.nElement() !== n) throw new TorchError('inconsistent tensor size');
    if (name === 'addcdiv') checkNoZero(s2);
    if (res !== t) res.resizeAs(t).copy(t);
    op.run(res, s1, s2, castScalar(t.kind.key, value));
    return res;
  };
  definePointwise(name, [
    { sig: 'Tensor, number, Tensor, Tensor', k },
    { sig: 'Tensor, Tensor, Tensor', k: (res: Tensor, t: Tensor, s1: Tensor, s2: Tensor) => k(res, t, 1, s1, s2) },
  ]);
}

// ---- lerp -------------------------------------------------------------------------------------------
const lerp = new Pointwise('lerp', 2, byType({ Float: 'a + F(v * F(b - a))', Double: 'a + v * (b - a)' }));
definePointwise('lerp', [
  { sig: 'Tensor, Tensor, number', k: (res: Tensor, a: Tensor, b: Tensor, weight: number) => {
    requireFloat('lerp', a);
    checkSameType('lerp', res, a, b);
    if (a.nElement() !== b.nElement()) throw argError(2, 'lerp', 'sizes do not match');
    res.resizeAs(a);
    lerp.run(res, a, b, castScalar(a.kind.key, weight));
    return res;
  } },
], {
  'number, number, number': (a: number, b: number, w: number) => a + w * (b - a),
});
