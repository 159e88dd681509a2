/**
 * cutorch's RNG: per-device generators (manualSeed, manualSeedAll, seed, initialSeed, get/setRNGState)
 * and the CudaTensor fills. The device generator is Torch's MT19937 run on the host, so a fill equals
 * the FloatTensor fill drawn from a torch.Generator in the same state, bit for bit; each fill is one
 * upload and no download.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { cuda } from '../../cuda/index.js';
import { nn } from '../../nn/index.js';
import { flat } from '../helpers.js';

const T = torch as any;
const n = cuda.getDeviceCount();

/** A torch.Generator in the state of the current device's generator. */
function cpuTwin(): any {
  const g = new T.Generator();
  T.setRNGState(g, cuda.getRNGState());
  return g;
}

/** Runs fill on a new CudaTensor(sizes); checks it against the same fill of a FloatTensor from the twin generator, one upload, no download. */
function expectFillMatchesCPU(name: string, args: unknown[], view?: (x: Tensor) => Tensor): Tensor {
  // a view is merged into its base's device buffer: put the base on the device first
  const base = view ? new T.CudaTensor(6, 5).fill(0) : new T.CudaTensor(6, 5);
  view ??= (x) => x;
  const target = view(base);
  const g = cpuTwin();
  const expected = view(new T.FloatTensor(6, 5).fill(0));
  (expected as any)[name](g, ...args);
  const t0 = cuda.traffic();
  const r = (target as any)[name](...args);
  const t1 = cuda.traffic();
  expect(r, `${name} returns self`).to.equal(target);
  expect(t1.downloads - t0.downloads, `${name}: no download`).to.equal(0);
  expect(t1.uploads - t0.uploads, `${name}: one upload`).to.equal(1);
  expect(flat(target.float()), name).to.deep.equal(flat(expected));
  return target;
}

