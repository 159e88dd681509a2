/**
 * Pointwise add / cmul and sum over 1e7 floats through our Tensor API (torch.add(res, x, y) ...),
 * with the result buffer reused as Torch code does. Loaded dynamically: if the tensor library does
 * not load, there are no rows and a note says why.
 */
import type { Row } from './report.js';
import { byteRate, randomArray, timeIt, type TimingOptions } from './timing.js';

/** Our pointwise rows over `n` floats. */
export async function pointwiseRows(o: TimingOptions, n: number, label: string, notes: string[]): Promise<Row[]> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let torch: any;
  try {
    ({ torch } = await import('../lib/index.js'));
  } catch (e) {
    notes.push(`our pointwise rows skipped: the tensor library did not load (${(e as Error).message})`);
    return [];
  }
  const rows: Row[] = [];
  const tensor = (): unknown => new torch.FloatTensor(new torch.FloatStorage(randomArray(Float32Array, n)));
  const x = tensor(), y = tensor(), res = tensor();
  const run = (name: string, f: () => unknown, bytes: number): void => {
    try {
      const t = timeIt(() => { f(); }, o);
      rows.push({ group: 'pointwise', workload: `${name} ${label}`, impl: 'ours torch', threads: 1, ms: t.ms, value: byteRate(bytes, t.ms), unit: 'GB/s' });
    } catch (e) {
      notes.push(`our ${name} failed: ${(e as Error).message}`);
    }
  };
  run('add', () => torch.add(res, x, y), 12 * n);
  run('cmul', () => torch.cmul(res, x, y), 12 * n);
  run('sum', () => torch.sum(x), 4 * n);
  return rows;
}
