/**
 * Whole models against Torch7 (torch7-ref/models, read through the JSON twins): the MLP and its
 * float copy, and one LeNet SGD step on getParameters()' flat vectors.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, fixture } from '../helpers.js';
import { fromJSON } from './torch7ref.js';

const t = torch as any;
const model = (name: string) => JSON.parse(readFileSync(fixture('torch7-ref', 'models', `${name}.json`), 'utf8'));

function mlp() {
  return new nn.Sequential().add(new nn.Linear(10, 20)).add(new nn.ReLU()).add(new nn.Linear(20, 3)).add(new nn.LogSoftMax());
}

function lenet() {
  return new nn.Sequential()
    .add(new nn.SpatialConvolution(1, 6, 5, 5)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2, 2, 2))
    .add(new nn.SpatialConvolution(6, 16, 5, 5)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2, 2, 2))
    .add(new nn.View(256))
    .add(new nn.Linear(256, 120)).add(new nn.ReLU())
    .add(new nn.Linear(120, 84)).add(new nn.ReLU())
    .add(new nn.Linear(84, 10)).add(new nn.LogSoftMax());
}

describe('models against Torch7 (torch7-ref/models)', () => {
  it('mlp: seeded construction, then the input draw, reproduce Torch7 exactly; forward matches', () => {
    const c = model('mlp');
    t.manualSeed(2024);
    const m = mlp();
    const input: Tensor = t.randn(4, 10);
    expectClose(input, fromJSON(c.input), 1e-15);
    const params = m.parameters()![0];
    expect(params).to.have.length(c.parameters.length);
    params.forEach((p, i) => expectClose(p, fromJSON(c.parameters[i]), 1e-15));
    expectClose(m.forward(input), fromJSON(c.output), 1e-10);
    expect(String(m)).to.equal([
      'nn.Sequential {',
      '  [input -> (1) -> (2) -> (3) -> (4) -> output]',
      '  (1): nn.Linear(10 -> 20)',
      '  (2): nn.ReLU',
      '  (3): nn.Linear(20 -> 3)',
      '  (4): nn.LogSoftMax',
      '}',
    ].join('\n'));
  });

  it('mlp_float: clone():float() of the mlp gives Torch7\'s float forward', () => {
    const c = model('mlp_float');
    t.manualSeed(2024);
    const m = mlp().clone().float();
    const out: Tensor = m.forward(fromJSON(c.input));
    expect(out.type()).to.equal('torch.FloatTensor');
    expectClose(out, fromJSON(c.output), 1e-5);
  });

  it('lenet: one SGD step on getParameters() gives Torch7\'s loss, gradients and new parameters', () => {
    const c = model('lenet');
    const step = model('lenet_train_step');
    t.manualSeed(2025);
    const m = lenet();
    const input = fromJSON(c.input);
    const [params, grads] = m.getParameters();
    expect(params.nElement()).to.equal(step.numParameters);
    expect(params.sum()).to.be.closeTo(step.sum_paramsBefore, 1e-10);
    grads.zero();
    const crit = new nn.ClassNLLCriterion();
    const target = fromJSON(step.target);
    const outBefore = m.forward(input);
    expectClose(outBefore, fromJSON(step.outputBefore), 1e-10);
    const loss = crit.forward(outBefore, target);
    expect(loss).to.be.closeTo(step.loss, 1e-10);
    m.backward(input, crit.backward(outBefore, target));
    expect(grads.sum()).to.be.closeTo(step.sum_gradParameters, 1e-9);
    expect(t.dot(grads, grads)).to.be.closeTo(step.sumsq_gradParameters, 1e-9);
    expectClose(grads.narrow(1, 1, 20), fromJSON(step.gradParameters_first20), 1e-10);
    params.add(-step.learningRate, grads);
    expect(params.sum()).to.be.closeTo(step.sum_paramsAfter, 1e-9);
    const outAfter = m.forward(input);
    expectClose(outAfter, fromJSON(step.outputAfter), 1e-10);
    expect(crit.forward(outAfter, target)).to.be.closeTo(step.lossAfter, 1e-10);
  });
});
