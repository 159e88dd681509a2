/**
 * cutorch's device API over gpu.js contexts: a "device" is one gpu.js context, created when first used.
 * The backend is chosen once (TORCH7TS_GPU=headlessgl|webgpu|webgl2|webasm|cpu, or a comma list tried in order
 * such as `webgpu,webasm`, or the best that loads) and checked with a known-answer kernel; a backend
 * that returns wrong numbers is rejected.
 */
import { TorchError, argCheck } from '../lib/errors.js';
import { DeviceContext, gpuModule, type Mode } from './context.js';
import { describeAdapter, type AdapterInfo } from './webgpu.js';

const contexts: (DeviceContext | undefined)[] = [];
let current = 1;
let chosen: { mode: Mode; rejected: string[] } | undefined;

/** How many devices exist: TORCH7TS_CUDA_DEVICES (default 2), as many gpu.js contexts. */
export function getDeviceCount(): number {
  const n = Number(process.env.TORCH7TS_CUDA_DEVICES ?? 2);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** The current device (1-based, as cutorch). */
export function getDevice(): number { return current; }

/** Makes device `i` current; new CudaTensors live there. */
export function setDevice(i: number): void {
  argCheck(Number.isInteger(i) && i >= 1 && i <= getDeviceCount(), 1, 'setDevice', `invalid device id ${i} (${getDeviceCount()} devices)`);
  current = i;
}

/** Runs fn with device i current, then restores the previous device (cutorch.withDevice). */
export function withDevice<T>(i: number, fn: () => T): T {
  const prev = current;
  setDevice(i);
  try { return fn(); } finally { current = prev; }
}

/**
 * Waits for the device's queued work (every device's, without an argument). GL and the host modes
 * finish each kernel call before it returns; webgpu queues kernels in its worker, so this waits there.
 */
export function synchronize(device?: number): void {
  for (const c of device === undefined ? contexts : [context(device)]) (c?.gpu as { synchronize?: () => void } | undefined)?.synchronize?.();
}

/** The context of device i (default: the current one), created on first use. */
export function context(i = current): DeviceContext {
  argCheck(Number.isInteger(i) && i >= 1 && i <= getDeviceCount(), 1, 'device', `invalid device id ${i} (${getDeviceCount()} devices)`);
  return (contexts[i - 1] ??= new DeviceContext(i, chooseMode().mode));
}

/** The backend mode every device uses, and the candidates rejected on the way. */
export function chooseMode(): { mode: Mode; rejected: string[] } {
  if (chosen) return chosen;
  const wanted = process.env.TORCH7TS_GPU as Mode | undefined;
  const { GPU } = gpuModule();
  const candidates = (wanted ? wanted.split(',').map((m) => m.trim()).filter(Boolean) : []) as Mode[];
  if (!candidates.length) {
    if (GPU.isHeadlessGLSupported) candidates.push('headlessgl');
    if (GPU.isWebGL2Supported) candidates.push('webgl2'); // in a browser (the browser build)
    else if (GPU.isWebGLSupported) candidates.push('webgl');
    candidates.push('webasm', 'cpu');
  }
  const rejected: string[] = [];
  for (const mode of candidates) {
    const why = knownAnswer(mode);
    if (why === undefined) return (chosen = { mode, rejected });
    rejected.push(`${mode}: ${why}`);
  }
  throw new TorchError(`cuda: no gpu.js backend works (${rejected.join('; ')})`);
}

/** Runs x*2+1 on 8 values; returns why the mode failed, or undefined when it is right. */
function knownAnswer(mode: Mode): string | undefined {
  let ctx: DeviceContext | undefined;
  try {
    ctx = new DeviceContext(0, mode);
    if (ctx.onDevice && !['HeadlessGLKernel', 'WebGL2Kernel', 'WebGLKernel', 'WebGPUKernel'].includes(ctx.gpu.Kernel?.name ?? '')) {
      return `gpu.js gave ${ctx.gpu.Kernel?.name ?? ctx.gpu.mode} instead`;
    }
    const k = ctx.kernel('kat', 'function (a) { return a[this.thread.x] * 2 + 1; }');
    const x = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7.5]);
    const h = ctx.run(k, 8, [x]);
    const y = ctx.download(h, 8);
    ctx.free(h, 8);
    return y.every((v, i) => v === x[i] * 2 + 1) ? undefined : `known-answer kernel returned ${Array.from(y).join(',')}`;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  } finally {
    ctx?.destroy();
  }
}

/**
 * cutorch.getDeviceProperties(i): the backend's name and what gpu.js reports of it; on webgpu the
 * name is the adapter's (`adapter` has the rest of GPUAdapterInfo).
 */
export function getDeviceProperties(i = current): { name: string; mode: Mode; gpu: boolean; totalGlobalMem: number; maxTextureSize?: number; adapter?: AdapterInfo } {
  const ctx = context(i);
  const features = ctx.gpu.Kernel?.features ?? {};
  const adapter = (ctx.gpu as { adapterInfo?: AdapterInfo }).adapterInfo;
  return {
    name: adapter ? `gpu.js webgpu: ${describeAdapter(adapter)}` : `gpu.js ${ctx.mode}${ctx.onDevice ? '' : ' (host fallback, not a GPU)'}`,
    mode: ctx.mode, gpu: ctx.onDevice, ...(adapter ? { adapter } : {}),
    totalGlobalMem: Number(process.env.TORCH7TS_CUDA_MEMORY ?? 4 * 2 ** 30),
    maxTextureSize: features.maxTextureSize,
  };
}

/** cutorch.getMemoryUsage(i): [free bytes, total bytes] of device i. */
export function getMemoryUsage(i = current): [number, number] {
  const total = getDeviceProperties(i).totalGlobalMem;
  return [total - context(i).liveBytes, total];
}

/** Live device bytes and buffers over every device (the deterministic leak check). */
export function memory(): { bytes: number; buffers: number } {
  let bytes = 0, buffers = 0;
  for (const c of contexts) if (c) { bytes += c.liveBytes; buffers += c.liveBuffers; }
  return { bytes, buffers };
}

/** Host<->device traffic summed over every device. */
export function traffic(): { uploads: number; downloads: number; uploadedBytes: number; downloadedBytes: number } {
  const t = { uploads: 0, downloads: 0, uploadedBytes: 0, downloadedBytes: 0 };
  for (const c of contexts) if (c) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += c.traffic[k];
  return t;
}
