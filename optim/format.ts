/**
 * C's printf number formats as Lua's `string.format` and `tostring` give them (LuaJIT: NaN prints as
 * "nan", infinities as "inf"/"-inf"). Rounding is exact and ties go to even, as glibc does, so
 * `%11.4e`, `%2.3f`, `%g` and `%.14g` print the same digits as Torch.
 */

const view = new DataView(new ArrayBuffer(8));

/** |v| = mant · 2^exp exactly, for a finite v. */
function decompose(v: number): [bigint, number] {
  view.setFloat64(0, Math.abs(v));
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const be = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (be === 0) return [mant, -1074];
  mant |= 1n << 52n;
  return [mant, be - 1075];
}

/** round(|v| · 10^k), exact, ties to even. */
function scaledRound(v: number, k: number): bigint {
  const [m, e] = decompose(v);
  let num = m, den = 1n;
  if (e >= 0) num <<= BigInt(e); else den <<= BigInt(-e);
  if (k >= 0) num *= 10n ** BigInt(k); else den *= 10n ** BigInt(-k);
  const q = num / den, r2 = (num % den) * 2n;
  return r2 > den || (r2 === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** |v| with `prec` decimals. */
function fixedDigits(v: number, prec: number): string {
  let s = scaledRound(v, prec).toString();
  if (prec > 0) {
    s = s.padStart(prec + 1, '0');
    s = `${s.slice(0, -prec)}.${s.slice(-prec)}`;
  }
  return s;
}

/** The prec+1 significant digits of |v| and its decimal exponent, after rounding. */
function expDigits(v: number, prec: number): [string, number] {
  if (v === 0) return ['0'.repeat(prec + 1), 0];
  const lo = 10n ** BigInt(prec), hi = lo * 10n;
  let X = Math.floor(Math.log10(Math.abs(v)));
  let q = scaledRound(v, prec - X);
  for (let guard = 0; guard < 4 && (q >= hi || q < lo); guard++) {
    X += q >= hi ? 1 : -1;
    q = scaledRound(v, prec - X);
  }
  return [q.toString(), X];
}

function expString(digits: string, X: number, prec: number, alt: boolean, upper: boolean): string {
  const mant = prec > 0 || alt ? `${digits[0]}.${digits.slice(1)}` : digits[0];
  const ex = `${X < 0 ? '-' : '+'}${String(Math.abs(X)).padStart(2, '0')}`;
  return `${mant}${upper ? 'E' : 'e'}${ex}`;
}

/** The body (no sign, no padding) of a number in conversion `conv` ('f', 'e', 'g', upper-case too). */
function body(v: number, conv: string, prec: number | undefined, alt = false): string {
  const upper = conv === conv.toUpperCase();
  if (Number.isNaN(v)) return upper ? 'NAN' : 'nan';
  if (!Number.isFinite(v)) return upper ? 'INF' : 'inf';
  const c = conv.toLowerCase();
  const p = prec ?? 6;
  if (c === 'f') return fixedDigits(v, p);
  if (c === 'e') { const [d, X] = expDigits(v, p); return expString(d, X, p, alt, upper); }
  // %g: P significant digits, fixed when -4 <= X < P, trailing zeros removed
  const P = p === 0 ? 1 : p;
  const X = v === 0 ? 0 : expDigits(v, P - 1)[1];
  let s: string;
  if (X < P && X >= -4) s = fixedDigits(v, P - 1 - X);
  else { const [d, X2] = expDigits(v, P - 1); s = expString(d, X2, P - 1, alt, upper); }
  if (!alt) {
    s = s.replace(/(\.\d*?)0+(?=$|[eE])/, '$1').replace(/\.(?=$|[eE])/, '');
  }
  return s;
}

/** One conversion of `string.format`. */
function convert(flags: string, width: number, prec: number | undefined, conv: string, arg: unknown): string {
  let s: string;
  let sign = '';
  if (conv === 's') {
    s = typeof arg === 'number' ? tostring(arg) : String(arg);
    if (prec !== undefined) s = s.slice(0, prec);
  } else if (conv === 'd' || conv === 'i') {
    const n = Math.trunc(Number(arg));
    sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    s = Math.abs(n).toString();
    if (prec !== undefined) s = s.padStart(prec, '0');
  } else {
    const v = Number(arg);
    const neg = v < 0 || Object.is(v, -0);
    sign = neg && !Number.isNaN(v) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    s = body(v, conv, prec, flags.includes('#'));
  }
  const len = sign.length + s.length;
  if (len >= width) return sign + s;
  if (flags.includes('-')) return sign + s + ' '.repeat(width - len);
  if (flags.includes('0') && conv !== 's' && Number.isFinite(Number(arg))) return sign + '0'.repeat(width - len) + s;
  return ' '.repeat(width - len) + sign + s;
}

/**
 * Lua's `string.format(fmt, ...)` for the conversions d i f F e E g G s and %%.
 * @example
 * sprintf('%11.4e', 0.5); // ' 5.0000e-01'
 */
export function sprintf(fmt: string, ...args: unknown[]): string {
  let k = 0;
  return fmt.replace(/%([-+ #0]*)(\d*)(?:\.(\d*))?([difFeEgGs%])/g, (_m, flags: string, w: string, p: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    return convert(flags, w ? Number(w) : 0, p === undefined ? undefined : Number(p || 0), conv, args[k++]);
  });
}

/** Lua's `tostring` of a number (`%.14g`; "nan", "inf", "-inf"). @example tostring(2 / 3) // '0.66666666666667' */
export function tostring(v: number): string {
  return convert('', 0, 14, 'g', v);
}
