/** The CPU fallbacks of the 'volumetric3' rows of the generic module table on CudaTensor, each with its reason. */
const noKernel = (module: string): string =>
  `${module} has no device kernel yet: the CPU kernel runs on the host copies (logged), as cuda/thnn/index.ts does for any THNN kernel without one`;

export const VOLUMETRIC3_FALLBACKS: Record<string, string> = {
  'THNN.VolumetricReplicationPadding_updateOutput': noKernel('nn.VolumetricReplicationPadding'),
  'THNN.VolumetricReplicationPadding_updateGradInput': noKernel('nn.VolumetricReplicationPadding'),
};
