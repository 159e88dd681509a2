/**
 * The object graph exactly as a `.t7` stream describes it (first pass of reading): tables keep
 * their key/value pairs, torch objects their class name, version and payload, functions their
 * bytecode. Tensors, storages and generators are built directly (they have no children but a
 * storage). The second pass (convert.ts) maps this graph to JS values.
 */

/** A Lua table as read: its pairs in file order (a nil value deletes the key, as in Lua). */
export class RawTable {
  readonly entries: [unknown, unknown][] = [];
  constructor(readonly offset: number) {}

  /** The table's final contents: later pairs override earlier ones; a nil value removes the key. */
  finalEntries(): Map<unknown, unknown> {
    const m = new Map<unknown, unknown>();
    for (const [k, v] of this.entries) {
      if (v === undefined) m.delete(k); else m.set(k, v);
    }
    return m;
  }
}

/** An instance of a torch class as read. */
export class RawTorch {
  /** What the class's payload reader returned (raw values; for tensors/storages the built object). */
  payload: unknown[] = [];
  /** True once the payload has been read completely. */
  done = false;
  constructor(
    readonly offset: number,
    readonly className: string,
    /** The number after 'V ' (0 when the file predates versions). */
    readonly version: number,
    /** The version string as read, undefined for pre-version files. */
    readonly versionString: string | undefined,
  ) {}
}

/** A Lua function as read (tags 6, 7, 8). */
export class RawFunction {
  upvalues: unknown = undefined;
  constructor(readonly offset: number, readonly tag: 6 | 7 | 8, readonly bytecode: Uint8Array) {}
}

/** Any node of the raw graph that has an identity. */
export type RawNode = RawTable | RawTorch | RawFunction;

export function isRawNode(v: unknown): v is RawNode {
  return v instanceof RawTable || v instanceof RawTorch || v instanceof RawFunction;
}
