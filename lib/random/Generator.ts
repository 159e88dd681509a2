/** torch.Generator: Torch7's THGenerator (MT19937 + Torch's transforms, lib/TH/THRandom.c), with correctly rounded log/exp/sin/cos/tan (libm.ts) so draws match glibc-built Torch. */
import { argError } from '../errors.js';
import { cos, exp, log, sin, tan } from './libm.js';

/** `_MERSENNE_STATE_N` */
export const MT_N = 624;
/** `_MERSENNE_STATE_M` */
export const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const TWO_63 = 2 ** 63;

/** MT19937 `TWIST(u, v)` on 32-bit words. */
function twist(u: number, v: number): number {
  return (((u & 0x80000000) | (v & 0x7fffffff)) >>> 1) ^ (v & 1 ? MATRIX_A : 0);
}

/**
 * What C's `(long)x` gives for a Lua number on x86-64 (`cvttsd2si`): truncation toward zero, and
 * LONG_MIN for NaN or anything outside [-2^63, 2^63).
 */
export function toCLong(x: number): bigint {
  if (!(x >= -TWO_63 && x < TWO_63)) return -(2n ** 63n);
  return BigInt(Math.trunc(x));
}

/** What C's `(int)x` gives on x86-64: truncation, INT_MIN when out of range or NaN. */
function toCInt(x: number): number {
  return x > -2147483649 && x < 2147483648 ? Math.trunc(x) : -2147483648;
}

/** 8 bytes from the platform's cryptographic source, as `unsigned long` (Torch reads /dev/urandom). */
function urandomLong(): bigint {
  const w = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return (BigInt(w[1]) << 32n) | BigInt(w[0]);
}

/**
 * An independent random stream, laid out like Torch's `THGenerator` struct. `new Generator()` is
 * seeded from the crypto source, as `torch.Generator()` is from /dev/urandom.
 * @example
 * const g = new Generator(); g.manualSeed(123);
 * g.random(); // 2991312382
 */
export class Generator {
  /** `unsigned long the_initial_seed` (all 64 bits). */
  the_initial_seed = 0n;
  /** `int left`: draws left before the next twist (+1). */
  left = 1;
  /** `int seeded` */
  seeded = 0;
  /** `unsigned long next`: index of the next state word. */
  next = 0;
  /** `unsigned long state[624]`, each masked to 32 bits as Torch keeps them. */
  readonly state = new Uint32Array(MT_N);
  /** Box–Muller cache: `double normal_x, normal_y, normal_rho; int normal_is_valid`. */
  normal_x = 0;
  normal_y = 0;
  normal_rho = 0;
  normal_is_valid = 0;

  constructor() {
    this.seed();
  }

  /** THGenerator_copy: makes this generator an exact copy of `from`; returns this. */
  copy(from: Generator): this {
    this.the_initial_seed = from.the_initial_seed;
    this.left = from.left;
    this.seeded = from.seeded;
    this.next = from.next;
    this.state.set(from.state);
    this.normal_x = from.normal_x;
    this.normal_y = from.normal_y;
    this.normal_rho = from.normal_rho;
    this.normal_is_valid = from.normal_is_valid;
    return this;
  }

  /** THGenerator_isValid: seeded, 0 < left <= 624 and next <= 624. */
  isValid(): boolean {
    return this.seeded === 1 && this.left > 0 && this.left <= MT_N && this.next <= MT_N;
  }

  /**
   * THRandom_manualSeed: resets the whole generator (the normal cache too) and seeds MT19937 with
   * the low 32 bits of `seed`. A number goes through C's `(long)` cast as Torch's binding does;
   * a bigint is taken as the C `unsigned long` itself (mod 2^64).
   */
  manualSeed(seed: number | bigint): void {
    const s = typeof seed === 'bigint' ? seed : toCLong(seed);
    this.the_initial_seed = BigInt.asUintN(64, s);
    this.next = 0;
    this.normal_x = this.normal_y = this.normal_rho = 0;
    this.normal_is_valid = 0;
    const st = this.state;
    st[0] = Number(this.the_initial_seed & 0xffffffffn);
    for (let j = 1; j < MT_N; j++) {
      const p = st[j - 1];
      st[j] = (Math.imul(1812433253, p ^ (p >>> 30)) + j) >>> 0;
    }
    this.left = 1;
    this.seeded = 1;
  }

