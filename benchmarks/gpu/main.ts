/**
 * The GPU benchmark's command line: `npm run bench -- --gpu [--quick] [--sizes=256,512] [--batch=N]
 * [--only=sgemm,mlp,lenet] [--results=DIR]`, or `node dist/benchmarks/gpu/main.js` with the same flags (what run.sh runs).
 * Prints the backend, the device (the WebGPU adapter's name), the CPU BLAS, then one line per workload
 * and side, and writes the report as JSON (gpu-<date>.json and gpu-latest.json) under DIR
 * (default benchmarks/results).
 *
 * The backend is TORCH7TS_GPU when set, else the first of webgpu, headlessgl, webasm, cpu that passes
 * the known-answer kernel; the header says which were rejected and why.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chooseMode } from '../../cuda/device.js';
import { cuda } from '../../cuda/index.js';
import { FULL, QUICK } from '../timing.js';
import { gpuRows, type GpuReport, type GpuRow } from './bench.js';

const pad = (s: string, n: number, right = true): string => (right ? s.padStart(n) : s.padEnd(n));
const fix = (x: number | undefined, d: number): string => (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));
const sci = (x: number | undefined): string => (x === undefined ? '-' : Number.isFinite(x) ? x.toExponential(1) : 'MISMATCH');
const count = (f: Record<string, number> | undefined): number => Object.values(f ?? {}).reduce((s, v) => s + v, 0);

/**
 * The report as text: header lines (`backend:`, `device:`, `gpu:`, `cpu:`), then the table; device
 * rows show the speed-up over the CPU row of the same workload, the cross-check error, and per step
 * the CPU fallbacks, host readbacks and leaked device buffers.
 * @example
 * console.log(formatGpuReport(gpuRows(QUICK, notes), notes));
 */
export function formatGpuReport(r: GpuReport, notes: string[]): string {
  const lines = [
    `backend: ${r.backend} (verified by a known-answer kernel)${r.rejected.length ? `; rejected: ${r.rejected.join('; ')}` : ''}`,
    `device:  ${r.device}`,
    `gpu:     ${r.gpu ? 'yes' : 'no: the CudaTensor rows ran on the CPU (host fallback mode or a software adapter), not GPU numbers'}`,
    `cpu:     ${r.cpu}`,
    '',
  ];
  const head = ['workload', 'side', 'implementation', 'ms/step', 'min ms', 'GFLOP/s', 'vs cpu', 'rel err', 'fallbk', 'reads', 'leak'];
  const w = [16, 4, 22, 10, 10, 9, 7, 8, 6, 5, 4];
  lines.push(head.map((h, i) => pad(h, w[i], i >= 3)).join('  '));
  for (const row of r.rows) {
    const cpu = r.rows.find((c) => c.side === 'cpu' && c.workload === row.workload);
    const gpu = row.side === 'gpu';
    const cells = [row.workload, row.side, row.impl, fix(row.ms, 3), fix(row.min, 3), fix(row.value, row.value < 10 ? 2 : 1),
      gpu && cpu ? `${(cpu.ms / row.ms).toFixed(2)}x` : '-', gpu ? sci(row.relErr) : '-',
      gpu ? String(count(row.fallbacks)) : '-', gpu ? String(row.downloads ?? '-') : '-', gpu ? String(row.bufferGrowth ?? '-') : '-'];
    lines.push(cells.map((c, i) => pad(c, w[i], i >= 3)).join('  '));
  }
  for (const row of r.rows.filter((x: GpuRow) => count(x.fallbacks) > 0)) {
    const list = Object.entries(row.fallbacks!).map(([k, v]) => `${k} x${v}`).join(', ');
    lines.push(`fallbacks in one ${row.workload} step: ${list}`);
  }
  for (const n of notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

/** Runs the benchmark with command-line `args`; returns the exit status (1 when a cross-check failed). */
export async function gpuMain(args: string[]): Promise<number> {
  process.env.TORCH7TS_GPU ??= 'webgpu,headlessgl,webasm,cpu';
  const quick = args.includes('--quick');
  const sizes = args.find((a) => a.startsWith('--sizes='))?.slice(8).split(',').map(Number) ?? (quick ? [256, 512] : [256, 512, 1024, 2048]);
  const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',') ?? ['sgemm', 'mlp', 'lenet'];
  if (only.some((g) => !['sgemm', 'mlp', 'lenet'].includes(g))) { console.error(`bad --only=${only.join(',')} (sgemm, mlp, lenet)`); return 2; }
  const batchArg = args.find((a) => a.startsWith('--batch='));
  const batch = batchArg ? Number(batchArg.slice(8)) : undefined;
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) { console.error(`bad --sizes: ${sizes.join(',')}`); return 2; }
  if (batch !== undefined && !(Number.isInteger(batch) && batch >= 1)) { console.error(`bad ${batchArg}`); return 2; }
  process.env.TORCH7TS_CUDA_QUIET ??= '1'; // the report lists the fallbacks
  const dir = args.find((a) => a.startsWith('--results='))?.slice(10) ?? fileURLToPath(new URL('../../../benchmarks/results', import.meta.url));
  console.log(`torch7ts GPU benchmark: node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), ${quick ? 'quick' : 'full'} run`);
  chooseMode(); // fails here, with every candidate's reason, when nothing works
  const notes: string[] = [];
  const t0 = performance.now();
  const models = (['mlp', 'lenet'] as const).filter((m) => only.includes(m));
  const report = gpuRows(quick ? QUICK : FULL, notes, only.includes('sgemm') ? sizes : [], batch, models);
  console.log(formatGpuReport(report, notes));
  mkdirSync(dir, { recursive: true });
  const doc = JSON.stringify({ date: new Date().toISOString(), node: process.version, cpuModel: cpus()[0]?.model, cores: availableParallelism(), quick, seconds: (performance.now() - t0) / 1e3, notes, ...report }, null, 2);
  const file = `${dir}/gpu-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, doc);
  writeFileSync(`${dir}/gpu-latest.json`, doc);
  console.log(`wrote ${file}`);
  cuda.synchronize();
  const bad = report.rows.filter((r) => r.relErr !== undefined && !(r.relErr < 1e-3));
  for (const r of bad) console.error(`cross-check failed: ${r.workload} on ${r.impl}: rel err ${r.relErr}`);
  return bad.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await gpuMain(process.argv.slice(2));
}
