/** The `nn` package, as `require 'nn'` gives it in Lua. */
import './THNN.js';
import { Criterion } from './Criterion.js';
import { Module } from './Module.js';
import { transferClasses } from './families/transfer.js';
import { simpleClasses } from './families/simple.js';
import { simple2Classes } from './families/simple2.js';
import { convClasses } from './families/conv.js';
import { tablesClasses } from './families/tables.js';
import { containersClasses } from './families/containers.js';
import { criterionsClasses } from './families/criterions.js';
import { parallelClasses } from './families/parallel.js';
import { volumetric2Classes } from './families/volumetric2.js';
import { decoratorsClasses } from './families/decorators.js';
import { spatial2Classes } from './families/spatial2.js';
import { volumetric4Classes } from './families/volumetric4.js';
import { sparseClasses } from './families/sparse.js';
import { volumetric3Classes } from './families/volumetric3.js';
import * as Jacobian from './Jacobian.js';
import { StochasticGradient } from './StochasticGradient.js';
import * as utils from './utils.js';
import { tables } from './tables.js';
import { registerNN } from '../lib/File/nnclasses.js';
import { nngraph } from './nngraph/index.js';

export { nngraph };

/** nn: modules, containers and criteria, by their Torch names. */
export const nn = {
  Module, Criterion,
  ...transferClasses,
  ...simpleClasses,
  ...simple2Classes,
  ...convClasses,
  ...tablesClasses,
  ...containersClasses,
  ...criterionsClasses,
  ...parallelClasses,
  ...volumetric2Classes,
  ...decoratorsClasses,
  ...spatial2Classes,
  ...sparseClasses,
  ...volumetric3Classes,
  ...volumetric4Classes,
  Jacobian, StochasticGradient,
  utils,
  /** Connection tables for nn.SpatialConvolutionMap: `full`, `oneToOne`, `random`. */
  tables,
};

// torch.load builds these classes (and applies nn's legacy fix-ups) once nn is loaded, as in Lua.
registerNN(nn as unknown as Record<string, unknown>);
