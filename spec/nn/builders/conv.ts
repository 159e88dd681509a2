/** Fixture builders (torch7-ref/modules cases) and Jacobian-table entries of the 'conv' family. */
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {};
export const jacobianCases: ModuleCase[] = [];
