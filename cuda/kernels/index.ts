/**
 * Device kernels of the indexing family: a tensor's element (outer, k, inner) along a dim `d` is read as
 * `slice(j) + k * sd`, where `slice` addresses the tensor with d removed (row-major j = outer*inner + inner
 * index) and sd is its stride along d. Index values are 1-based floats (exact below 2^24) in a device
 * buffer: a host LongTensor's values uploaded once, or a CudaTensor's own storage.
 */
import type { Tensor } from '../../lib/Tensor.js';
import type { DeviceContext, Handle } from '../context.js';
import { indexExpr, operand, operandArgs, operandParams, operandTypes, type Operand } from './geometry.js';

/** The operand of t's elements with dim d removed (undefined past 4 strided dims), and t's stride along d. */
export function sliceOperand(t: Tensor, d: number): { op: Operand; sd: number } | undefined {
  const size = t._size.filter((_, i) => i !== d), stride = t._stride.filter((_, i) => i !== d);
  const n = size.reduce((a, b) => a * b, 1);
  const view = { _storage: t._storage, offset: t.offset, _size: size, _stride: stride, nElement: () => n } as unknown as Tensor;
  const op = operand(view);
  return op && { op, sd: t._stride[d] };
}

/** Product of the sizes after dim d. */
export function innerSize(t: Tensor, d: number): number {
  return t._size.slice(d + 1).reduce((a, b) => a * b, 1);
}

/** A kernel argument list being built: parameter names, their types (in order) and values. */
class Args {
  readonly params: string[] = [];
  readonly types: Record<string, string> = {};
  readonly values: unknown[] = [];
  layout = '';
  /** Adds tensor operand `x` (buffer, offset, geometry); returns the storage index of its element `i`. */
  op(x: string, o: Operand): (i: string) => string {
    this.params.push(...operandParams(x, o.contiguous));
    Object.assign(this.types, operandTypes(x, o.contiguous));
    this.values.push(...operandArgs(o));
    this.layout += o.contiguous ? 'c' : 's';
    return (i) => indexExpr(x, o.contiguous, i);
  }
  int(name: string, v: number): this { this.params.push(name); this.types[name] = 'Integer'; this.values.push(v); return this; }
  float(name: string, v: number): this { this.params.push(name); this.types[name] = 'Float'; this.values.push(Math.fround(v)); return this; }
  /** Compiles `body` (which sees `o` = this.thread.x) once per key and layout, and runs it over n outputs. */
  run(ctx: DeviceContext, key: string, body: string, n: number): Handle {
    const src = `function (${this.params.join(', ')}) {\n  const o = this.thread.x;\n${body}\n}`;
    return ctx.run(ctx.kernel(`${key}:${this.layout}`, src, this.types), n, this.values);
  }
}

/** `o` split into (outer, p, inner index) for a dim of size `size` (an Integer parameter) and `inner`. */
const SPLIT = (size: string): string => `  const q = Math.floor(o / inner);
  const inr = o - q * inner;
  const outer = Math.floor(q / ${size});
  const p = q - outer * ${size};
  const j = outer * inner + inr;`;

/**
 * Slices along d of `src` picked by 1-based indices: output o = (outer, p, inner) reads src's slice
 * `ix[p]` (`perElement`: `ix[o]`, gather) at (outer, inner). n is the output's size along d.
 */
export function selectSlices(ctx: DeviceContext, src: { op: Operand; sd: number }, ix: Operand, perElement: boolean,
  n: number, inner: number, total: number): Handle {
  const a = new Args();
  const s = a.op('s', src.op);
  const i = a.op('ix', ix);
  a.int('sd', src.sd).int('n', n).int('inner', inner);
  return a.run(ctx, `index:select:${perElement ? 'e' : 'p'}`,
    `${SPLIT('n')}\n  return s[${s('j')} + (ix[${i(perElement ? 'o' : 'p')}] - 1) * sd];`, total);
}

/** How indexFill / indexCopy / indexAdd combine the slices that an index names. */
export type Accumulate = 'fill' | 'copy' | 'add';

/** Host indices as slice lists: `starts` (size + 1) and `order` (the i's sorted by slice, stable). */
export interface SliceLists { starts: Operand; order: Operand }

/**
 * t with slices along d replaced (fill: by x; copy: by src's slice i) or incremented (add) wherever an
 * index i names them, in index order (a later copy wins, adds accumulate), as a new buffer over t.
 * With `lists` each element visits only its own i's; otherwise it scans the n indices of `ix`.
 */
