/**
 * node:worker_threads in the browser bundle. Torch7ts's worker threads (the WebAssembly BLAS helpers,
 * DataParallelTable's CPU devices, the webgpu device thread) need Node's synchronous message receipt,
 * which pages lack: starting one fails, and the WebAssembly BLAS then runs on the calling thread.
 */
function unavailable(): never {
  throw new Error('worker threads are not available in the browser build (DataParallelTable\'s CPU worker devices are Node-only: use cuda devices)');
}

/** Starting a Node worker fails in a page. */
export class Worker {
  constructor() { unavailable(); }
}
/** The page's own MessageChannel. */
export const MessageChannel = globalThis.MessageChannel;
/** Node-only: synchronous receipt from a port. */
export function receiveMessageOnPort(): never { return unavailable(); }
