/** optim.Logger: a tab-separated log of values during training, and plots of them (Logger.lua). */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { TorchError } from '../lib/errors.js';
import { sprintf, tostring } from './format.js';
import { renderAscii, renderPNG, renderSVG, type PlotSeries, type PlotSpec } from './plot.js';

/** A logged value: numbers are written as `%11.4e`, strings as they are. */
export type LogValue = number | string;
/** A symbol's key: its 1-based position (after setNames, or for a list given to add) or its name. */
type Key = number | string;

/** os.date('%Y_%m_%d_%X') in the C locale. */
function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}_${p(d.getMonth() + 1)}_${p(d.getDate())}_${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Lua's `pairs` over a list (1-based keys) or a record (its keys in insertion order). */
function pairs<T>(t: T[] | Record<string, T>): [Key, T][] {
  return Array.isArray(t) ? t.map((v, i) => [i + 1, v]) : Object.entries(t);
}

/**
 * `new optim.Logger([filename][, timestamp])`: logs to `filename` (its folder is created; with
 * `timestamp`, `-YYYY_MM_DD_HH:MM:SS` is appended to the file's name), or to stdout without one.
 * Every row is written and flushed at once. `plot()` draws the logged curves into `<filename>.svg` and
 * `<filename>.png` (where Torch writes `<filename>.eps` through gnuplot) and, while `display` is on,
 * prints an ASCII chart where Torch opens a gnuplot window.
 * @example
 * const logger = new optim.Logger('logs/train.log');
 * logger.setNames(['training error', 'test error']);
 * logger.add([0.5, 0.6]);
 * logger.style(['-', '-']);
 * logger.plot();
 */
export class Logger {
  name: string;
  /** The file descriptor of the log (undefined: stdout). */
  file?: number;
  /** The base name of the plot files (`<filename>.svg`, `.png`); Torch's `<filename>.eps`. */
  plotfile?: string;
  empty = true;
  symbols = new Map<Key, LogValue[]>();
  styles = new Map<Key, string[]>();
  names = new Map<Key, Key>();
  idx = new Map<Key, Key>();
  nsymbols = 0;
  showPlot = true;
  /** Kept for Torch's API: a raw gnuplot command, which has no meaning here. */
  plotRawCmd?: string;
  defaultStyle = '+';
  logscale = false;

  constructor(filename?: string, timestamp?: boolean) {
    if (filename) {
      this.name = filename;
      mkdirSync(dirname(filename), { recursive: true });
      const path = timestamp ? `${filename}-${stamp()}` : filename;
      this.file = openSync(path, 'w');
      this.plotfile = this.name;
    } else {
      this.name = 'stdout';
      console.log('<Logger> warning: no path provided, logging to std out');
    }
  }

  private write(s: string): void {
    if (this.file === undefined) process.stdout.write(s);
    else writeSync(this.file, s);
  }

  /** Names the columns (written as the header row) for lists given to add(). */
  setNames(names: string[]): this {
    this.names = new Map(names.map((n, i) => [i + 1, n]));
    this.empty = false;
    this.nsymbols = names.length;
    names.forEach((key, i) => {
      this.write(`${key}\t`);
      this.symbols.set(i + 1, []);
      this.styles.set(i + 1, [this.defaultStyle]);
      this.idx.set(key, i + 1);
    });
    this.write('\n');
    return this;
  }

  /**
   * Logs one row: a list in the order of setNames, or a record `{name: value}` (whose names become the
   * header on the first call when setNames was not used).
   */
  add(symbols: LogValue[] | Record<string, LogValue>): void {
    const entries = pairs(symbols);
    for (const [, v] of entries) {
      if (typeof v !== 'number' && typeof v !== 'string') throw new TorchError('<Logger> can only log numbers and strings');
    }
    // (1) the first time: the symbols' names as the first row
    if (this.empty) {
      this.empty = false;
      this.nsymbols = Array.isArray(symbols) ? symbols.length : 0;
      for (const [k] of entries) {
        this.write(`${typeof k === 'number' ? tostring(k) : k}\t`);
        this.symbols.set(k, []);
        this.styles.set(k, [this.defaultStyle]);
        this.names.set(k, k);
      }
      this.idx = this.names;
      this.write('\n');
    }
    for (const [k] of entries) {
      if (!this.symbols.has(k)) throw new TorchError(`<Logger> unknown symbol '${k}' (not among the logged names)`);
    }
    // (2) all symbols on one row
    this.write(entries.map(([, v]) => (typeof v === 'number' ? `${sprintf('%11.4e', v)}\t` : `${v}\t`)).join('') + '\n');
    // (3) keep them
    for (const [k, v] of entries) this.symbols.get(k)!.push(v);
  }

  /** Plot styles per symbol ('-', '+', '.', '+-', '|', '~'), as a list or by name; a list of styles draws several. */
  style(symbols: (string | string[])[] | Record<string, string | string[]>): this {
    for (const [name, st] of pairs(symbols)) {
      if (typeof st === 'string') this.styles.set(name, [st]);
      else if (Array.isArray(st)) this.styles.set(name, st);
      else throw new TorchError('<Logger> style should be a string or a table of strings');
    }
    return this;
  }

  /** A logarithmic y axis on or off. */
  setlogscale(state: boolean): void { this.logscale = state; }

  /** Whether plot() also shows the chart (here: prints the ASCII chart). */
  display(state: boolean): void { this.showPlot = state; }

  /** The curves plot() draws: every symbol with more than one value (all numbers), or the named ones. */
  plotSpec(...names: string[]): PlotSpec {
    const series: PlotSeries[] = [];
    const plotsymbol = (key: Key | undefined) => {
      const list = key === undefined ? undefined : this.symbols.get(key);
      if (key === undefined || !list) throw new TorchError(`<Logger> unknown symbol '${String(key)}'`);
      // more than one value, and numbers only (Torch cannot put a string into the tensor it plots)
      if (list.length > 1 && list.every((v) => typeof v === 'number')) {
        const y = list as number[];
        for (const style of this.styles.get(key) ?? [this.defaultStyle]) {
          const title = this.names.get(key) ?? key;
          series.push({ name: typeof title === 'number' ? tostring(title) : title, y, style });
        }
      }
    };
    if (names.length === 0) for (const key of this.symbols.keys()) plotsymbol(key);
    else for (const n of names) plotsymbol(this.idx.get(n));
    return { series, title: `<Logger::${this.name}>`, logscale: this.logscale };
  }

  /** The plot as SVG text. */
  toSVG(...names: string[]): string { return renderSVG(this.plotSpec(...names)); }

  /** The plot as a PNG file's bytes. */
  toPNG(...names: string[]): Buffer { return renderPNG(this.plotSpec(...names)); }

  /** The plot as an ASCII chart for a terminal. */
  plotAscii(...names: string[]): string { return renderAscii(this.plotSpec(...names)); }

  /**
   * Plots every symbol (or the named ones) that has more than one value: writes `<filename>.svg` and
   * `<filename>.png`, and prints the ASCII chart while display is on. Nothing happens with no curve.
   */
  plot(...names: string[]): void {
    const spec = this.plotSpec(...names);
    if (spec.series.length === 0) return;
    if (this.showPlot) process.stdout.write(renderAscii(spec));
    if (this.plotfile) {
      writeFileSync(`${this.plotfile}.svg`, renderSVG(spec));
      writeFileSync(`${this.plotfile}.png`, renderPNG(spec));
    }
  }

  /** Closes the log file (Lua closes it when the logger is collected). */
  close(): void {
    if (this.file !== undefined) { closeSync(this.file); this.file = undefined; }
  }
}
