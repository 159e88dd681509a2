/**
 * Table modules: SplitTable, JoinTable, SelectTable, NarrowTable, FlattenTable, CAddTable, CSubTable,
 * CMulTable, CDivTable, CMaxTable, CMinTable, PairwiseDistance, DotProduct, CosineDistance, CriterionTable,
 * against plain element-by-element references on random (and non-contiguous) inputs.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { flat, nonContiguous } from '../helpers.js';

const t = torch as any;

/** Max |a - b| (sizes must match). */
function diff(a: Tensor, b: Tensor): number {
  expect(a.size().totable(), 'sizes').to.deep.equal(b.size().totable());
  return a.nElement() === 0 ? 0 : t.add(a.double(), -1, b.double()).abs().max();
}

/** Throws unless fn throws an error whose message contains `part`. */
function expectThrowMessage(fn: () => unknown, part: string): void {
  let msg: string | undefined;
  try { fn(); } catch (e) { msg = (e as Error).message; }
  expect(msg, 'an error').to.be.a('string');
  expect(msg).to.contain(part);
}

/** A tensor of `sizes` whose element k is f(element k of each of `ts`). */
function elementwise(ts: Tensor[], f: (...v: number[]) => number): Tensor {
  const cols = ts.map(flat);
  const out = torch.zeros(...ts[0].size().totable() as number[]);
  const vals = cols[0].map((_, k) => f(...cols.map((c) => c[k])));
  let k = 0;
  out.apply(() => vals[k++]);
  return out;
}

describe('nn.SplitTable', () => {
  it('splits into select views along dim (negative dims; nInputDims shifts batch inputs)', () => {
    const x = nonContiguous(torch.randn(3, 4));
    const out = new nn.SplitTable(2).forward(x) as Tensor[];
    expect(out).to.have.length(4);
    out.forEach((o, i) => {
      expect(diff(o, x.select(2, i + 1) as Tensor)).to.equal(0);
      expect(o.storage()).to.equal(x.storage());
    });
    expect(new nn.SplitTable(-1).forward(x)).to.have.length(4);
    expect(new nn.SplitTable(1, 1).forward(x)).to.have.length(4);
    expect(new nn.SplitTable(1, 2).forward(x)).to.have.length(3);
  });

  it('gradInput stacks the gradOutputs back; 1-D inputs split into numbers', () => {
    const m = new nn.SplitTable(1);
    const x = torch.randn(2, 3);
    m.forward(x);
    const go = [torch.randn(3), torch.randn(3)];
    const gi = m.backward(x, go) as Tensor;
    expect(diff(gi, t.cat(go[0].view(1, 3), go[1].view(1, 3), 1))).to.equal(0);
    const v = torch.randn(3);
    const nums = m.forward(v) as number[];
    expect(nums).to.deep.equal(flat(v));
    expect(flat(m.backward(v, [1, 2, 3]) as Tensor)).to.deep.equal([1, 2, 3]);
  });
});

