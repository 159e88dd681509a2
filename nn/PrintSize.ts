/** nn.PrintSize([prefix = 'PrintSize']): prints the sizes flowing through, passes them on (PrintSize.lua). */
import { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/** What Lua's `print(prefix, size)` shows for an input or gradOutput (a size, a table, or nothing). */
function describe(x: unknown): string {
  if (x === undefined || x === null) return 'missing size';
  if (x instanceof Tensor) return String(x.size());
  // Lua prints a table's address ("table: 0x..."); JS has none, so the table's sizes are shown instead
  if (Array.isArray(x)) return `table: {${x.map((v) => (v instanceof Tensor ? v.size().totable().join('x') : describe(v))).join(', ')}}`;
  return String(x);
}

/**
 * A debugging layer: forward prints `<prefix>:input`, then a tab and the input's size (a LongStorage,
 * as Torch prints it), and returns the input itself; backward prints `<prefix>:gradOutput` the same way
 * and returns gradOutput itself. Lines go to `console.log`, as Lua's `print`.
 * @example
 * new nn.Sequential().add(new nn.Linear(4, 3)).add(new nn.PrintSize('after linear')).forward(torch.randn(2, 4));
 * // after linear:input
 * // 	 2
 * //  3
 * // [torch.LongStorage of size 2]
 */
export class PrintSize extends Module {
  prefix: string;

  constructor(prefix?: string) {
    super();
    this.prefix = prefix ?? 'PrintSize';
  }

  override updateOutput(input: any): any {
    this.output = input;
    console.log(`${this.prefix}:input\n\t${describe(input)}`);
    return this.output;
  }

  override updateGradInput(_input: any, gradOutput: any): any {
    console.log(`${this.prefix}:gradOutput\n\t${describe(gradOutput)}`);
    this.gradInput = gradOutput;
    return this.gradInput;
  }
}
