/** gModule as an nn.Container: parameters, modes, types, clearState, clone, round trips, printing. */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import { expectSame } from './util.js';

const randn = (...s: number[]): Tensor => (torch as any).randn(...s);

/** x -> Linear(4,5) -> Tanh -> Dropout -> Linear(5,3) and a second Linear(5,3) sharing the first's weights; outputs both. */
function build() {
  const x = new nn.Identity().__call__();
  const l1 = new nn.Linear(4, 5), l2 = new nn.Linear(5, 3);
  const l3 = l2.clone('weight', 'bias', 'gradWeight', 'gradBias');
  const h = new nn.Dropout(0.5).__call__(new nn.Tanh().__call__(l1.__call__(x)));
  return { g: new nn.gModule([x], [l2.__call__(h), l3.__call__(h)]), l1, l2, l3 };
}

describe('nngraph: gModule as a module', () => {
  beforeEach(() => (torch as any).manualSeed(3));

  it('is an nn.Container whose modules are in forward order', () => {
    const { g, l1, l2, l3 } = build();
    expect(g).to.be.instanceOf(nn.Container);
    expect(g.modules[1]).to.equal(l1);
    expect(g.modules.filter((m) => m === l2 || m === l3)).to.have.length(2);
    const [params, grads] = g.parameters();
    expect(params).to.have.length(6);
    expect(grads).to.have.length(6);
  });

  it('getParameters flattens (shared weights counted once); updateParameters and zeroGradParameters act on the children', () => {
    const { g, l1, l2, l3 } = build();
    const [flat, gflat] = g.getParameters();
    expect(flat.nElement()).to.equal(4 * 5 + 5 + 5 * 3 + 3);
    expect(l2.weight!.storage()).to.equal(l3.weight!.storage());
    g.evaluate();
    const x = randn(2, 4);
    const out = g.forward(x) as Tensor[];
    expectSame(out[0], out[1]);
    gflat.zero();
    g.backward(x, [randn(2, 3), randn(2, 3)]);
    expect((gflat as any).abs().sum()).to.be.above(0);
    const before = l1.weight!.clone();
    g.updateParameters(0.1);
    expectSame(l1.weight!, before.add(-0.1, l1.gradWeight!));
    g.zeroGradParameters();
    expect((gflat as any).abs().sum()).to.equal(0);
    expect(l1.gradWeight!.storage()).to.equal(gflat.storage());
  });

  it('training / evaluate reach the children (Dropout)', () => {
    const { g } = build();
    const drop = g.modules.find((m) => m instanceof nn.Dropout)!;
    g.evaluate();
    expect(drop.train).to.equal(false);
    const x = randn(2, 4);
    const a = (g.forward(x) as Tensor[])[0].clone();
    expectSame((g.forward(x) as Tensor[])[0], a);
    g.training();
    expect(drop.train).to.equal(true);
  });

  it('type / float / double convert the modules and the nodes\' buffers', () => {
    const { g } = build();
    g.evaluate();
    const x = randn(2, 4);
    const ref = (g.forward(x) as Tensor[])[0].clone();
    g.float();
    expect(g.type()).to.equal('torch.FloatTensor');
    for (const p of g.parameters()[0]) expect(p.type()).to.equal('torch.FloatTensor');
    for (const n of g.forwardnodes) for (const v of n.data.input ?? []) if (v instanceof Tensor) expect(v.type()).to.equal('torch.FloatTensor');
    const y = (g.forward(x.float()) as Tensor[])[0];
    expect(y.type()).to.equal('torch.FloatTensor');
    expectSame(y.double(), ref, 1e-6);
    g.double();
    expectSame((g.forward(x) as Tensor[])[0], ref, 1e-6);
  });

  it('clearState empties the nodes\' inputs and gradOutputs; the module still runs', () => {
    const { g } = build();
    g.evaluate();
    const x = randn(2, 4), go = [randn(2, 3), randn(2, 3)];
    const ref = (g.forward(x) as Tensor[])[0].clone();
    g.backward(x, go);
    g.clearState();
    for (const n of g.forwardnodes) expect(n.data.input).to.equal(undefined);
    for (const n of g.backwardnodes) expect(n.data.gradOutput).to.equal(undefined);
    expectSame((g.forward(x) as Tensor[])[0], ref);
  });

  it('clone is a deep copy; clone("weight", "bias") shares the parameters', () => {
    const { g } = build();
    g.evaluate();
    const x = randn(2, 4);
    const ref = (g.forward(x) as Tensor[])[0].clone();
    const c = g.clone();
    expectSame((c.forward(x) as Tensor[])[0], ref);
    expect(c.modules[1].weight).to.not.equal(g.modules[1].weight);
    c.modules[1].weight!.fill(0);
    expectSame((g.forward(x) as Tensor[])[0], ref);
    const s = g.clone('weight', 'bias');
    s.modules[1].weight!.add(1);
    expect(g.modules[1].weight!.storage()).to.equal(s.modules[1].weight!.storage());
  });

  it('a container holding a gModule clones it (deepClone copies the LuaTables of the nodes)', () => {
    const { g } = build();
    g.evaluate();
    const seq = new nn.Sequential().add(g).add(new nn.CAddTable());
    const x = randn(2, 4);
    const ref = (seq.forward(x) as Tensor).clone();
    const c = seq.clone();
    expectSame(c.forward(x), ref);
    const cg = c.modules[0] as any;
    expect(cg).to.not.equal(g);
    expect(cg.forwardnodes[1].data.mapindex.get(1)).to.equal(cg.forwardnodes[0].data);
    cg.modules[1].weight.zero();
    expectSame(seq.forward(x), ref);
  });

  it('serialize / deserialize keeps results, shared weights, and the data shared by forward and backward nodes', () => {
    const { g } = build();
    g.evaluate();
    const x = randn(2, 4), go = [randn(2, 3), randn(2, 3)];
    const out = (g.forward(x) as Tensor[]).map((t) => t.clone());
    const gi = (g.backward(x, go) as Tensor).clone();
    const back = torch.deserialize(torch.serialize(g)) as any;
    expect(back).to.be.instanceOf(nn.gModule);
    expectSame(back.forward(x), out, 0);
    expectSame(back.backward(x, go), gi, 0);
    const lins = back.modules.filter((m: any) => m instanceof nn.Linear && m.weight.size(1) === 3);
    expect(lins[0].weight.storage()).to.equal(lins[1].weight.storage());
    const fdata = new Set(back.forwardnodes.map((n: any) => n.data));
    expect(back.backwardnodes.every((n: any) => fdata.has(n.data))).to.equal(true);
    expect(back.forwardnodes.every((n: any) => !back.backwardnodes.includes(n))).to.equal(true);
    const ascii = torch.deserialize(torch.serialize(g, 'ascii')) as any;
    expectSame(ascii.forward(x), out, 1e-12);
  });

  it('apply, replace, map and printing', () => {
    const { g } = build();
    const seen: string[] = [];
    g.apply((m) => seen.push(m.__typename));
    expect(seen[0]).to.equal('nn.gModule');
    expect(seen).to.include('nn.Dropout');
    g.replace((m) => (m instanceof nn.Dropout ? new nn.Identity() : m));
    expect(g.modules.some((m) => m instanceof nn.Dropout)).to.equal(false);
    expect(g.forwardnodes.some((n) => n.data.module instanceof nn.Dropout)).to.equal(false);
    const pairs: string[] = [];
    g.map(g.clone(), (a, b) => pairs.push(`${a.__typename}=${b.__typename}`));
    expect(pairs).to.have.length(g.modules.length);
    expect(String(g)).to.equal('nn.gModule');
    g.name = 'mlp';
    expect(String(g)).to.equal('mlp');
  });
});
