/**
 * A progress bar in the style of Torch's `xlua.progress(current, goal)`:
 * ` [=======>.......... 123/625 .........] ETA: 4s12ms | Step: 7ms`, redrawn in place with `\r` on a
 * terminal; elsewhere (a pipe, a log file, CI) a handful of plain lines.
 */

/**
 * xlua's formatTime: the two largest non-zero units of D, h, m, s, ms (`'1m2s'`, `'312ms'`, `'0ms'`).
 * @example
 * formatTime(62.5); // '1m2s'
 */
export function formatTime(seconds: number): string {
  let s = Math.max(0, seconds);
  const days = Math.floor(s / 86400); s -= days * 86400;
  const hours = Math.floor(s / 3600); s -= hours * 3600;
  const minutes = Math.floor(s / 60); s -= minutes * 60;
  const secs = Math.floor(s); s -= secs;
  const millis = Math.floor(s * 1000);
  let f = '';
  let i = 1;
  for (const [v, unit] of [[days, 'D'], [hours, 'h'], [minutes, 'm'], [secs, 's'], [millis, 'ms']] as const) {
    if (v > 0 && i <= 2) { f += `${v}${unit}`; i++; }
  }
  return f === '' ? '0ms' : f;
}

/** Where and how a Progress draws. */
export interface ProgressOptions {
  /** Output sink (default: process.stdout.write). */
  write?: (s: string) => void;
  /** Redraw one line with `\r` (default: whether stdout is a TTY). */
  tty?: boolean;
  /** Bar length in characters (default: xlua's 77, shrunk to fit the terminal). */
  barLength?: number;
  /** Non-TTY mode: how many lines per bar (default 4: at 25, 50, 75 and 100 %). */
  lines?: number;
  /** TTY mode: least milliseconds between redraws (the last step always draws). */
  minIntervalMs?: number;
  /** Clock in seconds (for tests). */
  now?: () => number;
}

const defaultNow = (): number => Number(process.hrtime.bigint()) / 1e9;

/**
 * One progress bar; call `update(current, goal)` after each step, as with xlua.progress. A call with
 * a smaller `current` than the last one (or after the bar finished) starts a new bar.
 * @example
 * const bar = new Progress();
 * for (let t = 1; t <= n; t++) { step(); bar.update(t, n); }
 */
export class Progress {
  private readonly write: (s: string) => void;
  private readonly tty: boolean;
  private readonly barLength: number;
  private readonly lines: number;
  private readonly minInterval: number;
  private readonly now: () => number;
  private done = true;
  private previous = -1;
  private start = 0;
  private times: number[] = [];
  private indices: number[] = [];
  private lastDraw = -Infinity;
  private nextLine = 0;

  constructor(opts: ProgressOptions = {}) {
    this.write = opts.write ?? ((s) => { process.stdout.write(s); });
    this.tty = opts.tty ?? Boolean(process.stdout.isTTY);
    const columns = process.stdout.columns ?? 120;
    this.barLength = opts.barLength ?? Math.max(10, Math.min(77, columns - 42));
    this.lines = Math.max(1, opts.lines ?? 4);
    this.minInterval = (opts.minIntervalMs ?? 50) / 1000;
    this.now = opts.now ?? defaultNow;
  }

  /** xlua.progress(current, goal): draws the bar for `current` of `goal` steps. */
  update(current: number, goal: number): void {
    if (!(goal > 0)) return;
    const barLength = this.barLength;
    const percent = Math.floor((current * barLength) / goal);
    if (this.done || this.previous === -1 || current < this.indices[this.indices.length - 1]) {
      this.done = false;
      this.start = this.now();
      this.times = [0];
      this.indices = [current];
      this.lastDraw = -Infinity;
      this.nextLine = 1;
    }
    this.previous = percent;
    const elapsed = this.now() - this.start;
    const step = current === this.indices[0] ? 0 : (elapsed - this.times[0]) / (current - this.indices[0]);
    const remaining = Math.max(0, (goal - current) * step);
    this.indices.push(current);
    this.times.push(elapsed);
    if (this.indices.length > 20) { this.indices.shift(); this.times.shift(); }
    const finished = current >= goal;
    if (finished) this.done = true;
    if (this.tty) {
      if (!finished && elapsed - this.lastDraw < this.minInterval) return;
      this.lastDraw = elapsed;
      // \x1b[K clears what a longer previous line left behind
      this.write(`\r${this.render(current, goal, percent, finished ? elapsed : remaining, step, finished)}\x1b[K${finished ? '\n' : ''}`);
    } else {
      const mark = (this.nextLine * goal) / this.lines;
      if (!finished && current < mark) return;
      while (this.nextLine * goal <= current * this.lines) this.nextLine++;
      this.write(`${this.render(current, goal, percent, finished ? elapsed : remaining, step, finished)}\n`);
    }
  }

  /** The bar line, xlua's layout: bar, `ETA:`/`Tot:` and `Step:`, with ` current/goal ` over the bar's middle. */
  render(current: number, goal: number, percent: number, time: number, step: number, finished: boolean): string {
    const n = this.barLength;
    const bar: string[] = [];
    for (let i = 1; i <= n; i++) bar.push(i < percent ? '=' : i === percent ? '>' : '.');
    const count = ` ${current}/${goal} `;
    const fits = count.length <= n / 2;
    const at = n - 1 - Math.floor(n / 2);
    if (fits) for (let i = 0; i < count.length && at + i < n; i++) bar[at + i] = count[i];
    const tm = `${finished ? ' Tot: ' : ' ETA: '}${formatTime(time)} | Step: ${formatTime(step)}`;
    return ` [${bar.join('')}] ${tm}${fits ? '' : ` |${count.trimEnd()}`}`;
  }
}

let shared: Progress | undefined;
/**
 * `xlua.progress(current, goal)` with one shared bar on stdout.
 * @example
 * for (let t = 1; t <= 100; t++) progress(t, 100);
 */
export function progress(current: number, goal: number): void {
  shared ??= new Progress();
  shared.update(current, goal);
}
