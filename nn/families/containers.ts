/** nn classes of the 'containers' family; nn/index.ts spreads this object into the nn namespace. */
import { Container } from '../Container.js';
import { Sequential } from '../Sequential.js';

export const containersClasses = { Container, Sequential };
