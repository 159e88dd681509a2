/**
 * nn.Maxout, nn.CReLU, nn.PixelShuffle, nn.Index, nn.MaskedSelect, nn.Constant, nn.ZeroGrad,
 * nn.L1Penalty, nn.Collapse, nn.PrintSize, nn.WhiteNoise: forward and backward against values computed
 * here element by element from the Lua definitions, double and float, printing and errors.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, flat, prng, randomTensor } from '../helpers.js';
import { checkFloat, checkGradients } from './simple-helpers.js';

const t = torch as any;
const rnd = prng(31337);
const gen = (sizes: number[], type = 'Double'): Tensor => randomTensor(type, sizes, rnd, -2, 2);

describe('nn.Maxout', () => {
  /** y[j] = max over k of (W x + b)[(k-1)*out + j]; returns [y, argmax piece index]. */
  function ref(W: number[][], b: number[], x: number[], out: number, k: number): [number[], number[]] {
    const z = W.map((row, i) => row.reduce((s, w, c) => s + w * x[c], b[i]));
    const y: number[] = [], arg: number[] = [];
    for (let j = 0; j < out; j++) {
      let best = -Infinity, bi = -1;
      for (let p = 0; p < k; p++) if (z[p * out + j] > best) { best = z[p * out + j]; bi = p * out + j; }
      y.push(best); arg.push(bi);
    }
    return [y, arg];
  }

  it('is Linear(in, out*k), View(k, out):setNumInputDims(1), Max(1, 2); forward and backward, vector and batch', () => {
    t.manualSeed(5);
    const m = new nn.Maxout(5, 3, 4);
    expect(m.modules!.map((c) => c.__typename)).to.deep.equal(['nn.Linear', 'nn.View', 'nn.Max']);
    const W = m.modules![0].weight!.totable() as number[][], b = m.modules![0].bias!.totable() as number[];
    expect(W.length).to.equal(12);
    const x = gen([5]), g = gen([3]);
    const [y, arg] = ref(W, b, flat(x), 3, 4);
    expectClose(m.forward(x), y, 1e-13);
    expect(m.output.size().totable()).to.deep.equal([3]);
    const gz = new Array(12).fill(0);
    arg.forEach((a, j) => { gz[a] = flat(g)[j]; });
    const gi = [0, 1, 2, 3, 4].map((c) => gz.reduce((s, v, i) => s + v * W[i][c], 0));
    expectClose(m.backward(x, g), gi, 1e-13);
    // gradBias = gz, gradWeight = gz x^T
    expectClose(m.modules![0].gradBias!, gz, 1e-13);
    const X = gen([4, 5]), G = gen([4, 3]);
    const Y = m.forward(X) as Tensor;
    expect(Y.size().totable()).to.deep.equal([4, 3]);
    for (let r = 1; r <= 4; r++) expectClose(Y.select(1, r) as Tensor, ref(W, b, flat(X.select(1, r) as Tensor), 3, 4)[0], 1e-13);
    const GI = (m.backward(X, G) as Tensor).clone();
    for (let r = 1; r <= 4; r++) {
      const v = new nn.Maxout(5, 3, 4);
      v.modules![0].weight!.copy(m.modules![0].weight!);
      v.modules![0].bias!.copy(m.modules![0].bias!);
      v.forward(X.select(1, r) as Tensor);
      expectClose(GI.select(1, r) as Tensor, v.backward(X.select(1, r) as Tensor, G.select(1, r) as Tensor) as Tensor, 1e-13);
    }
    expect(checkGradients(new nn.Maxout(5, 3, 4), X)).to.be.below(1e-5);
  });

  it('puts the preprocess module before the Max; float; prints as a Sequential of its type', () => {
    const m = new nn.Maxout(4, 2, 3, new nn.Tanh());
    expect(m.modules!.map((c) => c.__typename)).to.deep.equal(['nn.Linear', 'nn.View', 'nn.Tanh', 'nn.Max']);
    const x = gen([3, 4]);
    const z = (m.modules![1].forward(m.modules![0].forward(x)) as Tensor).clone().tanh();
    const expected = (t.max(z, 2)[0] as Tensor).select(2, 1) as Tensor;
    expectClose(m.forward(x), expected, 1e-14);
    checkFloat(() => { t.manualSeed(2); return new nn.Maxout(4, 2, 3); }, x);
    const s = m.toString().split('\n');
    expect(s[0]).to.equal('nn.Maxout {');
    expect(s[1].trim()).to.equal('[input -> (1) -> (2) -> (3) -> (4) -> output]');
    expect(s[2].trim()).to.equal('(1): nn.Linear(4 -> 6)');
  });
});

