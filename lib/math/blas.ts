/**
 * The tensor-level BLAS family of THTensorMath.c: dot, addmv, addmm, addr, addbmm, baddbmm, and the
 * zeroed-result forms mv, mm, bmm, ger. The kernels pick transpose flags and leading dimensions from
 * the strides exactly as TH does (a row-major result is computed as its transpose in column-major
 * BLAS), so contiguous and transposed operands reach the BLAS routines without a copy; only strides
 * BLAS cannot express (no unit stride, a zero stride from expand, an overlapping view) are copied.
 */
import { runs1, runs2 } from '../apply.js';
import * as blas from '../blas/index.js';
import { checkSameType, defineOp, defineResultOp, deviceAware, typed, type TorchFunction } from '../dispatch.js';
import { argCheck, argError, TorchError } from '../errors.js';
import { Tensor } from '../Tensor.js';
import type { TypedArray, TypeInfo, TypeKey } from '../types.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.dot(a, b)`: the sum of a*b over elements in row-major order (same nElement), a number.
     * @example torch.dot(torch.Tensor([1, 2]), torch.Tensor([3, 4])) // 11 */
    dot: TorchFunction;
    /** `torch.addmv([res,] [v1,] vec, [v2,] mat, vec2)`: res = v1*vec + v2*(mat @ vec2).
     * @example torch.addmv(y, A, x) // y + A x */
    addmv: TorchFunction;
    /** `torch.addmm([res,] [v1,] M, [v2,] mat1, mat2)`: res = v1*M + v2*(mat1 @ mat2).
     * @example torch.addmm(0.5, M, 2, A, B) // 0.5 M + 2 A B */
    addmm: TorchFunction;
    /** `torch.addr([res,] [v1,] M, [v2,] vec1, vec2)`: res = v1*M + v2*(vec1 ⊗ vec2).
     * @example torch.addr(M, x, y) // M + x y' */
    addr: TorchFunction;
    /** `torch.addbmm([res,] [v1,] M, [v2,] batch1, batch2)`: res = v1*M + v2*Σ_b batch1[b] @ batch2[b].
     * @example torch.addbmm(M, b1, b2) // b1: b x n x k, b2: b x k x m, M: n x m */
    addbmm: TorchFunction;
    /** `torch.baddbmm([res,] [v1,] M, [v2,] batch1, batch2)`: res[b] = v1*M[b] + v2*(batch1[b] @ batch2[b]).
     * @example torch.baddbmm(M, b1, b2) // M: b x n x m */
    baddbmm: TorchFunction;
    /** `torch.mv([res,] mat, vec)`: the matrix-vector product.
     * @example torch.mv(A, x) */
    mv: TorchFunction;
    /** `torch.mm([res,] mat1, mat2)`: the matrix product.
     * @example torch.mm(A, B) */
    mm: TorchFunction;
    /** `torch.bmm([res,] batch1, batch2)`: the batched matrix product (b x n x k by b x k x m).
     * @example torch.bmm(b1, b2) */
    bmm: TorchFunction;
    /** `torch.ger([res,] vec1, vec2)`: the outer product.
     * @example torch.ger(x, y) // x y' */
    ger: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `a.dot(b)`: the dot product of two tensors with the same number of elements (a number). */
    dot(t: Tensor): number;
    /** `y.addmv([v2,] mat, vec)` in place (y += v2 mat vec); `r.addmv(M, [v2,] mat, vec)`; `r.addmv(v1, [M,] v2, mat, vec)`. */
    addmv(...args: (Tensor | number)[]): this;
    /** `M.addmm([v2,] m1, m2)` in place (M += v2 m1 m2); `r.addmm(M, [v2,] m1, m2)`; `r.addmm(v1, [M,] v2, m1, m2)`.
     * @example C.addmm(A, B) // C = C + A B */
    addmm(...args: (Tensor | number)[]): this;
    /** `M.addr([v2,] x, y)` in place (M += v2 x y'); `r.addr(M, [v2,] x, y)`; `r.addr(v1, [M,] v2, x, y)`. */
    addr(...args: (Tensor | number)[]): this;
    /** `M.addbmm([v2,] b1, b2)` in place; `r.addbmm(M, [v2,] b1, b2)`; `r.addbmm(v1, [M,] v2, b1, b2)`. */
    addbmm(...args: (Tensor | number)[]): this;
    /** `M.baddbmm([v2,] b1, b2)` in place; `r.baddbmm(M, [v2,] b1, b2)`; `r.baddbmm(v1, [M,] v2, b1, b2)`. */
    baddbmm(...args: (Tensor | number)[]): this;
    /** `r.mv(mat, vec)`: r = mat vec (r resized). */
    mv(mat: Tensor, vec: Tensor): this;
    /** `r.mm(m1, m2)`: r = m1 m2 (r resized; r must not be m1 or m2, as in Torch). */
    mm(m1: Tensor, m2: Tensor): this;
    /** `r.bmm(b1, b2)`: r[b] = b1[b] b2[b]. */
    bmm(b1: Tensor, b2: Tensor): this;
    /** `r.ger(x, y)`: r = x y'. */
    ger(x: Tensor, y: Tensor): this;
  }
}