describe('nn.JoinTable', () => {
  it('joins along dim (as torch.cat), negative dims and batch dims', () => {
    const a = nonContiguous(torch.randn(2, 3)), b = torch.randn(2, 5);
    expect(diff(new nn.JoinTable(2).forward([a, b]) as Tensor, t.cat(a, b, 2))).to.equal(0);
    expect(diff(new nn.JoinTable(-1).forward([a, b]) as Tensor, t.cat(a, b, 2))).to.equal(0);
    expect(diff(new nn.JoinTable(1, 1).forward([a, b]) as Tensor, t.cat(a, b, 2))).to.equal(0);
    const u = torch.randn(3), v = torch.randn(2);
    expect(diff(new nn.JoinTable(1, 1).forward([u, v]) as Tensor, t.cat(u, v, 1))).to.equal(0);
  });

  it('gradInput narrows gradOutput; its table shrinks with the input; type() resets it', () => {
    const m = new nn.JoinTable(1);
    const x = [torch.randn(2, 3), torch.randn(1, 3), torch.randn(3, 3)];
    m.forward(x);
    const go = torch.randn(6, 3);
    const gi = m.backward(x, go) as Tensor[];
    expect(gi).to.have.length(3);
    expect(diff(gi[0], go.narrow(1, 1, 2))).to.equal(0);
    expect(diff(gi[1], go.narrow(1, 3, 1))).to.equal(0);
    expect(diff(gi[2], go.narrow(1, 4, 3))).to.equal(0);
    const x2 = x.slice(0, 2);
    m.forward(x2);
    expect(m.backward(x2, go.narrow(1, 1, 3))).to.have.length(2);
    m.float();
    expect(m.gradInput).to.deep.equal([]);
    const out = m.forward(x2.map((y) => y.float())) as Tensor;
    expect(out.type()).to.equal('torch.FloatTensor');
    expect((m.backward(x2.map((y) => y.float()), go.narrow(1, 1, 3).float()) as Tensor[])[0].type()).to.equal('torch.FloatTensor');
  });

  it('refuses inputs whose other dims differ', () => {
    expectThrowMessage(() => new nn.JoinTable(1).forward([torch.randn(2, 3), torch.randn(2, 4)]), 'size');
  });
});

describe('nn.SelectTable', () => {
  it('outputs input[index] by reference (negative indices count from the end; nested entries)', () => {
    const x: any = [torch.randn(2), [torch.randn(3), torch.randn(1)], torch.randn(4)];
    expect(new nn.SelectTable(1).forward(x)).to.equal(x[0]);
    expect(new nn.SelectTable(-1).forward(x)).to.equal(x[2]);
    expect(new nn.SelectTable(-2).forward(x)).to.equal(x[1]);
  });

  it('gradInput: zeros shaped as the input, a copy of gradOutput at index', () => {
    const x: any = [torch.randn(2), [torch.randn(3), torch.randn(1)], torch.randn(4)];
    const m = new nn.SelectTable(2);
    m.forward(x);
    const go = [torch.randn(3), torch.randn(1)];
    const gi = m.backward(x, go) as any[];
    expect(gi).to.have.length(3);
    expect(diff(gi[0], torch.zeros(2))).to.equal(0);
    expect(diff(gi[2], torch.zeros(4))).to.equal(0);
    expect(diff(gi[1][0], go[0])).to.equal(0);
    expect(gi[1][0]).to.not.equal(go[0]);
    // a shorter input next time: the gradInput table follows it
    const gi2 = new nn.SelectTable(-1).backward([torch.randn(2), torch.randn(5)], torch.ones(5)) as Tensor[];
    expect(gi2).to.have.length(2);
    expect(flat(gi2[1])).to.deep.equal([1, 1, 1, 1, 1]);
  });

  it('errors when the index does not exist; prints its index; clearState leaves the input alone', () => {
    expectThrowMessage(() => new nn.SelectTable(3).forward([torch.randn(2)]), 'index does not exist in the input table');
    expect(String(new nn.SelectTable(-1))).to.equal('nn.SelectTable(-1)');
    const x = [torch.randn(2), torch.randn(3)];
    const m = new nn.SelectTable(1);
    m.forward(x);
    m.clearState();
    expect(x[0].nElement()).to.equal(2);
  });
});

describe('nn.NarrowTable', () => {
  it('outputs input[offset .. offset+length-1]; gradInput is gradOutput there and zeros elsewhere', () => {
    const x = [torch.randn(2), torch.randn(3), torch.randn(4), torch.randn(5)];
    const m = new nn.NarrowTable(2, 2);
    const out = m.forward(x) as Tensor[];
    expect(out).to.have.length(2);
    expect(out[0]).to.equal(x[1]);
    expect(out[1]).to.equal(x[2]);
    const go = [torch.randn(3), torch.randn(4)];
    const gi = m.backward(x, go) as Tensor[];
    expect(gi).to.have.length(4);
    expect(gi[1]).to.equal(go[0]);
    expect(diff(gi[0], torch.zeros(2))).to.equal(0);
    expect(diff(gi[3], torch.zeros(5))).to.equal(0);
    expect(new nn.NarrowTable(3).forward(x)).to.deep.equal([x[2]]);
  });

  it('requires an offset', () => {
    expectThrowMessage(() => new (nn.NarrowTable as any)(), 'nn.NarrowTable(offset, length)');
  });
});

