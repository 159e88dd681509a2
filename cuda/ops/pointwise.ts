/**
 * Device pointwise TensorMath, under the CPU registrations' names and operand signatures: the unary
 * math functions, pow (t^n, n^t), atan2, add/csub (every form), mul, div, fmod/mod, remainder,
 * lshift/rshift (times/over 2^n on float tensors, as TH), cmul, cdiv, cpow, cfmod/cmod, cremainder,
 * cmax/cmin (tensor and number), clamp, addcmul, addcdiv and lerp. Each computes one device kernel
 * into the result (resized as the first operand, as TH's resizeAs); the result may be an operand
 * (in place) or a view. Arguments not all on one device decline, and the CPU kernel then raises
 * Torch's error. The bit operations (integer tensors only in Torch) have no device form.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { POW, powByNumber, UNARY, WITH_SCALAR, WITH_TENSOR } from '../kernels/pointwise-math.js';
import { elementwise, registerOp } from './run.js';

type Handler = (...args: any[]) => unknown;
const table: Record<string, Record<string, Handler>> = {};
/** Adds the device handler of `name` for the operand signature `sig`. */
function def(name: string, sig: string, h: Handler): void { (table[name] ??= {})[sig] = h; }

for (const [name, sign] of [['add', 1], ['csub', -1]] as const) {
  def(name, 'Tensor, number', (r: Tensor, t: Tensor, v: number) => elementwise('va + x', r, [t], [sign * v]));
  def(name, 'Tensor, number, Tensor', (r: Tensor, t: Tensor, v: number, s: Tensor) => elementwise('va + x * vb', r, [t, s], [sign * v]));
  def(name, 'Tensor, Tensor', (r: Tensor, t: Tensor, s: Tensor) => elementwise(sign > 0 ? 'va + vb' : 'va - vb', r, [t, s]));
}

for (const [name, expr] of Object.entries(UNARY)) def(name, 'Tensor', (r: Tensor, t: Tensor) => elementwise(expr, r, [t]));
for (const [name, expr] of Object.entries(WITH_SCALAR)) {
  def(name, 'Tensor, number', (r: Tensor, t: Tensor, v: number) => elementwise(expr, r, [t], [v]));
}
for (const [name, expr] of Object.entries(WITH_TENSOR)) {
  def(name, 'Tensor, Tensor', (r: Tensor, a: Tensor, b: Tensor) => elementwise(expr, r, [a, b]));
}

// lshift/rshift on float tensors are a product/quotient by 2^n (n cast to float first).
def('lshift', 'Tensor, number', (r: Tensor, t: Tensor, n: number) => elementwise('va * x', r, [t], [Math.fround(2 ** Math.fround(n))]));
def('rshift', 'Tensor, number', (r: Tensor, t: Tensor, n: number) => elementwise('va / x', r, [t], [Math.fround(2 ** Math.fround(n))]));

def('pow', 'Tensor, number', (r: Tensor, t: Tensor, n: number) => elementwise(powByNumber(Math.fround(n)), r, [t], [n]));
def('pow', 'number, Tensor', (r: Tensor, n: number, t: Tensor) => elementwise(POW('x', 'va'), r, [t], [n]));

def('clamp', 'Tensor, number, number', (r: Tensor, t: Tensor, lo: number, hi: number) =>
  elementwise('(va < x ? x : (va > y ? y : va))', r, [t], [lo, hi]));

// addcmul / addcdiv: res = t + value * s1 op s2, rounded as TH's float code: (value * s1) op s2.
for (const [name, op] of [['addcmul', '*'], ['addcdiv', '/']] as const) {
  const k = (r: Tensor, t: Tensor, v: number, s1: Tensor, s2: Tensor) => elementwise(`va + (x * vb) ${op} vc`, r, [t, s1, s2], [v]);
  def(name, 'Tensor, number, Tensor, Tensor', k);
  def(name, 'Tensor, Tensor, Tensor', (r: Tensor, t: Tensor, s1: Tensor, s2: Tensor) => k(r, t, 1, s1, s2));
}

def('lerp', 'Tensor, Tensor, number', (r: Tensor, a: Tensor, b: Tensor, w: number) => elementwise('va + x * (vb - va)', r, [a, b], [w]));

for (const [name, sigs] of Object.entries(table)) registerOp(name, sigs);

/** The names of the pointwise ops that have device kernels (for specs and reports). */
export const DEVICE_POINTWISE: readonly string[] = Object.keys(table).sort();
