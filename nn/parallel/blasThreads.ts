/**
 * While CPU worker devices exist, BLAS runs single-threaded in every thread (each device is one
 * core; an OpenBLAS pool thread spinning after a threaded call would take the worker's core). The
 * first worker thread saves `torch.getnumthreads()` and sets 1; the last one to end restores it,
 * unless the count was changed meanwhile.
 */
import { getNumThreads, setNumThreads } from '../../lib/blas/index.js';

let holders = 0;
let saved: number | undefined;

/**
 * Holds BLAS at one thread until the returned function is called (once; later calls do nothing).
 * @example
 * const release = holdSingleThreadedBlas(); ... release();
 */
export function holdSingleThreadedBlas(): () => void {
  if (holders++ === 0) {
    saved = getNumThreads();
    if (saved !== 1) setNumThreads(1);
  }
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--holders === 0) {
      if (saved !== undefined && saved !== 1 && getNumThreads() === 1) setNumThreads(saved);
      saved = undefined;
    }
  };
}
