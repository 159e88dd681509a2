/** Shared types and helpers of the optim package: Lua tables as plain objects, Lua's `or` and `tonumber`. */
import type { Tensor } from '../lib/Tensor.js';

/**
 * The function an optimiser minimises: `feval(x)` returns `[f(x), df/dx]`, as `opfunc(x)` returns
 * `f, df/dx` in Lua. `df/dx` may be the same tensor on every call (a module's flat `gradParams`).
 */
export type FEval = (x: Tensor) => [number, Tensor];

/**
 * A Lua table of configuration or state. `state` defaults to `config` (the same object), so the
 * optimisers read their settings from `config` and keep their buffers in `state`.
 */
export type OptimTable = Record<string, any>;

/** The usual return of an optimiser: the updated `x` (the same tensor) and the list of f values. */
export type OptimResult = [x: Tensor, fs: number[]];

/** Lua's `tonumber(v)` for the config fields Torch reads with it (`maxIter`, `maxEval`). */
export function tonumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

/** Lua's truthiness: everything except nil (undefined/null) and false. */
export function truthy(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false;
}

/** The first return value of an objective that returns `f` or `[f, df/dx]` (cmaes, de, checkgrad). */
export function firstValue<T>(r: T | [T, ...unknown[]]): T {
  return Array.isArray(r) ? r[0] : r;
}
