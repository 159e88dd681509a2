/** node:os in the browser bundle: the page's logical processor count. */
export function availableParallelism(): number {
  return Math.max(1, (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1);
}
