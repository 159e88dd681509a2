/**
 * The primitive reads of a torch.File (THDiskFile.c) on a byte array, binary and ascii. Every read
 * checks the bytes left before it allocates and names the byte offset and what it expected when it fails.
 */
import { TorchError } from '../errors.js';
import { arrayFor, elemSize, swapBytes, type ElemType, type Encoding, type ReadArray } from './formats.js';
import { floatToHalf, halfToFloat, parseFloat32 } from './numbers.js';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The error of a bad read: `.t7 read error at byte N: expected X (problem)`. */
export function readError(at: number, expected: string, problem?: string): TorchError {
  return new TorchError(`.t7 read error at byte ${at}: expected ${expected}${problem ? ` (${problem})` : ''}`);
}

/** The primitive reads of a torch.File on a byte array. */
export abstract class Source {
  pos = 0;
  private buf: Buffer;
  constructor(readonly bytes: Uint8Array, readonly enc: Encoding) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  /** n raw bytes as a latin1 string (a Lua string). */
  readLatin1(n: number, expected: string): string {
    this.need('Byte', n, expected);
    const s = this.buf.toString('latin1', this.pos, this.pos + n);
    this.pos += n;
    if (this.enc.mode === 'ascii' && n > 0 && this.bytes[this.pos] === 10) this.pos++;
    return s;
  }
  /** Bytes not yet read. */
  get remaining(): number { return this.bytes.length - this.pos; }
  /** Throws a read error at the current (or given) offset. */
  fail(expected: string, problem?: string, at = this.pos): never { throw readError(at, expected, problem); }
  /** Checks that n elements of `t` can still be in the stream (before allocating room for them). */
  need(t: ElemType, n: number, expected: string, at = this.pos): void {
    if (!(Number.isSafeInteger(n) && n >= 0)) this.fail(expected, `invalid count ${n}`, at);
    const min = this.minBytes(t, n);
    if (min > this.remaining) this.fail(expected, `${n} elements need at least ${min} bytes, ${this.remaining} left`, at);
  }
  abstract minBytes(t: ElemType, n: number): number;
  /** A C int. */
  abstract readInt(expected: string): number;
  /** A C long that must be a safe integer (sizes, strides, offsets, counts). */
  abstract readLong(expected: string): number;
  /** A double. */
  abstract readDouble(expected: string): number;
  /** n raw bytes (a copy). */
  abstract readChars(n: number, expected: string): Uint8Array;
  /** n elements of type t. */
  abstract readArray(t: ElemType, n: number, expected: string): ReadArray;
  /** True when nothing but (ascii) whitespace is left. */
  abstract atEnd(): boolean;
}

