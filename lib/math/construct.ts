/**
 * Constructors and extractors: range, linspace, logspace, eye, diag, tril, triu
 * (THTensorMath.c and their TensorMath.lua wraps).
 */
import { runs1 } from '../apply.js';
import { newDefault } from '../defaults.js';
import { checkSameType, defineOp, defineResultOp, type TorchFunction } from '../dispatch.js';
import { argCheck, argError, TorchError } from '../errors.js';
import { TENSORS, type Tensor } from '../Tensor.js';
import { typeInfoOf } from '../types.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /**
     * `torch.range([res,] x, y[, step=1])`: a 1-D tensor from x to y inclusive, `floor((y-x)/step)+1` elements.
     * A trailing type name picks the type, as Torch's dispatcher allows.
     * @example torch.range(2, 5, 1.2) // 2, 3.2, 4.4
     */
    range: TorchFunction;
    /** `torch.linspace([res,] a, b[, n=100])`: n equally spaced points from a to b (float/double only). */
    linspace: TorchFunction;
    /** `torch.logspace([res,] a, b[, n=100])`: n points from 10^a to 10^b, equally spaced in log (float/double only). */
    logspace: TorchFunction;
    /**
     * `torch.eye([res,] n[, m=n])`: the n x m identity matrix.
     * @example torch.eye(2, 3) // [[1, 0, 0], [0, 1, 0]]
     */
    eye: TorchFunction;
    /**
     * `torch.diag([res,] x[, k=0])`: vector -> square matrix with x on the k-th diagonal; matrix -> its k-th diagonal.
     * @example torch.diag(torch.Tensor([1, 2])) // [[1, 0], [0, 2]]
     */
    diag: TorchFunction;
    /** `torch.tril([res,] x[, k=0])`: the elements of the matrix x on and below the k-th diagonal, zeros elsewhere. */
    tril: TorchFunction;
    /** `torch.triu([res,] x[, k=0])`: the elements of the matrix x on and above the k-th diagonal, zeros elsewhere. */
    triu: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.range(a, b[, step])`: x becomes the range (resized to 1-D unless it already has that many elements). */
    range(a: number, b: number, step?: number): this;
    /** `x.linspace(a, b[, n=100])`: x becomes n equally spaced points. */
    linspace(a: number, b: number, n?: number): this;
    /** `x.logspace(a, b[, n=100])`: x becomes n points from 10^a to 10^b. */
    logspace(a: number, b: number, n?: number): this;
    /** `x.eye(n[, m])`: x becomes the n x m identity matrix. */
    eye(n: number, m?: number): this;
    /** `x.diag([k])` allocates (vector <-> diagonal); `res.diag(x[, k])` writes into res. */
    diag(k?: number): this;
    diag(x: Tensor, k?: number): this;
    /** `x.tril([k])` allocates the lower triangle; `res.tril(x[, k])` writes into res. */
    tril(k?: number): this;
    tril(x: Tensor, k?: number): this;
    /** `x.triu([k])` allocates the upper triangle; `res.triu(x[, k])` writes into res. */
    triu(k?: number): this;
    triu(x: Tensor, k?: number): this;
  }
}

/** A new tensor of the type named by Torch's trailing type-string argument (`'torch.FloatTensor'`). */
function ofType(name: string, fn: string): Tensor {
  const info = typeInfoOf(name);
  if (!info || !/Tensor$/.test(name)) throw argError(1, fn, `unknown tensor type '${name}'`);
  return new TENSORS[info.key]();
}

/** Torch's dispatcher error for a type the function does not exist for. */
function floatOnly(t: Tensor, fn: string): void {
  if (!t.kind.isFloat) throw new TorchError(`${t.kind.tensorName} does not implement the torch.${fn}() function`);
}

/** C's (long) cast of a Lua number. */
const toLong = (x: number): number => Math.trunc(x);

/**
 * Signatures of a constructor `fn([res,] ...numbers[, typename])` whose operands are `arities` numbers:
 * the functional forms use the default type (or the named one); `x.fn(...)` writes into x.
 */
function constructorOp(name: string, arities: number[], kernel: (res: Tensor, ...a: number[]) => Tensor): void {
  const sigs: Record<string, (...args: any[]) => Tensor> = {};
  for (const n of arities) {
    const nums = new Array<string>(n).fill('number').join(', ');
    sigs[nums] = (...a: number[]) => kernel(newDefault(), ...a);
    sigs[`${nums}, string`] = (...a: any[]) => kernel(ofType(a[n], name), ...a.slice(0, n));
    sigs[`Tensor, ${nums}`] = kernel;
  }
  defineOp(name, sigs, 'input');
}

// ---- range ----------------------------------------------------------------------------------

function range(res: Tensor, x: number, y: number, step = 1): Tensor {
  const k = res.kind;
  // accreal: double for float types, long (C truncation) for the integer types.
  if (!k.isFloat) { x = toLong(x); y = toLong(y); step = toLong(step); }
  argCheck(step > 0 || step < 0, 3, 'range', 'step must be a non-null number');
  argCheck((step > 0 && y >= x) || (step < 0 && y <= x), 2, 'range', 'upper bound and larger bound incoherent with step sign');
  const size = Math.trunc((y - x) / step + 1);
  argCheck(Number.isSafeInteger(size), 2, 'range', 'range too large');
  if (res.nElement() !== size) res.resize(size);
  const data = res._storage.data;
  const float32 = k.key === 'Float';
  let i = 0; // TH's `real i`: a float counter for FloatTensor
  runs1(res, (o, s, len) => {
    for (let j = 0; j < len; j++, o += s) {
      data[o] = x + i * step;
      i = float32 ? Math.fround(i + 1) : i + 1;
    }
  });
  return res;
}
constructorOp('range', [2, 3], range);

// ---- linspace / logspace ----------------------------------------------------------------------

function spaced(name: string, log: boolean) {
  return (res: Tensor, a: number, b: number, n = 100): Tensor => {
    floatOnly(res, name);
    const f = res.kind.key === 'Float' ? Math.fround : (v: number) => v;
    a = f(a); b = f(b); n = toLong(n);
    argCheck(n > 1 || (n === 1 && a === b), 3, name, 'invalid number of points');
    if (res.nElement() !== n) res.resize(n);
    const data = res._storage.data;
    const place = (e: number) => (log ? f(Math.pow(10, e)) : e);
    if (n === 1) {
      data[res.offset] = place(a);
      return res;
    }
    const width = f(b - a), denom = f(n - 1);
    let i = 0;
    runs1(res, (o, s, len) => {
      for (let j = 0; j < len; j++, o += s, i++) data[o] = place(f(a + f(f(i * width) / denom)));
    });
    return res;
  };
}
constructorOp('linspace', [2, 3], spaced('linspace', false));
constructorOp('logspace', [2, 3], spaced('logspace', true));

// ---- eye ------------------------------------------------------------------------------------

function eye(res: Tensor, n: number, m = 0): Tensor {
  n = toLong(n); m = toLong(m);
  argCheck(n > 0, 1, 'eye', 'invalid argument');
  if (m <= 0) m = n;
  res.resize(n, m).zero();
  const data = res._storage.data;
  const step = res._stride[0] + res._stride[1];
  for (let i = 0, o = res.offset; i < Math.min(n, m); i++, o += step) data[o] = 1;
  return res;
}
constructorOp('eye', [1, 2], eye);

// ---- diag -----------------------------------------------------------------------------------

function diag(res: Tensor, t: Tensor, k = 0): Tensor {
  checkSameType('diag', res, t);
  argCheck(t.dim() === 1 || t.dim() === 2, 1, 'diag', 'matrix or a vector expected');
  k = toLong(k);
  const src = t._storage.data;
  if (t.dim() === 1) {
    const n = t._size[0], ts = t._stride[0];
    const sz = n + Math.abs(k);
    res.resize(sz, sz).zero();
    const dst = res._storage.data;
    const step = res._stride[0] + res._stride[1];
    let o = res.offset + (k >= 0 ? k * res._stride[1] : -k * res._stride[0]);
    for (let i = 0, p = t.offset; i < n; i++, o += step, p += ts) dst[o] = src[p];
    return res;
  }
  const [r, c] = t._size;
  const sz = k >= 0 ? Math.min(r, c - k) : Math.min(r + k, c);
  res.resize(sz); // sz <= 0 leaves res empty, as TH's resize1d does
  if (sz <= 0) return res;
  const dst = res._storage.data;
  const rs = res._stride[0], step = t._stride[0] + t._stride[1];
  let p = t.offset + (k >= 0 ? k * t._stride[1] : -k * t._stride[0]);
  for (let i = 0, o = res.offset; i < sz; i++, o += rs, p += step) dst[o] = src[p];
  return res;
}
defineResultOp('diag', { 'Tensor': diag, 'Tensor, number': diag }, 'input');

// ---- tril / triu ----------------------------------------------------------------------------

function triangle(name: 'tril' | 'triu') {
  const lower = name === 'tril';
  return (res: Tensor, t: Tensor, k = 0): Tensor => {
    checkSameType(name, res, t);
    argCheck(t.dim() === 2, 1, name, 'expected a matrix');
    k = toLong(k);
    res.resizeAs(t);
    const [rows, cols] = t._size;
    const src = t._storage.data, dst = res._storage.data;
    const t0 = t._stride[0], t1 = t._stride[1], r0 = res._stride[0], r1 = res._stride[1];
    for (let r = 0; r < rows; r++) {
      // columns [0, edge) are kept by tril and zeroed by triu; [edge, cols) the other way round
      const edge = Math.max(0, Math.min(lower ? r + k + 1 : r + k, cols));
      const to = res.offset + r * r0, from = t.offset + r * t0;
      if (lower) {
        for (let c = edge; c < cols; c++) dst[to + c * r1] = 0;
        for (let c = 0; c < edge; c++) dst[to + c * r1] = src[from + c * t1];
      } else {
        for (let c = edge; c < cols; c++) dst[to + c * r1] = src[from + c * t1];
        for (let c = 0; c < edge; c++) dst[to + c * r1] = 0;
      }
    }
    return res;
  };
}
for (const name of ['tril', 'triu'] as const) {
  const k = triangle(name);
  defineResultOp(name, { 'Tensor': k, 'Tensor, number': k }, 'input');
}
