/**
 * Throwaway profiler of the CPU nn training step: per-layer forward / backward times and whole SGD
 * steps of the LeNet (batch 64) and the MLP 784-1024-1024-10 (batch 128), in float.
 *
 *   node dist/benchmarks/nn-profile.js [--runs=30] [--threads=N] [--only=lenet|mlp|none] [--check]
 *
 * Per-layer rows are `median (min)` in ms over the runs, after 10 warm-up steps. `--check` prints
 * checksums (loss, parameter sums, gradInput) after 5 seeded steps in float and double: compare them
 * before and after a kernel change. The machine is shared: compare builds in alternation, and thread
 * counts in separate processes (OPENBLAS_NUM_THREADS=1 / 2).
 */
import { torch } from '../lib/index.js';
import { benchLenet, benchMlp } from './models.js';
import { nn } from '../nn/index.js';
import type { Module } from '../nn/Module.js';
import type { Tensor } from '../lib/Tensor.js';
import { blasInfo, setNumThreads } from '../lib/blas/index.js';

const arg = (name: string, dflt: string): string => {
  const a = process.argv.find((s) => s.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const RUNS = Number(arg('runs', '30'));
const ONLY = arg('only', '');
const CHECK = process.argv.includes('--check');
if (arg('threads', '')) setNumThreads(Number(arg('threads', '1')));

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const now = (): number => performance.now();

const lenet = (): Module => benchLenet();
const mlp = (): Module => benchMlp();

function profile(name: string, model: Module, input: Tensor, target: Tensor): void {
  const crit = new nn.ClassNLLCriterion();
  const [params, grads] = model.getParameters();
  const step = (): void => {
    grads.zero();
    const out = model.forward(input);
    crit.forward(out, target);
    model.backward(input, crit.backward(out, target));
    params.add(-0.01, grads);
  };
  for (let i = 0; i < 10; i++) step();
  const steps: number[] = [];
  for (let i = 0; i < RUNS; i++) { const t = now(); step(); steps.push(now() - t); }
  // per layer
  const mods = (model as any).modules as Module[];
  const fwd = mods.map(() => [] as number[]), bwd = mods.map(() => [] as number[]);
  const crt: number[] = [];
  for (let r = 0; r < RUNS + 5; r++) {
    grads.zero();
    const ins: Tensor[] = [];
    let x: any = input;
    mods.forEach((m, i) => { ins.push(x); const t = now(); x = m.forward(x); if (r >= 5) fwd[i].push(now() - t); });
    let t = now();
    crit.forward(x, target);
    let g: any = crit.backward(x, target);
    if (r >= 5) crt.push(now() - t);
    for (let i = mods.length - 1; i >= 0; i--) {
      t = now(); g = mods[i].backward(ins[i], g); if (r >= 5) bwd[i].push(now() - t);
    }
    params.add(-0.01, grads);
  }
  console.log(`\n${name}: step median ${median(steps).toFixed(2)} ms (min ${Math.min(...steps).toFixed(2)}) over ${RUNS}`);
  let sf = 0, sb = 0;
  mods.forEach((m, i) => {
    const f = median(fwd[i]), b = median(bwd[i]); sf += f; sb += b;
    const mf = Math.min(...fwd[i]), mb = Math.min(...bwd[i]);
    console.log(`  ${String(i + 1).padStart(2)} ${m.toString().split('\n')[0].padEnd(44)} fwd ${f.toFixed(3).padStart(7)} (${mf.toFixed(3)})  bwd ${b.toFixed(3).padStart(7)} (${mb.toFixed(3)})`);
  });
  console.log(`     ${'ClassNLLCriterion (fwd+bwd)'.padEnd(44)}     ${median(crt).toFixed(3).padStart(7)}`);
  console.log(`     ${'sum of layer medians'.padEnd(44)} fwd ${sf.toFixed(3).padStart(7)}          bwd ${sb.toFixed(3).padStart(7)}`);
}

function checksum(build: () => Module, shape: number[], batch: number): string {
  torch.manualSeed(123);
  const model = build();
  const input = torch.randn(...shape);
  const target = new torch.Tensor(batch).apply(() => Math.floor(torch.uniform() * 10) + 1);
  const crit = new nn.ClassNLLCriterion();
  const [params, grads] = model.getParameters();
  let loss = 0;
  for (let i = 0; i < 5; i++) {
    grads.zero();
    const out = model.forward(input);
    loss = crit.forward(out, target);
    model.backward(input, crit.backward(out, target));
    params.add(-0.05, grads);
  }
  const p = params.double();
  return `loss ${loss} sum ${p.sum()} sumsq ${p.dot(p)} gradsum ${grads.double().sum()} gi ${(model.gradInput as Tensor).double().abs().sum()}`;
}

torch.setdefaulttensortype('torch.FloatTensor');
console.log('blas', JSON.stringify(blasInfo()));
if (CHECK) {
  for (const t of ['torch.FloatTensor', 'torch.DoubleTensor']) {
    torch.setdefaulttensortype(t);
    console.log(t, 'lenet', checksum(lenet, [64, 1, 28, 28], 64));
    console.log(t, 'mlp  ', checksum(mlp, [32, 784], 32));
  }
  torch.setdefaulttensortype('torch.FloatTensor');
}
torch.manualSeed(1);
if (ONLY === '' || ONLY === 'lenet') {
  const target = new torch.Tensor(64).apply(() => Math.floor(torch.uniform() * 10) + 1);
  profile('LeNet b64', lenet(), torch.randn(64, 1, 28, 28), target);
}
if (ONLY === '' || ONLY === 'mlp') {
  const target = new torch.Tensor(128).apply(() => Math.floor(torch.uniform() * 10) + 1);
  profile('MLP 784-1024-1024-10 b128', mlp(), torch.randn(128, 784), target);
}
