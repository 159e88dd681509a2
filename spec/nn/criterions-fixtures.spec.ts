/** Torch7 parity of the criteria: every case in ../shared/fixtures/torch7-ref/criterions. */
import { expect } from 'chai';
import type { Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import type { Criterion } from '../../nn/Criterion.js';
import { expectClose } from '../helpers.js';
import { fromJSON, loadCases } from './torch7ref.js';

/** How the generator built each case's criterion, from its `config` and `weights`. */
const BUILDERS: Record<string, (c: any, weights?: Tensor) => Criterion> = {
  MSECriterion: (c) => new nn.MSECriterion(c.config.sizeAverage),
  MSECriterion_sum: (c) => new nn.MSECriterion(c.config.sizeAverage),
  MSECriterion_float: () => new nn.MSECriterion().float(),
  AbsCriterion: () => new nn.AbsCriterion(),
  SmoothL1Criterion: () => new nn.SmoothL1Criterion(),
  ClassNLLCriterion: () => new nn.ClassNLLCriterion(),
  ClassNLLCriterion_weights: (_c, w) => new nn.ClassNLLCriterion(w),
  ClassNLLCriterion_sum: (c) => new nn.ClassNLLCriterion(undefined, c.config.sizeAverage),
  ClassNLLCriterion_1d: () => new nn.ClassNLLCriterion(),
  ClassNLLCriterion_float: () => new nn.ClassNLLCriterion().float(),
  CrossEntropyCriterion: () => new nn.CrossEntropyCriterion(),
  CrossEntropyCriterion_weights: (_c, w) => new nn.CrossEntropyCriterion(w),
  BCECriterion: () => new nn.BCECriterion(),
  BCECriterion_weights: (_c, w) => new nn.BCECriterion(w),
  DistKLDivCriterion: () => new nn.DistKLDivCriterion(),
  MarginCriterion: () => new nn.MarginCriterion(),
  MarginCriterion_m05: (c) => new nn.MarginCriterion(c.config.margin),
};

describe('nn criteria against Torch7 (torch7-ref/criterions)', () => {
  const cases = loadCases('criterions');

  it('has a builder for every fixture case (17)', () => {
    expect(Object.keys(cases).sort()).to.deep.equal(Object.keys(BUILDERS).sort());
    expect(Object.keys(cases)).to.have.length(17);
  });

  for (const [name, build] of Object.entries(BUILDERS)) {
    it(name, () => {
      const c = cases[name];
      expect(c, `fixture ${name}`).to.be.an('object');
      const input: Tensor = fromJSON(c.input);
      const target = fromJSON(c.target);
      const float = input.type() === 'torch.FloatTensor';
      const tol = float ? 1e-5 : 1e-10;
      const crit = build(c, c.weights ? fromJSON(c.weights) : undefined);
      expect(crit.__typename).to.equal(c.criterion);
      for (const [k, v] of Object.entries(c.config)) expect((crit as any)[k], `config ${k}`).to.equal(v);

      const output = crit.forward(input, target);
      expect(output).to.be.a('number');
      expect(Math.abs(output - c.output) <= tol * (1 + Math.abs(c.output)), `output ${output} vs ${c.output}`).to.equal(true);

      const gradInput: Tensor = crit.backward(input, target);
      const expected: Tensor = fromJSON(c.gradInput);
      expect(gradInput.type(), 'gradInput type').to.equal(expected.type());
      expect(gradInput.size().totable(), 'gradInput size').to.deep.equal(expected.size().totable());
      expectClose(gradInput, expected, tol);
      expect(crit.output, 'crit.output').to.equal(output);
    });
  }
});
