/** nn.Kmeans(k, dim[, scale]): an online (hard) k-means layer (Kmeans.lua). */
import { newDefault } from '../lib/defaults.js';
import { check } from '../lib/errors.js';
import { torch } from '../lib/index.js';
import type { LongTensor, Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * The `k` centroids are the rows of `weight` (k x dim). Forward on a batch (B x dim) gives each sample's
 * nearest centroid (1-based, squared Euclidean distance) and sets `loss` to the summed squared distances;
 * gradInput is zero. accGradParameters accumulates gradWeight[c] += -scale/n_c * sum over the n_c samples
 * of c of (x - c), so `updateParameters(lr)` moves each centroid towards the mean of its samples.
 * @example
 * const km = new nn.Kmeans(3, 2);
 * km.initKmeansPlus(data);         // or initRandom(data)
 * const assign = km.forward(data); // cluster of each row
 * km.zeroGradParameters(); km.backward(data, assign); km.updateParameters(1);
 */
export class Kmeans extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  k: number;
  dim: number;
  /** The update scale; when set it overrides accGradParameters' scale. */
  scale?: number;
  /** The within-cluster error of the last forward. */
  loss = 0;
  clusterSampleCount: Tensor;
  /** The p of the last initKmeansPlus. */
  p?: number;
  _expandedSamples?: Tensor;
  _expandedWeight?: Tensor;
  _clusterDistances?: Tensor;
  _minScore?: Tensor;
  _minIndx?: LongTensor;
  _cscAdder?: Tensor;
  _gradWeight?: Tensor;
  _gradWeight2?: Tensor;
  _ccounts?: Tensor;

  constructor(k: number, dim: number, scale?: number) {
    super();
    this.k = k;
    this.dim = dim;
    this.scale = scale;
    check(k > 0, 'Clusters cannot be 0 or negative.');
    check(dim > 0, 'Dimensionality cannot be 0 or negative.');
    this.weight = newDefault().resize(k, dim);
    this.gradWeight = newDefault().resize(k, dim);
    this.clusterSampleCount = newDefault().resize(k);
    this.reset();
  }

  /** Centroids uniform in ±stdev (default 1). */
  override reset(stdev = 1): this {
    this.weight.uniform(-stdev, stdev);
    return this;
  }

  private checkInput(input: Tensor): void {
    check(input.nDimension() === 2, 'Incorrect input dimensionality. Expecting 2D.');
    check(input.size(2) === this.dim, "Dimensionality of input and weight don't match.");
  }

  /** Centroid i = a random sample (k draws of torch.random(1, #samples), then the copies). */
  initRandom(input: Tensor): void {
    this.checkInput(input);
    const n = input.size(1);
    check(n >= this.k, 'Need atleast k samples for initialization.');
    const indices = torch.zeros(this.k).random(1, n);
    for (let i = 1; i <= this.k; i++) (this.weight.select(1, i) as Tensor).copy((input.select(1, indices.get(i)) as Tensor));
  }

  /**
   * k-means++ style: the first centroid a random sample; each next one drawn uniformly from the
   * ceil((1-p)·#samples) samples farthest from the centroids so far (p defaults to 0.95).
   */
  initKmeansPlus(input: Tensor, p?: number): void {
    this.p = p ?? this.p ?? 0.95;
    check(this.p >= 0 && this.p <= 1, 'P value should be between 0-1.');
    check(input.nDimension() === 2, 'Incorrect input dimensionality. Expecting 2D.');
    const n = input.size(1);
    let pcount = Math.ceil((1 - this.p) * n);
    if (pcount <= 0) pcount = 1;
    (this.weight.select(1, 1) as Tensor).copy((input.select(1, torch.random(n)) as Tensor));
    const distances = this.weight.new().resize(n).fill(Infinity);
    for (let k = 2; k <= this.k; k++) {
      const cluster = this.weight.narrow(1, k - 1, 1);
      for (let i = 1; i <= n; i++) {
        const diff = input.narrow(1, i, 1).clone().add(-1, cluster);
        const d = diff.norm(2, 2).pow(2).min();
        distances.put(i, Math.min(d, distances.get(i)));
      }
      const [, maxIndx] = distances.sort(true);
      const indx = maxIndx.get(torch.random(pcount));
      (this.weight.select(1, k) as Tensor).copy((input.select(1, indx) as Tensor));
    }
  }

  /** The 1-based index of each sample's nearest centroid; `loss` = the sum of the squared distances. */
  override updateOutput(input: Tensor): Tensor {
    this.checkInput(input);
    check(input.isContiguous(), 'Input is not contiguous.');
    const B = input.size(1), k = this.k, dim = this.dim;
    this._expandedSamples ??= this.weight.new();
    this._expandedSamples.resize(k, B, dim).copy(input.view(1, B, dim).expand(k, B, dim));
    this._expandedWeight ??= this.weight.new();
    this._expandedWeight.resize(k, B, dim).copy(this.weight.view(k, 1, dim).expand(k, B, dim));
    this._expandedSamples.add(-1, this._expandedWeight);
    this._clusterDistances = this._expandedSamples.norm(2, 3).pow(2).resize(k, B);
    const [minScore, minIndx] = this._clusterDistances.min(1);
    this._minScore = minScore;
    this._minIndx = minIndx.resize(B);
    (this.output as Tensor).resize(B).copy(this._minIndx);
    this.loss = this._minScore.sum();
    return this.output;
  }

  /** Kmeans has its own criterion: the gradient w.r.t. the input is zero. */
  override updateGradInput(input: Tensor, _gradOutput?: Tensor): Tensor {
    (this.gradInput as Tensor).resize(input.size()).zero();
    return this.gradInput;
  }

  /** gradWeight[c] += -scale/(n_c + 1e-7) * sum of (x - c) over the samples nearest to c (last forward's assignment). */
  override accGradParameters(input: Tensor, _gradOutput?: Tensor, scale = 1): void {
    const s = this.scale ?? scale ?? 1;
    check(s > 0, ' Scale has to be positive.');
    const B = input.size(1), idx = this._minIndx!;
    this._cscAdder ??= this.weight.new();
    this._cscAdder.resize(B).fill(1);
    this.clusterSampleCount.zero().indexAdd(1, idx, this._cscAdder);
    this._gradWeight = this.weight.index(1, idx).mul(-1).add(input).mul(-s);
    this._gradWeight2 ??= this.gradWeight.new();
    this._gradWeight2.resizeAs(this.gradWeight).zero().indexAdd(1, idx, this._gradWeight);
    this._ccounts ??= this.clusterSampleCount.new();
    this._ccounts.resize(this.k).copy(this.clusterSampleCount).add(0.0000001);
    this._gradWeight2.cdiv(this._ccounts.view(this.k, 1).expandAs(this.gradWeight));
    this.gradWeight.add(this._gradWeight2);
  }

  /** Drops the work buffers (Kmeans.lua keeps output and gradInput). */
  override clearState(): this {
    for (const f of ['_expandedSamples', '_clusterDistances', '_expandedWeight', '_minScore', '_minIndx', '_cscAdder'] as const) this[f] = undefined;
    return this;
  }

  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) this.clearState();
    return super.type(type, cache);
  }
}
