/** nn classes of the 'conv' family; nn/index.ts spreads this object into the nn namespace. */
export const convClasses = {};
