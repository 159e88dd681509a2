/** nn classes of the 'sparse' family (sparse and partial linear layers, k-means, simplex/triplet criteria); nn/index.ts spreads this object into the nn namespace. */
import { SparseLinear } from '../SparseLinear.js';
import { IndexLinear } from '../IndexLinear.js';
import { PartialLinear } from '../PartialLinear.js';
import { Kmeans } from '../Kmeans.js';
import { ClassSimplexCriterion } from '../ClassSimplexCriterion.js';
import { DistanceRatioCriterion } from '../DistanceRatioCriterion.js';

export const sparseClasses = {
  SparseLinear, IndexLinear, PartialLinear, Kmeans, ClassSimplexCriterion, DistanceRatioCriterion,
};
