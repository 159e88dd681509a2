/**
 * Zeroing a run of a typed array. V8 fills a typed array over a SharedArrayBuffer element by element,
 * 3-5x slower than over an ArrayBuffer, and shared storages are the common case of DataParallelTable's
 * gradients; all-zero bytes are 0 in every tensor type, so a long shared run is zeroed as bytes: by
 * the C library's `memset` (through koffi, as fast as `fill` over an ArrayBuffer) where it can be
 * loaded, else through a Float64Array view of its bytes (a half or a quarter as many elements).
 */
import { createRequire } from 'node:module';
import { isSharedArray, type TypedArray } from './types.js';

/** Below this many bytes the plain `fill` is used. */
const MIN_BYTES = 4096;

/** The C libraries tried for memset (glibc, musl, macOS, Windows). */
const LIBC_NAMES = ['libc.so.6', 'libc.musl-x86_64.so.1', 'libc.musl-aarch64.so.1', 'libSystem.B.dylib', 'msvcrt.dll'];

type Memset = (dst: Uint8Array, byte: number, n: number) => void;
let memset: Memset | null | undefined;

/**
 * The C library's memset through koffi, loaded on first use; null where koffi or a C library is
 * missing (the browser build, say) or TORCH7TS_NATIVE_MEMSET=0.
 * @example
 * nativeMemset()?.(new Uint8Array(shared.buffer), 0, shared.byteLength);
 */
export function nativeMemset(): Memset | null {
  if (memset !== undefined) return memset;
  memset = null;
  if (typeof process !== 'undefined' && process.env?.TORCH7TS_NATIVE_MEMSET === '0') return memset;
  let koffi: { load(name: string): { func(sig: string): Memset } };
  try { koffi = createRequire(import.meta.url)('koffi'); } catch { return memset; }
  for (const name of LIBC_NAMES) {
    try {
      memset = koffi.load(name).func('void memset(void *, int, size_t)');
      break;
    } catch { /* try the next name */ }
  }
  return memset;
}

/**
 * `data.fill(0, start, end)`, faster when `data` is over a SharedArrayBuffer.
 * @example
 * fillZero(shared, 0, shared.length);
 */
export function fillZero(data: TypedArray, start: number, end: number): void {
  const bpe = data.BYTES_PER_ELEMENT;
  if ((end - start) * bpe < MIN_BYTES || !isSharedArray(data)) { data.fill(0, start, end); return; }
  const from = data.byteOffset + start * bpe, to = data.byteOffset + end * bpe;
  const native = nativeMemset();
  if (native) native(new Uint8Array(data.buffer, from, to - from), 0, to - from);
  else zeroBytesWide(data.buffer, from, to);
}

/**
 * Zeroes bytes [from, to) of `buffer` through a Float64Array view of its 8-byte-aligned middle (the
 * fallback of `fillZero` without a native memset).
 */
export function zeroBytesWide(buffer: ArrayBufferLike, from: number, to: number): void {
  const a = Math.ceil(from / 8) * 8, b = Math.floor(to / 8) * 8;
  if (a >= b) { new Uint8Array(buffer, from, to - from).fill(0); return; }
  new Uint8Array(buffer, from, a - from).fill(0);
  new Float64Array(buffer, a, (b - a) / 8).fill(0);
  new Uint8Array(buffer, b, to - b).fill(0);
}