/** The BLAS routines used, through an object so that specs can watch the calls. */
export const kernels = { gemm: blas.gemm, gemv: blas.gemv, ger: blas.ger, dot: blas.dot };

type Trans = 'n' | 't';
const desc = (t: Tensor): string => `[${t._size.join(' x ')}]`;
const data = (t: Tensor): TypedArray => t._storage.data;

/** TH's resize: a no-op when the sizes already match (the strides of a view are kept). */
function resizeTo(t: Tensor, sizes: number[]): void {
  if (t._size.length !== sizes.length || t._size.some((s, i) => s !== sizes[i])) t.resizeNd(sizes);
}

const scratch = {} as Record<TypeKey, TypedArray>;
/** A number as C casts it to the element type (cwrap reads `real` arguments this way). */
function toReal(kind: TypeInfo, v: number): number {
  if (kind.key === 'Double') return v;
  if (kind.key === 'Float') return Math.fround(v);
  if (kind.key === 'Long') return Math.trunc(v);
  const s = (scratch[kind.key] ??= new kind.Array(1));
  s[0] = Math.trunc(v);
  return s[0];
}

/** The leading dimension `ld` is acceptable to BLAS for a rows x cols column-major block. */
const ldOk = (ld: number, rows: number, cols: number): boolean => cols === 1 || ld >= Math.max(1, rows);

/** THTensor_(size) with its range check. */
function thSize(t: Tensor, d: number, fn: string): number {
  argCheck(d < t._size.length, 2, fn, `dimension ${d + 1} out of range of ${t._size.length}D tensor`);
  return t._size[d];
}

/** r = beta*t + alpha*(m1 @ m2) (THTensor_addmm). */
export function addmm(r: Tensor, beta: number, t: Tensor, alpha: number, m1: Tensor, m2: Tensor): Tensor {
  if (m1.dim() !== 2 || m2.dim() !== 2) throw new TorchError(`matrices expected, got ${m1.dim()}D, ${m2.dim()}D tensors`);
  if (m1._size[1] !== m2._size[0]) throw new TorchError(`size mismatch, m1: ${desc(m1)}, m2: ${desc(m2)}`);
  if (t.dim() !== 2) throw new TorchError(`matrix expected, got ${t.dim()}D tensor for t`);
  if (t._size[0] !== m1._size[0] || t._size[1] !== m2._size[1]) {
    throw new TorchError(`size mismatch, t: ${desc(t)}, m1: ${desc(m1)}, m2: ${desc(m2)}`);
  }
  beta = toReal(r.kind, beta);
  alpha = toReal(r.kind, alpha);
  if (t !== r) {
    resizeTo(r, t._size);
    if (beta !== 0) r.copy(t);
  }
  // The result: column-major as it is ('n'), or row-major, computed as its transpose ('t').
  const [rs0, rs1] = r._stride, [rz0, rz1] = r._size;
  let tr: Trans, rr = r;
  if (rs0 === 1 && rs1 !== 0 && ldOk(rs1, rz0, rz1)) tr = 'n';
  else if (rs1 === 1 && rs0 !== 0 && ldOk(rs0, rz1, rz0)) { tr = 't'; [m1, m2] = [m2, m1]; }
  else { tr = 'n'; rr = r.transpose(1, 2).clone().transpose(1, 2); }
  const i0 = tr === 'n' ? 0 : 1, i1 = 1 - i0;
  const m = rr._size[i0], n = rr._size[i1], k = m1._size[i1];
  // An operand is used in place when one of its strides is 1 and the other a valid leading dimension.
  const operand = (x: Tensor, rows: number, cols: number): [Trans, Tensor, number] => {
    const s0 = x._stride[i0], s1 = x._stride[i1];
    if (s0 === 1 && s1 !== 0 && ldOk(s1, rows, cols)) return ['n', x, s1];
    if (s1 === 1 && s0 !== 0 && ldOk(s0, cols, rows)) return ['t', x, s0];
    const c = x.contiguous(); // row-major: its leading dimension is its number of columns
    return [tr === 'n' ? 't' : 'n', c, c._size[1]];
  };
  const [ta, a, lda] = operand(m1, m, k);
  const [tb, b, ldb] = operand(m2, k, n);
  kernels.gemm(ta, tb, m, n, k, alpha, data(a), a.offset, lda, data(b), b.offset, ldb,
    beta, data(rr), rr.offset, rr._stride[i1]);
  if (rr !== r) r.copy(rr);
  return r;
}

