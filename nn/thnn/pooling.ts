/** CPU THNN kernels of the 'pooling' family. */
export const pooling = {};
