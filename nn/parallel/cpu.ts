/**
 * CPU devices: device 1 is the calling thread, devices 2..n are worker threads (one per device and
 * table), n = `os.availableParallelism()` (or TORCH7TS_CPU_DEVICES, or `setCpuDeviceCount`). While
 * worker devices exist, and whenever replicas run concurrently, every thread runs BLAS single-threaded:
 * one core per device (see blasThreads.ts).
 */
import { availableParallelism } from 'node:os';
import { getNumThreads, setNumThreads } from '../../lib/blas/index.js';
import { TorchError } from '../../lib/errors.js';
import type { Module } from '../Module.js';
import { checkDevice, registerDeviceKind, type DeviceKind, type Replica, type ReplicaOptions } from './devices.js';
import { LocalReplica } from './LocalReplica.js';
import { WorkerReplica } from './WorkerReplica.js';
import { WorkerThread } from './WorkerThread.js';

let override: number | undefined;

/**
 * Sets how many CPU devices exist (undefined: back to the default). More devices than cores is
 * allowed, but then the replicas share cores.
 * @example
 * setCpuDeviceCount(4); cpuDevices.deviceCount(); // 4
 */
export function setCpuDeviceCount(n: number | undefined): void {
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) throw new TorchError(`setCpuDeviceCount: expected a positive integer (got ${n})`);
  override = n;
}

function count(): number {
  if (override !== undefined) return override;
  const env = Number(process.env.TORCH7TS_CPU_DEVICES);
  return Number.isInteger(env) && env >= 1 ? env : Math.max(1, availableParallelism());
}

const describe = (id: number): string => (id === 1 ? 'CPU device 1 (the calling thread)' : `CPU device ${id} (worker thread)`);

/** The CPU device kind (FloatTensor and DoubleTensor modules). */
export const cpuDevices: DeviceKind = {
  name: 'cpu',
  types: ['torch.FloatTensor', 'torch.DoubleTensor'],
  deviceCount: count,
  describe,
  replicate(module: Module, devices: readonly number[], options: ReplicaOptions): Replica[] {
    devices.forEach((d) => checkDevice(cpuDevices, d, 'DataParallelTable'));
    if (devices[0] !== 1) {
      throw new TorchError(`DataParallelTable: the first replica runs in the calling thread, so its device must be 1 (got ${devices[0]})`);
    }
    if (devices.some((d) => d !== 1) && typeof SharedArrayBuffer === 'undefined') {
      throw new TorchError('DataParallelTable: CPU worker devices share tensors through SharedArrayBuffer, which is not defined here '
        + '(in a browser: CPU worker devices are Node-only, use cuda devices)');
    }
    const threads = new Map<number, WorkerThread>();
    const out: Replica[] = [];
    try {
      devices.forEach((d, i) => {
        if (d === 1) { out.push(new LocalReplica(i + 1, 1, describe(1), i === 0 ? module : module.clone())); return; }
        let t = threads.get(d);
        if (!t) {
          t = new WorkerThread(d, options.imports ?? []);
          threads.set(d, t);
        }
        out.push(new WorkerReplica(i + 1, t, describe(d), module, options));
      });
      for (const r of out) if (r instanceof WorkerReplica) r.ready();
    } catch (e) {
      for (const t of threads.values()) t.terminate();
      throw e;
    }
    return out;
  },
  withDevice<T>(id: number, fn: () => T): T {
    checkDevice(cpuDevices, id, 'withDevice');
    return fn();
  },
  beginParallel(): () => void {
    const n = getNumThreads();
    if (n === 1) return () => {};
    setNumThreads(1);
    return () => setNumThreads(n);
  },
};

registerDeviceKind(cpuDevices);

/** The worker threads behind a set of replicas (each once), e.g. to end them. */
export function workerThreads(replicas: readonly Replica[]): WorkerThread[] {
  return [...new Set(replicas.flatMap((r) => (r instanceof WorkerReplica ? [r.thread] : [])))];
}

/** A module specifier a worker thread can import: relative and absolute paths become file URLs. */
export function resolveImport(spec: string): string {
  if (/^[./]/.test(spec)) return new URL(spec, `file://${process.cwd()}/`).href;
  return spec;
}
