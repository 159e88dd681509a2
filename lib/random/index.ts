/**
 * Torch7's random functions (random.lua, TensorMath.lua): each takes an optional Generator first and
 * uses the default generator `_gen` otherwise. A Tensor first fills that tensor instead
 * (`torch.uniform(x, 0, 1)` = `x.uniform(0, 1)`).
 */
import { argError as argErr } from '../errors.js';
import { Tensor } from '../Tensor.js';
import { _gen, Generator, toCLong, type GenArgs } from './Generator.js';
import {
  fillBernoulli, fillCauchy, fillExponential, fillGeometric, fillLogNormal, fillNormal, fillRandom,
  fillUniform, genArgs, rand, randn, randperm,
} from './tensor.js';

export { _gen, Generator, type GenArgs } from './Generator.js';
export { getRNGState, setRNGState, generatorToBytes, generatorFromBytes, RNG_STATE_SIZE } from './state.js';
export { rand, randn, randperm } from './tensor.js';

type Fill = (x: Tensor, args: readonly unknown[], method?: boolean) => Tensor;

/** A Torch random function: scalar draw from `[gen,] nums`, or a fill when a Tensor comes first. */
function scalarOrFill(args: readonly unknown[], fill: Fill, draw: () => number): number | Tensor {
  return args[0] instanceof Tensor ? fill(args[0], args.slice(1), false) : draw();
}

/**
 * `torch.manualSeed([gen,] seed)`: resets the generator and seeds it with the low 32 bits of `seed`
 * (a number goes through C's `(long)` cast as in Torch; a bigint is taken as the unsigned long itself).
 * @example
 * torch.manualSeed(123); torch.random(); // 2991312382
 */
export function manualSeed(...args: GenArgs<[seed: number | bigint]>): void {
  const i = args[0] instanceof Generator ? 1 : 0, s = args[i];
  if (typeof s === 'bigint' && args.length === i + 1) (i ? (args[0] as Generator) : _gen).manualSeed(s);
  else { const [g, [n]] = genArgs('manualSeed', args, 1, 1, '[Generator] long'); g.manualSeed(n); }
}

/**
 * `torch.seed([gen])`: reseeds from 64 crypto-random bits; returns the seed as Lua sees it (a signed
 * long as a double, so above 2^53 it no longer reproduces the stream: use `initialSeed` via getRNGState).
 * @example
 * const s = torch.seed(); torch.initialSeed() === s; // true
 */
export function seed(...args: [] | [Generator]): number {
  return genArgs('seed', args, 0, 0, '[Generator]')[0].seed();
}

/**
 * `torch.initialSeed([gen])`: the last seed given to manualSeed/seed (as a signed long).
 * @example
 * torch.manualSeed(42); torch.initialSeed(); // 42
 */
export function initialSeed(...args: [] | [Generator]): number {
  return genArgs('initialSeed', args, 0, 0, '[Generator]')[0].initialSeed();
}

/**
 * `torch.random([gen,] [a,] [b])`: `()` a raw 32-bit integer, `(b)` one of 1..b, `(a, b)` one of a..b.
 * @example
 * torch.random(6); // a die roll
 */
export function random(...args: GenArgs<[] | [b: number] | [a: number, b: number]>): number;
export function random<T extends Tensor>(x: T, ...args: GenArgs<[] | [b: number] | [a: number, b: number]>): T;
export function random(...args: unknown[]): number | Tensor {
  return scalarOrFill(args, fillRandom, () => {
    const [g, nums] = genArgs('random', args, 0, 2, '[Generator] | [Generator] long | [Generator] long long');
    const [a, b] = nums.map((v) => Number(toCLong(v)));
    if (nums.length === 0) return g.random();
    if (nums.length === 1) {
      if (!(a > 0)) throw argErr(1, 'random', 'upper bound must be strictly positive');
      return g.random() % a + 1;
    }
    if (!(b >= a)) throw argErr(2, 'random', 'upper bound must be larger than lower bound');
    return g.random() % (b + 1 - a) + a;
  });
}

/** Declares a scalar distribution `torch.name([gen,] params...)` with Torch's defaults. */
function distribution<P extends unknown[]>(name: string, fill: Fill, defaults: (number | undefined)[],
  draw: (g: Generator, v: number[]) => number) {
  const min = defaults.filter((d) => d === undefined).length;
  const help = '[Generator] ' + defaults.map((d) => (d === undefined ? 'double' : '[double]')).join(' ');
  function f(...args: GenArgs<P>): number;
  function f<T extends Tensor>(x: T, ...args: GenArgs<P>): T;
  function f(...args: unknown[]): number | Tensor {
    return scalarOrFill(args, fill, () => {
      const [g, nums] = genArgs(name, args, min, defaults.length, help);
      return draw(g, defaults.map((d, i) => nums[i] ?? (d as number)));
    });
  }
  return f;
}

/** `torch.uniform([gen,] [a=0], [b=1])`: `u*(b-a)+a` with u = random()/2^32. @example torch.uniform(-1, 1) */
export const uniform = distribution<[a?: number, b?: number]>('uniform', fillUniform, [0, 1], (g, [a, b]) => g.uniform(a, b));
/** `torch.normal([gen,] [mean=0], [std=1])`: Box–Muller with one cached value. @example torch.normal(10, 0.5) */
export const normal = distribution<[mean?: number, std?: number]>('normal', fillNormal, [0, 1], (g, [m, s]) => g.normal(m, s));
/** `torch.cauchy([gen,] [median=0], [sigma=1])`. @example torch.cauchy() */
export const cauchy = distribution<[median?: number, sigma?: number]>('cauchy', fillCauchy, [0, 1], (g, [m, s]) => g.cauchy(m, s));
/** `torch.logNormal([gen,] [mean=1], [std=2])` = `exp(normal(mean, std))`. @example torch.logNormal(0, 1) */
export const logNormal = distribution<[mean?: number, std?: number]>('logNormal', fillLogNormal, [1, 2], (g, [m, s]) => g.logNormal(m, s));
/** `torch.exponential([gen,] lambda)` = `-1/lambda*log(1-u)`. @example torch.exponential(2) */
export const exponential = distribution<[lambda: number]>('exponential', fillExponential, [undefined], (g, [l]) => g.exponential(l));
/** `torch.geometric([gen,] p)`, 0 < p < 1: an integer >= 1. @example torch.geometric(0.5) */
export const geometric = distribution<[p: number]>('geometric', fillGeometric, [undefined], (g, [p]) => g.geometric(p));
/** `torch.bernoulli([gen,] [p=0.5])`: 1 with probability p, else 0. @example torch.bernoulli(0.3) */
export const bernoulli = distribution<[p?: number]>('bernoulli', fillBernoulli, [0.5], (g, [p]) => g.bernoulli(p));