/** r = beta*t + alpha*(mat @ vec) (THTensor_addmv). */
export function addmv(r: Tensor, beta: number, t: Tensor, alpha: number, mat: Tensor, vec: Tensor): Tensor {
  if (mat.dim() !== 2 || vec.dim() !== 1) throw new TorchError(`matrix and vector expected, got ${mat.dim()}D, ${vec.dim()}D`);
  if (mat._size[1] !== vec._size[0]) throw new TorchError(`size mismatch, ${desc(mat)}, ${desc(vec)}`);
  if (t.dim() !== 1) throw new TorchError(`vector expected, got t: ${t.dim()}D`);
  if (t._size[0] !== mat._size[0]) throw new TorchError(`size mismatch, t: ${desc(t)}, mat: ${desc(mat)}`);
  beta = toReal(r.kind, beta);
  alpha = toReal(r.kind, alpha);
  if (r !== t) {
    resizeTo(r, t._size);
    r.copy(t);
  }
  const [z0, z1] = mat._size, [s0, s1] = mat._stride;
  const go = (trans: Trans, rows: number, cols: number, a: Tensor, lda: number): void =>
    kernels.gemv(trans, rows, cols, alpha, data(a), a.offset, lda, data(vec), vec.offset, vec._stride[0],
      beta, data(r), r.offset, r._stride[0]);
  if (s0 === 1 && ldOk(s1, z0, z1)) go('n', z0, z1, mat, s1);
  else if (s1 === 1 && ldOk(s0, z1, z0)) go('t', z1, z0, mat, s0);
  else { const c = mat.contiguous(); go('t', z1, z0, c, z1); }
  return r;
}

/** x *= v in place (THTensor_mul with r == t). */
function scale(x: Tensor, v: number): void {
  const d = data(x), int32 = x.kind.key === 'Int';
  runs1(x, (o, s, len) => {
    if (int32) for (let i = 0; i < len; i++, o += s) d[o] = Math.imul(d[o], v);
    else for (let i = 0; i < len; i++, o += s) d[o] = d[o] * v;
  });
}

/** r = beta*t + alpha*(vec1 ⊗ vec2) (THTensor_addr). */
export function addr(r: Tensor, beta: number, t: Tensor, alpha: number, vec1: Tensor, vec2: Tensor): Tensor {
  if (vec1.dim() !== 1 || vec2.dim() !== 1) {
    throw new TorchError(`vector and vector expected, got ${vec1.dim()}D, ${vec2.dim()}D tensors`);
  }
  if (t.dim() !== 2) throw new TorchError(`expected matrix, got ${t.dim()}D tensor for t`);
  if (t._size[0] !== vec1._size[0] || t._size[1] !== vec2._size[0]) {
    throw new TorchError(`size mismatch, t: ${desc(t)}, vec1: ${desc(vec1)}, vec2: ${desc(vec2)}`);
  }
  beta = toReal(r.kind, beta);
  alpha = toReal(r.kind, alpha);
  if (r !== t) {
    resizeTo(r, t._size);
    r.copy(t);
  }
  if (beta === 0) r.zero();
  else if (beta !== 1) scale(r, beta);
  const m = vec1._size[0], n = vec2._size[0], [s0, s1] = r._stride;
  const go = (x: Tensor, y: Tensor, a: Tensor, lda: number): void =>
    kernels.ger(x._size[0], y._size[0], alpha, data(x), x.offset, x._stride[0], data(y), y.offset, y._stride[0],
      data(a), a.offset, lda);
  if (s0 === 1 && ldOk(s1, m, n)) go(vec1, vec2, r, s1);
  else if (s1 === 1 && ldOk(s0, n, m)) go(vec2, vec1, r, s0);
  else {
    const c = r.clone();
    go(vec2, vec1, c, n);
    r.copy(c);
  }
  return r;
}