export function accumulateSlices(ctx: DeviceContext, how: Accumulate, t: Tensor, base: Operand, size: number, inner: number,
  src: { op: Operand; sd: number } | undefined, x: number, idx: SliceLists | { ix: Operand; n: number }): Handle {
  const a = new Args();
  const old = `t[${a.op('t', base)('o')}]`;
  const s = src ? a.op('s', src.op) : undefined;
  if (src) a.int('sd', src.sd);
  a.int('size', size).int('inner', inner).float('x', x);
  const slice = (i: string): string => `s[${s!('j')} + (${i}) * sd]`;
  let body: string;
  if ('starts' in idx) {
    const st = a.op('st', idx.starts), ord = a.op('ord', idx.order);
    const first = `  const b = st[${st('p')}];\n  const e = st[${st('p + 1')}];\n`;
    if (how === 'fill') body = `${first}  if (e > b) { return x; }\n  return ${old};`;
    else if (how === 'copy') body = `${first}  if (e > b) { const w = e - 1; return ${slice(`ord[${ord('w')}]`)}; }\n  return ${old};`;
    else body = `${first}  let acc = ${old};\n  for (let w = b; w < e; w = w + 1) { acc += ${slice(`ord[${ord('w')}]`)}; }\n  return acc;`;
  } else {
    const ix = a.op('ix', idx.ix);
    a.int('n', idx.n);
    const hit = `ix[${ix('i')}] === p + 1`;
    if (how === 'fill') body = `  let hit = 0;\n  for (let i = 0; i < n; i = i + 1) { if (${hit}) { hit = 1; } }\n  if (hit === 1) { return x; }\n  return ${old};`;
    else if (how === 'copy') body = `  let last = -1;\n  for (let i = 0; i < n; i = i + 1) { if (${hit}) { last = i; } }\n  if (last >= 0) { return ${slice('last')}; }\n  return ${old};`;
    else body = `  let acc = ${old};\n  for (let i = 0; i < n; i = i + 1) { if (${hit}) { acc += ${slice('i')}; } }\n  return acc;`;
  }
  return a.run(ctx, `index:${how}:${'starts' in idx ? 'lists' : 'scan'}`, `${SPLIT('size')}\n${body}`, t.nElement());
}

/**
 * scatter: t's element (outer, k, inner) along d takes src's (or x, when src is undefined) at the last
 * p < n with idx(outer, p, inner) = k + 1, else keeps its value.
 */
export function scatterSlices(ctx: DeviceContext, t: Tensor, base: Operand, size: number, inner: number,
  idx: { op: Operand; sd: number }, n: number, src: { op: Operand; sd: number } | undefined, x: number): Handle {
  const a = new Args();
  const old = `t[${a.op('t', base)('o')}]`;
  const ix = a.op('ix', idx.op);
  a.int('isd', idx.sd);
  const s = src ? a.op('s', src.op) : undefined;
  if (src) a.int('sd', src.sd);
  a.int('size', size).int('inner', inner).int('n', n).float('x', x);
  const value = s ? `s[${s('j')} + last * sd]` : 'x';
  const body = `  let last = -1;\n  for (let i = 0; i < n; i = i + 1) { if (ix[${ix('j')} + i * isd] === p + 1) { last = i; } }\n` +
    `  if (last >= 0) { return ${value}; }\n  return ${old};`;
  return a.run(ctx, `index:scatter:${src ? 's' : 'v'}`, `${SPLIT('size')}\n${body}`, t.nElement());
}

/**
 * Elements of src by row-major position: output o takes src's element pos[o] (a float buffer), or, where
 * pos[o] < 0, base's element o (maskedCopy); without base every pos is valid (maskedSelect).
 */
export function takePositions(ctx: DeviceContext, src: Operand, pos: Operand, base: Operand | undefined, n: number): Handle {
  const a = new Args();
  const p = a.op('ps', pos), s = a.op('s', src);
  const first = `  const w = ps[${p('o')}];\n`;
  if (!base) return a.run(ctx, 'index:take', `${first}  return s[${s('w')}];`, n);
  const t = a.op('t', base);
  return a.run(ctx, 'index:takeOr', `${first}  if (w >= 0) { return s[${s('w')}]; }\n  return t[${t('o')}];`, n);
}
