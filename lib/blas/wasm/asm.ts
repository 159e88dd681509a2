/**
 * A tiny WebAssembly binary assembler: just the instructions the GEMM kernels use.
 * The kernels are generated at load time (no toolchain, no committed binary); see kernels.ts.
 */

/** Value types. */
export const I32 = 0x7f, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b;

/** Unsigned LEB128. */
function uleb(out: number[], v: number): void {
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

/** dst.push(...src) without the argument-count limit. */
function append(dst: number[], src: ArrayLike<number>): void {
  for (let i = 0; i < src.length; i++) dst.push(src[i]);
}

/** Signed LEB128 (32-bit values). */
function sleb(out: number[], v: number): void {
  v |= 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) { out.push(byte); return; }
    out.push(byte | 0x80);
  }
}

/** The body of one function: append instructions, then hand it to {@link Module.func}. */
export class Code {
  readonly bytes: number[] = [];
  private readonly localTypes: number[] = [];
  constructor(private readonly nParams: number) {}

  /** Declares a new local of type `t` and returns its index. */
  local(t: number): number { this.localTypes.push(t); return this.nParams + this.localTypes.length - 1; }

  private op(...b: number[]): this { this.bytes.push(...b); return this; }
  private simd(code: number): this { this.bytes.push(0xfd); uleb(this.bytes, code); return this; }
  private mem(align: number, offset: number): this { uleb(this.bytes, align); uleb(this.bytes, offset); return this; }

  get(i: number): this { this.op(0x20); uleb(this.bytes, i); return this; }
  set(i: number): this { this.op(0x21); uleb(this.bytes, i); return this; }
  tee(i: number): this { this.op(0x22); uleb(this.bytes, i); return this; }
  i32(v: number): this { this.op(0x41); sleb(this.bytes, v); return this; }
  f64(v: number): this { this.op(0x44); const b = new Uint8Array(new Float64Array([v]).buffer); this.bytes.push(...b); return this; }
  f32(v: number): this { this.op(0x43); const b = new Uint8Array(new Float32Array([v]).buffer); this.bytes.push(...b); return this; }
  /** A float constant of the element type (esz 4: f32, 8: f64). */
  constF(esz: number, v: number): this { return esz === 4 ? this.f32(v) : this.f64(v); }
  /** select: [a, b, cond] -> cond ? a : b. */
  select(): this { return this.op(0x1b); }
  /** i32 arithmetic and comparisons by name. */
  i(name: 'add' | 'sub' | 'mul' | 'div_s' | 'eqz' | 'eq' | 'ne' | 'lt_s' | 'ge_s' | 'gt_s' | 'le_s'): this {
    const codes = { eqz: 0x45, eq: 0x46, ne: 0x47, lt_s: 0x48, gt_s: 0x4a, le_s: 0x4c, ge_s: 0x4e, add: 0x6a, sub: 0x6b, mul: 0x6c, div_s: 0x6d };
    return this.op(codes[name]);
  }
  /** Structured control: block, loop, if (no result), else, end, br, br_if. */
  block(): this { return this.op(0x02, 0x40); }
  loop(): this { return this.op(0x03, 0x40); }
  if(): this { return this.op(0x04, 0x40); }
  else(): this { return this.op(0x05); }
  end(): this { return this.op(0x0b); }
  br(depth: number): this { this.op(0x0c); uleb(this.bytes, depth); return this; }
  brIf(depth: number): this { this.op(0x0d); uleb(this.bytes, depth); return this; }
  /** Scalar loads/stores: f32 or f64 by element size. */
  loadF(esz: number, offset = 0): this { return this.op(esz === 4 ? 0x2a : 0x2b).mem(esz === 4 ? 2 : 3, offset); }
  storeF(esz: number, offset = 0): this { return this.op(esz === 4 ? 0x38 : 0x39).mem(esz === 4 ? 2 : 3, offset); }
  /** Scalar arithmetic on f32 (esz 4) or f64 (esz 8). */
  addF(esz: number): this { return this.op(esz === 4 ? 0x92 : 0xa0); }
  mulF(esz: number): this { return this.op(esz === 4 ? 0x94 : 0xa2); }
  /** Promote/demote between the f64 parameters and f32 scalars. */
  demote(): this { return this.op(0xb6); }

