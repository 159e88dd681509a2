/** Device THNN kernels: importing this registers every family. */
export {};
