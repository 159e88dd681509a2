/**
 * Random tensor fills (generic/THTensorRandom.c and TensorMath.lua's random wrappers): one draw per
 * element in row-major logical order, whatever the strides; each returns the tensor. Importing this
 * module installs them as Tensor methods (`x.uniform(...)`, `x.rand(...)`, ...).
 */
import { runs1, runs2 } from '../apply.js';
import { newDefault } from '../defaults.js';
import { torchTypeName } from '../dispatch.js';
import { argError, TorchError } from '../errors.js';
import { DoubleTensor, FloatTensor, readSizes, Tensor, type SizeLike } from '../Tensor.js';
import { _gen, Generator, type GenArgs } from './Generator.js';

declare module '../Tensor.js' {
  interface Tensor {
    /** Fills with `uniform(a=0, b=1)` draws (Float/Double only). */
    uniform(...args: GenArgs<[a?: number, b?: number]>): this;
    /** Fills with `normal(mean=0, std=1)` draws (Float/Double only). */
    normal(...args: GenArgs<[mean?: number, std?: number]>): this;
    /** Fills with `cauchy(median=0, sigma=1)` draws (Float/Double only). */
    cauchy(...args: GenArgs<[median?: number, sigma?: number]>): this;
    /** Fills with `logNormal(mean=1, std=2)` draws (Float/Double only). */
    logNormal(...args: GenArgs<[mean?: number, std?: number]>): this;
    /** Fills with `exponential(lambda)` draws (Float/Double only). */
    exponential(...args: GenArgs<[lambda: number]>): this;
    /** Fills with `geometric(p)` draws. */
    geometric(...args: GenArgs<[p: number]>): this;
    /** Fills with `bernoulli(p=0.5)` draws; p may be a Float/DoubleTensor with one p per element. */
    bernoulli(...args: GenArgs<[p?: number | FloatTensor | DoubleTensor]>): this;
    /** Fills with raw random integers: `()` the type's full range, `(b)` 1..b, `(a, b)` a..b. */
    random(...args: GenArgs<[] | [b: number] | [a: number, b: number]>): this;
    /** Resizes to `sizes` and fills with uniform(0, 1). */
    rand(...args: GenArgs<(number | SizeLike)[]>): this;
    /** Resizes to `sizes` and fills with normal(0, 1). */
    randn(...args: GenArgs<(number | SizeLike)[]>): this;
    /** Resizes to n and fills with a random permutation of 1..n. */
    randperm(...args: GenArgs<[n: number]>): this;
  }
}

/** An `argError` as Lua reports it: a method call shifts the number down, and #0 is "bad self". */
export function rngArgError(n: number, fn: string, msg: string, method: boolean): TorchError {
  if (!method) return argError(n, fn, msg);
  return n === 1 ? new TorchError(`calling '${fn}' on bad self (${msg})`) : argError(n - 1, fn, msg);
}

/** Splits `[gen,] n1, n2...` and checks that min..max numbers follow, as cwrap does. */
export function genArgs(fn: string, args: readonly unknown[], min: number, max: number, help: string): [Generator, number[]] {
  const gen = args[0] instanceof Generator ? args[0] : _gen;
  const nums = args.slice(args[0] instanceof Generator ? 1 : 0);
  while (nums.length > 0 && nums[nums.length - 1] === undefined) nums.pop();
  if (nums.length < min || nums.length > max || nums.some((x) => typeof x !== 'number')) {
    const got = args.map((a) => (a instanceof Generator ? 'torch.Generator' : torchTypeName(a))).join(' ');
    throw new TorchError(`invalid arguments to '${fn}': ${got || 'no arguments'}\nexpected arguments: ${help}`);
  }
  return [gen, nums as number[]];
}

/** Stores `draw()` into every element of x in row-major order (typed arrays cast as C does). */
function fill(x: Tensor, draw: () => number): Tensor {
  const d = x.storage().data;
  runs1(x, (o, s, len) => { for (let i = 0; i < len; i++, o += s) d[o] = draw(); });
  return x;
}

/** Float/Double-only fills read `real` arguments: a FloatTensor rounds them to float first. */
function realArgs(x: Tensor, fn: string, args: readonly unknown[], min: number, defaults: number[]): [Generator, number[]] {
  if (!x.kind.isFloat) throw new TorchError(`attempt to call method '${fn}' (a nil value)`);
  const [gen, nums] = genArgs(fn, args, min, defaults.length, `*${x.kind.tensorName}* [Generator] ${defaults.map(() => '[real]').join(' ')}`);
  const vals = defaults.map((d, i) => nums[i] ?? d);
  return [gen, x.kind.key === 'Float' ? vals.map(Math.fround) : vals];
}

