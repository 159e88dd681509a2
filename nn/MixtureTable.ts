/** nn.MixtureTable([dim]): a mixture of experts `{gater, experts}` (MixtureTable.lua). */
import { check } from '../lib/errors.js';
import { torch } from '../lib/index.js';
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clear, recursiveResizeAs, type Activity } from './utils.js';

/**
 * `output = sum_i gater[i] * expert_i`. The input is `{gater, experts}`: gater is n (or batch x n)
 * and experts a table of n tensors, or one tensor holding the n experts along `dim` (default 1 without
 * a batch, else 2). The gate is broadcast over each expert.
 * @example
 * const moe = new nn.MixtureTable();
 * moe.forward([new torch.Tensor([0.25, 0.75]), [torch.ones(3), torch.zeros(3)]]); // 0.25 0.25 0.25
 */
export class MixtureTable extends Module {
  dim?: number;
  size = new LongStorage();
  batchSize = 0;
  size2 = new LongStorage();
  backwardSetup = false;
  override gradInput: any[] = [];
  dimG?: number;
  table?: boolean;
  _gaterView?: Tensor;
  _expert?: Tensor;
  _expertView?: Tensor;
  _sum?: Tensor;
  _expertView2?: Tensor;
  _expert2?: Tensor;

  constructor(dim?: number) {
    super();
    this.dim = dim;
  }

  override updateOutput(input: [Tensor, Tensor | Tensor[]]): Tensor {
    const [gaterInput, expertInputs] = input;
    const gaterView = (this._gaterView ??= input[0].new());
    const expert = (this._expert ??= input[0].new());
    this._expertView ??= input[0].new();
    this.dimG = 2;
    let batchSize = gaterInput.size(1);
    if (gaterInput.dim() < 2) {
      this.dimG = 1;
      this.dim ??= 1;
      batchSize = 1;
    }
    this.dim ??= 2;
    const dim = this.dim, dimG = this.dimG;
    if (this.table || Array.isArray(expertInputs)) {
      this.table = true;
      const experts = expertInputs as Tensor[];
      check(gaterInput.size(dimG) === experts.length, 'Should be one gater output per expert');
      this.size.resize(experts[0].dim() + 1).fill(1);
      if (dimG > 1) this.size.set(1, gaterInput.size(1));
      this.size.set(dim, gaterInput.size(dimG));
      this.output.resizeAs(experts[0]);
      this.batchSize = batchSize;
      gaterView.set(gaterInput.view(this.size));
      this.output.zero();
      experts.forEach((e, i) => this.output.addcmul(1, e, (gaterView.select(dim, i + 1) as Tensor).expandAs(e)));
    } else {
      const experts = expertInputs as Tensor;
      this.size.resize(experts.dim()).fill(1);
      if (dimG > 1) this.size.set(1, gaterInput.size(1));
      this.size.set(dim, gaterInput.size(dimG));
      this.output.resizeAs(experts.select(dim, 1));
      this.batchSize = batchSize;
      gaterView.set(gaterInput.view(this.size));
      expert.cmul(gaterView.expandAs(experts), experts);
      torch.sum(this.output, expert, dim);
      this.output.resizeAs(experts.select(dim, 1));
    }
    return this.output;
  }

  override updateGradInput(input: [Tensor, Tensor | Tensor[]], gradOutput: Tensor): any[] {
    const [gaterInput, expertInputs] = input;
    this.gradInput = recursiveResizeAs(this.gradInput, input as Activity) as any[];
    const gaterGradInput: Tensor = this.gradInput[0];
    const sum = (this._sum ??= input[0].new());
    const expertView2 = (this._expertView2 ??= input[0].new());
    const expert2 = (this._expert2 ??= input[0].new());
    const expert = this._expert!, expertView = this._expertView!, gaterView = this._gaterView!;
    const dim = this.dim!, dimG = this.dimG!;
    if (this.table) {
      const experts = expertInputs as Tensor[], expertGradInputs: Tensor[] = this.gradInput[1];
      gaterGradInput.resizeAs(gaterInput);
      expertGradInputs.forEach((g, i) => {
        expert.cmul(gradOutput, experts[i]);
        if (dimG === 1) expertView.set(expert.view(-1));
        else expertView.set(expert.view(gradOutput.size(1), -1));
        torch.sum(sum, expertView, dimG);
        if (dimG === 1) gaterGradInput.put(i + 1, sum.get(1));
        else (gaterGradInput.select(dimG, i + 1) as Tensor).copy(sum.select(dimG, 1) as Tensor);
        g.cmul((gaterView.select(dim, i + 1) as Tensor).expandAs(g), gradOutput);
      });
    } else {
      const experts = expertInputs as Tensor, expertGradInputs: Tensor = this.gradInput[1];
      this.size2.resize(experts.dim()).copy(experts.size());
      this.size2.set(dim, 1);
      gaterGradInput.resizeAs(gaterInput);
      expertView.set(gradOutput.view(this.size2));
      const go = expertView.expandAs(experts);
      expert.cmul(go, experts);
      let e = expert.transpose(dim, dimG);
      if (!e.isContiguous()) {
        expert2.resizeAs(e).copy(e);
        e = expert2;
      }
      if (dimG === 1) expertView2.set(e.view(gaterInput.size(1), -1));
      else expertView2.set(e.view(gaterInput.size(1), gaterInput.size(2), -1));
      torch.sum(gaterGradInput, expertView2, dimG + 1);
      gaterGradInput.resizeAs(gaterInput);
      expertGradInputs.cmul(gaterView.expandAs(experts), go);
    }
    return this.gradInput;
  }

  /** Drops the buffers (Torch's MixtureTable:type), then converts. */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type === undefined) return super.type();
    for (const k of ['_gaterView', '_expert', '_expertView', '_sum', '_expert2', '_expertView2'] as const) this[k] = undefined;
    return super.type(type, cache);
  }

  override clearState(): this {
    clear(this as unknown as Record<string, unknown>, '_gaterView', '_expert', '_expertView', '_sum', '_expert2', '_expertView2');
    return super.clearState();
  }
}
