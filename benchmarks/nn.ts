/**
 * The nn rows of the benchmark suite (float32): an MLP and a LeNet SGD training step and two conv
 * forward layers, ours (per BLAS backend, all cores and 1 thread) against TF.js wasm and cpu in the
 * same run, plus Torch7's times from docs/cpu-performance.md as constant reference rows (not measured
 * here). See benchmarks/NN.md.
 *
 * Rows fit report.ts's `Row`: `ms` is the time per step (or per batch for the forward rows), `value`
 * the effective GFLOP/s (GEMM-equivalent FLOPs / time; see `NN_WORKLOADS`), and `note` starts with the
 * steps/s or img/s. `NnRow` adds those rates as fields.
 */
import { availableParallelism } from 'node:os';
import { benchLenet, benchMlp } from './models.js';
import { torch } from '../lib/index.js';
import { nn } from '../nn/index.js';
import type { Module } from '../nn/Module.js';
import type { Tensor } from '../lib/Tensor.js';
import { availableBackends, blasInfo, getNumThreads, setBackend, setNumThreads, type BlasBackend } from '../lib/blas/index.js';
import type { Row } from './report.js';
import { timeIt, type Timing, type TimingOptions } from './timing.js';
import { tfjsNnResults, tfjsTiming, type NnKey } from './nn-tfjs.js';

export type { NnKey } from './nn-tfjs.js';

/** A row of the nn group: a report.ts Row (unit GFLOP/s) with the workload's own rate. */
export interface NnRow extends Row {
  /** steps/s for the training steps, img/s for the conv forward layers */
  rate: number;
  rateUnit: 'steps/s' | 'img/s';
  /** the fastest sample, ms */
  min?: number;
  /** timed samples (each the mean of `callsPerSample` back-to-back calls) */
  samples?: number;
  /** a constant row quoted from earlier measurements, not measured in this run */
  reference?: boolean;
  /** the note without the rate */
  detail?: string;
}

/** One nn workload: its label, batch, and the FLOPs of one step. */
export interface NnWorkload { key: NnKey; workload: string; batch: number; flops: number; rateUnit: 'steps/s' | 'img/s' }

/** Multiply-adds of a conv layer: batch x out planes x out pixels x (in planes x k x k). */
const convMacs = (b: number, cin: number, cout: number, k: number, out: number): number => b * cout * out * out * cin * k * k;

/**
 * The workloads. FLOPs: 2 per multiply-add of the conv / linear layers (pointwise layers not counted);
 * a training step counts 3x the forward (forward, gradInput, gradWeight).
 */
export const NN_WORKLOADS: Record<NnKey, NnWorkload> = {
  mlp: { key: 'mlp', workload: 'MLP train b128', batch: 128, rateUnit: 'steps/s', flops: 3 * 2 * 128 * (784 * 1024 + 1024 * 1024 + 1024 * 10) },
  lenet: {
    key: 'lenet', workload: 'LeNet train b64', batch: 64, rateUnit: 'steps/s',
    flops: 3 * 2 * (convMacs(64, 1, 6, 5, 24) + convMacs(64, 6, 16, 5, 8) + 64 * (256 * 120 + 120 * 84 + 84 * 10)),
  },
  conv1: { key: 'conv1', workload: 'conv fwd 3-16 5x5 b32', batch: 32, rateUnit: 'img/s', flops: 2 * convMacs(32, 3, 16, 5, 28) },
  conv2: { key: 'conv2', workload: 'conv fwd 64-64 3x3 b32', batch: 32, rateUnit: 'img/s', flops: 2 * convMacs(32, 64, 64, 3, 16) },
};
export const NN_KEYS = Object.keys(NN_WORKLOADS) as NnKey[];

/** The label of the constant Torch7 rows. */
export const TORCH7_REF = 'torch7 (reference, measured earlier)';

/**
 * Torch7 (OpenBLAS) times from docs/cpu-performance.md, same machine, measured earlier, not in this
 * run: MLP 11.6 ms (2 threads) / 20 ms (1 thread), LeNet 7.7 ms (thread count not recorded; Torch7
 * uses all cores by default).
 */
export const TORCH7_MS: { key: NnKey; threads: number; ms: number; detail: string }[] = [
  { key: 'mlp', threads: 2, ms: 11.6, detail: 'not measured in this run; docs/cpu-performance.md' },
  { key: 'mlp', threads: 1, ms: 20, detail: 'not measured in this run; docs/cpu-performance.md' },
  { key: 'lenet', threads: 2, ms: 7.7, detail: 'not measured in this run; docs/cpu-performance.md; threads not recorded, default = all cores' },
];