  /** THRandom_seed: reseeds from 64 crypto-random bits; returns the seed as Lua sees it (a signed long). */
  seed(): number {
    const s = urandomLong();
    this.manualSeed(s);
    return Number(BigInt.asIntN(64, s));
  }

  /** THRandom_initialSeed, as Lua gets it: `(lua_Number)(long)the_initial_seed`. */
  initialSeed(): number {
    return Number(BigInt.asIntN(64, this.the_initial_seed));
  }

  /** THRandom_nextState: the MT19937 twist of all 624 words. */
  nextState(): void {
    const s = this.state;
    this.left = MT_N;
    this.next = 0;
    let j = 0;
    for (; j < MT_N - MT_M; j++) s[j] = s[j + MT_M] ^ twist(s[j], s[j + 1]);
    for (; j < MT_N - 1; j++) s[j] = s[j + MT_M - MT_N] ^ twist(s[j], s[j + 1]);
    s[MT_N - 1] = s[MT_M - 1] ^ twist(s[MT_N - 1], s[0]);
  }

  /** THRandom_random: the next tempered 32-bit output, in [0, 2^32). */
  random(): number {
    if (--this.left === 0) this.nextState();
    let y = this.state[this.next++] ?? 0;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `__uniform__`: random() / 2^32, in [0, 1) with 32-bit resolution. */
  private u(): number {
    return this.random() * (1.0 / 4294967296.0);
  }

  /** THRandom_uniform: `u*(b-a)+a`. */
  uniform(a = 0, b = 1): number {
    return this.u() * (b - a) + a;
  }

  /** THRandom_normal: Box–Muller; the second value of each pair is cached in the struct. */
  normal(mean = 0, stdv = 1): number {
    if (!(stdv > 0)) throw argError(2, 'normal', 'standard deviation must be strictly positive');
    if (!this.normal_is_valid) {
      this.normal_x = this.u();
      this.normal_y = this.u();
      this.normal_rho = Math.sqrt(-2 * log(1.0 - this.normal_y));
      this.normal_is_valid = 1;
      return this.normal_rho * cos(2 * Math.PI * this.normal_x) * stdv + mean;
    }
    this.normal_is_valid = 0;
    return this.normal_rho * sin(2 * Math.PI * this.normal_x) * stdv + mean;
  }

  /** THRandom_exponential: `-1/lambda * log(1-u)`. */
  exponential(lambda: number): number {
    return -1 / lambda * log(1 - this.u());
  }

  /** THRandom_cauchy: `median + sigma * tan(pi*(u-0.5))`. */
  cauchy(median = 0, sigma = 1): number {
    return median + sigma * tan(Math.PI * (this.u() - 0.5));
  }

  /** THRandom_logNormal (torch7 master): `exp(normal(mean, stdv))`. */
  logNormal(mean = 1, stdv = 2): number {
    if (!(stdv > 0)) throw argError(2, 'logNormal', 'standard deviation must be strictly positive');
    return exp(this.normal(mean, stdv));
  }

  /** THRandom_geometric: `(int)(log(1-u)/log(p)) + 1`, for 0 < p < 1. */
  geometric(p: number): number {
    if (!(p > 0 && p < 1)) throw argError(1, 'geometric', 'must be > 0 and < 1');
    return (toCInt(log(1 - this.u()) / log(p)) + 1) | 0;
  }

  /** THRandom_bernoulli: 1 when `u <= p`, else 0. */
  bernoulli(p = 0.5): number {
    if (!(p >= 0 && p <= 1)) throw argError(1, 'bernoulli', 'must be >= 0 and <= 1');
    return this.u() <= p ? 1 : 0;
  }
}

/** `torch._gen`: the default generator every random function uses when none is given. */
export const _gen = new Generator();

/** Arguments with an optional Generator first, as every Torch random function takes them. */
export type GenArgs<T extends unknown[]> = T | [Generator, ...T];
