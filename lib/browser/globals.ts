/**
 * The Node globals torch7ts reads, injected into the browser bundle: `Buffer` (the npm `buffer`
 * package: t7 strings are latin1 Buffers) and a `process` with an empty environment whose output goes
 * to the console.
 */
import { Buffer } from 'buffer';

const env: Record<string, string | undefined> = {};
const write = (log: (s: string) => void) => ({ write: (s: string) => { log(s.replace(/\n$/, '')); return true; } });

/** What torch7ts uses of Node's process: env, stdout/stderr, emitWarning, cwd. */
export const process = {
  env,
  platform: 'browser',
  stdout: write((s) => console.log(s)),
  stderr: write((s) => console.warn(s)),
  emitWarning: (message: string) => console.warn(message),
  cwd: () => '/',
};

export { Buffer };
