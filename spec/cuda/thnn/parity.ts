/**
 * Spec helpers for device THNN kernels: norm-wise comparison with the CPU (double) result, and a guard
 * that asserts a block ran on the device (no CPU fallback, no readback beyond what is allowed).
 */
import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { DoubleTensor, type Tensor } from '../../../lib/Tensor.js';

/** ||a - b|| / ||b|| <= tol (a read back as double; sizes must match); exact when tol is 0. */
export function expectClose(a: Tensor, b: Tensor, tol: number, what = ''): void {
  expect(a._size, `${what} sizes`).to.deep.equal(b._size);
  const x = new DoubleTensor().resizeNd(a._size).copy(a), y = new DoubleTensor().resizeNd(b._size).copy(b);
  let d = 0, r = 0;
  const xs: number[] = [], ys: number[] = [];
  x.apply((v) => { xs.push(v); return v; });
  y.apply((v) => { ys.push(v); return v; });
  for (let i = 0; i < xs.length; i++) { d += (xs[i] - ys[i]) ** 2; r += ys[i] ** 2; }
  const err = Math.sqrt(d) / Math.max(Math.sqrt(r), 1e-30);
  expect(err, `${what} relative error`).to.be.at.most(tol);
}

/** |a - b| <= tol * max(1, |b|) for scalars (losses). */
export function expectNear(a: number, b: number, tol: number, what = ''): void {
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).to.be.at.most(tol * Math.max(1, Math.abs(b)));
}

/**
 * Runs fn and asserts that nothing fell back to the CPU and that exactly `downloads` readbacks happened
 * (0 by default: everything stayed on the device).
 */
export function onDevice<T>(fn: () => T, downloads = 0): T {
  cuda.resetFallbacks();
  const before = cuda.traffic().downloads;
  const r = fn();
  expect(cuda.fallbacks(), 'CPU fallbacks').to.deep.equal({});
  expect(cuda.traffic().downloads - before, 'readbacks').to.equal(downloads);
  return r;
}

/** Live device buffers now. */
export const liveBuffers = (): number => cuda.memory().buffers;
