/**
 * Every row of the generic nn module table (spec/nn/builders: about 150 configurations of every nn
 * class) runs on CudaTensor: `module.cuda()` forward and backward against the same module in float on
 * the CPU (1e-4 forward, 1e-2 backward, relative to the largest value, as cunn tests). The CPU
 * fallbacks these modules take are listed here: a new one fails the spec.
 */
import { expect } from 'chai';
import { cuda } from '../../cuda/index.js';
import { torch, Tensor } from '../../lib/index.js';
import type { Module } from '../../nn/Module.js';
import { JACOBIAN_CASES } from '../nn/builders/index.js';
import { VOLUMETRIC2_FALLBACKS } from './volumetric2-fallbacks.js';
import { VOLUMETRIC3_FALLBACKS } from './volumetric3-fallbacks.js';
import { VOLUMETRIC4_FALLBACKS } from './volumetric4-fallbacks.js';

type Act = Tensor | Act[];
const flatten = (x: Act): Tensor[] => (Array.isArray(x) ? x.flatMap(flatten) : [x]);
const map = (x: Act, f: (t: Tensor) => Tensor): Act => (Array.isArray(x) ? x.map((y) => map(y, f)) : f(x));

/** max |a - e| / max(1, max |e|) over the elements of two activities. */
function relErr(a: Act, e: Act): number {
  const as = flatten(a), es = flatten(e);
  expect(as.length).to.equal(es.length);
  let err = 0;
  as.forEach((t, i) => {
    const x = Array.from(t.float().contiguous().storage().data.subarray(t.storageOffset() - 1, t.storageOffset() - 1 + t.nElement()));
    const y = Array.from(es[i].float().contiguous().storage().data.subarray(es[i].storageOffset() - 1, es[i].storageOffset() - 1 + es[i].nElement()));
    expect(x.length).to.equal(y.length);
    const scale = Math.max(1, ...y.map(Math.abs));
    x.forEach((v, k) => { err = Math.max(err, Math.abs(v - y[k]) / scale); });
  });
  return err;
}

/** Modules whose result depends on random numbers drawn during forward (streams differ by design). */
const STOCHASTIC = /RReLU|WhiteNoise|Dropout\(0\.[1-9].*\) (batch|train)|^nn\.SpatialDropout\(0\.[1-9]/;

/** Why the spatial2 family's kernels fall back. */
const SPATIAL2 = 'a spatial2-family kernel (nn/thnn/spatial2-*.ts) without a device kernel yet: the CPU kernel runs on the host copies';

/** The CPU fallbacks of the module table, each with its reason. */
export const MODULE_TABLE_FALLBACKS: Record<string, string> = {
  'THNN.SpatialConvolutionLocal_updateOutput': SPATIAL2,
  'THNN.SpatialConvolutionLocal_updateGradInput': SPATIAL2,
  'THNN.SpatialConvolutionLocal_accGradParameters': SPATIAL2,
  'THNN.SpatialDepthWiseConvolution_updateOutput': SPATIAL2,
  'THNN.SpatialDepthWiseConvolution_updateGradInput': SPATIAL2,
  'THNN.SpatialDepthWiseConvolution_accGradParameters': SPATIAL2,
  'THNN.SpatialFractionalMaxPooling_updateOutput': SPATIAL2,
  'THNN.SpatialFractionalMaxPooling_updateGradInput': SPATIAL2,
  'THNN.SpatialFullConvolutionMap_updateOutput': SPATIAL2,
  'THNN.SpatialFullConvolutionMap_updateGradInput': SPATIAL2,
  'THNN.SpatialFullConvolutionMap_accGradParameters': SPATIAL2,
  'THNN.SpatialMaxUnpooling_updateOutput': SPATIAL2,
  'THNN.SpatialMaxUnpooling_updateGradInput': SPATIAL2,
  'THNN.VolumetricUpSamplingNearest_updateOutput': SPATIAL2,
  'THNN.VolumetricUpSamplingNearest_updateGradInput': SPATIAL2,
  'THNN.VolumetricUpSamplingTrilinear_updateOutput': SPATIAL2,
  'THNN.VolumetricUpSamplingTrilinear_updateGradInput': SPATIAL2,
  add: "nn.CAdd's batch gradBias adds into an expand()ed (stride-0) view so that rows accumulate, as TH's sequential loop does; a device kernel computes every element at once, so the CPU runs it",
  ...VOLUMETRIC2_FALLBACKS,
  ...VOLUMETRIC3_FALLBACKS,
  ...VOLUMETRIC4_FALLBACKS,
  'THNN.SparseLinear_updateOutput': "nn.SparseLinear's THNN kernels walk COO entries with data-dependent rows and columns (cunn uses cuSPARSE); no device kernel, the CPU kernel runs",
  'THNN.SparseLinear_legacyUpdateOutput': 'nn.SparseLinear legacy (batch x nnz x 2) input: as SparseLinear_updateOutput',
  'THNN.SparseLinear_accGradParameters': 'nn.SparseLinear: as SparseLinear_updateOutput (scatters into the gradWeight columns of the entries)',
  'THNN.SparseLinear_legacyAccGradParameters': 'nn.SparseLinear legacy input: as SparseLinear_accGradParameters',
  range: "nn.SparseLinear's doGradInput index column (`range(1, inputSize)`) is filled on the CPU",
  sort: 'nn.SparseLinear sorts its COO entries by (column, row) before accGradParameters, as SparseLinear.lua, and nn.TemporalDynamicKMaxPooling each sequence (input:sort); sort has no device kernel',
};

describe('every nn module of the generic table on CudaTensor (module.cuda() vs float on the CPU)', () => {
  const seen = new Set<string>();
  for (const c of JACOBIAN_CASES) {
    if (STOCHASTIC.test(c.name)) continue;
    it(c.name, () => {
      (torch as any).manualSeed(3);
      const m = c.build();
      const input = c.input() as Act;
      const cpu = (m.clone() as any).float() as Module, gpu = (m.clone() as any).cuda() as Module;
      const xf = map(input, (t) => t.float()), xc = map(input, (t) => t.cuda());
      cuda.resetFallbacks();
      const yc = gpu.forward(xc as any) as Act, yf = cpu.forward(xf as any) as Act;
      expect(relErr(yc, yf), 'output').to.be.below(1e-4);
      const go = map(yf, (t) => (torch as any).randn(t.size()).float());
      const gc = gpu.backward(xc as any, map(go, (t) => t.cuda()) as any) as Act;
      const gf = cpu.backward(xf as any, go as any) as Act;
      if (!(c.noInputJacobian)) expect(relErr(gc, gf), 'gradInput').to.be.below(1e-2);
      const pc = gpu.parameters(), pf = cpu.parameters();
      if (pf && pc) pf[1].forEach((g, i) => expect(relErr(pc[1][i], g), `gradParameter ${i + 1}`).to.be.below(1e-2));
      for (const f of Object.keys(cuda.fallbacks())) seen.add(f);
    });
  }
  it('falls back to the CPU only where MODULE_TABLE_FALLBACKS says', () => {
    expect([...seen].sort()).to.deep.equal(Object.keys(MODULE_TABLE_FALLBACKS).sort());
  });
});
