/**
 * node:fs in the browser bundle. A page has no file system: torch.load / torch.save / Logger files
 * fail with this error; torch.serialize and torch.deserialize work on bytes instead.
 */
function noFileSystem(call: string) {
  return (path?: unknown): never => {
    throw new Error(`${call}(${typeof path === 'string' ? path : ''}): there is no file system in the browser (use torch.serialize / torch.deserialize on bytes)`);
  };
}

export const readFileSync = noFileSystem('readFileSync');
export const writeFileSync = noFileSystem('writeFileSync');
export const readdirSync = noFileSystem('readdirSync');
export const openSync = noFileSystem('openSync');
export const writeSync = noFileSystem('writeSync');
export const closeSync = noFileSystem('closeSync');
export const mkdirSync = noFileSystem('mkdirSync');
/** No path exists in a page. */
export function existsSync(): boolean { return false; }
