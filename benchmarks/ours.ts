/** Our BLAS, each backend forced in turn: SGEMM / DGEMM and GEMMs with transposed operands. */
import { availableBackends, blasInfo, gemm, getNumThreads, setBackend, setNumThreads, type BlasBackend } from '../lib/blas/index.js';
import type { Row } from './report.js';
import { gemmRate, randomArray, timeIt, type TimingOptions } from './timing.js';

/** Sizes per backend: plain JS is capped at 256. */
const SIZES: Record<BlasBackend, number[]> = { openblas: [256, 512, 1024], wasm: [256, 512, 1024], js: [256] };

function gemmRow(backend: BlasBackend, threads: number, F: Float32ArrayConstructor | Float64ArrayConstructor,
  n: number, ta: 'n' | 't', tb: 'n' | 't', o: TimingOptions, group: string, workload: string): Row {
  const a = randomArray<Float32Array | Float64Array>(F, n * n), b = randomArray<Float32Array | Float64Array>(F, n * n), c = new F(n * n);
  const t = timeIt(() => gemm(ta, tb, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n), o);
  return { group, workload, impl: `ours ${backend}`, threads, ms: t.ms, value: gemmRate(n, n, n, t.ms), unit: 'GFLOP/s' };
}

/** The thread counts measured: all cores, and 1 where that is a different number. */
function threadCounts(backend: BlasBackend, cores: number): number[] {
  return backend === 'js' ? [1] : cores > 1 ? [cores, 1] : [1];
}

/**
 * SGEMM and DGEMM ('n','n') at 256/512/1024 per backend; 1-thread runs at 1024 only.
 * @example
 * const rows = await gemmRows(QUICK, 2);
 */
export async function gemmRows(o: TimingOptions, cores: number): Promise<Row[]> {
  const rows: Row[] = [], initial = blasInfo().backend;
  for (const backend of availableBackends()) {
    setBackend(backend);
    for (const threads of threadCounts(backend, cores)) {
      setNumThreads(threads);
      await warmWorkers();
      for (const [p, F] of [['S', Float32Array], ['D', Float64Array]] as const) {
        for (const n of SIZES[backend]) {
          if (threads === 1 && cores > 1 && n !== 1024 && backend !== 'js') continue;
          rows.push(gemmRow(backend, getNumThreads(), F, n, 'n', 'n', o, 'gemm', `${p}GEMM ${n}`));
        }
      }
    }
  }
  setBackend(initial);
  setNumThreads(cores);
  return rows;
}

/**
 * addmm with transposed operands: SGEMM 1024 with 't' flags (handled inside the GEMM, no copy).
 * @example
 * const rows = await transposeRows(QUICK, 2);
 */
export async function transposeRows(o: TimingOptions, cores: number): Promise<Row[]> {
  const rows: Row[] = [], initial = blasInfo().backend;
  for (const backend of availableBackends().filter((b) => b !== 'js')) {
    setBackend(backend);
    setNumThreads(cores);
    await warmWorkers();
    for (const [ta, tb] of [['t', 'n'], ['n', 't'], ['t', 't']] as const) {
      rows.push(gemmRow(backend, getNumThreads(), Float32Array, 1024, ta, tb, o, 'addmm', `SGEMM 1024 ${ta}${tb}`));
    }
  }
  setBackend(initial);
  return rows;
}

/** One large GEMM and a pause, so lazily started worker threads are up before timing starts. */
async function warmWorkers(): Promise<void> {
  const n = 512, a = new Float32Array(n * n), c = new Float32Array(n * n);
  gemm('n', 'n', n, n, n, 1, a, 0, n, a, 0, n, 0, c, 0, n);
  await new Promise((r) => setTimeout(r, 200));
}
