/** nn classes of the 'simple' family; nn/index.ts spreads this object into the nn namespace. */
import { Linear } from '../Linear.js';
import { Identity } from '../Identity.js';
import { Reshape } from '../Reshape.js';
import { View } from '../View.js';
import { Contiguous } from '../Contiguous.js';
import { Select } from '../Select.js';
import { Narrow } from '../Narrow.js';
import { Transpose } from '../Transpose.js';
import { Squeeze } from '../Squeeze.js';
import { Unsqueeze } from '../Unsqueeze.js';
import { Replicate } from '../Replicate.js';
import { Padding } from '../Padding.js';
import { Max } from '../Max.js';
import { Min } from '../Min.js';
import { Sum } from '../Sum.js';
import { Mean } from '../Mean.js';
import { MM } from '../MM.js';
import { MV } from '../MV.js';
import { Copy } from '../Copy.js';
import { MulConstant } from '../MulConstant.js';
import { AddConstant } from '../AddConstant.js';
import { Add } from '../Add.js';
import { CAdd } from '../CAdd.js';
import { Mul } from '../Mul.js';
import { CMul } from '../CMul.js';
import { Euclidean } from '../Euclidean.js';
import { WeightedEuclidean } from '../WeightedEuclidean.js';
import { Cosine } from '../Cosine.js';
import { Bilinear } from '../Bilinear.js';
import { Maxout } from '../Maxout.js';
import { CReLU } from '../CReLU.js';
import { PixelShuffle } from '../PixelShuffle.js';

export const simpleClasses = {
  Linear, Identity, Reshape, View, Contiguous, Select, Narrow, Transpose, Squeeze, Unsqueeze, Replicate, Padding,
  Max, Min, Sum, Mean, MM, MV, Copy, MulConstant, AddConstant, Add, CAdd, Mul, CMul, Euclidean, WeightedEuclidean,
  Cosine, Bilinear, Maxout, CReLU, PixelShuffle,
};
