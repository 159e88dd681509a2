/**
 * Device BLAS TensorMath: addmm, addmv, addr, addbmm, baddbmm (the device op gets `(r, beta, t, alpha,
 * x, y)`), their zeroed-result forms mm, mv, ger, bmm (`(r, x, y)`), and dot. Semantics are the CPU
 * kernel's (lib/math/blas.ts): r is resized to t's sizes, beta = 0 ignores t (NaNs included), and
 * transposed or strided operands are read in place. Arguments the CPU kernel would reject are declined,
 * so the CPU raises Torch's error.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import { commit } from '../kernels/commit.js';
import { gemm, type GemmSpec, type MatOperand } from '../kernels/gemm.js';
import { sumOf } from '../kernels/gemmDot.js';
import { registerOp, sameDevice } from './run.js';

type Declined = typeof DECLINE;

/** TH's resize: a no-op when the sizes already match (the strides of a view are kept). */
function resizeTo(t: Tensor, sizes: number[]): void {
  if (t._size.length !== sizes.length || t._size.some((s, i) => s !== sizes[i])) t.resizeNd(sizes);
}

/** t as a matrix operand: its dims `row`, `col` and `batch` (-1: a missing dim, stride 0), read in place. */
function mat(t: Tensor, row: number, col: number, batch = -1): MatOperand {
  const s = (d: number): number => (d < 0 ? 0 : t._stride[d]);
  return { buf: (t._storage as CudaStorage).deviceBuffer(), off: t.offset, s0: s(row), s1: s(col), sb: s(batch) };
}

/** r = alpha * product (+ beta * t), written into r (already sized like t); t is not read when beta is 0. */
function run(r: Tensor, g: Omit<GemmSpec, 'alpha' | 'beta' | 't'>, beta: number, t: Tensor, alpha: number): Tensor {
  if (r.nElement() === 0) return r;
  const ctx = (r._storage as CudaStorage).ctx;
  const h = gemm(ctx, { ...g, alpha: Math.fround(alpha), beta: Math.fround(beta), t });
  return commit(r, h);
}

/** Resizes r to t's sizes as the CPU kernel does (when r is not t). */
function prepare(r: Tensor, t: Tensor): void { if (r !== t) resizeTo(r, t._size); }

function addmm(r: Tensor, beta: number, t: Tensor, alpha: number, m1: Tensor, m2: Tensor): Tensor | Declined {
  if (!sameDevice(r, t, m1, m2) || m1.dim() !== 2 || m2.dim() !== 2 || t.dim() !== 2) return DECLINE;
  const [m, k] = m1._size, n = m2._size[1];
  if (m2._size[0] !== k || t._size[0] !== m || t._size[1] !== n) return DECLINE;
  prepare(r, t);
  return run(r, { nb: 1, m, n, k, fold: 1, a: mat(m1, 0, 1), b: mat(m2, 0, 1) }, beta, t, alpha);
}

function addmv(r: Tensor, beta: number, t: Tensor, alpha: number, a: Tensor, x: Tensor): Tensor | Declined {
  if (!sameDevice(r, t, a, x) || a.dim() !== 2 || x.dim() !== 1 || t.dim() !== 1) return DECLINE;
  const [m, k] = a._size;
  if (x._size[0] !== k || t._size[0] !== m) return DECLINE;
  prepare(r, t);
  return run(r, { nb: 1, m, n: 1, k, fold: 1, a: mat(a, 0, 1), b: mat(x, 0, -1) }, beta, t, alpha);
}

function addr(r: Tensor, beta: number, t: Tensor, alpha: number, x: Tensor, y: Tensor): Tensor | Declined {
  if (!sameDevice(r, t, x, y) || x.dim() !== 1 || y.dim() !== 1 || t.dim() !== 2) return DECLINE;
  const m = x._size[0], n = y._size[0];
  if (t._size[0] !== m || t._size[1] !== n) return DECLINE;
  prepare(r, t);
  return run(r, { nb: 1, m, n, k: 1, fold: 1, a: mat(x, 0, -1), b: mat(y, -1, 0) }, beta, t, alpha);
}