const LR = 0.01;

/** Builds a row: effective GFLOP/s as `value`, the rate in `rate` and at the head of `note`. */
function makeRow(key: NnKey, impl: string, threads: number, ms: number, extra: Partial<NnRow> = {}): NnRow {
  const w = NN_WORKLOADS[key];
  const rate = w.rateUnit === 'img/s' ? (1000 * w.batch) / ms : 1000 / ms;
  const rateText = `${rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toFixed(rate >= 10 ? 1 : 2)} ${w.rateUnit}`;
  const detail = extra.detail;
  return {
    group: 'nn', workload: w.workload, impl, threads, ms, value: w.flops / ms / 1e6, unit: 'GFLOP/s',
    rate, rateUnit: w.rateUnit, ...extra, note: detail ? `${rateText}; ${detail}` : rateText,
  };
}

const timedRow = (key: NnKey, impl: string, threads: number, t: Timing, detail?: string): NnRow =>
  makeRow(key, impl, threads, t.ms, { min: t.min, samples: t.samples, detail });

const mlp = (): Module => benchMlp().float();

const lenet = (): Module => benchLenet().float();

/** Random 1-based class targets. */
const targets = (n: number): Tensor => new torch.LongTensor(Array.from({ length: n }, () => 1 + Math.floor(Math.random() * 10)));

/**
 * Our workload: a step function, and for the training steps a check that the loss stays finite.
 * Training: zeroGradParameters, forward, criterion forward / backward, backward, `params.add(-lr, grads)`.
 */
function ours(key: NnKey): { step: () => void; loss?: () => number } {
  if (key === 'conv1' || key === 'conv2') {
    const m = (key === 'conv1' ? new nn.SpatialConvolution(3, 16, 5, 5) : new nn.SpatialConvolution(64, 64, 3, 3, 1, 1, 1, 1)).float();
    const x = key === 'conv1' ? torch.randn(32, 3, 32, 32).float() : torch.randn(32, 64, 16, 16).float();
    return { step: () => { m.forward(x); } };
  }
  const model = key === 'mlp' ? mlp() : lenet();
  const input = key === 'mlp' ? torch.randn(128, 784).float() : torch.randn(64, 1, 28, 28).float();
  const target = targets(NN_WORKLOADS[key].batch);
  const crit = new nn.ClassNLLCriterion().float();
  const [params, grads] = model.getParameters();
  let loss = NaN;
  const step = (): void => {
    model.zeroGradParameters();
    const out = model.forward(input);
    loss = crit.forward(out, target);
    model.backward(input, crit.backward(out, target));
    params.add(-LR, grads);
  };
  return { step, loss: () => loss };
}

