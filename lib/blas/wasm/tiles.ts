/**
 * The job a GEMM call shares between the calling thread and the workers: a control block at the start
 * of the shared WebAssembly memory, and the task loop every thread runs on it.
 *
 * A job's tasks are numbered: first the packing tasks (one per k block and chunk of A or B panels),
 * then the tiles of C (one (mc x nc) block over all k blocks). A thread that takes a tile first waits
 * until every packing task is done (PACKED).
 *
 * Control block: Int32 GEN (job number; workers wait on it), DONE (tasks finished), PACKED (packing
 * tasks finished); a BigInt64 CLAIM word at byte 8 = gen (24 bits) | tasks (20 bits) | next task
 * (20 bits), taken with compareExchange, so a late worker can never take a task of another job, and
 * the parameters are read only after a successful claim (they cannot change before that task is
 * DONE). Parameters from byte 16; alpha and beta are f64 at bytes 192 and 200.
 */

export const GEN = 0, DONE = 1, PACKED = 56;
/** Int32 word counting the tasks the workers ran, over all jobs (for tests and benchmarks). */
export const WORKER_TASKS = 57;
const P = 4; // first parameter word
/** Bytes reserved for the control block. */
export const CONTROL_BYTES = 256;
/** Most tasks one job may have. */
export const MAX_TASKS = 0xfffff;

/** The views of the control block. */
export interface Control { ctl: Int32Array; claim: BigInt64Array; f: Float64Array }

/** Views of the control block of a (shared) memory. */
export function controlViews(buffer: ArrayBufferLike): Control {
  return { ctl: new Int32Array(buffer, 0, 64), claim: new BigInt64Array(buffer, 8, 1), f: new Float64Array(buffer, 0, 32) };
}

/** The CLAIM word that opens job `gen` with `tasks` tasks. */
export function claimWord(gen: number, tasks: number): bigint {
  return (BigInt(gen & 0xffffff) << 40n) | (BigInt(tasks) << 20n);
}

/** One GEMM job (all addresses and leading dimensions in bytes). */
export interface Job {
  /** 0: f32 kernels, 1: f64. */
  f64: number;
  mr: number; nr: number; esz: number;
  m: number; n: number; k: number; kc: number;
  /** op(A) / op(B) transposed (1) or not (0). */
  ta: number; tb: number;
  /** Column-major copies of A and B as the caller stores them, and their leading dimensions. */
  aRaw: number; ldA: number; bRaw: number; ldB: number;
  /** Packed A, packed B, padded C and its leading dimension. */
  aBase: number; bBase: number; cBase: number; ldc: number;
  /** Panels in total along m and n, and panels per tile (= per packing chunk). */
  mPanels: number; nPanels: number; mcPanels: number; ncPanels: number;
  /** Tiles along m and in total; packing tasks of A and of B. */
  tilesM: number; tiles: number; packA: number; packB: number;
  /** 0: C is not read on the first k block (beta == 0). */
  mode0: number;
  /** Macro-kernel loop order: 0: B panels outside, 1: A panels outside. */
  order: number;
  alpha: number; beta: number;
}

const KEYS = ['f64', 'mr', 'nr', 'esz', 'm', 'n', 'k', 'kc', 'ta', 'tb', 'aRaw', 'ldA', 'bRaw', 'ldB', 'aBase', 'bBase',
  'cBase', 'ldc', 'mPanels', 'nPanels', 'mcPanels', 'ncPanels', 'tilesM', 'tiles', 'packA', 'packB', 'mode0', 'order'] as const;

/** Writes a job's parameters (before publishing it with CLAIM and GEN). */
export function writeJob(c: Control, job: Job): void {
  KEYS.forEach((key, i) => { c.ctl[P + i] = job[key]; });
  c.f[24] = job.alpha;
  c.f[25] = job.beta;
}

/** Reads the parameters of the job now published. */
export function readJob(c: Control): Job {
  const job = { alpha: c.f[24], beta: c.f[25] } as Job;
  KEYS.forEach((key, i) => { job[key] = c.ctl[P + i]; });
  return job;
}

/** The wasm macro-kernel (see kernels.ts). */
export type Macro = (pa: number, pb: number, pc: number, nm: number, nn: number, kc: number,
  aStride: number, bStride: number, ldc: number, alpha: number, beta: number, mode: number) => void;
/** A wasm packing kernel (see packgen.ts). */
export type Pack = (src: number, ld: number, rows: number, kl: number, dst: number) => void;

/** The kernels of one instance: macro[f64 + 2*order], pack by name. */
export interface Kernels { macro: Macro[]; pack: Record<string, Pack> }

