/**
 * cutorch's device API: device count and selection (1-based, errors for bad ids), withDevice,
 * synchronize, properties and memory usage, tensors that remember their device, and what happens
 * when an op meets tensors of two devices (a copy is allowed; other ops must error or be right).
 */
import { expect } from 'chai';
import { torch } from '../../lib/index.js';
import { cuda, CudaTensor } from '../../cuda/index.js';
import { flat, prng, randomTensor } from '../helpers.js';

const T = torch as any;
const n = cuda.getDeviceCount();

describe('cutorch device API', function () {
  this.timeout(60000);
  afterEach(() => cuda.setDevice(1));

  it('getDeviceCount() is a positive integer (TORCH7TS_CUDA_DEVICES, default 2); device 1 is current at start', () => {
    expect(Number.isInteger(n) && n >= 1).to.equal(true);
    if (process.env.TORCH7TS_CUDA_DEVICES === undefined) expect(n).to.equal(2);
    expect(cuda.getDevice()).to.equal(1);
  });

  it('setDevice(i) makes i current; ids outside 1..getDeviceCount() are errors that leave the device unchanged', () => {
    cuda.setDevice(n);
    expect(cuda.getDevice()).to.equal(n);
    for (const bad of [0, -1, n + 1, 1.5, NaN]) {
      expect(() => cuda.setDevice(bad), `setDevice(${bad})`).to.throw(torch.TorchError, /setDevice.*invalid device/);
      expect(cuda.getDevice()).to.equal(n);
    }
  });

  it('withDevice(i, fn) runs fn on device i and restores the previous device, also when fn throws', () => {
    expect(cuda.withDevice(n, () => cuda.getDevice())).to.equal(n);
    expect(cuda.getDevice()).to.equal(1);
    expect(() => cuda.withDevice(n, () => { throw new Error('boom'); })).to.throw('boom');
    expect(cuda.getDevice()).to.equal(1);
    expect(() => cuda.withDevice(n + 1, () => 0)).to.throw(torch.TorchError, /invalid device/);
    expect(cuda.getDevice()).to.equal(1);
  });

  it('synchronize() and synchronize(i) return once the work is done (the results are readable)', () => {
    const x = new T.CudaTensor(16).fill(3);
    expect(cuda.synchronize()).to.equal(undefined);
    expect(cuda.synchronize(1)).to.equal(undefined);
    expect(flat(x.float())).to.deep.equal(new Array(16).fill(3));
    expect(() => cuda.synchronize(n + 1)).to.throw(torch.TorchError, /invalid device/);
  });

  it('getDeviceProperties(i) names the gpu.js backend and gives totalGlobalMem', () => {
    for (let d = 1; d <= n; d++) {
      const p = cuda.getDeviceProperties(d);
      expect(p.name).to.be.a('string').and.match(/gpu\.js/);
      expect(p.mode).to.equal(cuda.getDeviceProperties(1).mode);
      expect(p.totalGlobalMem).to.be.a('number').above(0);
      expect(p.gpu).to.equal(!['webasm', 'cpu'].includes(p.mode));
    }
  });

  it('getMemoryUsage(i) = [free, total]: free drops by the bytes a new device buffer takes, and comes back when it is freed', () => {
    const [free0, total] = cuda.getMemoryUsage(1);
    expect(total).to.equal(cuda.getDeviceProperties(1).totalGlobalMem);
    const b0 = cuda.memory().bytes;
    const x = new T.CudaTensor(1000).fill(1);
    const used = cuda.memory().bytes - b0;
    expect(used).to.be.at.least(4000);
    expect(cuda.getMemoryUsage(1)).to.deep.equal([free0 - used, total]);
    x.set();
    expect(cuda.getMemoryUsage(1)).to.deep.equal([free0, total]);
  });

  it('tensors remember their device: made under withDevice(i), they stay on i after the device changes; clone() goes to the current device', () => {
    const a = cuda.withDevice(n, () => new T.CudaTensor(4).fill(2)) as CudaTensor;
    expect(a.getDevice()).to.equal(n);
    expect((a.storage() as any).device).to.equal(n);
    expect(a.narrow(1, 2, 2).getDevice(), 'views keep the device').to.equal(n);
    a.add(1);
    expect(a.getDevice()).to.equal(n);
    expect(flat(a.float())).to.deep.equal([3, 3, 3, 3]);
    const b = new T.CudaTensor(4);
    expect(b.getDevice(), 'new tensors go on the current device').to.equal(1);
    const k = a.clone() as CudaTensor;
    expect(k.getDevice(), 'clone allocates on the current device, as cutorch does').to.equal(1);
    expect(flat(k.float())).to.deep.equal([3, 3, 3, 3]);
  });

  if (n >= 2) {
    it('copy between CudaTensors of two devices is allowed (cutorch copies across devices)', () => {
      const src = randomTensor('Float', [3, 5], prng(11));
      const a = cuda.withDevice(2, () => src.cuda()) as CudaTensor;
      const b = new T.CudaTensor(3, 5) as CudaTensor;
      b.copy(a);
      expect(b.getDevice()).to.equal(1);
      expect(a.getDevice()).to.equal(2);
      expect(flat(b.float())).to.deep.equal(flat(src));
      const c = cuda.withDevice(2, () => new T.CudaTensor(5, 3)) as CudaTensor;
      c.t().copy(b);
      expect(c.getDevice()).to.equal(2);
      expect(flat(c.t().float())).to.deep.equal(flat(src));
    });

    it('other ops on tensors of two devices raise cutorch\'s error or give the right result on the first tensor\'s device', () => {
      const fa = randomTensor('Float', [6], prng(1)), fb = randomTensor('Float', [6], prng(2));
      const a = cuda.withDevice(2, () => fa.cuda());
      const b = fb.cuda();
      let r: any;
      try { r = a.add(b); } catch (e) {
        expect((e as Error).message).to.match(/arguments are located on different GPUs/);
        return;
      }
      expect(r).to.equal(a);
      expect(r.getDevice()).to.equal(2);
      expect(flat(r.float())).to.deep.equal(flat(fa.clone().add(fb)));
    });
  } else {
    it('with one device, device 2 does not exist', () => {
      expect(() => cuda.setDevice(2)).to.throw(torch.TorchError, /invalid device/);
    });
  }
});
