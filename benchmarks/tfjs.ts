/**
 * TensorFlow.js peers in the same process: the cpu backend (plain JS) and the wasm backend (XNNPACK,
 * WASM SIMD; one thread in Node). Absent packages give no rows and a note.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Row } from './report.js';
import { byteRate, gemmRate, timeIt, type TimingOptions } from './timing.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tf = any;

/** Loads @tensorflow/tfjs with the wasm backend registered, or returns why not. */
export async function loadTf(): Promise<Tf | string> {
  try {
    const tf = await import('@tensorflow/tfjs');
    tf.enableProdMode(); // no debug checks, and no "install tfjs-node" banner
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const pkg = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
    wasm.setWasmPaths(join(dirname(pkg), 'dist') + '/');
    return tf;
  } catch (e) {
    return `TF.js unavailable: ${(e as Error).message}`;
  }
}

/** What to run on the TF.js backends. */
export interface TfPlan { gemm: boolean; transpose: boolean; pointwise: boolean; pointwiseSize: number }

/**
 * Runs the TF.js rows: matMul at 256/512/1024 (cpu capped at 256), matMul with transposed operands
 * at 1024 (wasm), add / mul / sum over `pointwiseSize` floats.
 */
export async function tfjsRows(o: TimingOptions, plan: TfPlan, notes: string[]): Promise<Row[]> {
  const tf = await loadTf();
  if (typeof tf === 'string') { notes.push(tf); return []; }
  const rows: Row[] = [];
  for (const backend of ['wasm', 'cpu']) {
    if (!(await tf.setBackend(backend).catch(() => false))) { notes.push(`tfjs-${backend} did not start`); continue; }
    await tf.ready();
    const impl = `tfjs-${backend}`;
    const matmul = (n: number, ta: boolean, tb: boolean, group: string, workload: string): void => {
      const a = tf.randomUniform([n, n], -1, 1), b = tf.randomUniform([n, n], -1, 1);
      const t = timeIt(() => { const c = tf.matMul(a, b, ta, tb); c.dataSync(); c.dispose(); }, o);
      rows.push({ group, workload, impl, threads: 1, ms: t.ms, value: gemmRate(n, n, n, t.ms), unit: 'GFLOP/s' });
      a.dispose(); b.dispose();
    };
    if (plan.gemm) for (const n of backend === 'cpu' ? [256] : [256, 512, 1024]) matmul(n, false, false, 'gemm', `SGEMM ${n}`);
    if (plan.transpose && backend === 'wasm') {
      for (const [ta, tb] of [[true, false], [false, true], [true, true]]) {
        matmul(1024, ta, tb, 'addmm', `SGEMM 1024 ${ta ? 't' : 'n'}${tb ? 't' : 'n'}`);
      }
    }
    if (plan.pointwise) {
      const n = plan.pointwiseSize, x = tf.randomUniform([n], -1, 1), y = tf.randomUniform([n], -1, 1);
      const label = `${n.toExponential(0).replace('+', '')} float`;
      const binary = (name: string, f: () => Tf): void => {
        const t = timeIt(() => f().dispose(), o);
        rows.push({ group: 'pointwise', workload: `${name} ${label}`, impl, threads: 1, ms: t.ms, value: byteRate(12 * n, t.ms), unit: 'GB/s', note: 'allocates its result' });
      };
      binary('add', () => tf.add(x, y));
      binary('cmul', () => tf.mul(x, y));
      const t = timeIt(() => { const s = tf.sum(x); s.dataSync(); s.dispose(); }, o);
      rows.push({ group: 'pointwise', workload: `sum ${label}`, impl, threads: 1, ms: t.ms, value: byteRate(4 * n, t.ms), unit: 'GB/s' });
      x.dispose(); y.dispose();
    }
  }
  return rows;
}
