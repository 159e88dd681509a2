/** nn classes of the 'simple2' family; nn/index.ts spreads this object into the nn namespace. */
export const simple2Classes = {};
