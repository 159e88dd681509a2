/**
 * The worker thread that owns a WebGPU device (see WebGPUProxy.ts): gpu.js in mode 'webgpu' on Dawn.
 * Commands arrive in order on `parentPort` and run one after another; the answers to the commands the
 * main thread waits on go to `workerData.port`, and `workerData.flag` (a shared Int32) wakes it.
 *
 * Commands: `init`; `kernel {id, src, settings}`; `run {id, kernel, output, args, sync}` (args: numbers,
 * Float32Arrays, or `{buffer: id}` for an earlier result); `free {id}`; `read {id}`; `sync`; `destroy`.
 * An error in a command nobody waits on is kept and reported with the next answer (as CUDA reports an
 * asynchronous error at the next synchronizing call).
 */
import { createRequire } from 'node:module';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { adapterInfo, installNavigatorGPU, type WebGPUOptions } from './webgpu.js';

const require = createRequire(import.meta.url);
const { port, flag: flagBuffer, options } = workerData as { port: MessagePort; flag: SharedArrayBuffer; options: WebGPUOptions };
const flag = new Int32Array(flagBuffer);
Atomics.store(flag, 1, 1); // started: the main thread now waits for answers, not for a boot

interface Result { delete(): void; toArray(): Promise<unknown> }
type Kernel = ((...args: unknown[]) => Promise<Result>) & { setOutput(o: number[]): void };
type Arg = number | Float32Array | { buffer: number };
type Command =
  | { op: 'init' | 'sync' | 'destroy' }
  | { op: 'kernel'; id: number; src: string; settings: Record<string, unknown> }
  | { op: 'run'; id: number; kernel: number; output: number[]; args: Arg[]; sync: boolean }
  | { op: 'free' | 'read'; id: number };

let gpu: { createKernel(src: string, settings: object): Kernel; destroy(): void } | undefined;
let device: { queue: { onSubmittedWorkDone(): Promise<void> } } | undefined;
const kernels = new Map<number, Kernel>();
const buffers = new Map<number, Result>();
let pending: string | undefined;

/** Answers the waiting main thread: the value, or the error (this one, or one kept from before). */
function answer(value: unknown, error?: string): void {
  const err = pending ?? error;
  pending = undefined;
  const transfer = value instanceof Float32Array ? [value.buffer as ArrayBuffer] : [];
  port.postMessage(err === undefined ? { value } : { error: err }, transfer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

/** An error's message on one line (gpu.js's compile errors span several: the first few are kept). */
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 4).join(' | ').slice(0, 500);

function buffer(id: number): Result {
  const b = buffers.get(id);
  if (!b) throw new Error(`device buffer #${id} does not exist (freed, or the kernel that makes it failed)`);
  return b;
}

async function init(): Promise<unknown> {
  const shim = await installNavigatorGPU(options);
  const gpujs = require('gpu.js');
  gpu = new gpujs.GPU({ mode: 'webgpu' });
  const ctx = await gpujs.WebGPUContext.acquire().catch((e: unknown) => {
    if (shim.adapters.length) throw e;
    const flags = options.flags.length ? options.flags.join(',') : 'default flags';
    throw new Error(`Dawn found no adapter (${flags}${options.featureLevel ? `, ${options.featureLevel}` : ''}): no usable Vulkan driver? Dawn's warnings on stderr say why`);
  });
  device = ctx.device;
  return { adapter: adapterInfo(ctx.adapter), kernel: (gpu as unknown as { Kernel?: { name?: string } }).Kernel?.name ?? '' };
}

async function handle(c: Command): Promise<void> {
  const waited = c.op === 'init' || c.op === 'sync' || c.op === 'destroy' || c.op === 'read' || (c.op === 'run' && c.sync);
  try {
    let value: unknown = null;
    switch (c.op) {
      case 'init': value = await init(); break;
      case 'kernel': kernels.set(c.id, gpu!.createKernel(c.src, c.settings)); break;
      case 'run': {
        const k = kernels.get(c.kernel);
        if (!k) throw new Error(`kernel #${c.kernel} was never built`);
        k.setOutput(c.output);
        const args = c.args.map((a) => (typeof a === 'object' && !(a instanceof Float32Array) ? buffer(a.buffer) : a));
        buffers.set(c.id, await k(...args));
        if (c.sync) await device!.queue.onSubmittedWorkDone();
        break;
      }
      case 'free': buffers.get(c.id)?.delete(); buffers.delete(c.id); break;
      case 'read': value = await buffer(c.id).toArray(); break;
      case 'sync': await device?.queue.onSubmittedWorkDone(); break;
      case 'destroy':
        // the buffers are freed here; the kernels and the Dawn device go with the worker thread, which the
        // proxy terminates next: gpu.js's kernel destroy() can make dawn.node throw from native code
        // (a fatal napi_throw that aborts the process) on an adapter that failed its known-answer check
        for (const b of buffers.values()) b.delete();
        buffers.clear();
        break;
    }
    if (waited) answer(value);
  } catch (e) {
    const text = `${c.op}: ${message(e)}`;
    if (waited) answer(undefined, text);
    else pending ??= text;
  }
}

// an error outside a command (a stray rejection in gpu.js or Dawn) is kept, not fatal: the next answer reports it
process.on('uncaughtException', (e) => { pending ??= `worker: ${message(e)}`; });
process.on('unhandledRejection', (e) => { pending ??= `worker: ${message(e)}`; });

let chain: Promise<void> = Promise.resolve();
parentPort!.on('message', (c: Command) => { chain = chain.then(() => handle(c)); });
