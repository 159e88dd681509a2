/**
 * Which gpu.js backend really runs the device kernels, checked with a known-answer kernel at start-up
 * (cuda/device.ts chooses it), and what it runs on, so nothing claims GPU speed from a CPU fallback.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chooseMode, context } from './device.js';

/** What `backend()` reports. */
export interface BackendReport {
  /** gpu.js's mode: 'headlessgl', 'webgl2', 'webgl', 'webgpu', 'webasm' or 'cpu'. */
  name: string;
  /** True when kernels run through a graphics API (GL or WebGPU), not webasm/cpu. */
  gpu: boolean;
  /** The known-answer kernel's result matched (a backend that fails it is never chosen). */
  verified: boolean;
  /** What executes the kernels, as far as the process can tell (e.g. "Mesa llvmpipe (software rasteriser on the CPU)"). */
  renderer: string;
  /** True when the "GPU" is really the CPU (llvmpipe, lavapipe, SwiftShader, webasm, cpu). */
  software: boolean;
  /** Backends tried before this one and why they were rejected. */
  rejected: string[];
}

let cached: BackendReport | undefined;

/**
 * Detects the backend once (TORCH7TS_GPU forces one) and reports it.
 * @example
 * cuda.backend(); // { name: 'headlessgl', gpu: true, renderer: 'Mesa llvmpipe ...', software: true, ... }
 */
export function backend(): BackendReport {
  if (cached) return cached;
  const { mode, rejected } = chooseMode();
  const ctx = context(1);
  let renderer = mode === 'webasm' ? 'WebAssembly SIMD on the CPU' : mode === 'cpu' ? 'JavaScript on the CPU' : mode;
  let software = !ctx.onDevice;
  if (mode === 'headlessgl' || mode === 'webgl' || mode === 'webgl2') {
    const gl = ctx.gpu.context ?? pageGL(mode);
    // a browser masks RENDERER ("WebKit WebGL"); its debug extension names the real one (ANGLE on SwiftShader, on a GPU)
    const debug = mode === 'headlessgl' ? null : gl?.getExtension?.('WEBGL_debug_renderer_info');
    const r = gl?.getParameter?.(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    renderer = mode === 'headlessgl' ? `${r ?? 'GL'} (${glDriver()})` : String(r ?? mode);
    software = /llvmpipe|softpipe|swrast|SwiftShader/i.test(renderer);
  } else if (mode === 'webgpu') {
    const info = (ctx.gpu as { adapterInfo?: { description?: string; architecture?: string } }).adapterInfo;
    renderer = info?.description || 'WebGPU adapter';
    software = /llvmpipe|lavapipe|SwiftShader|software/i.test(`${renderer} ${info?.architecture ?? ''}`);
  }
  cached = { name: mode, gpu: ctx.onDevice, verified: true, renderer, software, rejected };
  return cached;
}

/** The GL driver mapped into this process (stack-gl reports only "ANGLE"): llvmpipe shows as swrast_dri + libLLVM. */
function glDriver(): string {
  const maps = existsSync('/proc/self/maps') ? readFileSync('/proc/self/maps', 'latin1') : '';
  if (/swrast_dri|libgallium|llvmpipe/.test(maps)) return 'Mesa llvmpipe: a software rasteriser on the CPU';
  const m = /\/(lib(?:nvidia-glcore|nvidia-eglcore|GLX_nvidia)[^\s]*)/.exec(maps);
  if (m) return `NVIDIA driver ${m[1]}`;
  const d = /\/([a-z0-9_]+_dri\.so)/.exec(maps);
  return d ? `Mesa ${d[1]}` : 'unknown driver';
}

/** In a page, gpu.js makes its GL context per kernel: a canvas of the same kind reports the same renderer. */
function pageGL(mode: string): any {
  const doc = (globalThis as { document?: { createElement(tag: string): any } }).document;
  return doc?.createElement('canvas').getContext(mode === 'webgl' ? 'webgl' : 'webgl2');
}
