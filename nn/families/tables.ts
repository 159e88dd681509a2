/** nn classes of the 'tables' family; nn/index.ts spreads this object into the nn namespace. */
import { CAddTable } from '../CAddTable.js';
import { CAddTensorTable } from '../CAddTensorTable.js';
import { CDivTable } from '../CDivTable.js';
import { CMaxTable } from '../CMaxTable.js';
import { CMinTable } from '../CMinTable.js';
import { CMulTable } from '../CMulTable.js';
import { CosineDistance } from '../CosineDistance.js';
import { CriterionTable } from '../CriterionTable.js';
import { CSubTable } from '../CSubTable.js';
import { DotProduct } from '../DotProduct.js';
import { FlattenTable } from '../FlattenTable.js';
import { JoinTable } from '../JoinTable.js';
import { MixtureTable } from '../MixtureTable.js';
import { NarrowTable } from '../NarrowTable.js';
import { PairwiseDistance } from '../PairwiseDistance.js';
import { SelectTable } from '../SelectTable.js';
import { SplitTable } from '../SplitTable.js';
import { ZipTable } from '../ZipTable.js';
import { ZipTableOneToMany } from '../ZipTableOneToMany.js';

export const tablesClasses = {
  SplitTable, JoinTable, SelectTable, NarrowTable, FlattenTable,
  CAddTable, CSubTable, CMulTable, CDivTable, CMaxTable, CMinTable,
  PairwiseDistance, DotProduct, CosineDistance, CriterionTable,
  MixtureTable, ZipTable, ZipTableOneToMany, CAddTensorTable,
};
