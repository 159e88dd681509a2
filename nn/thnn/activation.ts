/** CPU THNN kernels of the 'activation' family. */
export const activation = {};
