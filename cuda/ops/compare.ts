/**
 * Device comparisons lt le gt ge eq ne (number or tensor operand), and equal.
 *
 * The result type follows the CPU registration, so code behaves the same on either: the 0/1 result
 * goes where the call says. Into a CudaTensor result (`cudaMask.gt(a, b)`, cutorch's convention of
 * the time: a CudaTensor of 0/1) it is computed and stays on the device. Into a ByteTensor (given,
 * or the new ByteTensor that `x.gt(0)` returns as on the CPU) it is computed on the device and the
 * 0/1 values are read back once, so the operands keep their device copies (a CPU fallback would read
 * them all back). Any other mix declines, and the CPU kernel raises Torch's error.
 * `equal(a, b)` counts differing elements on the device and reads back one number.
 */
import { DECLINE } from '../../lib/dispatch.js';
import { ByteTensor, type Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import { CudaTensor } from '../CudaTensor.js';
import { map } from '../kernels/pointwise.js';
import { FOLDS, foldToNumber } from '../kernels/reduce.js';
import { rowSlices } from '../kernels/reduce-slices.js';
import { elementwise, registerOp, sameDevice } from './run.js';

const OPS = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '===', ne: '!==' } as const;

/** res (a ByteTensor) = expr over the operands, computed on the device and read back once. */
function intoBytes(expr: string, res: ByteTensor, inputs: Tensor[], scalars: number[]): Tensor | typeof DECLINE {
  if (!sameDevice(...inputs)) return DECLINE;
  const n = inputs[0].nElement();
  if (inputs.some((t) => t.nElement() !== n)) return DECLINE;
  res.resizeAs(inputs[0]);
  if (n === 0) return res;
  const h = map(expr, inputs, scalars, n);
  if (!h) return DECLINE;
  const ctx = (inputs[0]._storage as CudaStorage).ctx;
  const values = ctx.download(h, n);
  ctx.free(h, n);
  if (res.isContiguous()) res._storage.data.set(values, res.offset);
  else { let k = 0; res.apply(() => values[k++]); }
  return res;
}

/** The comparison into `res`: on the device for a CudaTensor, read back for a ByteTensor. */
function compare(expr: string, res: Tensor, inputs: Tensor[], scalars: number[]): unknown {
  if (res instanceof CudaTensor) return elementwise(expr, res, inputs, scalars);
  if (res instanceof ByteTensor) return intoBytes(expr, res, inputs, scalars);
  return DECLINE;
}

for (const [name, op] of Object.entries(OPS)) {
  const byValue = `(va ${op} x ? 1 : 0)`, byTensor = `(va ${op} vb ? 1 : 0)`;
  registerOp(name, {
    'Tensor, number': (a: Tensor, v: number) => compare(byValue, new ByteTensor(), [a], [v]),
    'Tensor, Tensor': (a: Tensor, b: Tensor) => compare(byTensor, new ByteTensor(), [a, b], []),
    'Tensor, Tensor, number': (r: Tensor, a: Tensor, v: number) => compare(byValue, r, [a], [v]),
    'Tensor, Tensor, Tensor': (r: Tensor, a: Tensor, b: Tensor) => compare(byTensor, r, [a, b], []),
  });
}

registerOp('equal', {
  'Tensor, Tensor': (a: Tensor, b: Tensor) => {
    if (!sameDevice(a, b)) return DECLINE;
    if (!a.isSameSizeAs(b)) return false;
    const n = a.nElement();
    if (n === 0) return true;
    const h = map('(va === vb ? 0 : 1)', [a, b], [], n);
    if (!h) return DECLINE;
    const ctx = (a._storage as CudaStorage).ctx;
    const differing = foldToNumber(rowSlices(ctx, h, 1, n), FOLDS.sum, []);
    ctx.free(h, n);
    return differing === 0;
  },
});
