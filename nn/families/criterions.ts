/** nn classes of the 'criterions' family; nn/index.ts spreads this object into the nn namespace. */
import { AbsCriterion } from '../AbsCriterion.js';
import { BCECriterion } from '../BCECriterion.js';
import { ClassNLLCriterion } from '../ClassNLLCriterion.js';
import { CosineEmbeddingCriterion } from '../CosineEmbeddingCriterion.js';
import { CrossEntropyCriterion } from '../CrossEntropyCriterion.js';
import { DistKLDivCriterion } from '../DistKLDivCriterion.js';
import { HingeEmbeddingCriterion } from '../HingeEmbeddingCriterion.js';
import { L1Cost } from '../L1Cost.js';
import { L1HingeEmbeddingCriterion } from '../L1HingeEmbeddingCriterion.js';
import { MarginCriterion } from '../MarginCriterion.js';
import { MarginRankingCriterion } from '../MarginRankingCriterion.js';
import { ModuleCriterion } from '../ModuleCriterion.js';
import { MSECriterion } from '../MSECriterion.js';
import { MultiCriterion } from '../MultiCriterion.js';
import { MultiLabelMarginCriterion } from '../MultiLabelMarginCriterion.js';
import { MultiLabelSoftMarginCriterion } from '../MultiLabelSoftMarginCriterion.js';
import { MultiMarginCriterion } from '../MultiMarginCriterion.js';
import { ParallelCriterion } from '../ParallelCriterion.js';
import { SmoothL1Criterion } from '../SmoothL1Criterion.js';
import { SoftMarginCriterion } from '../SoftMarginCriterion.js';
import { SpatialClassNLLCriterion } from '../SpatialClassNLLCriterion.js';
import { WeightedMSECriterion } from '../WeightedMSECriterion.js';

export const criterionsClasses = {
  MSECriterion, AbsCriterion, SmoothL1Criterion, ClassNLLCriterion, CrossEntropyCriterion,
  SpatialClassNLLCriterion, BCECriterion, DistKLDivCriterion, MarginCriterion, SoftMarginCriterion,
  MultiMarginCriterion, MultiLabelMarginCriterion, MultiLabelSoftMarginCriterion, HingeEmbeddingCriterion,
  L1HingeEmbeddingCriterion, CosineEmbeddingCriterion, MarginRankingCriterion, WeightedMSECriterion,
  ParallelCriterion, MultiCriterion, L1Cost, ModuleCriterion,
};
