/**
 * The Module system (nn/Module.ts, nn/Container.ts, nn/Sequential.ts) with real containers: getParameters,
 * clone / share, type conversions that keep sharing, clearState, apply / replace / findModules / listModules,
 * training / evaluate, Sequential's editing, and Torch's printing.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { Module } from '../../nn/Module.js';
import { flat } from '../helpers.js';

const t = torch as any;

/** Max |a - b| (sizes must match). */
function diff(a: Tensor, b: Tensor): number {
  expect(a.size().totable(), 'sizes').to.deep.equal(b.size().totable());
  return a.nElement() === 0 ? 0 : t.add(a.double(), -1, b.double()).abs().max();
}

/** A test layer y = w .* x + b that keeps Module's default accUpdateGradParameters / sharedAccUpdateGradParameters. */
class Scale extends Module {
  constructor(n: number) {
    super();
    this.weight = torch.randn(n);
    this.bias = torch.randn(n);
    this.gradWeight = torch.zeros(n);
    this.gradBias = torch.zeros(n);
  }
  override updateOutput(x: Tensor): Tensor { return (this.output as Tensor).resizeAs(x).copy(x).cmul(this.weight!).add(this.bias!); }
  override updateGradInput(_x: Tensor, g: Tensor): Tensor { return (this.gradInput as Tensor).resizeAs(g).copy(g).cmul(this.weight!); }
  override accGradParameters(x: Tensor, g: Tensor, scale = 1): void {
    this.gradWeight!.addcmul(scale, g, x);
    this.gradBias!.add(scale, g);
  }
}

const mlp = () => new nn.Sequential()
  .add(new nn.Linear(10, 25)).add(new nn.Tanh())
  .add(new nn.ConcatTable().add(new nn.Linear(25, 3)).add(new nn.Sequential().add(new nn.Linear(25, 2)).add(new nn.Tanh())))
  .add(new nn.JoinTable(2));

describe('Module:getParameters', () => {
  it('returns one contiguous flat tensor holding every parameter, and re-points every module into it', () => {
    t.manualSeed(1);
    const net = mlp();
    const [ps, gs] = net.parameters();
    const before = ps.map((p) => p.clone());
    const n = ps.reduce((s, p) => s + p.nElement(), 0);
    const [flatP, flatG] = net.getParameters();
    expect(flatP.dim()).to.equal(1);
    expect(flatP.nElement()).to.equal(n);
    expect(flatG.nElement()).to.equal(n);
    expect(flatP.isContiguous()).to.equal(true);
    // same tensor objects, now views of the flat storages, values kept
    const [ps2, gs2] = net.parameters();
    ps2.forEach((p, i) => {
      expect(p).to.equal(ps[i]);
      expect(p.storage()).to.equal(flatP.storage());
      expect(gs2[i].storage()).to.equal(flatG.storage());
      expect(p.storageOffset()).to.equal(gs[i].storageOffset());
      expect(diff(p, before[i])).to.equal(0);
    });
    expect(flat(flatP)).to.deep.equal(before.flatMap((p) => flat(p)));
    // an update on the flat tensor is an update of the module's weights (and gradients land in flatG)
    flatP.add(1);
    ps2.forEach((p, i) => expect(diff(p, t.add(before[i], 1))).to.be.below(1e-15));
    const x = torch.randn(2, 10);
    net.zeroGradParameters();
    net.forward(x);
    net.backward(x, torch.randn(2, 5));
    expect(flatG.abs().sum()).to.be.greaterThan(0);
    expect(flat(flatG)).to.deep.equal(gs2.flatMap((g) => flat(g)));
    flatG.zero();
    expect(gs2.every((g) => g.abs().max() === 0)).to.equal(true);
  });

  it('counts shared storages once (clone sharing weight, bias and their gradients)', () => {
    t.manualSeed(2);
    const a = new nn.Linear(4, 3);
    const b = a.clone('weight', 'bias', 'gradWeight', 'gradBias');
    const net = new nn.Sequential().add(a).add(new nn.Tanh()).add(b.clone().reset()).add(new nn.ParallelTable());
    const twin = new nn.Concat(1).add(a).add(b);
    const [p, g] = twin.getParameters();
    expect(p.nElement()).to.equal(15);
    expect(g.nElement()).to.equal(15);
    expect(b.weight.storage()).to.equal(p.storage());
    expect(b.weight.storageOffset()).to.equal(a.weight.storageOffset());
    p.zero();
    expect(b.weight.abs().max()).to.equal(0);
    expect(net.getParameters()[0].nElement()).to.equal(15 + 15);
  });

  it('refuses parameters whose gradients are not shared alike; compacts holes; refuses non-compact views', () => {
    const a = new nn.Linear(4, 3);
    const b = a.clone('weight', 'bias');
    expect(() => new nn.Concat(1).add(a).add(b).getParameters()).to.throw('check that you are sharing parameters and gradParameters');
    // a weight that is rows 2..4 of a bigger storage: the hole is dropped
    const big = torch.randn(6, 4);
    const c = new nn.Linear(4, 3);
    c.weight = big.narrow(1, 2, 3);
    c.gradWeight = torch.zeros(6, 4).narrow(1, 2, 3);
    const w = c.weight.clone();
    const [p] = c.getParameters();
    expect(p.nElement()).to.equal(15);
    expect(diff(c.weight, w)).to.equal(0);
    const d = new nn.Linear(4, 3);
    d.weight = torch.randn(3, 6).narrow(2, 1, 4);
    d.gradWeight = torch.randn(3, 6).narrow(2, 1, 4);
    expect(() => d.getParameters()).to.throw('Cannot gather tensors that are not compact');
  });

  it('gives empty tensors for a module without parameters', () => {
    const [p, g] = new nn.Sequential().add(new nn.Tanh()).getParameters();
    expect(p.nElement()).to.equal(0);
    expect(g.nElement()).to.equal(0);
  });
});

