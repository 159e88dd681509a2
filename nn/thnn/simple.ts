/** CPU THNN kernels of the 'simple' family. */
export const simple = {};
