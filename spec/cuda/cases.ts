/**
 * The workloads the cuda specs share: the Torch7 fixture cases (modules and criteria) run on
 * CudaTensor, and the small MLP / LeNet trained with optim.sgd. parity.spec checks their numbers,
 * fallbacks.spec runs them again to collect `cuda.fallbacks()`.
 */
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import type { Criterion } from '../../nn/Criterion.js';
import type { Module } from '../../nn/Module.js';
import { optim } from '../../optim/index.js';
import { cuda } from '../../cuda/index.js';
import { BUILDERS } from '../nn/builders/index.js';
import { fromJSON, loadCases } from '../nn/torch7ref.js';

const t = torch as any;

/** A fixture value (tensor or table of tensors) moved to the device. */
export function toCuda(v: any): any {
  return Array.isArray(v) ? v.map(toCuda) : v instanceof Tensor ? v.cuda() : v;
}

/** The results of one module case on CudaTensor, beside the fixture's. */
export interface ModuleRun {
  module: Module;
  output: any; gradInput: any; gradWeight?: Tensor; gradBias?: Tensor;
  fixture: any;
}

let moduleCases: Record<string, any> | undefined;
let criterionCases: Record<string, any> | undefined;

/** Gives the cases directly (a page has no file system: the browser spec passes them in). */
export function useFixtures(modules: Record<string, any>, criterions: Record<string, any>): void {
  moduleCases = modules;
  criterionCases = criterions;
}

/** The torch7-ref module cases (parsed once). */
export function moduleFixtures(): Record<string, any> { return (moduleCases ??= loadCases('modules')); }

/**
 * Runs fixture case `name` as cunn's tests do: build on the CPU (Torch's RNG draws the weights),
 * `module.cuda()`, `input.cuda()`, forward, backward with `gradOutput.cuda()`. The device generator
 * gets the CPU generator's state first, so a module that draws at forward time (Dropout) draws the
 * fixture's mask (our device generator is Torch's MT19937).
 */
export function runModuleCase(name: string): ModuleRun {
  const c = moduleFixtures()[name];
  t.manualSeed(c.seed);
  const m = BUILDERS[name]().cuda();
  cuda.setRNGState(t.getRNGState());
  if (c.train === false) m.evaluate();
  m.zeroGradParameters();
  const input = toCuda(fromJSON(c.input));
  const output = m.forward(input);
  const gradInput = m.backward(input, toCuda(fromJSON(c.gradOutput)));
  return { module: m, output, gradInput, gradWeight: m.gradWeight, gradBias: m.gradBias, fixture: c };
}

/** How the fixture generator built each criterion case, from its `config` and `weights`. */
export const CRITERION_BUILDERS: Record<string, (c: any, weights?: Tensor) => Criterion> = {
  MSECriterion: (c) => new nn.MSECriterion(c.config.sizeAverage),
  MSECriterion_sum: (c) => new nn.MSECriterion(c.config.sizeAverage),
  MSECriterion_float: () => new nn.MSECriterion(),
  AbsCriterion: () => new nn.AbsCriterion(),
  SmoothL1Criterion: () => new nn.SmoothL1Criterion(),
  ClassNLLCriterion: () => new nn.ClassNLLCriterion(),
  ClassNLLCriterion_weights: (_c, w) => new nn.ClassNLLCriterion(w),
  ClassNLLCriterion_sum: (c) => new nn.ClassNLLCriterion(undefined, c.config.sizeAverage),
  ClassNLLCriterion_1d: () => new nn.ClassNLLCriterion(),
  ClassNLLCriterion_float: () => new nn.ClassNLLCriterion(),
  CrossEntropyCriterion: () => new nn.CrossEntropyCriterion(),
  CrossEntropyCriterion_weights: (_c, w) => new nn.CrossEntropyCriterion(w),
  BCECriterion: () => new nn.BCECriterion(),
  BCECriterion_weights: (_c, w) => new nn.BCECriterion(w),
  DistKLDivCriterion: () => new nn.DistKLDivCriterion(),
  MarginCriterion: () => new nn.MarginCriterion(),
  MarginCriterion_m05: (c) => new nn.MarginCriterion(c.config.margin),
};

