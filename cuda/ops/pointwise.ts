/** Device pointwise TensorMath: add, csub, mul, div, cmul, cdiv and the unary math functions. */
import type { Tensor } from '../../lib/Tensor.js';
import { elementwise, registerOp } from './run.js';

for (const [name, sign] of [['add', 1], ['csub', -1]] as const) {
  registerOp(name, {
    'Tensor, number': (r: Tensor, t: Tensor, v: number) => elementwise('va + x', r, [t], [sign * v]),
    'Tensor, number, Tensor': (r: Tensor, t: Tensor, v: number, s: Tensor) => elementwise('va + x * vb', r, [t, s], [sign * v]),
    'Tensor, Tensor': (r: Tensor, t: Tensor, s: Tensor) => elementwise(sign > 0 ? 'va + vb' : 'va - vb', r, [t, s]),
  });
}
registerOp('mul', { 'Tensor, number': (r: Tensor, t: Tensor, v: number) => elementwise('va * x', r, [t], [v]) });
registerOp('div', { 'Tensor, number': (r: Tensor, t: Tensor, v: number) => elementwise('va / x', r, [t], [v]) });
registerOp('cmul', { 'Tensor, Tensor': (r: Tensor, t: Tensor, s: Tensor) => elementwise('va * vb', r, [t, s]) });
registerOp('cdiv', { 'Tensor, Tensor': (r: Tensor, t: Tensor, s: Tensor) => elementwise('va / vb', r, [t, s]) });

const UNARY: Record<string, string> = {
  exp: 'Math.exp(va)', log: 'Math.log(va)', sqrt: 'Math.sqrt(va)', abs: 'Math.abs(va)',
  tanh: 'Math.tanh(va)', sigmoid: '1 / (1 + Math.exp(-va))', neg: '-va',
};
for (const [name, expr] of Object.entries(UNARY)) registerOp(name, { Tensor: (r: Tensor, t: Tensor) => elementwise(expr, r, [t]) });
