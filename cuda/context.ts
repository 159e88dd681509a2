/**
 * One gpu.js context per device: the GPU instance, its compiled-kernel cache, uploads and readbacks,
 * and the byte count of live device buffers.
 */
import { createRequire } from 'node:module';
import { TorchError } from '../lib/errors.js';
import { WebGPUProxy } from './WebGPUProxy.js';

const require = createRequire(import.meta.url);

/** A gpu.js mode we can run: GL textures, WebGPU buffers, or the host fallbacks. */
export type Mode = 'headlessgl' | 'webgl2' | 'webgl' | 'webgpu' | 'webasm' | 'cpu';

/** A device buffer: a gpu.js texture/buffer on GL and WebGPU, a Float32Array on webasm/cpu. */
export type Handle = { delete?: () => void; toArray?: () => unknown; size?: number[] } | Float32Array;

/** Kernel settings every device kernel shares: results stay on the device, sizes change freely. */
export const KERNEL_SETTINGS = {
  pipeline: true, immutable: true, precision: 'single', dynamicOutput: true, dynamicArguments: true,
  // always highp: with gpu.js's default (precision by texture size) a kernel first run small and then large
  // asks to switch precision, gets itself back from gpu.js's signature cache, and keeps the small output size
  tactic: 'precision',
  // GLSL loops need a constant bound: gpu.js unrolls `for (k < n)` as `for (k < LOOP_MAX) if (k >= n) break`
  loopMaxIterations: 1 << 24,
} as const;

let gpujs: any;
/** gpu.js's module, loaded once. */
export function gpuModule(): any { return (gpujs ??= require('gpu.js')); }

/** A device: one gpu.js context. */
export class DeviceContext {
  /** gpu.js's GPU instance. */
  readonly gpu: any;
  /** Live device bytes of this context. */
  liveBytes = 0;
  /** Live device buffers of this context. */
  liveBuffers = 0;
  /** Host<->device traffic: element counts uploaded and read back, and how many times. */
  readonly traffic = { uploads: 0, downloads: 0, uploadedBytes: 0, downloadedBytes: 0 };
  private readonly kernels = new Map<string, any>();

  constructor(readonly id: number, readonly mode: Mode) {
    const { GPU } = gpuModule();
    // webgpu: gpu.js runs in a worker thread that owns the Dawn device, so readbacks can block
    this.gpu = mode === 'webgpu' ? new WebGPUProxy() : new GPU({ mode: mode === 'headlessgl' ? 'headlessgl' : mode });
  }

  /** True when buffers are gpu.js textures/buffers rather than host arrays. */
  get onDevice(): boolean { return this.mode !== 'webasm' && this.mode !== 'cpu'; }

  /**
   * The compiled kernel for `key`, built once from gpu.js source `src` (a `function (...) {...}`
   * string) with `argumentTypes`.
   */
  kernel(key: string, src: string, argumentTypes?: Record<string, string>): any {
    let k = this.kernels.get(key);
    if (!k) {
      k = this.gpu.createKernel(src, { ...KERNEL_SETTINGS, output: [1], ...(argumentTypes ? { argumentTypes } : {}) });
      this.kernels.set(key, k);
    }
    return k;
  }

  /** Runs kernel `k` over `n` outputs and returns the handle it made (accounted). */
  run(k: any, n: number, args: unknown[]): Handle {
    if (n > MAX_ELEMENTS) throw new TorchError(`cuda: ${n} elements exceed the ${MAX_ELEMENTS} a gpu.js buffer indexes exactly`);
    k.setOutput([n]);
    const h = k(...args) as Handle;
    this.account(h, n, +1);
    return h;
  }

  /** Copies host floats to a new device buffer. */
  upload(data: Float32Array): Handle {
    this.traffic.uploads++;
    this.traffic.uploadedBytes += data.length * 4;
    if (!this.onDevice) { const h = data.slice(); this.account(h, h.length, +1); return h; }
    const k = this.kernel('upload', 'function (a) { return a[this.thread.x]; }');
    return this.run(k, data.length, [data]);
  }

  /** Reads n floats of a device buffer back to the host. */
  download(h: Handle, n: number): Float32Array {
    this.traffic.downloads++;
    this.traffic.downloadedBytes += n * 4;
    if (h instanceof Float32Array) return h.slice(0, n);
    const a = (h as { toArray: () => unknown }).toArray();
    if (!(a instanceof Float32Array)) throw new TorchError(`cuda: the ${this.mode} backend read back ${Object.prototype.toString.call(a)}, not floats`);
    return a.length === n ? a : a.slice(0, n);
  }

  /** Frees a device buffer now. */
  free(h: Handle, n: number): void {
    this.account(h, n, -1);
    if (!(h instanceof Float32Array)) h.delete?.();
  }

  private account(h: Handle, n: number, sign: 1 | -1): void {
    this.liveBytes += sign * bytesOf(h, n);
    this.liveBuffers += sign;
  }

  /** Frees the kernels and the context. */
  destroy(): void { this.kernels.clear(); this.gpu.destroy?.(); }
}

/** Device bytes of a buffer of n floats: GL keeps one float per RGBA32F texel (16 bytes). */
function bytesOf(h: Handle, n: number): number {
  if (h instanceof Float32Array) return n * 4;
  const size = (h as { size?: number[] }).size;
  return size && size.length >= 2 ? size[0] * size[1] * 16 : n * 4;
}

/** gpu.js computes GL indices in floats: 2^24 elements is where integer indices stop being exact. */
export const MAX_ELEMENTS = 1 << 24;