/**
 * `x.uniform([gen,] [a=0], [b=1])`; `method` picks Lua's method-call numbering for argument errors.
 * @example
 * new torch.FloatTensor(3).uniform(-1, 1);
 */
export function fillUniform(x: Tensor, args: readonly unknown[], method = true): Tensor {
  const [g, [a, b]] = realArgs(x, 'uniform', args, 0, [0, 1]);
  return fill(x, () => g.uniform(a, b));
}
/** `x.normal([gen,] [mean=0], [std=1])` */
export function fillNormal(x: Tensor, args: readonly unknown[], method = true): Tensor {
  const [g, [m, s]] = realArgs(x, 'normal', args, 0, [0, 1]);
  if (x.nElement() > 0 && !(s > 0)) throw rngArgError(2, 'normal', 'standard deviation must be strictly positive', method);
  return fill(x, () => g.normal(m, s));
}
/** `x.cauchy([gen,] [median=0], [sigma=1])` */
export function fillCauchy(x: Tensor, args: readonly unknown[], method = true): Tensor {
  const [g, [m, s]] = realArgs(x, 'cauchy', args, 0, [0, 1]);
  return fill(x, () => g.cauchy(m, s));
}
/** `x.logNormal([gen,] [mean=1], [std=2])` */
export function fillLogNormal(x: Tensor, args: readonly unknown[], method = true): Tensor {
  const [g, [m, s]] = realArgs(x, 'logNormal', args, 0, [1, 2]);
  if (x.nElement() > 0 && !(s > 0)) throw rngArgError(2, 'logNormal', 'standard deviation must be strictly positive', method);
  return fill(x, () => g.logNormal(m, s));
}
/** `x.exponential([gen,] lambda)` */
export function fillExponential(x: Tensor, args: readonly unknown[], method = true): Tensor {
  const [g, [l]] = realArgs(x, 'exponential', args, 1, [NaN]);
  return fill(x, () => g.exponential(l));
}
/** `x.geometric([gen,] p)`, any type. */
export function fillGeometric(x: Tensor, args: readonly unknown[], method = true): Tensor {
  const [g, [p]] = genArgs('geometric', args, 1, 1, `*${x.kind.tensorName}* [Generator] double`);
  if (x.nElement() > 0 && !(p > 0 && p < 1)) throw rngArgError(1, 'geometric', 'must be > 0 and < 1', method);
  return fill(x, () => g.geometric(p));
}

/** `x.bernoulli([gen,] [p=0.5 | FloatTensor | DoubleTensor])`, any type. */
export function fillBernoulli(x: Tensor, args: readonly unknown[], method = true): Tensor {
  const i = args[0] instanceof Generator ? 1 : 0;
  const p = args[i];
  const bad = () => rngArgError(1, 'bernoulli', 'must be >= 0 and <= 1', method);
  if (!(p instanceof FloatTensor || p instanceof DoubleTensor)) {
    const [g, [q = 0.5]] = genArgs('bernoulli', args, 0, 1, `*${x.kind.tensorName}* [Generator] [double] | *${x.kind.tensorName}* [Generator] FloatTensor | *${x.kind.tensorName}* [Generator] DoubleTensor`);
    if (x.nElement() > 0 && !(q >= 0 && q <= 1)) throw bad();
    return fill(x, () => g.bernoulli(q));
  }
  const g = i === 1 ? (args[0] as Generator) : _gen;
  if (x.nElement() !== p.nElement()) {
    const desc = (t: Tensor) => `[${t.shape.join(' x ')}]`;
    throw new TorchError(`inconsistent tensor size, expected self ${desc(x)} and p ${desc(p)} to have the same number of elements, but got ${x.nElement()} and ${p.nElement()} elements respectively`);
  }
  const d = x.storage().data, pd = p.storage().data;
  runs2(x, p, (o, s, op, sp, len) => {
    for (let k = 0; k < len; k++, o += s, op += sp) {
      const q = pd[op];
      if (!(q >= 0 && q <= 1)) throw bad();
      d[o] = g.bernoulli(q);
    }
  });
  return x;
}

/** What `(real)(unsigned long)v` gives a Float/Double element for a negative `long` v: 2^64 + v. */
function asUnsignedLong(v: number): number {
  return v >= 0 ? v : Number(BigInt.asUintN(64, BigInt(v)));
}

