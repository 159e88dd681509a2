/**
 * Containers: Concat, DepthConcat, Parallel, ConcatTable, ParallelTable, MapTable, Bottle (and Sequential's
 * parameters against Torch7). References are plain computations with independent clones of the children.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import type { Module } from '../../nn/Module.js';
import { expectClose, nonContiguous } from '../helpers.js';
import { builders } from './builders/containers.js';
import { fromJSON, loadCases } from './torch7ref.js';

const t = torch as any;

/** Max |a - b| (sizes must match). */
function diff(a: Tensor, b: Tensor): number {
  expect(a.size().totable(), 'sizes').to.deep.equal(b.size().totable());
  return a.nElement() === 0 ? 0 : t.add(a.double(), -1, b.double()).abs().max();
}

/** Throws unless fn throws an error whose message contains every one of `parts`. */
function expectThrowMessage(fn: () => unknown, ...parts: string[]): void {
  let msg: string | undefined;
  try { fn(); } catch (e) { msg = (e as Error).message; }
  expect(msg, 'an error').to.be.a('string');
  for (const p of parts) expect(msg).to.contain(p);
}

describe('Sequential/Concat/ConcatTable parameters against Torch7 (torch7-ref parameters, gradParameters)', () => {
  const cases = loadCases('modules');
  for (const name of ['Sequential', 'Concat', 'ConcatTable']) {
    it(name, () => {
      const c = cases[name];
      t.manualSeed(c.seed);
      const m = builders[name]();
      const [params, grads] = m.parameters()!;
      const expected: Tensor[] = fromJSON(c.parameters);
      expect(params.length).to.equal(expected.length);
      params.forEach((p, i) => {
        expect(p.size().totable()).to.deep.equal(expected[i].size().totable());
        expectClose(p, expected[i], 1e-10);
      });
      m.zeroGradParameters();
      const input = fromJSON(c.input);
      m.forward(input);
      m.backward(input, fromJSON(c.gradOutput));
      const expectedGrads: Tensor[] = fromJSON(c.gradParameters);
      expect(grads.length).to.equal(expectedGrads.length);
      grads.forEach((g, i) => expectClose(g, expectedGrads[i], 1e-10));
    });
  }
});

