/**
 * What the conv, pooling and normalization device kernels share: kernel sources with named, typed
 * parameters; tensors seen as 5 logical dims (batch, channel, t, y, x) through their own strides; and
 * running a kernel into a result tensor. One compiled kernel serves every size, layout and stride.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { TorchError } from '../../lib/errors.js';
import type { CudaStorage } from '../CudaStorage.js';
import type { DeviceContext, Handle } from '../context.js';
import { commit } from './commit.js';

/** gpu.js argument types. */
export type ArgType = 'Array' | 'Integer' | 'Float';

/** Integer parameters by name. */
export const ints = (...names: string[]): Record<string, ArgType> => Object.fromEntries(names.map((n) => [n, 'Integer' as ArgType]));

/**
 * A tensor as 5 logical dims: `s` the strides that read logical coordinates, `m`/`n` the divisors and
 * sizes that recover the coordinates from a row-major index of the tensor (`floor(i / m) % n`).
 */
export interface View5 { buf: Handle; off: number; s: number[]; m: number[]; n: number[] }

/**
 * The logical layout of `t` as 5 dims: `groups[j]` lists the logical dims tensor dim j holds, outer to
 * inner (row-major inside the dim; `sizes` gives the logical sizes of packed dims). Logical dims in no
 * group have size 1. Reads no data (a result's layout).
 * @example
 * layout5(input4d, [[0], [1], [3], [4]]); // N x C x H x W as (b, c, t = 1, y, x)
 * layout5(weight2d, [[0], [1, 3, 4]], { 1: nIn, 3: kH, 4: kW }); // nOut x (nIn*kH*kW)
 */
export function layout5(t: Tensor, groups: readonly (readonly number[])[], sizes: Record<number, number> = {}): Omit<View5, 'buf' | 'off'> {
  if (groups.length !== t.dim()) throw new TorchError(`layout5: ${groups.length} groups for a ${t.dim()}-D tensor`);
  const s = [0, 0, 0, 0, 0], m = [1, 1, 1, 1, 1], n = [1, 1, 1, 1, 1];
  let outer = 1;
  for (let j = t.dim() - 1; j >= 0; j--) {
    const g = groups[j];
    let inner = 1;
    for (let k = g.length - 1; k >= 0; k--) {
      const d = g[k], size = g.length === 1 ? t._size[j] : sizes[d];
      if (size === undefined) throw new TorchError(`layout5: no size for packed logical dim ${d}`);
      s[d] = t._stride[j] * inner;
      m[d] = outer * inner;
      n[d] = size;
      inner *= size;
    }
    if (inner !== t._size[j]) throw new TorchError(`layout5: logical sizes ${inner} do not fill dim ${j + 1} of size ${t._size[j]}`);
    outer *= t._size[j];
  }
  return { s, m, n };
}

/** layout5 with the tensor's device buffer and offset: an operand to read. */
export function view5(t: Tensor, groups: readonly (readonly number[])[], sizes: Record<number, number> = {}): View5 {
  return { ...layout5(t, groups, sizes), buf: (t._storage as CudaStorage).deviceBuffer(), off: t.offset };
}

/** The parameters reading operand `x` through a View5: buffer, offset, 5 strides. */
export function readParams(x: string): Record<string, ArgType> {
  const p: Record<string, ArgType> = { [x]: 'Array', [`${x}o`]: 'Integer' };
  for (let d = 0; d < 5; d++) p[`${x}s${d}`] = 'Integer';
  return p;
}

/** The arguments of readParams(x). */
export function readArgs(x: string, v: View5): Record<string, unknown> {
  const a: Record<string, unknown> = { [x]: v.buf, [`${x}o`]: v.off };
  for (let d = 0; d < 5; d++) a[`${x}s${d}`] = v.s[d];
  return a;
}

/** The parameters decomposing the thread index over a result's 5 logical dims (rm0.., rn0..). */
export const RESULT_PARAMS: Record<string, ArgType> = Object.fromEntries(
  [0, 1, 2, 3, 4].flatMap((d) => [[`rm${d}`, 'Integer'], [`rn${d}`, 'Integer']]));

/** The arguments of RESULT_PARAMS. */
export function resultArgs(v: Pick<View5, 'm' | 'n'>): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  for (let d = 0; d < 5; d++) { a[`rm${d}`] = v.m[d]; a[`rn${d}`] = v.n[d]; }
  return a;
}

/** gpu.js source declaring the logical coordinates `names` (5 of them) of the thread's result element. */
export function coords(names: readonly string[]): string {
  return names.map((c, d) => `const ${c} = Math.floor(i / rm${d}) % rn${d};`).join('\n  ');
}

/** A device kernel: ordered, typed parameters and a body (with `const i = this.thread.x` in scope). */
export class KernelSource {
  readonly params: string[];
  readonly src: string;

  constructor(readonly key: string, readonly types: Record<string, ArgType>, body: string) {
    this.params = Object.keys(types);
    this.src = `function (${this.params.join(', ')}) {\n  const i = this.thread.x;\n  ${body}\n}`;
  }

  /** Runs over n threads with the arguments by name; returns the new buffer (owned by the caller). */
  run(ctx: DeviceContext, n: number, args: Record<string, unknown>): Handle {
    const values = this.params.map((p) => {
      const v = args[p];
      if (v === undefined) throw new TorchError(`cuda kernel ${this.key}: missing argument ${p}`);
      return typeof v === 'boolean' ? Number(v) : v;
    });
    return ctx.run(ctx.kernel(this.key, this.src, this.types), n, values);
  }

  /** Runs over res's elements (res already sized) and writes the result into res. */
  into(res: Tensor, args: Record<string, unknown>): Tensor {
    const n = res.nElement();
    if (n === 0) return res;
    return commit(res, this.run(deviceOf(res), n, args));
  }
}

/** The device context of a CudaTensor. */
export function deviceOf(t: Tensor): DeviceContext { return (t._storage as CudaStorage).ctx; }

/** THNN's resize of a result: to `sizes`, contiguous (fresh storage when the tensor is a strided view). */
export function resizeResult(t: Tensor, sizes: number[]): Tensor {
  t.resizeNd(sizes);
  if (!t.isContiguous()) t.set().resizeNd(sizes);
  return t;
}

/**
 * gpu.js source of the loop over the kernel taps (kt, kh, kw) that reach output position (t, y, z)
 * of a transposed convolution or col2im gather, with (ut, uy, ux) the source grid position each tap
 * reads (grid gT x gH x gW); `body` runs for every tap that lands on the grid.
 */
export function transposedTaps(body: string): string {
  return `for (let kt = 0; kt < kT; kt++) {
    const nt = t + pT - kt * lT;
    const ut = Math.floor(nt / dT);
    if (nt >= 0 && ut * dT === nt && ut < gT) {
      for (let kh = 0; kh < kH; kh++) {
        const ny = y + pH - kh * lH;
        const uy = Math.floor(ny / dH);
        if (ny >= 0 && uy * dH === ny && uy < gH) {
          for (let kw = 0; kw < kW; kw++) {
            const nx = z + pW - kw * lW;
            const ux = Math.floor(nx / dW);
            if (nx >= 0 && ux * dW === nx && ux < gW) {
              ${body}
            }
          }
        }
      }
    }
  }`;
}
