/** The CPU fallbacks of the 'volumetric4' rows of the generic module table on CudaTensor, each with its reason. */
const noKernel = (module: string): string =>
  `${module} has no device kernel yet: the CPU kernel runs on the host copies (logged), as cuda/thnn/index.ts does for any THNN kernel without one`;

export const VOLUMETRIC4_FALLBACKS: Record<string, string> = {
  'THNN.VolumetricDilatedConvolution_accGradParameters': noKernel('nn.VolumetricDilatedConvolution'),
  'THNN.VolumetricDilatedConvolution_updateGradInput': noKernel('nn.VolumetricDilatedConvolution'),
  'THNN.VolumetricDilatedConvolution_updateOutput': noKernel('nn.VolumetricDilatedConvolution'),
  'THNN.VolumetricDilatedMaxPooling_updateGradInput': noKernel('nn.VolumetricDilatedMaxPooling'),
  'THNN.VolumetricDilatedMaxPooling_updateOutput': noKernel('nn.VolumetricDilatedMaxPooling'),
  'THNN.VolumetricFractionalMaxPooling_updateGradInput': noKernel('nn.VolumetricFractionalMaxPooling'),
  'THNN.VolumetricFractionalMaxPooling_updateOutput': noKernel('nn.VolumetricFractionalMaxPooling'),
  'THNN.VolumetricMaxUnpooling_updateGradInput': noKernel('nn.VolumetricMaxUnpooling'),
  'THNN.VolumetricMaxUnpooling_updateOutput': noKernel('nn.VolumetricMaxUnpooling'),
};
