/**
 * torch.load / torch.save / torch.serialize / torch.deserialize, and streams of several objects
 * (torch.File's readObject / writeObject on one file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { TorchError } from '../errors.js';
import { Storage } from '../Storage.js';
import { Converter } from './convert.js';
import { candidateEncodings, writeEncoding, type T7Format } from './detect.js';
import type { Encoding } from './formats.js';
import { T7Decoder } from './reader.js';
import { T7Encoder, type WriteOptions } from './writer.js';

/** Options of reading. */
export interface LoadOptions {
  /** Follow back-references (Torch's default, true). A file written with referenced=false reads either way. */
  referenced?: boolean;
  /** Load every class except tensors, storages, torch.Generator and tds as a `TorchObject` (exact file content, no nn instances). */
  generic?: boolean;
}

/** Bytes to read: a Buffer/Uint8Array, an ArrayBuffer, a Byte/CharStorage, or a Lua string held as latin1 (what `serialize` gives as a string). */
export type T7Bytes = Uint8Array | ArrayBuffer | Storage | string;

function toBytes(data: T7Bytes): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, 'latin1');
  if (data instanceof Storage) {
    const d = data.data;
    if (d.BYTES_PER_ELEMENT !== 1) throw new TorchError('deserialize: expected a ByteStorage or CharStorage');
    return new Uint8Array(d.buffer, d.byteOffset, d.length);
  }
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/** Reads the first object of a stream, trying each candidate encoding; returns it with the encoding used. */
export function decodeFirst(data: T7Bytes, format?: T7Format, opts: LoadOptions = {}): { value: unknown; encoding: Encoding; consumed: number } {
  const bytes = toBytes(data);
  // Several candidates only when the long size is unknown: the first that reads to the end of the
  // stream wins; else the first candidate's object (a stream holding more than one object); a later
  // candidate that neither reads to the end nor follows a successful first one is not trusted.
  let chosen: { raw: unknown; enc: Encoding; consumed: number } | undefined;
  let first: typeof chosen;
  let error: unknown;
  const candidates = candidateEncodings(bytes, format);
  for (const [i, enc] of candidates.entries()) {
    const dec = new T7Decoder(bytes, enc, opts.referenced ?? true);
    try {
      const raw = dec.readObject();
      const consumed = dec.src.pos;
      if (dec.src.atEnd() || candidates.length === 1) { chosen = { raw, enc, consumed }; break; }
      if (i === 0) first = { raw, enc, consumed };
    } catch (e) {
      error ??= e;
    }
  }
  chosen ??= first;
  if (!chosen) throw error;
  return { value: new Converter(opts.generic).run(chosen.raw), encoding: chosen.enc, consumed: chosen.consumed };
}

/**
 * `torch.deserialize(bytes[, format[, referenced]])`: the object a serialized stream holds.
 * Without a format, binary vs ascii, the byte order and the size of `long` are detected.
 * @example
 * torch.deserialize(torch.serialize({ a: 1 })); // { a: 1 }
 */
export function deserialize(data: T7Bytes, format?: T7Format, referenced = true): unknown {
  return decodeFirst(data, format, { referenced }).value;
}

/**
 * `torch.load(path[, format[, referenced]])`: the first object of a `.t7` file. Formats: 'binary'
 * (8-byte long), 'b32', 'b64', 'ascii'; none = detect.
 * @example
 * const model = torch.load('model.t7') as nn.Sequential;
 */
export function load(path: string, format?: T7Format, referenced = true): unknown {
  return decodeFirst(readFileSync(path), format, { referenced }).value;
}

/**
 * `torch.serialize(obj[, format])`: the bytes `torch.save` would write.
 * @example
 * const bytes = torch.serialize(model, 'ascii');
 */
export function serialize(obj: unknown, format: T7Format = 'binary', referenced = true, opts: WriteOptions & { bigEndian?: boolean } = {}): Buffer {
  const enc = new T7Encoder(writeEncoding(format, opts.bigEndian), { referenced, ...opts });
  enc.writeObject(obj);
  const b = enc.sink.bytes();
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * `torch.save(path, obj[, format = 'binary'[, referenced = true]])`.
 * @example
 * torch.save('model.t7', model);
 * torch.save('model.ascii.t7', model, 'ascii');
 */
export function save(path: string, obj: unknown, format: T7Format = 'binary', referenced = true): void {
  writeFileSync(path, serialize(obj, format, referenced));
}

/**
 * A stream read object by object, like a `torch.DiskFile(path, 'r')`: back-references reach across
 * objects. Without a format the encoding is detected from the first bytes (8-byte long unless 'b32').
 * @example
 * const f = new T7Reader(readFileSync('two_objects.t7'));
 * f.readObject(); f.readObject(); f.readInt(); // 12345
 */
export class T7Reader {
  readonly encoding: Encoding;
  private dec: T7Decoder;
  private conv: Converter;
  constructor(data: T7Bytes, format?: T7Format, opts: LoadOptions = {}) {
    const bytes = toBytes(data);
    this.encoding = candidateEncodings(bytes, format)[0];
    this.dec = new T7Decoder(bytes, this.encoding, opts.referenced ?? true);
    this.conv = new Converter(opts.generic);
  }
  /** Byte offset of the next read. */
  get position(): number { return this.dec.src.pos; }
  /** True when nothing (but ascii whitespace) is left. */
  atEnd(): boolean { return this.dec.src.atEnd(); }
  readObject(): unknown { return this.conv.run(this.dec.readObject()); }
  readInt(): number { return this.dec.src.readInt('an int'); }
  readLong(): number { return this.dec.src.readLong('a long'); }
  readDouble(): number { return this.dec.src.readDouble('a double'); }
  readBool(): boolean { return this.readInt() === 1; }
  /** n raw bytes as a Lua string (latin1). */
  readString(n: number): string { return Buffer.from(this.dec.src.readChars(n, `${n} bytes`)).toString('latin1'); }
}

/**
 * A stream written object by object, like a `torch.MemoryFile()` (`bytes()` gives its content).
 * @example
 * const w = new T7Writer('binary'); w.writeObject({ first: 1 }); w.writeInt(12345); w.bytes();
 */
export class T7Writer {
  readonly encoding: Encoding;
  private enc: T7Encoder;
  constructor(format: T7Format = 'binary', opts: WriteOptions & { bigEndian?: boolean } = {}) {
    this.encoding = writeEncoding(format, opts.bigEndian);
    this.enc = new T7Encoder(this.encoding, opts);
  }
  writeObject(v: unknown): this { this.enc.writeObject(v); return this; }
  writeInt(v: number): this { this.enc.sink.writeInt(v); return this; }
  writeLong(v: number | bigint): this { this.enc.sink.writeLong(v); return this; }
  writeDouble(v: number): this { this.enc.sink.writeDouble(v); return this; }
  writeBool(v: boolean): this { this.enc.sink.writeInt(v ? 1 : 0); return this; }
  /** The bytes written so far. */
  bytes(): Buffer { const b = this.enc.sink.bytes(); return Buffer.from(b.buffer, b.byteOffset, b.byteLength); }
}
