/**
 * Zeroing a run of a typed array. V8 fills a typed array over a SharedArrayBuffer element by element,
 * 2-4x slower than over an ArrayBuffer, and shared storages are the common case of DataParallelTable's
 * gradients; all-zero bytes are 0 in every tensor type, so a long shared run is zeroed through a
 * Float64Array view of its bytes (a half or a quarter as many elements).
 */
import { isSharedArray, type TypedArray } from './types.js';

/** Below this many bytes the plain `fill` is used. */
const MIN_BYTES = 4096;

/**
 * `data.fill(0, start, end)`, faster when `data` is over a SharedArrayBuffer.
 * @example
 * fillZero(shared, 0, shared.length);
 */
export function fillZero(data: TypedArray, start: number, end: number): void {
  const bpe = data.BYTES_PER_ELEMENT;
  if ((end - start) * bpe < MIN_BYTES || !isSharedArray(data)) { data.fill(0, start, end); return; }
  const from = data.byteOffset + start * bpe, to = data.byteOffset + end * bpe;
  const a = Math.ceil(from / 8) * 8, b = Math.floor(to / 8) * 8;
  new Uint8Array(data.buffer, from, a - from).fill(0);
  new Float64Array(data.buffer, a, (b - a) / 8).fill(0);
  new Uint8Array(data.buffer, b, to - b).fill(0);
}
