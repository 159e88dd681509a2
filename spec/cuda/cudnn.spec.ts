/**
 * The cudnn package (cuda/cudnn): cudnn.torch's module classes as subclasses of the nn modules, loaded
 * and saved under their cudnn names, and cudnn.convert. The real model is classifTimeSeries/test.t7
 * (an nn.Sequential with cudnn.Tanh, saved with torch.CudaTensor parameters).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { cuda, cudnn } from '../../cuda/index.js';
import { torch, Tensor } from '../../lib/index.js';
import { deserialize, load, serialize, TorchObject } from '../../lib/File/index.js';
import { nn } from '../../nn/index.js';
import type { Module } from '../../nn/Module.js';
import { expectClose, fixture } from '../helpers.js';

const TS = fixture('t7', 'classifTimeSeries', 'test.t7');

/** A seeded input of the given sizes (values in [-2, 2)), of the default type. */
function input(seed: number, ...sizes: number[]): Tensor {
  torch.manualSeed(seed);
  return torch.rand(...sizes).mul(4).add(-2) as Tensor;
}

/** The sizes of a tensor as an array. */
const dims = (t: Tensor): number[] => Array.from({ length: t.dim() }, (_, i) => t.size(i + 1));

/** The parameters of a module ([] for none). */
const params = (m: Module): Tensor[] => (m.parameters() ?? [[]])[0] ?? [];
const grads = (m: Module): Tensor[] => (m.parameters() ?? [[], []])[1] ?? [];

/** The modules of a net, depth first. */
const typenames = (net: Module): string[] => net.listModules().map((m) => m.__typename);

interface Case {
  name: string;
  /** Builds the cudnn module with cudnn's constructor. */
  cudnn: () => Module;
  /** Builds the nn module that must compute the same. */
  nn: () => Module;
  sizes: number[];
  /** Does the module's backward need training mode (batch normalization)? */
  evaluate?: boolean;
}

