import { expect } from 'chai';
import { cuda } from '../../cuda/index.js';

describe('cuda.backend()', () => {
  it('names the gpu.js backend that really runs, verified by a known-answer kernel', () => {
    const r = cuda.backend();
    expect(['headlessgl', 'webgl', 'webgl2', 'webgpu', 'webasm', 'cpu']).to.include(r.name);
    expect(r.verified).to.equal(true);
    expect(r.gpu).to.equal(!['webasm', 'cpu'].includes(r.name));
    expect(cuda.backend()).to.equal(r);
    if (process.env.TORCH7TS_GPU) expect(r.name).to.equal(process.env.TORCH7TS_GPU);
  });

  it('says what executes the kernels: on this machine a CPU, never claimed as a GPU', () => {
    const r = cuda.backend();
    expect(r.renderer).to.be.a('string').and.not.equal('');
    if (!r.gpu) expect(r.software).to.equal(true);
    // headlessgl under Xvfb on Mesa is llvmpipe: the report must say so
    if (r.name === 'headlessgl' && /llvmpipe/.test(r.renderer)) expect(r.software).to.equal(true);
    expect(cuda.getDeviceProperties(1).mode).to.equal(r.name);
  });
});
