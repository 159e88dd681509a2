/** `torch7ts t7 info FILE` and `torch7ts t7 convert IN OUT --ascii|--binary|--b32|--b64`. */
import '../nn/index.js';
import { t7convert, t7info, type T7Format } from '../lib/File/index.js';

export const T7_USAGE = `usage: torch7ts t7 info FILE [--ascii|--binary|--b32|--b64]
       torch7ts t7 convert IN OUT --ascii|--binary|--b32|--b64
  info     print the object tree of a .t7 file (modules as Torch prints them, tensor types and sizes)
  convert  rewrite a .t7 file in another format, keeping its content exactly`;

const FORMATS: Record<string, T7Format> = { '--ascii': 'ascii', '--binary': 'binary', '--b32': 'b32', '--b64': 'b64' };

/** Runs `torch7ts t7 ...`; returns the exit code (0 ok, 2 bad usage). */
export function t7Command(args: string[], out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s)): number {
  const [sub, ...rest] = args;
  const flags = rest.filter((a) => a.startsWith('--'));
  const files = rest.filter((a) => !a.startsWith('--'));
  const bad = flags.filter((f) => !(f in FORMATS) && f !== '--help');
  if (sub === undefined || sub === '--help' || flags.includes('--help')) { out(`${T7_USAGE}\n`); return sub === undefined ? 2 : 0; }
  if (bad.length) { err(`torch7ts t7: unknown option ${bad[0]}\n${T7_USAGE}\n`); return 2; }
  if (flags.length > 1) { err(`torch7ts t7: give one format, not ${flags.join(' ')}\n`); return 2; }
  const format = flags.length ? FORMATS[flags[0]] : undefined;
  if (sub === 'info') {
    if (files.length !== 1) { err(`torch7ts t7 info: expected one FILE\n${T7_USAGE}\n`); return 2; }
    out(t7info(files[0], format));
    return 0;
  }
  if (sub === 'convert') {
    if (files.length !== 2 || !format) { err(`torch7ts t7 convert: expected IN OUT and a format flag\n${T7_USAGE}\n`); return 2; }
    t7convert(files[0], files[1], format);
    out(`wrote ${files[1]} (${format})\n`);
    return 0;
  }
  err(`torch7ts t7: unknown subcommand '${sub}'\n${T7_USAGE}\n`);
  return 2;
}