/** The kernels exported by an instance of the module kernels.ts builds. */
export function kernelsOf(instance: WebAssembly.Instance): Kernels {
  const ex = instance.exports as Record<string, unknown>;
  const pack: Record<string, Pack> = {};
  for (const name of Object.keys(ex)) if (/^(runs|strided)_/.test(name)) pack[name] = ex[name] as Pack;
  return { macro: [ex.macro_f32 as Macro, ex.macro_f64 as Macro, ex.macroA_f32 as Macro, ex.macroA_f64 as Macro], pack };
}

/** Packing task t (< packA + packB): one k block of one chunk of A or B panels. */
function runPack(kn: Kernels, job: Job, t: number): void {
  const { esz, k, kc } = job;
  const isA = t < job.packA;
  const u = isA ? t : t - job.packA;
  const chunks = isA ? job.tilesM : job.tiles / job.tilesM;
  const ch = u % chunks, k0 = ((u - ch) / chunks) * kc, kl = Math.min(kc, k - k0);
  const w = isA ? job.mr : job.nr, per = isA ? job.mcPanels : job.ncPanels, total = isA ? job.m : job.n;
  const i0 = ch * per * w, rows = Math.min(per * w, total - i0);
  const ld = isA ? job.ldA : job.ldB, raw = isA ? job.aRaw : job.bRaw;
  const dst = (isA ? job.aBase : job.bBase) + (k0 * (isA ? job.mPanels : job.nPanels) * w + i0 * kl) * esz;
  // A: X(i,p) = A(i,p), runs unless transposed; B: X(j,p) = B(p,j), runs only when transposed
  const runs = isA ? !job.ta : !!job.tb;
  const src = runs ? raw + i0 * esz + k0 * ld : raw + k0 * esz + i0 * ld;
  kn.pack[`${runs ? 'runs' : 'strided'}_f${esz * 8}_${w}`](src, ld, rows, kl, dst);
}

/** Tile t: all k blocks of one (mc x nc) block of C. */
function runTile(macro: Macro, job: Job, t: number): void {
  const { mr, nr, esz, k, kc } = job;
  const tm = t % job.tilesM, tn = (t - tm) / job.tilesM;
  const r0 = tm * job.mcPanels, nm = Math.min(job.mcPanels, job.mPanels - r0);
  const s0 = tn * job.ncPanels, nn = Math.min(job.ncPanels, job.nPanels - s0);
  const c = job.cBase + r0 * mr * esz + s0 * nr * job.ldc;
  const mPad = job.mPanels * mr, nPad = job.nPanels * nr;
  for (let p = 0; p < k; p += kc) {
    const first = p === 0, kl = Math.min(kc, k - p);
    macro(job.aBase + (p * mPad + r0 * kl * mr) * esz, job.bBase + (p * nPad + s0 * kl * nr) * esz, c, nm, nn, kl,
      kl * mr * esz, kl * nr * esz, job.ldc, job.alpha, first ? job.beta : 1, first ? job.mode0 : 1);
  }
}

/** Total tasks of a job. */
export const taskCount = (job: Job): number => job.packA + job.packB + job.tiles;

/** Runs every task of the job on this thread, in order (no other thread involved). */
export function runAll(kn: Kernels, job: Job): void {
  const packs = job.packA + job.packB;
  for (let t = 0; t < packs; t++) runPack(kn, job, t);
  for (let t = 0; t < job.tiles; t++) runTile(kn.macro[job.f64 + 2 * job.order], job, t);
}

/** Claims and runs tasks of job `gen` until none is left; returns how many this thread ran. */
export function runTasks(kn: Kernels, c: Control, gen: number): number {
  const tag = BigInt(gen & 0xffffff);
  let job: Job | undefined;
  let ran = 0;
  for (;;) {
    const w = Atomics.load(c.claim, 0);
    if (w >> 40n !== tag) return ran;
    const t = Number(w & 0xfffffn), total = Number((w >> 20n) & 0xfffffn);
    if (t >= total) return ran;
    if (Atomics.compareExchange(c.claim, 0, w, w + 1n) !== w) continue;
    job ??= readJob(c);
    const packs = job.packA + job.packB;
    if (t < packs) {
      runPack(kn, job, t);
      if (Atomics.add(c.ctl, PACKED, 1) + 1 === packs) Atomics.notify(c.ctl, PACKED);
    } else {
      for (let d = Atomics.load(c.ctl, PACKED); d < packs; d = Atomics.load(c.ctl, PACKED)) Atomics.wait(c.ctl, PACKED, d);
      runTile(kn.macro[job.f64 + 2 * job.order], job, t - packs);
    }
    ran++;
    if (Atomics.add(c.ctl, DONE, 1) + 1 === total) Atomics.notify(c.ctl, DONE);
  }
}
