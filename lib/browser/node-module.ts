/**
 * node:module in the browser bundle. `createRequire(url)(name)` gives gpu.js's browser build (bundled
 * here); anything else (koffi, the native BLAS bridge) is absent, so callers take their fallback.
 */
import * as gpujs from 'gpu.js';

const MODULES: Record<string, unknown> = { 'gpu.js': gpujs };

/** A `require` that knows the modules bundled for the browser. */
export function createRequire(_url: string | URL): (name: string) => unknown {
  return (name: string) => {
    if (name in MODULES) return MODULES[name];
    throw new Error(`Cannot find module '${name}' (not available in the browser)`);
  };
}
