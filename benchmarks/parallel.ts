/**
 * The `parallel` group: training steps (float32, batch 256) of the MLP 784-1024-1024-10 and of the
 * trainer's LeNet with nn.DataParallelTable on 1 and 2 CPU devices (device 1 = this thread, device 2
 * = a worker thread, BLAS single-threaded: one core per device), and, for honesty, the plain model
 * with 1 BLAS thread and with all cores. The configurations take turns, since absolute times drift on
 * a shared machine: each round runs a block of BLOCK consecutive steps of each, as training does, and
 * keeps all but the first (which finds the caches taken by another model, and a worker thread that
 * has gone to sleep since its last step). Each row gives the median step (`ms`) and the fastest
 * (`min`, the step least disturbed by other processes); speedups are against 1 device.
 */
import { availableParallelism, loadavg } from 'node:os';
import { torch } from '../lib/index.js';
import { blasInfo, getNumThreads, setNumThreads } from '../lib/blas/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { nn } from '../nn/index.js';
import type { DataParallelTable } from '../nn/DataParallelTable.js';
import type { Module } from '../nn/Module.js';
import { lenet } from '../bin/models.js';
import type { Row } from './report.js';
import type { TimingOptions } from './timing.js';

const BATCH = 256, LR = 0.01;
/** Consecutive steps of a configuration per round; the first of each block is not recorded. */
const BLOCK = 4;
const convMacs = (cin: number, cout: number, k: number, out: number): number => cout * out * out * cin * k * k;

/** A workload: its model, input, and the FLOPs of one step (3x the forward's multiply-adds x 2). */
interface Workload { name: string; model: () => Module; input: () => Tensor; flops: number }
const WORKLOADS: Workload[] = [
  {
    name: `MLP train b${BATCH}`, flops: 3 * 2 * BATCH * (784 * 1024 + 1024 * 1024 + 1024 * 10),
    model: () => new nn.Sequential().add(new nn.Linear(784, 1024)).add(new nn.ReLU()).add(new nn.Linear(1024, 1024))
      .add(new nn.ReLU()).add(new nn.Linear(1024, 10)).add(new nn.LogSoftMax()).float(),
    input: () => torch.randn(BATCH, 784).float(),
  },
  {
    name: `LeNet train b${BATCH}`, flops: 3 * 2 * BATCH * (convMacs(1, 6, 5, 24) + convMacs(6, 16, 5, 8) + 256 * 120 + 120 * 84 + 84 * 10),
    model: () => lenet().float(),
    input: () => torch.randn(BATCH, 1, 28, 28).float(),
  },
];

interface Config { impl: string; threads: number; devices?: number[] }

