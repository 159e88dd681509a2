/** optim.polyinterp: the minimum of the polynomial interpolating (x, f, f') triplets (polyinterp.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { eigenvalues, leastSquares } from './linalg.js';

/** TH's `min(1)` on the first column: the 1-based row of the first minimum (a NaN wins). */
function argminCol(points: Tensor): number {
  let best = points.get(1, 1), pos = 1;
  for (let i = 2; i <= points.size(1); i++) {
    const v = points.get(i, 1);
    if (!(v >= best)) { best = v; pos = i; if (Number.isNaN(v)) break; }
  }
  return pos;
}

/**
 * The roots of the polynomial with coefficients c (highest power first) as [re, im] pairs; polyinterp's
 * `roots`: coefficients below 1e-12 in magnitude count as zero, leading zeros lower the degree and
 * each trailing zero adds a root at 0. The eigenvalues of the companion matrix give the rest.
 */
function roots(coeffs: number[]): [number, number][] {
  let c = coeffs.map((v) => (Math.abs(v) < 1e-12 ? 0 : v));
  const pos = c.findIndex((v) => v !== 0);
  if (pos < 0) return []; // Torch returns the number 0 here, which its caller cannot use
  c = c.slice(pos);
  let nz = 0;
  for (let i = c.length - 1; i >= 0 && c[i] === 0; i--) nz++;
  c = c.slice(0, c.length - nz);
  const n = c.length - 1;
  const zeros: [number, number][] = Array.from({ length: nz }, () => [0, 0]);
  if (n === 1) return [[-c[1] / c[0], 0], ...zeros];
  if (n > 1) {
    // the companion matrix: ones below the diagonal, -c[2..n+1]/c[1] in the first row
    const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j + 1 ? 1 : 0) as number));
    for (let j = 0; j < n; j++) A[0][j] = -c[j + 1] / c[0];
    return [...eigenvalues(A), ...zeros];
  }
  return zeros;
}

/** polyval: Σ p_i · x^(n-i), highest power first, accumulated left to right. */
function polyval(p: number[], x: number): number {
  let pwr = p.length, val = 0;
  for (const pc of p) { pwr--; val = val + pc * x ** pwr; }
  return val;
}

/**
 * `optim.polyinterp(points[, xminBound][, xmaxBound])` → the position of the minimum of the polynomial
 * that interpolates the rows (x, f(x), f'(x)) of `points` (an N×3 tensor), within the bounds
 * (default: the smallest and largest x). Two points without bounds take the closed-form cubic
 * (falling back to the mean of the x's when the cubic has no real minimiser); otherwise the degree
 * 2N−1 polynomial is fitted by least squares and its real critical points and the bounds are tried.
 * (Torch's general case also returns the polynomial's value there; use {@link polyinterpMin} for it.)
 * @example
 * optim.polyinterp(torch.Tensor([[0, 1, -1], [1, 0.5, 0.2]])); // the minimiser of the cubic fit
 */
export function polyinterp(points: Tensor, xminBound?: number, xmaxBound?: number): number {
  return polyinterpMin(points, xminBound, xmaxBound)[0];
}

/** polyinterp's two results: `[minPos, fmin]` (fmin is undefined in the closed-form two-point case). */
export function polyinterpMin(points: Tensor, xminBound?: number, xmaxBound?: number): [number, number?] {
  const nPoints = points.size(1);
  const order = nPoints * 2 - 1;
  const P = (i: number, j: number) => points.get(i, j);

  // the most common case: the cubic through 2 points with values and derivatives, no bounds
  if (nPoints === 2 && order === 3 && xminBound == null && xmaxBound == null) {
    const minPos = argminCol(points);
    const notMinPos = -minPos + 3;
    const d1 = P(minPos, 3) + P(notMinPos, 3) - 3 * (P(minPos, 2) - P(notMinPos, 2)) / (P(minPos, 1) - P(notMinPos, 1));
    const d2 = Math.sqrt(d1 ** 2 - P(minPos, 3) * P(notMinPos, 3));
    if (!Number.isNaN(d2)) {
      const t = P(notMinPos, 1) - (P(notMinPos, 1) - P(minPos, 1)) * ((P(notMinPos, 3) + d2 - d1) / (P(notMinPos, 3) - P(minPos, 3) + 2 * d2));
      return [Math.min(Math.max(t, P(minPos, 1)), P(notMinPos, 1))];
    }
    return [(P(1, 1) + P(2, 1)) / 2]; // torch.mean of the x's
  }

  // the bounds of the interpolation area
  const xs = Array.from({ length: nPoints }, (_, i) => P(i + 1, 1));
  const xmin = Math.min(...xs), xmax = Math.max(...xs);
  const lo = xminBound ?? xmin, hi = xmaxBound ?? xmax;

  // constraints on the function values, then on the derivatives
  const A: number[][] = [], b: number[] = [];
  for (let i = 1; i <= nPoints; i++) {
    A.push(Array.from({ length: order + 1 }, (_, k) => P(i, 1) ** (order - k)));
    b.push(P(i, 2));
  }
  for (let i = 1; i <= nPoints; i++) {
    A.push(Array.from({ length: order + 1 }, (_, k) => (k < order ? (order - k) * P(i, 1) ** (order - k - 1) : 0)));
    b.push(P(i, 3));
  }

  // the interpolating polynomial (torch.gels), its tiny coefficients zeroed
  const params = leastSquares(A, b).map((v) => (Math.abs(v) <= 1e-12 ? 0 : v));

  // the critical points
  const dParams = params.slice(0, order).map((v, i) => v * (order - i));
  const nans = dParams.some((v) => Number.isNaN(v) || v === Infinity);
  const cp: [number, number][] = [[lo, 0], [hi, 0], ...xs.map((v): [number, number] => [v, 0])];
  if (!nans) cp.push(...roots(dParams));

  // test the critical points; bisection when none is valid
  let fmin = Infinity;
  let minPos = (lo + hi) / 2;
  for (const [re, im] of cp) {
    if (im === 0 && re >= lo && re <= hi) {
      const fCP = polyval(params, re);
      if (fCP < fmin) { minPos = re; fmin = fCP; }
    }
  }
  return [minPos, fmin];
}
