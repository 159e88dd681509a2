import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { Module } from '../../nn/Module.js';

/** A layer whose backward is deliberately wrong, so the checks must catch it. */
class WrongSquare extends Module {
  override updateOutput(x: Tensor) { this.output.resizeAs(x).copy(x).cmul(x); return this.output; }
  override updateGradInput(x: Tensor, g: Tensor) { this.gradInput.resizeAs(x).copy(g).cmul(x); return this.gradInput; }
}

describe('nn.Jacobian', () => {
  beforeEach(() => (torch as any).manualSeed(123));

  it('testJacobian is tiny for a correct module and large for a wrong one', () => {
    expect(nn.Jacobian.testJacobian(new nn.Linear(5, 3), new torch.DoubleTensor(4, 5))).to.be.below(1e-5);
    expect(nn.Jacobian.testJacobian(new nn.Tanh(), new torch.DoubleTensor(3, 4))).to.be.below(1e-5);
    expect(nn.Jacobian.testJacobian(new WrongSquare(), new torch.DoubleTensor(6))).to.be.above(0.1);
  });

  it('forward and backward Jacobians have param x output shape', () => {
    const m = new nn.Linear(3, 2);
    const x = (torch as any).randn(3);
    const jf = nn.Jacobian.forward(m, x);
    const jb = nn.Jacobian.backward(m, x);
    expect(jf.size().totable()).to.deep.equal([3, 2]);
    expect(jb.size().totable()).to.deep.equal([3, 2]);
    // d out_j / d x_i = W[j][i]
    expect(jb.get(2, 1)).to.be.closeTo(m.weight!.get(1, 2), 1e-12);
    expect(jf.get(3, 2)).to.be.closeTo(m.weight!.get(2, 3), 1e-8);
  });

  it('testJacobianParameters and testJacobianUpdateParameters check weight and bias', () => {
    const m = new nn.Linear(4, 3);
    const x = new torch.DoubleTensor(2, 4);
    expect(nn.Jacobian.testJacobianParameters(m, x, m.weight!, m.gradWeight!)).to.be.below(1e-5);
    expect(nn.Jacobian.testJacobianParameters(m, x, m.bias!, m.gradBias!)).to.be.below(1e-5);
    expect(nn.Jacobian.testJacobianUpdateParameters(m, x, m.weight!)).to.be.below(1e-5);
    expect(nn.Jacobian.testJacobianUpdateParameters(m, x, m.bias!)).to.be.below(1e-5);
    // A gradient buffer that is not the parameter's own gives a large error.
    expect(nn.Jacobian.testJacobianParameters(m, x, m.weight!, m.gradBias!.clone().resize(12).zero())).to.be.above(0.01);
  });

  it('testIO returns zero differences for a clone round trip', () => {
    const m = new nn.Sequential().add(new nn.Linear(4, 3)).add(new nn.Tanh());
    const [f, b] = nn.Jacobian.testIO(m, (torch as any).randn(2, 4));
    expect(f).to.equal(0);
    expect(b).to.equal(0);
  });
});

describe('nn.StochasticGradient', () => {
  it('trains per example with Torch\'s learning-rate schedule, hooks and printout', () => {
    (torch as any).manualSeed(7);
    const w = new torch.DoubleTensor([[2, -3]]);
    const dataset: [Tensor, Tensor][] = [];
    for (let i = 0; i < 20; i++) {
      const x = (torch as any).randn(2);
      dataset.push([x, (torch as any).mv(w, x)]);
    }
    const model = new nn.Linear(2, 1);
    const trainer = new nn.StochasticGradient(model, new nn.MSECriterion());
    trainer.learningRate = 0.05;
    trainer.maxIteration = 30;
    const lines: string[] = [];
    const errors: number[] = [];
    let examples = 0;
    trainer.print = (l) => lines.push(l);
    trainer.hookIteration = (_s, it, err) => { errors.push(err); expect(it).to.equal(errors.length); };
    trainer.hookExample = () => { examples++; };
    const last = trainer.train(dataset);
    expect(examples).to.equal(20 * 30);
    expect(errors).to.have.length(30);
    expect(errors[29]).to.be.below(errors[0] / 100);
    expect(last).to.equal(errors[29]);
    expect(lines[0]).to.equal('# StochasticGradient: training');
    expect(lines[1]).to.match(/^# current error = [0-9.e+-]+$/);
    expect(lines[lines.length - 2]).to.equal('# StochasticGradient: you have reached the maximum number of iterations');
    expect(model.weight!.get(1, 1)).to.be.closeTo(2, 1e-3);
    expect(model.weight!.get(1, 2)).to.be.closeTo(-3, 1e-3);
  });

  it('takes a Torch-style dataset with size() and 1-based entries, in order without shuffling', () => {
    const seen: number[] = [];
    const x1 = new torch.DoubleTensor([1]), x2 = new torch.DoubleTensor([2]);
    const dataset = { size: () => 2, 1: [x1, new torch.DoubleTensor([1])], 2: [x2, new torch.DoubleTensor([2])] } as any;
    const trainer = new nn.StochasticGradient(new nn.Linear(1, 1), new nn.MSECriterion());
    trainer.shuffleIndices = false;
    trainer.maxIteration = 2;
    trainer.verbose = false;
    trainer.print = () => {};
    trainer.hookExample = (_s, ex) => seen.push((ex[0] as Tensor).get(1));
    trainer.train(dataset);
    expect(seen).to.deep.equal([1, 2, 1, 2]);
  });
});
