/**
 * Fine-tuning a model saved by real Torch7: torch.load a `.t7` network (the torch7-ref fixtures'
 * mlp.t7, a 10-20-3 MLP, or lenet.t7), check it still computes what Torch computed, then train it a
 * few optim.sgd steps on a synthetic task and watch the loss fall.
 *
 *   node dist/examples/finetune.js [mlp|lenet]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { nn } from '../nn/index.js';
import type { Module } from '../nn/Module.js';
import { optim } from '../optim/index.js';
import { runIfMain } from './run.js';

export interface FinetuneOptions {
  model?: 'mlp' | 'lenet';
  /** A .t7 file to load instead of the fixture. */
  path?: string;
  steps?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  quiet?: boolean;
}

export interface FinetuneResult {
  /** The mini-batch loss of every step. */
  losses: number[];
  /** Mean loss on a held-out synthetic set before and after fine-tuning. */
  before: number;
  after: number;
  /** Largest |difference| between our forward and Torch7's recorded output (undefined without the io file). */
  torchDiff?: number;
}

/** The torch7-ref fixtures folder (TORCH7TS_FIXTURES, else shared/fixtures beside or inside the checkout). */
export function fixturesDir(): string {
  const candidates = [
    process.env.TORCH7TS_FIXTURES,
    fileURLToPath(new URL('../../../shared/fixtures/torch7-ref', import.meta.url)),
    fileURLToPath(new URL('../../shared/fixtures/torch7-ref', import.meta.url)),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`torch7-ref fixtures not found (looked in ${candidates.join(', ')}); set TORCH7TS_FIXTURES`);
  return found;
}

/**
 * A synthetic classification task the loaded model's input shape fits: for the MLP, the class of a
 * 10-vector is the argmax of a fixed random 3x10 map; for LeNet, which image quadrant holds a bright blob.
 */
function makeData(model: 'mlp' | 'lenet', n: number, teacher: Tensor): [Tensor, Tensor] {
  const targets = new torch.LongTensor(n);
  if (model === 'mlp') {
    const x = torch.randn(n, 10) as Tensor;
    const scores = torch.mm(x, teacher.t()) as Tensor;
    const [, idx] = torch.max(scores, 2) as [Tensor, Tensor];
    targets.copy(idx.select(2, 1) as Tensor);
    return [x, targets];
  }
  const x = (torch.randn(n, 1, 28, 28) as Tensor).mul(0.5);
  for (let i = 1; i <= n; i++) {
    const q = Math.floor((torch.uniform() as number) * 4); // quadrant 0..3
    const r = 1 + 14 * Math.floor(q / 2), c = 1 + 14 * (q % 2);
    (x.select(1, i) as Tensor).narrow(2, r + 3, 8).narrow(3, c + 3, 8).add(0.5);
    targets.put(i, q + 1);
  }
  return [x, targets];
}

/** Loads the model, checks it against Torch's recorded forward, fine-tunes it; returns the losses. */
export async function main(opts: FinetuneOptions = {}): Promise<FinetuneResult> {
  const { model: kind = 'mlp', steps = 100, batchSize = 16, learningRate = 0.1, seed = 1, quiet = false } = opts;
  const print = quiet ? () => {} : (s: string) => console.log(s);
  const dir = opts.path ? undefined : fixturesDir();
  const path = opts.path ?? `${dir}/models/${kind}.t7`;
  const model = torch.load(path) as Module;
  print(`loaded ${path}:\n${String(model)}`);

  let torchDiff: number | undefined;
  const ioPath = dir ? `${dir}/models/${kind}_io.t7` : undefined;
  if (ioPath && existsSync(ioPath)) {
    const rec = torch.load(ioPath) as { input: Tensor; output: Tensor };
    model.evaluate();
    const out = model.forward(rec.input) as Tensor;
    torchDiff = (out.clone().add(-1, rec.output).abs().max() as number);
    print(`forward on Torch7's recorded input: max |ours - Torch7| = ${torchDiff.toExponential(2)}`);
  }

  torch.manualSeed(seed);
  const teacher = torch.randn(3, 10) as Tensor;
  const [testX, testY] = makeData(kind, 256, teacher);
  const criterion = new nn.ClassNLLCriterion();
  const heldOut = (): number => { model.evaluate(); return criterion.forward(model.forward(testX), testY); };
  const before = heldOut();

  const [params, grads] = model.getParameters();
  const config = { learningRate, momentum: 0.9 };
  const losses: number[] = [];
  model.training();
  for (let s = 1; s <= steps; s++) {
    const [x, y] = makeData(kind, batchSize, teacher);
    const feval = (p: Tensor): [number, Tensor] => {
      if (p !== params) params.copy(p);
      grads.zero();
      const out = model.forward(x);
      const f = criterion.forward(out, y);
      model.backward(x, criterion.backward(out, y));
      return [f, grads];
    };
    const [, fs] = optim.sgd(feval, params, config);
    losses.push(fs[0]);
    if (s === 1 || s % Math.max(1, Math.floor(steps / 6)) === 0) print(`step ${String(s).padStart(4)}: loss ${fs[0].toFixed(4)}`);
  }
  const after = heldOut();
  print(`held-out loss: ${before.toFixed(4)} before fine-tuning, ${after.toFixed(4)} after`);
  return { losses, before, after, torchDiff };
}

const arg = process.argv[2];
runIfMain(import.meta.url, () => main({ model: arg === 'lenet' ? 'lenet' : 'mlp' }));
