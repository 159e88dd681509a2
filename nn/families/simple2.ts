/** nn classes of the 'simple2' family; nn/index.ts spreads this object into the nn namespace. */
import { LookupTable } from '../LookupTable.js';
import { Dropout } from '../Dropout.js';
import { SpatialDropout } from '../SpatialDropout.js';
import { Exp } from '../Exp.js';
import { Log } from '../Log.js';
import { Abs } from '../Abs.js';
import { Square } from '../Square.js';
import { Sqrt } from '../Sqrt.js';
import { Power } from '../Power.js';
import { Clamp } from '../Clamp.js';
import { Normalize } from '../Normalize.js';
import { GradientReversal } from '../GradientReversal.js';
import { OneHot } from '../OneHot.js';
import { Index } from '../IndexModule.js';
import { MaskedSelect } from '../MaskedSelect.js';
import { Constant } from '../Constant.js';
import { ZeroGrad } from '../ZeroGrad.js';
import { L1Penalty } from '../L1Penalty.js';
import { Collapse } from '../Collapse.js';
import { PrintSize } from '../PrintSize.js';
import { WhiteNoise } from '../WhiteNoise.js';

export const simple2Classes = {
  LookupTable, Dropout, SpatialDropout, Exp, Log, Abs, Square, Sqrt, Power, Clamp, Normalize, GradientReversal, OneHot,
  Index, MaskedSelect, Constant, ZeroGrad, L1Penalty, Collapse, PrintSize, WhiteNoise,
};
