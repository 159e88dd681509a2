/**
 * `y:add(a, x)` and `x:dot(y)` rounded as the reference Torch rounds them. Torch sends both to BLAS
 * (THBlas axpy and dot), and the OpenBLAS that wrote the torch7-ref fixtures computes them with fused
 * multiply-adds: axpy rounds each `a·x_i + y_i` once, and a ddot shorter than 16 elements is a
 * sequential FMA sum (the fixtures match this bit for bit; an OpenBLAS whose C tails are not
 * FMA-contracted, such as a Haswell DYNAMIC_ARCH build, rounds short vectors twice). The tensor
 * library rounds the product and the sum separately. The difference is an ulp, and that is enough to
 * move lbfgs + lswolfe's steps near a minimum, where f differences are at rounding level. So the
 * optimisers use these two helpers: short double vectors get an exact FMA emulation (about 25 ns an
 * element); longer ones, and other types, use the library's add and dot, whose rounding varies by
 * an ulp from one BLAS build to another, as Torch's own does.
 */
import type { Tensor } from '../lib/Tensor.js';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1; // the mantissa's low word
const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter

/** x + y rounded to odd (the truncation, with its last bit set when inexact). */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const bb = s - x;
  const err = (x - (s - bb)) + (y - bb);
  if (err === 0 || !Number.isFinite(s)) return s;
  f64[0] = s;
  if (u32[LOW] & 1) return s;
  // s is even: the odd neighbour on the side of the exact value
  const up = (err > 0) === (s > 0);
  if (up) {
    u32[LOW] = u32[LOW] + 1;
    if (u32[LOW] === 0) u32[1 - LOW] = u32[1 - LOW] + 1;
  } else {
    if (u32[LOW] === 0) u32[1 - LOW] = u32[1 - LOW] - 1;
    u32[LOW] = u32[LOW] - 1;
  }
  return f64[0];
}

/**
 * The fused multiply-add `a·b + c` with one rounding (Boldo & Melquiond's emulation: an exact
 * product, an exact sum and a round-to-odd addition). Exact for operands away from the overflow and
 * underflow ranges; outside them it returns `a*b + c`.
 * @example
 * fma(0.1, 10, -1); // 5.551115123125783e-17 (a*b + c gives 0)
 */
export function fma(a: number, b: number, c: number): number {
  const uh = a * b;
  const aa = Math.abs(a), ab = Math.abs(b), au = Math.abs(uh);
  if (!(aa < 1e290 && ab < 1e290 && au < 1e300 && (au > 1e-280 || uh === 0) && Math.abs(c) < 1e300) || uh === 0) {
    return uh + c;
  }
  // the exact product uh + ul (Dekker)
  const ca = SPLIT * a, ah = ca - (ca - a), al = a - ah;
  const cb = SPLIT * b, bh = cb - (cb - b), bl = b - bh;
  const ul = ((ah * bh - uh) + ah * bl + al * bh) + al * bl;
  // th + tl = c + uh exactly
  const th = c + uh;
  const bv = th - c;
  const tl = (c - (th - bv)) + (uh - bv);
  return th + addRoundToOdd(tl, ul);
}

/** The contiguous double data of t: [array, offset], or null. */
function doubleData(t: Tensor): [Float64Array, number] | null {
  // the type first: a device tensor's `data` would read its storage back to the host
  if (t.type() !== 'torch.DoubleTensor') return null;
  const d = t.storage()?.data;
  return d instanceof Float64Array && t.isContiguous() ? [d, t.storageOffset() - 1] : null;
}

/**
 * Torch's `y:add(a, x)` in place: for contiguous double tensors of fewer than 64 elements
 * `y_i = fma(a, x_i, y_i)`, as OpenBLAS's axpy; otherwise the library's `y.add(a, x)`.
 * @example
 * axpy(x, -lr, grad); // x:add(-lr, grad)
 */
export function axpy(y: Tensor, a: number, x: Tensor): Tensor {
  const yd = doubleData(y), xd = doubleData(x);
  const n = y.nElement();
  if (!yd || !xd || n >= 64 || x.nElement() !== n) return y.add(a, x);
  const [ya, yo] = yd, [xa, xo] = xd;
  for (let i = 0; i < n; i++) ya[yo + i] = fma(a, xa[xo + i], ya[yo + i]);
  return y;
}

/**
 * Torch's `x:dot(y)`: for contiguous double vectors shorter than 16 the sequential FMA sum OpenBLAS's
 * ddot computes; otherwise the library's dot.
 * @example
 * dot(g, d); // g:dot(d), or g * d in Lua
 */
export function dot(x: Tensor, y: Tensor): number {
  const xd = doubleData(x), yd = doubleData(y);
  const n = x.nElement();
  if (!xd || !yd || n >= 16 || y.nElement() !== n) return x.dot(y);
  const [xa, xo] = xd, [ya, yo] = yd;
  let s = 0;
  for (let i = 0; i < n; i++) s = fma(ya[yo + i], xa[xo + i], s);
  return s;
}
