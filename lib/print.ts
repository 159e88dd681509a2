/**
 * Torch7's printing of tensors and storages, number for number: a port of torch7/Tensor.lua's
 * `Storage__printformat`, `Storage.__tostring__`, `Tensor__printMatrix`, `Tensor__printTensor` and
 * `Tensor.__tostring__`.
 *
 * The numbers go through Lua's `string.format` (`%10.4f`, `%11.4e`, `%3d`, `%g`). Torch7's standard
 * install runs LuaJIT 2.1 (torch/luajit-rocks), whose `string.format` has its own conversion
 * (lj_strfmt_num.c): exactly rounded, exact ties away from zero, NaN always `nan`. JS's `toFixed` and
 * `toExponential` round the same way, so they are used as they are. (Lua 5.1/5.2 builds go through
 * glibc's printf instead, which rounds exact ties to even and prints `-nan`: those differ only there.)
 *
 * Importing this module installs the printer: `String(t)`, `` `${t}` ``, `storage.toString()` and
 * Node's `util.inspect` (so `console.log(t)`) all give Torch's text, trailing newline included.
 */
import { runs1 } from './apply.js';
import { Storage } from './Storage.js';
import { setTensorFormatter, Tensor } from './Tensor.js';

// ---- Lua's string.format ------------------------------------------------------------------------