/** Binary mode: native sizes, optional byte swapping. */
export class BinarySource extends Source {
  private view: DataView;
  private le: boolean;
  constructor(bytes: Uint8Array, enc: Encoding) {
    super(bytes, enc);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.le = !enc.bigEndian;
  }
  minBytes(t: ElemType, n: number): number { return n * elemSize(t, this.enc.longSize); }
  private take(n: number, expected: string): number {
    if (this.remaining < n) this.fail(expected, this.remaining === 0 ? 'end of file' : `${n} bytes needed, ${this.remaining} left`);
    const p = this.pos;
    this.pos += n;
    return p;
  }
  readInt(expected: string): number { return this.view.getInt32(this.take(4, expected), this.le); }
  private long64(p: number): { v: number; exact?: bigint } {
    const hi = this.view.getInt32(p + (this.le ? 4 : 0), this.le), lo = this.view.getUint32(p + (this.le ? 0 : 4), this.le);
    const v = hi * 4294967296 + lo;
    if (hi > 0x1fffff || hi < -0x200000) {
      const exact = (BigInt(hi) << 32n) | BigInt(lo);
      if (exact > SAFE || exact < -SAFE) return { v, exact };
    }
    return { v };
  }
  readLong(expected: string): number {
    const at = this.pos;
    if (this.enc.longSize === 4) return this.view.getInt32(this.take(4, expected), this.le);
    const { v, exact } = this.long64(this.take(8, expected));
    if (exact !== undefined) this.fail(expected, `${exact} is out of range`, at);
    return v;
  }
  readDouble(expected: string): number { return this.view.getFloat64(this.take(8, expected), this.le); }
  readChars(n: number, expected: string): Uint8Array {
    this.need('Byte', n, expected);
    const p = this.take(n, expected);
    return this.bytes.slice(p, p + n);
  }
  readArray(t: ElemType, n: number, expected: string): ReadArray {
    this.need(t, n, expected);
    const size = elemSize(t, this.enc.longSize);
    const p = this.take(n * size, expected);
    if (t === 'Long') {
      const data = new Float64Array(n);
      let exact: Map<number, bigint> | undefined;
      if (size === 4) for (let i = 0; i < n; i++) data[i] = this.view.getInt32(p + 4 * i, this.le);
      else {
        for (let i = 0; i < n; i++) {
          const r = this.long64(p + 8 * i);
          data[i] = r.v;
          if (r.exact !== undefined) (exact ??= new Map()).set(i, r.exact);
        }
      }
      return { data, exact };
    }
    if (t === 'Half') {
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = halfToFloat(this.view.getUint16(p + 2 * i, this.le));
      return { data };
    }
    const data = arrayFor(t, n);
    const raw = new Uint8Array(data.buffer);
    raw.set(this.bytes.subarray(p, p + n * size));
    if (!this.le && size > 1) swapBytes(raw, size);
    return { data };
  }
  atEnd(): boolean { return this.pos === this.bytes.length; }
}

