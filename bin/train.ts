/**
 * `torch7ts train`: trains a LeNet (or an MLP) on MNIST the way Torch's demos did (train-on-mnist.lua):
 * getParameters, mini-batches from torch.randperm, optim.sgd / optim.adam through a feval closure,
 * xlua-style progress, optim.ConfusionMatrix per epoch, optim.Logger (accuracy.log + its plot), and
 * torch.save of the trained model, loaded back and checked.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { blasInfo } from '../lib/blas/index.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { nn } from '../nn/index.js';
import type { Module } from '../nn/Module.js';
import { cpuDevices } from '../nn/parallel/cpu.js';
import { optim } from '../optim/index.js';
import { cuda } from '../cuda/index.js';
import { loadMnist, type MnistSet } from './mnist.js';
import { buildModel, MODEL_NAMES, type ModelName } from './models.js';
import { Progress } from './progress.js';

const OPTIMIZERS = ['sgd', 'adam'] as const;
type OptimizerName = (typeof OPTIMIZERS)[number];

/** The trainer's settings; `parseTrainArgs` fills them from the command line. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Default: 0.05 for sgd, 0.001 for adam. */
  learningRate: number;
  /** sgd's momentum (Torch's dampening defaults to it). */
  momentum: number;
  optimizer: OptimizerName;
  model: ModelName;
  seed: number;
  /** torch.setnumthreads; undefined keeps the current count. */
  threads?: number;
  /** CPU devices: above 1, the model is wrapped in nn.DataParallelTable(1) on devices 1..N (this thread + worker threads). */
  devices: number;
  /** Train on torch.CudaTensor (the gpu.js device; with --devices, gpu.js contexts instead of CPU workers). */
  cuda: boolean;
  trainSize: number;
  testSize: number;
  output: string;
  quiet: boolean;
  /** Save the model with torch.save and check that the loaded copy scores the same. */
  save: boolean;
  /** Where lines go (default console.log). */
  print?: (line: string) => void;
  /** Where the progress bar goes (default process.stdout). */
  write?: (s: string) => void;
}

/** What a run reached; accuracies in percent, one entry per epoch. */
export interface TrainResult {
  losses: number[];
  trainAccuracy: number[];
  testAccuracy: number[];
  /** Test accuracy of the model read back from model.t7 (undefined when not saved). */
  reloadedTestAccuracy?: number;
  modelPath?: string;
  logPath: string;
  seconds: number;
  /** The trained module (with --devices, the one inside the DataParallelTable, whose worker threads have ended). */
  model: Module;
}

export const DEFAULTS: Readonly<Omit<TrainOptions, 'print' | 'write' | 'threads'>> = {
  epochs: 3, batchSize: 32, learningRate: 0.05, momentum: 0.9, optimizer: 'sgd', model: 'lenet', seed: 1, devices: 1, cuda: false,
  trainSize: 60000, testSize: 10000, output: './out', quiet: false, save: true,
};

export const TRAIN_USAGE = `usage: torch7ts train [options]

Trains a convolutional network (LeNet) or an MLP on MNIST with optim, printing progress, the
confusion matrices and accuracies, and writing accuracy.log, its plot and model.t7 to --output.

options:
  --epochs N          passes over the training set          [${DEFAULTS.epochs}]
  --batch-size N      examples per mini-batch                [${DEFAULTS.batchSize}]
  --learning-rate X   step size                              [0.05 for sgd, 0.001 for adam]
  --momentum X        sgd momentum, 0 <= X < 1               [${DEFAULTS.momentum}]
  --optimizer NAME    sgd | adam                             [${DEFAULTS.optimizer}]
  --model NAME        lenet | mlp                            [${DEFAULTS.model}]
  --seed N            torch.manualSeed                       [${DEFAULTS.seed}]
  --threads N         torch.setnumthreads                    [BLAS default]
  --devices N         data parallel on N CPU devices (nn.DataParallelTable: this
                      thread + N-1 worker threads, batch split), 1..cores  [${DEFAULTS.devices}]
  --cuda              train on torch.CudaTensor (gpu.js; cuda.backend() says
                      what runs); with --devices, gpu.js contexts
  --train-size N      training examples used, 1..60000       [${DEFAULTS.trainSize}]
  --test-size N       test examples used, 1..10000           [${DEFAULTS.testSize}]
  --output DIR        folder for the log, plots and model    [${DEFAULTS.output}]
  --no-save           do not save (and reload) the model
  --quiet             one line per epoch, no bar or matrices
  --help              this text`;