describe('nn.Concat', () => {
  const build = () => new nn.Concat(2).add(new nn.Linear(5, 3)).add(new nn.Linear(5, 2)).add(new nn.Tanh());

  it('forward is the children outputs joined along dim; backward sums the children gradInputs (non-contiguous input)', () => {
    t.manualSeed(11);
    const m = build();
    const refs = m.modules.map((c) => c.clone());
    const x = nonContiguous(torch.randn(4, 5));
    const out = m.forward(x) as Tensor;
    const expected = t.cat(refs.map((r) => (r.forward(x) as Tensor).clone()), 2);
    expect(diff(out, expected)).to.equal(0);
    const go = torch.randn(4, 10);
    m.zeroGradParameters();
    refs.forEach((r) => r.zeroGradParameters());
    const gi = m.backward(x, go) as Tensor;
    let off = 1;
    const gref = torch.zeros(4, 5);
    refs.forEach((r) => {
      const n = (r.output as Tensor).size(2);
      gref.add(r.backward(x, go.narrow(2, off, n)) as Tensor);
      off += n;
    });
    expect(diff(gi, gref)).to.be.below(1e-14);
    const [, grads] = m.parameters();
    const [, gradsRef] = new nn.Concat(2).add(refs[0]).add(refs[1]).parameters();
    grads.forEach((g, i) => expect(diff(g, gradsRef[i])).to.be.below(1e-14));
  });

  it('updateGradInput + accGradParameters(scale) equal backward(scale); accUpdateGradParameters steps the weights', () => {
    t.manualSeed(12);
    const a = build(), b = a.clone();
    const x = torch.randn(3, 5), go = torch.randn(3, 10);
    a.zeroGradParameters(); b.zeroGradParameters();
    a.forward(x); b.forward(x);
    a.backward(x, go, 0.5);
    const gib = (b.updateGradInput(x, go) as Tensor).clone();
    b.accGradParameters(x, go, 0.5);
    expect(diff(a.gradInput, gib)).to.equal(0);
    a.parameters()[1].forEach((g, i) => expect(diff(g, b.parameters()[1][i])).to.equal(0));
    const c = a.clone();
    const before = c.parameters()[0].map((w) => w.clone());
    c.zeroGradParameters();
    c.forward(x);
    c.backward(x, go);
    const grads = c.parameters()[1].map((g) => g.clone());
    c.parameters()[0].forEach((w, i) => w.copy(before[i]));
    c.accUpdateGradParameters(x, go, 0.1);
    c.parameters()[0].forEach((w, i) => expect(diff(w, t.add(before[i], -0.1, grads[i]))).to.be.below(1e-14));
  });

  it('works on a 1-D input (dim 1)', () => {
    const m = new nn.Concat(1).add(new nn.Linear(5, 3)).add(new nn.Tanh());
    const x = torch.randn(5);
    const out = m.forward(x) as Tensor;
    expect(out.size().totable()).to.deep.equal([8]);
    expect(diff(out.narrow(1, 4, 5), t.tanh(x))).to.be.below(1e-15);
  });

  it('accumulates table gradInputs when the input is a table', () => {
    const m = new nn.Concat(1).add(new nn.CAddTable()).add(new nn.CMulTable());
    const a = torch.randn(3), b = torch.randn(3);
    const out = m.forward([a, b]) as Tensor;
    expect(diff(out, t.cat(t.add(a, b), t.cmul(a, b), 1))).to.be.below(1e-15);
    const go = torch.randn(6);
    const gi = m.backward([a, b], go) as Tensor[];
    const g1 = go.narrow(1, 1, 3), g2 = go.narrow(1, 4, 3);
    expect(gi).to.have.length(2);
    expect(diff(gi[0], t.add(g1, t.cmul(g2, b)))).to.be.below(1e-15);
    expect(diff(gi[1], t.add(g1, t.cmul(g2, a)))).to.be.below(1e-15);
  });

  it('says which child failed', () => {
    const m = new nn.Concat(2).add(new nn.Linear(5, 3)).add(new nn.Linear(4, 2));
    expectThrowMessage(() => m.forward(torch.randn(2, 5)), 'In 2 module of nn.Concat:', 'size mismatch');
  });

  it('prints as Torch', () => {
    const m = new nn.Concat(2).add(new nn.Linear(5, 3)).add(new nn.Sequential().add(new nn.Tanh()).add(new nn.Linear(5, 2)));
    expect(String(m)).to.equal([
      'nn.Concat {',
      '  input',
      '    |`-> (1): nn.Linear(5 -> 3)',
      '     `-> (2): nn.Sequential {',
      '           [input -> (1) -> (2) -> output]',
      '           (1): nn.Tanh',
      '           (2): nn.Linear(5 -> 2)',
      '         }',
      '     ... -> output',
      '}',
    ].join('\n'));
  });

  it('float() gives float outputs matching double', () => {
    t.manualSeed(13);
    const m = build();
    const x = torch.randn(3, 5);
    const yd = (m.forward(x) as Tensor).clone();
    const yf = m.float().forward(x.float()) as Tensor;
    expect(yf.type()).to.equal('torch.FloatTensor');
    expect(diff(yf, yd)).to.be.below(1e-5);
  });
});

