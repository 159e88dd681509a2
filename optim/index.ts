/** The `optim` package, as `require 'optim'` gives it in Lua: optimisers, line search, helpers and tools. */
import { adadelta } from './adadelta.js';
import { adagrad } from './adagrad.js';
import { adam } from './adam.js';
import { adamax } from './adamax.js';
import { asgd } from './asgd.js';
import { cg } from './cg.js';
import { checkgrad } from './checkgrad.js';
import { cmaes } from './cmaes.js';
import { ConfusionMatrix } from './ConfusionMatrix.js';
import { de } from './de.js';
import { FistaLS } from './FistaLS.js';
import { lbfgs } from './lbfgs.js';
import { Logger } from './Logger.js';
import { lswolfe } from './lswolfe.js';
import { nag } from './nag.js';
import { polyinterp, polyinterpMin } from './polyinterp.js';
import { rmsprop } from './rmsprop.js';
import { rprop } from './rprop.js';
import { sgd } from './sgd.js';

/**
 * optim: every optimiser takes `(opfunc, x, config, state)` with `opfunc(x)` → `[f, df/dx]`, updates x
 * in place and returns `[x, fs, ...]` as Torch does.
 * @example
 * import { optim } from 'torch7ts/optim';
 * const state = { learningRate: 0.1, momentum: 0.9 };
 * optim.sgd(feval, params, state);
 */
export const optim = {
  sgd, cg, asgd, nag, FistaLS, lbfgs, adagrad, rprop, adam, adamax, rmsprop, adadelta, cmaes, de,
  lswolfe, polyinterp, checkgrad,
  ConfusionMatrix, Logger,
};

export {
  sgd, cg, asgd, nag, FistaLS, lbfgs, adagrad, rprop, adam, adamax, rmsprop, adadelta, cmaes, de,
  lswolfe, polyinterp, checkgrad, ConfusionMatrix, Logger,
  polyinterpMin,
};
export type { FEval, OptimTable, OptimResult } from './types.js';
export type { LineSearch } from './lbfgs.js';
export type { Objective } from './cmaes.js';
