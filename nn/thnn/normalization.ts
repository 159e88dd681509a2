/** CPU THNN kernels of the 'normalization' family. */
export const normalization = {};
