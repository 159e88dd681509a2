/** nn classes of the 'criterions' family; nn/index.ts spreads this object into the nn namespace. */
export const criterionsClasses = {};
