/** nn classes of the 'simple' family; nn/index.ts spreads this object into the nn namespace. */
import { Linear } from '../Linear.js';

export const simpleClasses = { Linear };