describe('nn.FlattenTable', () => {
  it('flattens depth first; gradInput takes the input\'s nested shape', () => {
    const a = torch.randn(2), b = torch.randn(3), c = torch.randn(1), d = torch.randn(4);
    const m = new nn.FlattenTable();
    const x: any = [a, [b, [c]], d];
    const out = m.forward(x) as Tensor[];
    expect(out).to.have.length(4);
    [a, b, c, d].forEach((v, i) => expect(out[i]).to.equal(v));
    expect(m.forward(x)).to.equal(out); // unchanged input: the flat table is reused
    const go = [torch.randn(2), torch.randn(3), torch.randn(1), torch.randn(4)];
    const gi = m.backward(x, go) as any;
    expect(gi[0]).to.equal(go[0]);
    expect(gi[1][0]).to.equal(go[1]);
    expect(gi[1][1][0]).to.equal(go[2]);
    expect(gi[2]).to.equal(go[3]);
    const x2: any = [a, [b, d]];
    expect(m.forward(x2)).to.deep.equal([a, b, d]);
  });

  it('needs a table', () => {
    expectThrowMessage(() => new nn.FlattenTable().forward(torch.randn(2) as any), 'input must be a table');
  });
});

describe('element-wise table arithmetic', () => {
  const inputs = () => [nonContiguous(torch.randn(3, 4)), torch.randn(3, 4), nonContiguous(torch.randn(3, 4))];

  it('nn.CAddTable: the sum; every gradInput is a copy of gradOutput; inplace reuses input[1]', () => {
    const x = inputs();
    const m = new nn.CAddTable();
    expect(diff(m.forward(x) as Tensor, elementwise(x, (a, b, c) => a + b + c))).to.be.below(1e-15);
    const go = torch.randn(3, 4);
    const gi = m.backward(x, go) as Tensor[];
    expect(gi).to.have.length(3);
    gi.forEach((g) => { expect(diff(g, go)).to.equal(0); expect(g.storage()).to.not.equal(go.storage()); });
    expect(m.backward(x.slice(0, 2), go)).to.have.length(2);
    const y = [torch.randn(3, 4), torch.randn(3, 4)];
    const sum = t.add(y[0], y[1]);
    const ip = new nn.CAddTable(true);
    const out = ip.forward(y) as Tensor;
    expect(out.storage()).to.equal(y[0].storage());
    expect(diff(y[0], sum)).to.equal(0);
    (ip.backward(y, go) as Tensor[]).forEach((g) => expect(g.storage()).to.equal(go.storage()));
  });

  it('nn.CSubTable: a - b, gradients go and -go', () => {
    const [a, b] = inputs();
    const m = new nn.CSubTable();
    expect(diff(m.forward([a, b]) as Tensor, elementwise([a, b], (p, q) => p - q))).to.equal(0);
    const go = torch.randn(3, 4);
    const gi = m.backward([a, b], go) as Tensor[];
    expect(diff(gi[0], go)).to.equal(0);
    expect(diff(gi[1], t.mul(go, -1))).to.equal(0);
  });

  it('nn.CMulTable: the product; gradient of each is go times the others (also the _efficient form)', () => {
    const x = inputs();
    const m = new nn.CMulTable();
    expect(diff(m.forward(x) as Tensor, elementwise(x, (a, b, c) => a * b * c))).to.be.below(1e-14);
    const go = torch.randn(3, 4);
    const gi = (m.backward(x, go) as Tensor[]).map((g) => g.clone());
    const all = [...x, go];
    expect(diff(gi[0], elementwise(all, (a, b, c, g) => g * b * c))).to.be.below(1e-14);
    expect(diff(gi[1], elementwise(all, (a, b, c, g) => g * a * c))).to.be.below(1e-14);
    expect(diff(gi[2], elementwise(all, (a, b, c, g) => g * a * b))).to.be.below(1e-14);
    const ge = m.updateGradInput_efficient(x, go);
    ge.forEach((g, i) => expect(diff(g, gi[i])).to.be.below(1e-12));
    m.clearState();
    expect(m.tout!.nElement()).to.equal(0);
  });

  it('nn.CDivTable: a / b, gradients go / b and -go a / b²', () => {
    const [a] = inputs();
    const b = torch.rand(3, 4).add(0.5);
    const m = new nn.CDivTable();
    expect(diff(m.forward([a, b]) as Tensor, elementwise([a, b], (p, q) => p / q))).to.be.below(1e-15);
    const go = torch.randn(3, 4);
    const gi = m.backward([a, b], go) as Tensor[];
    expect(diff(gi[0], elementwise([a, b, go], (p, q, g) => g / q))).to.be.below(1e-14);
    expect(diff(gi[1], elementwise([a, b, go], (p, q, g) => -g * p / (q * q)))).to.be.below(1e-13);
  });

  for (const [name, pick] of [['CMaxTable', (u: number, v: number) => v > u], ['CMinTable', (u: number, v: number) => v < u]] as const) {
    it(`nn.${name}: element-wise extreme; the gradient goes to the (first) winner`, () => {
      const x = inputs();
      x[1].narrow(2, 1, 1).copy(x[0].narrow(2, 1, 1)); // ties in column 1: input 1 wins
      const m = new (nn as any)[name]();
      const out = m.forward(x) as Tensor;
      const winner = elementwise(x, (...v) => {
        let w = 0;
        for (let i = 1; i < v.length; i++) if (pick(v[w], v[i])) w = i;
        return w;
      });
      const wv = flat(winner);
      const cols = x.map(flat);
      expect(flat(out)).to.deep.equal(wv.map((w, k) => cols[w][k]));
      const go = torch.randn(3, 4);
      const gi = m.backward(x, go) as Tensor[];
      const gv = flat(go);
      gi.forEach((g, i) => expect(flat(g)).to.deep.equal(wv.map((w, k) => (w === i ? gv[k] : 0))));
      expect(flat(gi[1].narrow(2, 1, 1))).to.deep.equal([0, 0, 0]);
      const mf = m.float();
      const outF = mf.forward(x.map((y) => y.float())) as Tensor;
      expect(outF.type()).to.equal('torch.FloatTensor');
      expect(diff(outF, out)).to.be.below(1e-6);
      expect((mf.backward(x.map((y) => y.float()), go.float()) as Tensor[])[2].type()).to.equal('torch.FloatTensor');
    });
  }

  it('float() conversions of the arithmetic modules', () => {
    const x = inputs();
    for (const M of [nn.CAddTable, nn.CSubTable, nn.CMulTable]) {
      const m = new M();
      const d = (m.forward(x.slice(0, 2)) as Tensor).clone();
      const f = m.float().forward(x.slice(0, 2).map((y) => y.float())) as Tensor;
      expect(f.type()).to.equal('torch.FloatTensor');
      expect(diff(f, d)).to.be.below(1e-5);
    }
  });
});

