/**
 * Short busy-waits at the CPU devices' hand-offs. Waking a sleeping thread (a worker idle in its
 * event loop, or the caller blocked in Atomics.wait) took 0.3-0.4 ms on the 2-vCPU development VM,
 * and a training step hands off four times; so each side polls for a little while before it sleeps.
 * Only while every thread has a core of its own: spinning on a shared core would slow the very
 * thread that is awaited.
 */
import { availableParallelism } from 'node:os';

/** How long a thread polls before it sleeps, in ms (TORCH7TS_SPIN_MS; 0 turns polling off). */
export const SPIN_MS = process.env.TORCH7TS_SPIN_MS !== undefined && Number(process.env.TORCH7TS_SPIN_MS) >= 0 ? Number(process.env.TORCH7TS_SPIN_MS) : 2;

let workers = 0;

/**
 * Counts a live worker thread until the returned function is called (once; later calls do nothing).
 * @example
 * const release = countWorkerThread(); ... release();
 */
export function countWorkerThread(): () => void {
  workers++;
  let live = true;
  return () => { if (live) { live = false; workers--; } };
}

/** The worker threads alive now (counted by {@link countWorkerThread}). */
export function liveWorkerThreads(): number { return workers; }

/**
 * How long to poll now: SPIN_MS while the calling thread and the live workers fit the cores, else 0.
 * @example
 * spinMs(); // 2 with one worker thread on 2 cores
 */
export function spinMs(): number {
  return workers + 1 <= availableParallelism() ? SPIN_MS : 0;
}