describe('Module:clone and Module:share', () => {
  it('clone() is deep: new storages, same values, and the same sharing structure inside', () => {
    t.manualSeed(3);
    const net = mlp();
    const x = torch.randn(2, 10);
    net.forward(x);
    const c = net.clone();
    expect(c).to.be.instanceOf(nn.Sequential);
    const [pa] = net.parameters(), [pc] = c.parameters();
    pa.forEach((p, i) => {
      expect(pc[i].storage()).to.not.equal(p.storage());
      expect(diff(pc[i], p)).to.equal(0);
    });
    // Sequential.output is its last child's output, in the clone too
    expect(c.output).to.equal(c.get(4).output);
    expect(c.output).to.not.equal(net.output);
    pc[0].fill(0);
    expect(pa[0].abs().max()).to.be.greaterThan(0);
    expect(diff(c.forward(x) as Tensor, net.forward(x) as Tensor)).to.be.greaterThan(0);
  });

  it("clone('weight', 'bias', 'gradWeight', 'gradBias') shares those with the original, recursively", () => {
    t.manualSeed(4);
    const net = mlp();
    const c = net.clone('weight', 'bias', 'gradWeight', 'gradBias');
    const [pa, ga] = net.parameters(), [pc, gc] = c.parameters();
    pa.forEach((p, i) => {
      expect(pc[i].storage()).to.equal(p.storage());
      expect(gc[i].storage()).to.equal(ga[i].storage());
    });
    pa[2].fill(7);
    expect(pc[2].max()).to.equal(7);
    expect(c.output).to.not.equal(net.output);
    expect((net.get(1) as Module).shared).to.equal(true);
  });

  it('share(m, names...) ties the named tensors; shared modules update through zero/acc/update', () => {
    t.manualSeed(5);
    const a = new Scale(4), b = new Scale(4);
    b.share(a, 'weight', 'bias');
    expect(b.weight!.storage()).to.equal(a.weight!.storage());
    expect(b.gradWeight!.storage()).to.not.equal(a.gradWeight!.storage());
    expect(a.shared && b.shared).to.equal(true);
    const x = torch.randn(4), go = torch.randn(4);
    const w = a.weight!.clone(), bias = a.bias!.clone();
    b.forward(x);
    b.accUpdateGradParameters(x, go, 0.5);
    expect(diff(a.weight!, t.add(w, -0.5, t.cmul(go, x)))).to.be.below(1e-15);
    expect(diff(a.bias!, t.add(bias, -0.5, go))).to.be.below(1e-15);
    // an unshared module steps its own weights through the gradWeight trick
    const u = new Scale(4);
    const uw = u.weight!.clone();
    u.accUpdateGradParameters(x, go, 2);
    expect(diff(u.weight!, t.add(uw, -2, t.cmul(go, x)))).to.be.below(1e-15);
    expect(u.gradWeight!.abs().max()).to.equal(0);
  });

  it('Container:share recurses into the children', () => {
    const a = new nn.Sequential().add(new nn.Linear(3, 2)).add(new nn.Tanh()).add(new nn.Linear(2, 2));
    const b = new nn.Sequential().add(new nn.Linear(3, 2)).add(new nn.Tanh()).add(new nn.Linear(2, 2));
    b.share(a, 'weight', 'bias');
    expect(b.get(1).weight!.storage()).to.equal(a.get(1).weight!.storage());
    expect(b.get(3).bias!.storage()).to.equal(a.get(3).bias!.storage());
  });
});