describe('nn.CReLU', () => {
  /** [relu(x), relu(-x)] per row of the flattened input, and the gradient. */
  const fwd = (x: number[]) => [...x.map((v) => Math.max(v, 0)), ...x.map((v) => Math.max(-v, 0))];
  const bwd = (x: number[], g: number[]) => x.map((v, i) => (v > 0 ? g[i] : 0) - (v < 0 ? g[i + x.length] : 0));

  it('non-batch: the first dim doubles, positive part then negative part', () => {
    const m = new nn.CReLU(3);
    const x = gen([2, 3, 2]), g = gen([4, 3, 2]);
    const y = m.forward(x) as Tensor;
    expect(y.size().totable()).to.deep.equal([4, 3, 2]);
    expectClose(y, fwd(flat(x)), 0);
    const gi = m.backward(x, g) as Tensor;
    expect(gi.size().totable()).to.deep.equal([2, 3, 2]);
    expectClose(gi, bwd(flat(x), flat(g)), 0);
    expect(m.toString()).to.equal('CReLU()');
    expect(m.nInputDims).to.equal(3);
    expect(m.inplace).to.equal(false);
  });

  it('batch (nInputDims + 1 dims): each sample separately, dim 2 doubles; float; in place; gradients', () => {
    const m = new nn.CReLU(1);
    const x = gen([3, 4]), g = gen([3, 8]);
    const y = m.forward(x) as Tensor;
    expect(y.size().totable()).to.deep.equal([3, 8]);
    for (let r = 1; r <= 3; r++) {
      expectClose(y.select(1, r) as Tensor, fwd(flat(x.select(1, r) as Tensor)), 0);
      expectClose((m.backward(x, g) as Tensor).select(1, r) as Tensor, bwd(flat(x.select(1, r) as Tensor), flat(g.select(1, r) as Tensor)), 0);
    }
    const ip = new nn.CReLU(1, true);
    expect(ip.inplace).to.equal(true);
    expectClose(ip.forward(x.clone()) as Tensor, y, 0);
    checkFloat(() => new nn.CReLU(1), x);
    expect(checkGradients(new nn.CReLU(2), gen([2, 3, 4]))).to.be.below(1e-5);
  });
});