/** The checks THTensor_addbmm and THTensor_baddbmm share. */
function checkBatches(fn: string, b1: Tensor, b2: Tensor, got: boolean): void {
  argCheck(b1.dim() === 3, 1, fn, got ? `expected 3D tensor, got ${b1.dim()}D` : 'expected 3D tensor');
  argCheck(b2.dim() === 3, 2, fn, got ? `expected 3D tensor, got ${b2.dim()}D` : 'expected 3D tensor');
  argCheck(b1._size[0] === b2._size[0], 2, fn, `equal number of batches expected, got ${b1._size[0]}, ${b2._size[0]}`);
  argCheck(b1._size[2] === b2._size[1], 2, fn,
    `wrong matrix size, batch1: ${b1._size[1]}x${b1._size[2]}, batch2: ${b2._size[1]}x${b2._size[2]}`);
}

/** r = beta*t + alpha*Σ_b b1[b] @ b2[b] (THTensor_addbmm). */
export function addbmm(r: Tensor, beta: number, t: Tensor, alpha: number, b1: Tensor, b2: Tensor): Tensor {
  checkBatches('addbmm', b1, b2, false);
  argCheck(thSize(t, 0, 'addbmm') === b1._size[1], 1, 'addbmm', 'output tensor of incorrect size');
  argCheck(thSize(t, 1, 'addbmm') === b2._size[2], 1, 'addbmm', 'output tensor of incorrect size');
  beta = toReal(r.kind, beta);
  if (t !== r) {
    resizeTo(r, t._size);
    if (beta !== 0) r.copy(t);
  }
  for (let b = 1; b <= b1._size[0]; b++) {
    addmm(r, beta, r, alpha, b1.selectTensor(1, b), b2.selectTensor(1, b));
    beta = 1;
  }
  return r;
}

/** r[b] = beta*t[b] + alpha*(b1[b] @ b2[b]) (THTensor_baddbmm). */
export function baddbmm(r: Tensor, beta: number, t: Tensor, alpha: number, b1: Tensor, b2: Tensor): Tensor {
  checkBatches('baddbmm', b1, b2, true);
  argCheck(thSize(t, 0, 'baddbmm') === b1._size[0], 1, 'baddbmm', 'output tensor of incorrect size');
  argCheck(thSize(t, 1, 'baddbmm') === b1._size[1], 1, 'baddbmm', 'output tensor of incorrect size');
  argCheck(thSize(t, 2, 'baddbmm') === b2._size[2], 1, 'baddbmm', 'output tensor of incorrect size');
  beta = toReal(r.kind, beta);
  if (t !== r) {
    resizeTo(r, t._size);
    if (beta !== 0) r.copy(t);
  }
  for (let b = 1; b <= b1._size[0]; b++) {
    const rb = r.selectTensor(1, b);
    addmm(rb, beta, rb, alpha, b1.selectTensor(1, b), b2.selectTensor(1, b));
  }
  return r;
}

/** The dot product, accumulated as accreal; each BLAS run's result is cast to real first, as in TH. */
export function dot(x: Tensor, y: Tensor): number {
  checkSameType('dot', x, y);
  const n = x.nElement(), m = y.nElement();
  if (n !== m) {
    throw new TorchError(`inconsistent tensor size, expected tensor ${desc(x)} and src ${desc(y)} to have the same ` +
      `number of elements, but got ${n} and ${m} elements respectively`);
  }
  const kind = x.kind, dx = data(x), dy = data(y);
  let sum = 0;
  runs2(x, y, (ox, sx, oy, sy, len) => { sum += toReal(kind, kernels.dot(len, dy, oy, sy, dx, ox, sx)); });
  return sum;
}

type Kernel = (r: Tensor, beta: number, t: Tensor, alpha: number, x: Tensor, y: Tensor) => Tensor;

/** Installs `x[name]` from typed-function signatures whose first parameter is self. */
function method(name: string, sigs: Record<string, (...a: any[]) => unknown>): void {
  const fn = typed(name, sigs);
  Object.defineProperty(Tensor.prototype, name, {
    value: function (this: Tensor, ...args: unknown[]) { return fn(this, ...args); },
    writable: true, configurable: true, enumerable: false,
  });
}

