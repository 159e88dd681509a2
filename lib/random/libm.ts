/**
 * Correctly rounded `log`, `exp`, `sin`, `cos`, `tan` for the random distributions.
 *
 * Torch's draws go through glibc's libm, whose results are the correctly rounded ones in all but
 * ~0.1% of cases; V8's `Math.log/exp/sin/cos/tan` (fdlibm ports) differ from them by 1 ulp in 3-9% of
 * cases. These versions evaluate each function in double-double arithmetic (error below ~2^-65
 * relative) and round once, so they agree with glibc whenever glibc is itself correctly rounded.
 * Arguments outside the ranges handled here fall back to `Math`.
 */

// ---- exact-arithmetic helpers (each returns the rounding error of one operation) ----------------------
/** Error of `p = a*b` (Dekker's product; exact unless a or b is huge). */
function mulErr(a: number, b: number, p: number): number {
  let t = 134217729 * a; const ah = t - (t - a), al = a - ah;
  t = 134217729 * b; const bh = t - (t - b), bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}
/** Error of `s = a+b` (Knuth's two-sum). */
function addErr(a: number, b: number, s: number): number { const v = s - a; return (a - (s - v)) + (b - v); }
/** Error of `s = a+b` when |a| >= |b|. */
function fastErr(a: number, b: number, s: number): number { return b - (s - a); }

// ---- double-double pairs, only to build the tables --------------------------------------------------
type DD = [number, number];
const norm = (h: number, l: number): DD => { const s = h + l; return [s, fastErr(h, l, s)]; };
function ddAdd(a: DD, b: DD): DD { const s = a[0] + b[0]; return norm(s, addErr(a[0], b[0], s) + a[1] + b[1]); }
function ddMul(a: DD, b: DD): DD { const p = a[0] * b[0]; return norm(p, mulErr(a[0], b[0], p) + a[0] * b[1] + a[1] * b[0]); }
function ddDiv(a: DD, d: number): DD { const q = a[0] / d, p = q * d; return norm(q, ((a[0] - p) - mulErr(q, d, p) + a[1]) / d); }
/** Sums `term(k, prev)` for k = 1, 2, ... (starting from `first`) until terms stop mattering. */
function series(first: DD, term: (k: number, prev: DD) => DD): DD {
  let sum = first, t = first;
  for (let k = 1; k < 60 && Math.abs(t[0]) > 1e-40; k++) { t = term(k, t); sum = ddAdd(sum, t); }
  return sum;
}

// ---- constants (computed to 300 bits) ----------------------------------------------------------------
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];
const LN2H = 0.6931471805598903, LN2L = 5.497923018708371e-14; // LN2H has 42 bits
const L64H = 0.010830424696223417, L64L = 2.572804622327669e-14, L64L2 = -1.5746795524851787e-30; // ln2/64
const P1 = 1.5707963267341256, P2 = 6.077100506303966e-11, P3 = 2.0222662487959506e-21; // pi/2 (33+33+53 bits)
const F64 = new Float64Array(1), U32 = new Uint32Array(F64.buffer);
/** POW2[k + 1023] = 2^k for k = -1022..1023 (exact scalings without writing float bits). */
const POW2 = new Float64Array(2046).map((_, i) => 2 ** (i - 1023));

