/** Shared spec helpers: seeded test data, non-contiguous and zero-stride views, comparisons. */
import { expect } from 'chai';
import { torch, Tensor } from '../lib/index.js';
import { TYPE_CONVERTERS } from '../lib/Tensor.js';
import { findClass, registerClass, unregisterClass } from '../lib/File/registry.js';

/** A small seeded PRNG (mulberry32) for test data, independent of torch's RNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A tensor of `type` ('Double', 'Float', 'Int', ...) with values uniform in [lo, hi) (integers for integer types). */
export function randomTensor(type: string, sizes: number[], rnd: () => number, lo = -2, hi = 2): Tensor {
  const T = (torch as any)[`${type}Tensor`];
  const t: Tensor = new T(...sizes);
  const integer = !t.kind.isFloat;
  t.apply(() => { const v = lo + (hi - lo) * rnd(); return integer ? Math.floor(v) : v; });
  return t;
}

/** The same values as a non-contiguous view: a transposed copy, transposed back. */
export function nonContiguous(t: Tensor): Tensor {
  if (t.dim() < 2) {
    const big = t.new(t.size(1), 2).zero();
    (big.select(2, 1) as Tensor).copy(t);
    return big.select(2, 1) as Tensor;
  }
  const tt = t.transpose(1, t.dim()).clone();
  return tt.transpose(1, t.dim());
}

/** Elements in row-major order as a plain array. */
export function flat(t: Tensor): number[] {
  const out: number[] = [];
  t.apply((v) => { out.push(v); });
  return out;
}

/** Asserts two tensors (or arrays) are equal element-wise within `tol` (absolute + relative). */
export function expectClose(actual: Tensor | number[], expected: Tensor | number[], tol = 1e-12): void {
  const a = actual instanceof Tensor ? flat(actual) : actual;
  const e = expected instanceof Tensor ? flat(expected) : expected;
  expect(a.length, 'number of elements').to.equal(e.length);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(e[i])) { expect(Number.isNaN(a[i]), `element ${i} should be NaN`).to.equal(true); continue; }
    if (!Number.isFinite(e[i])) { expect(a[i], `element ${i}`).to.equal(e[i]); continue; }
    const err = Math.abs(a[i] - e[i]);
    expect(err <= tol * (1 + Math.abs(e[i])), `element ${i}: ${a[i]} vs ${e[i]}`).to.equal(true);
  }
}

/** Path of a fixture under ../shared/fixtures. */
export function fixture(...parts: string[]): string {
  return new URL(`../../../shared/fixtures/${parts.join('/')}`, import.meta.url).pathname;
}

/**
 * `describe` for specs of loading .t7 files as a CPU-only Torch does: while its tests run, a
 * `torch.CudaTensor` in a file loads as a FloatTensor even when the cuda package (cutorch's place) is loaded.
 */
export function describeCpu(name: string, fn: (this: Mocha.Suite) => void): Mocha.Suite {
  return describe(name, function (this: Mocha.Suite) {
    let saved: ((t: Tensor) => Tensor) | undefined;
    before(() => { saved = TYPE_CONVERTERS.get('torch.CudaTensor'); TYPE_CONVERTERS.delete('torch.CudaTensor'); });
    after(() => { if (saved) TYPE_CONVERTERS.set('torch.CudaTensor', saved); });
    fn.call(this);
  });
}

/**
 * Runs `fn` as a Torch without the package that registered `name` would (e.g. without `require 'cudnn'`):
 * the class is unregistered while `fn` runs (its aliases too), and its registration restored afterwards.
 */
export function withoutClass<T>(name: string, fn: () => T): T {
  const saved = findClass(name);
  const own = saved && saved.name === name ? saved : undefined;
  unregisterClass(name);
  try {
    return fn();
  } finally {
    unregisterClass(name);
    if (own) registerClass(own.name, own.ctor, own);
  }
}