/** The `add*` op: TensorMath.lua's interface wrap plus its two method wraps (self is the result). */
function defineAdd(name: string, kernel: Kernel): void {
  // device tensors reach the device op as (r, beta, t, alpha, x, y), whatever form was called
  const k = deviceAware(name, 'r, beta, t, alpha, x, y', (r: Tensor, v1: number, t: Tensor, v2: number, x: Tensor, y: Tensor): Tensor => {
    checkSameType(name, r, t, x, y);
    return kernel(r, v1, t, v2, x, y);
  });
  defineResultOp(name, {
    'Tensor, Tensor, Tensor': (r: Tensor, t: Tensor, x: Tensor, y: Tensor) => k(r, 1, t, 1, x, y),
    'number, Tensor, Tensor, Tensor': (r: Tensor, v1: number, t: Tensor, x: Tensor, y: Tensor) => k(r, v1, t, 1, x, y),
    'Tensor, number, Tensor, Tensor': (r: Tensor, t: Tensor, v2: number, x: Tensor, y: Tensor) => k(r, 1, t, v2, x, y),
    'number, Tensor, number, Tensor, Tensor': k,
  }, 'none', undefined, true);
  method(name, {
    'Tensor, Tensor, Tensor': (s: Tensor, x: Tensor, y: Tensor) => k(s, 1, s, 1, x, y),
    'Tensor, Tensor, Tensor, Tensor': (s: Tensor, t: Tensor, x: Tensor, y: Tensor) => k(s, 1, t, 1, x, y),
    'Tensor, number, Tensor, Tensor': (s: Tensor, v2: number, x: Tensor, y: Tensor) => k(s, 1, s, v2, x, y),
    'Tensor, Tensor, number, Tensor, Tensor': (s: Tensor, t: Tensor, v2: number, x: Tensor, y: Tensor) => k(s, 1, t, v2, x, y),
    'Tensor, number, Tensor, number, Tensor, Tensor': k,
    'Tensor, number, number, Tensor, Tensor': (s: Tensor, v1: number, v2: number, x: Tensor, y: Tensor) => k(s, v1, s, v2, x, y),
  });
}
defineAdd('addmv', addmv);
defineAdd('addmm', addmm);
defineAdd('addr', addr);
defineAdd('addbmm', addbmm);
defineAdd('baddbmm', baddbmm);

/**
 * The zeroed-result op (`mm` = resize, zero, then `addmm(res, beta, res, 1, x, y)`), as TensorMath.lua's
 * wraps of mv, mm, bmm and ger do; `check` runs first (cwrap checks the dims before resizing).
 */
function defineZeroed(name: string, kernel: Kernel, beta: number, check: (x: Tensor, y: Tensor) => void,
  sizes: (x: Tensor, y: Tensor) => number[]): void {
  // hooked once, so the function and the method forms both reach a device op
  const k = deviceAware(name, 'Tensor, Tensor', (r: Tensor, x: Tensor, y: Tensor): Tensor => {
    checkSameType(name, r, x, y);
    check(x, y);
    resizeTo(r, sizes(x, y));
    r.zero();
    return kernel(r, beta, r, 1, x, y);
  });
  defineResultOp(name, { 'Tensor, Tensor': k }, 'none', undefined, true);
  method(name, { 'Tensor, Tensor, Tensor': k });
}
const dims = (msg: (a: number, b: number) => string, da: number, db: number) => (x: Tensor, y: Tensor): void => {
  if (x.dim() !== da || y.dim() !== db) throw new TorchError(msg(x.dim(), y.dim()));
};
defineZeroed('mv', addmv, 0, dims((a, b) => `matrix and vector expected, got ${a}D, ${b}D`, 2, 1),
  (x) => [x._size[0]]);
defineZeroed('mm', addmm, 0, dims((a, b) => `matrices expected, got ${a}D, ${b}D tensors`, 2, 2),
  (x, y) => [x._size[0], y._size[1]]);
defineZeroed('ger', addr, 1, dims((a, b) => `vector and vector expected, got ${a}D, ${b}D tensors`, 1, 1),
  (x, y) => [x._size[0], y._size[0]]);
defineZeroed('bmm', baddbmm, 0, (x, y) => {
  if (x.dim() !== 3) throw argError(1, 'baddbmm', `expected 3D tensor, got ${x.dim()}D`);
  if (y.dim() !== 3) throw argError(2, 'baddbmm', `expected 3D tensor, got ${y.dim()}D`);
}, (x, y) => [x._size[0], x._size[1], y._size[2]]);

defineOp('dot', { 'Tensor, Tensor': dot }, 'input');
