/** nn.MixtureTable, nn.ZipTable, nn.ZipTableOneToMany, nn.CAddTensorTable against plain loops and tensor ops. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose } from '../helpers.js';

const t = torch as any;

/** Central-difference check of d(sum(output .* go))/d(x) against `analytic`, perturbing x in place. */
function numericGrad(f: () => Tensor, x: Tensor, go: Tensor, analytic: Tensor, h = 1e-6): number {
  const flat = x.view(x.nElement()), a = analytic.contiguous().view(x.nElement());
  let worst = 0;
  for (let i = 1; i <= x.nElement(); i++) {
    const v = flat.get(i);
    flat.put(i, v + h);
    const plus = (f().clone() as Tensor).cmul(go).sum();
    flat.put(i, v - h);
    const minus = (f().clone() as Tensor).cmul(go).sum();
    flat.put(i, v);
    worst = Math.max(worst, Math.abs((plus - minus) / (2 * h) - a.get(i)));
  }
  return worst;
}

describe('nn.MixtureTable', () => {
  beforeEach(() => t.manualSeed(41));

  it('table of experts, batch: output[b] = sum_i gater[b][i] * expert_i[b]; gradients by the chain rule', () => {
    const B = 3, n = 4;
    const gater = torch.rand(B, n), experts = Array.from({ length: n }, () => torch.randn(B, 5));
    const m = new nn.MixtureTable();
    const y = m.forward([gater, experts]) as Tensor;
    const expected = torch.zeros(B, 5);
    for (let b = 1; b <= B; b++) for (let i = 1; i <= n; i++) for (let j = 1; j <= 5; j++) {
      expected.put(b, j, expected.get(b, j) + gater.get(b, i) * experts[i - 1].get(b, j));
    }
    expectClose(y, expected, 1e-14);
    expect(m.dim).to.equal(2);
    const go = torch.randn(B, 5);
    const [gg, ge] = m.backward([gater, experts], go) as [Tensor, Tensor[]];
    for (let b = 1; b <= B; b++) for (let i = 1; i <= n; i++) {
      let s = 0;
      for (let j = 1; j <= 5; j++) s += go.get(b, j) * experts[i - 1].get(b, j);
      expect(gg.get(b, i)).to.be.closeTo(s, 1e-12);
      for (let j = 1; j <= 5; j++) expect(ge[i - 1].get(b, j)).to.be.closeTo(go.get(b, j) * gater.get(b, i), 1e-14);
    }
    expect(ge).to.have.length(n);
  });

  it('table of experts, no batch (dim 1), experts of any shape', () => {
    const gater = torch.rand(3), experts = [torch.randn(2, 3), torch.randn(2, 3), torch.randn(2, 3)];
    const m = new nn.MixtureTable();
    const y = m.forward([gater, experts]) as Tensor;
    const expected = experts[0].clone().mul(gater.get(1)).add(gater.get(2), experts[1]).add(gater.get(3), experts[2]);
    expectClose(y, expected, 1e-14);
    expect(m.dim).to.equal(1);
    const go = torch.randn(2, 3);
    const [gg, ge] = m.backward([gater, experts], go) as [Tensor, Tensor[]];
    for (let i = 1; i <= 3; i++) {
      expect(gg.get(i)).to.be.closeTo(go.clone().cmul(experts[i - 1]).sum(), 1e-12);
      expectClose(ge[i - 1], go.clone().mul(gater.get(i)), 1e-14);
    }
    // fewer experts on the next call: the extra gradient entries are dropped
    const g2 = torch.rand(2), e2 = [torch.randn(2, 3), torch.randn(2, 3)];
    m.forward([g2, e2]);
    expect((m.backward([g2, e2], go) as any)[1]).to.have.length(2);
  });

  it('experts in one tensor along dim (batch, dim 2): output and gradients, with a numeric check', () => {
    const B = 2, n = 3;
    const gater = torch.rand(B, n), experts = torch.randn(B, n, 4);
    const m = new nn.MixtureTable();
    const y = m.forward([gater, experts]) as Tensor;
    expect(y.size().totable()).to.deep.equal([B, 4]);
    const expected = torch.zeros(B, 4);
    for (let b = 1; b <= B; b++) for (let i = 1; i <= n; i++) for (let j = 1; j <= 4; j++) {
      expected.put(b, j, expected.get(b, j) + gater.get(b, i) * experts.get(b, i, j));
    }
    expectClose(y, expected, 1e-14);
    const go = torch.randn(B, 4);
    const [gg, ge] = (m.backward([gater, experts], go) as Tensor[]).map((x) => x.clone());
    expect(ge.size().totable()).to.deep.equal([B, n, 4]);
    for (let b = 1; b <= B; b++) for (let i = 1; i <= n; i++) for (let j = 1; j <= 4; j++) {
      expect(ge.get(b, i, j)).to.be.closeTo(gater.get(b, i) * go.get(b, j), 1e-14);
    }
    const f = () => m.forward([gater, experts]) as Tensor;
    expect(numericGrad(f, gater, go, gg)).to.be.below(1e-7);
    expect(numericGrad(f, experts, go, ge)).to.be.below(1e-7);
  });

  it('experts in one tensor, no batch, a custom dim; float', () => {
    const gater = torch.rand(3), experts = torch.randn(4, 3);
    const m = new nn.MixtureTable(2);
    const y = m.forward([gater, experts]) as Tensor;
    expectClose(y, (torch as any).mv(experts, gater), 1e-14);
    const go = torch.randn(4);
    const [gg, ge] = (m.backward([gater, experts], go) as Tensor[]).map((x) => x.clone());
    expectClose(gg, (torch as any).mv(experts.t(), go), 1e-12);
    expectClose(ge, (torch as any).ger(go, gater), 1e-14);
    const mf = new nn.MixtureTable(2).float();
    const yf = mf.forward([gater.float(), experts.float()]) as Tensor;
    expect(yf.type()).to.equal('torch.FloatTensor');
    expectClose(yf.double(), y, 1e-6);
  });

  it('rejects a gater/expert count mismatch in Torch\'s words; prints; type() drops the buffers; clearState', () => {
    const m = new nn.MixtureTable();
    expect(() => m.forward([torch.rand(2, 3), [torch.randn(2, 4), torch.randn(2, 4)]])).to.throw('Should be one gater output per expert');
    expect(String(m)).to.equal('nn.MixtureTable');
    const m2 = new nn.MixtureTable();
    m2.forward([torch.rand(2, 2), [torch.randn(2, 4), torch.randn(2, 4)]]);
    expect(m2._expert).to.not.equal(undefined);
    m2.float();
    expect(m2._expert).to.equal(undefined);
    m2.forward([torch.rand(2, 2).float(), [torch.randn(2, 4).float(), torch.randn(2, 4).float()]]);
    m2.clearState();
    expect(m2._gaterView!.nElement()).to.equal(0);
    expect(m2.output.nElement()).to.equal(0);
  });
});