describe('nn.PixelShuffle', () => {
  /** out[b][c][h*r+i][w*r+j] = in[b][c*r*r + i*r + j][h][w], from nested arrays. */
  function shuffle(x: any[], r: number): number[] {
    const out: number[] = [];
    const C = x[0].length / (r * r), H = x[0][0].length, W = x[0][0][0].length;
    for (const img of x) {
      for (let c = 0; c < C; c++) {
        for (let y = 0; y < H * r; y++) {
          for (let z = 0; z < W * r; z++) out.push(img[c * r * r + (y % r) * r + (z % r)][Math.floor(y / r)][Math.floor(z / r)]);
        }
      }
    }
    return out;
  }
  /** The inverse: gradInput[b][c*r*r + i*r + j][h][w] = gradOutput[b][c][h*r+i][w*r+j]. */
  function unshuffle(g: any[], r: number): number[] {
    const out: number[] = [];
    const C = g[0].length, H = g[0][0].length / r, W = g[0][0][0].length / r;
    for (const img of g) {
      for (let k = 0; k < C * r * r; k++) {
        const c = Math.floor(k / (r * r)), i = Math.floor((k % (r * r)) / r), j = k % r;
        for (let y = 0; y < H; y++) for (let z = 0; z < W; z++) out.push(img[c][y * r + i][z * r + j]);
      }
    }
    return out;
  }

  for (const type of ['Double', 'Float']) {
    it(`${type}: batch [N, C*r^2, H, W] -> [N, C, H*r, W*r] and back`, () => {
      const m = new nn.PixelShuffle(3);
      expect(m.upscaleFactorSquared).to.equal(9);
      const x = gen([2, 18, 2, 3], type), g = gen([2, 2, 6, 9], type);
      const y = m.forward(x) as Tensor;
      expect(y.type()).to.equal(`torch.${type}Tensor`);
      expect(y.size().totable()).to.deep.equal([2, 2, 6, 9]);
      expectClose(y, shuffle(x.totable(), 3), 0);
      const gi = m.backward(x, g) as Tensor;
      expect(gi.size().totable()).to.deep.equal([2, 18, 2, 3]);
      expectClose(gi, unshuffle(g.totable(), 3), 0);
    });
  }

  it('3-D image; the LongStorage shape fields; clearState drops them; gradients; a bad view errors', () => {
    const m = new nn.PixelShuffle(2);
    const x = gen([8, 3, 2]), g = gen([2, 6, 4]);
    const y = m.forward(x) as Tensor;
    expect(y.size().totable()).to.deep.equal([2, 6, 4]);
    expectClose(y, shuffle([x.totable()], 2), 0);
    expect(m._outShape!.totable()).to.deep.equal([2, 6, 4]);
    expect(m._intermediateShape!.totable()).to.deep.equal([1, 2, 2, 2, 3, 2]);
    expectClose(m.backward(x, g) as Tensor, unshuffle([g.totable()], 2), 0);
    expect(m._intermediateShape!.totable()).to.deep.equal([1, 2, 3, 2, 2, 2]);
    m.clearState();
    expect(m._outShape).to.equal(undefined);
    expect(m._shuffleOut!.nElement()).to.equal(0);
    expect(checkGradients(new nn.PixelShuffle(2), gen([1, 8, 2, 2]))).to.be.below(1e-5);
    expect(() => m.forward(gen([6, 2, 2]))).to.throw();
    expect(() => m.forward(gen([8, 4, 4]).transpose(2, 3))).to.throw('expecting a contiguous tensor');
  });
});

describe('nn.Index', () => {
  for (const type of ['Double', 'Float']) {
    it(`${type}: selects slices along dim 1 and 2 (repeats allowed); gradient adds back, zeros for the index`, () => {
      const x = gen([4, 3], type);
      const X = x.totable() as number[][];
      const m1 = new nn.Index(1);
      if (type === 'Float') m1.float();
      const i1 = new t.LongTensor([3, 1, 3]);
      const y1 = m1.forward([x, i1]) as Tensor;
      expect(y1.type()).to.equal(`torch.${type}Tensor`);
      expectClose(y1, [...X[2], ...X[0], ...X[2]], 0);
      const g1 = gen([3, 3], type), G1 = g1.totable() as number[][];
      const gi1 = m1.backward([x, i1], g1) as Tensor[];
      expect(gi1.length).to.equal(2);
      const want = X.map((row) => row.map(() => 0));
      [3, 1, 3].forEach((r, k) => G1[k].forEach((v, c) => { want[r - 1][c] += v; }));
      expectClose(gi1[0], want.flat(), 1e-6);
      expect(gi1[1].size().totable()).to.deep.equal([3]);
      expect(flat(gi1[1])).to.deep.equal([0, 0, 0]);
      const m2 = new nn.Index(2);
      if (type === 'Float') m2.float();
      const i2 = new t.LongTensor([2, 2]);
      expectClose(m2.forward([x, i2]) as Tensor, X.flatMap((row) => [row[1], row[1]]), 0);
      const g2 = gen([4, 2], type), G2 = g2.totable() as number[][];
      expectClose((m2.backward([x, i2], g2) as Tensor[])[0], G2.flatMap((r) => [0, r[0] + r[1], 0]), 1e-6);
    });
  }

  it('fields, clearState (both gradInput tensors emptied), gradient check, and errors', () => {
    const m = new nn.Index(1);
    expect(m.dimension).to.equal(1);
    expect(Array.isArray(m.gradInput)).to.equal(true);
    const x = gen([5, 2]), idx = new t.LongTensor([5, 2]);
    m.forward([x, idx]);
    m.backward([x, idx], gen([2, 2]));
    expect(m.clearState()).to.equal(m);
    expect(m.output.nElement() + m.gradInput[0].nElement() + m.gradInput[1].nElement()).to.equal(0);
    expect(m.toString()).to.equal('nn.Index');
    expect(() => m.forward([x, new t.LongTensor([6])])).to.throw('out of range');
  });
});