// ---- tables, built once from exact series --------------------------------------------------------------
/** LC[i] ~ 1/(1+j/128) and -log(LC[i]) = LTH[i] + LTL[i], for j = i - 38 = -38..53. */
const LC = new Float64Array(92), LTH = new Float64Array(92), LTL = new Float64Array(92);
for (let j = -38; j <= 53; j++) {
  const c = 1 / (1 + j / 128), sh = j / (256 + j), p = sh * (256 + j);
  const s: DD = [sh, ((j - p) - mulErr(sh, 256 + j, p)) / (256 + j)], s2 = ddMul(s, s);
  let pw = s, at = s; // log(1+j/128) = 2 atanh(s) = 2 sum s^(2k+1)/(2k+1)
  for (let k = 1; k < 40; k++) { pw = ddMul(pw, s2); at = ddAdd(at, ddDiv(pw, 2 * k + 1)); }
  const q = (1 + j / 128) * c, delta = (q - 1) + mulErr(1 + j / 128, c, q); // (1+j/128)*c = 1 + delta
  LC[j + 38] = c;
  [LTH[j + 38], LTL[j + 38]] = ddAdd([2 * at[0], 2 * at[1]], [-delta, 0]);
}
/** 2^(j/64) = EXH[j] + EXL[j]. */
const EXH = new Float64Array(64), EXL = new Float64Array(64);
for (let j = 0; j < 64; j++) {
  const z = ddDiv(ddMul(LN2, [j, 0]), 64);
  [EXH[j], EXL[j]] = series([1, 0], (k, p) => ddDiv(ddMul(p, z), k));
}
/** sin(j/64) = SNH[j] + SNL[j], cos(j/64) = CSH[j] + CSL[j]. */
const SNH = new Float64Array(53), SNL = new Float64Array(53), CSH = new Float64Array(53), CSL = new Float64Array(53);
for (let j = 0; j <= 52; j++) {
  const a = j / 64, a2 = ddMul([a, 0], [a, 0]);
  [SNH[j], SNL[j]] = series([a, 0], (k, p) => ddDiv(ddMul(p, a2), -(2 * k) * (2 * k + 1)));
  [CSH[j], CSL[j]] = series([1, 0], (k, p) => ddDiv(ddMul(p, a2), -(2 * k - 1) * (2 * k)));
}

/** Correctly rounded natural logarithm. */
export function log(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  let e = 0;
  if (x < 2.2250738585072014e-308) { x *= 18014398509481984; e = -54; }
  F64[0] = x;
  const k = (U32[1] >>> 20) - 1023;
  let m = x * POW2[1023 - k]; // x = m * 2^e, m in [sqrt(1/2), sqrt(2)]
  e += k;
  if (m > Math.SQRT2) { m *= 0.5; e++; }
  const i = (m - 1) * 128 + 38.5 | 0;
  const c = LC[i], p = m * c, d = p - 1, pe = mulErr(m, c, p);
  const rh = d + pe, rl = addErr(d, pe, rh); // r = m*c - 1 exactly, |r| < 2^-7.4
  const r2 = rh * rh, r2e = mulErr(rh, rh, r2);
  const tail = rh * r2 * (1 / 3 - rh * (1 / 4 - rh * (1 / 5 - rh * (1 / 6 - rh * (1 / 7 - rh * (1 / 8 - rh * (1 / 9 - rh / 10)))))));
  const qh = r2 * 0.5, ph = rh - qh; // log1p(r) = r - r^2/2 + tail, plus rl/(1+r)
  const pl = addErr(rh, -qh, ph) + rl * (1 - rh + r2) - r2e * 0.5 + tail;
  const A = e * LN2H, Th = LTH[i], s1 = A + Th, s2 = s1 + ph;
  return s2 + (addErr(s1, ph, s2) + addErr(A, Th, s1) + e * LN2L + LTL[i] + pl);
}

/** Correctly rounded e^x (Math.exp for |x| >= 700 and NaN). */
export function exp(x: number): number {
  if (!(Math.abs(x) < 700)) return Math.exp(x);
  const n = Math.floor(x * 92.33248261689366 + 0.5);
  const a = x - n * L64H, b = n * L64L, rh = a - b; // r = x - n*ln2/64, |r| <= 2^-7.5
  const rl = addErr(a, -b, rh) - mulErr(n, L64L, b) - n * L64L2;
  const r2 = rh * rh, r2e = mulErr(rh, rh, r2);
  const tail = rh * r2 * (1 / 6 + rh * (1 / 24 + rh * (1 / 120 + rh * (1 / 720 + rh / 5040))));
  const ph = 1 + rh, qh = r2 * 0.5, sh = ph + qh;
  const sl = fastErr(ph, qh, sh) + fastErr(1, rh, ph) + r2e * 0.5 + rl + rl * rh + tail;
  const j = n & 63, Eh = EXH[j], mh = sh * Eh;
  return (mh + (mulErr(sh, Eh, mh) + sh * EXL[j] + sl * Eh)) * POW2[(n >> 6) + 1023];
}

