/** Torch7 parity: every module case in ../shared/fixtures/torch7-ref/modules that has a builder here. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { BUILDERS } from './builders/index.js';
import { expectClose } from '../helpers.js';
import { fromJSON, loadCases } from './torch7ref.js';

const t = torch as any;


/** Compares a result (tensor or table) with its fixture, at float or double tolerance. */
function expectSame(actual: any, expected: any, tol: number, what: string): void {
  if (Array.isArray(expected)) {
    expect(actual, what).to.be.an('array').with.length(expected.length);
    expected.forEach((e: any, i: number) => expectSame(actual[i], e, tol, `${what}[${i + 1}]`));
    return;
  }
  expect(actual.type(), `${what} type`).to.equal(expected.type());
  expect(actual.size().totable(), `${what} size`).to.deep.equal(expected.size().totable());
  expectClose(actual as Tensor, expected as Tensor, tol);
}

describe('nn modules against Torch7 (torch7-ref/modules)', () => {
  const cases = loadCases('modules');
  for (const [name, build] of Object.entries(BUILDERS)) {
    it(name, () => {
      const c = cases[name];
      expect(c, `fixture ${name}`).to.be.an('object');
      const float = JSON.stringify(c.input).includes('FloatTensor');
      const tol = float ? 1e-5 : 1e-10;
      t.manualSeed(c.seed);
      const m = build();
      if (c.weight) expectSame(m.weight, fromJSON(c.weight), tol, 'initial weight (Torch RNG draws)');
      if (c.bias) expectSame(m.bias, fromJSON(c.bias), tol, 'initial bias');
      if (c.train === false) m.evaluate();
      m.zeroGradParameters();
      const input = fromJSON(c.input);
      const output = m.forward(input);
      expectSame(output, fromJSON(c.output), tol, 'output');
      const gradInput = m.backward(input, fromJSON(c.gradOutput));
      expectSame(gradInput, fromJSON(c.gradInput), tol, 'gradInput');
      if (c.gradWeight) expectSame(m.gradWeight, fromJSON(c.gradWeight), tol, 'gradWeight');
      if (c.gradBias) expectSame(m.gradBias, fromJSON(c.gradBias), tol, 'gradBias');
    });
  }
});
