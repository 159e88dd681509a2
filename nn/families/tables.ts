/** nn classes of the 'tables' family; nn/index.ts spreads this object into the nn namespace. */
export const tablesClasses = {};
