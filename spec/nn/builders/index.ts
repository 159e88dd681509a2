/** All families' builders and Jacobian cases. */
import * as containers from './containers.js';
import * as decorators from './decorators.js';
import * as nngraph from './nngraph.js';
import * as conv from './conv.js';
import * as simple from './simple.js';
import * as simple2 from './simple2.js';
import * as spatial2 from './spatial2.js';
import * as tables from './tables.js';
import * as transfer from './transfer.js';
import * as volumetric2 from './volumetric2.js';
import * as sparse from './sparse.js';
import * as volumetric3 from './volumetric3.js';
import * as volumetric4 from './volumetric4.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

const families = [transfer, simple, simple2, conv, tables, containers, nngraph, volumetric2, decorators, spatial2, sparse, volumetric3, volumetric4];
export const BUILDERS: ModuleBuilders = Object.assign({}, ...families.map((f) => f.builders));
export const JACOBIAN_CASES: ModuleCase[] = families.flatMap((f) => f.jacobianCases);