describe('nn.MaskedSelect', () => {
  for (const type of ['Double', 'Float']) {
    it(`${type}: the masked elements in row-major order; the gradient goes back to their places`, () => {
      const m = new nn.MaskedSelect();
      if (type === 'Float') m.float();
      const x = gen([3, 4], type), mask = x.gt(0.3);
      const keep = flat(mask).map((v) => v === 1);
      const y = m.forward([x, mask]) as Tensor;
      expect(y.type()).to.equal(`torch.${type}Tensor`);
      expectClose(y, flat(x).filter((_, i) => keep[i]), 0);
      const g = gen([y.nElement()], type), G = flat(g);
      const gi = m.backward([x, mask], g) as Tensor[];
      let k = 0;
      expectClose(gi[0], keep.map((kp) => (kp ? G[k++] : 0)), 0);
      expect(gi[0].size().totable()).to.deep.equal([3, 4]);
      expect(gi[1].type()).to.equal('torch.ByteTensor');
      expect(flat(gi[1])).to.deep.equal(new Array(12).fill(0));
      expect(m._maskIndices.type()).to.equal('torch.LongTensor');
      expect(flat(m._maskIndices)).to.deep.equal(keep.flatMap((kp, i) => (kp ? [i + 1] : [])));
    });
  }

  it('type() keeps the index/mask buffers Long/Byte off the GPU; clearState; gradient check; mask errors', () => {
    const m = new nn.MaskedSelect().float();
    expect(m.type()).to.equal('torch.FloatTensor');
    expect(m._gradBuffer.type()).to.equal('torch.FloatTensor');
    expect(m._maskIndexBuffer.type()).to.equal('torch.LongTensor');
    expect(m._gradMask.type()).to.equal('torch.ByteTensor');
    expect(m._maskIndexBufferCPU.type()).to.equal('torch.FloatTensor');
    const d = new nn.MaskedSelect();
    const x = gen([2, 5]), mask = x.lt(0);
    d.forward([x, mask]);
    d.backward([x, mask], gen([d.output.nElement()]));
    expect(d.clearState()).to.equal(d);
    expect(d.output.nElement() + d._maskIndices.nElement() + d._gradBuffer.nElement()).to.equal(0);
    expect(d.gradInput).to.deep.equal([]);
    expect(() => d.forward([x, new t.ByteTensor(3).fill(1)])).to.throw();
  });
});

describe('nn.Constant', () => {
  it('a number becomes a 1-element tensor; the output ignores the input; zero gradient', () => {
    const m = new nn.Constant(2.5);
    expect(m.value.type()).to.equal('torch.DoubleTensor');
    expect(flat(m.value)).to.deep.equal([2.5]);
    const x = gen([3, 4]);
    expect(flat(m.forward(x))).to.deep.equal([2.5]);
    const gi = m.backward(x, gen([1])) as Tensor;
    expect(gi.size().totable()).to.deep.equal([3, 4]);
    expect(flat(gi).every((v) => v === 0)).to.equal(true);
    expect(m.nInputDim).to.equal(undefined);
  });

  for (const type of ['Double', 'Float']) {
    it(`${type}: with nInputDim, an input of more dims replicates the value over the batch`, () => {
      const v = gen([2, 3], type);
      const m = new nn.Constant(v, 2);
      if (type === 'Float') m.float();
      const y = m.forward(gen([4, 2, 5], type)) as Tensor;
      expect(y.type()).to.equal(`torch.${type}Tensor`);
      expect(y.size().totable()).to.deep.equal([4, 2, 3]);
      expectClose(y, [...flat(v), ...flat(v), ...flat(v), ...flat(v)], 0);
      const y2 = m.forward(gen([7, 5], type)) as Tensor;
      expect(y2.size().totable()).to.deep.equal([2, 3]);
      expectClose(y2, flat(v), 0);
    });
  }

  it('nInputDim = 0 counts (Lua: 0 is true): every input is a batch; errors in Torch\'s words', () => {
    const y = new nn.Constant(7, 0).forward(gen([3])) as Tensor;
    expect(y.size().totable()).to.deep.equal([3, 1]);
    expect(flat(y)).to.deep.equal([7, 7, 7]);
    expect(() => new nn.Constant('a' as any)).to.throw('Expecting number or tensor at arg 1');
  });
});