/** No-arg `x.random()` moduli per type (the full range for Long and Double). */
const RANDOM_MOD: Record<string, number> = { Byte: 256, Char: 128, Short: 32768, Int: 2 ** 31, Float: 2 ** 24 + 1 };

/** `x.random([gen,] [a,] [b])`, any type. */
export function fillRandom(x: Tensor, args: readonly unknown[], method = true): Tensor {
  const [g, nums] = genArgs('random', args, 0, 2, `*${x.kind.tensorName}* [Generator] | *${x.kind.tensorName}* [Generator] long | *${x.kind.tensorName}* [Generator] long long`);
  const [a, b] = nums.map(Math.trunc);
  if (nums.length === 0) {
    const mod = RANDOM_MOD[x.kind.key];
    return fill(x, mod === undefined ? () => g.random() : () => g.random() % mod);
  }
  if (nums.length === 1) {
    if (!(a > 0)) throw rngArgError(1, 'random', 'upper bound must be strictly positive', method);
    return fill(x, () => g.random() % a + 1);
  }
  if (!(b >= a)) throw rngArgError(2, 'random', 'upper bound must be larger than lower bound', method);
  const span = b + 1 - a;
  // TH computes in unsigned long: a negative result reaches a float/double element as 2^64 + v.
  return fill(x, x.kind.isFloat ? () => asUnsignedLong(g.random() % span + a) : () => g.random() % span + a);
}

/** Splits `[res,] [gen,] rest...` for the constructors; res defaults to a new default-type tensor. */
function resGen(args: readonly unknown[]): [Tensor, Generator, unknown[]] {
  let i = 0;
  const res = args[i] instanceof Tensor ? (args[i++] as Tensor) : newDefault();
  const gen = args[i] instanceof Generator ? (args[i++] as Generator) : _gen;
  return [res, gen, args.slice(i)];
}

/**
 * `torch.rand([res,] [gen,] sizes...)`: `res` (default: a new tensor of the default type) resized to
 * `sizes` (numbers, an array or a LongStorage), filled with uniform(0, 1) draws.
 * @example
 * torch.manualSeed(123); torch.rand(2, 3); // 2x3 DoubleTensor, first element 0.6964691872708499
 */
export function rand(...args: unknown[]): Tensor {
  const [res, gen, sizes] = resGen(args);
  return fillUniform(res.resize(...readSizes(sizes, 'rand')), [gen], false);
}
/**
 * `torch.randn([res,] [gen,] sizes...)`: like `rand`, with normal(0, 1) draws.
 * @example
 * const w = torch.randn(new torch.FloatTensor(), 4, 5);
 */
export function randn(...args: unknown[]): Tensor {
  const [res, gen, sizes] = resGen(args);
  return fillNormal(res.resize(...readSizes(sizes, 'randn')), [gen], false);
}
/**
 * `torch.randperm([res,] [gen,] n)`: a random permutation of 1..n (Torch's swap shuffle with
 * `random() % (n-i)`), in `res` or a new tensor of the default type.
 * @example
 * torch.manualSeed(123); torch.randperm(10); // 3 1 9 2 4 8 5 10 6 7
 */
export function randperm(...args: unknown[]): Tensor {
  const [res, gen, rest] = resGen(args);
  const [, [nn]] = genArgs('randperm', rest, 1, 1, '[*Tensor*] [Generator] long');
  const n = Math.trunc(nn);
  if (!(n > 0)) throw argError(1, 'randperm', 'must be strictly positive');
  res.resize(n);
  const d = res.storage().data, o = res.offset, s = res.stride(1);
  for (let i = 0; i < n; i++) d[o + i * s] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = gen.random() % (n - i);
    const sav = d[o + i * s];
    d[o + i * s] = d[o + (z + i) * s];
    d[o + (z + i) * s] = sav;
  }
  for (let i = 0; i < n; i++) d[o + i * s] += 1;
  return res;
}

const METHODS: Record<string, (x: Tensor, args: readonly unknown[]) => Tensor> = {
  uniform: fillUniform, normal: fillNormal, cauchy: fillCauchy, logNormal: fillLogNormal,
  exponential: fillExponential, geometric: fillGeometric, bernoulli: fillBernoulli, random: fillRandom,
  rand: (x, a) => rand(x, ...a), randn: (x, a) => randn(x, ...a), randperm: (x, a) => randperm(x, ...a),
};
for (const [name, f] of Object.entries(METHODS)) {
  Object.defineProperty(Tensor.prototype, name, {
    value: function (this: Tensor, ...args: unknown[]) { return f(this, args); },
    writable: true, configurable: true, enumerable: false,
  });
}
