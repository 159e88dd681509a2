/**
 * The browser build: one ES module holding torch, nn, optim and cuda (gpu.js's browser build inside),
 * made by esbuild from the compiled package. Node's modules are replaced by the shims beside this file
 * and `Buffer`/`process` are injected (globals.ts), so the same code runs in a page; there, cuda's
 * devices are WebGL2 contexts. `npm run build:browser` writes dist/torch7ts.browser.js.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** The node: modules the package imports, each with its browser shim. */
export const SHIMMED = ['fs', 'module', 'os', 'path', 'url', 'worker_threads', 'zlib'] as const;

/** Resolves `node:x` (and bare `x`) to the shim of x; any other Node module stops the build. */
const nodeShims: Plugin = {
  name: 'torch7ts-node-shims',
  setup(build) {
    const builtins = new RegExp(`^(node:)?(${SHIMMED.join('|')}|buffer|child_process|crypto|http|https|net|stream|util|events|assert)$`);
    build.onResolve({ filter: builtins }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (name === 'buffer' && !args.path.startsWith('node:')) return undefined; // the npm package
      if (!(SHIMMED as readonly string[]).includes(name)) return { errors: [{ text: `node:${name} has no browser shim (imported by ${args.importer})` }] };
      return { path: join(here, `node-${name}.js`) };
    });
  },
};

/**
 * Bundles `entry` (a compiled module, default the package's index.js) for the browser into `outfile`.
 * @returns the bytes written.
 * @example
 * await bundleBrowser(); // dist/torch7ts.browser.js
 */
export async function bundleBrowser(entry = resolve(here, '../../index.js'), outfile = resolve(here, '../../torch7ts.browser.js')): Promise<number> {
  if (!existsSync(entry)) throw new Error(`bundleBrowser: ${entry} does not exist (run npm run build first)`);
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'browser', target: 'es2022',
    inject: [join(here, 'globals.js')], plugins: [nodeShims], metafile: true, logLevel: 'silent',
    // gpu.js's browser build is a prebuilt UMD file: take it as is
    mainFields: ['browser', 'module', 'main'],
  });
  return result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bytes = await bundleBrowser(process.argv[2] && resolve(process.argv[2]), process.argv[3] && resolve(process.argv[3]));
  console.log(`browser bundle: ${(bytes / 2 ** 20).toFixed(1)} MB`);
}