describe('nn.DepthConcat', () => {
  it('pads smaller outputs with zeros, centred (floor((big - small) / 2) before)', () => {
    t.manualSeed(21);
    const m = new nn.DepthConcat(1).add(new nn.Linear(5, 4)).add(new nn.Linear(5, 1)).add(new nn.Linear(5, 2));
    const refs = m.modules.map((c) => c.clone());
    const x = torch.randn(2, 5);
    const out = m.forward(x) as Tensor;
    expect(out.size().totable()).to.deep.equal([6, 4]);
    const r = refs.map((c) => c.forward(x) as Tensor);
    expect(diff(out.narrow(1, 1, 2), r[0])).to.equal(0);
    // 1 of 4 starts at floor(3/2)+1 = 2; 2 of 4 starts at 2
    const expected1 = torch.zeros(2, 4); expected1.narrow(2, 2, 1).copy(r[1]);
    const expected2 = torch.zeros(2, 4); expected2.narrow(2, 2, 2).copy(r[2]);
    expect(diff(out.narrow(1, 3, 2), expected1)).to.equal(0);
    expect(diff(out.narrow(1, 5, 2), expected2)).to.equal(0);
    const go = torch.randn(6, 4);
    const gi = m.backward(x, go) as Tensor;
    const gref = (refs[0].backward(x, go.narrow(1, 1, 2)) as Tensor).clone()
      .add(refs[1].backward(x, go.narrow(1, 3, 2).narrow(2, 2, 1)) as Tensor)
      .add(refs[2].backward(x, go.narrow(1, 5, 2).narrow(2, 2, 2)) as Tensor);
    expect(diff(gi, gref)).to.be.below(1e-14);
    m.parameters()[1].forEach((g, i) => {
      const gr = new nn.Concat(1).add(refs[0]).add(refs[1]).add(refs[2]).parameters()[1][i];
      expect(diff(g, gr)).to.be.below(1e-14);
    });
  });

  it('prints as Concat does', () => {
    expect(String(new nn.DepthConcat(2).add(new nn.Tanh()))).to.equal('nn.DepthConcat {\n  input\n     `-> (1): nn.Tanh\n     ... -> output\n}');
  });
});

describe('nn.Parallel', () => {
  it('child i sees input slice i; outputs are joined along outputDim', () => {
    t.manualSeed(31);
    const m = new nn.Parallel(2, 1).add(new nn.Linear(3, 2)).add(new nn.Tanh()).add(new nn.Linear(3, 4));
    const refs = m.modules.map((c) => c.clone());
    const x = nonContiguous(torch.randn(3, 3));
    const out = m.forward(x) as Tensor;
    const slices = [1, 2, 3].map((i) => x.select(2, i) as Tensor);
    const outs = refs.map((r, i) => (r.forward(slices[i]) as Tensor).clone());
    expect(diff(out, t.cat(outs, 1))).to.equal(0);
    const go = torch.randn(9);
    m.zeroGradParameters(); refs.forEach((r) => r.zeroGradParameters());
    const gi = m.backward(x, go) as Tensor;
    let off = 1;
    refs.forEach((r, i) => {
      const n = outs[i].size(1);
      const g = r.backward(slices[i], go.narrow(1, off, n)) as Tensor;
      expect(diff(gi.select(2, i + 1) as Tensor, g)).to.equal(0);
      off += n;
    });
    const gr = new nn.Concat(1).add(refs[0]).add(refs[2]).parameters()[1];
    m.parameters()[1].forEach((g, i) => expect(diff(g, gr[i])).to.equal(0));
  });

  it('says when there are fewer modules than input slices, and which child failed', () => {
    const m = new nn.Parallel(1, 1).add(new nn.Linear(3, 2));
    expectThrowMessage(() => m.forward(torch.randn(2, 3)), 'nn.Parallel', 'only 1 modules');
    const m2 = new nn.Parallel(1, 1).add(new nn.Linear(3, 2)).add(new nn.Linear(4, 2));
    expectThrowMessage(() => m2.forward(torch.randn(2, 3)), 'In 2 module of nn.Parallel:');
  });

  it('prints as Torch', () => {
    expect(String(new nn.Parallel(1, 1).add(new nn.Linear(3, 2)).add(new nn.Tanh()))).to.equal(
      'nn.Parallel {\n  input\n    |`-> (1): nn.Linear(3 -> 2)\n     `-> (2): nn.Tanh\n     ... -> output\n}');
  });
});

