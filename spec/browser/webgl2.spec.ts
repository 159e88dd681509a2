/**
 * The browser build on WebGL2: the package bundled for the browser (lib/browser/bundle.ts) runs in
 * headless Chromium, where cuda's devices are WebGL2 contexts. Every Torch7 fixture case runs there on
 * CudaTensor at cunn's tolerances, the MLP and LeNet train as on the CPU, and the README's browser
 * example runs as written.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBrowser } from '../../lib/browser/bundle.js';
import { Tensor, torch } from '../../lib/index.js';
import { BUILDERS } from '../nn/builders/index.js';
import { fromJSON } from '../nn/torch7ref.js';
import { expectClose } from '../helpers.js';
import { CRITERION_BUILDERS, criterionFixtures, moduleFixtures } from '../cuda/cases.js';
import { openChromium, type Harness } from './chromium.js';
import type { PlainTensor } from './page.js';

const FWD = 1e-4, BWD = 1e-2;
const here = fileURLToPath(new URL('.', import.meta.url));

/** A plain tensor from the page as a FloatTensor. */
function tensor(p: PlainTensor): Tensor {
  const t = new torch.FloatTensor();
  if (p.size.length) { t.resize(p.size); t.storage().data.set(p.data); }
  return t;
}

/** Checks a page result (tensor or table) against its fixture: a CudaTensor in the page, same size, close values. */
function expectSame(actual: any, expected: any, tol: number, what: string): void {
  if (Array.isArray(expected)) {
    expect(actual, what).to.be.an('array').with.length(expected.length);
    expected.forEach((e: any, i: number) => expectSame(actual[i], e, tol, `${what}[${i + 1}]`));
    return;
  }
  expect(actual?.cuda, `${what} was a CudaTensor in the page`).to.equal(true);
  expect(actual.size, `${what} size`).to.deep.equal((expected as Tensor).size().totable());
  expectClose(tensor(actual).double(), expected as Tensor, tol);
}

/** The README's browser example: the HTML block that imports ./torch7ts.browser.js. */
function readmeExample(): string {
  const readme = readFileSync(join(here, '../../../README.md'), 'utf8');
  const block = /```html\n(<!doctype html>[\s\S]*?torch7ts\.browser\.js[\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README has no ```html block importing ./torch7ts.browser.js');
  return block[1];
}

