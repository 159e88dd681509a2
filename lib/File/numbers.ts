/**
 * Number text as C's stdio writes and reads it in ascii `.t7` files: `printf("%.17g")` / `"%.9g"`
 * (round-half-even on the exact binary value, like glibc), `fscanf("%lg")` / `"%g"` into a float
 * (correctly rounded to float32, never double-rounded), and IEEE binary16 conversions for HalfStorage.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** True when the sign bit of x is set (also for NaN, as far as the engine keeps NaN bits). */
export function signBit(x: number): boolean {
  f64[0] = x;
  return (u32[1] >>> 31) === 1;
}

/** The exact decimal value of a finite nonzero double: |x| = digits × 10^exp10 (digits without trailing zeros). */
function exactDecimal(x: number): { digits: string; exp10: number } {
  f64[0] = Math.abs(x);
  const hi = u32[1], lo = u32[0];
  const e = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (e === 0) exp2 = -1074;
  else { m |= 1n << 52n; exp2 = e - 1075; }
  let digits: string, exp10: number;
  if (exp2 >= 0) { digits = (m << BigInt(exp2)).toString(); exp10 = 0; }
  else { digits = (m * 5n ** BigInt(-exp2)).toString(); exp10 = exp2; }
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  exp10 += digits.length - end;
  return { digits: digits.slice(0, end), exp10 };
}

/** p significant digits of |x| and the decimal exponent of the first, rounded half-even on the exact value. */
function roundDigits(x: number, p: number): { digits: string; exp: number } {
  const s = Math.abs(x).toExponential(p - 1);
  const ei = s.indexOf('e');
  let digits = s.slice(0, ei).replace('.', '');
  let exp = Number(s.slice(ei + 1));
  // toExponential breaks exact ties upward; C rounds them to even. A tie shows as a trailing 5 at p+1 digits.
  const longer = Math.abs(x).toExponential(p);
  if (longer.charCodeAt(longer.indexOf('e') - 1) === 53 /* '5' */) {
    const ex = exactDecimal(x);
    const sciExp = ex.digits.length - 1 + ex.exp10;
    if (ex.digits.length === p + 1 && ex.digits.endsWith('5')) {
      let head = ex.digits.slice(0, p);
      exp = sciExp;
      if ((head.charCodeAt(p - 1) - 48) % 2 === 1) {
        const up = (BigInt(head) + 1n).toString();
        if (up.length > p) { head = up.slice(0, p); exp++; } else head = up;
      }
      digits = head;
    }
  }
  return { digits, exp };
}

/**
 * C's `printf("%.<p>g", x)`: `%.17g` for doubles, `%.9g` for floats. NaN prints as `nan` or `-nan`
 * (by its sign bit, as glibc), infinities as `inf` / `-inf`, negative zero as `-0`.
 * @example
 * formatG(1 / 3, 17); // '0.33333333333333331'
 * formatG(1e300, 17); // '1.0000000000000001e+300'
 */
export function formatG(x: number, p: number, negativeNaN = signBit(x)): string {
  if (Number.isNaN(x)) return negativeNaN ? '-nan' : 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0`;
  const { digits, exp } = roundDigits(x, p);
  if (exp < -4 || exp >= p) {
    const frac = digits.slice(1).replace(/0+$/, '');
    const e = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    return `${sign}${digits[0]}${frac ? `.${frac}` : ''}e${e}`;
  }
  let int: string, frac: string;
  if (exp >= 0) { int = digits.slice(0, exp + 1); frac = digits.slice(exp + 1); }
  else { int = '0'; frac = '0'.repeat(-exp - 1) + digits; }
  frac = frac.replace(/0+$/, '');
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** Parses a decimal token (`[+-]digits[.digits][e[+-]digits]`) as an exact rational: mantissa × 10^exp10. */
function decimalRational(token: string): { neg: boolean; mant: bigint; exp10: number } {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(token)!;
  const intDigits = m[2] ?? '', fracDigits = m[3] ?? '';
  return { neg: m[1] === '-', mant: BigInt((intDigits + fracDigits) || '0'), exp10: Number(m[4] ?? 0) - fracDigits.length };
}

/** Compares |decimal token| with |d| (d finite, nonzero) exactly: -1, 0 or 1. */
function compareExact(token: string, d: number): number {
  const { mant, exp10 } = decimalRational(token);
  const ex = exactDecimal(d);
  // a = mant × 10^exp10, b = digits × 10^ex.exp10
  let a = mant, b = BigInt(ex.digits);
  const k = exp10 - ex.exp10;
  if (k > 4000 || k < -4000) return k > 0 ? 1 : -1;
  if (k >= 0) a *= 10n ** BigInt(k); else b *= 10n ** BigInt(-k);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The float32 next to f (a float, not NaN/inf) in the direction of `toward`. */
function nextFloat(f: number, toward: number): number {
  f32[0] = f;
  if (f === 0) { i32[0] = 1; return toward > 0 ? f32[0] : -f32[0]; }
  const away = (toward > f) === (f > 0);
  i32[0] += away ? 1 : -1;
  return f32[0];
}

/**
 * C's `strtof` on a decimal token: the float32 nearest to the exact decimal value (rounding the
 * decimal straight to float, as fscanf("%g") into a float does, not through a double).
 */
export function parseFloat32(token: string): number {
  const d = Number(token);
  const f = Math.fround(d);
  if (f === d || !Number.isFinite(f) || d === 0) return f;
  const other = nextFloat(f, d);
  if (!Number.isFinite(other)) return f;
  const mid = (f + other) / 2;
  if (d !== mid) return f;
  // d sits exactly on a midpoint: the decimal may be just above or below it.
  const c = compareExact(token, mid);
  if (c === 0) return f; // a true tie: fround already rounded half to even
  const fartherFromZero = Math.abs(f) > Math.abs(other) ? f : other;
  const nearerToZero = fartherFromZero === f ? other : f;
  return c > 0 ? fartherFromZero : nearerToZero;
}

/** IEEE binary16 bits to a number. */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f, m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1024 + m) * 2 ** (e - 25);
}

/** A number to IEEE binary16 bits (first rounded to float32, then to half, round-half-even, as TH_float2half). */
export function floatToHalf(x: number): number {
  f32[0] = x;
  const bits = i32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 | (mant >>> 13) : 0);
  let e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1), half = 1 << (shift - 1);
    if (rem > half || (rem === half && (h & 1))) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
  return sign | h;
}
