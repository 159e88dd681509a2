import { expect } from 'chai';
import ndarray from 'ndarray';
import { torch, Tensor } from '../../lib/index.js';
import { flat, nonContiguous, prng, randomTensor } from '../helpers.js';

const sizesOf = (t: Tensor) => t.size().totable();
const stridesOf = (t: Tensor) => t.stride().totable();

describe('torch.Tensor construction', () => {
  it('defaults to DoubleTensor and follows setdefaulttensortype', () => {
    expect(new torch.Tensor(2).type()).to.equal('torch.DoubleTensor');
    torch.setdefaulttensortype('torch.FloatTensor');
    try {
      expect(new torch.Tensor(2).type()).to.equal('torch.FloatTensor');
      expect(torch.zeros(3).type()).to.equal('torch.FloatTensor');
      expect(torch.getdefaulttensortype()).to.equal('torch.FloatTensor');
    } finally {
      torch.setdefaulttensortype('torch.DoubleTensor');
    }
    expect(() => torch.setdefaulttensortype('torch.FooTensor')).to.throw(/unknown tensor type/);
  });

  it('takes sizes, a LongStorage of sizes, nested arrays, a tensor or a storage view', () => {
    expect(sizesOf(new torch.FloatTensor(2, 3, 4))).to.deep.equal([2, 3, 4]);
    expect(stridesOf(new torch.FloatTensor(2, 3, 4))).to.deep.equal([12, 4, 1]);
    expect(sizesOf(new torch.IntTensor(new torch.LongStorage([5, 2])))).to.deep.equal([5, 2]);
    const n = new torch.DoubleTensor([[1, 2, 3], [4, 5, 6]]);
    expect(n.totable()).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
    const shared = new torch.DoubleTensor(n);
    shared.put(1, 1, 42);
    expect(n.get(1, 1), 'Tensor(tensor) shares storage').to.equal(42);
    const s = new torch.DoubleStorage([1, 2, 3, 4, 5, 6]);
    const v = new torch.DoubleTensor(s, 2, 2, 2, 2, 1);
    expect(v.totable()).to.deep.equal([[2, 3], [4, 5]]);
    v.put(2, 2, -1);
    expect(s.get(5)).to.equal(-1);
    expect(new torch.DoubleTensor(s).nElement()).to.equal(6);
    expect(new torch.LongTensor(new torch.LongStorage([7, 8])).totable(), 'LongStorage is a storage for LongTensor').to.deep.equal([7, 8]);
  });

  it('rejects ragged tables and bad arguments', () => {
    expect(() => new torch.DoubleTensor([[1, 2], [3]])).to.throw(/inconsistent tensor size/);
    expect(() => new torch.DoubleTensor('a' as unknown as number)).to.throw(/number expected/);
    expect(() => new torch.DoubleTensor(new torch.FloatTensor(2) as unknown as number)).to.throw(/expected torch.DoubleTensor/);
  });

  it('has no zero-size dims: an empty tensor has dim 0', () => {
    const e = new torch.DoubleTensor();
    expect(e.dim()).to.equal(0);
    expect(e.nElement()).to.equal(0);
    expect(new torch.DoubleTensor(3, 0, 2).dim()).to.equal(1);
  });
});

