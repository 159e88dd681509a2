/**
 * The webgpu backend's plumbing: options from the environment, the adapter's identity, and the
 * worker-thread device (WebGPUProxy) that makes gpu.js's Promise-based webgpu kernels synchronous.
 * The device runs on Dawn's null backend, which every machine that loads dawn.node has (no GPU, no
 * Vulkan): its kernels compute nothing, so these specs check the protocol (synchronous results,
 * readbacks of the right length, errors at the right call), and that the known-answer kernel rejects
 * such an adapter. Numbers on a real adapter: run the cuda specs with TORCH7TS_GPU=webgpu.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TorchError } from '../../lib/errors.js';
import { adapterInfo, describeAdapter, webgpuOptions } from '../../cuda/webgpu.js';
import { WebGPUBuffer, WebGPUProxy } from '../../cuda/WebGPUProxy.js';

const SETTINGS = { pipeline: true, immutable: true, precision: 'single', dynamicOutput: true, dynamicArguments: true, output: [1] };

/** An object whose fields are prototype getters, as GPUAdapterInfo's are. */
function getterInfo(fields: Record<string, unknown>): Record<string, unknown> {
  const proto = {};
  for (const [k, v] of Object.entries(fields)) Object.defineProperty(proto, k, { get: () => v });
  return Object.create(proto);
}

describe('cuda webgpu: options and adapter identity', () => {
  it('reads Dawn flags, the feature level and the power preference from the environment', () => {
    const o = webgpuOptions({ TORCH7TS_WEBGPU_FLAGS: 'backend=vulkan, adapter=NVIDIA', TORCH7TS_WEBGPU_FEATURE_LEVEL: 'compatibility', TORCH7TS_WEBGPU_POWER: 'low-power' });
    expect(o).to.deep.equal({ flags: ['backend=vulkan', 'adapter=NVIDIA'], featureLevel: 'compatibility', powerPreference: 'low-power' });
    expect(webgpuOptions({})).to.deep.equal({ flags: [], featureLevel: undefined, powerPreference: 'high-performance' });
    expect(webgpuOptions({ TORCH7TS_WEBGPU_FEATURE_LEVEL: 'bogus' }).featureLevel).to.equal(undefined);
  });

  it('reads GPUAdapterInfo getters and tells software adapters from GPUs', () => {
    const nvidia = adapterInfo({ info: getterInfo({ vendor: 'nvidia', architecture: '', device: 'NVIDIA H100 80GB HBM3', description: 'NVIDIA H100 80GB HBM3' }), limits: { maxStorageBufferBindingSize: 2 ** 31 } });
    expect(nvidia).to.include({ vendor: 'nvidia', device: 'NVIDIA H100 80GB HBM3', software: false, isFallbackAdapter: false, maxStorageBufferBindingSize: 2 ** 31 });
    expect(describeAdapter(nvidia)).to.equal('NVIDIA H100 80GB HBM3 (nvidia)');
    const lavapipe = adapterInfo({ info: getterInfo({ vendor: 'mesa', architecture: 'software', device: 'llvmpipe', description: 'llvmpipe: Mesa 25.0.7', isFallbackAdapter: true }) });
    expect(lavapipe.software).to.equal(true);
    expect(describeAdapter(lavapipe)).to.equal('llvmpipe: Mesa 25.0.7 (mesa, software; software, not a GPU)');
    // Dawn's GLES route on llvmpipe says neither 'software' nor fallback: the name gives it away
    expect(adapterInfo({ info: getterInfo({ device: 'llvmpipe-llvm-15', description: 'OpenGL ES 3.2 Mesa 22.3.6' }) }).software).to.equal(true);
    expect(adapterInfo({}).description).to.equal('');
  });
});

describe('cuda webgpu: the worker-thread device on Dawn\'s null backend', function () {
  this.timeout(60000);
  let gpu: WebGPUProxy;
  before(() => { gpu = new WebGPUProxy({ flags: ['backend=null'], powerPreference: 'high-performance' }); });
  after(() => gpu?.destroy());

  it('starts a device and names its adapter and gpu.js kernel class', () => {
    expect(gpu.adapterInfo.device).to.equal('null-backend');
    expect(gpu.adapterInfo.software).to.equal(true);
    expect(gpu.Kernel.name).to.equal('WebGPUKernel');
  });

  it('runs kernels synchronously: a buffer handle at once, readbacks of the output size, chained buffers', () => {
    const k = gpu.createKernel('function (a) { return a[this.thread.x] * 2 + 1; }', SETTINGS);
    const h = k.setOutput([6])(Float32Array.of(1, 2, 3, 4, 5, 6));
    expect(h).to.be.instanceOf(WebGPUBuffer);
    const a = h.toArray();
    expect(a).to.be.instanceOf(Float32Array);
    expect(a.length).to.equal(6);
    const h2 = k.setOutput([3])(h); // a device buffer as an argument: no host crossing
    expect(h2.toArray().length).to.equal(3);
    gpu.synchronize();
    h.delete(); h2.delete();
  });

  it('throws a TorchError at the call whose shader does not compile', () => {
    const bad = gpu.createKernel('function (a) { return nope[this.thread.x]; }', SETTINGS);
    expect(() => bad.setOutput([2])(Float32Array.of(1, 2))).to.throw(TorchError, /cuda \(webgpu\): run: .*not defined/);
  });

  it('reports an error of a queued kernel at the next synchronizing call, once', () => {
    const k = gpu.createKernel('function (a) { return a[this.thread.x]; }', SETTINGS);
    const h = k.setOutput([2])(Float32Array.of(1, 2));
    h.delete();
    k(h); // queued, not waited for: its argument no longer exists
    expect(() => gpu.synchronize()).to.throw(TorchError, /run: device buffer #\d+ does not exist/);
    expect(() => gpu.synchronize()).not.to.throw();
    expect(() => h.toArray()).to.throw(TorchError, /does not exist/);
  });

  it('refuses work after destroy()', () => {
    const g = new WebGPUProxy({ flags: ['backend=null'], powerPreference: 'high-performance' });
    g.destroy();
    expect(() => g.synchronize()).to.throw(TorchError, /destroyed/);
  });

  it('the known-answer kernel rejects an adapter that computes nothing, and the next candidate runs', () => {
    const device = fileURLToPath(new URL('../../cuda/device.js', import.meta.url));
    // a child process, so the choice is made afresh; it exits at once after printing (Dawn's teardown is not under test)
    const run = spawnSync(process.execPath, ['--input-type=module', '-e',
      `const { chooseMode } = await import(${JSON.stringify(device)}); console.log(JSON.stringify(chooseMode())); process.exit(0);`], {
      // a clean environment: variables other specs' code set in this process (EGL_PLATFORM ...) are not under test
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TORCH7TS_GPU: 'webgpu,webasm', TORCH7TS_WEBGPU_FLAGS: 'backend=null' },
      encoding: 'utf8', timeout: 120_000,
    });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    expect(line, `child status ${run.status} signal ${run.signal}; stderr: ${run.stderr.slice(-2000)}`).to.match(/^\{/);
    const r = JSON.parse(line) as { mode: string; rejected: string[] };
    expect(r.mode).to.equal('webasm');
    expect(r.rejected).to.have.length(1);
    expect(r.rejected[0]).to.match(/^webgpu: known-answer kernel returned /);
  });
});