describe('Module:type', () => {
  it('float()/double() convert every tensor and keep sharing between modules', () => {
    t.manualSeed(6);
    const net = mlp();
    const twin = net.clone('weight', 'bias');
    const both = new nn.ConcatTable().add(net).add(twin);
    const x = torch.randn(2, 10);
    const yd = (net.forward(x) as Tensor).clone();
    expect(both.float()).to.equal(both);
    expect(both.type()).to.equal('torch.FloatTensor');
    const [pa] = net.parameters(), [pb] = twin.parameters();
    pa.forEach((p, i) => {
      expect(p.type()).to.equal('torch.FloatTensor');
      expect(pb[i].storage()).to.equal(p.storage());
    });
    const yf = net.forward(x.float()) as Tensor;
    expect(yf.type()).to.equal('torch.FloatTensor');
    expect(diff(yf, yd)).to.be.below(1e-5);
    both.double();
    expect(net.parameters()[0][0].type()).to.equal('torch.DoubleTensor');
    expect(twin.parameters()[0][0].storage()).to.equal(net.parameters()[0][0].storage());
  });

  it('keeps a getParameters() flattening (one storage) through float(), and sharing across calls with one cache', () => {
    const net = mlp();
    const [p] = net.getParameters();
    net.float();
    const ps = net.parameters()[0];
    expect(new Set(ps.map((q) => q.storage())).size).to.equal(1);
    expect(ps[0].storage().size()).to.equal(p.nElement());
    const a = new nn.Linear(3, 2), b = new nn.Linear(3, 2);
    b.share(a, 'weight');
    const cache = new Map();
    a.type('torch.FloatTensor', cache);
    b.type('torch.FloatTensor', cache);
    expect(b.weight.storage()).to.equal(a.weight.storage());
  });
});

describe('Module:clearState, apply, replace, findModules, listModules, training/evaluate', () => {
  it('clearState empties the buffers everywhere, returns self, and never resets the caller\'s tensors', () => {
    const net = mlp();
    const x = torch.randn(2, 10);
    net.forward(x);
    net.backward(x, torch.randn(2, 5));
    expect(net.clearState()).to.equal(net);
    for (const m of net.listModules()) {
      if (m.output instanceof Tensor) expect(m.output.nElement(), String(m)).to.equal(0);
      else expect(m.output).to.deep.equal([]);
    }
    expect((net.get(1).gradInput as Tensor).nElement()).to.equal(0);
    // a Sequential whose output is its input (Identity last): clearState must not empty the input
    const id = new nn.Sequential().add(new nn.Identity());
    const y = torch.randn(3);
    id.forward(y);
    id.clearState();
    expect(y.nElement()).to.equal(3);
    expect(diff(net.forward(x) as Tensor, net.clone().forward(x) as Tensor)).to.equal(0);
  });

  it('apply visits every module depth first; listModules lists them in that order', () => {
    const net = mlp();
    const seen: string[] = [];
    net.apply((m) => seen.push(m.__typename));
    const expected = ['nn.Sequential', 'nn.Linear', 'nn.Tanh', 'nn.ConcatTable', 'nn.Linear', 'nn.Sequential',
      'nn.Linear', 'nn.Tanh', 'nn.JoinTable'];
    expect(seen).to.deep.equal(expected);
    expect(net.listModules().map((m) => m.__typename)).to.deep.equal(expected);
    expect(net.listModules()[3]).to.equal(net.get(3));
  });

  it('replace swaps modules everywhere (the containers keep their arrays)', () => {
    const net = mlp();
    const inner = (net.get(3) as any).modules;
    const out = net.replace((m) => (m instanceof nn.Tanh ? new nn.ReLU() : m));
    expect(out).to.equal(net);
    expect(net.findModules('nn.Tanh')[0]).to.have.length(0);
    expect(net.findModules('nn.ReLU')[0]).to.have.length(2);
    expect((net.get(3) as any).modules).to.equal(inner);
    const y = net.forward(torch.randn(2, 10)) as Tensor;
    expect(y.size().totable()).to.deep.equal([2, 5]);
  });

  it('findModules returns the modules and their containers', () => {
    const net = mlp();
    const [nodes, containers] = net.findModules('nn.Linear');
    expect(nodes).to.have.length(3);
    expect(nodes[0]).to.equal(net.get(1));
    expect(containers[0]).to.equal(net);
    expect(containers[1]).to.equal(net.get(3));
    expect(containers[2]).to.equal((net.get(3) as any).get(2));
    const [self, selfC] = net.findModules('nn.Sequential');
    expect(self[0]).to.equal(net);
    expect(selfC[0]).to.equal(net);
  });

  it('training() / evaluate() reach every descendant', () => {
    const net = mlp();
    net.evaluate();
    expect(net.listModules().every((m) => m.train === false)).to.equal(true);
    net.training();
    expect(net.listModules().every((m) => m.train === true)).to.equal(true);
  });

  it('zeroGradParameters / updateParameters go through every child', () => {
    t.manualSeed(7);
    const net = mlp();
    const x = torch.randn(2, 10);
    net.forward(x);
    net.backward(x, torch.randn(2, 5));
    const [ps, gs] = net.parameters();
    const before = ps.map((p) => p.clone());
    net.updateParameters(0.1);
    ps.forEach((p, i) => expect(diff(p, t.add(before[i], -0.1, gs[i]))).to.be.below(1e-15));
    net.zeroGradParameters();
    expect(gs.every((g) => g.abs().max() === 0)).to.equal(true);
  });
});