/** The BLAS backends to run ours on: the default first, then the other fast ones (plain JS only when alone). */
function backendsToRun(): BlasBackend[] {
  const first = blasInfo().backend;
  const fast = availableBackends().filter((b) => b !== 'js');
  const list = [first, ...fast.filter((b) => b !== first)].filter((b) => b !== 'js' || fast.length === 0);
  return list.length ? list : ['js'];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Our rows: every workload per BLAS backend (see `backendsToRun`), with all cores and with 1 thread.
 * Our steps take milliseconds, so they get 3x the samples of `o` (at least 3 warm-up steps): the
 * machine is noisy. A workload that throws gives a note.
 */
async function ourRows(o: TimingOptions, keys: NnKey[], notes: string[]): Promise<NnRow[]> {
  const rows: NnRow[] = [], initial = blasInfo(), cores = availableParallelism();
  const to: TimingOptions = { ...o, samples: 3 * o.samples, warmup: Math.max(3, o.warmup) };
  try {
    for (const backend of backendsToRun()) {
      setBackend(backend);
      const impl = `ours ${backend}`;
      for (const threads of cores > 1 ? [cores, 1] : [1]) {
        setNumThreads(threads);
        let warmed = false;
        for (const key of keys) {
          try {
            const w = ours(key);
            if (!warmed) { w.step(); await sleep(200); warmed = true; } // lazily started workers come up
            const t = timeIt(w.step, backend === 'js' ? tfjsTiming(o) : to);
            const loss = w.loss?.();
            if (loss !== undefined && !Number.isFinite(loss)) notes.push(`${impl} ${key}: loss is ${loss} after timing`);
            rows.push(timedRow(key, impl, getNumThreads(), t));
          } catch (e) {
            notes.push(`${impl} (${threads} thr) failed on ${key}: ${(e as Error).message.split('\n')[0]}`);
          }
        }
      }
    }
  } finally {
    setBackend(initial.backend);
    setNumThreads(initial.threads);
  }
  return rows;
}

/** The constant Torch7 rows (marked `reference`, not measured in this run). */
export function torch7Rows(keys: NnKey[] = NN_KEYS): NnRow[] {
  return TORCH7_MS.filter((r) => keys.includes(r.key))
    .map((r) => makeRow(r.key, TORCH7_REF, r.threads, r.ms, { reference: true, detail: r.detail }));
}

const IMPL_ORDER = (impl: string): number => (impl.startsWith('ours') ? 0 : impl === TORCH7_REF ? 1 : impl === 'tfjs-wasm' ? 2 : 3);

/**
 * The nn group: ours, the Torch7 reference rows, TF.js wasm and cpu; grouped by workload.
 * `keys` picks workloads; `tfjs: false` leaves TF.js out.
 * @example
 * const notes: string[] = [];
 * const rows = await nnRows(QUICK, notes);
 * console.log(formatNnTable(rows));
 */
export async function nnRows(o: TimingOptions, notes: string[], keys: NnKey[] = NN_KEYS, opts: { tfjs?: boolean } = {}): Promise<NnRow[]> {
  const rows = await ourRows(o, keys, notes);
  rows.push(...torch7Rows(keys));
  if (opts.tfjs !== false) {
    for (const r of await tfjsNnResults(o, keys, notes)) rows.push(timedRow(r.key, r.impl, 1, r.t, r.note));
  }
  const order = keys.map((k) => NN_WORKLOADS[k].workload);
  // stable: within a workload, ours in the order measured (backend, then threads)
  return rows.sort((a, b) => order.indexOf(a.workload) - order.indexOf(b.workload) || IMPL_ORDER(a.impl) - IMPL_ORDER(b.impl));
}

const pad = (s: string, n: number, right: boolean): string => (right ? s.padStart(n) : s.padEnd(n));
const num = (x: number | undefined, d: number): string => (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));
const rateText = (x: number): string => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(x >= 10 ? 1 : 2));

/**
 * The nn table. Ratio columns are speed ratios, peer time / our time (above 1: ours is faster), on our
 * rows only: `/torch7` against the Torch7 reference with the same threads (`*`: other threads),
 * `/tfjs-wasm` and `/tfjs-cpu` against TF.js (one thread) on the same workload.
 */
export function formatNnTable(rows: NnRow[]): string {
  const head = ['workload', 'implementation', 'thr', 'ms/step', 'min ms', 'rate', 'unit', 'GFLOP/s', '/torch7', '/tfjs-wasm', '/tfjs-cpu'];
  const w = [22, 36, 3, 9, 8, 9, 7, 7, 8, 10, 9];
  const lines = [head.map((h, i) => pad(h, w[i], i >= 2)).join('  ')];
  let last = '';
  for (const r of rows) {
    if (last !== '' && r.workload !== last) lines.push('');
    last = r.workload;
    const same = rows.filter((p) => p.workload === r.workload);
    const ourRow = r.impl.startsWith('ours');
    const refs = same.filter((p) => p.impl === TORCH7_REF);
    const t7 = refs.find((p) => p.threads === r.threads) ?? refs.sort((a, b) => b.threads - a.threads)[0];
    const ratio = (p: NnRow | undefined, mark = ''): string => (ourRow && p ? `${(p.ms / r.ms).toFixed(2)}${mark}` : '-');
    const cells = [r.workload, r.impl, String(r.threads), num(r.ms, 2), num(r.min, 2), rateText(r.rate), r.rateUnit, num(r.value, r.value < 1 ? 2 : 1),
      ratio(t7, t7 && t7.threads !== r.threads ? '*' : ''),
      ratio(same.find((p) => p.impl === 'tfjs-wasm')), ratio(same.find((p) => p.impl === 'tfjs-cpu'))];
    lines.push(cells.map((c, i) => pad(c, w[i], i >= 2)).join('  ') + (r.detail ? `  (${r.detail})` : ''));
  }
  return lines.join('\n');
}
