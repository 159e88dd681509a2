/**
 * Jacobian-table entries of the 'sparse' family (nn.SparseLinear, nn.PartialLinear). No torch7-ref
 * fixtures exist for these modules. nn.Kmeans (whose gradWeight is an update rule, not a derivative),
 * and the criteria are checked in spec/nn/sparse.spec.ts instead.
 */
import { registerClass } from '../../../lib/File/index.js';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import { Module } from '../../../nn/Module.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {};

/**
 * A SparseLinear driven by the values only: the feature indices are fixed (`idx`, batch x nnz), and the
 * input (batch x nnz, what the table randomises) gives the values. `mode` 'legacy' feeds the
 * batch x nnz x 2 tensor, 'table' a table of nnz x 2 tensors, 'single' one nnz x 2 tensor (batch 1).
 * With doGradInput the gradient w.r.t. value (h, i) is the dense gradInput at feature idx[h][i].
 */
export class ValuedSparseLinear extends Module {
  inner: InstanceType<typeof nn.SparseLinear>;
  sparse: Tensor | Tensor[] = [];

  constructor(inputSize: number, outputSize: number, doGradInput: boolean, public idx: number[][], public mode: string) {
    super();
    this.inner = new nn.SparseLinear(inputSize, outputSize, doGradInput);
  }
  private build(x: Tensor): Tensor | Tensor[] {
    const rows = this.idx.map((r, h) => {
      const t = x.new(r.length, 2);
      r.forEach((f, i) => { t.put(i + 1, 1, f); t.put(i + 1, 2, x.get(h + 1, i + 1)); });
      return t;
    });
    if (this.mode === 'single') this.sparse = rows[0];
    else if (this.mode === 'table') this.sparse = rows;
    else this.sparse = torch.cat(rows.map((r) => r.view(1, r.size(1), 2)), 1);
    return this.sparse;
  }
  override updateOutput(x: Tensor) { this.output = this.inner.updateOutput(this.build(x)); return this.output; }
  override updateGradInput(x: Tensor, g: Tensor) {
    const gi: any = this.inner.updateGradInput(this.sparse, g);
    if (!(this.gradInput instanceof Tensor) || this.gradInput.type() !== x.type()) this.gradInput = x.new();
    const out = (this.gradInput as Tensor).resizeAs(x).zero();
    if (!this.inner.doGradInput) return out;
    this.idx.forEach((r, h) => r.forEach((f, i) => {
      const v = this.mode === 'legacy' ? gi.get(h + 1, f, 2) : gi[h].get(f, 2);
      out.put(h + 1, i + 1, v);
    }));
    return out;
  }
  override accGradParameters(_x: Tensor, g: Tensor, s = 1) { this.inner.accGradParameters(this.sparse, g, s); }
  override accUpdateGradParameters(_x: Tensor, g: Tensor, lr: number) { this.inner.accUpdateGradParameters(this.sparse, g, lr); }
  override zeroGradParameters() { this.inner.zeroGradParameters(); }
  override updateParameters(lr: number) { this.inner.updateParameters(lr); }
  override parameters() { return this.inner.parameters(); }
  override clearState(): this { this.inner.clearState(); return super.clearState(); }
}
// A user-defined class: registered so that testIO's .t7 round trip rebuilds it.
registerClass('nn.ValuedSparseLinear', ValuedSparseLinear);

const IDX = [[1, 4, 6], [2, 4, 5]];
const vsl = (doGradInput: boolean, idx: number[][], mode: string) => () => new ValuedSparseLinear(6, 3, doGradInput, idx, mode);

export const jacobianCases: ModuleCase[] = [
  { name: 'nn.SparseLinear(6,3) legacy batch x nnz x 2', build: vsl(false, IDX, 'legacy'), input: () => torch.randn(2, 3), noInputJacobian: true },
  { name: 'nn.SparseLinear(6,3,true) legacy batch, doGradInput', build: vsl(true, IDX, 'legacy'), input: () => torch.randn(2, 3) },
  { name: 'nn.SparseLinear(6,3,true) table batch', build: vsl(true, IDX, 'table'), input: () => torch.randn(2, 3) },
  { name: 'nn.SparseLinear(6,3,true) one nnz x 2 sample', build: vsl(true, [[5, 2, 3, 6]], 'single'), input: () => torch.randn(1, 4) },
  { name: 'nn.PartialLinear(4,5) batch', build: () => new nn.PartialLinear(4, 5), input: () => torch.randn(3, 4) },
  {
    name: 'nn.PartialLinear(4,5) with partition {2,5,3}',
    build: () => new nn.PartialLinear(4, 5).setPartition(new torch.Tensor([2, 5, 3])), input: () => torch.randn(3, 4),
  },
  { name: 'nn.PartialLinear(3,4,false)', build: () => new nn.PartialLinear(3, 4, false), input: () => torch.randn(2, 3) },
];
