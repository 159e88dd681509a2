/** Timing helpers for the benchmark suite: warm-up, then the median of several samples. */

/** One measurement: median and fastest time per call, in milliseconds. */
export interface Timing { ms: number; min: number; samples: number; callsPerSample: number }

/** How hard to measure: `--quick` lowers the sample count. */
export interface TimingOptions { samples: number; warmup: number; minSampleMs: number; maxMs: number }

export const FULL: TimingOptions = { samples: 7, warmup: 2, minSampleMs: 20, maxMs: 15000 };
export const QUICK: TimingOptions = { samples: 3, warmup: 1, minSampleMs: 5, maxMs: 5000 };

/**
 * Times a synchronous call: `warmup` calls, then `samples` samples of enough back-to-back calls to
 * last `minSampleMs` each; a call so slow that this would pass `maxMs` gets fewer samples (at least 1).
 * Returns the median (and minimum) time per call.
 * @example
 * const t = timeIt(() => work(), QUICK); console.log(t.ms);
 */
export function timeIt(fn: () => void, o: TimingOptions): Timing {
  const t0 = performance.now();
  fn();
  let once = Math.max(performance.now() - t0, 1e-3);
  for (let i = 1; i < o.warmup && once * (i + o.samples) < o.maxMs; i++) {
    const t1 = performance.now();
    fn();
    once = Math.max(performance.now() - t1, 1e-3);
  }
  const calls = Math.max(1, Math.ceil(o.minSampleMs / once));
  const samples = Math.max(1, Math.min(o.samples, Math.floor(o.maxMs / (once * calls))));
  const per: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) fn();
    per.push((performance.now() - start) / calls);
  }
  per.sort((a, b) => a - b);
  return { ms: per[Math.floor(per.length / 2)], min: per[0], samples, callsPerSample: calls };
}

/** GFLOP/s of an m x n x k GEMM that took `ms`. */
export const gemmRate = (m: number, n: number, k: number, ms: number): number => (2 * m * n * k) / ms / 1e6;

/** GB/s of a pass that moved `bytes` in `ms`. */
export const byteRate = (bytes: number, ms: number): number => bytes / ms / 1e6;

/** Uniform random floats in [-1, 1). */
export function randomArray<T extends Float32Array | Float64Array>(C: new (n: number) => T, n: number): T {
  const x = new C(n);
  for (let i = 0; i < n; i++) x[i] = Math.random() * 2 - 1;
  return x;
}