describe('nn.Sequential', () => {
  it('add/insert/remove/get/size keep output and gradInput pointing at the ends', () => {
    const s = new nn.Sequential();
    const a = new nn.Linear(3, 4), b = new nn.Tanh(), c = new nn.Linear(4, 2);
    s.add(a).add(c);
    expect(s.size()).to.equal(2);
    expect(s.output).to.equal(c.output);
    expect(s.gradInput).to.equal(a.gradInput);
    s.insert(b, 2);
    expect(s.get(2)).to.equal(b);
    expect(s.size()).to.equal(3);
    const d = new nn.Tanh();
    s.insert(d, 1);
    expect(s.gradInput).to.equal(d.gradInput);
    s.remove(1);
    expect(s.gradInput).to.equal(a.gradInput);
    s.insert(new nn.Tanh());
    expect(s.size()).to.equal(4);
    s.remove();
    expect(s.output).to.equal(c.output);
    expect(s.modules).to.deep.equal([a, b, c]);
    expect(() => s.insert(new nn.Tanh(), 5)).to.throw('index should be contiguous to existing modules');
    expect(() => s.remove(4)).to.throw('index out of range');
    s.remove(); s.remove(); s.remove();
    expect(s.size()).to.equal(0);
    expect((s.output as Tensor).nElement()).to.equal(0);
  });

  it('backward equals updateGradInput then accGradParameters; errors name the failing module', () => {
    t.manualSeed(8);
    const s = new nn.Sequential().add(new nn.Linear(3, 4)).add(new nn.Tanh()).add(new nn.Linear(4, 2));
    const s2 = s.clone();
    const x = torch.randn(5, 3), go = torch.randn(5, 2);
    s.zeroGradParameters(); s2.zeroGradParameters();
    s.forward(x); s2.forward(x);
    const g1 = (s.backward(x, go, 0.5) as Tensor).clone();
    const g2 = s2.updateGradInput(x, go) as Tensor;
    s2.accGradParameters(x, go, 0.5);
    expect(diff(g1, g2)).to.equal(0);
    s.parameters()[1].forEach((g, i) => expect(diff(g, s2.parameters()[1][i])).to.equal(0));
    expect(() => s.forward(torch.randn(5, 4))).to.throw('In 1 module of nn.Sequential:');
  });

  it("prints a nested model as Torch", () => {
    const net = new nn.Sequential()
      .add(new nn.Linear(10, 25)).add(new nn.Tanh())
      .add(new nn.Sequential().add(new nn.Linear(25, 5)).add(new nn.Tanh()))
      .add(new nn.ConcatTable().add(new nn.Linear(5, 1)).add(new nn.Linear(5, 2)));
    expect(String(net)).to.equal([
      'nn.Sequential {',
      '  [input -> (1) -> (2) -> (3) -> (4) -> output]',
      '  (1): nn.Linear(10 -> 25)',
      '  (2): nn.Tanh',
      '  (3): nn.Sequential {',
      '    [input -> (1) -> (2) -> output]',
      '    (1): nn.Linear(25 -> 5)',
      '    (2): nn.Tanh',
      '  }',
      '  (4): nn.ConcatTable {',
      '    input',
      '      |`-> (1): nn.Linear(5 -> 1)',
      '       `-> (2): nn.Linear(5 -> 2)',
      '       ... -> output',
      '  }',
      '}',
    ].join('\n'));
  });
});
