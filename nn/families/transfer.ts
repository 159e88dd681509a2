/** nn classes of the 'transfer' family; nn/index.ts spreads this object into the nn namespace. */
import { ReLU } from '../ReLU.js';
import { Sigmoid } from '../Sigmoid.js';
import { Tanh } from '../Tanh.js';
import { Threshold } from '../Threshold.js';

export const transferClasses = { Tanh, Sigmoid, Threshold, ReLU };
