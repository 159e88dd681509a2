/** Registering device TensorMath ops: the shared argument checks and the elementwise runner. */
import { DECLINE, DEVICE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import { CudaTensor } from '../CudaTensor.js';
import { commit } from '../kernels/commit.js';
import { map } from '../kernels/pointwise.js';

/** True when every tensor is a CudaTensor on one device (else the CPU kernel runs and raises Torch's error). */
export function sameDevice(...ts: unknown[]): boolean {
  let dev = 0;
  for (const t of ts) {
    if (!(t instanceof CudaTensor)) return false;
    const d = (t._storage as CudaStorage).device;
    if (dev && d !== dev) return false;
    dev = d;
  }
  return true;
}

/**
 * res = expr(inputs, scalars) elementwise, with res resized as inputs[0] (TH's resizeAs); DECLINE
 * when the arguments are not all on one device or the element counts differ (the CPU kernel then
 * raises Torch's error).
 */
export function elementwise(expr: string, res: Tensor, inputs: Tensor[], scalars: number[] = []): Tensor | typeof DECLINE {
  if (!sameDevice(res, ...inputs)) return DECLINE;
  const n = inputs[0].nElement();
  for (const t of inputs) if (t.nElement() !== n) return DECLINE;
  res.resizeAs(inputs[0]);
  if (n === 0) return res;
  // a result with overlapping elements (an expand()ed view): TH writes element after element, so later
  // writes see earlier ones (nn.CAdd accumulates rows this way); only the CPU loop gives that
  if (res._size.some((sz, d) => sz > 1 && res._stride[d] === 0)) return DECLINE;
  const h = map(expr, inputs, scalars, n);
  return h ? commit(res, h) : DECLINE;
}

/** A device op from per-signature handlers; signatures without a handler fall back. */
export function registerOp(name: string, bySig: Record<string, (...args: any[]) => unknown>): void {
  DEVICE.ops.set(name, (sig, args) => {
    const f = bySig[sig];
    return f ? f(...args) : DECLINE;
  });
}
