/** nn.L1Cost and nn.ModuleCriterion: fields, type conversion, printing, clearState and .t7 round trips. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose } from '../helpers.js';

const t = torch as any;

describe('nn.L1Cost', () => {
  it('sums |x| through a one-element output_tensor of the input type (float32 rounding for floats)', () => {
    const c = new nn.L1Cost();
    expect(c.forward(new torch.Tensor([1, -2, 0.5, 0]), undefined)).to.equal(3.5);
    expect(c.output_tensor!.type()).to.equal('torch.DoubleTensor');
    expect(c.output_tensor!.nElement()).to.equal(1);
    expectClose(c.backward(new torch.Tensor([1, -2, 0, 3]), undefined), [1, -1, 0, 1], 0);
    const x = new torch.FloatTensor([0.1, -0.2, 0.3]);
    const cf = new nn.L1Cost().float();
    const loss = cf.forward(x, undefined);
    const exact = Math.abs(x.get(1)) + Math.abs(x.get(2)) + Math.abs(x.get(3));
    expect(loss).to.equal(Math.fround(exact));
    expect(cf.output_tensor!.type()).to.equal('torch.FloatTensor');
    expect(cf.backward(x, undefined).type()).to.equal('torch.FloatTensor');
  });

  it('prints, survives a .t7 round trip, and clears its state (then fails THNN\'s check, as in Torch)', () => {
    const c = new nn.L1Cost();
    expect(String(c)).to.equal('nn.L1Cost');
    const x = torch.randn(3, 2);
    const loss = c.forward(x, undefined);
    c.backward(x, undefined);
    const back = torch.deserialize(torch.serialize(c)) as any;
    expect(back).to.be.instanceOf(nn.L1Cost);
    expect(back.output_tensor.nElement()).to.equal(1);
    expect(back.forward(x)).to.equal(loss);
    expect(c.clearState()).to.equal(c);
    expect(c.output_tensor!.nElement()).to.equal(0);
    expect(c.gradInput.nElement()).to.equal(0);
    expect(() => c.forward(x, undefined)).to.throw('Need output of dimension 1 and output.size[0] == 1 but got output to be of shape: []');
  });
});

describe('nn.ModuleCriterion', () => {
  beforeEach(() => t.manualSeed(51));

  it('keeps Torch\'s fields: no output/gradInput before use, castTarget defaulting to true', () => {
    const crit = new nn.MSECriterion();
    const m = new nn.ModuleCriterion(crit, new nn.Tanh());
    expect(Object.keys(m)).to.not.include('gradInput');
    expect((m as any).output).to.equal(undefined);
    expect(m.criterion).to.equal(crit);
    expect(m.castTarget).to.equal(true);
    expect(new nn.ModuleCriterion(crit, undefined, undefined, false).castTarget).to.equal(false);
    expect(String(m)).to.equal('nn.ModuleCriterion');
  });

  it('warns as Torch when the input module has parameters', () => {
    const logged: string[] = [];
    const orig = console.log;
    console.log = (...a: unknown[]) => { logged.push(a.join(' ')); };
    try {
      new nn.ModuleCriterion(new nn.MSECriterion(), new nn.Tanh());
      expect(logged).to.have.length(0);
      new nn.ModuleCriterion(new nn.MSECriterion(), new nn.Linear(3, 2));
    } finally {
      console.log = orig;
    }
    expect(logged).to.deep.equal(["Warning: nn.ModuleCriterion doesn't support parameter updates"]);
  });

  it('forward keeps the preprocessed input and target; backward goes through the input module', () => {
    const m = new nn.ModuleCriterion(new nn.MSECriterion(), new nn.Sigmoid(), new nn.MulConstant(0.5));
    const x = torch.randn(4), y = torch.rand(4);
    const loss = m.forward(x, y);
    const s = (torch as any).sigmoid(x) as Tensor, y2 = y.clone().mul(0.5);
    expectClose(m.input, s, 1e-15);
    expectClose(m.target, y2, 1e-15);
    expect(loss).to.be.closeTo((torch as any).add(s, -1, y2).pow(2).sum() / 4, 1e-15);
    const g = m.backward(x, y) as Tensor;
    const expected = (torch as any).add(s, -1, y2).mul(0.5).cmul(s).cmul(s.clone().mul(-1).add(1));
    expectClose(g, expected, 1e-14);
  });

  it('type() converts the criterion and both modules (targetModule too with castTarget false: Criterion\'s own pass)', () => {
    const orig = console.log;
    console.log = () => {};
    const m = new nn.ModuleCriterion(new nn.MSECriterion(), new nn.Linear(3, 2), new nn.Linear(3, 2), false);
    console.log = orig;
    m.float();
    expect(m.inputModule!.weight!.type()).to.equal('torch.FloatTensor');
    expect(m.targetModule!.weight!.type()).to.equal('torch.FloatTensor');
    expect(m.criterion.gradInput.type()).to.equal('torch.FloatTensor');
    const loss = m.forward(torch.randn(2, 3).float(), torch.randn(2, 3).float());
    expect(loss).to.be.a('number');
  });

  it('survives a .t7 round trip with the same loss and gradient', () => {
    const m = new nn.ModuleCriterion(new nn.ClassNLLCriterion(), new nn.LogSoftMax());
    const x = torch.randn(3, 4), y = new torch.LongTensor([2, 4, 1]);
    const loss = m.forward(x, y), g = (m.backward(x, y) as Tensor).clone();
    const back = torch.deserialize(torch.serialize(m)) as any;
    expect(back).to.be.instanceOf(nn.ModuleCriterion);
    expect(back.inputModule.__typename).to.equal('nn.LogSoftMax');
    expect(back.forward(x, y)).to.equal(loss);
    expectClose(back.backward(x, y), g, 0);
  });
});
