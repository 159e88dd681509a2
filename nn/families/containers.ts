/** nn classes of the 'containers' family; nn/index.ts spreads this object into the nn namespace. */
import { Bottle } from '../Bottle.js';
import { Concat } from '../Concat.js';
import { ConcatTable } from '../ConcatTable.js';
import { Container } from '../Container.js';
import { DepthConcat } from '../DepthConcat.js';
import { MapTable } from '../MapTable.js';
import { Parallel } from '../Parallel.js';
import { ParallelTable } from '../ParallelTable.js';
import { Sequential } from '../Sequential.js';
import { gModule } from '../gModule.js';
import { ModuleFromCriterion } from '../ModuleFromCriterion.js';

export const containersClasses = {
  Container, Sequential, Concat, DepthConcat, Parallel, ConcatTable, ParallelTable, MapTable, Bottle, gModule, ModuleFromCriterion,
};