/** A bad command line: the message says what was wrong. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Spec = { key: keyof TrainOptions; kind: 'int' | 'number' | 'string' | 'flag'; min?: number; max?: number; below?: number;
  positive?: boolean; choices?: readonly string[] };
const SPECS: Record<string, Spec> = {
  epochs: { key: 'epochs', kind: 'int', min: 1, max: 1000 },
  'batch-size': { key: 'batchSize', kind: 'int', min: 1, max: 60000 },
  'learning-rate': { key: 'learningRate', kind: 'number', positive: true },
  momentum: { key: 'momentum', kind: 'number', min: 0, below: 1 },
  optimizer: { key: 'optimizer', kind: 'string', choices: OPTIMIZERS },
  model: { key: 'model', kind: 'string', choices: MODEL_NAMES },
  seed: { key: 'seed', kind: 'int', min: 0, max: 2 ** 53 - 1 },
  threads: { key: 'threads', kind: 'int', min: 1, max: 256 },
  devices: { key: 'devices', kind: 'int', min: 1, max: 256 },
  'train-size': { key: 'trainSize', kind: 'int', min: 1, max: 60000 },
  'test-size': { key: 'testSize', kind: 'int', min: 1, max: 10000 },
  output: { key: 'output', kind: 'string' },
  quiet: { key: 'quiet', kind: 'flag' },
  cuda: { key: 'cuda', kind: 'flag' },
};

/** Reads one option value, or throws a UsageError naming the option and the problem. */
function readValue(name: string, spec: Spec, raw: string): number | string {
  if (spec.kind === 'string') {
    if (spec.choices && !spec.choices.includes(raw)) {
      throw new UsageError(`--${name}: '${raw}' is not one of ${spec.choices.join(', ')}`);
    }
    if (raw === '') throw new UsageError(`--${name}: empty value`);
    return raw;
  }
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v)) throw new UsageError(`--${name}: '${raw}' is not a number`);
  if (spec.kind === 'int' && !Number.isInteger(v)) throw new UsageError(`--${name}: '${raw}' is not an integer`);
  if (spec.positive && !(v > 0)) throw new UsageError(`--${name}: ${raw} is out of range (must be > 0)`);
  if (spec.min !== undefined && v < spec.min) throw new UsageError(`--${name}: ${raw} is out of range (must be >= ${spec.min})`);
  if (spec.max !== undefined && v > spec.max) throw new UsageError(`--${name}: ${raw} is out of range (must be <= ${spec.max})`);
  if (spec.below !== undefined && v >= spec.below) throw new UsageError(`--${name}: ${raw} is out of range (must be < ${spec.below})`);
  return v;
}

/**
 * Parses `torch7ts train` arguments (`--name value` or `--name=value`); returns undefined for `--help`.
 * @example
 * parseTrainArgs(['--epochs', '1', '--model=mlp']); // { ...DEFAULTS, epochs: 1, model: 'mlp' }
 */
export function parseTrainArgs(argv: readonly string[]): TrainOptions | undefined {
  const opts: TrainOptions = { ...DEFAULTS };
  let lrGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return undefined;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}' (options start with --; see --help)`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (name === 'no-save') { opts.save = false; continue; }
    const spec = Object.hasOwn(SPECS, name) ? SPECS[name] : undefined;
    if (!spec) throw new UsageError(`unknown option '--${name}' (see --help)`);
    if (spec.kind === 'flag') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      (opts as any)[spec.key] = true;
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) throw new UsageError(`--${name} needs a value`);
      raw = argv[++i];
    }
    (opts as any)[spec.key] = readValue(name, spec, raw);
    if (spec.key === 'learningRate') lrGiven = true;
  }
  if (!lrGiven && opts.optimizer === 'adam') opts.learningRate = 0.001;
  const cores = opts.cuda ? cuda.getDeviceCount() : cpuDevices.deviceCount();
  if (opts.devices > cores) throw new UsageError(`--devices: ${opts.devices} is out of range (this machine has ${cores} ${opts.cuda ? 'cuda' : 'CPU'} devices)`);
  return opts;
}

/** The MNIST split as the default tensor type, scaled to [0,1]; returns the tensor. */
function toFloat(set: MnistSet): Tensor {
  return (set.data.type(torch.getdefaulttensortype()) as Tensor).div(255);
}

/** Adds every prediction of `model` on `data` (in batches, evaluate mode) to `confusion`. */
export function evaluate(model: Module, data: Tensor, labels: Tensor, confusion: any, batch = 1000): void {
  model.evaluate();
  const n = data.size(1);
  const onDevice = cuda.isCuda(model.parameters()?.[0][0]);
  for (let t = 1; t <= n; t += batch) {
    const m = Math.min(batch, n - t + 1);
    const x = data.narrow(1, t, m);
    const out = model.forward(onDevice ? x.cuda() : x) as Tensor;
    confusion.batchAdd(onDevice ? out.float() : out, labels.narrow(1, t, m));
  }
}

