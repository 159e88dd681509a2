/** Helpers of the parallel specs: comparisons and tables that are disposed after each suite. */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import type { DataParallelTable } from '../../../nn/DataParallelTable.js';
import type { Activity } from '../../../nn/utils.js';

/** Max |a - b| over tensors or (nested) tables of them (sizes must match). */
export function maxDiff(a: Activity, b: Activity): number {
  if (Array.isArray(a) || Array.isArray(b)) {
    expect(Array.isArray(a) && Array.isArray(b), 'both tables').to.equal(true);
    const x = a as Activity[], y = b as Activity[];
    expect(x.length, 'table length').to.equal(y.length);
    return Math.max(0, ...x.map((v, i) => maxDiff(v, y[i])));
  }
  const s = (t: Tensor) => t.size().totable();
  expect(s(a as Tensor), 'sizes').to.deep.equal(s(b as Tensor));
  if ((a as Tensor).nElement() === 0) return 0;
  return (torch as any).add((a as Tensor).double(), -1, (b as Tensor).double()).abs().max() as number;
}

/** Throws unless fn throws an error whose message contains every one of `parts`; returns the error. */
export function expectError(fn: () => unknown, ...parts: string[]): Error {
  let err: Error | undefined;
  try { fn(); } catch (e) { err = e as Error; }
  expect(err, 'an error').to.be.instanceOf(Error);
  for (const p of parts) expect(err!.message).to.contain(p);
  return err!;
}

/** Tables made during a suite; `disposeAll` ends their worker threads (call it in `after`). */
export class Tables {
  private list: DataParallelTable[] = [];
  track<T extends DataParallelTable>(t: T): T { this.list.push(t); return t; }
  disposeAll(): void { this.list.forEach((t) => t.dispose()); this.list = []; }
}