const CASES: Case[] = [
  { name: 'Tanh()', cudnn: () => new cudnn.Tanh(), nn: () => new nn.Tanh(), sizes: [3, 5] },
  { name: 'Tanh(true) (in place)', cudnn: () => new cudnn.Tanh(true), nn: () => new nn.Tanh(), sizes: [3, 5] },
  { name: 'Sigmoid()', cudnn: () => new cudnn.Sigmoid(), nn: () => new nn.Sigmoid(), sizes: [2, 3, 4] },
  { name: 'Sigmoid(true) (in place)', cudnn: () => new cudnn.Sigmoid(true), nn: () => new nn.Sigmoid(), sizes: [7] },
  { name: 'ReLU()', cudnn: () => new cudnn.ReLU(), nn: () => new nn.ReLU(), sizes: [4, 6] },
  { name: 'ReLU(true) (in place)', cudnn: () => new cudnn.ReLU(true), nn: () => new nn.ReLU(true), sizes: [4, 6] },
  { name: 'ClippedReLU(0.5)', cudnn: () => new cudnn.ClippedReLU(0.5), nn: () => new nn.HardTanh(0, 0.5), sizes: [4, 6] },
  { name: 'SoftMax() on 2-D', cudnn: () => new cudnn.SoftMax(), nn: () => new nn.SoftMax(), sizes: [3, 7] },
  { name: 'LogSoftMax() on 1-D', cudnn: () => new cudnn.LogSoftMax(), nn: () => new nn.LogSoftMax(), sizes: [9] },
  { name: 'SpatialSoftMax() on 4-D', cudnn: () => new cudnn.SpatialSoftMax(), nn: () => new nn.SpatialSoftMax(), sizes: [2, 3, 2, 2] },
  { name: 'SpatialLogSoftMax(true) on 3-D', cudnn: () => new cudnn.SpatialLogSoftMax(true), nn: () => new nn.SpatialLogSoftMax(), sizes: [4, 2, 3] },
  // cudnn's padH defaults to 0, nn's to padW
  { name: 'SpatialConvolution(2, 3, 3, 3, 1, 1, 1)', cudnn: () => new cudnn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1),
    nn: () => new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 0), sizes: [2, 2, 5, 6] },
  { name: 'SpatialConvolution(2, 4, 2, 3) on 3-D', cudnn: () => new cudnn.SpatialConvolution(2, 4, 2, 3),
    nn: () => new nn.SpatialConvolution(2, 4, 2, 3), sizes: [2, 5, 4] },
  { name: 'SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1)', cudnn: () => new cudnn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1),
    nn: () => new nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1), sizes: [2, 2, 3, 3] },
  { name: 'VolumetricConvolution(2, 2, 2, 2, 2)', cudnn: () => new cudnn.VolumetricConvolution(2, 2, 2, 2, 2),
    nn: () => new nn.VolumetricConvolution(2, 2, 2, 2, 2), sizes: [2, 3, 3, 3] },
  { name: 'VolumetricFullConvolution(2, 2, 2, 2, 2)', cudnn: () => new cudnn.VolumetricFullConvolution(2, 2, 2, 2, 2),
    nn: () => new nn.VolumetricFullConvolution(2, 2, 2, 2, 2), sizes: [2, 2, 2, 2] },
  // cudnn's strides default to the kernel size (nn.SpatialAveragePooling's to 1)
  { name: 'SpatialMaxPooling(2, 2)', cudnn: () => new cudnn.SpatialMaxPooling(2, 2), nn: () => new nn.SpatialMaxPooling(2, 2, 2, 2), sizes: [2, 2, 4, 6] },
  { name: 'SpatialMaxPooling(3, 3, 2, 2, 1, 1)', cudnn: () => new cudnn.SpatialMaxPooling(3, 3, 2, 2, 1, 1),
    nn: () => new nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1), sizes: [2, 5, 5] },
  { name: 'SpatialAveragePooling(2, 2)', cudnn: () => new cudnn.SpatialAveragePooling(2, 2),
    nn: () => new nn.SpatialAveragePooling(2, 2, 2, 2), sizes: [2, 2, 4, 6] },
  { name: 'SpatialAveragePooling(3, 3, 2, 2, 1, 1) counts the padding', cudnn: () => new cudnn.SpatialAveragePooling(3, 3, 2, 2, 1, 1),
    nn: () => new nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1).setCountIncludePad(), sizes: [2, 5, 5] },
  { name: 'VolumetricMaxPooling(2, 2, 2)', cudnn: () => new cudnn.VolumetricMaxPooling(2, 2, 2),
    nn: () => new nn.VolumetricMaxPooling(2, 2, 2), sizes: [2, 4, 4, 4] },
  { name: 'VolumetricAveragePooling(2, 2, 2)', cudnn: () => new cudnn.VolumetricAveragePooling(2, 2, 2),
    nn: () => new nn.VolumetricAveragePooling(2, 2, 2), sizes: [1, 2, 4, 4, 4] },
  { name: 'BatchNormalization(3)', cudnn: () => new cudnn.BatchNormalization(3), nn: () => new nn.BatchNormalization(3), sizes: [5, 3] },
  { name: 'BatchNormalization(3, 1e-3, 0.2) evaluated', cudnn: () => new cudnn.BatchNormalization(3, 1e-3, 0.2),
    nn: () => new nn.BatchNormalization(3, 1e-3, 0.2), sizes: [5, 3], evaluate: true },
  { name: 'SpatialBatchNormalization(2)', cudnn: () => new cudnn.SpatialBatchNormalization(2),
    nn: () => new nn.SpatialBatchNormalization(2), sizes: [3, 2, 2, 3] },
  { name: 'VolumetricBatchNormalization(2)', cudnn: () => new cudnn.VolumetricBatchNormalization(2),
    nn: () => new nn.VolumetricBatchNormalization(2), sizes: [3, 2, 2, 2, 3] },
  { name: 'VolumetricBatchNormalization(2, 1e-3, 0.2) evaluated', cudnn: () => new cudnn.VolumetricBatchNormalization(2, 1e-3, 0.2),
    nn: () => new nn.VolumetricBatchNormalization(2, 1e-3, 0.2), sizes: [2, 2, 2, 3, 2], evaluate: true },
  { name: 'SpatialCrossMapLRN()', cudnn: () => new cudnn.SpatialCrossMapLRN(), nn: () => new nn.SpatialCrossMapLRN(5, 1e-4, 0.75, 1),
    sizes: [2, 6, 3, 3] },
  { name: 'SpatialCrossMapLRN(3, 0.01, 0.5, 2)', cudnn: () => new cudnn.SpatialCrossMapLRN(3, 0.01, 0.5, 2),
    nn: () => new nn.SpatialCrossMapLRN(3, 0.01, 0.5, 2), sizes: [4, 3, 3] },
];