/** What LuaJIT writes for NaN and the infinities; undefined for finite numbers. */
function special(x: number): string | undefined {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

/** `%.{p}f` of a finite a >= 0 (toFixed switches to exponent notation from 1e21 on: those are integers). */
function fixedAbs(a: number, p: number): string {
  if (a >= 1e21) return BigInt(a).toString() + (p > 0 ? '.' + '0'.repeat(p) : '');
  return a.toFixed(p);
}

/** `%.{p}e` of a finite a >= 0, as [mantissa digits, decimal exponent]. */
function expAbs(a: number, p: number): [string, number] {
  const s = a.toExponential(p);
  const k = s.indexOf('e');
  return [s.slice(0, k), Number(s.slice(k + 1))];
}

function expSuffix(x: number): string {
  return `e${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
}

/** A printf conversion as Tensor.lua builds them: `%{w}d`, `%{w}.{p}f`, `%{w}.{p}e`. */
interface Conversion { conv: 'd' | 'f' | 'e'; width: number; prec: number }

/** `string.format(fmt, x)` for one of Torch's conversions. */
export function printf(c: Conversion, x: number): string {
  let s: string;
  if (c.conv === 'd') s = String(Math.trunc(x) || 0);
  else {
    const sp = special(x);
    if (sp !== undefined) s = sp;
    else {
      const a = Math.abs(x);
      if (c.conv === 'f') s = fixedAbs(a, c.prec);
      else {
        const [m, e] = expAbs(a, c.prec);
        s = m + expSuffix(e);
      }
      if (x < 0 || Object.is(x, -0)) s = '-' + s;
    }
  }
  return s.length < c.width ? s.padStart(c.width) : s;
}

/** `string.format('%.{p}g', x)` (p = 6 by default): p significant digits, trailing zeros dropped. */
export function formatG(x: number, p = 6): string {
  const sp = special(x);
  if (sp !== undefined) return sp;
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return sign + '0';
  const a = Math.abs(x);
  const [m, e] = expAbs(a, p - 1);
  const strip = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (e < -4 || e >= p) return sign + strip(m) + expSuffix(e);
  return sign + strip(fixedAbs(a, p - 1 - e));
}

/** Lua's `tostring(number)` (`%.14g`), as Torch's `print` shows numbers. */
export function luaNumber(x: number): string { return formatG(x, 14); }

// ---- Tensor.lua ---------------------------------------------------------------------------------

/** What `Storage__printformat` returns: the conversion (null: no elements), the scale and the width `sz`. */
interface PrintFormat { conv: Conversion | null; scale: number | undefined; sz: number }

/** 10^k, correctly rounded (`Math.pow(10, -5)` is not). */
function pow10(k: number): number {
  return Number.isInteger(k) && Math.abs(k) < 400 ? Number(`1e${k}`) : Math.pow(10, k);
}

/** Tensor.lua's `Storage__printformat` over the values (as doubles). */
function printFormat(v: ArrayLike<number>): PrintFormat {
  const n = v.length;
  if (n === 0) return { conv: null, scale: undefined, sz: 0 };
  let intMode = true;
  for (let i = 0; i < n; i++) {
    if (v[i] !== Math.ceil(v[i])) { intMode = false; break; }
  }
  // torch.DoubleTensor(...):abs():min() / :max(), with TH's minall/maxall NaN rule.
  let min = Math.abs(v[0]), max = min;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(v[i]);
    if (!(a >= min)) { min = a; if (a !== a) break; }
  }
  for (let i = 0; i < n; i++) {
    const a = Math.abs(v[i]);
    if (!(a <= max)) { max = a; if (a !== a) break; }
  }
  const expMin = min !== 0 ? Math.floor(Math.log10(min)) + 1 : 1;
  const expMax = max !== 0 ? Math.floor(Math.log10(max)) + 1 : 1;
  let conv: Conversion;
  let scale: number | undefined;
  let sz: number;
  if (intMode) {
    if (expMax > 9) { sz = 11; conv = { conv: 'e', width: 11, prec: 4 }; }
    else { sz = expMax + 1; conv = { conv: 'd', width: sz, prec: 0 }; }
  } else if (expMax - expMin > 4) {
    sz = 11;
    if (Math.abs(expMax) > 99 || Math.abs(expMin) > 99) sz = sz + 1;
    conv = { conv: 'e', width: sz, prec: 4 };
  } else if (expMax > 5 || expMax < 0) {
    sz = 7;
    scale = pow10(expMax - 1);
    conv = { conv: 'f', width: sz, prec: 4 };
  } else {
    sz = expMax === 0 ? 7 : expMax + 6;
    // A NaN width makes the format "%nan.4f", which Tensor.lua replaces by '%f'.
    conv = sz !== sz ? { conv: 'f', width: 0, prec: 6 } : { conv: 'f', width: sz, prec: 4 };
  }
  if (scale === 1) scale = undefined;
  return { conv, scale, sz };
}

/** Tensor.lua's `Tensor__printMatrix` of the rows x cols matrix at `off` in row-major `v`. */
function printMatrix(v: Float64Array, off: number, rows: number, cols: number, pf: PrintFormat, indent: string): string {
  const conv = pf.conv!;
  const scale = pf.scale ?? 1;
  const out: string[] = [indent];
  const perLine = Math.floor((80 - indent.length) / (pf.sz + 1));
  let first = 1;
  let last = -1;
  while (first <= cols) {
    last = first + perLine - 1 <= cols ? first + perLine - 1 : cols;
    if (perLine < cols) {
      if (first !== 1) out.push('\n');
      out.push(`Columns ${first} to ${last}\n${indent}`);
    }
    if (scale !== 1) out.push(`${formatG(scale)} *\n ${indent}`);
    for (let l = 1; l <= rows; l++) {
      const row = off + (l - 1) * cols - 1;
      for (let c = first; c <= last; c++) {
        out.push(printf(conv, v[row + c] / scale));
        if (c === last) {
          out.push('\n');
          if (l !== rows) out.push(scale !== 1 ? indent + ' ' : indent);
        } else out.push(' ');
      }
    }
    first = last + 1;
  }
  return out.join('');
}

/** Tensor.lua's `Tensor__printTensor`: `(i,j,.,.) = ` matrices; note that dim 1 varies fastest. */
function printSlices(v: Float64Array, size: number[], pf: PrintFormat): string {
  const nd = size.length, rows = size[nd - 2], cols = size[nd - 1];
  const stride = new Array<number>(nd - 2);
  let s = rows * cols;
  for (let d = nd - 3; d >= 0; d--) { stride[d] = s; s *= size[d]; }
  const counter = new Array<number>(nd - 2).fill(1);
  counter[0] = 0;
  const out: string[] = [];
  for (;;) {
    let finished = false;
    for (let i = 0; i < nd - 2; i++) {
      counter[i]++;
      if (counter[i] > size[i]) {
        if (i === nd - 3) { finished = true; break; }
        counter[i] = 1;
      } else break;
    }
    if (finished) break;
    if (out.length > 0) out.push('\n');
    let off = 0;
    for (let i = 0; i < nd - 2; i++) off += (counter[i] - 1) * stride[i];
    out.push(`(${counter.map((c) => `${c},`).join('')}.,.) = \n`);
    out.push(printMatrix(v, off, rows, cols, pf, ' '));
  }
  return out.join('');
}

/**
 * The elements of t in row-major order, as doubles (Tensor.lua prints a DoubleTensor copy). An integer
 * type cannot hold -0 in Torch; a LongTensor's Float64Array can, so `+ 0` turns it into 0.
 */
function rowMajor(t: Tensor): Float64Array {
  const out = new Float64Array(t.nElement());
  const data = t._storage.data;
  const int = !t.kind.isFloat;
  let k = 0;
  runs1(t, (o, s, len) => {
    if (int) for (let i = 0; i < len; i++, o += s) out[k++] = data[o] + 0;
    else for (let i = 0; i < len; i++, o += s) out[k++] = data[o];
  });
  return out;
}

/** Torch's `tostring(tensor)`, e.g. `" 1  2\n 3  4\n[torch.DoubleTensor of size 2x2]\n"`. */
export function tensorToString(t: Tensor): string {
  const name = t.kind.tensorName;
  const size = t._size;
  if (size.length === 0) return `[${name} with no dimension]\n`;
  const v = rowMajor(t);
  const pf = printFormat(v);
  if (size.length === 1) return vectorLines(v, pf) + `[${name} of size ${size[0]}]\n`;
  const body = size.length === 2 ? printMatrix(v, 0, size[0], size[1], pf, '') : printSlices(v, size, pf);
  return body + `[${name} of size ${size.join('x')}]\n`;
}

/** One element per line, with the `%g *` scale line first when there is a scale. */
function vectorLines(v: ArrayLike<number>, pf: PrintFormat): string {
  const out: string[] = [];
  const conv = pf.conv!;
  if (pf.scale !== undefined) {
    out.push(`${formatG(pf.scale)} *\n`);
    for (let i = 0; i < v.length; i++) out.push(printf(conv, v[i] / pf.scale) + '\n');
  } else {
    for (let i = 0; i < v.length; i++) out.push(printf(conv, v[i]) + '\n');
  }
  return out.join('');
}

/** Torch's `tostring(storage)`: one element per line, then `[torch.DoubleStorage of size 3]`. */
export function storageToString(s: Storage): string {
  const v = s.kind.isFloat ? s.data : Float64Array.from(s.data, (x) => x + 0);
  const pf = printFormat(v);
  return (pf.conv ? vectorLines(v, pf) : '') + `[${s.kind.storageName} of size ${v.length}]\n`;
}

// ---- installation ---------------------------------------------------------------------------

setTensorFormatter(tensorToString);
Object.defineProperty(Storage.prototype, 'toString', {
  value: function (this: Storage) { return storageToString(this); }, writable: true, configurable: true, enumerable: false,
});
const inspect = Symbol.for('nodejs.util.inspect.custom');
for (const proto of [Tensor.prototype, Storage.prototype]) {
  Object.defineProperty(proto, inspect, {
    value: function (this: Tensor | Storage) { return this.toString(); }, writable: true, configurable: true, enumerable: false,
  });
}
