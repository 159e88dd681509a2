/**
 * The log of ops that ran on the CPU with device operands (no device kernel, or the device kernel
 * declined those arguments). Each name is reported once on stderr unless TORCH7TS_CUDA_QUIET is set.
 */
const counts = new Map<string, number>();

/** Records a CPU fallback of `name` (e.g. `cmul` or `THNN.SpatialMaxPooling_updateOutput`). */
export function recordFallback(name: string): void {
  const n = counts.get(name) ?? 0;
  counts.set(name, n + 1);
  if (n === 0 && !process.env.TORCH7TS_CUDA_QUIET) process.stderr.write(`cuda: ${name} ran on the CPU (no device kernel for these arguments)\n`);
}

/** Every fallback so far, by name, with how many times it ran. */
export function fallbacks(): Record<string, number> { return Object.fromEntries(counts); }

/** Forgets the log. */
export function resetFallbacks(): void { counts.clear(); }