describe('cutorch RNG and CudaTensor random fills', function () {
  this.timeout(60000);
  afterEach(() => cuda.setDevice(1));

  it('manualSeed(s) makes fills reproducible and initialSeed() returns s', () => {
    cuda.manualSeed(123);
    expect(cuda.initialSeed()).to.equal(123);
    const a = new T.CudaTensor(10).uniform();
    cuda.manualSeed(123);
    const b = new T.CudaTensor(10).uniform();
    expect(flat(a.float())).to.deep.equal(flat(b.float()));
    const g = new T.Generator();
    g.manualSeed(123);
    expect(flat(a.float()), 'Torch\'s MT19937 stream').to.deep.equal(flat(new T.FloatTensor(10).uniform(g)));
  });

  it('the device generator is not torch\'s CPU generator', () => {
    cuda.manualSeed(5);
    T.manualSeed(5);
    const a = new T.CudaTensor(8).normal();
    T.manualSeed(99);
    cuda.manualSeed(5);
    const b = new T.CudaTensor(8).normal();
    expect(flat(a.float())).to.deep.equal(flat(b.float()));
  });

  it('each device has its own generator; manualSeedAll seeds all; manualSeed(s, dev) seeds one', () => {
    cuda.manualSeedAll(7);
    for (let d = 1; d <= n; d++) expect(cuda.initialSeed(d)).to.equal(7);
    const a = new T.CudaTensor(5).uniform();
    if (n >= 2) {
      const b = cuda.withDevice(2, () => new T.CudaTensor(5).uniform());
      expect(b.getDevice()).to.equal(2);
      expect(flat(b.float()), 'same seed, same stream on device 2').to.deep.equal(flat(a.float()));
      cuda.manualSeed(8, 2);
      expect(cuda.initialSeed(2)).to.equal(8);
      expect(cuda.initialSeed(1)).to.equal(7);
      cuda.setDevice(2);
      expect(cuda.initialSeed()).to.equal(8);
    }
    expect(() => cuda.manualSeed(1, n + 1)).to.throw(torch.TorchError, /invalid device/);
  });

  it('seed() reseeds randomly and returns the new initialSeed(); seedAll() reseeds every device', () => {
    const s = cuda.seed();
    expect(cuda.initialSeed()).to.equal(s);
    expect(cuda.seed()).to.not.equal(s);
    const all = cuda.seedAll();
    expect(cuda.initialSeed()).to.equal(all);
  });

  it('getRNGState()/setRNGState(state) replay the stream (normal\'s cached value included)', () => {
    cuda.manualSeed(42);
    new T.CudaTensor(3).normal();
    const state = cuda.getRNGState();
    expect(state.type()).to.equal('torch.ByteTensor');
    expect(state.nElement()).to.equal(5048);
    const a = new T.CudaTensor(7).normal(1, 2);
    cuda.setRNGState(state);
    const b = new T.CudaTensor(7).normal(1, 2);
    expect(flat(a.float())).to.deep.equal(flat(b.float()));
    expect(() => cuda.setRNGState(new T.ByteTensor(10))).to.throw(torch.TorchError, /RNG state is wrong size/);
    expect(() => cuda.setRNGState(new T.FloatTensor(5048) as any)).to.throw(torch.TorchError, /ByteTensor expected/);
  });

  const FILLS: [string, unknown[]][] = [
    ['uniform', []], ['uniform', [-2, 3]], ['normal', []], ['normal', [1, 0.5]], ['exponential', [2]],
    ['cauchy', [0, 1]], ['logNormal', [0, 0.5]], ['geometric', [0.3]], ['bernoulli', []], ['bernoulli', [0.2]],
    ['random', []], ['random', [6]], ['random', [-3, 4]],
  ];
  for (const [name, args] of FILLS) {
    it(`x:${name}(${args.join(', ')}) equals the FloatTensor fill from the same MT19937 state, uploaded once`, () => {
      cuda.manualSeed(2024);
      expectFillMatchesCPU(name, args);
    });
  }

  it('fills of non-contiguous views draw in row-major order of the view and leave the rest alone', () => {
    cuda.manualSeed(3);
    const base = new T.CudaTensor(6, 5).fill(-9);
    const g = cpuTwin();
    const expected = new T.FloatTensor(6, 5).fill(-9);
    expected.t().narrow(1, 2, 3).uniform(g);
    base.t().narrow(1, 2, 3).uniform();
    expect(flat(base.float())).to.deep.equal(flat(expected));
    expectFillMatchesCPU('normal', [], (x) => x.t());
  });

  it('distributions look right: ranges, integer values, Bernoulli 0/1, moments', () => {
    cuda.manualSeed(11);
    const u = flat(new T.CudaTensor(2000).uniform(-1, 1).float());
    expect(Math.min(...u)).to.be.at.least(-1);
    expect(Math.max(...u)).to.be.below(1);
    const z = flat(new T.CudaTensor(4000).normal(3, 2).float());
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
    expect(Math.abs(mean - 3)).to.be.below(0.15);
    expect(Math.abs(sd - 2)).to.be.below(0.15);
    const bern = flat(new T.CudaTensor(2000).bernoulli(0.25).float());
    expect(bern.every((v) => v === 0 || v === 1)).to.equal(true);
    expect(Math.abs(bern.reduce((a, b) => a + b, 0) / 2000 - 0.25)).to.be.below(0.04);
    const r = flat(new T.CudaTensor(500).random(3, 5).float());
    expect(r.every((v) => Number.isInteger(v) && v >= 3 && v <= 5)).to.equal(true);
    expect(flat(new T.CudaTensor(200).exponential(1).float()).every((v) => v >= 0)).to.equal(true);
  });

  it('bernoulli(p) with a tensor of probabilities (a CudaTensor or a FloatTensor)', () => {
    const p = new T.FloatTensor(40).uniform(new T.Generator(), 0, 1);
    cuda.manualSeed(9);
    const g = cpuTwin();
    const expected = new T.FloatTensor(40).bernoulli(g, p);
    expect(flat(new T.CudaTensor(40).bernoulli(p).float())).to.deep.equal(flat(expected));
    cuda.manualSeed(9);
    expect(flat(new T.CudaTensor(40).bernoulli(p.cuda()).float())).to.deep.equal(flat(expected));
  });

  it('rand/randn resize and fill', () => {
    cuda.manualSeed(1);
    const x = new T.CudaTensor().rand(3, 4);
    expect(x.size().totable()).to.deep.equal([3, 4]);
    const g = new T.Generator();
    g.manualSeed(1);
    expect(flat(x.float())).to.deep.equal(flat(new T.FloatTensor(3, 4).uniform(g)));
    const y = new T.CudaTensor().randn(5);
    expect(y.size().totable()).to.deep.equal([5]);
    expect(flat(y.float())).to.deep.equal(flat(new T.FloatTensor(5).normal(g)));
  });

  it('bad parameters raise Torch\'s errors, naming torch.CudaTensor', () => {
    const x = new T.CudaTensor(4);
    expect(() => x.normal(0, -1)).to.throw(torch.TorchError, /standard deviation must be strictly positive/);
    expect(() => x.bernoulli(1.5)).to.throw(torch.TorchError, /must be >= 0 and <= 1/);
    expect(() => x.geometric(0)).to.throw(torch.TorchError, /must be > 0 and < 1/);
    expect(() => x.uniform('a')).to.throw(torch.TorchError, /invalid arguments to 'uniform'.*\n.*torch\.CudaTensor/);
  });

  it('nn.Dropout on CudaTensor: the mask comes from the device generator, and matches FloatTensor\'s from the same state', () => {
    const input = new T.FloatTensor(8, 10).fill(1);
    const d = new nn.Dropout(0.4).cuda();
    const df = new nn.Dropout(0.4).float();
    cuda.manualSeed(77);
    T.setRNGState(cuda.getRNGState());
    const out = d.forward(input.cuda());
    const expected = df.forward(input);
    expect(out.type()).to.equal('torch.CudaTensor');
    expect(flat(out.float())).to.deep.equal(flat(expected));
    const zeros = flat(out.float()).filter((v) => v === 0).length;
    expect(zeros).to.be.above(10).and.below(60);
    const gi = d.backward(input.cuda(), new T.CudaTensor(8, 10).fill(2));
    expect(flat(gi.float())).to.deep.equal(flat(df.backward(input, new T.FloatTensor(8, 10).fill(2))));
    d.evaluate();
    expect(flat(d.forward(input.cuda()).float())).to.deep.equal(flat(input));
  });
});