describe('browser build: the package in headless Chromium on WebGL2', function () {
  this.timeout(300000);
  let chrome: Harness;
  let dir: string;
  let backend: any, parity: any, training: any;
  let readme: { console: string[]; errors: string[] };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'torch7ts-browser-'));
    const pageJs = join(dir, 'page.js'), packageJs = join(dir, 'torch7ts.browser.js');
    await bundleBrowser(join(here, 'page.js'), pageJs);
    await bundleBrowser(undefined, packageJs);
    const js = 'text/javascript', html = 'text/html';
    chrome = await openChromium({
      '/': [html, '<!doctype html><script type="module" src="/page.js"></script>'],
      '/page.js': [js, readFileSync(pageJs)],
      '/readme.html': [html, readmeExample()],
      '/torch7ts.browser.js': [js, readFileSync(packageJs)],
    });
    const { page, errors } = await chrome.page('/');
    await page.waitForFunction(() => (globalThis as any).torch7tsPage, null, { timeout: 60000 });
    expect(errors, 'page errors while loading the bundle').to.deep.equal([]);
    backend = await page.evaluate(() => (globalThis as any).torch7tsPage.backend());
    parity = await page.evaluate(([m, c]) => (globalThis as any).torch7tsPage.parity(m, c), [moduleFixtures(), criterionFixtures()]);
    training = await page.evaluate(() => (globalThis as any).torch7tsPage.training());
    await page.close();
    const r = await chrome.page('/readme.html');
    const deadline = Date.now() + 120000;
    while (!r.errors.length && (await r.page.title()) !== 'done') {
      if (Date.now() > deadline) throw new Error('the README example did not finish in 120 s');
      await new Promise((ok) => setTimeout(ok, 200));
    }
    readme = r;
  });

  after(async () => {
    await chrome?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('chooses gpu.js webgl2, verified by the known-answer kernel, and names the real renderer', () => {
    expect(backend.name).to.equal('webgl2');
    expect(backend.gpu).to.equal(true);
    expect(backend.verified).to.equal(true);
    expect(backend.rejected).to.deep.equal([]);
    expect(backend.renderer, 'the unmasked renderer, not "WebKit WebGL"').to.match(/ANGLE|SwiftShader|NVIDIA|AMD|Intel|Mesa/);
    expect(backend.software, 'SwiftShader is the CPU').to.equal(/SwiftShader|llvmpipe/i.test(backend.renderer));
    expect(backend.deviceCount).to.equal(2);
    expect(backend.properties).to.equal('gpu.js webgl2');
  });

  describe('Torch7 fixture modules on CudaTensor in the page (1e-4 forward, 1e-2 backward)', () => {
    for (const name of Object.keys(BUILDERS)) {
      it(name, () => {
        const r = parity.modules[name], c = moduleFixtures()[name];
        expect(r.error, 'no error in the page').to.equal(undefined);
        expectSame(r.output, fromJSON(c.output), FWD, 'output');
        expectSame(r.gradInput, fromJSON(c.gradInput), BWD, 'gradInput');
        if (c.gradWeight) expectSame(r.gradWeight, fromJSON(c.gradWeight), BWD, 'gradWeight');
        if (c.gradBias) expectSame(r.gradBias, fromJSON(c.gradBias), BWD, 'gradBias');
        expect(r.paramsOnDevice, 'parameters are CudaTensors').to.equal(true);
      });
    }
  });

  describe('Torch7 fixture criteria on CudaTensor in the page', () => {
    for (const name of Object.keys(CRITERION_BUILDERS)) {
      it(name, () => {
        const r = parity.criterions[name], c = criterionFixtures()[name];
        expect(r.error, 'no error in the page').to.equal(undefined);
        expect(Math.abs(r.output - c.output) <= FWD * (1 + Math.abs(c.output)), `loss ${r.output} vs ${c.output}`).to.equal(true);
        expectSame(r.gradInput, fromJSON(c.gradInput), BWD, 'gradInput');
      });
    }
  });

  it('runs the fixture cases with no CPU fallback', () => {
    expect(parity.fallbacks).to.deep.equal({});
  });

  for (const model of ['mlp', 'lenet']) {
    it(`trains the ${model === 'mlp' ? 'MLP' : 'LeNet'} on CudaTensor as on FloatTensor: same losses, one readback a step, no device memory growth`, () => {
      const r = training[model];
      expect(r.paramsOnDevice).to.equal(true);
      expectClose(r.gpuLoss, r.cpuLoss, 1e-4);
      expect(r.paramDiff, 'largest parameter difference after 12 steps').to.be.below(1e-4);
      expect(r.downloadsPerStep, 'readbacks per step (the loss)').to.equal(1);
      expect(r.memoryAtEnd).to.deep.equal(r.memoryAfterFirstStep);
    });
  }

  it('trains without CPU fallbacks, and round-trips a CudaTensor model through torch.serialize/deserialize', () => {
    expect(training.fallbacks).to.deep.equal({});
    expect(training.roundTrip).to.deep.equal({ cuda: true, diff: 0, weightType: 'torch.CudaTensor' });
  });

  it('gives clear errors for what a page cannot do, and Torch\'s errors as on the CPU', () => {
    expect(training.errors.save).to.match(/no file system in the browser.*torch\.serialize/);
    expect(training.errors.deviceSizes).to.equal(training.errors.cpuSizes);
    expect(training.errors.deviceSizes).to.match(/inconsistent tensor size/);
    expect(training.errors.workers).to.match(/DataParallelTable.*CPU worker devices.*browser/);
  });

  it('runs the README browser example as written: the network learns on webgl2', () => {
    expect(readme.errors).to.deep.equal([]);
    const [head, first, last] = readme.console;
    expect(head).to.match(/^webgl2 /);
    const l0 = Number(/loss ([\d.]+)/.exec(first)?.[1]), l1 = Number(/loss ([\d.]+)/.exec(last)?.[1]);
    expect(l0).to.be.above(0);
    expect(l1, `${first} -> ${last}`).to.be.below(l0 / 10);
  });
});
