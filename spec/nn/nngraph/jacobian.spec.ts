/** Finite-difference checks (nn.Jacobian: perturbation 1e-6, tolerance 1e-5, double) of a multi-input, multi-output graph. */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import { Module } from '../../../nn/Module.js';

/** Input k of a graph as the only input, output j as the only output (the other inputs fixed, the other gradOutputs zero). */
class GraphSlot extends Module {
  private gos: Tensor[] = [];
  constructor(private inner: any, private inputs: Tensor[], private k: number, private j: number) { super(); }
  private with(x: Tensor): Tensor[] { const a = this.inputs.slice(); a[this.k] = x; return a; }
  override updateOutput(x: Tensor) { this.output = (this.inner.forward(this.with(x)) as Tensor[])[this.j]; return this.output; }
  override updateGradInput(x: Tensor, g: Tensor) {
    const outs = this.inner.output as Tensor[];
    this.gos = outs.map((o, i) => (i === this.j ? g : o.clone().zero()));
    this.gradInput = this.inner.updateGradInput(this.with(x), this.gos)[this.k];
    return this.gradInput;
  }
  override accGradParameters(x: Tensor, _g: Tensor, s = 1) { this.inner.accGradParameters(this.with(x), this.gos, s); }
  override zeroGradParameters() { this.inner.zeroGradParameters(); }
  override parameters() { return this.inner.parameters(); }
}

/** x1 -> Linear -> Tanh -> (* x2) = s -> Linear -> Sigmoid = out1;  s + x2 = out2;  x2 reshaped to 3x1, split into 3 rows, a*b + c = out3. */
function build() {
  const x1 = new nn.Identity().__call__(), x2 = new nn.Identity().__call__();
  const l1 = new nn.Linear(4, 3), l2 = new nn.Linear(3, 2);
  const s = new nn.CMulTable().__call__(new nn.Tanh().__call__(l1.__call__(x1)), x2);
  const out1 = new nn.Sigmoid().__call__(l2.__call__(s));
  const out2 = new nn.CAddTable().__call__(s, x2);
  const parts = new nn.SplitTable(1).__call__(new nn.Reshape(3, 1).__call__(x2)).split(3);
  const out3 = new nn.CAddTable().__call__(new nn.CMulTable().__call__(parts[0], parts[1]), parts[2]);
  return { g: new nn.gModule([x1, x2], [out1, out2, out3]), l1, l2 };
}

describe('nngraph: Jacobian of a 2-input, 3-output graph (fan-out, split)', () => {
  beforeEach(() => (torch as any).manualSeed(7));

  for (let k = 0; k < 2; k++) {
    for (let j = 0; j < 3; j++) {
      it(`d output ${j + 1} / d input ${k + 1}`, () => {
        const { g } = build();
        const inputs: Tensor[] = [(torch as any).randn(4), (torch as any).randn(3)];
        const err = nn.Jacobian.testJacobian(new GraphSlot(g, inputs, k, j), inputs[k].clone());
        expect(err).to.be.below(1e-5);
      });
    }
  }

  it('d outputs / d weights and biases (accGradParameters through the graph)', () => {
    const { g, l1, l2 } = build();
    const inputs: Tensor[] = [(torch as any).randn(4), (torch as any).randn(3)];
    for (const j of [0, 1]) {
      const m = new GraphSlot(g, inputs, 0, j);
      for (const [p, dp] of [[l1.weight, l1.gradWeight], [l1.bias, l1.gradBias], [l2.weight, l2.gradWeight], [l2.bias, l2.gradBias]]) {
        const err = nn.Jacobian.testJacobianParameters(m, inputs[0].clone(), p!, dp!);
        expect(err, `output ${j + 1}`).to.be.below(1e-5);
      }
    }
  });

  it('a wrong gradient is caught (the check can fail)', () => {
    const { g } = build();
    const inputs: Tensor[] = [(torch as any).randn(4), (torch as any).randn(3)];
    const m = new GraphSlot(g, inputs, 1, 1);
    const orig = m.updateGradInput.bind(m);
    m.updateGradInput = (x: Tensor, go: Tensor) => (orig(x, go) as Tensor).clone().mul(2);
    expect(nn.Jacobian.testJacobian(m, inputs[1].clone())).to.be.above(0.1);
  });
});
