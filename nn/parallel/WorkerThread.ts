/**
 * The calling thread's side of a CPU worker device: starts the thread, posts requests, and waits
 * for replies synchronously (Atomics.wait on the control word, then receiveMessageOnPort), checking
 * while it waits that the thread is still alive, so a dead worker gives an error instead of a hang.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { getdefaulttensortype } from '../../lib/defaults.js';
import { holdSingleThreadedBlas } from './blasThreads.js';
import {
  CTRL_BYTES, CTRL_DONE, CTRL_EXITING, CTRL_FAST_DONE, CTRL_OP, CTRL_PART, CTRL_PARTS, CTRL_REPLICA, CTRL_REQ, CTRL_SCALE,
  CTRL_SLEEPING, CTRL_SPIN, FAST_OPS, type FastOp, type Reply, type Unnumbered, type WorkerInit,
} from './protocol.js';
import { countWorkerThread, spinMs } from './spin.js';

/** How long a worker may take to start (import torch and nn) before it counts as lost. */
const BOOT_MS = 120_000;
/** How often a waiting caller checks that the worker is alive. */
const POLL_MS = 20;

/** Ends the thread of a WorkerThread that was dropped without dispose() (and releases its BLAS hold). */
const orphans = new FinalizationRegistry<{ worker: Worker; release: () => void }>((o) => { o.release(); void o.worker.terminate(); });

/**
 * True when the thread has stopped, false while it runs, undefined when Node does not tell.
 * Worker events ('exit') cannot arrive while the calling thread is blocked, so this asks the
 * worker's native handle, whose loop idle time is -1 once the thread has stopped.
 */
function stopped(w: Worker): boolean | undefined {
  const sym = Object.getOwnPropertySymbols(w).find((s) => s.description === 'kHandle');
  const h = sym === undefined ? undefined : (w as unknown as Record<symbol, { loopIdleTime?: () => number } | null>)[sym];
  if (h === null) return true;
  if (!h || typeof h.loopIdleTime !== 'function') return undefined;
  return h.loopIdleTime() < 0;
}

/**
 * Requests posted to all worker threads so far, by path: `port` (messages), `fast` (control array),
 * and `same` (fast requests answered without a message). For diagnostics and the specs.
 */
export const handoffs = { port: 0, fast: 0, same: 0 };

/** Thrown by `wait` when the thread is gone: `reason` says how. */
export class ThreadLost extends Error {}