describe('nn.ZipTable', () => {
  it('zips a table of tables, passing the tensors through, and zips the gradient back', () => {
    const [a1, a2, b1, b2, c1, c2] = Array.from({ length: 6 }, () => torch.randn(2));
    const m = new nn.ZipTable();
    const y = m.forward([[a1, a2], [b1, b2], [c1, c2]]) as Tensor[][];
    expect(y).to.have.length(2);
    expect(y[0][0]).to.equal(a1); expect(y[0][1]).to.equal(b1); expect(y[0][2]).to.equal(c1);
    expect(y[1][0]).to.equal(a2); expect(y[1][1]).to.equal(b2); expect(y[1][2]).to.equal(c2);
    const g = m.backward([[a1, a2], [b1, b2], [c1, c2]], [[c1, b1, a1], [c2, b2, a2]]) as Tensor[][];
    expect(g).to.have.length(3);
    expect(g[0][0]).to.equal(c1); expect(g[0][1]).to.equal(c2);
    expect(g[2][0]).to.equal(a1); expect(g[2][1]).to.equal(a2);
    expect(String(m)).to.equal('nn.ZipTable');
  });
});

describe('nn.ZipTableOneToMany', () => {
  it('pairs the element with each entry; the element\'s gradient is the sum of the first gradients', () => {
    const v = torch.randn(3), a = torch.randn(2), b = torch.randn(4);
    const m = new nn.ZipTableOneToMany();
    const y = m.forward([v, [a, b]]) as Tensor[][];
    expect(y).to.have.length(2);
    expect(y[0][0]).to.equal(v); expect(y[0][1]).to.equal(a);
    expect(y[1][0]).to.equal(v); expect(y[1][1]).to.equal(b);
    const gv1 = torch.randn(3), gv2 = torch.randn(3), ga = torch.randn(2), gb = torch.randn(4);
    const g = m.backward([v, [a, b]], [[gv1, ga], [gv2, gb]]) as any[];
    expect(g[0]).to.equal(m.gradInputEl);
    expectClose(g[0], [gv1.get(1) + gv2.get(1), gv1.get(2) + gv2.get(2), gv1.get(3) + gv2.get(3)], 1e-15);
    expect(g[1][0]).to.equal(ga); expect(g[1][1]).to.equal(gb);
    expect(() => m.forward([v])).to.throw('input must be table of element and table');
    expect(() => m.backward([v, [a], b], [[gv1, ga]])).to.throw('input must be table of element and table');
    expect(String(m)).to.equal('nn.ZipTableOneToMany');
  });
});

