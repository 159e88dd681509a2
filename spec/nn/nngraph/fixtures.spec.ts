/** Real nngraph `.t7` files load as working gModules and Nodes, and save with Torch's layout. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { torch, Tensor, LuaTable, TorchObject } from '../../../lib/index.js';
import { decodeFirst } from '../../../lib/File/index.js';
import { nn, nngraph } from '../../../nn/index.js';
import { expectClose, fixture } from '../../helpers.js';

const T = (a: any) => new torch.Tensor(a);

describe('nngraph fixtures', () => {
  describe('python-torchfile/gmodule_with_linear_identity.t7', () => {
    // mod = nn.gModule({a, b}, {nn.CAddTable()({b, nn.Linear(1,2)(a)})}) with a, b = nn.Identity()()
    const W = [-0.024837296921759844, 0.17503953725099564], B = [0.05159847717732191, -0.2536714617162943];
    const load = () => torch.load(fixture('t7', 'python-torchfile', 'gmodule_with_linear_identity.t7')) as any;

    it('loads a gModule of Identity, Identity, Linear(1,2), CAddTable with 2 inputs', () => {
      const g = load();
      expect(g).to.be.instanceOf(nn.gModule);
      expect(g.nInputs).to.equal(2);
      expect(g.modules.map(String)).to.deep.equal(['nn.Identity', 'nn.Identity', 'nn.Linear(1 -> 2)', 'nn.CAddTable']);
      expect(g.forwardnodes).to.have.length(9);
      expect(g.innode).to.be.instanceOf(nngraph.Node);
      expect(g.innode.children.length).to.equal(1);
      expect(g.fg.nodes).to.have.length(9);
      expect(g.bg.edges).to.have.length(9);
    });

    it('forward is b + W a + bias (weights from the file), backward {W^T g, g}', () => {
      const g = load();
      const a = 1.5, b = [0.5, -1];
      const y = g.forward([T([a]), T(b)]) as Tensor;
      expectClose(y, [b[0] + W[0] * a + B[0], b[1] + W[1] * a + B[1]], 1e-15);
      g.zeroGradParameters();
      const gi = g.backward([T([a]), T(b)], T([2, -3])) as Tensor[];
      expect(gi).to.have.length(2);
      expectClose(gi[0], [2 * W[0] - 3 * W[1]], 1e-15);
      expectClose(gi[1], [2, -3], 0);
      const lin = g.modules[2];
      expectClose(lin.gradWeight, [2 * a, -3 * a], 1e-15);
      expectClose(lin.gradBias, [2, -3], 0);
    });

    it('saves with Torch\'s layout: class names, indexed children / node / edge lists, mapindex keyed by data', () => {
      const g = load();
      g.forward([T([1]), T([1, 2])]);
      const raw = decodeFirst(torch.serialize(g), undefined, { generic: true }).value as TorchObject & Record<string, any>;
      expect(raw.__typename).to.equal('nn.gModule');
      const outnode = raw.outnode as TorchObject & Record<string, any>;
      expect(outnode.__typename).to.equal('nngraph.Node');
      const children = outnode.children as LuaTable;
      expect(children).to.be.instanceOf(LuaTable);
      const c1 = children.get(1) as TorchObject;
      expect(c1.__typename).to.equal('nngraph.Node');
      expect(children.get(c1)).to.equal(1);
      const mi = outnode.data.mapindex as LuaTable;
      expect(mi.get(mi.get(1))).to.equal(1);
      expect((raw.fg as TorchObject).__typename).to.equal('graph.Graph');
      const edges = (raw.fg as any).edges as LuaTable;
      const e1 = edges.get(1) as TorchObject & Record<string, any>;
      expect(e1.__typename).to.equal('graph.Edge');
      expect(edges.get(e1)).to.equal(1);
      expect((e1.from as TorchObject).__typename).to.equal('nngraph.Node');
      const back = torch.deserialize(torch.serialize(g)) as any;
      expectClose(back.forward([T([1.5]), T([0.5, -1])]), g.forward([T([1.5]), T([0.5, -1])]), 0);
    });
  });

  it('saved back, each nngraph fixture is byte for byte the file Torch wrote', function () {
    this.timeout(20000);
    for (const f of [['python-torchfile', 'gmodule_with_linear_identity.t7'], ['python-torchfile', 'nngraph_node.t7'], ['AS_Exam', 'model.t7']]) {
      const file = fixture('t7', ...f);
      expect(Buffer.compare(torch.serialize(torch.load(file)), readFileSync(file)), f[1]).to.equal(0);
    }
  });

  it('python-torchfile/nngraph_node.t7: one nngraph.Node with annotations', () => {
    const n = torch.load(fixture('t7', 'python-torchfile', 'nngraph_node.t7')) as any;
    expect(n).to.be.instanceOf(nngraph.Node);
    expect(n.data.annotations.hello).to.equal(123);
    expect(n.data.annotations._debugLabel).to.match(/trepl\/init.lua\]:588_$/);
    expect(n.children).to.deep.equal([]);
    expect(n.data.mapindex).to.be.instanceOf(LuaTable);
    expect(n.id).to.equal(0);
    const back = torch.deserialize(torch.serialize(n)) as any;
    expect(back.data.annotations.hello).to.equal(123);
  });

  it('AS_Exam/model.t7: an unrolled RNN gModule (10 steps, nested gModules) equals the recurrence computed by hand', function () {
    this.timeout(20000);
    const g = torch.load(fixture('t7', 'AS_Exam', 'model.t7')) as any;
    expect(String(g)).to.equal('rnn');
    expect(g.nInputs).to.equal(11);
    const seq = [1, 4, 2, 5, 5, 1, 3, 3, 4, 2];
    const xs = seq.map((c) => { const t = (torch as any).zeros(5) as Tensor; t.put(c, 1); return t; });
    const out = g.forward([(torch as any).zeros(100), ...xs]) as Tensor[];
    expect(out).to.have.length(10);
    const steps = g.modules.filter((m: any) => m instanceof nn.gModule);
    const heads = g.modules.filter((m: any) => m instanceof nn.Sequential);
    expect(steps).to.have.length(10);
    let h: Tensor = (torch as any).zeros(100);
    for (let k = 0; k < 10; k++) {
      const [l1, l2] = steps[k].modules;
      h = (torch as any).tanh((torch as any).mv(l1.weight, h).add(l1.bias).add((torch as any).mv(l2.weight, xs[k])).add(l2.bias));
      const lo = heads[k].modules[0];
      const z = (torch as any).mv(lo.weight, h).add(lo.bias) as Tensor;
      const y = z.clone().add(-Math.log((torch as any).exp(z).sum()));
      expectClose(out[k], y, 1e-12);
    }
    const gi = g.backward([(torch as any).zeros(100), ...xs], out.map(() => (torch as any).ones(5))) as Tensor[];
    expect(gi).to.have.length(11);
    expect(gi[0].size().totable()).to.deep.equal([100]);
    expect(gi[10].size().totable()).to.deep.equal([5]);
  });
});
