/** nn classes of the 'transfer' family; nn/index.ts spreads this object into the nn namespace. */
import { ELU } from '../ELU.js';
import { GatedLinearUnit } from '../GatedLinearUnit.js';
import { HardShrink } from '../HardShrink.js';
import { HardTanh } from '../HardTanh.js';
import { LeakyReLU } from '../LeakyReLU.js';
import { LogSigmoid } from '../LogSigmoid.js';
import { LogSoftMax } from '../LogSoftMax.js';
import { PReLU } from '../PReLU.js';
import { ReLU } from '../ReLU.js';
import { ReLU6 } from '../ReLU6.js';
import { RReLU } from '../RReLU.js';
import { Sigmoid } from '../Sigmoid.js';
import { SoftMax } from '../SoftMax.js';
import { SoftMin } from '../SoftMin.js';
import { SoftPlus } from '../SoftPlus.js';
import { SoftShrink } from '../SoftShrink.js';
import { SoftSign } from '../SoftSign.js';
import { Tanh } from '../Tanh.js';
import { TanhShrink } from '../TanhShrink.js';
import { Threshold } from '../Threshold.js';

export const transferClasses = {
  Tanh, Sigmoid, ReLU, ReLU6, Threshold, HardTanh, HardShrink, SoftShrink, TanhShrink,
  SoftMax, SoftMin, LogSoftMax, SoftPlus, SoftSign, LogSigmoid, LeakyReLU, PReLU, RReLU, ELU, GatedLinearUnit,
};
