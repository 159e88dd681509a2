/** Shared by the examples: run `main` when the file is executed directly (`node dist/examples/xor.js`). */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** True when the module at `url` (its import.meta.url) is the program node started. */
export function isMain(url: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === url;
  } catch {
    return false;
  }
}

/** Runs `main` if `url` is the entry point, reporting a failure with exit code 1. */
export function runIfMain(url: string, main: () => unknown): void {
  if (!isMain(url)) return;
  Promise.resolve().then(main).catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exitCode = 1;
  });
}
