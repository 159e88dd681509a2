/**
 * Shared helpers of the reduction, scan and sort families: TH's dim checks and `real` rounding,
 * TH_TENSOR_DIM_APPLY (one call per slice along a dim), and the `[resval, resind,] x, ...` argument
 * forms of the ops that return values and indices.
 */
import { TorchError, argError } from '../errors.js';
import { checkSameType, torchTypeName } from '../dispatch.js';
import { LongTensor, type Tensor } from '../Tensor.js';
import type { TypeInfo } from '../types.js';

/**
 * The `real` arithmetic of TH for a value about to be stored or used as an element: rounds to float32
 * for Float, turns -0 into 0 for Long (an int64 has no -0), and is the identity otherwise.
 */
export function realRound(kind: TypeInfo): (x: number) => number {
  if (kind.key === 'Float') return Math.fround;
  if (kind.key === 'Long') return (x: number) => x + 0;
  return (x: number) => x;
}

/**
 * A 1-based dim argument (cwrap's `index` type truncates it, as `(long)lua_tonumber(L, i) - 1`)
 * checked against `t`: returns the 0-based dim or throws `bad argument #argn to 'fn' (msg)`, where
 * `%d` in `msg` stands for the dim as given.
 */
export function dimArg(t: Tensor, dim: number, argn: number, fn: string, msg: string): number {
  const d = Math.trunc(dim) - 1;
  if (!(d >= 0 && d < t._size.length)) throw argError(argn, fn, msg.replace('%d', String(d + 1)));
  return d;
}

/** The sizes of `t` with dim `d` (0-based) set to `n` (1 by default): the shape a reduction keeps. */
export function withDim(t: Tensor, d: number, n = 1): number[] {
  const s = t._size.slice();
  s[d] = n;
  return s;
}

/**
 * TH_TENSOR_DIM_APPLY: calls `fn(offs)` once per slice along dim `d` (0-based) of the tensors in
 * `ts` (same sizes apart from dim `d`), with `offs[i]` the storage offset of the slice of `ts[i]`.
 * `offs` is one array reused for every call. Slices are visited in row-major order.
 */
export function dimApply(ts: readonly Tensor[], d: number, fn: (offs: number[]) => void): void {
  const t0 = ts[0];
  const nd = t0._size.length;
  for (const t of ts) {
    if (t._size.length !== nd) throw new TorchError(`inconsistent tensor size, expected ${ts.map(sizeDesc).join(', ')} to have the same number of dimensions`);
    for (let k = 0; k < nd; k++) {
      if (k !== d && t._size[k] !== t0._size[k]) {
        throw new TorchError(`Expected ${ts.map(sizeDesc).join(', ')} to have the same size in dimension ${d}`);
      }
    }
  }
  const dims: number[] = [];
  for (let k = 0; k < nd; k++) if (k !== d) dims.push(k);
  const offs = ts.map((t) => t.offset);
  const counter = new Array<number>(dims.length).fill(0);
  let total = 1;
  for (const k of dims) total *= t0._size[k];
  const nt = ts.length;
  for (let n = 0; n < total; n++) {
    fn(offs);
    for (let j = dims.length - 1; j >= 0; j--) {
      const k = dims[j];
      counter[j]++;
      for (let q = 0; q < nt; q++) offs[q] += ts[q]._stride[k];
      if (counter[j] < t0._size[k]) break;
      for (let q = 0; q < nt; q++) offs[q] -= counter[j] * ts[q]._stride[k];
      counter[j] = 0;
    }
  }
}

/** TH's size description: `[2 x 3]`. */
export function sizeDesc(t: Tensor): string {
  return `[${t._size.join(' x ')}]`;
}

/** Torch's "invalid arguments" error for a call whose arguments match no form. */
export function invalidArgs(fn: string, args: readonly unknown[], expected: string): TorchError {
  const got = args.map(torchTypeName).join(' ') || 'no arguments';
  return new TorchError(`invalid arguments to '${fn}': ${got}\nexpected arguments: ${expected}`);
}

/** Throws "invalid arguments" unless `t` is a FloatTensor or DoubleTensor (TH defines `fn` for those only). */
export function requireFloat(fn: string, t: Tensor, args: readonly unknown[], expected: string): void {
  if (!t.kind.isFloat) throw invalidArgs(fn, args, expected);
}

/** The tensors of a `[resval, resind,] x, ...` call, resolved as cwrap resolves them. */
export interface ValIdxArgs {
  values: Tensor;
  indices: LongTensor;
  x: Tensor;
  /** The arguments after x. */
  rest: unknown[];
}

/**
 * Resolves `[resval, resind,] x, ...rest`: `nres` (0, 1 or 2) result tensors lead. With one, it is
 * the values result when it has x's type, else the indices result when it is a LongTensor (cwrap
 * tries those variants in that order). Missing results are allocated.
 */
export function valIdxArgs(fn: string, nres: number, args: unknown[], expected: string): ValIdxArgs {
  const x = args[nres] as Tensor;
  const rest = args.slice(nres + 1);
  let values: Tensor | undefined, indices: Tensor | undefined;
  if (nres === 2) {
    values = args[0] as Tensor;
    indices = args[1] as Tensor;
  } else if (nres === 1) {
    const r = args[0] as Tensor;
    if (r.kind === x.kind) values = r;
    else indices = r;
  }
  if (values) checkSameType(fn, values, x);
  if (indices && !(indices instanceof LongTensor)) throw invalidArgs(fn, args, expected);
  return { values: values ?? x.new(), indices: (indices as LongTensor) ?? new LongTensor(), x, rest };
}

/**
 * typed-function signatures for every `[resval, resind,] Tensor<tail>` form: `tails` are the
 * signature tails after x (e.g. `', number'`); `impl` gets the resolved tensors and the tail values.
 */
export function valIdxSigs(fn: string, tails: readonly string[], expected: string,
  impl: (a: ValIdxArgs) => unknown): Record<string, (...args: any[]) => unknown> {
  const sigs: Record<string, (...args: any[]) => unknown> = {};
  for (let nres = 0; nres <= 2; nres++) {
    for (const tail of tails) {
      sigs['Tensor, '.repeat(nres) + 'Tensor' + tail] = (...args: unknown[]) => impl(valIdxArgs(fn, nres, args, expected));
    }
  }
  return sigs;
}
