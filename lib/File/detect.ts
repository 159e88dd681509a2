/**
 * Which encodings to try for a stream. `.t7` has no header: binary starts with an int type tag
 * (`tt 00 00 00` little-endian, `00 00 00 tt` big-endian), ascii with a digit and a newline; the
 * size of `long` is not recorded at all, so both are tried (see index.ts).
 */
import { argError } from '../errors.js';
import type { Encoding } from './formats.js';

/** The formats of torch.load / torch.save: 'binary' (8-byte long), 'b32' / 'b64' (binary with 4- / 8-byte long), 'ascii'. */
export type T7Format = 'binary' | 'ascii' | 'b32' | 'b64';

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** The byte order of a binary stream, from its first type tag. */
export function detectBigEndian(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const le = b[0] <= 8 && b[1] === 0 && b[2] === 0 && b[3] === 0;
  const be = b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] <= 8;
  return be && !le;
}

/** True when a stream starts like an ascii one: optional spaces, a type tag digit, then a space or the end. */
export function looksAscii(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length && isSpace(b[i])) i++;
  if (i >= b.length || b[i] < 48 || b[i] > 56) return false;
  return i + 1 >= b.length || isSpace(b[i + 1]);
}

/** The encodings to try, most likely first. */
export function candidateEncodings(bytes: Uint8Array, format?: T7Format | string): Encoding[] {
  const bigEndian = detectBigEndian(bytes);
  switch (format) {
    case 'ascii': return [{ mode: 'ascii', longSize: 8, bigEndian: false }];
    case 'binary': case 'b64': return [{ mode: 'binary', longSize: 8, bigEndian }];
    case 'b32': return [{ mode: 'binary', longSize: 4, bigEndian }];
    case undefined: break;
    default: throw argError(2, 'load', `"binary", "b32", "b64" or "ascii" (or nil) expected for mode, got ${String(format)}`);
  }
  if (looksAscii(bytes)) return [{ mode: 'ascii', longSize: 8, bigEndian: false }];
  return [{ mode: 'binary', longSize: 8, bigEndian }, { mode: 'binary', longSize: 4, bigEndian }];
}

/** The encoding written for a save format. */
export function writeEncoding(format: T7Format | string = 'binary', bigEndian = false): Encoding {
  switch (format) {
    case 'ascii': return { mode: 'ascii', longSize: 8, bigEndian: false };
    case 'binary': case 'b64': return { mode: 'binary', longSize: 8, bigEndian };
    case 'b32': return { mode: 'binary', longSize: 4, bigEndian };
    default: throw argError(3, 'save', `"binary", "b32", "b64" or "ascii" (or nil) expected for mode, got ${String(format)}`);
  }
}

/** A human description of an encoding: `binary, little-endian, 8-byte long`. */
export function describeEncoding(e: Encoding): string {
  return e.mode === 'ascii' ? 'ascii' : `binary, ${e.bigEndian ? 'big' : 'little'}-endian, ${e.longSize}-byte long`;
}
