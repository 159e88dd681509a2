/** How DataParallelTable splits a batch between its replicas (cunn's `sliceRange`). */

/**
 * The rows that replica `idx` (1-based) of `splits` gets out of `nElem`: `[start, size]`, start 1-based.
 * Every replica gets `floor(nElem / splits)` rows and the first `nElem mod splits` one more, in order,
 * so the slices tile `1..nElem`; when `nElem < splits` the last replicas get 0 rows (they stay idle).
 * @example
 * sliceRange(9, 1, 2); // [1, 5]
 * sliceRange(9, 2, 2); // [6, 4]
 * sliceRange(1, 2, 3); // [2, 0]: replica 2 of 3 is idle for a batch of 1
 */
export function sliceRange(nElem: number, idx: number, splits: number): [start: number, size: number] {
  const base = Math.floor(nElem / splits);
  const extra = nElem - base * splits;
  if (idx <= extra) return [(idx - 1) * (base + 1) + 1, base + 1];
  return [extra * (base + 1) + (idx - 1 - extra) * base + 1, base];
}
