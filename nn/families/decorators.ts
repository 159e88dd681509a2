/** nn classes of the 'decorators' family; nn/index.ts spreads this object into the nn namespace. */
import { Convert } from '../Convert.js';
import { Decorator } from '../Decorator.js';
import { DontCast } from '../DontCast.js';
import { LayerNormalization } from '../LayerNormalization.js';
import { LinearWeightNorm } from '../LinearWeightNorm.js';
import { NaN as NaNModule } from '../NaNModule.js';
import { Profile } from '../Profile.js';
import { WeightNorm } from '../WeightNorm.js';

export const decoratorsClasses = {
  Decorator, WeightNorm, LinearWeightNorm, DontCast, NaN: NaNModule, Profile, Convert, LayerNormalization,
};
