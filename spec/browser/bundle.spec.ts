/** lib/browser: the bundler's checks and the Node-module shims the browser build uses. */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleBrowser, SHIMMED } from '../../lib/browser/bundle.js';
import * as fs from '../../lib/browser/node-fs.js';
import { createRequire } from '../../lib/browser/node-module.js';
import { availableParallelism } from '../../lib/browser/node-os.js';
import { dirname } from '../../lib/browser/node-path.js';
import { Worker } from '../../lib/browser/node-worker_threads.js';
import { deflateSync } from '../../lib/browser/node-zlib.js';
import { process as pageProcess } from '../../lib/browser/globals.js';

describe('browser build: lib/browser', function () {
  this.timeout(60000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'torch7ts-bundle-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles the package into one ES module that imports no Node module', async () => {
    const out = join(dir, 'torch7ts.browser.js');
    const bytes = await bundleBrowser(undefined, out);
    const js = readFileSync(out, 'utf8');
    expect(bytes).to.equal(Buffer.byteLength(js));
    expect(js).to.not.match(/from\s*["']node:|require\(["']node:/);
    expect(js, 'the package exports').to.match(/export\s*\{[^}]*\bcuda\b[^}]*\}/);
    expect(js, "gpu.js's browser build is inside").to.contain('WebGL2Kernel');
  });

  it('stops on a Node module that has no shim, naming it and its importer', async () => {
    const entry = join(dir, 'uses-crypto.js');
    writeFileSync(entry, "import { randomBytes } from 'node:crypto';\nexport const r = randomBytes(4);\n");
    let err: Error | undefined;
    try { await bundleBrowser(entry, join(dir, 'x.js')); } catch (e) { err = e as Error; }
    expect(err?.message).to.match(/node:crypto has no browser shim \(imported by .*uses-crypto\.js\)/);
  });

  it('refuses an entry that does not exist', async () => {
    let err: Error | undefined;
    try { await bundleBrowser(join(dir, 'missing.js'), join(dir, 'y.js')); } catch (e) { err = e as Error; }
    expect(err?.message).to.match(/missing\.js does not exist \(run npm run build first\)/);
  });

  it('shims every node: module the package imports, each failing clearly where a page cannot follow', () => {
    expect([...SHIMMED]).to.deep.equal(['fs', 'module', 'os', 'path', 'url', 'worker_threads', 'zlib']);
    expect(() => fs.readFileSync('model.t7')).to.throw(/readFileSync\(model\.t7\): there is no file system in the browser \(use torch\.serialize/);
    expect(() => fs.writeFileSync('log.txt')).to.throw(/no file system in the browser/);
    expect(fs.existsSync()).to.equal(false);
    const req = createRequire('file:///x.js');
    expect((req('gpu.js') as { GPU?: unknown }).GPU).to.be.a('function');
    expect(() => req('koffi')).to.throw("Cannot find module 'koffi' (not available in the browser)");
    expect(availableParallelism()).to.be.a('number').at.least(1);
    expect([dirname('/a/b/c.txt'), dirname('c.txt'), dirname('/c'), dirname('a/b/')]).to.deep.equal(['/a/b', '.', '/', 'a']);
    expect(() => new Worker()).to.throw(/worker threads are not available in the browser build/);
    expect(() => deflateSync()).to.throw(/PNG output is not available in the browser/);
  });

  it('injects a process whose environment is empty and whose output goes to the console', () => {
    expect(pageProcess.env).to.deep.equal({});
    expect(pageProcess.platform).to.equal('browser');
    const seen: string[] = [];
    const log = console.warn;
    console.warn = (s: string) => { seen.push(s); };
    try { pageProcess.stderr.write('cuda: add ran on the CPU\n'); pageProcess.emitWarning('careful'); } finally { console.warn = log; }
    expect(seen).to.deep.equal(['cuda: add ran on the CPU', 'careful']);
  });
});