describe('nn.ConcatTable', () => {
  it('output[i] is child i on the input; gradInput is the sum (non-contiguous input)', () => {
    t.manualSeed(41);
    const m = new nn.ConcatTable().add(new nn.Linear(5, 3)).add(new nn.Tanh());
    const refs = m.modules.map((c) => c.clone());
    const x = nonContiguous(torch.randn(4, 5));
    const out = m.forward(x) as Tensor[];
    expect(out).to.have.length(2);
    refs.forEach((r, i) => expect(diff(out[i], r.forward(x) as Tensor)).to.equal(0));
    const go = [torch.randn(4, 3), torch.randn(4, 5)];
    m.zeroGradParameters(); refs[0].zeroGradParameters();
    const gi = m.backward(x, go) as Tensor;
    const gref = (refs[0].backward(x, go[0]) as Tensor).clone().add(refs[1].backward(x, go[1]) as Tensor);
    expect(diff(gi, gref)).to.be.below(1e-15);
    expect(diff(m.parameters()[1][0], refs[0].gradWeight!)).to.equal(0);
    // updateGradInput then accGradParameters agrees with backward
    const m2 = m.clone();
    m2.zeroGradParameters();
    m2.forward(x);
    expect(diff(m2.updateGradInput(x, go) as Tensor, gi)).to.equal(0);
    m2.accGradParameters(x, go, 1);
    expect(diff(m2.parameters()[1][1], refs[0].gradBias!)).to.equal(0);
  });

  it('on a nested table input, gradInput has the input\'s shape and sums the children', () => {
    const m = new nn.ConcatTable().add(new nn.Identity()).add(new nn.Identity());
    const x: any = [torch.randn(2), [torch.randn(3), torch.randn(1)]];
    const out = m.forward(x) as any[];
    expect(out[0]).to.equal(x);
    const go: any = [[torch.randn(2), [torch.randn(3), torch.randn(1)]], [torch.randn(2), [torch.randn(3), torch.randn(1)]]];
    const gi = m.backward(x, go) as any[];
    expect(diff(gi[0], t.add(go[0][0], go[1][0]))).to.equal(0);
    expect(diff(gi[1][0], t.add(go[0][1][0], go[1][1][0]))).to.equal(0);
    expect(diff(gi[1][1], t.add(go[0][1][1], go[1][1][1]))).to.equal(0);
    // the buffers are the container's own, not the children's gradOutputs
    expect(gi[0]).to.not.equal(go[0][0]);
    expect(go[0][0].storage()).to.not.equal(gi[0].storage());
  });

  it('checks the children gradInputs on a table input', () => {
    const m = new nn.ConcatTable().add(new nn.CAddTable());
    const x2 = [torch.randn(2), torch.randn(2)];
    m.forward(x2);
    (m.modules[0] as any).updateGradInput = () => [torch.randn(2)];
    expectThrowMessage(() => m.updateGradInput(x2, [torch.randn(2)]), 'table size mismatch: 2 ~= 1');
    const m2 = new nn.ConcatTable().add(new nn.SelectTable(1));
    const x = [torch.randn(2), torch.randn(2)];
    m2.forward(x);
    m2.backward(x, [torch.randn(2)]);
    (m2.modules[0] as any).updateGradInput = () => torch.randn(2);
    expectThrowMessage(() => m2.updateGradInput(x, [torch.randn(2)]), 'currentGradInput is not a table!');
  });

  it('says which child failed', () => {
    const m = new nn.ConcatTable().add(new nn.Tanh()).add(new nn.Linear(4, 2));
    expectThrowMessage(() => m.forward(torch.randn(3)), 'In 2 module of nn.ConcatTable:');
  });

  it('prints as Torch', () => {
    const m = new nn.ConcatTable().add(new nn.Linear(5, 3)).add(new nn.ConcatTable().add(new nn.Tanh()).add(new nn.Tanh()));
    expect(String(m)).to.equal([
      'nn.ConcatTable {',
      '  input',
      '    |`-> (1): nn.Linear(5 -> 3)',
      '     `-> (2): nn.ConcatTable {',
      '           input',
      '             |`-> (1): nn.Tanh',
      '              `-> (2): nn.Tanh',
      '              ... -> output',
      '         }',
      '     ... -> output',
      '}',
    ].join('\n'));
  });
});

