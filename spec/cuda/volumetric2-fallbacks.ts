/** The CPU fallbacks of the 'volumetric2' rows of the generic module table on CudaTensor, each with its reason. */
const noKernel = (module: string): string =>
  `${module} has no device kernel yet: the CPU kernel runs on the host copies (logged), as cuda/thnn/index.ts does for any THNN kernel without one`;

export const VOLUMETRIC2_FALLBACKS: Record<string, string> = {
  'THNN.FeatureLPPooling_updateGradInput': noKernel('nn.FeatureLPPooling'),
  'THNN.FeatureLPPooling_updateOutput': noKernel('nn.FeatureLPPooling'),
  'THNN.TemporalRowConvolution_accGradParameters': noKernel('nn.TemporalRowConvolution'),
  'THNN.TemporalRowConvolution_updateGradInput': noKernel('nn.TemporalRowConvolution'),
  'THNN.TemporalRowConvolution_updateOutput': noKernel('nn.TemporalRowConvolution'),
  'THNN.VolumetricAveragePooling_updateGradInput': noKernel('nn.VolumetricAveragePooling'),
  'THNN.VolumetricAveragePooling_updateOutput': noKernel('nn.VolumetricAveragePooling'),
  'THNN.VolumetricFullConvolution_accGradParameters': noKernel('nn.VolumetricFullConvolution'),
  'THNN.VolumetricFullConvolution_updateGradInput': noKernel('nn.VolumetricFullConvolution'),
  'THNN.VolumetricFullConvolution_updateOutput': noKernel('nn.VolumetricFullConvolution'),
  sort: "nn.TemporalDynamicKMaxPooling sorts each sequence (input:sort); the cuda package's sort runs on the CPU",
};
