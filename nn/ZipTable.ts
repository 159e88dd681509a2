/** nn.ZipTable: zips a table of tables (ZipTable.lua). */
import { Module } from './Module.js';

/**
 * `{{a1, a2}, {b1, b2}, {c1, c2}}` → `{{a1, b1, c1}, {a2, b2, c2}}`; the gradient is zipped back. The
 * tensors themselves are passed through, not copied.
 * @example
 * new nn.ZipTable().forward([[a1, a2], [b1, b2]]); // [[a1, b1], [a2, b2]]
 */
export class ZipTable extends Module {
  override output: any[] = [];
  override gradInput: any[] = [];

  /** Transposes a table of tables. */
  private static zip(tables: any[][]): any[][] {
    const out: any[][] = [];
    tables.forEach((inner, i) => inner.forEach((x, j) => { (out[j] ??= [])[i] = x; }));
    return out;
  }

  override updateOutput(inputTable: any[][]): any[][] {
    this.output = ZipTable.zip(inputTable);
    return this.output;
  }

  override updateGradInput(_inputTable: any[][], gradOutputTable: any[][]): any[][] {
    this.gradInput = ZipTable.zip(gradOutputTable);
    return this.gradInput;
  }
}