describe('nn.ParallelTable', () => {
  it('child i runs on input[i]', () => {
    t.manualSeed(51);
    const m = new nn.ParallelTable().add(new nn.Linear(4, 3)).add(new nn.Tanh());
    const refs = m.modules.map((c) => c.clone());
    const x = [nonContiguous(torch.randn(2, 4)), torch.randn(5)];
    const out = m.forward(x) as Tensor[];
    refs.forEach((r, i) => expect(diff(out[i], r.forward(x[i]) as Tensor)).to.equal(0));
    const go = [torch.randn(2, 3), torch.randn(5)];
    m.zeroGradParameters(); refs[0].zeroGradParameters();
    const gi = m.backward(x, go) as Tensor[];
    refs.forEach((r, i) => expect(diff(gi[i], r.backward(x[i], go[i]) as Tensor)).to.equal(0));
    expect(diff(m.parameters()[1][0], refs[0].gradWeight!)).to.equal(0);
    const w = (m.modules[0].weight as Tensor).clone();
    m.accUpdateGradParameters(x, go, 0.5);
    expect(diff(m.modules[0].weight as Tensor, t.add(w, -0.5, refs[0].gradWeight))).to.be.below(1e-14);
  });

  it('says which child failed, and prints as Torch', () => {
    const m = new nn.ParallelTable().add(new nn.Tanh()).add(new nn.Linear(4, 2));
    expectThrowMessage(() => m.forward([torch.randn(2), torch.randn(3)]), 'In 2 module of nn.ParallelTable:');
    expect(String(m)).to.equal('nn.ParallelTable {\n  input\n    |`-> (1): nn.Tanh\n     `-> (2): nn.Linear(4 -> 2)\n     ... -> output\n}');
  });
});

describe('nn.MapTable', () => {
  it('applies one module to every entry; shared clones share weight, bias and their gradients', () => {
    t.manualSeed(61);
    const lin = new nn.Linear(4, 3);
    const ref = lin.clone();
    const m = new nn.MapTable(lin);
    const x = [torch.randn(4), nonContiguous(torch.randn(2, 4)), torch.randn(4)];
    const out = m.forward(x) as Tensor[];
    expect(m.modules).to.have.length(3);
    expect(m.modules[0]).to.equal(lin);
    for (const c of m.modules.slice(1)) {
      for (const f of ['weight', 'bias', 'gradWeight', 'gradBias']) {
        expect((c as any)[f].storage(), f).to.equal((lin as any)[f].storage());
      }
      expect(c.output).to.not.equal(lin.output);
    }
    x.forEach((xi, i) => expect(diff(out[i], ref.forward(xi) as Tensor)).to.equal(0));
    const go = [torch.randn(3), torch.randn(2, 3), torch.randn(3)];
    m.zeroGradParameters();
    ref.zeroGradParameters();
    const gi = m.backward(x, go) as Tensor[];
    x.forEach((xi, i) => {
      ref.forward(xi);
      expect(diff(gi[i], ref.backward(xi, go[i]) as Tensor)).to.be.below(1e-15);
    });
    // the gradients of all entries accumulate into the one shared gradWeight
    expect(diff(lin.gradWeight!, ref.gradWeight!)).to.be.below(1e-14);
    expect(diff(lin.gradBias!, ref.gradBias!)).to.be.below(1e-14);
    // one update of the shared parameters (not one per clone)
    const w = lin.weight.clone();
    m.updateParameters(0.1);
    expect(diff(lin.weight, t.add(w, -0.1, ref.gradWeight))).to.be.below(1e-15);
    expect(diff(m.modules[2].weight!, lin.weight)).to.equal(0);
    m.zeroGradParameters();
    expect(lin.gradWeight!.abs().max()).to.equal(0);
  });

  it('shared = false: independent clones, each updated by its own entry', () => {
    t.manualSeed(62);
    const lin = new nn.Linear(3, 2);
    const m = new nn.MapTable(lin, false);
    const x = [torch.randn(3), torch.randn(3)];
    m.forward(x);
    expect(m.modules[1].weight!.storage()).to.not.equal(lin.weight.storage());
    expect(diff(m.modules[1].weight!, lin.weight)).to.equal(0);
    const go = [torch.randn(2), torch.randn(2)];
    const w = lin.weight.clone();
    m.accUpdateGradParameters(x, go, 1);
    expect(diff(lin.weight, t.add(w, -1, t.ger(go[0], x[0])))).to.be.below(1e-15);
    expect(diff(m.modules[1].weight!, t.add(w, -1, t.ger(go[1], x[1])))).to.be.below(1e-15);
  });

  it('resize / clearState drop the clones; only one module may be added', () => {
    const m = new nn.MapTable(new nn.Tanh());
    m.forward([torch.randn(2), torch.randn(2), torch.randn(2)]);
    expect(m.size()).to.equal(3);
    m.resize(2);
    expect(m.size()).to.equal(2);
    m.clearState();
    expect(m.size()).to.equal(1);
    expect(m.output).to.deep.equal([]);
    expectThrowMessage(() => m.add(new nn.Tanh()), 'Single module required');
  });

  it('says which entry failed, and prints as Torch', () => {
    const m = new nn.MapTable(new nn.Linear(3, 2));
    expectThrowMessage(() => m.forward([torch.randn(3), torch.randn(4)]), 'In 2 module of nn.MapTable:');
    expect(String(new nn.MapTable(new nn.Sequential().add(new nn.Tanh())))).to.equal(
      'nn.MapTable {\n  nn.Sequential {\n          [input -> (1) -> output]\n          (1): nn.Tanh\n        }\n}');
  });
});

