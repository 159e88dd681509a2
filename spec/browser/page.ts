/**
 * What the browser spec runs inside Chromium, bundled with the package by lib/browser/bundle.ts: the
 * Torch7 fixture cases and the small trainings on CudaTensor (WebGL2 devices), with results handed
 * back as plain data for the spec to check in Node.
 */
import { torch, Tensor } from '../../lib/index.js';
import { cuda } from '../../cuda/index.js';
import { nn } from '../../nn/index.js';
import type { Module } from '../../nn/Module.js';
import { BUILDERS } from '../nn/builders/index.js';
import { CRITERION_BUILDERS, lenet, mlp, runCriterionCase, runModuleCase, syntheticData, trainer, useFixtures } from '../cuda/cases.js';

const t = torch as any;

/** A tensor as plain data: whether it was a CudaTensor, its size and its values (float). */
export interface PlainTensor { cuda: boolean; size: number[]; data: number[] }

/** A tensor, or a table of them, as plain data. */
function plain(v: any): any {
  if (Array.isArray(v)) return v.map(plain);
  if (!(v instanceof Tensor)) return v;
  const c = v.float().clone();
  return { cuda: cuda.isCuda(v), size: c.size().totable(), data: Array.from(c.storage().data.subarray(0, c.nElement()) as Float32Array) };
}

/** The message of the error fn throws, or null. */
function thrown(fn: () => unknown): string | null {
  try { fn(); return null; } catch (e) { return (e as Error).message; }
}

/** The backend the page's devices run on, and gpu.js's own view of it. */
function backend(): unknown {
  return { ...cuda.backend(), deviceCount: cuda.getDeviceCount(), properties: cuda.getDeviceProperties(1).name };
}

/** Every fixture module and criterion case on CudaTensor, and the fallbacks they logged. */
function parity(modules: Record<string, any>, criterions: Record<string, any>): unknown {
  useFixtures(modules, criterions);
  cuda.resetFallbacks();
  const mods: Record<string, unknown> = {}, crits: Record<string, unknown> = {};
  for (const name of Object.keys(BUILDERS)) {
    try {
      const r = runModuleCase(name);
      const params = r.module.parameters()?.[0] ?? [];
      mods[name] = { output: plain(r.output), gradInput: plain(r.gradInput), gradWeight: plain(r.gradWeight), gradBias: plain(r.gradBias), paramsOnDevice: params.every((p: Tensor) => cuda.isCuda(p)) };
    } catch (e) { mods[name] = { error: (e as Error).stack }; }
  }
  for (const name of Object.keys(CRITERION_BUILDERS)) {
    try {
      const r = runCriterionCase(name);
      crits[name] = { output: r.output, gradInput: plain(r.gradInput) };
    } catch (e) { crits[name] = { error: (e as Error).stack }; }
  }
  return { modules: mods, criterions: crits, fallbacks: cuda.fallbacks() };
}

/** `steps` sgd steps of `build()` on CudaTensor and on FloatTensor from one seed: both loss curves, device memory and readbacks. */
function train(build: () => Module, shape: number[], steps: number): unknown {
  const data = syntheticData(7, 4, 16, shape);
  t.manualSeed(1);
  const cpu = trainer(build().float(), data);
  t.manualSeed(1);
  const gpu = trainer(build().cuda(), data);
  const cpuLoss: number[] = [], gpuLoss: number[] = [];
  gpuLoss.push(gpu.step(0));
  cpuLoss.push(cpu.step(0));
  const memory = cuda.memory(), downloads = cuda.traffic().downloads;
  for (let i = 1; i < steps; i++) { gpuLoss.push(gpu.step(i)); cpuLoss.push(cpu.step(i)); }
  return {
    cpuLoss, gpuLoss, memoryAfterFirstStep: memory, memoryAtEnd: cuda.memory(),
    downloadsPerStep: (cuda.traffic().downloads - downloads) / (steps - 1),
    paramsOnDevice: cuda.isCuda(gpu.params),
    paramDiff: gpu.params.float().add(-1, cpu.params).abs().max(),
  };
}

/** The MLP and LeNet trainings, a .t7 round trip in memory, and errors the page must give. */
function training(): unknown {
  cuda.resetFallbacks();
  const result = { mlp: train(mlp, [64], 12), lenet: train(lenet, [1, 12, 12], 12), fallbacks: cuda.fallbacks() };
  t.manualSeed(3);
  const model = mlp().cuda();
  const x = new torch.FloatTensor(5, 64).normal(0, 1).cuda();
  const back = torch.deserialize(torch.serialize(model)) as Module;
  const y0 = model.forward(x).float(), y1 = back.forward(x);
  return {
    ...result,
    roundTrip: { cuda: cuda.isCuda(y1), diff: y1.float().add(-1, y0).abs().max(), weightType: (back as any).get(1).weight.type() },
    errors: {
      save: thrown(() => torch.save('model.t7', model)),
      deviceSizes: thrown(() => new t.CudaTensor(3).fill(1).add(new t.CudaTensor(4).fill(1))),
      cpuSizes: thrown(() => new torch.FloatTensor(3).fill(1).add(new torch.FloatTensor(4).fill(1))),
      workers: thrown(() => new nn.DataParallelTable(1).add(mlp(), [1, 2]).forward(new torch.FloatTensor(4, 64))),
    },
  };
}

(globalThis as any).torch7tsPage = { backend, parity, training };
