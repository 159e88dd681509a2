/**
 * The Tensor API on torch.CudaTensor: views, copies to and from every CPU type, conversions, printing,
 * storage, resize, clone/contiguous, storage reference counting and device memory, and Torch's
 * errors when a CudaTensor meets a FloatTensor in one op.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { cuda, CudaStorage, CudaTensor } from '../../cuda/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, flat, prng, randomTensor } from '../helpers.js';

const T = torch as any;
const CPU_TYPES = ['Byte', 'Char', 'Short', 'Int', 'Long', 'Float', 'Double'];

/** A seeded FloatTensor and its CudaTensor copy. */
function pair(...sizes: number[]): [Tensor, Tensor] {
  const f = randomTensor('Float', sizes, prng(sizes.reduce((a, b) => a * 31 + b, 7)));
  return [f, f.cuda()];
}

describe('CudaTensor: the Tensor API', function () {
  this.timeout(60000);

  it('constructors: sizes, a nested table, a storage with offset and sizes', () => {
    const a = new T.CudaTensor(2, 3);
    expect(a.type()).to.equal('torch.CudaTensor');
    expect(a.size().totable()).to.deep.equal([2, 3]);
    expect(new T.CudaTensor([[1, 2], [3, 4]]).float().totable()).to.deep.equal([[1, 2], [3, 4]]);
    const s = new T.CudaStorage(5).fill(2);
    expect(s).to.be.instanceOf(CudaStorage);
    const v = new T.CudaTensor(s, 2, new T.LongStorage([3]));
    expect(v.storage()).to.equal(s);
    expect(v.storageOffset()).to.equal(2);
    expect(v.float().totable()).to.deep.equal([2, 2, 2]);
  });

  it('views (narrow, select, sub, transpose, t, permute, view, unfold, expand, squeeze, split) match FloatTensor views and share the storage', () => {
    const [f, c] = pair(3, 4, 5);
    const views: [string, (x: any) => any][] = [
      ['narrow', (x) => x.narrow(2, 2, 2)], ['select', (x) => x.select(1, 3)], ['sub', (x) => x.sub(1, 2, 2, 3, 1, -1)],
      ['transpose', (x) => x.transpose(1, 3)], ['t', (x) => x.select(3, 1).t()], ['permute', (x) => x.permute(3, 1, 2)],
      ['view', (x) => x.view(12, 5)], ['unfold', (x) => x.unfold(3, 2, 1)], ['expand', (x) => x.narrow(1, 1, 1).expand(4, 4, 5)],
      ['squeeze', (x) => x.narrow(2, 3, 1).squeeze()], ['split', (x) => x.split(2, 3)[1]],
    ];
    for (const [name, view] of views) {
      const vf = view(f), vc = view(c);
      expect(vc.type(), name).to.equal('torch.CudaTensor');
      expect(vc.storage(), `${name} shares the storage`).to.equal(c.storage());
      expect(vc.size().totable(), name).to.deep.equal(vf.size().totable());
      expect(vc.stride().totable(), name).to.deep.equal(vf.stride().totable());
      expect(vc.storageOffset(), name).to.equal(vf.storageOffset());
      expect(flat(vc.float()), name).to.deep.equal(flat(vf));
    }
    const elem = (x: any) => x.select(1, 2).select(1, 3).select(1, 4);
    expect(elem(c)).to.equal(elem(f));
  });

  it('writes through a view reach the base tensor (fill and copy into a non-contiguous view)', () => {
    const [f, c] = pair(4, 6);
    f.narrow(2, 2, 3).fill(7);
    c.narrow(2, 2, 3).fill(7);
    const src = randomTensor('Float', [4, 2], prng(3));
    (f.select(2, 1) as Tensor).copy(src.select(2, 2) as Tensor);
    (c.select(2, 1) as Tensor).copy(src.select(2, 2) as Tensor);
    expect(flat(c.float())).to.deep.equal(flat(f));
  });

  for (const ty of CPU_TYPES) {
    it(`copy between torch.${ty}Tensor and CudaTensor, both ways, and :cuda() / :${ty.toLowerCase()}()`, () => {
      const lo = ty === 'Byte' ? 0 : -50, hi = ty === 'Byte' || ty === 'Char' ? 100 : 1000;
      // Double values that float32 holds exactly (a CudaTensor is float32)
      const src: Tensor = ty === 'Double' ? randomTensor('Float', [3, 4], prng(1), lo, hi).double() : randomTensor(ty, [3, 4], prng(ty.length), lo, hi);
      const up = new T.CudaTensor(3, 4).copy(src);
      expect(up.type()).to.equal('torch.CudaTensor');
      expect(flat(up.double())).to.deep.equal(flat(src.double()));
      const viaCuda = src.cuda();
      expect(viaCuda.type()).to.equal('torch.CudaTensor');
      const down = new T[`${ty}Tensor`](3, 4).copy(viaCuda);
      expect(flat(down)).to.deep.equal(flat(src));
      const conv = (viaCuda as any)[ty.toLowerCase()]();
      expect(conv.type()).to.equal(`torch.${ty}Tensor`);
      expect(flat(conv)).to.deep.equal(flat(src));
      // non-contiguous source and destination
      const dst = new T.CudaTensor(4, 3);
      dst.t().copy(src);
      expect(flat(dst.t().double())).to.deep.equal(flat(src.double()));
    });
  }

  it('cuda(), float(), double(), type(), typeAs(): conversions and identities', () => {
    const [f, c] = pair(2, 3);
    expect(c.cuda()).to.equal(c);
    expect(c.type('torch.CudaTensor')).to.equal(c);
    expect(c.type()).to.equal('torch.CudaTensor');
    expect(c.float().type()).to.equal('torch.FloatTensor');
    expect(c.double().type()).to.equal('torch.DoubleTensor');
    expect(c.typeAs(f).type()).to.equal('torch.FloatTensor');
    expect(f.typeAs(c).type()).to.equal('torch.CudaTensor');
    expect(flat(c.float())).to.deep.equal(flat(f));
    expect(flat(c.double())).to.deep.equal(flat(f.double()));
    expect(f.double().cuda().float().totable()).to.deep.equal(f.totable());
  });

  it('prints as Torch does, naming torch.CudaTensor / torch.CudaStorage', () => {
    const [f, c] = pair(2, 3);
    expect(String(c)).to.equal(String(f).replace('torch.FloatTensor', 'torch.CudaTensor'));
    expect(String(c)).to.match(/\[torch\.CudaTensor of size 2x3\]\s*$/);
    const s = String(c.storage());
    expect(s).to.match(/\[torch\.CudaStorage of size 6\]\s*$/);
    expect(s).to.equal(String(f.storage()).replace('torch.FloatStorage', 'torch.CudaStorage'));
  });

  it('storage(): a CudaStorage on the tensor\'s device with the tensor\'s elements', () => {
    const [f, c] = pair(2, 3);
    const s = c.storage() as CudaStorage;
    expect(s).to.be.instanceOf(CudaStorage);
    expect(s.kind.storageName).to.equal('torch.CudaStorage');
    expect(s.size()).to.equal(6);
    expect(s.device).to.equal((c as CudaTensor).getDevice());
    expect(Array.from(s.read())).to.deep.equal(flat(f));
  });

  it('resize keeps the data (smaller, same count, larger) as TH does', () => {
    const a = new T.CudaTensor(2, 3).copy(new T.FloatTensor([[1, 2, 3], [4, 5, 6]]));
    a.resize(3, 2);
    expect(a.float().totable()).to.deep.equal([[1, 2], [3, 4], [5, 6]]);
    a.resize(4, 2);
    expect(flat(a.narrow(1, 1, 3).float())).to.deep.equal([1, 2, 3, 4, 5, 6]);
    a.resize(2);
    expect(a.float().totable()).to.deep.equal([1, 2]);
  });

  it('clone() is a contiguous device copy; contiguous() returns self when contiguous', () => {
    const [f, c] = pair(3, 4);
    const ct = c.t();
    const k = ct.clone();
    expect(k.type()).to.equal('torch.CudaTensor');
    expect(k.isContiguous()).to.equal(true);
    expect(k.storage()).to.not.equal(c.storage());
    expect(flat(k.float())).to.deep.equal(flat(f.t()));
    expect(c.contiguous()).to.equal(c);
    const cc = ct.contiguous();
    expect(cc).to.not.equal(ct);
    expect(cc.isContiguous()).to.equal(true);
    expect(flat(cc.float())).to.deep.equal(flat(f.t()));
  });

  it('storages are reference counted: the last tensor letting go (set()) frees device memory, retain() keeps it', () => {
    const before = cuda.memory().buffers;
    const x = new T.CudaTensor(100).fill(1);
    expect(cuda.memory().buffers).to.equal(before + 1);
    const y = x.narrow(1, 1, 10);
    x.set();
    expect(cuda.memory().buffers, 'a view still holds the storage').to.equal(before + 1);
    expect(flat(y.float())).to.deep.equal(new Array(10).fill(1));
    y.set();
    expect(cuda.memory().buffers, 'freed with the last view').to.equal(before);
    const z = new T.CudaTensor(50).fill(2);
    const s = z.storage() as CudaStorage;
    s.retain();
    z.set();
    expect(cuda.memory().buffers, 'retained').to.equal(before + 1);
    expect(Array.from(s.read())).to.deep.equal(new Array(50).fill(2));
    s.free();
    expect(cuda.memory().buffers).to.equal(before);
    expect(() => s.read()).to.throw(/freed/);
  });

  it('clearState() frees the device memory of a module\'s buffers', () => {
    const m = new nn.Sequential().add(new nn.Linear(8, 6)).add(new nn.Tanh()).add(new nn.Linear(6, 3)).cuda();
    const x = new T.CudaTensor(4, 8).fill(0.5);
    m.forward(x);
    m.backward(x, new T.CudaTensor(4, 3).fill(1));
    const used = cuda.memory().bytes;
    m.clearState();
    expect(cuda.memory().bytes).to.be.below(used);
    for (const sub of m.modules!) expect(sub.output.nElement()).to.equal(0);
  });

  it('mixing a CudaTensor and a FloatTensor in one op is an error in Torch\'s words', () => {
    const [f, c] = pair(3, 3);
    for (const op of [() => c.clone().add(f), () => (c.clone() as any).cmul(f), () => T.mm(c, f), () => T.add(f, c)]) {
      expect(op).to.throw(torch.TorchError, /invalid arguments to '\w+': .*(CudaTensor.*FloatTensor|FloatTensor.*CudaTensor)/);
    }
    const lin = new nn.Linear(3, 2).cuda();
    expect(() => lin.forward(f)).to.throw(torch.TorchError, /invalid arguments/);
  });

  it('a copy between two CudaTensors of one device does not go through the host', () => {
    const [f, c] = pair(5, 4);
    const d = new T.CudaTensor(4, 5);
    const before = cuda.traffic().downloads;
    d.copy(c.t());
    d.t().copy(c);
    expect(cuda.traffic().downloads).to.equal(before);
    expectClose(d.t().float(), f, 0);
  });
});