describe('torch.Tensor views', () => {
  const rnd = prng(7);
  let x: Tensor;
  beforeEach(() => { x = randomTensor('Double', [3, 4, 5], rnd); });

  it('narrow/select/sub/transpose/t/permute/unfold share storage and write through', () => {
    const views: [string, Tensor, () => void][] = [
      ['narrow', x.narrow(2, 2, 2), () => x.put(1, 2, 1, 100)],
      ['select', x.select(1, 2) as Tensor, () => x.put(2, 1, 1, 100)],
      ['sub', x.sub(2, 3, -2, -1), () => x.put(2, 3, 1, 100)],
      ['transpose', x.transpose(1, 3), () => x.put(1, 1, 1, 100)],
      ['permute', x.permute(3, 1, 2), () => x.put(1, 1, 1, 100)],
      ['unfold', x.unfold(3, 2, 2), () => x.put(1, 1, 1, 100)],
    ];
    for (const [name, v, poke] of views) {
      expect(v.storage(), name).to.equal(x.storage());
      poke();
      expect(flat(v), name).to.include(100);
    }
  });

  it('narrow/select/sub give the right elements', () => {
    const n = x.narrow(3, 2, 3);
    expect(sizesOf(n)).to.deep.equal([3, 4, 3]);
    expect(n.get(2, 3, 1)).to.equal(x.get(2, 3, 2));
    const s = x.select(2, 4) as Tensor;
    expect(sizesOf(s)).to.deep.equal([3, 5]);
    expect(s.get(3, 5)).to.equal(x.get(3, 4, 5));
    const sub = x.sub(2, 3, 1, -1, -2, -1);
    expect(sizesOf(sub)).to.deep.equal([2, 4, 2]);
    expect(sub.get(1, 1, 1)).to.equal(x.get(2, 1, 4));
  });

  it('select on a 1-D tensor returns a number', () => {
    const v = new torch.DoubleTensor([5, 6, 7]);
    expect(v.select(1, 3)).to.equal(7);
  });

  it('transpose, t and permute move sizes and strides', () => {
    const p = x.permute(3, 1, 2);
    expect(sizesOf(p)).to.deep.equal([5, 3, 4]);
    expect(stridesOf(p)).to.deep.equal([1, 20, 5]);
    expect(p.get(5, 3, 4)).to.equal(x.get(3, 4, 5));
    const m = new torch.DoubleTensor([[1, 2, 3], [4, 5, 6]]);
    expect(m.t().totable()).to.deep.equal([[1, 4], [2, 5], [3, 6]]);
    expect(m.t().isContiguous()).to.equal(false);
    expect(() => x.t()).to.throw(/2D/);
    expect(() => x.permute(1, 1, 2)).to.throw(/Invalid permutation/);
  });

  it('unfold makes the windows a new last dim', () => {
    const v = new torch.DoubleTensor([1, 2, 3, 4, 5, 6, 7]);
    const u = v.unfold(1, 3, 2);
    expect(u.totable()).to.deep.equal([[1, 2, 3], [3, 4, 5], [5, 6, 7]]);
    expect(() => v.unfold(1, 8, 1)).to.throw(/out of range/);
  });

  it('view/viewAs infer -1 and require contiguity', () => {
    const v = x.view(4, -1);
    expect(sizesOf(v)).to.deep.equal([4, 15]);
    expect(v.storage()).to.equal(x.storage());
    expect(sizesOf(x.view(new torch.LongStorage([60])))).to.deep.equal([60]);
    expect(sizesOf(v.viewAs(new torch.FloatTensor(2, 30)))).to.deep.equal([2, 30]);
    expect(() => x.transpose(1, 2).view(60)).to.throw(/contiguous/);
    expect(() => x.view(7, -1)).to.throw(/size mismatch/);
    expect(() => x.view(-1, -1)).to.throw(/only one dimension/);
  });

  it('expand repeats with stride 0 and writes through', () => {
    const c = new torch.DoubleTensor([[1], [2]]);
    const e = c.expand(2, 3);
    expect(e.totable()).to.deep.equal([[1, 1, 1], [2, 2, 2]]);
    expect(stridesOf(e)).to.deep.equal([1, 0]);
    c.put(2, 1, 9);
    expect(e.get(2, 3)).to.equal(9);
    expect(sizesOf(c.expandAs(new torch.FloatTensor(2, 4)))).to.deep.equal([2, 4]);
    expect(() => c.expand(3, 3)).to.throw(/singleton/);
  });

  it('squeeze drops size-1 dims but keeps one', () => {
    expect(sizesOf(new torch.DoubleTensor(1, 3, 1, 2).squeeze())).to.deep.equal([3, 2]);
    expect(sizesOf(new torch.DoubleTensor(1, 3, 1).squeeze(3))).to.deep.equal([1, 3]);
    expect(sizesOf(new torch.DoubleTensor(1, 3, 1).squeeze(2))).to.deep.equal([1, 3, 1]);
    expect(sizesOf(new torch.DoubleTensor(1, 1).squeeze())).to.deep.equal([1]);
  });

  it('split and chunk return narrow views', () => {
    const parts = x.split(2, 3);
    expect(parts.map((p) => p.size(3))).to.deep.equal([2, 2, 1]);
    expect(parts[2].get(1, 1, 1)).to.equal(x.get(1, 1, 5));
    const ch = x.chunk(2);
    expect(ch.map((p) => p.size(1))).to.deep.equal([2, 1]);
    expect(ch[1].storage()).to.equal(x.storage());
  });

  it('set re-points; resize only grows the storage', () => {
    const y = new torch.DoubleTensor();
    y.set(x);
    expect(y.isSetTo(x)).to.equal(true);
    const s = new torch.DoubleStorage(10).fill(3);
    y.set(s, 3, new torch.LongStorage([2, 2]));
    expect(y.totable()).to.deep.equal([[3, 3], [3, 3]]);
    expect(y.storageOffset()).to.equal(3);
    const z = new torch.DoubleTensor(10);
    const st = z.storage();
    z.resize(2, 2);
    expect(z.storage().size(), 'storage kept').to.equal(10);
    z.resize(4, 4);
    expect(z.storage()).to.equal(st);
    expect(st.size()).to.equal(16);
    z.resizeAs(x);
    expect(sizesOf(z)).to.deep.equal([3, 4, 5]);
  });

  it('contiguous returns self when contiguous, a copy otherwise; clone always copies', () => {
    expect(x.contiguous()).to.equal(x);
    const tr = x.transpose(1, 2);
    const c = tr.contiguous();
    expect(c).to.not.equal(tr);
    expect(c.isContiguous()).to.equal(true);
    expect(flat(c)).to.deep.equal(flat(tr));
    const cl = x.clone();
    expect(cl.storage()).to.not.equal(x.storage());
    expect(flat(cl)).to.deep.equal(flat(x));
  });

  it('reports out of range dims and indices in Torch words', () => {
    expect(() => x.narrow(4, 1, 1)).to.throw(/bad argument #1 to 'narrow' \(dimension out of range\)/);
    expect(() => x.narrow(1, 3, 2)).to.throw(/bad argument #3 to 'narrow' \(out of range\)/);
    expect(() => x.select(1, 0)).to.throw(/bad argument #2 to 'select' \(out of range\)/);
    expect(() => x.size(0)).to.throw(/dimension out of range/);
    expect(() => x.get(4, 1, 1)).to.throw(/index out of bound/);
    expect(() => x.get(1, 1)).to.throw(/expected 3 indices/);
  });
});

describe('torch.Tensor copy and types', () => {
  const rnd = prng(11);

  it('copy converts between every pair of types in row-major order', () => {
    const types = ['Byte', 'Char', 'Short', 'Int', 'Long', 'Float', 'Double'];
    for (const from of types) {
      for (const to of types) {
        const src = randomTensor(from, [3, 4], rnd, 0, 100);
        const dst = new (torch as any)[`${to}Tensor`](4, 3) as Tensor;
        dst.copy(src);
        const cast = dst.kind.isFloat ? flat(src) : flat(src).map(Math.trunc);
        expect(flat(dst), `${from} -> ${to}`).to.deep.equal(Array.from(new dst.kind.Array(cast)));
      }
    }
  });

  it('copy casts as C does: truncation toward zero, float rounding', () => {
    const d = new torch.DoubleTensor([2.7, -2.7, 0.1]);
    expect(new torch.IntTensor(3).copy(d).totable()).to.deep.equal([2, -2, 0]);
    expect(new torch.LongTensor(3).copy(d).totable()).to.deep.equal([2, -2, 0]);
    expect(new torch.FloatTensor(3).copy(d).get(3)).to.equal(Math.fround(0.1));
  });

  it('copy from non-contiguous and zero-stride sources, and checks sizes', () => {
    const src = randomTensor('Double', [4, 3], rnd);
    const nc = nonContiguous(src);
    expect(nc.isContiguous()).to.equal(false);
    expect(flat(new torch.FloatTensor(12).copy(nc))).to.deep.equal(flat(src).map(Math.fround));
    const e = new torch.DoubleTensor([[1], [2]]).expand(2, 3);
    expect(new torch.DoubleTensor(6).copy(e).totable()).to.deep.equal([1, 1, 1, 2, 2, 2]);
    expect(() => new torch.DoubleTensor(5).copy(src)).to.throw(/inconsistent tensor size/);
  });

  it('type conversions return self when the type already matches', () => {
    const f = new torch.FloatTensor(2).fill(1.5);
    expect(f.float()).to.equal(f);
    expect(f.type('torch.FloatTensor')).to.equal(f);
    const d = f.double();
    expect(d.type()).to.equal('torch.DoubleTensor');
    expect(d.totable()).to.deep.equal([1.5, 1.5]);
    expect(f.type('torch.IntTensor').totable()).to.deep.equal([1, 1]);
    expect(f.typeAs(new torch.LongTensor()).type()).to.equal('torch.LongTensor');
    expect(f.byte().type()).to.equal('torch.ByteTensor');
    expect(() => f.type('torch.NopeTensor')).to.throw(/unknown tensor type/);
  });

  it('apply, map and map2 run in row-major order', () => {
    const a = new torch.DoubleTensor([[1, 2], [3, 4]]).t();
    const seen: number[] = [];
    a.apply((v) => { seen.push(v); });
    expect(seen).to.deep.equal([1, 3, 2, 4]);
    a.apply((v) => v * 10);
    expect(a.totable()).to.deep.equal([[10, 30], [20, 40]]);
    const b = new torch.DoubleTensor([[1, 1], [2, 2]]);
    a.map(b, (x, y) => x + y);
    expect(a.totable()).to.deep.equal([[11, 31], [22, 42]]);
    a.map2(b, b, (x, y, z) => x - y - z);
    expect(a.totable()).to.deep.equal([[9, 29], [18, 38]]);
  });

  it('fill and zero work on strided views only', () => {
    const m = new torch.DoubleTensor(3, 3).zero();
    (m.select(2, 2) as Tensor).fill(5);
    expect(m.totable()).to.deep.equal([[0, 5, 0], [0, 5, 0], [0, 5, 0]]);
    new torch.LongTensor(2).fill(2.9).apply((v) => { expect(v).to.equal(2); });
  });
});

describe('ndarray interop', () => {
  it('t.ndarray() and torch.fromNdarray share memory', () => {
    const x = new torch.FloatTensor([[1, 2, 3], [4, 5, 6]]).t();
    const a = x.ndarray();
    expect(a.data).to.equal(x.storage().data);
    expect(a.shape).to.deep.equal([3, 2]);
    expect(a.get(2, 1)).to.equal(6);
    a.set(0, 0, 9);
    expect(x.get(1, 1)).to.equal(9);
    const b = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    const t = torch.fromNdarray(b);
    expect(t.type()).to.equal('torch.DoubleTensor');
    expect(t.totable()).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
    t.put(2, 3, 0);
    expect(b.get(1, 2)).to.equal(0);
    expect(() => torch.fromNdarray(ndarray([1, 2, 3]))).to.throw(/typed array/);
    expect(() => torch.fromNdarray(ndarray(new Float32Array(4), [2, 2]).step(-1, 1))).to.throw(/negative strides/);
  });
});

describe('torch.Storage', () => {
  it('is 1-based, resizes keeping data, and views share memory', () => {
    const s = new torch.FloatStorage([1, 2, 3]);
    expect(s.get(1)).to.equal(1);
    expect(() => s.get(0)).to.throw(/index out of bounds/);
    s.resize(5);
    expect(s.totable()).to.deep.equal([1, 2, 3, 0, 0]);
    const v = new torch.FloatStorage(s, 2, 2);
    v.set(1, 7);
    expect(s.get(2)).to.equal(7);
    expect(new torch.ByteStorage([104, 105]).string()).to.equal('hi');
  });

  it('LongStorage keeps int64 values beyond 2^53 exactly', () => {
    const s = new torch.LongStorage(2);
    const big = 9007199254740993n; // 2^53 + 1
    s.setExact(1, big);
    s.setExact(2, -(2n ** 63n));
    expect(s.getExact(1)).to.equal(big);
    expect(s.getExact(2)).to.equal(-(2n ** 63n));
    s.set(1, 5);
    expect(s.getExact(1), 'a write through doubles replaces the exact value').to.equal(5n);
  });
});