describe('nn.Bottle', () => {
  it('folds leading dims into the batch and unfolds the output (3-D and 4-D inputs)', () => {
    t.manualSeed(71);
    const lin = new nn.Linear(4, 3);
    const ref = lin.clone();
    const m = new nn.Bottle(lin);
    for (const sizes of [[2, 3, 4], [2, 2, 3, 4]]) {
      const x = torch.randn(...sizes);
      const out = m.forward(x) as Tensor;
      const flat = x.view(-1, 4);
      expect(out.size().totable()).to.deep.equal([...sizes.slice(0, -1), 3]);
      expect(diff(out.view(-1, 3), ref.forward(flat) as Tensor)).to.equal(0);
      const go = torch.randn(...sizes.slice(0, -1), 3);
      m.zeroGradParameters(); ref.zeroGradParameters();
      const gi = m.backward(x, go) as Tensor;
      expect(gi.size().totable()).to.deep.equal(sizes);
      expect(diff(gi.view(-1, 4), ref.backward(flat, go.view(-1, 3)) as Tensor)).to.equal(0);
      expect(diff(lin.gradWeight, ref.gradWeight!)).to.equal(0);
    }
    // no folding needed: the module runs on the input itself
    const x2 = torch.randn(5, 4);
    expect(diff(m.forward(x2) as Tensor, ref.forward(x2) as Tensor)).to.equal(0);
  });

  it('handles modules that drop dims (nOutputDim < nInputDim)', () => {
    const m = new nn.Bottle(new nn.Select(2, 1), 2, 1);
    const x = torch.randn(2, 3, 4);
    const out = m.forward(x) as Tensor;
    expect(diff(out, x.select(3, 1) as Tensor)).to.equal(0);
    const go = torch.randn(2, 3);
    const gi = m.backward(x, go) as Tensor;
    expect(diff(gi.select(3, 1) as Tensor, go)).to.equal(0);
    expect(gi.narrow(3, 2, 3).abs().max()).to.equal(0);
  });

  it('checks the module\'s output dims; prints as a Decorator', () => {
    const m = new nn.Bottle(new nn.Linear(4, 3), 2, 1);
    expectThrowMessage(() => m.forward(torch.randn(2, 3, 4)), 'Wrong number of output dims on module. Expected: 1 but got 2');
    expect(String(m)).to.equal('nn.Bottle @ nn.Linear(4 -> 3)');
  });
});

describe('Sequential error re-throwing through nested containers', () => {
  it('names every container on the way', () => {
    const m: Module = new nn.Sequential().add(new nn.Tanh()).add(new nn.ConcatTable().add(new nn.Linear(5, 3)));
    expectThrowMessage(() => m.forward(torch.randn(4, 6)),
      'In 2 module of nn.Sequential:\nIn 1 module of nn.ConcatTable:\nsize mismatch, m1: [4 x 6], m2: [5 x 3]');
  });
});
