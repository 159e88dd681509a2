/**
 * The nn group on its own: `node dist/benchmarks/nn-main.js [--quick] [--only=mlp,lenet,conv1,conv2] [--no-tfjs]`.
 * Prints the table (with /torch7 and /tfjs ratios) and writes the run as JSON to
 * benchmarks/results/nn-<time>.json and nn-latest.json (not bench-*.json / latest.json, which belong to
 * run.js). See benchmarks/NN.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { blasInfo } from '../lib/blas/index.js';
import { formatNnTable, NN_KEYS, nnRows, type NnKey } from './nn.js';
import { FULL, QUICK } from './timing.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const keys = (args.find((a) => a.startsWith('--only='))?.slice(7).split(',') ?? NN_KEYS) as NnKey[];
const unknown = keys.filter((k) => !NN_KEYS.includes(k));
if (unknown.length) { console.error(`unknown workload(s) ${unknown.join(', ')}; workloads: ${NN_KEYS.join(', ')}`); process.exit(2); }

const o = quick ? QUICK : FULL;
const info = blasInfo();
const notes: string[] = [];
const date = new Date().toISOString();
console.log(`torch7ts nn benchmarks, ${date}: ${availableParallelism()} cores, default BLAS backend ${info.backend}`
  + `${info.library ? ` (${info.library}${info.config ? `, ${info.config}` : ''})` : ''}, ${info.threads} threads, ${quick ? 'quick' : 'full'} run`);

const t0 = performance.now();
const rows = await nnRows(o, notes, keys, { tfjs: !args.includes('--no-tfjs') });
const seconds = (performance.now() - t0) / 1e3;

console.log();
console.log(formatNnTable(rows));
console.log();
console.log('ms/step: median per step (per batch of 32 for conv fwd); GFLOP/s: 2 per multiply-add of conv/linear layers, training = 3x forward;');
console.log('ratios: peer ms / our ms (above 1: ours faster); * = Torch7 reference with another thread count.');
console.log(`torch7 rows are constants from docs/cpu-performance.md (same machine, measured earlier), not measured in this run.`);
for (const note of notes) console.log(`note: ${note}`);
console.log(`nn group took ${seconds.toFixed(1)} s`);

const dir = fileURLToPath(new URL('../../benchmarks/results', import.meta.url));
mkdirSync(dir, { recursive: true });
const doc = { date, node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, blas: info, quick, only: keys, notes, seconds, rows };
const file = `${dir}/nn-${date.replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify(doc, null, 2));
writeFileSync(`${dir}/nn-latest.json`, JSON.stringify(doc, null, 2));
console.log(`wrote ${file}`);
