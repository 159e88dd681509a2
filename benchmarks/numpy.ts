/**
 * The native reference: numpy (with the OpenBLAS it ships) in a child python3 process, once per
 * thread count (OPENBLAS_NUM_THREADS). Missing python3 or numpy gives no rows and a note.
 */
import { execFileSync } from 'node:child_process';
import type { Row } from './report.js';
import type { TimingOptions } from './timing.js';

/** The python side: same protocol as timing.ts (warm-up, samples of >= minSampleMs, at most maxMs, median). */
const SCRIPT = String.raw`
import json, sys, time
import numpy as np
cfg = json.loads(sys.argv[1])
def timeit(f):
    for _ in range(cfg['warmup']): f()
    t0 = time.perf_counter(); f(); once = max(time.perf_counter() - t0, 1e-6)
    calls = max(1, int(cfg['minSampleMs'] / 1e3 / once + 0.999))
    per = []
    for _ in range(max(1, min(cfg['samples'], int(cfg['maxMs'] / 1e3 / (once * calls))))):
        s = time.perf_counter()
        for _ in range(calls): f()
        per.append((time.perf_counter() - s) / calls * 1e3)
    per.sort(); return per[len(per) // 2]
out = []
rng = np.random.default_rng(0)
for (name, dt) in (('S', np.float32), ('D', np.float64)):
    for n in cfg['gemm']:
        a = rng.random((n, n), dtype=dt); b = rng.random((n, n), dtype=dt); c = np.empty((n, n), dtype=dt)
        out.append(['gemm', '%sGEMM %d' % (name, n), timeit(lambda: np.matmul(a, b, out=c)), 2.0 * n ** 3])
n = 1024
a = rng.random((n, n), dtype=np.float32); b = rng.random((n, n), dtype=np.float32); c = np.empty((n, n), dtype=np.float32)
for (fl, x, y) in (('tn', a.T, b), ('nt', a, b.T), ('tt', a.T, b.T)) if cfg['transpose'] else ():
    out.append(['addmm', 'SGEMM 1024 ' + fl, timeit(lambda: np.matmul(x, y, out=c)), 2.0 * n ** 3])
if cfg['pointwise']:
    n = cfg['pointwiseSize']; label = cfg['label']
    x = rng.random(n, dtype=np.float32); y = rng.random(n, dtype=np.float32); z = np.empty(n, dtype=np.float32)
    out.append(['pointwise', 'add ' + label, timeit(lambda: np.add(x, y, out=z)), -12.0 * n])
    out.append(['pointwise', 'cmul ' + label, timeit(lambda: np.multiply(x, y, out=z)), -12.0 * n])
    out.append(['pointwise', 'sum ' + label, timeit(lambda: x.sum()), -4.0 * n])
print(json.dumps({'numpy': np.__version__, 'rows': out}))
`;

/** What the python side runs. */
export interface NumpyPlan { gemm: number[]; transpose: boolean; pointwise: boolean; pointwiseSize: number; label: string }

/**
 * numpy rows for each thread count. FLOP-counted rows are GFLOP/s; byte-counted rows (negative
 * work in the protocol) are GB/s.
 */
export function numpyRows(o: TimingOptions, plan: NumpyPlan, threadCounts: number[], notes: string[]): Row[] {
  const rows: Row[] = [];
  for (const threads of threadCounts) {
    let parsed: { numpy: string; rows: [string, string, number, number][] };
    try {
      const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
      const out = execFileSync('python3', ['-c', SCRIPT, JSON.stringify({ ...o, ...plan })], { env, encoding: 'utf8', timeout: 600_000 });
      parsed = JSON.parse(out.trim().split('\n').pop()!);
    } catch (e) {
      notes.push(`numpy reference unavailable: ${(e as Error).message.split('\n')[0]}`);
      return rows;
    }
    for (const [group, workload, ms, work] of parsed.rows) {
      const bytes = work < 0;
      rows.push({ group, workload, impl: 'numpy (OpenBLAS)', threads, ms, value: Math.abs(work) / ms / 1e6, unit: bytes ? 'GB/s' : 'GFLOP/s',
        note: threads === threadCounts[0] ? `numpy ${parsed.numpy}` : undefined });
    }
  }
  return rows;
}