/** forward + backward of a module: output, gradInput and the parameter gradients, cloned. */
function run(m: Module, x: Tensor, gy: Tensor, evaluate = false): Tensor[] {
  if (evaluate) m.evaluate();
  m.zeroGradParameters();
  const y = (m.forward(x.clone()) as Tensor).clone();
  const gx = evaluate ? y : (m.backward(x.clone(), gy.clone()) as Tensor).clone();
  return [y, gx, ...(evaluate ? [] : grads(m).map((g: Tensor) => g.clone()))];
}

describe('cudnn: each class built with cudnn\'s constructor computes what its nn counterpart does', () => {
  for (const c of CASES) {
    it(c.name, () => {
      torch.manualSeed(7);
      const a = c.cudnn();
      torch.manualSeed(7);
      const b = c.nn();
      expect(a).to.be.instanceOf(b.constructor);
      expect(a.__typename.startsWith('cudnn.')).to.equal(true);
      expect(b.__typename.startsWith('nn.')).to.equal(true);
      const pa = params(a), pb = params(b);
      expect(pa.length).to.equal(pb.length);
      pa.forEach((p: Tensor, i: number) => expectClose(p, pb[i], 0));
      const x = input(1, ...c.sizes);
      const y = c.nn().forward(x.clone()) as Tensor;
      const gy = input(2, ...dims(y));
      const ra = run(a, x, gy, c.evaluate), rb = run(b, x, gy, c.evaluate);
      expect(ra.length).to.equal(rb.length);
      ra.forEach((t, i) => { expect(dims(t)).to.deep.equal(dims(rb[i])); expectClose(t, rb[i], 1e-12); });
      // saved and loaded back: the cudnn class again, same result
      const back = deserialize(serialize(a)) as Module;
      expect(back.__typename).to.equal(a.__typename);
      expect(back.constructor).to.equal(a.constructor);
      expectClose(back.forward(x.clone()) as Tensor, ra[0], 1e-12);
    });
  }

  it('in place: Tanh/Sigmoid/ReLU(true) write the output into the input and the gradient into gradOutput', () => {
    for (const m of [new cudnn.Tanh(true), new cudnn.Sigmoid(true), new cudnn.ReLU(true)]) {
      const x = input(3, 2, 4), x0 = x.clone(), gy = input(4, 2, 4);
      const y = m.forward(x) as Tensor;
      expect(y.storage() === x.storage(), String(m)).to.equal(true);
      const ref = new (Object.getPrototypeOf(m.constructor) as new () => Module)();
      expectClose(x, ref.forward(x0) as Tensor, 1e-15);
      const gx = m.backward(x, gy) as Tensor;
      expect(gx.storage() === gy.storage(), String(m)).to.equal(true);
      // after a type change the in-place path works on the new type
      m.float();
      const xf = input(3, 2, 4).float();
      const yf = m.forward(xf) as Tensor;
      expect(yf.type()).to.equal('torch.FloatTensor');
      expectClose(yf, (ref.float().forward(input(3, 2, 4).float()) as Tensor), 1e-6);
    }
  });

  it('cudnn.SoftMax / LogSoftMax normalize each sample over C*H*W (INSTANCE mode), unlike nn.SoftMax on 4-D input', () => {
    const x = input(5, 2, 3, 2, 2), gy = input(6, 2, 3, 2, 2);
    for (const [C, N] of [[cudnn.SoftMax, nn.SoftMax], [cudnn.LogSoftMax, nn.LogSoftMax]] as const) {
      const a = new C(), b = new N();
      const y = a.forward(x) as Tensor;
      expect(dims(y)).to.deep.equal([2, 3, 2, 2]);
      expectClose(y, (b.forward(x.view(2, 12)) as Tensor).view(2, 3, 2, 2), 1e-12);
      expectClose(a.backward(x, gy) as Tensor, (b.backward(x.view(2, 12), gy.view(2, 12)) as Tensor).view(2, 3, 2, 2), 1e-12);
      expect((a as unknown as { mode: string }).mode).to.equal('CUDNN_SOFTMAX_MODE_INSTANCE');
    }
    // 3-D input is one instance
    const s = new cudnn.SoftMax().forward(input(7, 2, 2, 3)) as Tensor;
    expect(s.sum()).to.be.closeTo(1, 1e-12);
  });

  it('VolumetricAveragePooling with padding counts the pads, as cudnn\'s COUNT_INCLUDE_PADDING', () => {
    const m = new cudnn.VolumetricAveragePooling(2, 2, 2, 2, 2, 2, 1, 1, 1);
    const x = torch.ones(1, 2, 2, 2);
    const y = m.forward(x) as Tensor;
    expect(dims(y)).to.deep.equal([1, 2, 2, 2]);
    // each window holds one input element of 8 cells
    expectClose(y, torch.ones(1, 2, 2, 2).mul(1 / 8), 1e-15);
  });

  it('fields: a cudnn.ReLU has cudnn\'s fields (no threshold/val), and nn.ReLU\'s defaults still apply', () => {
    const r = new cudnn.ReLU();
    expect(Object.keys(r)).to.not.include('threshold');
    expect(Object.keys(r)).to.not.include('val');
    expect(r.inplace).to.equal(false);
    expect(r.threshold).to.equal(0);
    expect(r.val).to.equal(0);
    expect(Object.keys(new cudnn.SpatialAveragePooling(2, 2))).to.not.include('divide');
    expect(Object.keys(new cudnn.ClippedReLU(6))).to.include('ceiling');
    expect(new cudnn.SpatialConvolution(3, 4, 3, 3).groups).to.equal(1);
    expect(new cudnn.SpatialSoftMax(true).algorithm).to.equal('CUDNN_SOFTMAX_FAST');
    expect(new cudnn.SpatialSoftMax().algorithm).to.equal('CUDNN_SOFTMAX_ACCURATE');
  });

  it('a cudnn.ReLU as cudnn.torch writes it (inplace, mode, no threshold) loads, runs and saves back unchanged', () => {
    const fields = { inplace: false, mode: 'CUDNN_ACTIVATION_RELU', nElem: 6, train: true, _type: 'torch.DoubleTensor',
      output: new torch.DoubleTensor(), gradInput: new torch.DoubleTensor() };
    const bytes = serialize(new TorchObject('cudnn.ReLU', fields));
    const r = deserialize(bytes) as InstanceType<typeof cudnn.ReLU>;
    expect(r).to.be.instanceOf(cudnn.ReLU);
    expect(r).to.be.instanceOf(nn.ReLU);
    expect(serialize(r).equals(bytes)).to.equal(true);
    const x = input(8, 2, 3);
    expectClose(r.forward(x) as Tensor, new nn.ReLU().forward(x) as Tensor, 0);
    expect(r.nElem).to.equal(6);
    expect(Object.keys(r)).to.not.include('threshold');
    // a ClippedReLU's max_val comes from its ceiling
    const c = deserialize(serialize(new TorchObject('cudnn.ClippedReLU', { ceiling: 0.25, inplace: false, train: true,
      output: new torch.DoubleTensor(), gradInput: new torch.DoubleTensor() }))) as InstanceType<typeof cudnn.ClippedReLU>;
    expect(c.max_val).to.equal(0.25);
    expectClose(c.forward(torch.ones(3)) as Tensor, [0.25, 0.25, 0.25], 0);
  });
});

