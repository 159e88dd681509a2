/**
 * torch.save / torch.load of CudaTensor and CudaStorage as cutorch writes them ('torch.CudaTensor',
 * 'torch.CudaStorage', float data): round trips, shared storages, the current device on load, models
 * saved after .cuda(), and real cutorch files.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { torch, Tensor } from '../../lib/index.js';
import { cuda, CudaStorage, CudaTensor } from '../../cuda/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, fixture, flat, prng, randomTensor } from '../helpers.js';

const T = torch as any;
const int32 = (...v: number[]) => Buffer.from(new Int32Array(v).buffer);
const long = (v: number) => Buffer.from(new BigInt64Array([BigInt(v)]).buffer);
const str = (x: string) => Buffer.concat([int32(x.length), Buffer.from(x, 'latin1')]);
/** A binary torch.CudaTensor of size n (stride 1, offset 1) whose storage object is class `storage` with `count` floats. */
const cudaFile = (n: number, storage: string, count: number) => Buffer.concat([int32(4, 1), str('V 1'), str('torch.CudaTensor'),
  int32(1), long(n), long(1), long(1), int32(4, 2), str('V 1'), str(storage), long(count), Buffer.from(new Float32Array(count).fill(0.5).buffer)]);

describe('torch.save / torch.load of CudaTensor and CudaStorage', function () {
  this.timeout(60000);
  afterEach(() => cuda.setDevice(1));

  it('a CudaTensor round-trips (binary and ascii) with its class, sizes, strides, offset and values', () => {
    const f = randomTensor('Float', [3, 4, 5], prng(1));
    const c = f.cuda();
    const view = c.narrow(2, 2, 2).transpose(1, 3);
    for (const format of ['binary', 'ascii'] as const) {
      const bytes = T.serialize(view, format);
      expect(bytes.includes(Buffer.from('torch.CudaTensor')), format).to.equal(true);
      expect(bytes.includes(Buffer.from('torch.CudaStorage')), format).to.equal(true);
      expect(bytes.includes(Buffer.from('torch.FloatTensor')), format).to.equal(false);
      const back = T.deserialize(bytes, format) as CudaTensor;
      expect(back).to.be.instanceOf(CudaTensor);
      expect(back.size().totable()).to.deep.equal(view.size().totable());
      expect(back.stride().totable()).to.deep.equal(view.stride().totable());
      expect(back.storageOffset()).to.equal(view.storageOffset());
      expect(back.storage().size()).to.equal(60);
      expect(flat(back.float())).to.deep.equal(flat(f.narrow(2, 2, 2).transpose(1, 3)));
    }
  });

  it('the data is written as floats: the stream equals a FloatTensor\'s with the class names changed', () => {
    const f = randomTensor('Float', [2, 3], prng(2));
    const asCuda = Buffer.from(T.serialize(f.cuda())).toString('latin1');
    const asFloat = Buffer.from(T.serialize(f)).toString('latin1');
    const rename = (s: string) => s.replace(/torch\.CudaTensor/g, 'torch.FloatTensor').replace(/torch\.CudaStorage/g, 'torch.FloatStorage')
      .replace(/\x10\x00\x00\x00torch\.FloatTensor/g, '\x11\x00\x00\x00torch.FloatTensor')
      .replace(/\x11\x00\x00\x00torch\.FloatStorage/g, '\x12\x00\x00\x00torch.FloatStorage');
    expect(rename(asCuda)).to.equal(asFloat);
  });

  it('a CudaStorage round-trips; tensors sharing a storage share one device storage after loading', () => {
    const s = new T.CudaStorage(6).fill(1.5) as CudaStorage;
    const back = T.deserialize(T.serialize(s)) as CudaStorage;
    expect(back).to.be.instanceOf(CudaStorage);
    expect(Array.from(back.read())).to.deep.equal(new Array(6).fill(1.5));
    const a = randomTensor('Float', [4, 4], prng(3)).cuda();
    const [x, y, st] = T.deserialize(T.serialize([a, a.select(1, 2), a.storage()])) as [Tensor, Tensor, CudaStorage];
    expect(x.storage()).to.equal(y.storage());
    expect(x.storage()).to.equal(st);
    expect(flat(y.float())).to.deep.equal(flat((a.select(1, 2) as Tensor).float()));
  });

  it('loading puts tensors on the current device', () => {
    const bytes = T.serialize(new T.CudaTensor(3).fill(4));
    const d = cuda.getDeviceCount();
    const back = cuda.withDevice(d, () => T.deserialize(bytes)) as CudaTensor;
    expect(back.getDevice()).to.equal(d);
    expect(flat(back.float())).to.deep.equal([4, 4, 4]);
  });

  it('reads a hand-written cutorch stream; a wrong storage class, a tensor outside its storage, or a truncated file are clear errors', () => {
    const ok = T.deserialize(cudaFile(3, 'torch.CudaStorage', 3)) as CudaTensor;
    expect(ok).to.be.instanceOf(CudaTensor);
    expect(flat(ok.float())).to.deep.equal([0.5, 0.5, 0.5]);
    expect(() => T.deserialize(cudaFile(3, 'torch.FloatStorage', 3))).to.throw(torch.TorchError, /storage of a torch\.CudaTensor \(torch\.CudaStorage\).*torch\.FloatStorage/);
    expect(() => T.deserialize(cudaFile(4, 'torch.CudaStorage', 3))).to.throw(torch.TorchError, /inside its storage/);
    const whole = cudaFile(3, 'torch.CudaStorage', 3);
    expect(() => T.deserialize(whole.subarray(0, whole.length - 6))).to.throw(torch.TorchError, /byte/);
  });

  it('an empty CudaTensor round-trips', () => {
    const back = T.deserialize(T.serialize(new T.CudaTensor())) as CudaTensor;
    expect(back).to.be.instanceOf(CudaTensor);
    expect(back.nElement()).to.equal(0);
    expect(back.dim()).to.equal(0);
  });

  it('saving reads each device storage back once and keeps it on the device', () => {
    const a = new T.CudaTensor(50).fill(2);
    const t0 = cuda.traffic();
    T.serialize([a, a.narrow(1, 5, 10)]);
    const t1 = cuda.traffic();
    expect(t1.downloads - t0.downloads).to.equal(1);
    expect((a.storage() as CudaStorage).onDevice).to.equal(true);
    a.add(1);
    expect(cuda.traffic().uploads, 'no re-upload afterwards').to.equal(t1.uploads);
  });

  it('a model saved after .cuda() loads with CudaTensor parameters and computes the same outputs (torch.save/torch.load)', () => {
    torch.manualSeed(5);
    const m = new nn.Sequential().add(new nn.Linear(6, 4)).add(new nn.Tanh()).add(new nn.Linear(4, 2)).cuda();
    const x = randomTensor('Float', [3, 6], prng(4)).cuda();
    const expected = flat(m.forward(x).float());
    const dir = mkdtempSync(join(tmpdir(), 'torch7ts-cuda-'));
    try {
      T.save(join(dir, 'model.t7'), m);
      const back = T.load(join(dir, 'model.t7'));
      const [params] = back.parameters();
      for (const p of params) expect(p.type()).to.equal('torch.CudaTensor');
      expect(back._type).to.equal('torch.CudaTensor');
      const out = back.forward(x);
      expect(out.type()).to.equal('torch.CudaTensor');
      expect(flat(out.float())).to.deep.equal(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a real cutorch file (DeepStack final_gpu.model) loads as CudaTensors equal to its CPU twin', () => {
    const gpu = T.load(fixture('t7', 'DeepStack-Leduc', 'final_gpu.model'));
    const cpu = T.load(fixture('t7', 'DeepStack-Leduc', 'final_cpu.model'));
    const [gp] = gpu.parameters(), [cp] = cpu.parameters();
    expect(gp.length).to.equal(cp.length);
    gp.forEach((p: Tensor, i: number) => {
      expect(p.type()).to.equal('torch.CudaTensor');
      expect(flat(p.float())).to.deep.equal(flat(cp[i].float()));
    });
    const x = new T.FloatTensor(2, cp[0].size(2)).fill(0.25);
    // float32 GEMMs summing in another order: 1e-5 relative
    expectClose(gpu.forward(x.cuda()).float(), cpu.forward(x.type(cp[0].type())).float(), 1e-5);
  });
});
