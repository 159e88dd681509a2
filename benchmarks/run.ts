/**
 * The benchmark suite (`npm run bench`): our BLAS backends, TF.js (cpu and wasm) and numpy's OpenBLAS
 * measured in one run; prints a table with ratios and writes JSON under benchmarks/results/.
 *
 * Flags: `--quick` (fewer samples), `--only=gemm,addmm,pointwise,nn,parallel` (groups to run), `--gpu` (only the
 * GPU benchmark instead: CudaTensor next to FloatTensor; see benchmarks/gpu/main.ts for its flags).
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { blasInfo } from '../lib/blas/index.js';
import { formatNnTable, nnRows } from './nn.js';
import { formatParallelTable, parallelRows } from './parallel.js';
import { numpyRows } from './numpy.js';
import { interleavedRows } from './interleaved.js';
import { gemmRows, transposeRows } from './ours.js';
import { pointwiseRows } from './pointwise.js';
import { formatTable, headline, writeResults, type Row } from './report.js';
import { tfjsRows } from './tfjs.js';
import { FULL, QUICK } from './timing.js';

const GROUPS = ['gemm', 'addmm', 'pointwise', 'nn', 'parallel'];
const args = process.argv.slice(2);
if (args.includes('--gpu')) process.exit(await (await import('./gpu/main.js')).gpuMain(args));
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',') ?? GROUPS;
const unknown = only.filter((g) => !GROUPS.includes(g));
if (unknown.length) { console.error(`unknown group(s) ${unknown.join(', ')}; groups: ${GROUPS.join(', ')}`); process.exit(2); }
const want = (g: string): boolean => only.includes(g);

const o = quick ? QUICK : FULL;
const cores = availableParallelism();
const N = 1e7, label = '1e7 float';
const notes: string[] = [];
const info = blasInfo();
console.log(`torch7ts benchmarks: ${cores} cores, default BLAS backend ${info.backend}${info.library ? ` (${info.library})` : ''}, ${quick ? 'quick' : 'full'} run`);

const rows: Row[] = [];
const t0 = performance.now();
if (want('gemm')) rows.push(...await interleavedRows(o, cores, notes));
if (want('gemm')) rows.push(...await gemmRows(o, cores));
if (want('addmm')) rows.push(...await transposeRows(o, cores));
if (want('pointwise')) rows.push(...await pointwiseRows(o, N, label, notes));
rows.push(...await tfjsRows(o, { gemm: want('gemm'), transpose: want('addmm'), pointwise: want('pointwise'), pointwiseSize: N }, notes));
const threadCounts = cores > 1 ? [1, cores] : [1];
rows.push(...numpyRows(o, { gemm: want('gemm') ? [256, 512, 1024] : [], transpose: want('addmm'), pointwise: want('pointwise'), pointwiseSize: N, label }, threadCounts, notes));

const nn = want('nn') ? await nnRows(o, notes) : [];
const parallel = want('parallel') ? await parallelRows(o, notes) : [];

// group the rows of a workload together, in the order the workloads were first measured
const order = [...new Set(rows.map((r) => r.workload))];
rows.sort((a, b) => order.indexOf(a.workload) - order.indexOf(b.workload));

console.log();
console.log(formatTable(rows));
if (nn.length) {
  console.log();
  console.log(formatNnTable(nn));
  rows.push(...nn);
}
if (parallel.length) {
  console.log();
  console.log(formatParallelTable(parallel));
  rows.push(...parallel);
}
console.log();
for (const line of headline(rows)) console.log(line);
for (const note of notes) console.log(`note: ${note}`);
const dir = fileURLToPath(new URL('../../benchmarks/results', import.meta.url));
const file = writeResults(dir, rows, { blas: info, quick, only, notes, seconds: (performance.now() - t0) / 1e3 });
console.log(`\nwrote ${file}`);