describe('cudnn: files', () => {
  it('a version-1 cudnn.BatchNormalization (running_std) gets nn\'s fix-up, and is written as version 2', () => {
    const bn = new nn.BatchNormalization(2);
    const fields: Record<string, unknown> = { ...bn };
    fields.running_std = new torch.Tensor([0.5, 0.25]);
    delete fields.running_var;
    const m = deserialize(serialize(new TorchObject('cudnn.BatchNormalization', fields, 1))) as InstanceType<typeof cudnn.BatchNormalization>;
    expect(m).to.be.instanceOf(cudnn.BatchNormalization);
    expectClose(m.running_var, [4 - 1e-5, 16 - 1e-5], 1e-12);
    expect(serialize(m).includes(Buffer.from('V 2'))).to.equal(true);
  });
});

describe('cudnn: a real model saved with cudnn layers (classifTimeSeries/test.t7)', () => {
  it('loads into runnable cudnn modules on CudaTensor, saved back byte for byte', () => {
    const bytes = readFileSync(TS);
    const net = load(TS) as Module;
    const tanhs = net.modules!.filter((m) => m.__typename === 'cudnn.Tanh');
    expect(tanhs.length).to.equal(6);
    for (const t of tanhs) {
      expect(t).to.be.instanceOf(cudnn.Tanh);
      expect((t as unknown as { mode: string }).mode).to.equal('CUDNN_ACTIVATION_TANH');
    }
    expect(net.modules!.some((m) => m instanceof TorchObject)).to.equal(false);
    expect(cuda.isCuda(net.modules![0].weight)).to.equal(true);
    expect(serialize(net).equals(bytes)).to.equal(true);
  });

  it('forward on Float and CudaTensor equals the same net after cudnn.convert(net, nn), and a hand-built nn.Tanh', () => {
    const net = (load(TS) as Module).float();
    const x = input(9, 2, 96, 1).float();
    const y = (net.forward(x) as Tensor).clone();
    expect(dims(y)).to.deep.equal([2, 2]);
    const conv = cudnn.convert(load(TS) as Module, nn).float();
    expect(typenames(conv).filter((t) => t.startsWith('cudnn.'))).to.deep.equal([]);
    expect(typenames(conv).filter((t) => t === 'nn.Tanh').length).to.equal(6);
    expectClose(conv.forward(x) as Tensor, y, 0);
    // the first cudnn.Tanh by hand: nn.TemporalConvolution then nn.Tanh
    const h1 = net.modules![0].forward(x) as Tensor;
    expectClose(net.modules![1].output as Tensor, new nn.Tanh().float().forward(h1) as Tensor, 0);
    // and on the device, as loaded (CudaTensor parameters)
    const gpu = load(TS) as Module;
    expectClose((gpu.forward(x.cuda()) as Tensor).float(), y, 1e-4);
    // backward runs through the cudnn layers
    const gx = net.backward(x, torch.ones(2, 2).float()) as Tensor;
    expectClose(gx, conv.backward(x, torch.ones(2, 2).float()) as Tensor, 0);
  });

  it('convert to nn and back to cudnn gives the original file byte for byte; to nn the class names change only', () => {
    const bytes = readFileSync(TS);
    const net = load(TS) as Module;
    const n = cudnn.convert(net, nn);
    expect(n).to.equal(net);
    const asNN = serialize(n);
    expect(asNN.includes(Buffer.from('cudnn.Tanh'))).to.equal(false);
    expect(asNN.length).to.equal(bytes.length - 6 * 3);
    expect(serialize(cudnn.convert(n, cudnn)).equals(bytes)).to.equal(true);
  });
});

