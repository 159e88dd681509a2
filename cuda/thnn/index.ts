/**
 * cunn's place: the THNN kernels for CudaTensor. Each kernel is the device one where cuda/thnn/*
 * registers it; otherwise the CPU kernel runs on the host copies and the fallback is logged.
 */
import { DECLINE } from '../../lib/dispatch.js';
import { cpuTHNN, type THNNKernels } from '../../nn/THNN.js';
import { recordFallback } from '../fallbacks.js';

type AnyKernel = (...args: any[]) => unknown;
const device = new Map<string, AnyKernel>();

/** Registers the device kernel `name` (THNN's name); it may return DECLINE to fall back for some arguments. */
export function registerTHNN<K extends keyof THNNKernels>(name: K, k: (...args: Parameters<THNNKernels[K]>) => ReturnType<THNNKernels[K]> | typeof DECLINE): void {
  device.set(name, k as AnyKernel);
}

/** The names of the THNN kernels that have a device kernel. */
export function deviceTHNN(): string[] { return [...device.keys()].sort(); }

/** The kernels CudaTensor's `THNN` returns. */
export const cudaTHNN = {} as THNNKernels;
for (const name of Object.keys(cpuTHNN) as (keyof THNNKernels)[]) {
  const cpu = cpuTHNN[name] as AnyKernel;
  (cudaTHNN as Record<string, AnyKernel>)[name] = (...args: unknown[]) => {
    const d = device.get(name);
    if (d) { const r = d(...args); if (r !== DECLINE) return r; }
    recordFallback(`THNN.${name}`);
    return cpu(...args);
  };
}
