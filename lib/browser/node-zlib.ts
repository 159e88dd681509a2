/** node:zlib in the browser bundle: PNG plots (optim.Logger's style 'png') are Node-only. */
export function deflateSync(): never {
  throw new Error('deflateSync: PNG output is not available in the browser (use Logger plots as SVG)');
}
