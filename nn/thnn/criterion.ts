/** CPU THNN kernels of the 'criterion' family. */
export const criterion = {};
