/** Graphs built in code compute what the equivalent nn containers compute (double, 1e-12). */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn, nngraph } from '../../../nn/index.js';
import { expectEquivalent, expectSame } from './util.js';

const randn = (...s: number[]): Tensor => (torch as any).randn(...s);
const input = () => new nn.Identity().__call__();

describe('nngraph: graphs built in code', () => {
  beforeEach(() => (torch as any).manualSeed(42));

  it('a chain equals nn.Sequential', () => {
    const l1 = new nn.Linear(4, 5), t = new nn.Tanh(), l2 = new nn.Linear(5, 3);
    const x = input();
    const g = new nn.gModule([x], [l2.__call__(t.__call__(l1.__call__(x)))]);
    const c1 = l1.clone(), c2 = l2.clone();
    const s = new nn.Sequential().add(c1).add(new nn.Tanh()).add(c2);
    expectEquivalent(g, s, randn(2, 4), randn(2, 3), [[l1, c1], [l2, c2]]);
    expect(g.modules).to.have.length(4);
    expect(g.nInputs).to.equal(1);
  });

  it('a residual block (x feeds two nodes: gradients summed) equals ConcatTable + CAddTable', () => {
    const l1 = new nn.Linear(4, 4), l2 = new nn.Linear(4, 4);
    const x = input();
    const y = new nn.CAddTable().__call__([x, l2.__call__(new nn.Tanh().__call__(l1.__call__(x)))]);
    const g = new nn.gModule([x], [y]);
    const c1 = l1.clone(), c2 = l2.clone();
    const c = new nn.Sequential()
      .add(new nn.ConcatTable().add(new nn.Identity()).add(new nn.Sequential().add(c1).add(new nn.Tanh()).add(c2)))
      .add(new nn.CAddTable());
    expectEquivalent(g, c, randn(3, 4), randn(3, 4), [[l1, c1], [l2, c2]]);
    // x's node received two gradOutputs, summed into its buffer
    const xnode = g.backwardnodes.find((n: any) => n.data === x.data)!;
    expect(xnode.data.gradOutput).to.have.length(2);
    expect(xnode.data.gradOutputBuffer).to.be.instanceOf(Tensor);
  });

  it('two inputs equal ParallelTable + CAddTable; input order follows the inputs list', () => {
    const l1 = new nn.Linear(3, 2), l2 = new nn.Linear(5, 2);
    const x1 = input(), x2 = input();
    const g = new nn.gModule([x1, x2], [new nn.CAddTable().__call__(l1.__call__(x1), l2.__call__(x2))]);
    const c1 = l1.clone(), c2 = l2.clone();
    const c = new nn.Sequential().add(new nn.ParallelTable().add(c1).add(c2)).add(new nn.CAddTable());
    expectEquivalent(g, c, [randn(3), randn(5)], randn(2), [[l1, c1], [l2, c2]]);
    expect(g.nInputs).to.equal(2);
  });

  it('two outputs equal ConcatTable; the output table is the out node\'s input list', () => {
    const l1 = new nn.Linear(3, 2);
    const x = input();
    const g = new nn.gModule([x], [l1.__call__(x), new nn.Tanh().__call__(x)]);
    const c1 = l1.clone();
    const c = new nn.ConcatTable().add(c1).add(new nn.Tanh());
    expectEquivalent(g, c, randn(4, 3), [randn(4, 2), randn(4, 3)], [[l1, c1]]);
    expect(g.output).to.equal(g.outnode.data.input);
  });

  it('split(n) routes the elements of a table output; equals SplitTable + ConcatTable of NarrowTable/SelectTable', () => {
    const x = input();
    const [a, b, cc] = new nn.SplitTable(1).__call__(x).split(3);
    const y = new nn.CAddTable().__call__([new nn.CMulTable().__call__([a, b]), cc]);
    const g = new nn.gModule([x], [y]);
    const c = new nn.Sequential().add(new nn.SplitTable(1))
      .add(new nn.ConcatTable().add(new nn.Sequential().add(new nn.NarrowTable(1, 2)).add(new nn.CMulTable())).add(new nn.SelectTable(3)))
      .add(new nn.CAddTable());
    expectEquivalent(g, c, randn(3, 4), randn(4), []);
    expect(g.forwardnodes.filter((n: any) => n.data.selectindex !== undefined)).to.have.length(3 + 0);
  });

  it('split(1) inserts a JustElement node', () => {
    const x = input();
    const [only] = new nn.SplitTable(1).__call__(x).split(1);
    expect(only.data.module).to.be.instanceOf(nngraph.JustElement);
    const g = new nn.gModule([x], [new nn.Tanh().__call__(only)]);
    const v = randn(1, 3);
    expectSame(g.forward(v), (torch as any).tanh(v.select(1, 1)));
    const gi = g.backward(v, (torch as any).ones(3)) as Tensor;
    expect(gi.size().totable()).to.deep.equal([1, 3]);
  });

  it('nested table inputs: {{x1, x2}, x3} through nested splits; gradInput has the same nesting', () => {
    const inp = input();
    const [pair, x3] = inp.split(2);
    const [x1, x2] = pair.split(2);
    const g = new nn.gModule([inp], [new nn.CAddTable().__call__([new nn.CMulTable().__call__([x1, x2]), x3])]);
    const v = [[randn(4), randn(4)], randn(4)] as any;
    const go = randn(4);
    const y = g.forward(v) as Tensor;
    expectSame(y, v[0][0].clone().cmul(v[0][1]).add(v[1]));
    const gi = g.backward(v, go) as any;
    expectSame(gi, [[go.clone().cmul(v[0][1]), go.clone().cmul(v[0][0])], go]);
  });

  it('a table-valued input among several inputs', () => {
    const t = input(), z = input();
    const g = new nn.gModule([t, z], [new nn.CAddTable().__call__([new nn.CAddTable().__call__(t), z])]);
    const v = [[randn(2), randn(2)], randn(2)] as any;
    expectSame(g.forward(v), v[0][0].clone().add(v[0][1]).add(v[1]));
    const gi = g.backward(v, (torch as any).ones(2)) as any;
    expectSame(gi, [[(torch as any).ones(2), (torch as any).ones(2)], (torch as any).ones(2)]);
  });

  it('a criterion called on nodes becomes nn.ModuleFromCriterion (loss as a 1-element output)', () => {
    const p = input(), t = input();
    const loss = new nn.MSECriterion().__call__([p, t]);
    expect(loss.data.module).to.be.instanceOf(nn.ModuleFromCriterion);
    const g = new nn.gModule([p, t], [loss]);
    const a = randn(5), b = randn(5);
    const out = g.forward([a, b]) as Tensor;
    expect(out.get(1)).to.be.closeTo(new nn.MSECriterion().forward(a, b), 1e-14);
    const gi = g.backward([a, b], new torch.Tensor([2])) as Tensor[];
    expectSame(gi[0], new nn.MSECriterion().backward(a, b).clone().mul(2));
    expectSame(gi[1], (torch as any).zeros(5));
  });

  it('a gModule used as a node of another gModule equals the flat graph', () => {
    const l1 = new nn.Linear(3, 3), l2 = new nn.Linear(3, 2);
    const a = input();
    const inner = new nn.gModule([a], [new nn.Tanh().__call__(l1.__call__(a))]);
    const x = input();
    const outer = new nn.gModule([x], [l2.__call__(inner.__call__(x))]);
    const c1 = l1.clone(), c2 = l2.clone();
    const s = new nn.Sequential().add(c1).add(new nn.Tanh()).add(c2);
    expectEquivalent(outer, s, randn(4, 3), randn(4, 2), [[l1, c1], [l2, c2]]);
    expect(outer.modules[1]).to.equal(inner);
  });

  it('annotate names nodes; __call__ accepts several nodes or one array', () => {
    const x = input().annotate({ name: 'x', description: 'the input' });
    expect(x.data.annotations.name).to.equal('x');
    expect(x.graphNodeName()).to.equal('x (0)');
    expect(x.data.annotations._debugLabel).to.match(/build\.spec\.[jt]s\]:\d+_$/);
    const y = input();
    const a = new nn.CAddTable().__call__(x, y), b = new nn.CAddTable().__call__([x, y]);
    expect(a.data.mapindex.get(1)).to.equal(x.data);
    expect(b.data.mapindex.get(2)).to.equal(y.data);
    expect(b.data.mapindex.get(y.data)).to.equal(2);
  });
});