const pct = (x: number): string => `${x.toFixed(2)}%`;

/**
 * Runs the training described by `opts` (missing fields take DEFAULTS); see TRAIN_USAGE.
 * The default tensor type (FloatTensor during the run) and thread count are restored afterwards.
 * @example
 * const r = await train({ epochs: 1, trainSize: 2000, quiet: true });
 * r.testAccuracy[0]; // e.g. 80
 */
export async function train(options: Partial<TrainOptions> = {}): Promise<TrainResult> {
  const opts: TrainOptions = { ...DEFAULTS, ...options };
  const prevType = torch.getdefaulttensortype();
  const prevThreads = torch.getnumthreads();
  torch.setdefaulttensortype('torch.FloatTensor'); // as the Torch demos: float is plenty, and half the memory
  const cleanup: (() => void)[] = [];
  try {
    if (opts.threads !== undefined) torch.setnumthreads(opts.threads);
    return await run(opts, cleanup);
  } finally {
    cleanup.forEach((f) => f());
    torch.setdefaulttensortype(prevType);
    if (opts.threads !== undefined) torch.setnumthreads(prevThreads);
  }
}

async function run(opts: TrainOptions, cleanup: (() => void)[]): Promise<TrainResult> {
  const print = opts.print ?? ((line: string) => console.log(line));
  const say = opts.quiet ? () => {} : print;
  const started = process.hrtime.bigint();
  const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  const info = blasInfo();
  say(`torch7ts train: ${opts.model}, ${opts.optimizer} (learning rate ${opts.learningRate}` +
    `${opts.optimizer === 'sgd' ? `, momentum ${opts.momentum}` : ''}), batch ${opts.batchSize}, ${opts.epochs} epoch(s), seed ${opts.seed}`);
  say(`BLAS backend: ${info.backend}${info.library ? ` (${info.library})` : ''}, ${torch.getnumthreads()} thread(s); ` +
    `tensors: ${torch.getdefaulttensortype()}`);
  torch.manualSeed(opts.seed);

  // data: the demo's normalisation, mean and std of the training set applied to both sets
  const trainSet = loadMnist('train', opts.trainSize), testSet = loadMnist('test', opts.testSize);
  const trainData = toFloat(trainSet), testData = toFloat(testSet);
  const mean = trainData.mean() as number, std = trainData.std() as number;
  trainData.add(-mean).div(std);
  testData.add(-mean).div(std);
  say(`MNIST: ${trainSet.size()} training and ${testSet.size()} test images; normalised by the training mean ${mean.toFixed(4)} and std ${std.toFixed(4)}`);

  let net = buildModel(opts.model);
  if (opts.cuda) {
    const b = cuda.backend();
    say(`cuda: gpu.js ${b.name} on ${b.renderer}${b.software ? ' (software: the CPU, not a GPU)' : ''}; torch.CudaTensor`);
    net = (net as any).cuda();
  }
  let model = net;
  if (opts.devices > 1) {
    const dpt = new nn.DataParallelTable(1).add(net, Array.from({ length: opts.devices }, (_, i) => i + 1));
    cleanup.push(() => dpt.dispose());
    model = dpt;
    say(opts.cuda ? `devices: ${opts.devices} gpu.js contexts, nn.DataParallelTable(1): each batch split between them`
      : `devices: ${opts.devices} CPU devices, nn.DataParallelTable(1): each batch split between this thread and ` +
      `${opts.devices - 1} worker thread(s), one core each`);
  }
  const criterion = new nn.ClassNLLCriterion();
  if (opts.cuda) (criterion as any).cuda();
  const [parameters, gradParameters] = model.getParameters();
  say(`model (${parameters.nElement()} parameters):\n${String(model)}`);

  const classes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  const confusion = new optim.ConfusionMatrix(classes);
  mkdirSync(opts.output, { recursive: true });
  const logPath = join(opts.output, 'accuracy.log');
  const logger = new optim.Logger(logPath);
  logger.setNames(['% mean class accuracy (train set)', '% mean class accuracy (test set)']);
  const config: Record<string, any> = opts.optimizer === 'sgd'
    ? { learningRate: opts.learningRate, momentum: opts.momentum }
    : { learningRate: opts.learningRate };
  const step = opts.optimizer === 'sgd' ? optim.sgd : optim.adam;
  const state: Record<string, any> = {};
  const bar = new Progress({ write: opts.write });

  const n = trainSet.size(), B = opts.batchSize;
  // the batch is gathered on the host, then (with --cuda) uploaded: the one host-to-device copy of a step
  const hostInputs = trainData.new(), hostTargets = new torch.LongTensor();
  const inputs = opts.cuda ? new cuda.CudaTensor() : hostInputs, targets = opts.cuda ? new cuda.CudaTensor() : hostTargets;
  const result: TrainResult = { losses: [], trainAccuracy: [], testAccuracy: [], logPath, seconds: 0, model: net };
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    say(`\n<trainer> on training set:\n<trainer> online epoch # ${epoch} [batchSize = ${B}]`);
    model.training();
    confusion.zero();
    const shuffle = torch.randperm(n).long();
    const epochStart = process.hrtime.bigint();
    let lossSum = 0, batches = 0;
    for (let t = 1; t <= n; t += B) {
      const m = Math.min(B, n - t + 1);
      const idx = shuffle.narrow(1, t, m);
      hostInputs.index(trainData, 1, idx);
      hostTargets.index(trainSet.labels, 1, idx);
      if (opts.cuda) { inputs.resizeAs(hostInputs).copy(hostInputs); targets.resize(m).copy(hostTargets); }
      const feval = (x: Tensor): [number, Tensor] => {
        if (x !== parameters) parameters.copy(x);
        gradParameters.zero();
        const outputs = model.forward(inputs);
        const f = criterion.forward(outputs, targets);
        model.backward(inputs, criterion.backward(outputs, targets));
        confusion.batchAdd(opts.cuda ? (outputs as Tensor).float() : outputs, hostTargets);
        return [f, gradParameters];
      };
      const [, fs] = step(feval, parameters, config, state);
      lossSum += fs[0];
      batches++;
      if (!opts.quiet) bar.update(Math.min(t + B - 1, n), n);
    }
    const epochMs = Number(process.hrtime.bigint() - epochStart) / 1e6;
    const loss = lossSum / batches;
    if (!Number.isFinite(loss)) throw new Error(`training diverged at epoch ${epoch} (mean loss ${loss}); try a smaller --learning-rate`);
    say(`<trainer> time to learn 1 sample = ${(epochMs / n).toFixed(4)}ms`);
    confusion.updateValids();
    const trainAcc = confusion.totalValid * 100;
    say(String(confusion));

    confusion.zero();
    evaluate(model, testData, testSet.labels, confusion);
    confusion.updateValids();
    const testAcc = confusion.totalValid * 100;
    say(`\n<trainer> on testing set:\n${String(confusion)}`);

    result.losses.push(loss);
    result.trainAccuracy.push(trainAcc);
    result.testAccuracy.push(testAcc);
    logger.add([trainAcc, testAcc]);
    print(`epoch ${epoch}/${opts.epochs}: mean loss ${loss.toFixed(4)}, train accuracy ${pct(trainAcc)}, ` +
      `test accuracy ${pct(testAcc)} (${(epochMs / 1000).toFixed(1)}s, total ${seconds().toFixed(1)}s)`);
  }
  logger.style(['-', '-']);
  logger.display(!opts.quiet && !opts.print); // the ASCII chart goes to stdout
  logger.plot();
  logger.close();
  const plotted = existsSync(`${logPath}.png`) && result.losses.length > 1;
  say(`\nwrote ${logPath}${plotted ? `, ${logPath}.svg and ${logPath}.png` : ' (a plot needs two epochs or more)'}`);

  if (opts.save) {
    {
      const modelPath = join(opts.output, 'model.t7');
      model.clearState();
      torch.save(modelPath, net); // with --devices, the module inside the DataParallelTable: it loads anywhere
      const loaded = torch.load(modelPath) as Module;
      confusion.zero();
      evaluate(loaded, testData, testSet.labels, confusion);
      confusion.updateValids();
      result.modelPath = resolve(modelPath);
      result.reloadedTestAccuracy = confusion.totalValid * 100;
      print(`saved ${modelPath}; loaded back with torch.load: test accuracy ${pct(result.reloadedTestAccuracy)}` +
        `${result.reloadedTestAccuracy === result.testAccuracy[result.testAccuracy.length - 1] ? ' (the same)' : ' (DIFFERENT)'}`);
    }
  }
  result.seconds = seconds();
  print(`done in ${result.seconds.toFixed(1)}s: test accuracy ${pct(result.testAccuracy[result.testAccuracy.length - 1])}`);
  return result;
}

/** `torch7ts train [options]`: returns the exit code (0 ok, 2 bad usage, 1 failure). */
export async function trainCommand(argv: readonly string[]): Promise<number> {
  let opts: TrainOptions | undefined;
  try {
    opts = parseTrainArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`torch7ts train: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (!opts) {
    console.log(TRAIN_USAGE);
    return 0;
  }
  await train(opts);
  return 0;
}
