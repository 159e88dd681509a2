/**
 * First pass of reading: File.lua's readObject, decoding a stream into the raw graph (raw.ts).
 * Iterative (an explicit stack of payload generators), so deep nesting cannot overflow the JS
 * stack; every object is registered under its index before its contents are read, so
 * back-references, cycles and self-keyed tables work.
 */
import { TorchError } from '../errors.js';
import type { ElemType, Encoding, ReadArray } from './formats.js';
import { AsciiSource, BinarySource, type Source } from './source.js';
import { RawFunction, RawTable, RawTorch, type RawNode } from './raw.js';
import { findClass, inherited, OBJECT, type PayloadGen, type PayloadSource } from './registry.js';

const PUSHED = Symbol('pushed');
type Frame = Generator<typeof OBJECT, unknown, unknown>;

/** Nested `readObject()` calls from plain (non-generator) payload readers allowed at once. */
const MAX_NESTED = 64;

function isGenerator(x: unknown): x is Generator {
  return typeof x === 'object' && x !== null && typeof (x as Generator).next === 'function' &&
    typeof (x as Generator)[Symbol.iterator] === 'function';
}

/** `tonumber(s)` for the part after `V ` of a version string (decimal or hex, surrounding spaces allowed). */
export function luaToNumber(s: string): number | undefined {
  const t = s.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return (t.startsWith('-') ? -1 : 1) * Number(t.replace(/^[+-]/, ''));
  return undefined;
}

/** Decodes objects from one stream; the index table persists across `readObject` calls (one torch.File). */
export class T7Decoder {
  readonly src: Source;
  /** index → object, for back-references. */
  readonly objects = new Map<number, RawNode>();
  private nested = 0;
  private readonly payloadSource: PayloadSource;

  constructor(bytes: Uint8Array, readonly enc: Encoding, readonly referenced = true) {
    this.src = enc.mode === 'ascii' ? new AsciiSource(bytes, enc) : new BinarySource(bytes, enc);
    const src = this.src;
    const dec = this;
    this.payloadSource = {
      encoding: enc,
      get position() { return src.pos; },
      get remaining() { return src.remaining; },
      readInt: (e = 'an int') => src.readInt(e),
      readLong: (e = 'a long') => src.readLong(e),
      readDouble: (e = 'a double') => src.readDouble(e),
      readChars: (n, e = `${n} bytes`) => src.readChars(n, e),
      readArray: (t: ElemType, n: number, e = `${n} elements`): ReadArray => src.readArray(t, n, e),
      readObject: () => dec.readNested(),
      fail: (e, p, at) => src.fail(e, p, at),
    };
  }

  /** Reads one object (raw). */
  readObject(): unknown {
    const stack: Frame[] = [];
    let v = this.begin(stack);
    while (stack.length > 0) {
      const step = stack[stack.length - 1].next(v === PUSHED ? undefined : v);
      if (step.done) { stack.pop(); v = step.value; } else v = this.begin(stack);
    }
    return v;
  }

  private readNested(): unknown {
    if (this.nested >= MAX_NESTED) this.src.fail('an object', `more than ${MAX_NESTED} nested readObject calls from class readers`);
    this.nested++;
    try { return this.readObject(); } finally { this.nested--; }
  }

  private readString(expected: string): string {
    const at = this.src.pos;
    const n = this.src.readInt(`the length of ${expected}`);
    if (n < 0) this.src.fail(`the length of ${expected}`, `negative length ${n}`, at);
    return this.src.readLatin1(n, `${expected} (${n} bytes)`);
  }

  /** Reads a type tag and either returns the object (primitives, back-references) or pushes the frame that reads it. */
  private begin(stack: Frame[]): unknown {
    const src = this.src;
    const at = src.pos;
    const tag = src.readInt('a type tag');
    switch (tag) {
      case 0: return undefined;
      case 1: return src.readDouble('a number');
      case 2: return this.readString('a string');
      case 5: return src.readInt('a boolean') === 1;
      case 6: stack.push(this.functionFrame(at, 6, undefined)); return PUSHED;
      case 3: case 4: case 7: case 8: {
        const index = src.readInt('an object index');
        if (this.referenced) {
          const seen = this.objects.get(index);
          if (seen) return seen;
        }
        stack.push(tag === 3 ? this.tableFrame(at, index) : tag === 4 ? this.torchFrame(at, index) : this.functionFrame(at, tag, index));
        return PUSHED;
      }
      default:
        return src.fail('a type tag (0 nil, 1 number, 2 string, 3 table, 4 torch object, 5 boolean, 6-8 function)', `got ${tag}`, at);
    }
  }

  private register(index: number | undefined, node: RawNode): void {
    if (index !== undefined && this.referenced) this.objects.set(index, node);
  }

  private *tableFrame(at: number, index: number): Frame {
    const src = this.src;
    const nAt = src.pos;
    const n = src.readInt('the number of entries of a table');
    const min = src.enc.mode === 'binary' ? 8 : 3;
    if (n < 0 || n * min > src.remaining + 1) src.fail('the number of entries of a table', `${n} entries cannot fit in ${src.remaining} bytes`, nAt);
    const node = new RawTable(at);
    this.register(index, node);
    for (let i = 0; i < n; i++) {
      const kAt = src.pos;
      const k = yield OBJECT;
      if (k === undefined) src.fail('a table key', 'nil is not a valid key', kAt);
      if (typeof k === 'number' && Number.isNaN(k)) src.fail('a table key', 'NaN is not a valid key', kAt);
      const v = yield OBJECT;
      node.entries.push([k, v]);
    }
    return node;
  }

  private *torchFrame(at: number, index: number): Frame {
    const first = this.readString('a version string or class name');
    const m = /^V (.*)$/s.exec(first);
    const version = m ? luaToNumber(m[1]) : undefined;
    const className = version === undefined ? first : this.readString('a class name');
    const node = new RawTorch(at, className, version ?? 0, version === undefined ? undefined : first);
    this.register(index, node);
    const spec = findClass(className);
    const reader = spec ? inherited(spec, 'readPayload') : undefined;
    let payload: unknown;
    if (reader) {
      const r = reader(this.payloadSource, node.version, className);
      payload = isGenerator(r) ? yield* (r as PayloadGen) : r;
    } else {
      payload = [yield OBJECT];
    }
    if (!Array.isArray(payload)) throw new TorchError(`.t7 read error at byte ${at}: the reader of class ${className} did not return a payload list`);
    node.payload = payload;
    node.done = true;
    return node;
  }

  private *functionFrame(at: number, tag: 6 | 7 | 8, index: number | undefined): Frame {
    const src = this.src;
    const lenAt = src.pos;
    const n = src.readInt('the bytecode length of a function');
    if (n < 0) src.fail('the bytecode length of a function', `negative length ${n}`, lenAt);
    const node = new RawFunction(at, tag, src.readChars(n, `the ${n} bytes of function bytecode`));
    this.register(index, node);
    node.upvalues = yield OBJECT;
    return node;
  }
}
