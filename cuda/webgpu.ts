/**
 * WebGPU through Dawn (the npm `webgpu` package, dawn.node): the `navigator.gpu` shim gpu.js needs in
 * Node, the adapter's identity, and the options read from the environment. The device itself runs in a
 * worker thread (see WebGPUProxy.ts), since Dawn answers readbacks only through the event loop.
 *
 * Environment: `TORCH7TS_WEBGPU_FLAGS` (Dawn flags for `create([...])`, comma-separated, e.g.
 * `backend=vulkan,adapter=NVIDIA`), `TORCH7TS_WEBGPU_FEATURE_LEVEL=compatibility` (the GLES route,
 * with `EGL_PLATFORM=surfaceless`), `TORCH7TS_WEBGPU_POWER=low-power|high-performance`; Dawn itself
 * reads `DAWNNODE_BACKEND`, and the Vulkan loader `VK_ICD_FILENAMES`.
 */

/** How to ask Dawn for an adapter. */
export interface WebGPUOptions {
  /** Dawn flags given to `create([...])`: `backend=vulkan`, `adapter=<substring>`, `validate=1`. */
  flags: string[];
  /** `compatibility` for Dawn's GL/GLES backends; `core` (default) otherwise. */
  featureLevel?: 'core' | 'compatibility';
  /** Which GPU to prefer where there are several (default `high-performance`). */
  powerPreference: 'low-power' | 'high-performance';
}

/** What the adapter says it is (GPUAdapterInfo), plus Dawn's flag for software adapters. */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** What the adapter says of itself: true for a fallback (software) adapter. */
  isFallbackAdapter: boolean;
  /**
   * Not a GPU: a fallback adapter, architecture 'software', Dawn's null backend, or a Mesa/Google
   * software renderer by name (llvmpipe, lavapipe, softpipe, SwiftShader; Dawn's GLES route on llvmpipe
   * does not say it is a fallback).
   */
  software: boolean;
  /** The adapter's largest storage-buffer binding, in bytes. */
  maxStorageBufferBindingSize: number;
}

/**
 * The WebGPU options of the environment (see the module comment).
 * @example
 * webgpuOptions({ TORCH7TS_WEBGPU_FLAGS: 'backend=vulkan' }).flags; // ['backend=vulkan']
 */
export function webgpuOptions(env: Record<string, string | undefined> = process.env): WebGPUOptions {
  const flags = (env.TORCH7TS_WEBGPU_FLAGS ?? '').split(/[,\s]+/).filter(Boolean);
  const level = env.TORCH7TS_WEBGPU_FEATURE_LEVEL;
  const power = env.TORCH7TS_WEBGPU_POWER === 'low-power' ? 'low-power' : 'high-performance';
  return { flags, featureLevel: level === 'compatibility' || level === 'core' ? level : undefined, powerPreference: power };
}

/** The shim's view of an adapter: only what is read here. */
interface Adapter {
  info?: Record<string, unknown>;
  limits?: { maxStorageBufferBindingSize?: number };
  isFallbackAdapter?: boolean;
}

const SOFTWARE = /llvmpipe|lavapipe|softpipe|swiftshader|null-backend/i;

/**
 * The adapter's identity, read field by field (GPUAdapterInfo's fields are prototype getters, so a
 * spread or JSON.stringify would lose them).
 * @example
 * adapterInfo(await navigator.gpu.requestAdapter()).description; // e.g. 'NVIDIA H100 80GB HBM3'
 */
export function adapterInfo(adapter: Adapter): AdapterInfo {
  const info = adapter.info ?? {};
  const text = (k: string): string => (typeof info[k] === 'string' ? (info[k] as string) : '');
  const isFallbackAdapter = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false);
  const named = `${text('device')} ${text('description')}`;
  return {
    vendor: text('vendor'), architecture: text('architecture'), device: text('device'), description: text('description'),
    isFallbackAdapter,
    software: isFallbackAdapter || text('architecture') === 'software' || SOFTWARE.test(named),
    maxStorageBufferBindingSize: Number(adapter.limits?.maxStorageBufferBindingSize ?? 0),
  };
}

/**
 * One line naming an adapter: its description (or device), vendor and architecture, and whether it
 * is a software adapter.
 * @example
 * describeAdapter(info); // 'llvmpipe: Mesa 25.0.7 (mesa, software; software, not a GPU)'
 */
export function describeAdapter(a: AdapterInfo): string {
  const name = a.description || a.device || '(unnamed adapter)';
  const what = [a.vendor, a.architecture].filter(Boolean).join(', ');
  const soft = a.software ? 'software, not a GPU' : '';
  const extra = [what, soft].filter(Boolean).join('; ');
  return extra ? `${name} (${extra})` : name;
}

/** What installNavigatorGPU returns: the shim and the adapters gpu.js was handed. */
export interface NavigatorGPU {
  requestAdapter(options?: Record<string, unknown>): Promise<unknown>;
  getPreferredCanvasFormat(): string;
  /** The adapters returned so far, last one last. */
  adapters: Adapter[];
}

/**
 * Loads dawn.node (the `webgpu` package), creates its GPU with `options.flags`, and installs it as
 * `globalThis.navigator.gpu`, with `requestAdapter` defaulting to the options' feature level and power
 * preference (gpu.js asks with no options). Run it in the thread that runs gpu.js's webgpu kernels.
 * @example
 * const shim = await installNavigatorGPU(webgpuOptions());
 * const adapter = await navigator.gpu.requestAdapter();
 */
export async function installNavigatorGPU(options: WebGPUOptions): Promise<NavigatorGPU> {
  // a computed specifier: the package's typings declare WebGPU's DOM globals, which would clash with Node's
  const pkg = 'webgpu';
  const { create } = (await import(pkg)) as { create: (flags: string[]) => { requestAdapter(o?: object): Promise<Adapter | null>; getPreferredCanvasFormat(): string } };
  const gpu = create(options.flags);
  const defaults: Record<string, unknown> = { powerPreference: options.powerPreference };
  if (options.featureLevel) defaults.featureLevel = options.featureLevel;
  const shim: NavigatorGPU = {
    adapters: [],
    async requestAdapter(o) {
      const a = await gpu.requestAdapter({ ...defaults, ...(o ?? {}) });
      if (a) shim.adapters.push(a);
      return a;
    },
    getPreferredCanvasFormat: () => gpu.getPreferredCanvasFormat(),
  };
  const g = globalThis as { navigator?: object };
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: shim, configurable: true, writable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu: shim }, configurable: true, writable: true });
  return shim;
}
