/** nn.LookupTable and nn.OneHot: 1-based index inputs, against plain reference computations. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { lookup } from '../../nn/thnn/lookup.js';
import { expectClose, flat, nonContiguous, prng, randomTensor } from '../helpers.js';

const t = torch as any;
const rnd = prng(31337);
const gen = (type: string, sizes: number[]): Tensor => randomTensor(type, sizes, rnd, -2, 2);
const longs = (v: unknown) => new t.LongTensor(v);

/** Row r (1-based) of a matrix as a plain array. */
const row = (w: Tensor, r: number): number[] => flat(w.select(1, r) as Tensor);

/** The expected forward: the weight rows of each index, in order. */
const lookupRef = (w: Tensor, idx: number[]): number[] => idx.flatMap((i) => row(w, i));

/** The expected gradWeight after accGradParameters on zeroed grads. */
function gradRef(w: Tensor, idx: number[], g: number[], scale: number, padding = 0, byFreq = false): number[][] {
  const n = w.size(1), d = w.size(2);
  const out = Array.from({ length: n }, () => new Array<number>(d).fill(0));
  const count = new Map<number, number>();
  idx.forEach((i) => count.set(i, (count.get(i) ?? 0) + 1));
  idx.forEach((i, k) => {
    if (i === padding) return;
    const s = byFreq ? scale / count.get(i)! : scale;
    for (let j = 0; j < d; j++) out[i - 1][j] += s * g[k * d + j];
  });
  return out;
}

