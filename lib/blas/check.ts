/**
 * Argument checks shared by every backend. A native BLAS must never see an index outside its array,
 * so extents are checked here, before any backend runs, and bad input throws a RangeError that says
 * which argument was wrong.
 */
import type { TypedArray } from '../types.js';

/** Throws unless x is a non-negative integer. */
export function checkDim(fn: string, name: string, x: number): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`${fn}: ${name} must be a non-negative integer (got ${x})`);
}

/** Throws unless the leading dimension ld is an integer >= max(1, rows). */
export function checkLd(fn: string, name: string, ld: number, rows: number): void {
  if (!Number.isInteger(ld) || ld < Math.max(1, rows)) {
    throw new RangeError(`${fn}: ${name} must be >= max(1, ${rows}) (got ${ld})`);
  }
}

/** Throws unless the rows x cols column-major block at off (leading dimension ld) lies inside arr. */
export function checkMatrix(fn: string, name: string, arr: TypedArray, off: number, rows: number, cols: number, ld: number): void {
  if (!Number.isInteger(off) || off < 0) throw new RangeError(`${fn}: offset of ${name} must be a non-negative integer (got ${off})`);
  if (rows === 0 || cols === 0) return;
  const last = off + (rows - 1) + (cols - 1) * ld;
  if (last >= arr.length) {
    throw new RangeError(`${fn}: ${name} out of bounds (${rows}x${cols}, ld ${ld}, offset ${off} needs ${last + 1} elements, has ${arr.length})`);
  }
}

/** Throws unless the n-element vector at off with increment inc lies inside arr. */
export function checkVector(fn: string, name: string, arr: TypedArray, off: number, n: number, inc: number): void {
  if (!Number.isInteger(off) || off < 0) throw new RangeError(`${fn}: offset of ${name} must be a non-negative integer (got ${off})`);
  if (!Number.isInteger(inc)) throw new RangeError(`${fn}: increment of ${name} must be an integer (got ${inc})`);
  if (n === 0) return;
  const last = off + (n - 1) * inc;
  if (last < 0 || last >= arr.length || off >= arr.length) {
    throw new RangeError(`${fn}: ${name} out of bounds (${n} elements, increment ${inc}, offset ${off}, has ${arr.length})`);
  }
}

/** 'n' / 't' (either case) to a flag, anything else throws. */
export function transFlag(fn: string, t: string): boolean {
  if (t === 'n' || t === 'N') return false;
  if (t === 't' || t === 'T') return true;
  throw new RangeError(`${fn}: transpose flag must be 'n' or 't' (got '${t}')`);
}
