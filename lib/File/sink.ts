/** The primitive writes of a torch.File (THDiskFile.c), binary and ascii, into a growable buffer. */
import { TorchError } from '../errors.js';
import type { TypedArray } from '../types.js';
import { swapBytes, type ElemType, type Encoding } from './formats.js';
import { floatToHalf, formatG, halfToFloat } from './numbers.js';

/** A growable byte buffer. */
class Bytes {
  buf = new Uint8Array(1 << 16);
  len = 0;
  view = new DataView(this.buf.buffer);
  reserve(n: number): number {
    if (this.len + n > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.len + n) cap *= 2;
      const b = new Uint8Array(cap);
      b.set(this.buf.subarray(0, this.len));
      this.buf = b;
      this.view = new DataView(b.buffer);
    }
    const p = this.len;
    this.len += n;
    return p;
  }
  push(bytes: Uint8Array): void { const p = this.reserve(bytes.length); this.buf.set(bytes, p); }
  text(s: string): void {
    const p = this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.buf[p + i] = s.charCodeAt(i);
  }
  result(): Uint8Array { return this.buf.slice(0, this.len); }
}

/** The primitive writes of a torch.File. */
export abstract class Sink {
  protected out = new Bytes();
  constructor(readonly enc: Encoding) {}
  abstract writeInt(v: number): void;
  abstract writeLong(v: number | bigint): void;
  abstract writeDouble(v: number): void;
  abstract writeChars(bytes: Uint8Array): void;
  /** n elements: `exact` supplies int64 values of Long arrays beyond 2^53 (by index). */
  abstract writeArray(t: ElemType, data: TypedArray, exact?: Map<number, bigint>): void;
  /** The bytes written so far. */
  bytes(): Uint8Array { return this.out.result(); }
  /** Number of bytes written so far. */
  get length(): number { return this.out.len; }
}

/** An int64 for a Long element or scalar: exact value when given and still equal to the double. */
function longValue(v: number, exact?: bigint): bigint {
  if (exact !== undefined && Number(exact) === v) return exact;
  if (!Number.isFinite(v)) throw new TorchError(`cannot write ${v} as a long`);
  return BigInt(Math.trunc(v));
}

function checkLong(v: bigint, longSize: number): bigint {
  const lim = longSize === 4 ? 2147483648n : 9223372036854775808n;
  if (v < -lim || v >= lim) throw new TorchError(`cannot write ${v} as a ${longSize}-byte long`);
  return v;
}

/** Binary writes (little-endian unless `bigEndian`). */
export class BinarySink extends Sink {
  private le = !this.enc.bigEndian;
  writeInt(v: number): void { const p = this.out.reserve(4); this.out.view.setInt32(p, v, this.le); }
  writeLong(v: number | bigint): void {
    const b = checkLong(typeof v === 'bigint' ? v : longValue(v), this.enc.longSize);
    const p = this.out.reserve(this.enc.longSize);
    if (this.enc.longSize === 4) this.out.view.setInt32(p, Number(b), this.le);
    else this.out.view.setBigInt64(p, b, this.le);
  }
  writeDouble(v: number): void { const p = this.out.reserve(8); this.out.view.setFloat64(p, v, this.le); }
  writeChars(bytes: Uint8Array): void { this.out.push(bytes); }
  writeArray(t: ElemType, data: TypedArray, exact?: Map<number, bigint>): void {
    const n = data.length;
    if (t === 'Long') {
      // As THDiskFile_writeLong: with 4-byte longs each element is cast to int32 (wrapping), as Torch does.
      if (this.enc.longSize === 4) for (let i = 0; i < n; i++) this.writeLong(BigInt.asIntN(32, longValue(data[i], exact?.get(i))));
      else for (let i = 0; i < n; i++) this.writeLong(BigInt.asIntN(64, longValue(data[i], exact?.get(i))));
      return;
    }
    if (t === 'Half') {
      const p = this.out.reserve(2 * n);
      for (let i = 0; i < n; i++) this.out.view.setUint16(p + 2 * i, floatToHalf(data[i]), this.le);
      return;
    }
    const size = data.BYTES_PER_ELEMENT;
    const p = this.out.reserve(n * size);
    const dst = this.out.buf.subarray(p, p + n * size);
    dst.set(new Uint8Array(data.buffer, data.byteOffset, n * size));
    if (!this.le && size > 1) swapBytes(dst, size);
  }
}

/** Ascii writes: `%d`/`%ld`/`%.17g`/`%.9g` then '\n'; arrays space-separated; byte arrays raw. */
export class AsciiSink extends Sink {
  writeInt(v: number): void { this.out.text(`${v | 0}\n`); }
  writeLong(v: number | bigint): void {
    this.out.text(`${checkLong(typeof v === 'bigint' ? v : longValue(v), this.enc.longSize)}\n`);
  }
  writeDouble(v: number): void { this.out.text(`${formatG(v, 17)}\n`); }
  writeChars(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.out.push(bytes);
    this.out.text('\n');
  }
  writeArray(t: ElemType, data: TypedArray, exact?: Map<number, bigint>): void {
    const n = data.length;
    if (n === 0) return;
    if (t === 'Byte' || t === 'Char') { this.writeChars(new Uint8Array(data.buffer, data.byteOffset, n)); return; }
    const parts = new Array<string>(n);
    if (t === 'Float' || t === 'Half' || t === 'Double') {
      const bits = new Uint32Array(data.buffer, data.byteOffset, (n * data.BYTES_PER_ELEMENT) / 4);
      const dbl = t === 'Double';
      for (let i = 0; i < n; i++) {
        const v = data[i];
        const negNaN = Number.isNaN(v) && (bits[dbl ? 2 * i + 1 : i] >>> 31) === 1;
        parts[i] = formatG(t === 'Half' ? halfToFloat(floatToHalf(v)) : v, dbl ? 17 : 9, negNaN);
      }
    } else if (t === 'Long') {
      for (let i = 0; i < n; i++) parts[i] = String(BigInt.asIntN(64, longValue(data[i], exact?.get(i))));
    } else {
      for (let i = 0; i < n; i++) parts[i] = String(data[i]);
    }
    this.out.text(parts.join(' '));
    this.out.text('\n');
  }
}
