/** Errors in Torch7's words. */

/** Torch's `THError`/`luaL_error`: a plain error with Torch's message. */
export class TorchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TorchError';
  }
}

/** `bad argument #n to 'fn' (msg)`, as luaL_argerror prints it. */
export function argError(n: number, fn: string, msg: string): TorchError {
  return new TorchError(`bad argument #${n} to '${fn}' (${msg})`);
}

/** Throws `argError(n, fn, msg)` unless `cond` holds. */
export function argCheck(cond: boolean, n: number, fn: string, msg: string): asserts cond {
  if (!cond) throw argError(n, fn, msg);
}

/** Throws a TorchError with `msg` unless `cond` holds. */
export function check(cond: boolean, msg: string): asserts cond {
  if (!cond) throw new TorchError(msg);
}