describe('nn.CAddTensorTable', () => {
  it('adds the tensor to each entry (fresh outputs); gradients: the sum of gradOutputs, and copies', () => {
    const x = torch.randn(2, 3), ys = [torch.randn(2, 3), torch.randn(2, 3), torch.randn(2, 3)];
    const m = new nn.CAddTensorTable();
    const out = m.forward([x, ys]) as Tensor[];
    expect(out).to.have.length(3);
    out.forEach((o, i) => {
      expect(o).to.not.equal(ys[i]);
      for (let r = 1; r <= 2; r++) for (let c = 1; c <= 3; c++) expect(o.get(r, c)).to.equal(x.get(r, c) + ys[i].get(r, c));
    });
    const gos = [torch.randn(2, 3), torch.randn(2, 3), torch.randn(2, 3)];
    const [g1, g2] = m.backward([x, ys], gos) as [Tensor, Tensor[]];
    for (let r = 1; r <= 2; r++) for (let c = 1; c <= 3; c++) {
      expect(g1.get(r, c)).to.be.closeTo(gos[0].get(r, c) + gos[1].get(r, c) + gos[2].get(r, c), 1e-15);
    }
    g2.forEach((g, i) => { expect(g).to.not.equal(gos[i]); expectClose(g, gos[i], 0); });
    m.forward([x, ys.slice(0, 1)]);
    const [, g2b] = m.backward([x, ys.slice(0, 1)], gos.slice(0, 1)) as [Tensor, Tensor[]];
    expect(g2b).to.have.length(1);
    const outF = new nn.CAddTensorTable().float().forward([x.float(), ys.map((y) => y.float())]) as Tensor[];
    expect(outF[0].type()).to.equal('torch.FloatTensor');
    expect(String(m)).to.equal('nn.CAddTensorTable');
  });
});

describe('table modules: .t7 round trips', () => {
  it('MixtureTable, ZipTable, ZipTableOneToMany and CAddTensorTable save and load with their fields and results', () => {
    t.manualSeed(42);
    const gater = torch.rand(2, 2), experts = [torch.randn(2, 3), torch.randn(2, 3)];
    const m = new nn.MixtureTable();
    const y = (m.forward([gater, experts]) as Tensor).clone();
    const back = torch.deserialize(torch.serialize(m)) as any;
    expect(back.__typename).to.equal('nn.MixtureTable');
    expect([back.dim, back.dimG, back.table, back.batchSize]).to.deep.equal([2, 2, true, 2]);
    expectClose(back.forward([gater, experts]), y, 0);
    for (const M of [nn.ZipTable, nn.ZipTableOneToMany, nn.CAddTensorTable]) {
      const r = torch.deserialize(torch.serialize(new M())) as any;
      expect(r).to.be.instanceOf(M);
    }
    const z = torch.deserialize(torch.serialize(new nn.ZipTableOneToMany())) as any;
    expect(z.gradInputEl.type()).to.equal('torch.DoubleTensor');
  });
});
