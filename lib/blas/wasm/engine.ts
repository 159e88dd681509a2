/**
 * The WebAssembly GEMM engine: copies the operands into a shared WebAssembly.Memory, packs them and
 * runs the SIMD macro-kernel over (mc x nc) tiles of C (see tiles.ts) on this thread and on lazily
 * started, unref'd worker threads, and copies C back.
 */
import { Worker } from 'node:worker_threads';
import { buildKernels, SHAPES } from './kernels.js';
import { claimWord, CONTROL_BYTES, controlViews, DONE, GEN, kernelsOf, MAX_TASKS, PACKED, runAll, runTasks, taskCount,
  WORKER_TASKS, writeJob, type Control, type Job, type Kernels } from './tiles.js';

const PAGE = 65536;
/** Memory reserved (shared memories cannot move): 2 GiB, the most i32 offsets address safely. */
const MAX_PAGES = 32768;
/** A call whose packed operands exceed this is split (along n, then k). */
const MAX_JOB_BYTES = 1536 * 1024 * 1024;
/** Below this many multiply-adds one thread does the whole job. */
const PARALLEL_MIN = 96 * 96 * 96;

const align = (x: number): number => Math.ceil(x / 64) * 64;

/** A float typed array: the only types that reach the WebAssembly path. */
export type FloatArray = Float32Array | Float64Array;

/** Copies the m x n column-major block src[off + i + j*ld] into dst[dOff + i + j*dld] (memcpy per column). */
function copyBlock(src: FloatArray, off: number, ld: number, m: number, n: number, dst: FloatArray, dOff: number, dld: number): void {
  if (ld === m && dld === m) { dst.set(src.subarray(off, off + m * n), dOff); return; }
  for (let j = 0; j < n; j++) dst.set(src.subarray(off + j * ld, off + j * ld + m), dOff + j * dld);
}

/** One engine per process (see {@link wasmEngine}). */
export class WasmEngine {
  private readonly memory = new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
  private readonly module: WebAssembly.Module;
  private readonly kernels: Kernels;
  private readonly control: Control;
  private readonly workers: Worker[] = [];
  private f32 = new Float32Array(0);
  private f64 = new Float64Array(0);
  private gen = 0;
  /** Threads a large GEMM uses, this one included. */
  threads = 1;
  /** A call whose packed operands would take more bytes is split (along n, then k). */
  maxJobBytes = MAX_JOB_BYTES;
  /** Blocking: k steps per block, A panels per tile, columns of C per tile (tuned on Zen 4, Node 20). */
  blocking = { kc: 256, mcPanels: 16, ncCols: 64, order: 0 };

  constructor() {
    this.module = new WebAssembly.Module(buildKernels(MAX_PAGES));
    const instance = new WebAssembly.Instance(this.module, { env: { mem: this.memory } });
    this.kernels = kernelsOf(instance);
    this.control = controlViews(this.memory.buffer);
  }

  /** Number of worker threads started so far. */
  get workerCount(): number { return this.workers.length; }

  /** Tasks (packing and tiles) the worker threads have run so far, over all jobs. */
  get workerTasks(): number { return Atomics.load(this.control.ctl, WORKER_TASKS); }