/** One worker thread (a CPU device) and its request/reply channel. */
export class WorkerThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly ctrl: Int32Array;
  private readonly scale: Float64Array;
  private seq = 0;
  private readonly replies = new Map<number, Reply>();
  /** Requests posted and not yet awaited. */
  private readonly inflight = new Set<number>();
  private running = false;
  /**
   * Why the thread is gone (`lost`, undefined while it runs) and what the 'error' / 'exit' events said
   * (they arrive only when the caller's event loop turns). The worker's listeners hold this object,
   * not the WorkerThread, so a WorkerThread dropped without dispose() can be collected (and its
   * thread ended by `orphans`).
   */
  private readonly state: { lost?: string; event?: string; release?: () => void } = {};
  get lost(): string | undefined { return this.state.lost; }

  constructor(readonly device: number, imports: readonly string[]) {
    const { port1, port2 } = new MessageChannel();
    const control = new SharedArrayBuffer(CTRL_BYTES);
    this.ctrl = new Int32Array(control);
    this.scale = new Float64Array(control);
    const init: WorkerInit = { control, port: port2, imports: [...imports], defaultTensorType: getdefaulttensortype() };
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init, transferList: [port2] });
    this.worker.unref();
    this.port = port1;
    this.port.unref();
    const state = this.state;
    const blas = holdSingleThreadedBlas(), counted = countWorkerThread();
    state.release = () => { blas(); counted(); };
    this.worker.on('error', (e) => { state.event ??= `uncaught ${e.name}: ${e.message}`; });
    this.worker.on('exit', (code) => {
      state.event ??= `exit code ${code}`;
      state.lost ??= `its worker thread exited (${state.event})`;
      state.release?.();
    });
    orphans.register(this, { worker: this.worker, release: state.release }, this);
  }

  /** Posts a request; returns its sequence number for `wait`. */
  post(req: Unnumbered, transfer: ArrayBuffer[] = []): number {
    if (this.lost) throw new ThreadLost(this.lost);
    const seq = ++this.seq;
    Atomics.store(this.ctrl, CTRL_SPIN, spinMs());
    this.port.postMessage({ ...req, seq }, transfer);
    this.inflight.add(seq);
    handoffs.port++;
    return seq;
  }

  /** True when no request is awaited: a fast request may be posted. */
  get idle(): boolean { return this.inflight.size === 0; }

  /**
   * Posts a fast request (see protocol.ts): `op` on `replica` with the tensors of its last `op` job.
   * Only while `idle`. Returns its sequence number for `wait`.
   */
  postFast(op: FastOp, replica: number, scale: number, part: number, parts: number): number {
    if (this.lost) throw new ThreadLost(this.lost);
    if (!this.idle) throw new Error('internal: a fast request while another is awaited');
    const seq = ++this.seq, c = this.ctrl;
    c[CTRL_OP] = FAST_OPS.indexOf(op);
    c[CTRL_REPLICA] = replica;
    c[CTRL_PART] = part;
    c[CTRL_PARTS] = parts;
    this.scale[CTRL_SCALE] = scale;
    Atomics.store(c, CTRL_SPIN, spinMs());
    Atomics.store(c, CTRL_REQ, seq);
    // the worker sets CTRL_SLEEPING, then looks at CTRL_REQ once more: one of us sees the other
    if (Atomics.load(c, CTRL_SLEEPING) === 1) this.port.postMessage({ kind: 'wake', seq: 0 });
    this.inflight.add(seq);
    handoffs.fast++;
    return seq;
  }

  /** Blocks until the reply to `seq` arrives; throws ThreadLost if the thread dies or `timeoutMs` (0: none) passes. */
  wait(seq: number, timeoutMs = 0): Reply {
    const t0 = Date.now();
    // poll a little before sleeping: most replies come within a few ms, and a wake-up costs ~0.3 ms
    const spinEnd = performance.now() + spinMs();
    while (Atomics.load(this.ctrl, CTRL_DONE) < seq && performance.now() < spinEnd) { /* spin */ }
    for (;;) {
      if (Atomics.load(this.ctrl, CTRL_FAST_DONE) === seq) {
        handoffs.same++;
        return this.received(seq, { seq, ok: true, same: true });
      }
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const r = m.message as Reply;
        this.replies.set(r.seq, r);
      }
      const r = this.replies.get(seq);
      if (r) { this.replies.delete(seq); return this.received(seq, r); }
      if (this.lost) throw new ThreadLost(this.lost);
      const done = Atomics.load(this.ctrl, CTRL_DONE);
      if (done >= seq) {
        // the reply was posted before the control word was set: it is in the port; look again
        if (Date.now() - t0 > 1000) this.fail('its reply went missing');
        continue;
      }
      if (Atomics.wait(this.ctrl, CTRL_DONE, done, POLL_MS) === 'ok') continue;
      const elapsed = Date.now() - t0;
      const event = this.state.event ? ` (${this.state.event})` : '';
      if (Atomics.load(this.ctrl, CTRL_EXITING) === 1) this.fail(`its worker thread exited${event}`);
      if (this.running && stopped(this.worker)) this.fail(`its worker thread stopped${event}`);
      if (!this.running && elapsed > BOOT_MS) this.fail(`its worker thread did not start within ${BOOT_MS / 1000} s`);
      if (timeoutMs > 0 && elapsed > timeoutMs) this.fail(`no reply within ${timeoutMs} ms`);
    }
  }

  private received(seq: number, r: Reply): Reply {
    this.inflight.delete(seq);
    this.running = true;
    return r;
  }

  private fail(reason: string): never {
    this.state.lost ??= reason;
    this.state.release?.();
    void this.worker.terminate();
    throw new ThreadLost(this.lost);
  }

  private users = 0;
  /** Counts a replica that uses this thread. */
  acquire(): void { this.users++; }
  /** Uncounts a replica; the thread ends with its last one. */
  release(): void { if (--this.users <= 0) this.terminate(); }

  /** Ends the thread (idempotent). */
  terminate(reason = 'disposed'): void {
    this.state.lost ??= reason;
    this.state.release?.();
    orphans.unregister(this);
    void this.worker.terminate();
  }

  /** The Worker object (for diagnostics and fault tests). */
  get thread(): Worker { return this.worker; }
}