describe('nn.LookupTable', () => {
  it('reset draws weight:normal(0, 1) from Torch\'s RNG (reset(stdv) uses stdv); gradWeight starts at zero', () => {
    t.manualSeed(123);
    const m = new nn.LookupTable(6, 3);
    t.manualSeed(123);
    const ref = new t.DoubleTensor(6, 3).normal(0, 1);
    expect(flat(m.weight)).to.deep.equal(flat(ref));
    expect(flat(m.gradWeight).every((v) => v === 0)).to.equal(true);
    t.manualSeed(5);
    m.reset(0.1);
    t.manualSeed(5);
    expect(flat(m.weight)).to.deep.equal(flat(new t.DoubleTensor(6, 3).normal(0, 0.1)));
    expect(m.paddingValue).to.equal(0);
    expect(m.maxNorm).to.equal(undefined);
  });

  it('1-D input: n x nOutput rows; 2-D (batch) input: b x n x nOutput; repeated indices accumulate', () => {
    const m = new nn.LookupTable(8, 4);
    const idx1 = [3, 1, 3, 8, 2];
    const y1 = m.forward(longs(idx1));
    expect(y1.size().totable()).to.deep.equal([5, 4]);
    expectClose(y1, lookupRef(m.weight, idx1), 0);
    const g1 = gen('Double', [5, 4]);
    m.zeroGradParameters();
    const gi1 = m.backward(longs(idx1), g1, 0.5);
    expect(gi1.type()).to.equal('torch.LongTensor');
    expect(gi1.size().totable()).to.deep.equal([5]);
    expect(flat(gi1).every((v) => v === 0)).to.equal(true);
    expectClose(m.gradWeight, gradRef(m.weight, idx1, flat(g1), 0.5).flat(), 1e-15);

    const idx2 = [[1, 3, 5], [2, 3, 8]];
    const y2 = m.forward(longs(idx2));
    expect(y2.size().totable()).to.deep.equal([2, 3, 4]);
    expectClose(y2, lookupRef(m.weight, idx2.flat()), 0);
    const g2 = nonContiguous(gen('Double', [2, 3, 4]));
    m.zeroGradParameters();
    const gi2 = m.backward(longs(idx2), g2);
    expect(gi2.size().totable()).to.deep.equal([2, 3]);
    expectClose(m.gradWeight, gradRef(m.weight, idx2.flat(), flat(g2), 1).flat(), 1e-15);
    // back to 1-D on the same buffers
    expectClose(m.forward(longs(idx1)), lookupRef(m.weight, idx1), 0);
  });

  it('accepts non-contiguous, Int and Double index tensors (copied into a LongTensor, as Torch)', () => {
    const m = new nn.LookupTable(9, 3);
    const base = longs([[4, 9], [1, 4], [7, 2]]);
    const nc = base.t();
    expect(nc.isContiguous()).to.equal(false);
    const want = [4, 1, 7, 9, 4, 2];
    expectClose(m.forward(nc), lookupRef(m.weight, want), 0);
    expect(m.copiedInput).to.equal(true);
    const g = gen('Double', [2, 3, 3]);
    m.zeroGradParameters();
    m.backward(nc, g);
    expectClose(m.gradWeight, gradRef(m.weight, want, flat(g), 1).flat(), 1e-15);
    for (const T of ['Int', 'Double']) {
      const x = new t[`${T}Tensor`]([5, 5, 3]);
      m.zeroGradParameters();
      expectClose(m.forward(x), lookupRef(m.weight, [5, 5, 3]), 0);
      const gi = m.backward(x, gen('Double', [3, 3]));
      expect(gi.type()).to.equal(`torch.${T}Tensor`);
      expect(m._input.type()).to.equal('torch.LongTensor');
    }
    m.forward(longs([1, 2]));
    expect(m.copiedInput).to.equal(false);
  });

  it('scaleGradByFreq divides each row\'s gradient by the count of its index', () => {
    const m = new nn.LookupTable(6, 2).scaleGradByFreq();
    expect(m.shouldScaleGradByFreq).to.equal(true);
    const idx = [2, 5, 2, 2, 6, 5];
    const g = gen('Double', [6, 2]);
    m.forward(longs(idx));
    m.zeroGradParameters();
    m.backward(longs(idx), g, 3);
    expectClose(m.gradWeight, gradRef(m.weight, idx, flat(g), 3, 0, true).flat(), 1e-15);
    const c = flat(m._count);
    expect(c.length).to.equal(6);
    expect([c[1], c[4], c[5]], 'counts of 2, 5, 6').to.deep.equal([3, 2, 1]);
  });

  it('the padding row gets no gradient and is not changed by updates', () => {
    const m = new nn.LookupTable(5, 3, 2);
    expect(m.paddingValue).to.equal(2);
    const idx = [2, 1, 2, 4];
    const g = gen('Double', [4, 3]);
    m.forward(longs(idx));
    m.zeroGradParameters();
    m.backward(longs(idx), g);
    expectClose(m.gradWeight, gradRef(m.weight, idx, flat(g), 1, 2).flat(), 1e-15);
    expect(row(m.gradWeight, 2)).to.deep.equal([0, 0, 0]);
    const pad = row(m.weight, 2);
    m.updateGradInput(longs(idx), g);
    m.accUpdateGradParameters(longs(idx), g, 0.1);
    expect(row(m.weight, 2)).to.deep.equal(pad);
    m.setPadding(0);
    m.zeroGradParameters();
    m.backward(longs(idx), g);
    expect(row(m.gradWeight, 2).some((v) => v !== 0)).to.equal(true);
  });

  it('maxNorm renormalises the looked-up rows (normType 1, 2 and fractional) as THNN does', () => {
    for (const normType of [1, 2, 0.7, undefined]) {
      t.manualSeed(8);
      const m = new nn.LookupTable(7, 4, 0, 1.2, normType);
      const w0 = m.weight.clone();
      const idx = [[3, 6, 3], [1, 6, 7]];
      const p = normType ?? 2;
      const y = m.forward(longs(idx));
      const norm = (v: number[]) => v.reduce((s, x) => s + Math.abs(x) ** p, 0) ** (1 / p);
      for (let r = 1; r <= 7; r++) {
        const before = row(w0, r), n = norm(before);
        const used = idx.flat().includes(r);
        const want = used && n > 1.2 ? before.map((x) => x * (1.2 / (n + 1e-7))) : before;
        expectClose(row(m.weight, r), want, 1e-13);
      }
      expectClose(y, lookupRef(m.weight, idx.flat()), 0);
      for (let k = 0; k < 6; k++) expect(norm(flat((y.view(6, 4) as Tensor).select(1, k + 1) as Tensor))).to.be.at.most(1.2 + 1e-9);
    }
    const m = new nn.LookupTable(5, 2).setMaxNorm(0.5).setNormType(1);
    m.forward(longs([1, 2, 3, 4, 5]));
    for (let r = 1; r <= 5; r++) expect(row(m.weight, r).reduce((s, x) => s + Math.abs(x), 0)).to.be.at.most(0.5 + 1e-9);
  });

  it('float(): FloatTensor weights and outputs, index buffers stay Int/Long', () => {
    t.manualSeed(2);
    const m = new nn.LookupTable(6, 3, 0, 0.9).float();
    expect(m.weight.type()).to.equal('torch.FloatTensor');
    expect(m._input.type()).to.equal('torch.LongTensor');
    expect(m._count.type()).to.equal('torch.IntTensor');
    const idx = [[2, 4], [4, 6]];
    const y = m.forward(longs(idx));
    expect(y.type()).to.equal('torch.FloatTensor');
    expectClose(y, lookupRef(m.weight, idx.flat()), 0);
    const g = gen('Float', [2, 2, 3]);
    m.zeroGradParameters();
    m.backward(longs(idx), g);
    expect(m.gradWeight.type()).to.equal('torch.FloatTensor');
    expectClose(m.gradWeight, gradRef(m.weight, idx.flat(), flat(g), 1).flat(), 1e-6);
  });

  it('accUpdateOnly drops gradWeight; backwardUpdate then updates the weight directly', () => {
    const m = new nn.LookupTable(4, 2).accUpdateOnly();
    expect(m.gradWeight).to.equal(undefined);
    expect(m.parameters()[1]).to.deep.equal([]);
    const w0 = m.weight.clone();
    const idx = [1, 3, 1];
    const g = gen('Double', [3, 2]);
    m.forward(longs(idx));
    m.backwardUpdate(longs(idx), g, 0.1);
    const grad = gradRef(w0, idx, flat(g), 1);
    expectClose(m.weight, flat(w0).map((v, i) => v - 0.1 * grad[Math.floor(i / 2)][i % 2]), 1e-15);
  });

  it('reuses its buffers (output, gradInput, _input, _count) across calls; clearState empties them', () => {
    const m = new nn.LookupTable(10, 3).scaleGradByFreq();
    const x = new t.IntTensor([[1, 2], [3, 3]]);
    const g = gen('Double', [2, 2, 3]);
    m.forward(x); m.backward(x, g);
    const out = m.output, os = out.storage(), gi = m.gradInput, is = m._input.storage(), cs = m._count.storage();
    m.forward(new t.IntTensor([[4, 5], [6, 7]])); m.backward(x, g);
    expect(m.output).to.equal(out);
    expect(m.output.storage()).to.equal(os);
    expect(m.gradInput).to.equal(gi);
    expect(m._input.storage()).to.equal(is);
    expect(m._count.storage()).to.equal(cs);
    expect(m.clearState()).to.equal(m);
    expect([m.output.nElement(), m._input.nElement(), m._count.nElement()]).to.deep.equal([0, 0, 0]);
    expectClose(m.forward(x), lookupRef(m.weight, [1, 2, 3, 3]), 0);
  });

  it('raises THNN\'s errors for bad shapes and out-of-range indices', () => {
    const m = new nn.LookupTable(10, 2);
    expect(() => m.forward(longs([[[1]]]))).to.throw('input must be a vector or matrix');
    expect(() => m.accGradParameters(longs([1, 11]), gen('Double', [2, 2]))).to.throw(
      'inputs need to be in the range 1 <= input < 11, but got input of value: 11');
    expect(() => m.accGradParameters(longs([0]), gen('Double', [1, 2]))).to.throw(
      'inputs need to be in the range 1 <= input < 11, but got input of value: 0');
    expect(() => m.accGradParameters(longs([[[1]]]), gen('Double', [1, 2]))).to.throw('input must be a vector or matrix');
    expect(() => lookup.LookupTable_accGradParameters(longs([[[1]]]), gen('Double', [1, 2]), m.gradWeight, new t.IntTensor(),
      null, null, false, 0, 1)).to.throw('input must be a vector or matrix, but is of shape: [1 x 1 x 1]');
    expect(() => m.accGradParameters(longs([1, 2, 3]), gen('Double', [2, 2]))).to.throw('gradOutput must have 6 elements');
    expect(() => lookup.LookupTable_accGradParameters(longs([1]), gen('Double', [1, 2]), m.gradWeight.t(), new t.IntTensor(),
      null, null, false, 0, 1)).to.throw('gradWeight must be contiguous');
    const r = new nn.LookupTable(10, 2, 0, 1);
    expect(() => r.forward(longs([3, 12]))).to.throw('input need to be in the range 1 <= input < 11, but got input of value: 12');
    expect(() => lookup.LookupTable_renorm(longs([1]), r.weight, 1, 0)).to.throw('non-positive-norm not supported');
    expect(() => lookup.LookupTable_renorm(longs([[1]]), r.weight, 1, 2)).to.throw('idx must be a vector');
    expect(() => lookup.LookupTable_renorm(longs([1]), r.weight.t(), 1, 2)).to.throw('weight must be contiguous');
  });

  it('prints as Torch (the type name)', () => {
    expect(String(new nn.LookupTable(3, 2))).to.equal('nn.LookupTable');
  });
});