  /** Grows the memory to `bytes` at least; false when it cannot (the caller then splits the job). */
  private ensure(bytes: number): boolean {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      try { this.memory.grow(Math.ceil((bytes - have) / PAGE)); } catch { return false; }
    }
    const buf = this.memory.buffer;
    if (this.f32.buffer !== buf) { this.f32 = new Float32Array(buf); this.f64 = new Float64Array(buf); }
    return true;
  }

  private startWorkers(): void {
    while (this.workers.length < this.threads - 1) {
      try {
        const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: { module: this.module, memory: this.memory } });
        w.unref();
        w.on('error', () => { /* the calling thread does all tiles it finds unclaimed */ });
        this.workers.push(w);
      } catch {
        this.threads = this.workers.length + 1;
      }
    }
  }

  /** C = alpha op(A) op(B) + beta C on float arrays of one type (arguments already checked). */
  gemm(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number,
    a: FloatArray, aOff: number, lda: number, b: FloatArray, bOff: number, ldb: number,
    beta: number, c: FloatArray, cOff: number, ldc: number): void {
    const isF64 = c instanceof Float64Array;
    const { mr, nr, esz } = isF64 ? SHAPES.f64 : SHAPES.f32;
    const mPanels = Math.ceil(m / mr), nPanels = Math.ceil(n / nr);
    const mPad = mPanels * mr, nPad = nPanels * nr;
    const aRaw = CONTROL_BYTES, bRaw = align(aRaw + m * k * esz), aBase = align(bRaw + k * n * esz);
    const bBase = align(aBase + mPad * k * esz), cBase = align(bBase + nPad * k * esz);
    const total = cBase + mPad * nPad * esz;
    if ((total > this.maxJobBytes || !this.ensure(total)) && (n > nr || k > 1)) {
      if (n > nr) { // split the columns of C
        const h = Math.ceil(n / 2 / nr) * nr;
        this.gemm(ta, tb, m, h, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        this.gemm(ta, tb, m, n - h, k, alpha, a, aOff, lda, b, bOff + (tb ? h : h * ldb), ldb, beta, c, cOff + h * ldc, ldc);
      } else { // split k: the second half accumulates
        const h = Math.ceil(k / 2);
        this.gemm(ta, tb, m, n, h, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        this.gemm(ta, tb, m, n, k - h, alpha, a, aOff + (ta ? h : h * lda), lda, b, bOff + (tb ? h * ldb : h), ldb, 1, c, cOff, ldc);
      }
      return;
    }
    if (!this.ensure(total)) throw new RangeError(`gemm: cannot allocate ${total} bytes of WebAssembly memory`);
    const mem = isF64 ? this.f64 : this.f32;
    // the caller's operands, copied column by column as they are stored (memcpy speed)
    const rowsA = ta ? k : m, rowsB = tb ? n : k;
    copyBlock(a, aOff, lda, rowsA, ta ? m : k, mem, aRaw / esz, rowsA);
    copyBlock(b, bOff, ldb, rowsB, tb ? k : n, mem, bRaw / esz, rowsB);
    if (beta !== 0) copyBlock(c, cOff, ldc, m, n, mem, cBase / esz, mPad);

    const { kc, mcPanels } = this.blocking, ncPanels = Math.max(1, Math.round(this.blocking.ncCols / nr));
    const tilesM = Math.ceil(mPanels / mcPanels), tilesN = Math.ceil(nPanels / ncPanels), kBlocks = Math.ceil(k / kc);
    const job: Job = { f64: isF64 ? 1 : 0, mr, nr, esz, m, n, k, kc, ta: ta ? 1 : 0, tb: tb ? 1 : 0,
      aRaw, ldA: rowsA * esz, bRaw, ldB: rowsB * esz, aBase, bBase, cBase, ldc: mPad * esz,
      mPanels, nPanels, mcPanels, ncPanels, tilesM, tiles: tilesM * tilesN, packA: kBlocks * tilesM, packB: kBlocks * tilesN,
      mode0: beta === 0 ? 0 : 1, order: this.blocking.order, alpha, beta };
    if (taskCount(job) > MAX_TASKS) throw new RangeError(`gemm: too many tasks (${taskCount(job)})`);
    if (this.threads > 1 && m * n * k >= PARALLEL_MIN) this.runParallel(job);
    else runAll(this.kernels, job);

    copyBlock(mem, cBase / esz, mPad, m, n, c, cOff, ldc);
  }

  private runParallel(job: Job): void {
    this.startWorkers();
    const { ctl, claim } = this.control;
    const gen = (this.gen = (this.gen + 1) & 0xffffff), tasks = taskCount(job);
    writeJob(this.control, job);
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, PACKED, 0);
    Atomics.store(claim, 0, claimWord(gen, tasks));
    Atomics.store(ctl, GEN, gen);
    Atomics.notify(ctl, GEN);
    runTasks(this.kernels, this.control, gen);
    for (let d = Atomics.load(ctl, DONE); d < tasks; d = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, d);
  }
}

let engine: WasmEngine | null | undefined;

/** The process's engine, created on first use; null where WebAssembly SIMD or shared memory is missing. */
export function wasmEngine(): WasmEngine | null {
  if (engine === undefined) {
    try { engine = new WasmEngine(); } catch { engine = null; }
  }
  return engine;
}
