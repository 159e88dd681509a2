/** The simple family's rows of the module table: gradients, clone, clearState and float() on each. */
import { expect } from 'chai';
import { Tensor } from '../../lib/index.js';
import * as Jacobian from '../../nn/Jacobian.js';
import { jacobianCases } from './builders/simple.js';
import { expectClose } from '../helpers.js';
import { T, checkGradients, cloneAct, typeAct } from './simple-helpers.js';

describe('nn simple family: module table rows', () => {
  it('lists every simple layer with a gradient', () => {
    const names = new Set(jacobianCases.map((c) => c.build().__typename));
    for (const n of ['Linear', 'Identity', 'Reshape', 'View', 'Contiguous', 'Select', 'Narrow', 'Transpose', 'Squeeze',
      'Unsqueeze', 'Replicate', 'Padding', 'Max', 'Min', 'Sum', 'Mean', 'MulConstant', 'AddConstant', 'Copy', 'Add',
      'CAdd', 'Mul', 'CMul', 'Euclidean', 'WeightedEuclidean', 'Cosine', 'MM', 'MV', 'Bilinear']) {
      expect(names.has(`nn.${n}`), n).to.equal(true);
    }
  });

  for (const c of jacobianCases) {
    describe(c.name, () => {
      beforeEach(() => T.manualSeed(99));

      it('has gradients that match central differences', () => {
        const input = c.input();
        checkGradients(c.build(), input, c.precision ?? 1e-5);
        if (!Array.isArray(input)) {
          const err = Jacobian.testJacobian(c.build(), input.clone());
          expect(err, 'nn.Jacobian.testJacobian').to.be.below(c.precision ?? 1e-5);
        }
      });

      it('clones, clears its state and converts to float', () => {
        const m = c.build();
        const input = c.input();
        const out = (m.forward(cloneAct(input)) as Tensor).clone();
        const copy = m.clone();
        expectClose(copy.forward(cloneAct(input)) as Tensor, out);
        expect(m.clearState()).to.equal(m);
        expectClose(m.forward(cloneAct(input)) as Tensor, out);
        m.float();
        const fo = m.forward(typeAct(input, 'torch.FloatTensor')) as Tensor;
        expect(fo.type()).to.equal('torch.FloatTensor');
        expectClose(fo, out, 1e-5);
        for (const p of m.parameters()?.[0] ?? []) expect(p.type()).to.equal('torch.FloatTensor');
      });
    });
  }
});
