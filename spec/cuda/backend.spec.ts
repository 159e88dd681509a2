import { expect } from 'chai';
import { cuda } from '../../cuda/index.js';

describe('cuda.backend()', () => {
  it('names the gpu.js backend that really runs, verified by a known-answer kernel', () => {
    const r = cuda.backend();
    expect(['headlessgl', 'webgl', 'webgl2', 'webgpu', 'webasm', 'cpu']).to.include(r.name);
    expect(r.verified).to.equal(true);
    expect(r.gpu).to.equal(!['webasm', 'cpu'].includes(r.name));
    expect(cuda.backend()).to.equal(r);
  });
});