describe('nn.ZeroGrad', () => {
  it('forward is a view of the input; backward is zeros of the input size (tensor or table)', () => {
    const m = new nn.ZeroGrad();
    const x = gen([3, 2]);
    const y = m.forward(x) as Tensor;
    expect(y).to.not.equal(x);
    expect(y.storage()).to.equal(x.storage());
    expect(flat(y)).to.deep.equal(flat(x));
    const gi = m.backward(x, gen([3, 2])) as Tensor;
    expect(gi.size().totable()).to.deep.equal([3, 2]);
    expect(flat(gi)).to.deep.equal([0, 0, 0, 0, 0, 0]);
    const gt = new nn.ZeroGrad().updateGradInput([gen([2]), gen([1, 3])], [gen([2]), gen([1, 3])]) as Tensor[];
    expect(gt.map((g) => g.size().totable())).to.deep.equal([[2], [1, 3]]);
    expect(gt.flatMap((g) => flat(g))).to.deep.equal([0, 0, 0, 0, 0]);
    const f = new nn.ZeroGrad().float();
    const xf = gen([4], 'Float');
    expect((f.forward(xf) as Tensor).type()).to.equal('torch.FloatTensor');
    expect((f.backward(xf, xf) as Tensor).type()).to.equal('torch.FloatTensor');
  });
});

describe('nn.L1Penalty', () => {
  for (const type of ['Double', 'Float']) {
    it(`${type}: output is the input itself; loss = w * ||x||_1; gradient w * sign(x) + gradOutput`, () => {
      const m = new nn.L1Penalty(0.3);
      if (type === 'Float') m.float();
      expect([m.sizeAverage, m.provideOutput]).to.deep.equal([false, true]);
      const x = gen([3, 4], type), g = gen([3, 4], type);
      (x as any).put(1, 1, 0); // sign(0) = 0: only gradOutput there
      expect(m.forward(x)).to.equal(x);
      const X = flat(x), G = flat(g);
      expect(m.loss).to.be.closeTo(0.3 * X.reduce((s, v) => s + Math.abs(v), 0), 1e-5);
      expectClose(m.backward(x, g) as Tensor, X.map((v, i) => 0.3 * Math.sign(v) + G[i]), 1e-6);
      expect(flat(m.gradInput)[0]).to.equal(G[0]);
    });
  }

  it('sizeAverage divides the weight by nElement; provideOutput = false drops gradOutput', () => {
    const x = gen([2, 5]), g = gen([2, 5]);
    const m = new nn.L1Penalty(2, true, false);
    m.forward(x);
    expect(m.loss).to.be.closeTo((2 / 10) * flat(x).reduce((s, v) => s + Math.abs(v), 0), 1e-13);
    expectClose(m.backward(x, g) as Tensor, flat(x).map((v) => 0.2 * Math.sign(v)), 1e-15);
    expect(new nn.L1Penalty(1, false, false).provideOutput).to.equal(false);
  });
});

describe('nn.Collapse', () => {
  it('batch x rest above nInputDim dims, a vector otherwise; gradient viewed back; non-contiguous input is copied', () => {
    const m = new nn.Collapse(2);
    const x = gen([4, 3, 2]);
    const y = m.forward(x) as Tensor;
    expect(y.size().totable()).to.deep.equal([4, 6]);
    expect(y.storage()).to.equal(x.storage());
    expect(flat(y)).to.deep.equal(flat(x));
    const g = gen([4, 6]);
    const gi = m.backward(x, g) as Tensor;
    expect(gi.size().totable()).to.deep.equal([4, 3, 2]);
    expect(flat(gi)).to.deep.equal(flat(g));
    const v = m.forward(gen([3, 2])) as Tensor;
    expect(v.size().totable()).to.deep.equal([6]);
    const nc = gen([3, 4]).t() as Tensor;
    const yn = m.forward(nc) as Tensor;
    expect(yn.size().totable()).to.deep.equal([12]);
    expect(flat(yn)).to.deep.equal(flat(nc));
    expect(m._input!.size().totable()).to.deep.equal([4, 3]);
    expect(m.clearState()).to.equal(m);
    expect(m._input).to.equal(undefined);
    expect(m.output.nElement()).to.equal(0);
    const f = new nn.Collapse(1).float();
    expect((f.forward(gen([2, 3], 'Float')) as Tensor).type()).to.equal('torch.FloatTensor');
  });
});

