/**
 * Which gpu.js backend really runs kernels here, checked with a known-answer kernel, so nothing
 * claims GPU speed from a CPU fallback. (CudaTensor and the device API build on this: issue 6.)
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** What `backend()` reports. */
export interface BackendReport {
  /** gpu.js's mode: 'headlessgl', 'webgl2', 'webgl', 'webgpu', 'webasm' or 'cpu'. */
  name: string;
  /** True when the mode runs on a GPU (not webasm/cpu). */
  gpu: boolean;
  /** The known-answer kernel's result matched. */
  verified: boolean;
}

let cached: BackendReport | undefined;

/** Detects the gpu.js backend once and checks it with a known-answer kernel (x[i] * 2 + 1). */
export function backend(): BackendReport {
  if (cached) return cached;
  const { GPU } = require('gpu.js') as { GPU: any };
  const gpu = new GPU();
  try {
    const kernel = gpu.createKernel(function (this: any, a: number[]) {
      return a[this.thread.x] * 2 + 1;
    }).setOutput([8]);
    const input = [0, 1, 2, 3, 4, 5, 6, 7];
    const out = Array.from(kernel(input) as Float32Array);
    const name: string = gpu.mode === 'gpu' ? (GPU.isHeadlessGLSupported ? 'headlessgl' : 'webgl') : gpu.mode;
    cached = {
      name,
      gpu: !['webasm', 'cpu', 'dev'].includes(name),
      verified: out.every((v, i) => v === input[i] * 2 + 1),
    };
    return cached;
  } finally {
    gpu.destroy();
  }
}