/** The torch7-ref criterion cases (parsed once). */
export function criterionFixtures(): Record<string, any> { return (criterionCases ??= loadCases('criterions')); }

/** Runs criterion case `name` on CudaTensor (criterion.cuda(), input/target.cuda()). */
export function runCriterionCase(name: string): { crit: Criterion; output: number; gradInput: Tensor; fixture: any } {
  const c = criterionFixtures()[name];
  const crit = CRITERION_BUILDERS[name](c, c.weights ? fromJSON(c.weights) : undefined).cuda();
  const input = fromJSON(c.input).cuda(), target = toCuda(fromJSON(c.target));
  const output = crit.forward(input, target);
  const gradInput = crit.backward(input, target);
  return { crit, output, gradInput, fixture: c };
}

/** A 64-16-10 MLP (Linear, Tanh, Linear, LogSoftMax) built from torch's RNG. */
export function mlp(): Module {
  return new nn.Sequential().add(new nn.Linear(64, 16)).add(new nn.Tanh()).add(new nn.Linear(16, 10)).add(new nn.LogSoftMax());
}

/** A small LeNet on 1x12x12: conv 5x5 (4 planes), ReLU, max-pool 2, conv 3x3 (8), ReLU, pool 2 (8x1x1), Linear 8-10. */
export function lenet(): Module {
  return new nn.Sequential()
    .add(new nn.SpatialConvolution(1, 4, 5, 5)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2, 2, 2))
    .add(new nn.SpatialConvolution(4, 8, 3, 3)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2, 2, 2))
    .add(new nn.View(8)).add(new nn.Linear(8, 10)).add(new nn.LogSoftMax());
}

/** Synthetic data: `n` batches of `batch` inputs shaped `shape` (seeded normal) and class targets 1..10. */
export function syntheticData(seed: number, n: number, batch: number, shape: number[]): { x: Tensor; y: Tensor }[] {
  const g = new t.Generator();
  g.manualSeed(seed);
  const out: { x: Tensor; y: Tensor }[] = [];
  for (let i = 0; i < n; i++) {
    const x = new torch.FloatTensor(batch, ...shape).normal(g, 0, 1);
    const y = new torch.FloatTensor(batch).random(g, 1, 10);
    out.push({ x, y });
  }
  return out;
}

/** A training run: the model, its flat parameters, and one sgd step per call of `step`. */
export interface Trainer {
  model: Module;
  params: Tensor;
  grads: Tensor;
  crit: Criterion;
  /** The data, converted to the model's type. */
  batches: { x: Tensor; y: Tensor }[];
  /** optim.sgd's state (the momentum buffer). */
  state: Record<string, unknown>;
  /** One optim.sgd step on batch i (cycling through the data); returns the loss before the step. */
  step(i: number): number;
}

/**
 * Trains `model` (already of the wanted type) with ClassNLLCriterion and optim.sgd (getParameters),
 * on `data` converted to the model's type; cunn's usual loop.
 */
export function trainer(model: Module, data: { x: Tensor; y: Tensor }[], config = { learningRate: 0.1, momentum: 0.9 }): Trainer {
  const type = model.type() as string;
  const batches = data.map(({ x, y }) => ({ x: x.type(type), y: y.type(type) }));
  const crit = new nn.ClassNLLCriterion().type(type);
  const [params, grads] = model.getParameters();
  const state: Record<string, unknown> = {};
  return {
    model, params, grads, crit, batches, state,
    step(i: number): number {
      const { x, y } = batches[i % batches.length];
      const feval = (): [number, Tensor] => {
        grads.zero();
        const out = model.forward(x);
        const loss = crit.forward(out, y);
        model.backward(x, crit.backward(out, y));
        return [loss, grads];
      };
      return optim.sgd(feval, params, config, state)[1][0];
    },
  };
}