  // --- SIMD ---
  v128Load(offset = 0): this { return this.simd(0x00).mem(4, offset); }
  v128Store(offset = 0): this { return this.simd(0x0b).mem(4, offset); }
  /** Load one element and splat it over the lanes (load32_splat / load64_splat). */
  loadSplat(esz: number, offset = 0): this { return this.simd(esz === 4 ? 0x09 : 0x0a).mem(esz === 4 ? 2 : 3, offset); }
  /** i8x16.shuffle of two vectors by lanes of `esz` bytes (lane indices 0.. of a, then of b). */
  shuffle(esz: number, lanes: number[]): this {
    this.simd(0x0d);
    for (const l of lanes) for (let b = 0; b < esz; b++) this.bytes.push(l * esz + b);
    return this;
  }
  v128Zero(): this { this.simd(0x0c); for (let i = 0; i < 16; i++) this.bytes.push(0); return this; }
  /** Lane-wise ops on f32x4 (esz 4) or f64x2 (esz 8). */
  splat(esz: number): this { return this.simd(esz === 4 ? 0x13 : 0x14); }
  vadd(esz: number): this { return this.simd(esz === 4 ? 0xe4 : 0xf0); }
  vmul(esz: number): this { return this.simd(esz === 4 ? 0xe6 : 0xf2); }

  /** The encoded body (locals + code + end). */
  encode(): number[] {
    const out: number[] = [];
    const groups: [number, number][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++; else groups.push([1, t]);
    }
    uleb(out, groups.length);
    for (const [n, t] of groups) { uleb(out, n); out.push(t); }
    append(out, this.bytes);
    out.push(0x0b);
    const sized: number[] = [];
    uleb(sized, out.length);
    append(sized, out);
    return sized;
  }
}

/** A module that imports one shared memory `env.mem` and exports functions. */
export class Module {
  private readonly funcs: { name: string; params: number[]; results: number[]; code: Code }[] = [];

  /** Starts a function; fill the returned Code, it is encoded on {@link Module.bytes}. */
  func(name: string, params: number[], results: number[] = []): Code {
    const code = new Code(params.length);
    this.funcs.push({ name, params, results, code });
    return code;
  }

  /** The module's binary. `maxPages` bounds the imported shared memory. */
  bytes(maxPages: number): Uint8Array<ArrayBuffer> {
    const section = (id: number, body: number[]): number[] => {
      const s: number[] = [id];
      uleb(s, body.length);
      append(s, body);
      return s;
    };
    const vec = (items: number[][]): number[] => {
      const v: number[] = [];
      uleb(v, items.length);
      for (const it of items) append(v, it);
      return v;
    };
    const name = (s: string): number[] => { const b: number[] = []; uleb(b, s.length); for (const ch of s) b.push(ch.charCodeAt(0)); return b; };
    const types = this.funcs.map((f) => [0x60, f.params.length, ...f.params, f.results.length, ...f.results]);
    const lim: number[] = [0x03]; uleb(lim, 1); uleb(lim, maxPages);
    const imports = [[...name('env'), ...name('mem'), 0x02, ...lim]];
    const funcIdx = this.funcs.map((_, i) => { const b: number[] = []; uleb(b, i); return b; });
    const exports = this.funcs.map((f, i) => { const b = [...name(f.name), 0x00]; uleb(b, i); return b; });
    const codes = this.funcs.map((f) => f.code.encode());
    const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    for (const s of [section(1, vec(types)), section(2, vec(imports)), section(3, vec(funcIdx)),
      section(7, vec(exports)), section(10, vec(codes))]) append(out, s);
    return new Uint8Array(out);
  }
}
