/**
 * The GPU benchmark (`npm run bench -- --gpu`, and benchmarks/gpu/run.sh in a packed folder): SGEMM
 * and the MLP and LeNet training steps on torch.CudaTensor (the gpu.js backend cuda chose) next to
 * torch.FloatTensor (our CPU BLAS), each device row with a cross-check against the CPU result, the CPU
 * fallbacks and host readbacks of one step, and the device buffers it leaves behind.
 */
import { blasInfo } from '../../lib/blas/index.js';
import { torch } from '../../lib/index.js';
import type { Tensor } from '../../lib/Tensor.js';
import { cuda } from '../../cuda/index.js';
import { chooseMode } from '../../cuda/device.js';
import type { Row } from '../report.js';
import { timeIt, type TimingOptions } from '../timing.js';
import { sgemm, trainData, trainStep, type Workload } from './workloads.js';

/** A row of the GPU benchmark: a report.ts Row with the device-side facts of one step. */
export interface GpuRow extends Row {
  /** 'gpu' for CudaTensor rows (even on a host fallback mode: see `GpuReport.gpu`), 'cpu' for FloatTensor */
  side: 'gpu' | 'cpu';
  /** fastest sample, ms */
  min: number;
  /** device rows: max |gpu - cpu| / max |cpu| of the first step's result (the loss for training) */
  relErr?: number;
  /** device rows: ops that ran on the CPU during one step, with counts */
  fallbacks?: Record<string, number>;
  /** device rows: host readbacks during one step */
  downloads?: number;
  /** device rows: device buffers one more step left alive (0 when nothing leaks) */
  bufferGrowth?: number;
}

/** What ran where. */
export interface GpuReport {
  /** gpu.js mode of the CudaTensor rows, and the candidates rejected on the way (with why) */
  backend: string; rejected: string[];
  /** the device's name (the WebGPU adapter's, on webgpu) */
  device: string;
  /** true when the CudaTensor rows ran on a GPU (not a host fallback, not a software adapter) */
  gpu: boolean;
  /** the CPU rows' BLAS */
  cpu: string;
  rows: GpuRow[];
}

const GPU_TYPE = 'torch.CudaTensor', CPU_TYPE = 'torch.FloatTensor';

/** Largest |a - b| over largest |b|. */
function relErr(a: Float32Array | number, b: Float32Array | number): number {
  const x = typeof a === 'number' ? [a] : a, y = typeof b === 'number' ? [b] : b;
  let d = 0, m = 0;
  for (let i = 0; i < y.length; i++) { d = Math.max(d, Math.abs(x[i] - y[i])); m = Math.max(m, Math.abs(y[i])); }
  return x.length === y.length ? d / (m || 1) : Infinity;
}

/** Times a workload; device steps end with cuda.synchronize() (webgpu queues kernels). */
function measure(w: Workload, side: 'gpu' | 'cpu', impl: string, o: TimingOptions, ref?: Float32Array | number): GpuRow {
  const step = side === 'gpu' ? () => { w.step(); cuda.synchronize(); } : w.step;
  step();
  const first = w.result();
  const t = timeIt(step, o);
  const row: GpuRow = { group: 'gpu', workload: w.name, impl, threads: side === 'cpu' ? blasInfo().threads : 1, ms: t.ms, min: t.min, value: w.flops / t.ms / 1e6, unit: 'GFLOP/s', side };
  if (side === 'gpu') {
    step(); // settle the buffers a step replaces, then count one step
    cuda.resetFallbacks();
    const d0 = cuda.traffic().downloads, b0 = cuda.memory().buffers;
    step();
    Object.assign(row, { fallbacks: cuda.fallbacks(), downloads: cuda.traffic().downloads - d0, bufferGrowth: cuda.memory().buffers - b0 });
    if (ref !== undefined) row.relErr = relErr(first, ref);
  }
  return row;
}

/** Runs `make` for the CPU, then for the device, with the CPU result as the device's reference. */
function pair(make: (type: string) => Workload, o: TimingOptions, gpuImpl: string, cpuImpl: string, notes: string[]): GpuRow[] {
  const rows: GpuRow[] = [];
  let ref: Float32Array | number | undefined;
  for (const [type, side, impl] of [[CPU_TYPE, 'cpu', cpuImpl], [GPU_TYPE, 'gpu', gpuImpl]] as const) {
    let name = '?';
    try {
      const w = make(type);
      name = w.name;
      if (side === 'cpu') { w.step(); ref = w.result(); }
      rows.push(measure(w, side, impl, o, ref));
    } catch (e) {
      notes.push(`${impl} failed on ${name}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return rows;
}

/**
 * The GPU rows: SGEMM at `sizes`, then the MLP and LeNet steps (at `batch`, default benchmarks/nn.ts's
 * 128 and 64; `models` picks them), each on FloatTensor then CudaTensor.
 * @example
 * const notes: string[] = [];
 * const report = gpuRows(QUICK, notes, [256, 512]);
 * console.log(formatGpuReport(report, notes));
 */
export function gpuRows(o: TimingOptions, notes: string[], sizes = [256, 512, 1024], batch?: number, models: readonly ('mlp' | 'lenet')[] = ['mlp', 'lenet']): GpuReport {
  const { mode, rejected } = chooseMode();
  const props = cuda.getDeviceProperties(), be = cuda.backend();
  const info = blasInfo();
  const cpu = `FloatTensor, ${info.backend} BLAS${info.library ? ` (${info.library})` : ''}, ${info.threads} threads`;
  const gpuImpl = `CudaTensor ${mode}`, cpuImpl = `FloatTensor ${info.backend}`;
  const rows: GpuRow[] = [];
  for (const n of sizes) {
    torch.manualSeed(n);
    const a = torch.rand(n, n).add(-0.5) as Tensor, b = torch.rand(n, n).add(-0.5) as Tensor;
    rows.push(...pair((type) => sgemm(n, type, a, b), o, gpuImpl, cpuImpl, notes));
  }
  for (const key of models) {
    const data = trainData(key, batch);
    rows.push(...pair((type) => trainStep(type, data), o, gpuImpl, cpuImpl, notes));
  }
  const device = props.adapter ? props.name : `${props.name}: ${be.renderer}`;
  return { backend: mode, rejected, device, gpu: props.gpu && !be.software, cpu, rows };
}