/** The argument checks of THTensor_addbmm / baddbmm (any failure: the CPU raises the error). */
function batchesOk(b1: Tensor, b2: Tensor): boolean {
  return b1.dim() === 3 && b2.dim() === 3 && b1._size[0] === b2._size[0] && b1._size[2] === b2._size[1];
}

function addbmm(r: Tensor, beta: number, t: Tensor, alpha: number, b1: Tensor, b2: Tensor): Tensor | Declined {
  if (!sameDevice(r, t, b1, b2) || !batchesOk(b1, b2) || t.dim() !== 2) return DECLINE;
  const [nb, m, k] = b1._size, n = b2._size[2];
  if (t._size[0] !== m || t._size[1] !== n) return DECLINE;
  prepare(r, t);
  return run(r, { nb: 1, m, n, k, fold: nb, a: mat(b1, 1, 2, 0), b: mat(b2, 1, 2, 0) }, beta, t, alpha);
}

function baddbmm(r: Tensor, beta: number, t: Tensor, alpha: number, b1: Tensor, b2: Tensor): Tensor | Declined {
  if (!sameDevice(r, t, b1, b2) || !batchesOk(b1, b2) || t.dim() !== 3) return DECLINE;
  const [nb, m, k] = b1._size, n = b2._size[2];
  if (t._size[0] !== nb || t._size[1] !== m || t._size[2] !== n) return DECLINE;
  prepare(r, t);
  return run(r, { nb, m, n, k, fold: 1, a: mat(b1, 1, 2, 0), b: mat(b2, 1, 2, 0) }, beta, t, alpha);
}

type Add = (r: Tensor, beta: number, t: Tensor, alpha: number, x: Tensor, y: Tensor) => Tensor | Declined;
const ADD: Record<string, Add> = { addmm, addmv, addr, addbmm, baddbmm };
for (const [name, f] of Object.entries(ADD)) registerOp(name, { 'r, beta, t, alpha, x, y': f });

/**
 * The zeroed-result forms (TensorMath.lua's mm = resize, zero, then addmm(res, 0, res, 1, x, y); ger adds
 * to a zeroed res): the checks first, then r = product (beta = 0 never reads r). r === x or y (where
 * Torch's zeroing clobbers the operand) is left to the CPU, which reproduces that.
 */
function zeroed(name: string, add: Add, dims: [number, number], sizes: (x: Tensor, y: Tensor) => number[],
  ok: (x: Tensor, y: Tensor) => boolean): void {
  registerOp(name, {
    'Tensor, Tensor': (r: Tensor, x: Tensor, y: Tensor) => {
      if (!sameDevice(r, x, y) || r === x || r === y || x.dim() !== dims[0] || y.dim() !== dims[1] || !ok(x, y)) return DECLINE;
      resizeTo(r, sizes(x, y));
      return add(r, 0, r, 1, x, y);
    },
  });
}
zeroed('mm', addmm, [2, 2], (x, y) => [x._size[0], y._size[1]], (x, y) => x._size[1] === y._size[0]);
zeroed('mv', addmv, [2, 1], (x) => [x._size[0]], (x, y) => x._size[1] === y._size[0]);
zeroed('ger', addr, [1, 1], (x, y) => [x._size[0], y._size[0]], () => true);
zeroed('bmm', baddbmm, [3, 3], (x, y) => [x._size[0], x._size[1], y._size[2]], batchesOk);

registerOp('dot', {
  'Tensor, Tensor': (x: Tensor, y: Tensor) => {
    const n = x.nElement();
    if (!sameDevice(x, y) || n !== y.nElement()) return DECLINE;
    if (n === 0) return 0;
    return sumOf('va * vb', [x, y], [], n) ?? DECLINE;
  },
});
