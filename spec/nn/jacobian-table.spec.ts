/**
 * The generic module table (spec/nn/builders/*): for every row, Jacobian checks w.r.t. the input and
 * each parameter (perturbation 1e-6, tolerance 1e-5, double, as nn's tests), accUpdateGradParameters,
 * type() conversion to float, clearState, and a testIO round trip.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { Module } from '../../nn/Module.js';
import { JACOBIAN_CASES } from './builders/index.js';

/** Presents input k of a table-input module as the only input, the others held fixed. */
class TableSlot extends Module {
  constructor(private inner: Module, private inputs: Tensor[], private k: number) { super(); }
  private with(x: Tensor): Tensor[] { const a = this.inputs.slice(); a[this.k] = x; return a; }
  override updateOutput(x: Tensor) { this.output = this.inner.updateOutput(this.with(x)); return this.output; }
  override updateGradInput(x: Tensor, g: any) { this.gradInput = this.inner.updateGradInput(this.with(x), g)[this.k]; return this.gradInput; }
  override accGradParameters(x: Tensor, g: any, s = 1) { this.inner.accGradParameters(this.with(x), g, s); }
  override zeroGradParameters() { this.inner.zeroGradParameters(); }
  override parameters() { return this.inner.parameters(); }
}

const asTensors = (x: Tensor | Tensor[]): Tensor[] => (Array.isArray(x) ? x : [x]);

describe('nn module table: Jacobian, type, clearState, IO', () => {
  it('has rows (every family contributes)', () => {
    expect(JACOBIAN_CASES.length).to.be.greaterThan(0);
  });
  for (const c of JACOBIAN_CASES) {
    describe(c.name, () => {
      const precision = c.precision ?? 1e-5;
      it('Jacobian w.r.t. the input', function () {
        if (c.noInputJacobian) return;
        (torch as any).manualSeed(1);
        const m = c.build();
        const input = c.input();
        if (Array.isArray(input)) {
          input.forEach((x, k) => {
            const err = nn.Jacobian.testJacobian(new TableSlot(m, input, k), x);
            expect(err, `input ${k + 1}`).to.be.below(precision);
          });
        } else {
          expect(nn.Jacobian.testJacobian(m, input)).to.be.below(precision);
        }
      });
      it('Jacobian w.r.t. each parameter, and accUpdateGradParameters', () => {
        (torch as any).manualSeed(2);
        const m = c.build();
        const input = c.input();
        const p = m.parameters();
        if (!p || p[0].length === 0) return;
        const wrapped = Array.isArray(input) ? new TableSlot(m, input, 0) : m;
        const x = asTensors(input)[0];
        p[0].forEach((w, i) => {
          const err = nn.Jacobian.testJacobianParameters(wrapped, x, w, p[1][i]);
          expect(err, `parameter ${i + 1}`).to.be.below(precision);
          if (!Array.isArray(input) && !c.noUpdateJacobian) {
            const errU = nn.Jacobian.testJacobianUpdateParameters(m, x, w);
            expect(errU, `update of parameter ${i + 1}`).to.be.below(precision);
          }
        });
      });
      it('float() gives the double results within float precision', () => {
        (torch as any).manualSeed(3);
        const m = c.build();
        const input = c.input();
        const out: any = m.forward(input);
        const outD = (Array.isArray(out) ? out : [out]).map((o: Tensor) => o.clone());
        const mf = m.clone().float();
        const inF = Array.isArray(input) ? input.map((x) => x.float()) : input.float();
        const outF: any = mf.forward(inF);
        const fl = Array.isArray(outF) ? outF : [outF];
        expect(fl.length).to.equal(outD.length);
        fl.forEach((o: Tensor, i: number) => {
          expect(o.type()).to.equal('torch.FloatTensor');
          const d = (torch as any).add(o.double(), -1, outD[i]).abs().max();
          expect(d, `output ${i + 1}`).to.be.below(1e-4 * (1 + outD[i].abs().max()));
        });
      });
      it('clearState empties buffers and the module still works; testIO round trip is exact', () => {
        (torch as any).manualSeed(4);
        const m = c.build();
        const input = c.input();
        if (Array.isArray(input)) {
          const before = m.forward(input);
          const snapshot = (Array.isArray(before) ? before : [before]).map((o: Tensor) => o.clone());
          expect(m.clearState()).to.equal(m);
          const after: any = m.forward(input);
          (Array.isArray(after) ? after : [after]).forEach((o: Tensor, i: number) => {
            expect((torch as any).add(o, -1, snapshot[i]).abs().max()).to.equal(0);
          });
          return;
        }
        const [ef, eb] = nn.Jacobian.testIO(m, input);
        expect(ef).to.equal(0);
        expect(eb).to.equal(0);
        expect(m.output.nElement(), 'output emptied by clearState').to.equal(0);
        expect(m.forward(input).nElement(), 'output after clearState + forward').to.be.greaterThan(0);
      });
    });
  }
});