/** sin (f = 0), cos (1) or tan (2) of t, |t| < 2^19: t = n*pi/2 + r, r = +-(j/64 + b), |b| <= 2^-7. */
function trig(t: number, f: number): number {
  const n = Math.floor(t * 0.6366197723675814 + 0.5), q = n & 3;
  const a = t - n * P1, b = n * P2, s = a - b, lo = addErr(a, -b, s) - n * P3, r = s + lo;
  const sg = r < 0 ? -1 : 1, rh = sg * r, rl = sg * fastErr(s, lo, r);
  const j = rh * 64 + 0.5 | 0, d = rh - j / 64, bh = d + rl, bl = addErr(d, rl, bh);
  const b2 = bh * bh, b2e = mulErr(bh, bh, b2);
  const sbl = bl * (1 - b2 / 2) + bh * b2 * (-1 / 6 + b2 * (1 / 120 - b2 / 5040)); // sin b = bh + sbl
  const cbh = -b2 / 2, cbl = -b2e / 2 - bh * bl + b2 * b2 * (1 / 24 - b2 / 720); // cos b = 1 + cbh + cbl
  const Sh = SNH[j], Sl = SNL[j], Ch = CSH[j], Cl = CSL[j];
  const needSin = f === 2 || (q & 1) === f;
  let sh = 0, sl = 0, ch = 0, cl = 0;
  if (needSin) { // sin(a+b) = S + S*(cos b - 1) + C*sin b
    const p1 = Ch * bh, p1l = mulErr(Ch, bh, p1) + Ch * sbl + Cl * bh;
    const p2 = Sh * cbh, p2l = mulErr(Sh, cbh, p2) + Sh * cbl + Sl * cbh;
    const s1 = Sh + p1, s2 = s1 + p2, l2 = addErr(s1, p2, s2) + addErr(Sh, p1, s1) + Sl + p1l + p2l;
    sh = sg * (s2 + l2); sl = sg * fastErr(s2, l2, s2 + l2);
  }
  if (f === 2 || !needSin) { // cos(a+b) = C + C*(cos b - 1) - S*sin b
    const p1 = Sh * bh, p1l = mulErr(Sh, bh, p1) + Sh * sbl + Sl * bh;
    const p2 = Ch * cbh, p2l = mulErr(Ch, cbh, p2) + Ch * cbl + Cl * cbh;
    const s1 = Ch - p1, s2 = s1 + p2, l2 = addErr(s1, p2, s2) + addErr(Ch, -p1, s1) + Cl - p1l + p2l;
    ch = s2 + l2; cl = fastErr(s2, l2, ch);
  }
  if (f === 0) return (q & 2 ? -1 : 1) * (q & 1 ? ch : sh);
  if (f === 1) return (q === 1 || q === 2 ? -1 : 1) * (q & 1 ? sh : ch);
  const [nh, nl, dh, dl] = q & 1 ? [ch, cl, -sh, -sl] : [sh, sl, ch, cl];
  const q1 = nh / dh, pr = q1 * dh;
  return q1 + (((nh - pr) - mulErr(q1, dh, pr)) + nl - q1 * dl) / dh;
}

const BIG = 524288;
/** Correctly rounded sine (|t| < 2^19; else Math.sin). */
export function sin(t: number): number { return Math.abs(t) < BIG ? trig(t, 0) : Math.sin(t); }
/** Correctly rounded cosine (|t| < 2^19; else Math.cos). */
export function cos(t: number): number { return Math.abs(t) < BIG ? trig(t, 1) : Math.cos(t); }
/** Correctly rounded tangent (|t| < 2^19; else Math.tan). */
export function tan(t: number): number { return Math.abs(t) < BIG ? trig(t, 2) : Math.tan(t); }