describe('nn.OneHot', () => {
  it('maps 1-based indices of any shape to one-hot rows (size s x outputSize)', () => {
    const m = new nn.OneHot(4);
    const y1 = m.forward(longs([2, 4, 1]));
    expect(y1.size().totable()).to.deep.equal([3, 4]);
    expect(y1.totable()).to.deep.equal([[0, 1, 0, 0], [0, 0, 0, 1], [1, 0, 0, 0]]);
    const y2 = m.forward(longs([[3, 3], [1, 2]]));
    expect(y2.size().totable()).to.deep.equal([2, 2, 4]);
    expect(y2.totable()).to.deep.equal([[[0, 0, 1, 0], [0, 0, 1, 0]], [[1, 0, 0, 0], [0, 1, 0, 0]]]);
    expect(y2, 'output buffer reused').to.equal(y1);
    const nc = longs([[3, 1], [3, 2]]).t();
    expect(nc.isContiguous()).to.equal(false);
    expect(m.forward(nc).totable()).to.deep.equal([[[0, 0, 1, 0], [0, 0, 1, 0]], [[1, 0, 0, 0], [0, 1, 0, 0]]]);
  });

  it('accepts Double/Int index tensors and plain numbers; gradInput is zeros (0 for a number)', () => {
    const m = new nn.OneHot(3);
    const x = new t.DoubleTensor([3, 1]);
    expect(m.forward(x).totable()).to.deep.equal([[0, 0, 1], [1, 0, 0]]);
    expect(m._input!.type()).to.equal('torch.LongTensor');
    const gi = m.backward(x, gen('Double', [2, 3]));
    expect(gi.size().totable()).to.deep.equal([2]);
    expect(flat(gi)).to.deep.equal([0, 0]);
    expect(m.forward(new t.IntTensor([[2]])).totable()).to.deep.equal([[[0, 1, 0]]]);
    const y = m.forward(2);
    expect(y.size().totable()).to.deep.equal([3]);
    expect(flat(y)).to.deep.equal([0, 1, 0]);
    expect(m.updateGradInput(2, y)).to.equal(0);
  });

  it('float(); clearState drops the index buffers; bad indices raise scatter\'s error; prints as Torch', () => {
    const m = new nn.OneHot(5).float();
    const y = m.forward(new t.DoubleTensor([5]));
    expect(y.type()).to.equal('torch.FloatTensor');
    expect(flat(y)).to.deep.equal([0, 0, 0, 0, 1]);
    expect(m.clearState()).to.equal(m);
    expect(m._input).to.equal(undefined);
    expect(m._single).to.equal(undefined);
    expect(() => m.forward(longs([6]))).to.throw('Invalid index in scatter');
    expect(() => m.forward(longs([0]))).to.throw('Invalid index in scatter');
    expect(String(m)).to.equal('nn.OneHot');
    expect(m.outputSize).to.equal(5);
  });
});
