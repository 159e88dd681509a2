/** nn.SpatialDivisiveNormalization(nInputPlane = 1, kernel = ones(9, 9), threshold = 1e-4, thresval = threshold): local std division (SpatialDivisiveNormalization.lua). */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { CDivTable } from './CDivTable.js';
import { Module } from './Module.js';
import { Sequential } from './Sequential.js';
import { Sqrt } from './Sqrt.js';
import { Square } from './Square.js';
import { Threshold } from './Threshold.js';
import { addEstimator, checkKernel, replicate, setKernel } from './spatialNormalizationKernel.js';

/**
 * `output = input / max(localstd(input), threshold)`: the local std is sqrt of the kernel-weighted
 * sum of squares over the neighbourhood and every plane, divided by `coef` (the mean estimator on
 * ones) to correct the zero-padded borders; values not above `threshold` become `thresval`. A 2-D
 * kernel is normalised in place to sum 1/nInputPlane, a 1-D one (applied separably) to sum
 * 1/sqrt(nInputPlane). Input nInputPlane x H x W or a batch of them.
 * @example
 * const norm = new nn.SpatialDivisiveNormalization(3, torch.ones(5));
 * norm.forward(torch.randn(3, 16, 16)); // 3 x 16 x 16, locally unit-std
 */
export class SpatialDivisiveNormalization extends Module {
  nInputPlane: number;
  kernel: Tensor;
  threshold: number;
  thresval: number;
  meanestimator: Sequential;
  stdestimator: Sequential;
  normalizer = new CDivTable();
  divider = new CDivTable();
  thresholder: Threshold;
  coef: Tensor;
  ones?: Tensor;
  _coef?: Tensor;
  localstds?: Tensor;
  adjustedstds?: Tensor;
  thresholdedstds?: Tensor;

  constructor(nInputPlane?: number, kernel?: Tensor, threshold?: number, thresval?: number) {
    super();
    this.nInputPlane = nInputPlane ?? 1;
    this.kernel = kernel ?? newDefault().resize(9, 9).fill(1);
    this.threshold = threshold ?? 1e-4;
    this.thresval = thresval ?? threshold ?? 1e-4;
    checkKernel(this.kernel, 'SpatialDivisiveNormalization');
    const n = this.nInputPlane;
    this.meanestimator = addEstimator(new Sequential(), n, this.kernel).add(replicate(n));
    this.stdestimator = addEstimator(new Sequential().add(new Square()), n, this.kernel).add(replicate(n)).add(new Sqrt());
    const k = this.kernel;
    k.div(k.sum() * (k.dim() === 2 ? n : Math.sqrt(n)));
    setKernel(this.meanestimator, 2, n, k);
    setKernel(this.stdestimator, 3, n, k);
    this.thresholder = new Threshold(this.threshold, this.thresval);
    this.coef = newDefault().resize(1, 1, 1);
  }

  override updateOutput(input: Tensor): Tensor {
    const localstds: Tensor = (this.localstds = this.stdestimator.updateOutput(input));
    const dim = input.dim();
    // Torch's test: the coefficients are recomputed when the rank or the last two sizes change
    if (localstds.dim() !== this.coef.dim() || input.size(dim) !== this.coef.size(dim) || input.size(dim - 1) !== this.coef.size(dim - 1)) {
      const ones = (this.ones ??= input.new());
      if (dim === 4) {
        ones.resizeAs(input.select(1, 1) as Tensor).fill(1);
        const coef: Tensor = this.meanestimator.updateOutput(ones);
        const _coef = (this._coef ??= input.new());
        _coef.resizeAs(coef).copy(coef);
        this.coef = _coef.view(1, ..._coef._size).expandAs(localstds);
      } else {
        ones.resizeAs(input).fill(1);
        this.coef = this.meanestimator.updateOutput(ones);
      }
    }
    this.adjustedstds = this.divider.updateOutput([localstds, this.coef]);
    this.thresholdedstds = this.thresholder.updateOutput(this.adjustedstds);
    this.output = this.normalizer.updateOutput([input, this.thresholdedstds!]);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input).zero();
    const gradnorm = this.normalizer.updateGradInput([input, this.thresholdedstds!], gradOutput);
    const gradadj = this.thresholder.updateGradInput(this.adjustedstds!, gradnorm[1]);
    const graddiv = this.divider.updateGradInput([this.localstds!, this.coef], gradadj);
    this.gradInput.add(this.stdestimator.updateGradInput(input, graddiv[0]));
    this.gradInput.add(gradnorm[0]);
    return this.gradInput;
  }

  override clearState(): this {
    this.ones?.set();
    this._coef?.set();
    this.meanestimator.clearState();
    this.stdestimator.clearState();
    return super.clearState();
  }
}