describe('cudnn.convert', () => {
  const build = (): Module => {
    torch.manualSeed(11);
    return new nn.Sequential()
      .add(new nn.SpatialConvolution(2, 4, 3, 3, 1, 1, 1, 1))
      .add(new nn.SpatialBatchNormalization(4))
      .add(new nn.ReLU())
      .add(new nn.SpatialMaxPooling(2, 2, 2, 2))
      .add(new nn.SpatialAveragePooling(2, 2, 2, 2))
      .add(new nn.SpatialConvolutionMM(4, 3, 1, 1))
      .add(new nn.Tanh())
      .add(new nn.View(3))
      .add(new nn.Linear(3, 5))
      .add(new nn.Sigmoid())
      .add(new nn.LogSoftMax());
  };

  it('nn -> cudnn -> nn: every convertible layer swaps, parameters and results are kept', () => {
    const net = build();
    const x = input(12, 2, 2, 4, 4);
    const y = (net.forward(x) as Tensor).clone();
    const ps = params(net);
    const c = cudnn.convert(net, cudnn);
    expect(c).to.equal(net);
    expect(typenames(c)).to.deep.equal(['nn.Sequential', 'cudnn.SpatialConvolution', 'cudnn.SpatialBatchNormalization', 'cudnn.ReLU',
      'cudnn.SpatialMaxPooling', 'cudnn.SpatialAveragePooling', 'cudnn.SpatialConvolution', 'cudnn.Tanh', 'nn.View', 'nn.Linear',
      'cudnn.Sigmoid', 'cudnn.LogSoftMax']);
    const p2 = params(c);
    expect(p2.length).to.equal(ps.length);
    p2.forEach((p: Tensor, i: number) => expect(p).to.equal(ps[i]));
    expectClose(c.forward(x) as Tensor, y, 1e-12);
    // ReLU came from a fresh cudnn.ReLU then took nn.ReLU's fields
    expect(c.modules![2]).to.be.instanceOf(cudnn.ReLU);
    expect(Object.keys(c.modules![2])).to.include('threshold');
    const back = cudnn.convert(c, nn);
    expect(typenames(back)).to.deep.equal(['nn.Sequential', 'nn.SpatialConvolution', 'nn.SpatialBatchNormalization', 'nn.ReLU',
      'nn.SpatialMaxPooling', 'nn.SpatialAveragePooling', 'nn.SpatialConvolution', 'nn.Tanh', 'nn.View', 'nn.Linear',
      'nn.Sigmoid', 'nn.LogSoftMax']);
    expectClose(back.forward(x) as Tensor, y, 1e-12);
    // convert.lua's quirk: cudnn -> nn average pooling gets divide = true, count_include_pad = false
    const avg = back.modules![4] as unknown as { divide: boolean; count_include_pad: boolean };
    expect(avg.divide).to.equal(true);
    expect(avg.count_include_pad).to.equal(false);
    // saved and loaded, the cudnn net keeps its classes
    const again = deserialize(serialize(cudnn.convert(build(), cudnn))) as Module;
    expect(typenames(again)[1]).to.equal('cudnn.SpatialConvolution');
    expectClose(again.forward(x) as Tensor, y, 1e-12);
  });

  it('exclusionFn(module) true keeps the module', () => {
    const net = cudnn.convert(build(), cudnn, (m) => m instanceof nn.ReLU || m.__typename === 'nn.Tanh');
    const t = typenames(net);
    expect(t[3]).to.equal('nn.ReLU');
    expect(t[7]).to.equal('nn.Tanh');
    expect(t[1]).to.equal('cudnn.SpatialConvolution');
    expect(t[10]).to.equal('cudnn.Sigmoid');
  });

  it('nn.VolumetricBatchNormalization <-> cudnn.VolumetricBatchNormalization, parameters and running statistics kept', () => {
    torch.manualSeed(13);
    const net = new nn.Sequential().add(new nn.VolumetricConvolution(2, 3, 2, 2, 2)).add(new nn.VolumetricBatchNormalization(3));
    const x = input(18, 2, 2, 3, 3, 3);
    const y = (net.forward(x) as Tensor).clone();
    const bn = net.modules![1] as Module & { running_mean: Tensor };
    const rm = bn.running_mean;
    cudnn.convert(net, cudnn);
    expect(typenames(net)).to.deep.equal(['nn.Sequential', 'cudnn.VolumetricConvolution', 'cudnn.VolumetricBatchNormalization']);
    expect(net.modules![1]).to.be.instanceOf(cudnn.VolumetricBatchNormalization);
    expect((net.modules![1] as Module & { running_mean: Tensor }).running_mean).to.equal(rm);
    net.evaluate();
    const ye = (net.forward(x) as Tensor).clone();
    expect(dims(ye)).to.deep.equal(dims(y));
    cudnn.convert(net, nn);
    expect(typenames(net)).to.deep.equal(['nn.Sequential', 'nn.VolumetricConvolution', 'nn.VolumetricBatchNormalization']);
    expectClose(net.forward(x) as Tensor, ye, 0);
  });

  it('bad arguments get clear errors', () => {
    const net = build();
    expect(() => cudnn.convert(net, {})).to.throw("bad argument #2 to 'convert' (nn or cudnn expected)");
    expect(() => cudnn.convert(net, 'cudnn' as unknown as object)).to.throw(/bad argument #2/);
    expect(() => cudnn.convert({} as Module, nn)).to.throw("bad argument #1 to 'convert' (nn.Module expected)");
    expect(() => cudnn.convert(net, nn, 3 as unknown as () => boolean)).to.throw(/bad argument #3/);
    expect(() => new (cudnn.ClippedReLU as unknown as new () => Module)()).to.throw('No ceiling was given to ClippedReLU');
    expect(() => new cudnn.SpatialCrossMapLRN(20)).to.throw('size has to be between 1 and 16');
    expect(() => new cudnn.SpatialCrossMapLRN(5, 1e-4, 0.001)).to.throw('Beta has to be > 0.01');
    expect(() => new cudnn.BatchNormalization(3, 1e-5, 0.1, false)).to.throw('only affine supported');
    expect(() => new (cudnn.BatchNormalization as unknown as new () => Module)()).to.throw('Missing argument #1: Number of feature planes.');
    expect(() => new cudnn.SpatialConvolution(3, 4, 3, 3, 1, 1, 0, 0, 2)).to.throw('nInputPlane should be divisible by nGroups');
    expect(() => new cudnn.SpatialConvolution(4, 4, 3, 3, 1, 1, 0, 0, 2)).to.throw(/groups = 2 is not supported/);
    const bn = new cudnn.BatchNormalization(3);
    bn.forward(input(13, 4, 3));
    bn.evaluate();
    expect(() => bn.backward(input(13, 4, 3), input(14, 4, 3))).to.throw("cudnn.BatchNormalization doesnt support backward in evaluate, use nn");
    expect(() => new cudnn.VolumetricBatchNormalization(3, 1e-5, 0.1, false)).to.throw('only affine supported');
    const vbn = new cudnn.VolumetricBatchNormalization(2);
    vbn.forward(input(16, 2, 2, 2, 2, 2));
    vbn.evaluate();
    expect(() => vbn.backward(input(16, 2, 2, 2, 2, 2), input(17, 2, 2, 2, 2, 2)))
      .to.throw("cudnn.BatchNormalization doesnt support backward in evaluate, use nn");
    const avg = new cudnn.SpatialAveragePooling(2, 2);
    avg.divide = false;
    expect(() => avg.forward(input(15, 1, 4, 4))).to.throw('not supported');
  });
});