/** A NaN with its sign bit set (what C's 0/0 gives on x86, printed `-nan`). */
const NEGATIVE_NAN = new Float64Array(new Uint32Array([0, 0xfff80000]).buffer)[0];

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Ascii mode: numbers as fscanf reads them, byte arrays raw, one '\n' eaten after each array. */
export class AsciiSource extends Source {
  /** Set by `scanNumber` when the last NaN read was `-nan`. */
  private negNaN = false;
  minBytes(t: ElemType, n: number): number { return t === 'Byte' || t === 'Char' ? n : Math.max(0, 2 * n - 1); }
  private skipSpace(): void {
    while (this.pos < this.bytes.length && isSpace(this.bytes[this.pos])) this.pos++;
  }
  private autoSpace(n: number): void {
    if (n > 0 && this.bytes[this.pos] === 10) this.pos++;
  }
  private text(a: number, b: number): string {
    return String.fromCharCode(...this.bytes.subarray(a, Math.min(b, a + 64)));
  }
  /** An integer token as fscanf("%d"/"%ld") takes it. */
  private scanInteger(expected: string): bigint {
    this.skipSpace();
    const start = this.pos, b = this.bytes;
    if (this.pos >= b.length) this.fail(expected, 'end of file');
    if (b[this.pos] === 43 || b[this.pos] === 45) this.pos++;
    const d0 = this.pos;
    while (this.pos < b.length && isDigit(b[this.pos]) && this.pos - d0 < 40) this.pos++;
    if (this.pos === d0) this.fail(expected, `found '${this.text(start, start + 12)}'`, start);
    return BigInt(this.text(start, this.pos));
  }
  /** A number token as fscanf("%lg") takes it: decimal, inf, infinity or nan (any case, signed). */
  private scanNumber(expected: string): string {
    this.skipSpace();
    const start = this.pos, b = this.bytes;
    if (this.pos >= b.length) this.fail(expected, 'end of file');
    let neg = false;
    if (b[this.pos] === 43 || b[this.pos] === 45) { neg = b[this.pos] === 45; this.pos++; }
    const word = this.text(this.pos, this.pos + 8).toLowerCase();
    if (word.startsWith('inf')) { this.pos += word.startsWith('infinity') ? 8 : 3; return neg ? '-Infinity' : 'Infinity'; }
    if (word.startsWith('nan')) {
      this.pos += 3;
      if (b[this.pos] === 40) { // nan(chars)
        const close = b.indexOf(41, this.pos);
        if (close > 0 && close - this.pos < 64) this.pos = close + 1;
      }
      this.negNaN = neg;
      return 'NaN';
    }
    let digits = 0;
    while (this.pos < b.length && isDigit(b[this.pos])) { this.pos++; digits++; }
    if (b[this.pos] === 46) { this.pos++; while (this.pos < b.length && isDigit(b[this.pos])) { this.pos++; digits++; } }
    if (digits === 0) this.fail(expected, `found '${this.text(start, start + 12)}'`, start);
    if (this.pos - start > 400) this.fail(expected, 'number too long', start);
    if (b[this.pos] === 101 || b[this.pos] === 69) {
      let q = this.pos + 1;
      if (b[q] === 43 || b[q] === 45) q++;
      if (isDigit(b[q])) { while (q < b.length && isDigit(b[q])) q++; this.pos = q; }
    }
    this.negNaN = false;
    if (this.pos - start > 800) this.fail(expected, 'number too long', start);
    return String.fromCharCode(...this.bytes.subarray(start, this.pos));
  }
  private intIn(expected: string, lo: bigint, hi: bigint): bigint {
    const at = this.pos;
    const v = this.scanInteger(expected);
    if (v < lo || v > hi) this.fail(expected, `${v} is out of range`, at);
    return v;
  }
  readInt(expected: string): number {
    const v = Number(this.intIn(expected, -2147483648n, 2147483647n));
    this.autoSpace(1);
    return v;
  }
  readLong(expected: string): number {
    const lim = this.enc.longSize === 4 ? 2147483648n : SAFE + 1n;
    const v = Number(this.intIn(expected, -lim, lim - 1n));
    this.autoSpace(1);
    return v;
  }
  readDouble(expected: string): number {
    let v = Number(this.scanNumber(expected));
    if (Number.isNaN(v) && this.negNaN) v = NEGATIVE_NAN;
    this.autoSpace(1);
    return v;
  }
  readChars(n: number, expected: string): Uint8Array {
    this.need('Byte', n, expected);
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    this.autoSpace(n);
    return out;
  }
  readArray(t: ElemType, n: number, expected: string): ReadArray {
    this.need(t, n, expected);
    if (t === 'Byte' || t === 'Char') {
      const data = arrayFor(t, n);
      new Uint8Array(data.buffer).set(this.bytes.subarray(this.pos, this.pos + n));
      this.pos += n;
      this.autoSpace(n);
      return { data };
    }
    const data = arrayFor(t, n);
    let exact: Map<number, bigint> | undefined;
    const bits = t === 'Float' || t === 'Half' ? new Uint32Array(data.buffer) : t === 'Double' ? new Uint32Array(data.buffer) : undefined;
    for (let i = 0; i < n; i++) {
      const what = `${expected}: element ${i + 1} of ${n}`;
      if (t === 'Float' || t === 'Half' || t === 'Double') {
        const tok = this.scanNumber(what);
        let v = t === 'Double' ? Number(tok) : parseFloat32(tok);
        if (t === 'Half') v = halfToFloat(floatToHalf(v));
        data[i] = v;
        if (Number.isNaN(v) && this.negNaN && bits) {
          if (t === 'Double') bits[2 * i + 1] = 0xfff80000; else bits[i] = 0xffc00000;
        }
      } else if (t === 'Long') {
        const lim = this.enc.longSize === 4 ? 2147483648n : 9223372036854775808n;
        const v = this.intIn(what, -lim, lim - 1n);
        data[i] = Number(v);
        if (v > SAFE || v < -SAFE) (exact ??= new Map()).set(i, v);
      } else {
        const lim = t === 'Short' ? 32768n : 2147483648n;
        data[i] = Number(this.intIn(what, -lim, lim - 1n));
      }
    }
    this.autoSpace(n);
    return { data, exact };
  }
  atEnd(): boolean {
    this.skipSpace();
    return this.pos === this.bytes.length;
  }
}
