/** CPU THNN kernels of the 'conv' family. */
export const conv = {};
