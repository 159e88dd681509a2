/** Benchmark rows, the printed table, and the JSON written under benchmarks/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** One measured workload on one implementation. */
export interface Row {
  /** 'gemm' | 'addmm' | 'pointwise' */
  group: string;
  /** e.g. 'SGEMM 1024' or 'add 1e7 float' */
  workload: string;
  /** e.g. 'ours openblas', 'ours wasm', 'tfjs-wasm', 'numpy (OpenBLAS)' */
  impl: string;
  threads: number;
  ms: number;
  value: number;
  unit: 'GFLOP/s' | 'GB/s';
  note?: string;
}

/**
 * The reference of a row: the fastest numpy row of the workload with at most as many threads (on a
 * busy machine numpy with 2 threads can lose to numpy with 1; the fastest is the fair denominator).
 */
function reference(rows: Row[], workload: string, threads = Infinity): Row | undefined {
  return rows.filter((r) => r.workload === workload && r.impl.startsWith('numpy') && r.threads <= threads)
    .sort((a, b) => b.value - a.value)[0];
}
const peer = (rows: Row[], workload: string, impl: string): Row | undefined => rows.find((r) => r.workload === workload && r.impl === impl);

const pad = (s: string, n: number, right = false): string => (right ? s.padStart(n) : s.padEnd(n));
const fmt = (x: number | undefined, digits = 2): string => (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));

/** The table: one line per row, with ours/numpy and ours/tfjs-wasm ratios. */
export function formatTable(rows: Row[]): string {
  const head = ['workload', 'implementation', 'thr', 'ms', 'rate', 'unit', '/numpy', '/tfjs-wasm'];
  // '/numpy': against the fastest numpy row with at most as many threads (numpy rows: against the fastest)
  const w = [23, 17, 3, 9, 8, 7, 7, 10];
  const lines = [head.map((h, i) => pad(h, w[i], i >= 2)).join('  ')];
  let last = '';
  for (const r of rows) {
    if (r.workload !== last && last !== '') lines.push('');
    last = r.workload;
    const ref = reference(rows, r.workload, r.impl.startsWith('numpy') ? Infinity : r.threads), tw = peer(rows, r.workload, 'tfjs-wasm');
    const cells = [r.workload, r.impl, String(r.threads), fmt(r.ms, 3), fmt(r.value, 1), r.unit,
      ref && r !== ref ? fmt(r.value / ref.value) : ref ? 'ref' : '-',
      tw && r !== tw ? fmt(r.value / tw.value) : '-'];
    lines.push(cells.map((c, i) => pad(c, w[i], i >= 2)).join('  ') + (r.note ? `  (${r.note})` : ''));
  }
  return lines.join('\n');
}

/**
 * The headline, SGEMM 1024 with all threads: ours against numpy's OpenBLAS (same threads, timed
 * separately) and against TF.js wasm (from the interleaved rows, when there are some).
 */
export function headline(rows: Row[]): string[] {
  const out: string[] = [];
  const w = 'SGEMM 1024', wi = `${w} interleaved`;
  const most = (workload: string, impl: string): Row | undefined =>
    rows.filter((r) => r.workload === workload && r.impl === impl).sort((a, b) => b.threads - a.threads)[0];
  for (const impl of ['ours openblas', 'ours wasm']) {
    const parts: string[] = [];
    const own = most(w, impl), ref = own && reference(rows, w, own.threads);
    if (own) parts.push(`${w} ${impl} (${own.threads} thr): ${own.value.toFixed(1)} GFLOP/s`);
    if (own && ref) parts.push(`${((100 * own.value) / ref.value).toFixed(0)}% of ${ref.impl} (${ref.threads} thr, ${ref.value.toFixed(1)})`);
    const oi = most(wi, impl), ti = peer(rows, wi, 'tfjs-wasm');
    if (oi && ti) parts.push(`interleaved: ${oi.value.toFixed(1)} (${oi.threads} thr) vs TF.js wasm ${ti.value.toFixed(1)} = ${(oi.value / ti.value).toFixed(2)}x`);
    if (parts.length) out.push(parts.join(', '));
  }
  return out;
}

/** Writes the run as JSON (benchmarks/results/bench-<time>.json and latest.json); returns the path. */
export function writeResults(dir: string, rows: Row[], extra: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const doc = { date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, ...extra, rows };
  const file = `${dir}/bench-${doc.date.replace(/[:.]/g, '-')}.json`;
  const text = JSON.stringify(doc, null, 2);
  writeFileSync(file, text);
  writeFileSync(`${dir}/latest.json`, text);
  return file;
}
