/**
 * A gpu.js-like GPU whose kernels run on a WebGPU device in a worker thread, so that Torch's
 * synchronous API (`t.float()`, `x.sum()`) works on WebGPU.
 *
 * Why a worker: gpu.js's webgpu kernels return Promises, and Dawn (dawn.node) completes `mapAsync` and
 * `onSubmittedWorkDone` only from the event loop of the thread that owns the device (its AsyncRunner
 * polls with setImmediate); it exposes no blocking wait, so the main thread cannot block on its own
 * device. Here the device lives in a worker (webgpu-server.ts): kernel launches are posted and not waited
 * for (they queue in order, as on a CUDA stream), and a readback or `synchronize()` blocks the main
 * thread with `Atomics.wait` until the worker has the answer, then takes it with `receiveMessageOnPort`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { TorchError } from '../lib/errors.js';
import { webgpuOptions, type AdapterInfo, type WebGPUOptions } from './webgpu.js';

/** A device buffer of the worker, named by id. */
export class WebGPUBuffer {
  private deleted = false;
  constructor(private readonly owner: WebGPUProxy, readonly id: number) {}
  /** Reads the buffer back (blocks until the queued kernels before it have run). */
  toArray(): Float32Array { return this.owner.call({ op: 'read', id: this.id }) as Float32Array; }
  /** Frees the buffer (queued after the kernels that read it). */
  delete(): void {
    if (this.deleted) return;
    this.deleted = true;
    this.owner.post({ op: 'free', id: this.id });
  }
}

/** A kernel of the worker: called like a gpu.js kernel, returns a WebGPUBuffer at once. */
export type ProxyKernel = ((...args: unknown[]) => WebGPUBuffer) & { setOutput(output: number[]): ProxyKernel };

/** Seconds to wait for the worker before giving up (TORCH7TS_WEBGPU_TIMEOUT, default 300). */
const timeoutMs = (): number => 1000 * (Number(process.env.TORCH7TS_WEBGPU_TIMEOUT) || 300);
/** A worker that has not started running its module by then never will (it failed to load). */
const BOOT_MS = 30000;

/** The process's Node flags less those that would stop a worker loading its file (`--input-type`, `-e code`, `-p code`). */
function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (['-e', '--eval', '-p', '--print'].includes(a)) i++;
    else if (!a.startsWith('--input-type') && !a.startsWith('--eval=') && !a.startsWith('--print=')) out.push(a);
  }
  return out;
}

/**
 * gpu.js's GPU in mode 'webgpu', run in a worker thread: `createKernel(src, settings)` as gpu.js's.
 * @example
 * const gpu = new WebGPUProxy();            // starts the worker; throws if no adapter answers
 * const k = gpu.createKernel('function (a) { return a[this.thread.x] * 2; }', { pipeline: true });
 * k.setOutput([3])(Float32Array.of(1, 2, 3)).toArray(); // Float32Array [2, 4, 6]
 */
export class WebGPUProxy {
  readonly mode = 'webgpu';
  /** The adapter the device was made on. */
  readonly adapterInfo: AdapterInfo;
  /** gpu.js's kernel class in the worker (device.ts checks the name). */
  readonly Kernel: { name: string; features: Record<string, unknown> };
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [0]: an answer is waiting on the port; [1]: the worker's module has started */
  private readonly flag = new Int32Array(new SharedArrayBuffer(8));
  private nextId = 1;
  private closed = false;

  constructor(options: WebGPUOptions = webgpuOptions()) {
    // Dawn's GL/GLES route needs an EGL display; with no X or Wayland, Mesa's surfaceless one (set here,
    // in the main thread, since a worker's process.env does not reach the C environment EGL reads)
    if (options.featureLevel === 'compatibility' && !process.env.EGL_PLATFORM && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
      process.env.EGL_PLATFORM = 'surfaceless';
    }
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const server = new URL('./webgpu-server.js', import.meta.url);
    if (!existsSync(server)) throw new TorchError(`cuda (webgpu): the device worker's module ${fileURLToPath(server)} is missing`);
    this.worker = new Worker(server, {
      workerData: { port: port2, flag: this.flag.buffer, options }, transferList: [port2],
      execArgv: workerExecArgv(process.execArgv),
    });
    // the events arrive only once the main thread is free again: a dead worker is found by its silence
    this.worker.on('error', () => { this.closed = true; });
    this.worker.unref();
    this.port.unref();
    try {
      const r = this.call({ op: 'init' }) as { adapter: AdapterInfo; kernel: string };
      this.adapterInfo = r.adapter;
      this.Kernel = { name: r.kernel, features: { maxStorageBufferBindingSize: r.adapter.maxStorageBufferBindingSize } };
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /** Posts a command the caller does not wait for. */
  post(c: object): void {
    if (this.closed) return;
    this.worker.postMessage(c);
  }

  /** Posts a command and blocks until the worker answers; throws the worker's error as a TorchError. */
  call(c: object): unknown {
    if (this.closed) throw new TorchError('cuda (webgpu): the device was destroyed');
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage(c);
    const op = (c as { op: string }).op, t0 = performance.now();
    while (Atomics.wait(this.flag, 0, 0, 50) === 'timed-out') {
      const waited = performance.now() - t0;
      // a late answer would pair with the next call: the device is given up
      if (Atomics.load(this.flag, 1) === 0 && waited > BOOT_MS) { this.close(); throw new TorchError(`cuda (webgpu): the device worker did not start in ${BOOT_MS / 1000} s (its module failed to load?)`); }
      if (waited > timeoutMs()) { this.close(); throw new TorchError(`cuda (webgpu): the device worker did not answer '${op}' in ${timeoutMs() / 1000} s; the device is given up`); }
    }
    const m = receiveMessageOnPort(this.port)?.message as { value?: unknown; error?: string } | undefined;
    if (!m) throw new TorchError('cuda (webgpu): the device worker woke without an answer');
    if (m.error !== undefined) throw new TorchError(`cuda (webgpu): ${m.error}`);
    return m.value;
  }

  /**
   * A kernel from gpu.js source; its first run waits for the build, so a shader that does not
   * compile throws at that call.
   */
  createKernel(src: string, settings: Record<string, unknown>): ProxyKernel {
    const kernel = this.nextId++;
    const { output, ...rest } = settings;
    this.post({ op: 'kernel', id: kernel, src, settings: rest });
    let out = (output as number[] | undefined) ?? [1];
    let built = false;
    const run = ((...args: unknown[]): WebGPUBuffer => {
      const id = this.nextId++;
      const enc = args.map((a) => (a instanceof WebGPUBuffer ? { buffer: a.id } : a));
      if (built) this.post({ op: 'run', id, kernel, output: out, args: enc, sync: false });
      else { this.call({ op: 'run', id, kernel, output: out, args: enc, sync: true }); built = true; }
      return new WebGPUBuffer(this, id);
    }) as ProxyKernel;
    run.setOutput = (o: number[]) => { out = Array.from(o); return run; };
    return run;
  }

  /** Waits until every queued kernel has run (cutorch.synchronize). */
  synchronize(): void { this.call({ op: 'sync' }); }

  /** Frees the device and ends the worker. */
  destroy(): void {
    if (this.closed) return;
    try { this.call({ op: 'destroy' }); } catch { /* the worker goes anyway */ }
    this.close();
  }

  private close(): void {
    this.closed = true;
    void this.worker.terminate();
  }
}