describe('nn.PairwiseDistance', () => {
  for (const p of [1, 2, 3]) {
    it(`p = ${p}: row-wise ‖a - b‖_p on a batch (non-contiguous) and on vectors`, () => {
      const a = nonContiguous(torch.randn(4, 5)), b = torch.randn(4, 5);
      const m = new nn.PairwiseDistance(p);
      const out = m.forward([a, b]) as Tensor;
      const rows = (x: Tensor) => [1, 2, 3, 4].map((i) => flat(x.select(1, i) as Tensor));
      const ra = rows(a), rb = rows(b);
      const ref = ra.map((r, i) => Math.pow(r.reduce((s, v, k) => s + Math.pow(Math.abs(v - rb[i][k]), p), 0), 1 / p));
      expect(out.size().totable()).to.deep.equal([4]);
      flat(out).forEach((v, i) => expect(v).to.be.closeTo(ref[i], 1e-12));
      const go = torch.randn(4);
      const gi = m.backward([a, b], go) as Tensor[];
      // d/da_k = go * sign(d_k) |d_k|^(p-1) / ‖d‖^(p-1)  (with Torch's 1e-6 in the denominator)
      const gref = ra.map((r, i) => r.map((v, k) => {
        const dk = v - rb[i][k];
        if (p === 1) return flat(go)[i] * Math.sign(dk);
        return flat(go)[i] * Math.sign(dk) * Math.pow(Math.abs(dk), p - 1) / Math.pow(ref[i] + 1e-6, p - 1);
      }));
      const g0 = rows(gi[0]), g1 = rows(gi[1]);
      g0.forEach((r, i) => r.forEach((v, k) => {
        expect(v).to.be.closeTo(gref[i][k], 1e-10);
        expect(g1[i][k]).to.equal(-v);
      }));
      const u = torch.randn(5), v = torch.randn(5);
      const o1 = m.forward([u, v]) as Tensor;
      expect(o1.size().totable()).to.deep.equal([1]);
      expect(o1.get(1)).to.be.closeTo(t.dist(u, v, p), 1e-12);
      const gv = m.backward([u, v], torch.ones(1)) as Tensor[];
      expect(gv[0].size().totable()).to.deep.equal([5]);
    });
  }

  it('refuses 3-D inputs; float()', () => {
    expectThrowMessage(() => new nn.PairwiseDistance().forward([torch.randn(2, 2, 2), torch.randn(2, 2, 2)]),
      'input must be vector or matrix');
    const a = torch.randn(3, 4), b = torch.randn(3, 4);
    const m = new nn.PairwiseDistance();
    const d = (m.forward([a, b]) as Tensor).clone();
    const f = m.float().forward([a.float(), b.float()]) as Tensor;
    expect(f.type()).to.equal('torch.FloatTensor');
    expect(diff(f, d)).to.be.below(1e-5);
  });
});

