/** The `nn` package, as `require 'nn'` gives it in Lua. */
import './THNN.js';
import { Container } from './Container.js';
import { Criterion } from './Criterion.js';
import { Module } from './Module.js';
import { ReLU } from './ReLU.js';
import { Sequential } from './Sequential.js';
import { Sigmoid } from './Sigmoid.js';
import { Tanh } from './Tanh.js';
import { Threshold } from './Threshold.js';
import { Linear } from './Linear.js';
import * as utils from './utils.js';

/** nn: modules, containers and criteria, by their Torch names. */
export const nn = {
  Module, Container, Criterion, Sequential,
  Linear, Tanh, Sigmoid, Threshold, ReLU,
  utils,
};
