/** Copies into a new shape: cat (THTensor_(catArray)), reshape, repeatTensor (torch7/Tensor.lua). */
import { newDefault } from '../defaults.js';
import { checkSameType, defineOp, type TorchFunction } from '../dispatch.js';
import { argCheck, check, TorchError } from '../errors.js';
import { readSizes, Tensor } from '../Tensor.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /**
     * `torch.cat([res,] a, b[, dim])` or `torch.cat([res,] [a, b, ...][, dim])`: concatenation along dim
     * (default: the last dim of the input with the most dims). Empty tensors are skipped.
     * @example torch.cat(torch.ones(3, 2), torch.zeros(2, 2), 1) // 5x2
     */
    cat: TorchFunction;
    /**
     * `torch.reshape([res,] x, sizes...)`: a copy of x's elements (row-major) with the given sizes.
     * @example torch.reshape(torch.range(1, 6), 2, 3)
     */
    reshape: TorchFunction;
    /**
     * `torch.repeatTensor([res,] x, sizes...)`: x tiled `sizes[i]` times along dim i (a copy); more sizes
     * than dims prepend dims.
     * @example torch.repeatTensor(torch.Tensor([1, 2]), 3, 2) // 3x4
     */
    repeatTensor: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.cat(y[, dim])` allocates the concatenation of x and y; `res.cat(a, b[, dim])` / `res.cat([a, b...][, dim])` write into res. */
    cat(...args: unknown[]): Tensor;
    /** `x.reshape(sizes...)` allocates a reshaped copy; `res.reshape(x, sizes...)` writes into res. */
    reshape(...args: unknown[]): Tensor;
    /** `x.repeatTensor(sizes...)` allocates x tiled; `res.repeatTensor(x, sizes...)` writes into res. */
    repeatTensor(...args: unknown[]): Tensor;
  }
}

// ---- cat ------------------------------------------------------------------------------------

/**
 * THTensor_(catArray). `dimension` is 0-based, as TH gets it from cwrap's `index` type: -2 (Lua's
 * default -1) means the last dim of the input with the most dims.
 */
function catArray(res: Tensor, inputs: Tensor[], dimension: number): Tensor {
  let maxDim = dimension + 1;
  for (const t of inputs) maxDim = Math.max(maxDim, t._size.length);
  const catDim = dimension === -2 ? (maxDim ? maxDim - 1 : 0) : dimension;
  argCheck(inputs.length > 0, 3, 'cat', `invalid number of inputs ${inputs.length}`);
  argCheck(catDim >= 0, 4, 'cat', `invalid dimension ${dimension + 1}`);
  // A missing dim counts as 1 for a non-empty tensor and 0 for an empty one.
  const dimSize = (t: Tensor, i: number) => (i < t._size.length ? t._size[i] : Math.min(t._size.length, 1));
  const size = new Array<number>(maxDim);
  let allEmpty = true;
  for (let i = 0; i < maxDim; i++) {
    let s = dimSize(inputs[0], i);
    for (let j = 1; j < inputs.length; j++) {
      const sz = dimSize(inputs[j], i);
      if (i === catDim) s += sz;
      else if (s !== sz && s && sz) throw new TorchError('inconsistent tensor sizes');
      else if (!s) s = sz;
    }
    allEmpty = allEmpty && !s;
    size[i] = s;
  }
  if (allEmpty) return res;
  res.resizeNd(size);
  const dst = res._storage.data;
  if (catDim === 0 && res.isContiguous() && inputs.every((t) => t._size.length === 0 || t.isContiguous())) {
    let o = res.offset;
    for (const t of inputs) {
      const n = t.nElement();
      if (n === 0) continue;
      dst.set(t._storage.data.subarray(t.offset, t.offset + n), o);
      o += n;
    }
    return res;
  }
  let offset = 1;
  for (const t of inputs) {
    if (t._size.length === 0) continue;
    const n = catDim < t._size.length ? t._size[catDim] : 1;
    res.narrow(catDim + 1, offset, n).copy(t);
    offset += n;
  }
  return res;
}

/** cwrap's `index` argument: the Lua number minus one (C's (long) cast). */
const dimArg = (d: number | undefined): number => (d === undefined ? -2 : Math.trunc(d) - 1);

/** The tensors of a Lua-table argument, all of res's type ("expected DoubleTensor in tensor array"). */
function tensorArray(res: Tensor, arr: unknown[]): Tensor[] {
  for (const t of arr) {
    if (!(t instanceof Tensor) || t.kind !== res.kind) throw new TorchError(`expected ${res.kind.tensorName.slice(6)} in tensor array`);
  }
  return arr as Tensor[];
}

function catTable(res: Tensor | undefined, arr: unknown[], dim?: number): Tensor {
  if (arr.length === 0) throw new TorchError("invalid arguments to 'cat': empty table\nexpected arguments: [*Tensor*] Tensor Tensor [index] | [*Tensor*] {Tensor+} [index]");
  const r = res ?? (arr[0] instanceof Tensor ? arr[0].new() : newDefault());
  return catArray(r, tensorArray(r, arr), dimArg(dim));
}

function cat2(res: Tensor, a: Tensor, b: Tensor, dim?: number): Tensor {
  checkSameType('cat', res, a, b);
  return catArray(res, [a, b], dimArg(dim));
}

defineOp('cat', {
  'Tensor, Tensor': (a: Tensor, b: Tensor) => cat2(a.new(), a, b),
  'Tensor, Tensor, number': (a: Tensor, b: Tensor, d: number) => cat2(a.new(), a, b, d),
  'Tensor, Tensor, Tensor': (r: Tensor, a: Tensor, b: Tensor) => cat2(r, a, b),
  'Tensor, Tensor, Tensor, number': cat2,
  'Array': (arr: unknown[]) => catTable(undefined, arr),
  'Array, number': (arr: unknown[], d: number) => catTable(undefined, arr, d),
  'Tensor, Array': (r: Tensor, arr: unknown[]) => catTable(r, arr),
  'Tensor, Array, number': (r: Tensor, arr: unknown[], d: number) => catTable(r, arr, d),
}, 'input');

// ---- reshape --------------------------------------------------------------------------------

function reshape(res: Tensor, x: Tensor, sizes: unknown[]): Tensor {
  checkSameType('reshape', res, x);
  res.resizeNd(readSizes(sizes, 'reshape'));
  return res.copy(x);
}

defineOp('reshape', {
  'Tensor, ...number': (x: Tensor, ...s: number[]) => reshape(x.new(), x, s),
  'Tensor, LongStorage | Array': (x: Tensor, s: unknown) => reshape(x.new(), x, [s]),
  'Tensor, Tensor, ...number': (r: Tensor, x: Tensor, ...s: number[]) => reshape(r, x, s),
  'Tensor, Tensor, LongStorage | Array': (r: Tensor, x: Tensor, s: unknown) => reshape(r, x, [s]),
}, 'input');

// ---- repeatTensor -----------------------------------------------------------------------------

/**
 * Tensor.lua's repeatTensor: res gets sizes `xsize[i] * reps[i]` (x's sizes padded with leading 1s) and
 * every block is a copy of x. A res of another type gets converted values, as Lua's `copy` does.
 */
function repeatTensor(res: Tensor, x: Tensor, sizes: unknown[]): Tensor {
  const reps = readSizes(sizes, 'repeatTensor');
  check(reps.length >= x.dim(), 'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  reps.forEach((r, i) => argCheck(r > 0, i + 2, 'repeatTensor', 'repeat sizes must be positive'));
  const nd = reps.length;
  // An empty x acts as one element (Torch's is uninitialised memory; here it is 0).
  const xsize = new Array<number>(nd - x.dim()).fill(1).concat(x._size);
  const src = x.dim() === 0 ? res.new(1).zero()
    : x.kind === res.kind ? x.contiguous() : res.new().resizeAs(x).copy(x);
  const out = res.kind === src.kind && res !== x ? res : res.new();
  out.resizeNd(xsize.map((s, i) => s * reps[i]));
  const tiled = out.isContiguous() ? out : out.new();
  if (tiled !== out) tiled.resizeAs(out);
  tile(tiled._storage.data, tiled.offset, src._storage.data, src.offset, xsize, reps);
  if (tiled !== out) out.copy(tiled);
  if (out !== res) res.resizeAs(out).copy(out);
  return res;
}

/** Fills the contiguous block at `o` with `src` (contiguous, sizes xs) tiled reps[d] times along each dim d. */
function tile(dst: Tensor['_storage']['data'], o: number, src: Tensor['_storage']['data'], so: number, xs: number[], reps: number[]): void {
  const nd = xs.length;
  const outStride = new Array<number>(nd), srcStride = new Array<number>(nd);
  let os = 1, ss = 1;
  for (let d = nd - 1; d >= 0; d--) {
    outStride[d] = os; srcStride[d] = ss;
    os *= xs[d] * reps[d]; ss *= xs[d];
  }
  const fill = (d: number, oo: number, sOff: number): void => {
    if (d === nd - 1) {
      const len = xs[d];
      dst.set(src.subarray(sOff, sOff + len), oo);
      for (let k = 1; k < reps[d]; k++) dst.copyWithin(oo + k * len, oo, oo + len);
      return;
    }
    for (let j = 0; j < xs[d]; j++) fill(d + 1, oo + j * outStride[d], sOff + j * srcStride[d]);
    const span = xs[d] * outStride[d];
    for (let k = 1; k < reps[d]; k++) dst.copyWithin(oo + k * span, oo, oo + span);
  };
  fill(0, o, so);
}

defineOp('repeatTensor', {
  'Tensor, ...number': (x: Tensor, ...s: number[]) => repeatTensor(x.new(), x, s),
  'Tensor, LongStorage | Array': (x: Tensor, s: unknown) => repeatTensor(x.new(), x, [s]),
  'Tensor, Tensor, ...number': (r: Tensor, x: Tensor, ...s: number[]) => repeatTensor(r, x, s),
  'Tensor, Tensor, LongStorage | Array': (r: Tensor, x: Tensor, s: unknown) => repeatTensor(r, x, [s]),
}, 'input');
