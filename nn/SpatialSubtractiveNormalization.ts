/** nn.SpatialSubtractiveNormalization(nInputPlane = 1, kernel = ones(9, 9)): local mean removal (SpatialSubtractiveNormalization.lua). */
import { newDefault } from '../lib/defaults.js';
import type { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { CDivTable } from './CDivTable.js';
import { CSubTable } from './CSubTable.js';
import { Module } from './Module.js';
import { Sequential } from './Sequential.js';
import { addEstimator, checkKernel, replicate, setKernel } from './spatialNormalizationKernel.js';

/**
 * `output = input - localmean(input)`, the mean a weighted average over the kernel's neighbourhood
 * and every plane (the kernel is normalised in place to sum 1/nInputPlane). Near the borders the
 * zero-padded sums are divided by `coef`, the same estimator applied to ones, so the weights sum to
 * 1 there too. A 1-D kernel is applied separably (rows, then columns). Input nInputPlane x H x W or
 * a batch of them.
 * @example
 * const norm = new nn.SpatialSubtractiveNormalization(3, torch.ones(5, 5));
 * norm.forward(torch.randn(3, 16, 16)); // 3 x 16 x 16, locally zero-mean
 */
export class SpatialSubtractiveNormalization extends Module {
  nInputPlane: number;
  kernel: Tensor;
  meanestimator: Sequential;
  subtractor = new CSubTable();
  divider = new CDivTable();
  coef: Tensor;
  _inpsz?: LongStorage;
  ones?: Tensor;
  _coef?: Tensor;
  localsums?: Tensor;
  adjustedsums?: Tensor;

  constructor(nInputPlane?: number, kernel?: Tensor) {
    super();
    this.nInputPlane = nInputPlane ?? 1;
    this.kernel = kernel ?? newDefault().resize(9, 9).fill(1);
    checkKernel(this.kernel, 'SpatialSubtractiveNormalization');
    this.kernel.div(this.kernel.sum() * this.nInputPlane);
    this.meanestimator = addEstimator(new Sequential(), this.nInputPlane, this.kernel);
    this.meanestimator.add(replicate(this.nInputPlane));
    setKernel(this.meanestimator, 2, this.nInputPlane, this.kernel);
    this.coef = newDefault().resize(1, 1, 1);
  }

  /** Recomputes the border coefficients when the input size changed (a batch shares one map). */
  private updateCoef(input: Tensor): void {
    if (this._inpsz && input.isSize(this._inpsz)) return;
    this._inpsz = input.size();
    const ones = (this.ones ??= input.new());
    const _coef = (this._coef ??= this.coef.new());
    if (input.dim() === 4) {
      ones.resizeAs(input.select(1, 1) as Tensor).fill(1);
      const coef: Tensor = this.meanestimator.updateOutput(ones);
      _coef.resizeAs(coef).copy(coef);
      this.coef = _coef.view(1, ..._coef._size).expand(input.size(1), ...coef._size);
    } else {
      ones.resizeAs(input).fill(1);
      const coef: Tensor = this.meanestimator.updateOutput(ones);
      _coef.resizeAs(coef).copy(coef);
      this.coef = _coef;
    }
  }

  override updateOutput(input: Tensor): Tensor {
    this.updateCoef(input);
    this.localsums = this.meanestimator.updateOutput(input) as Tensor;
    this.adjustedsums = this.divider.updateOutput([this.localsums, this.coef]);
    this.output = this.subtractor.updateOutput([input, this.adjustedsums]);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input).zero();
    const gradsub = this.subtractor.updateGradInput([input, this.adjustedsums!], gradOutput);
    const graddiv = this.divider.updateGradInput([this.localsums!, this.coef], gradsub[1]);
    this.gradInput.add(this.meanestimator.updateGradInput(input, graddiv[0]));
    this.gradInput.add(gradsub[0]);
    return this.gradInput;
  }

  override clearState(): this {
    this._inpsz = undefined;
    this.ones?.set();
    this._coef?.set();
    this.meanestimator.clearState();
    return super.clearState();
  }
}
