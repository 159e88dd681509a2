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

/** The reference of a row: numpy on the same workload with the same thread count, else with the most threads. */
function reference(rows: Row[], workload: string, threads = Infinity): Row | undefined {
  const np = rows.filter((r) => r.workload === workload && r.impl.startsWith('numpy'));
  return np.find((r) => r.threads === threads) ?? np.sort((a, b) => b.threads - a.threads)[0];
}
const peer = (rows: Row[], workload: string, impl: string): Row | undefined => rows.find((r) => r.workload === workload && r.impl === impl);

const pad = (s: string, n: number, right = false): string => (right ? s.padStart(n) : s.padEnd(n));
const fmt = (x: number | undefined, digits = 2): string => (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));

/** The table: one line per row, with ours/numpy and ours/tfjs-wasm ratios. */
export function formatTable(rows: Row[]): string {
  const head = ['workload', 'implementation', 'thr', 'ms', 'rate', 'unit', '/numpy', '/tfjs-wasm'];
  // '/numpy': against numpy with the same number of threads (numpy rows: 1 thread against the most)
  const w = [18, 22, 3, 9, 8, 7, 7, 10];
  const lines = [head.map((h, i) => pad(h, w[i], i >= 2)).join('  ')];
  let last = '';
  for (const r of rows) {
    if (r.workload !== last && last !== '') lines.push('');
    last = r.workload;
    const isNp = r.impl.startsWith('numpy');
    const ref = reference(rows, r.workload, isNp ? Infinity : r.threads), tw = peer(rows, r.workload, 'tfjs-wasm');
    const cells = [r.workload, r.impl, String(r.threads), fmt(r.ms, 3), fmt(r.value, 1), r.unit,
      ref && r !== ref ? fmt(r.value / ref.value) : ref ? 'ref' : '-',
      tw && r !== tw ? fmt(r.value / tw.value) : '-'];
    lines.push(cells.map((c, i) => pad(c, w[i], i >= 2)).join('  ') + (r.note ? `  (${r.note})` : ''));
  }
  return lines.join('\n');
}

/** The headline: SGEMM 1024 of our paths (all threads) against numpy's OpenBLAS (same threads) and TF.js wasm. */
export function headline(rows: Row[]): string[] {
  const out: string[] = [];
  const w = 'SGEMM 1024';
  const tw = peer(rows, w, 'tfjs-wasm');
  for (const impl of ['ours openblas', 'ours wasm']) {
    const best = rows.filter((r) => r.workload === w && r.impl === impl).sort((a, b) => b.threads - a.threads)[0];
    if (!best) continue;
    const ref = reference(rows, w, best.threads);
    const parts = [`${w} ${impl} (${best.threads} thr): ${best.value.toFixed(1)} GFLOP/s`];
    if (ref) parts.push(`${((100 * best.value) / ref.value).toFixed(0)}% of ${ref.impl} ${ref.threads} thr (${ref.value.toFixed(1)})`);
    if (tw) parts.push(`${(best.value / tw.value).toFixed(2)}x TF.js wasm (${tw.value.toFixed(1)})`);
    out.push(parts.join(', '));
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