describe('nn.PrintSize', () => {
  /** Runs fn with console.log captured. */
  function capture(fn: () => void): string[] {
    const lines: string[] = [];
    const saved = console.log;
    console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
    try { fn(); } finally { console.log = saved; }
    return lines;
  }

  it('prints "<prefix>:input", a tab and the LongStorage of sizes; passes input and gradOutput through', () => {
    const m = new nn.PrintSize('conv1');
    const x = gen([2, 3]), g = gen([2, 3]);
    let y: unknown, gi: unknown;
    const lines = capture(() => { y = m.forward(x); gi = m.backward(x, g); });
    expect(y).to.equal(x);
    expect(gi).to.equal(g);
    expect(lines).to.deep.equal([
      'conv1:input\n\t 2\n 3\n[torch.LongStorage of size 2]\n',
      'conv1:gradOutput\n\t 2\n 3\n[torch.LongStorage of size 2]\n',
    ]);
    expect(new nn.PrintSize().prefix).to.equal('PrintSize');
    expect(capture(() => new nn.PrintSize().forward(undefined))).to.deep.equal(['PrintSize:input\n\tmissing size']);
    expect(capture(() => new nn.PrintSize('t').forward([gen([2, 3]), gen([4])]))).to.deep.equal(['t:input\n\ttable: {2x3, 4}']);
  });
});

describe('nn.WhiteNoise', () => {
  it('training: output = input + noise:normal(mean, std) drawn from Torch\'s RNG in row-major order', () => {
    const m = new nn.WhiteNoise(0.5, 2);
    const x = gen([3, 4]), g = gen([3, 4]);
    t.manualSeed(123);
    const y = (m.forward(x) as Tensor).clone();
    t.manualSeed(123);
    const n: number[] = [];
    for (let i = 0; i < 12; i++) n.push(t.normal(0.5, 2));
    expectClose(m.noise, n, 1e-15);
    expectClose(y, flat(x).map((v, i) => v + n[i]), 1e-15);
    expect(flat(m.backward(x, g))).to.deep.equal(flat(g));
    const d = new nn.WhiteNoise();
    expect([d.mean, d.std]).to.deep.equal([0, 0.1]);
    t.manualSeed(9);
    const f = (new nn.WhiteNoise(0, 1).float().forward(t.zeros(5).float()) as Tensor);
    t.manualSeed(9);
    expect(f.type()).to.equal('torch.FloatTensor');
    expectClose(f, [0, 1, 2, 3, 4].map(() => Math.fround(t.normal(0, 1))), 0);
  });

  it('evaluate: input + mean, no draw; backward errors; printing; clearState', () => {
    const m = new nn.WhiteNoise(1.5, 0.2).evaluate();
    const x = gen([4]);
    t.manualSeed(5);
    expectClose(m.forward(x) as Tensor, flat(x).map((v) => v + 1.5), 1e-15);
    const after = t.uniform();
    t.manualSeed(5);
    expect(after).to.equal(t.uniform());
    expect(flat(new nn.WhiteNoise().evaluate().forward(x))).to.deep.equal(flat(x));
    expect(() => m.backward(x, x)).to.throw('backprop only defined while training');
    expect(new nn.WhiteNoise().toString()).to.equal('nn.WhiteNoise mean: 0.000000, std: 0.100000');
    expect(m.toString()).to.equal('nn.WhiteNoise mean: 1.500000, std: 0.200000');
    const c = new nn.WhiteNoise();
    c.forward(x);
    expect(c.clearState()).to.equal(c);
    expect(c.noise.nElement() + c.output.nElement()).to.equal(0);
  });
});
