/**
 * TH's sorting kernels (THTensorMath.c `quicksortascend` and `quickselect`), rewritten to make the
 * same moves: a median-of-three quicksort that leaves subfiles of at most 10 elements to a final
 * insertion pass, and Devillard's quickselect. Neither is stable; reproducing their moves exactly
 * reproduces Torch's order of tied elements and its placement of NaNs.
 *
 * They work on contiguous Float64Array buffers of values (every element type fits exactly) and
 * indices. A descending sort is an ascending sort of the negated values: `-a > -b` is `a < b` for
 * every pair, NaN included, so TH's `quicksortdescend` makes exactly the moves this makes on -x.
 */

const M_SMALL = 10;

/** THTensor_(quicksortascend) on `n` values `a` and their indices `x`. */
export function quicksortAscend(a: Float64Array, x: Float64Array, n: number): void {
  const begs: number[] = [], ends: number[] = [];
  let stack = 0, L = 0, R = n - 1;
  let done = n - 1 <= M_SMALL;
  let t: number;
  while (!done) {
    const P = (L + R) >> 1;
    t = a[P]; a[P] = a[L + 1]; a[L + 1] = t; t = x[P]; x[P] = x[L + 1]; x[L + 1] = t;
    if (a[L + 1] > a[R]) { t = a[L + 1]; a[L + 1] = a[R]; a[R] = t; t = x[L + 1]; x[L + 1] = x[R]; x[R] = t; }
    if (a[L] > a[R]) { t = a[L]; a[L] = a[R]; a[R] = t; t = x[L]; x[L] = x[R]; x[R] = t; }
    if (a[L + 1] > a[L]) { t = a[L + 1]; a[L + 1] = a[L]; a[L] = t; t = x[L + 1]; x[L + 1] = x[L]; x[L] = t; }
    let i = L + 1, j = R;
    const piv = a[L];
    for (;;) {
      do i++; while (a[i] < piv);
      do j--; while (a[j] > piv);
      if (j < i) break;
      t = a[i]; a[i] = a[j]; a[j] = t; t = x[i]; x[i] = x[j]; x[j] = t;
    }
    t = a[L]; a[L] = a[j]; a[j] = t; t = x[L]; x[L] = x[j]; x[j] = t;
    const szLeft = j - L, szRight = R - i + 1;
    if (szLeft <= M_SMALL && szRight <= M_SMALL) {
      if (stack === 0) done = true;
      else { stack--; L = begs[stack]; R = ends[stack]; }
    } else if (szLeft <= M_SMALL || szRight <= M_SMALL) {
      if (szLeft > szRight) R = j - 1;
      else L = i;
    } else if (szLeft > szRight) {
      begs[stack] = L; ends[stack] = j - 1; stack++; L = i;
    } else {
      begs[stack] = i; ends[stack] = R; stack++; R = j - 1;
    }
  }
  for (let i = n - 2; i >= 0; i--) {
    if (a[i] > a[i + 1]) {
      const piv = a[i], pid = x[i];
      let j = i + 1;
      do { a[j - 1] = a[j]; x[j - 1] = x[j]; j++; } while (j < n && a[j] < piv);
      a[j - 1] = piv;
      x[j - 1] = pid;
    }
  }
}

/** THTensor_(quicksortdescend): the ascending sort of the negated values. */
export function quicksortDescend(a: Float64Array, x: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) a[i] = -a[i];
  quicksortAscend(a, x, n);
  for (let i = 0; i < n; i++) a[i] = -a[i];
}

/**
 * THTensor_(quickselect): partially orders `n` values `a` (indices `x` follow) so that a[k] is the
 * (k+1)-th smallest, everything before it no larger and everything after no smaller.
 */
export function quickselect(a: Float64Array, x: Float64Array, k: number, n: number): void {
  let L = 0, R = n - 1;
  let t: number;
  for (;;) {
    if (R <= L) return;
    if (R === L + 1) {
      if (a[L] > a[R]) { t = a[L]; a[L] = a[R]; a[R] = t; t = x[L]; x[L] = x[R]; x[R] = t; }
      return;
    }
    const P = (L + R) >> 1;
    t = a[P]; a[P] = a[L + 1]; a[L + 1] = t; t = x[P]; x[P] = x[L + 1]; x[L + 1] = t;
    if (a[L + 1] > a[R]) { t = a[L + 1]; a[L + 1] = a[R]; a[R] = t; t = x[L + 1]; x[L + 1] = x[R]; x[R] = t; }
    if (a[L] > a[R]) { t = a[L]; a[L] = a[R]; a[R] = t; t = x[L]; x[L] = x[R]; x[R] = t; }
    if (a[L + 1] > a[L]) { t = a[L + 1]; a[L + 1] = a[L]; a[L] = t; t = x[L + 1]; x[L + 1] = x[L]; x[L] = t; }
    let i = L + 1, j = R;
    const piv = a[L];
    for (;;) {
      do i++; while (a[i] < piv);
      do j--; while (a[j] > piv);
      if (j < i) break;
      t = a[i]; a[i] = a[j]; a[j] = t; t = x[i]; x[i] = x[j]; x[j] = t;
    }
    t = a[L]; a[L] = a[j]; a[j] = t; t = x[L]; x[L] = x[j]; x[j] = t;
    if (j <= k) L = i;
    if (j >= k) R = j - 1;
  }
}
