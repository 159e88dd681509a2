/**
 * The encodings of a torch.File (THDiskFile.c): binary (either byte order, 4- or 8-byte `long`) or
 * ascii, and the element layouts. The reads are in source.ts, the writes in sink.ts.
 */
import type { TypedArray } from '../types.js';

/** Element types of storages as they are laid out in a file. */
export type ElemType = 'Byte' | 'Char' | 'Short' | 'Int' | 'Long' | 'Float' | 'Double' | 'Half';

/** How a stream is encoded. */
export interface Encoding {
  /** 'binary' or 'ascii'. */
  mode: 'binary' | 'ascii';
  /** Bytes of a C `long` in binary mode (8 on LP64, 4 on Windows / 32-bit). */
  longSize: 4 | 8;
  /** Binary byte order (ascii ignores it). */
  bigEndian: boolean;
}

/** Bytes of one element in binary mode. */
export function elemSize(t: ElemType, longSize: number): number {
  switch (t) {
    case 'Byte': case 'Char': return 1;
    case 'Short': case 'Half': return 2;
    case 'Int': case 'Float': return 4;
    case 'Long': return longSize;
    default: return 8;
  }
}

/** The JS array each element type is read into (Half widens to Float, Long to doubles + exact int64s). */
export function arrayFor(t: ElemType, n: number): TypedArray {
  switch (t) {
    case 'Byte': return new Uint8Array(n);
    case 'Char': return new Int8Array(n);
    case 'Short': return new Int16Array(n);
    case 'Int': return new Int32Array(n);
    case 'Float': case 'Half': return new Float32Array(n);
    default: return new Float64Array(n);
  }
}

/** An element array read from a file; `exact` holds int64 values beyond 2^53 of Long arrays (by index). */
export interface ReadArray { data: TypedArray; exact?: Map<number, bigint> }

/** Reverses the bytes of each `size`-byte element in place. */
export function swapBytes(raw: Uint8Array, size: number): void {
  for (let o = 0; o + size <= raw.length; o += size) {
    for (let i = 0, j = size - 1; i < j; i++, j--) { const z = raw[o + i]; raw[o + i] = raw[o + j]; raw[o + j] = z; }
  }
}