describe('nn.DotProduct and nn.CosineDistance', () => {
  const rowsOf = (x: Tensor) => Array.from({ length: x.size(1) }, (_, i) => flat(x.select(1, i + 1) as Tensor));
  const dot = (u: number[], v: number[]) => u.reduce((s, x, k) => s + x * v[k], 0);

  it('DotProduct: row dot products; gradients go·b and go·a', () => {
    const a = nonContiguous(torch.randn(4, 5)), b = torch.randn(4, 5);
    const m = new nn.DotProduct();
    const out = (m.forward([a, b]) as Tensor).clone();
    const ra = rowsOf(a), rb = rowsOf(b);
    flat(out).forEach((v, i) => expect(v).to.be.closeTo(dot(ra[i], rb[i]), 1e-13));
    const go = torch.randn(4);
    const gi = m.backward([a, b], go) as Tensor[];
    const gov = flat(go);
    rowsOf(gi[0]).forEach((r, i) => r.forEach((v, k) => expect(v).to.be.closeTo(gov[i] * rb[i][k], 1e-14)));
    rowsOf(gi[1]).forEach((r, i) => r.forEach((v, k) => expect(v).to.be.closeTo(gov[i] * ra[i][k], 1e-14)));
    const u = torch.randn(5), v = torch.randn(5);
    expect((m.forward([u, v]) as Tensor).size().totable()).to.deep.equal([1]);
    const gv = m.backward([u, v], torch.ones(1).mul(2)) as Tensor[];
    expect(diff(gv[0], t.mul(v, 2))).to.be.below(1e-15);
    expect(diff(gv[1], t.mul(u, 2))).to.be.below(1e-15);
    const f = m.float().forward([a.float(), b.float()]) as Tensor;
    expect(f.type()).to.equal('torch.FloatTensor');
    expect(diff(f, out)).to.be.below(1e-4);
  });

  it('DotProduct on non-contiguous vectors refuses, as Torch (view)', () => {
    const u = nonContiguous(torch.randn(5));
    expectThrowMessage(() => new nn.DotProduct().forward([u, torch.randn(5)]), 'expecting a contiguous tensor');
  });

  it('CosineDistance: row cosines (non-contiguous inputs copied); gradient of the cosine', () => {
    const a = nonContiguous(torch.randn(4, 5)), b = nonContiguous(torch.randn(4, 5));
    const m = new nn.CosineDistance();
    const out = (m.forward([a, b]) as Tensor).clone();
    const ra = rowsOf(a), rb = rowsOf(b);
    const cos = ra.map((r, i) => dot(r, rb[i]) / Math.sqrt((dot(r, r) + 1e-12) * (dot(rb[i], rb[i]) + 1e-12)));
    flat(out).forEach((v, i) => expect(v).to.be.closeTo(cos[i], 1e-13));
    const go = torch.randn(4);
    const gi = m.backward([a, b], go) as Tensor[];
    const gov = flat(go);
    // d cos / d a = b / (|a||b|) - cos a / |a|²
    rowsOf(gi[0]).forEach((r, i) => r.forEach((v, k) => {
      const na = dot(ra[i], ra[i]), nb = dot(rb[i], rb[i]);
      expect(v).to.be.closeTo(gov[i] * (rb[i][k] / Math.sqrt(na * nb) - cos[i] * ra[i][k] / na), 1e-12);
    }));
    rowsOf(gi[1]).forEach((r, i) => r.forEach((v, k) => {
      const na = dot(ra[i], ra[i]), nb = dot(rb[i], rb[i]);
      expect(v).to.be.closeTo(gov[i] * (ra[i][k] / Math.sqrt(na * nb) - cos[i] * rb[i][k] / nb), 1e-12);
    }));
    const u = torch.randn(5);
    const o1 = m.forward([u, t.mul(u, 3)]) as Tensor;
    expect(o1.size().totable()).to.deep.equal([1]);
    expect(o1.get(1)).to.be.closeTo(1, 1e-12);
    expect((m.backward([u, t.mul(u, 3)], torch.ones(1)) as Tensor[])[0].size().totable()).to.deep.equal([5]);
    m.clearState();
    expect(m.buffer!.nElement()).to.equal(0);
    const f = m.float().forward([a.float(), b.float()]) as Tensor;
    expect(f.type()).to.equal('torch.FloatTensor');
    expect(diff(f, out)).to.be.below(1e-5);
  });
});

describe('nn.CriterionTable', () => {
  it('forward([input, target]) is the loss; gradInput is {dloss/dinput}', () => {
    const x = torch.randn(3, 4), y = torch.randn(3, 4);
    const m = new nn.CriterionTable(new nn.MSECriterion());
    const loss = m.forward([x, y]);
    const ref = flat(x).reduce((s, v, k) => s + (v - flat(y)[k]) ** 2, 0) / 12;
    expect(loss).to.be.closeTo(ref, 1e-14);
    const gi = m.backward([x, y], undefined) as Tensor[];
    expect(gi).to.have.length(1);
    expect(diff(gi[0], elementwise([x, y], (a, b) => 2 * (a - b) / 12))).to.be.below(1e-15);
    const mf = m.float();
    expect((mf as any).criterion.gradInput.type()).to.equal('torch.FloatTensor');
    mf.forward([x.float(), y.float()]);
    expect((mf.backward([x.float(), y.float()], undefined) as Tensor[])[0].type()).to.equal('torch.FloatTensor');
  });
});