/** A step closure for one configuration (and its DataParallelTable, to dispose). */
function build(w: Workload, c: Config, input: Tensor, target: Tensor): { step: () => void; dpt?: DataParallelTable } {
  torch.manualSeed(1);
  let model = w.model();
  const dpt = c.devices ? new nn.DataParallelTable(1).add(model, c.devices) : undefined;
  if (dpt) model = dpt;
  const crit = new nn.ClassNLLCriterion().float();
  const [params, grads] = model.getParameters();
  const step = (): void => {
    grads.zero();
    const out = model.forward(input);
    crit.forward(out, target);
    model.backward(input, crit.backward(out, target));
    (params as any).add(-LR, grads);
  };
  return { step, dpt };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Step times of each configuration: single-threaded ones interleaved, then the multi-threaded BLAS one. */
function measure(w: Workload, configs: Config[], rounds: number): number[][] {
  const input = w.input();
  const target = new torch.LongTensor(Array.from({ length: BATCH }, (_, i) => 1 + (i % 10)));
  const times: number[][] = configs.map(() => []);
  // a multi-threaded OpenBLAS call leaves its pool threads spinning a while: they would take the
  // worker's core, so that configuration runs in a phase of its own
  for (const phase of [configs.filter((c) => c.threads === 1), configs.filter((c) => c.threads !== 1)]) {
    const runs = phase.map((c) => build(w, c, input, target));
    try {
      for (let r = -2; r < rounds; r++) { // rounds -2 and -1 warm up (and start the worker threads)
        phase.forEach((c, i) => {
          setNumThreads(c.threads);
          for (let b = 0; b < BLOCK; b++) {
            const t0 = performance.now();
            runs[i].step();
            if (r >= 0 && b > 0) times[configs.indexOf(c)].push(performance.now() - t0);
          }
        });
      }
    } finally {
      runs.forEach((x) => x.dpt?.dispose());
    }
  }
  return times;
}

/** The parallel rows (`Row` with group 'parallel'); `notes` gets a speedup line per workload. */
export async function parallelRows(o: TimingOptions, notes: string[]): Promise<Row[]> {
  const cores = availableParallelism();
  const prev = getNumThreads();
  const configs: Config[] = [
    { impl: 'plain, 1 BLAS thread', threads: 1 },
    { impl: 'DataParallelTable, 1 device', threads: 1, devices: [1] },
    ...(cores > 1 ? [{ impl: 'DataParallelTable, 2 devices', threads: 1, devices: [1, 2] }] : []),
    ...(cores > 1 ? [{ impl: `plain, ${cores} BLAS threads`, threads: cores }] : []),
  ];
  if (cores < 2) notes.push('parallel: one core only, so no 2-device row');
  const rounds = Math.max(5, 2 * o.samples);
  const rows: Row[] = [];
  try {
    for (const w of WORKLOADS) {
      const times = measure(w, configs, rounds);
      const ms = times.map(median), min = times.map((x) => Math.min(...x));
      configs.forEach((c, i) => rows.push({
        group: 'parallel', workload: w.name, impl: c.impl, threads: c.devices ? c.devices.length : c.threads, ms: ms[i],
        value: w.flops / ms[i] / 1e6, unit: 'GFLOP/s',
        note: `${(1000 / ms[i]).toFixed(1)} steps/s, ${(ms[1] / ms[i]).toFixed(2)}x of 1 device; ` +
          `min ${min[i].toFixed(1)} ms, ${(min[1] / min[i]).toFixed(2)}x of 1 device's min`,
      }));
      if (configs.length === 4) {
        notes.push(`parallel: ${w.name}: DataParallelTable on 2 CPU devices vs 1: ${(ms[1] / ms[2]).toFixed(2)}x median ` +
          `(${ms[1].toFixed(1)} -> ${ms[2].toFixed(1)} ms/step), ${(min[1] / min[2]).toFixed(2)}x best step; plain model with ` +
          `${cores} BLAS threads: ${(ms[1] / ms[3]).toFixed(2)}x median, ${(min[1] / min[3]).toFixed(2)}x best ` +
          `(BLAS ${blasInfo().backend}, ${rounds} rounds of ${BLOCK - 1} recorded steps, load average ${loadavg()[0].toFixed(1)})`);
      }
    }
  } finally {
    setNumThreads(prev);
  }
  return rows;
}

/** The group's table: one line per configuration. */
export function formatParallelTable(rows: Row[]): string {
  const head = ['workload', 'implementation', 'dev/thr', 'ms/step', 'GFLOP/s', 'notes'];
  const w = [18, 30, 7, 8, 8];
  const pad = (s: string, i: number): string => (i >= 2 && i < 5 ? s.padStart(w[i]) : i < 5 ? s.padEnd(w[i]) : s);
  const lines = [head.map(pad).join('  ')];
  let last = '';
  for (const r of rows) {
    if (last && r.workload !== last) lines.push('');
    last = r.workload;
    lines.push([r.workload, r.impl, String(r.threads), r.ms.toFixed(2), r.value.toFixed(1), r.note ?? ''].map(pad).join('  '));
  }
  return lines.join('\n');
}
