/**
 * SGEMM 1024 head to head, interleaved: each round times every contender once (ours per backend and
 * thread count, TF.js wasm), so load from other processes hits them alike. The headline ratios come
 * from these rows; the shared machine makes separately timed rows drift by 2x.
 */
import { availableBackends, blasInfo, gemm, setBackend, setNumThreads } from '../lib/blas/index.js';
import type { Row } from './report.js';
import { loadTf } from './tfjs.js';
import { gemmRate, randomArray, type TimingOptions } from './timing.js';

interface Contender { impl: string; threads: number; setup: () => void; run: () => void; times: number[] }

/** The interleaved rows (workload 'SGEMM 1024 interleaved'). */
export async function interleavedRows(o: TimingOptions, cores: number, notes: string[]): Promise<Row[]> {
  const n = 1024, workload = `SGEMM ${n} interleaved`, initial = blasInfo().backend;
  const a = randomArray(Float32Array, n * n), b = randomArray(Float32Array, n * n), c = new Float32Array(n * n);
  const all: Contender[] = [];
  for (const backend of availableBackends().filter((x) => x !== 'js')) {
    for (const threads of cores > 1 ? [cores, 1] : [1]) {
      all.push({ impl: `ours ${backend}`, threads, times: [],
        setup: () => { setBackend(backend); setNumThreads(threads); },
        run: () => gemm('n', 'n', n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n) });
    }
  }
  const tf = await loadTf();
  if (typeof tf === 'string') notes.push(tf);
  else if (await tf.setBackend('wasm').catch(() => false)) {
    const ta = tf.tensor2d(a, [n, n]), tb = tf.tensor2d(b, [n, n]);
    all.push({ impl: 'tfjs-wasm', threads: 1, times: [], setup: () => {},
      run: () => { const r = tf.matMul(ta, tb); r.dataSync(); r.dispose(); } });
  }
  for (const x of all) { x.setup(); for (let i = 0; i < Math.max(2, o.warmup); i++) x.run(); }
  await new Promise((r) => setTimeout(r, 200)); // lazily started workers come up
  for (let round = 0; round < o.samples; round++) {
    for (const x of all) {
      x.setup();
      const t0 = performance.now();
      x.run();
      x.times.push(performance.now() - t0);
    }
  }
  setBackend(initial);
  setNumThreads(cores);
  return all.map((x) => {
    const s = x.times.sort((p, q) => p - q), ms = s[Math.floor(s.length / 2)];
    return { group: 'gemm', workload, impl: x.impl, threads: x.threads, ms, value: gemmRate(n, n, n, ms), unit: 'GFLOP/s' } as Row;
  });
}
