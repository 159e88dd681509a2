/**
 * The trainer (bin/train.ts, bin/mnist.ts, bin/progress.ts) and the examples: option parsing and its
 * errors, the MNIST reader, the progress bar, and short runs of every example that must learn.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMnist, parseIdx } from '../../bin/mnist.js';
import { formatTime, Progress } from '../../bin/progress.js';
import { DEFAULTS, parseTrainArgs, train, UsageError } from '../../bin/train.js';
import * as finetune from '../../examples/finetune.js';
import * as mnist from '../../examples/mnist.js';
import * as regression from '../../examples/regression.js';
import * as xor from '../../examples/xor.js';
import { torch } from '../../lib/index.js';

const silent = (): void => {};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const CLI = fileURLToPath(new URL('../../bin/torch7ts.js', import.meta.url));

/** Runs the CLI; resolves with its exit code and output. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('torch7ts train: options', () => {
  it('has defaults and reads --name value and --name=value', () => {
    expect(parseTrainArgs([])).to.deep.equal({ ...DEFAULTS });
    const o = parseTrainArgs(['--epochs', '2', '--model=mlp', '--batch-size', '10', '--learning-rate', '0.1', '--quiet',
      '--seed=7', '--threads', '1', '--train-size', '500', '--test-size=100', '--output', '/tmp/x', '--no-save'])!;
    expect(o).to.include({ epochs: 2, model: 'mlp', batchSize: 10, learningRate: 0.1, quiet: true, seed: 7, threads: 1,
      trainSize: 500, testSize: 100, output: '/tmp/x', save: false });
  });
  it('picks adam\'s learning rate unless one is given', () => {
    expect(parseTrainArgs(['--optimizer', 'adam'])!.learningRate).to.equal(0.001);
    expect(parseTrainArgs(['--optimizer', 'adam', '--learning-rate', '0.01'])!.learningRate).to.equal(0.01);
  });
  it('returns undefined for --help', () => {
    expect(parseTrainArgs(['--epochs', '2', '--help'])).to.equal(undefined);
  });
  const bad: [string[], RegExp][] = [
    [['--bogus'], /unknown option '--bogus'/],
    [['--epochs', 'two'], /--epochs: 'two' is not a number/],
    [['--epochs', '1.5'], /not an integer/],
    [['--epochs', '0'], /--epochs: 0 is out of range \(must be >= 1\)/],
    [['--train-size', '70000'], /out of range \(must be <= 60000\)/],
    [['--learning-rate', '-1'], /out of range \(must be > 0\)/],
    [['--momentum', '1'], /out of range \(must be < 1\)/],
    [['--model', 'resnet'], /'resnet' is not one of lenet, mlp/],
    [['--optimizer', 'lbfgs'], /not one of sgd, adam/],
    [['--epochs'], /--epochs needs a value/],
    [['--quiet=1'], /--quiet takes no value/],
    [['stray'], /unexpected argument 'stray'/],
  ];
  for (const [args, msg] of bad) {
    it(`rejects ${args.join(' ')}`, () => {
      expect(() => parseTrainArgs(args)).to.throw(UsageError, msg);
    });
  }
  it('the CLI exits 2 with the message on a bad option, 0 on --help', async () => {
    const r = await cli('train', '--epochs', 'x');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/torch7ts train: --epochs: 'x' is not a number/);
    const h = await cli('train', '--help');
    expect(h.code).to.equal(0);
    expect(h.stdout).to.match(/--learning-rate/);
    const u = await cli('frobnicate');
    expect(u.code).to.equal(2);
    expect(u.stderr).to.match(/unknown command 'frobnicate'/);
  });
});

describe('bin/mnist: the IDX reader', () => {
  it('parses an IDX header and data', () => {
    const buf = Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
    const idx = parseIdx(buf);
    expect(idx.dims).to.deep.equal([2, 3]);
    expect(Array.from(idx.data)).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });
  it('rejects truncated and malformed files', () => {
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 5, 1, 2]))).to.throw(/truncated/);
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1]))).to.throw(/magic/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]))).to.throw(/not unsigned byte/);
    expect(() => parseIdx(Uint8Array.from([0, 0]))).to.throw(/too short/);
  });
  it('loads MNIST test images as a ByteTensor and labels as 1-based classes', () => {
    const test = loadMnist('test', 100);
    expect(test.size()).to.equal(100);
    expect(test.data.size().totable()).to.deep.equal([100, 1, 28, 28]);
    expect(test.data.type()).to.equal('torch.ByteTensor');
    expect(test.labels.get(1)).to.equal(8); // the first test digit is a 7
    expect(test.labels.min()).to.be.at.least(1);
    expect(test.labels.max()).to.be.at.most(10);
    expect(test.data.max()).to.equal(255);
    expect(loadMnist('train').size()).to.equal(60000);
  });
});

describe('bin/progress: xlua.progress', () => {
  it('formats times as xlua does', () => {
    expect(formatTime(0)).to.equal('0ms');
    expect(formatTime(0.0123)).to.equal('12ms');
    expect(formatTime(62.5)).to.equal('1m2s');
    expect(formatTime(3 * 3600 + 4)).to.equal('3h4s');
    expect(formatTime(90000)).to.equal('1D1h');
  });
  it('draws a few lines when not a terminal', () => {
    let out = '';
    let clock = 0;
    const bar = new Progress({ write: (s) => { out += s; }, tty: false, barLength: 40, now: () => clock });
    for (let t = 1; t <= 100; t++) { clock += 0.01; bar.update(t, 100); }
    const lines = out.trim().split('\n');
    expect(lines).to.have.length(4);
    expect(out).not.to.contain('\r');
    expect(lines[3]).to.match(/^ \[=+ 100\/100 =*>\]  Tot: 990ms \| Step: 10ms$/);
    expect(lines[0]).to.match(/ETA: 750ms \| Step: 10ms$/);
  });
  it('redraws one line with \\r on a terminal', () => {
    let out = '';
    let clock = 0;
    const bar = new Progress({ write: (s) => { out += s; }, tty: true, barLength: 40, now: () => clock, minIntervalMs: 0 });
    for (let t = 1; t <= 10; t++) { clock += 1; bar.update(t, 10); }
    expect(out.split('\r')).to.have.length(11);
    expect(out.endsWith('\n')).to.equal(true);
    expect(out.split('\n')).to.have.length(2);
  });
});

describe('examples', function () {
  this.timeout(60000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'torch7ts-examples-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('xor: nn.StochasticGradient learns XOR', () => {
    const r = xor.main({ quiet: true, iterations: 40 });
    expect(r.losses).to.have.length(40);
    expect(r.losses[39]).to.be.below(r.losses[0] * 0.6);
    expect(r.accuracy).to.be.above(0.8);
  });

  it('regression: optim.sgd approaches the least-squares fit', () => {
    const r = regression.main({ quiet: true, epochs: 2000 });
    expect(r.losses[r.losses.length - 1]).to.be.below(r.initialLoss / 20);
    expect(r.losses[r.losses.length - 1]).to.be.below(r.losses[0]);
    expect(r.losses[r.losses.length - 1]).to.be.at.least(r.optimalLoss - 1e-9);
  });

  it('the trainer: LeNet on 2000 MNIST images, 2 epochs, learns, logs, plots, saves and reloads', async () => {
    const type = torch.getdefaulttensortype();
    const r = await train({ trainSize: 2000, testSize: 1000, epochs: 2, batchSize: 10, output: dir, quiet: true, print: silent });
    expect(torch.getdefaulttensortype()).to.equal(type);
    expect(r.losses[1]).to.be.below(r.losses[0]);
    expect(r.losses[0]).to.be.below(Math.log(10));
    expect(r.testAccuracy[1]).to.be.above(70); // chance is 10 %
    expect(r.trainAccuracy[1]).to.be.above(r.trainAccuracy[0]);
    const log = readFileSync(join(dir, 'accuracy.log'), 'utf8').trim().split('\n');
    expect(log).to.have.length(3);
    expect(log[0]).to.contain('% mean class accuracy (test set)');
    expect(Number(log[2].trim().split(/\s+/)[1])).to.be.closeTo(r.testAccuracy[1], 1e-2);
    expect(existsSync(join(dir, 'accuracy.log.png'))).to.equal(true);
    expect(existsSync(join(dir, 'accuracy.log.svg'))).to.equal(true);
    if (r.modelPath) expect(r.reloadedTestAccuracy).to.equal(r.testAccuracy[1]);
  });

  it('the trainer: an MLP with adam', async () => {
    const r = await train({ model: 'mlp', optimizer: 'adam', learningRate: 0.001, trainSize: 2000, testSize: 1000, epochs: 1,
      batchSize: 32, output: dir, quiet: true, save: false, print: silent });
    expect(r.testAccuracy[0]).to.be.above(75);
  });

  it('mnist example: the trainer with small settings', async () => {
    const r = await mnist.main({ trainSize: 2000, testSize: 500, epochs: 1, batchSize: 10, output: join(dir, 'mnist'), print: silent,
      quiet: true, save: false });
    expect(r.losses).to.have.length(1);
    expect(r.losses[0]).to.be.below(Math.log(10));
    expect(r.testAccuracy[0]).to.be.above(50);
  });

  it('finetune: a Torch7-saved MLP loads, matches Torch7, and its loss falls', async () => {
    const r = await finetune.main({ quiet: true });
    expect(r.torchDiff).to.be.below(1e-12);
    expect(mean(r.losses.slice(-10))).to.be.below(mean(r.losses.slice(0, 10)));
    expect(r.after).to.be.below(r.before * 0.5);
  });

  it('finetune: the Torch7-saved LeNet too', async () => {
    const r = await finetune.main({ quiet: true, model: 'lenet', steps: 25, batchSize: 8 });
    expect(r.torchDiff).to.be.below(1e-10);
    expect(r.after).to.be.below(r.before);
  });
});
