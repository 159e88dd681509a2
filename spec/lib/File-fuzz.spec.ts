/**
 * Hostile input: seeded mutations of the real fixtures (bit flips, truncations, random bytes, size
 * fields set huge, ascii numbers replaced). Every case must either load or throw a TorchError
 * naming a byte offset, quickly: never hang, crash, overflow the stack or allocate beyond the file.
 * `FUZZ_CASES=10000 npx mocha dist/spec/lib/File-fuzz.spec.js` runs 10,000 cases (default 300).
 */
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { TorchError } from '../../lib/errors.js';
import '../../lib/File/nn.js';
import { deserialize, type T7Format } from '../../lib/File/index.js';
import { fixture, prng } from '../helpers.js';

const CASES = Number(process.env.FUZZ_CASES ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20240607);
/** Per-case time bound (generous: shared CI machines are slow). */
const MAX_MS = 3000;

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((f) => {
    const p = `${dir}/${f}`;
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Fixtures up to 64 KB (every encoding and object kind is among them), plus a few models. */
const FILES = [...walk(fixture('t7')), ...walk(fixture('torch7-ref'))]
  .filter((p) => !/\.(json|md|txt)$/.test(p) && (statSync(p).size <= 65536 || /lenet\.t7$|mlp_ascii|nn_convnet/.test(p)));
const DATA = FILES.map((f) => readFileSync(f));

type Mutation = (b: Buffer, r: () => number) => Buffer;
const int = (r: () => number, n: number) => Math.floor(r() * n);

const HUGE32 = [0x7fffffff, -1, 0x40000000, -0x80000000, 0x10000000, 1 << 24];
const MUTATIONS: Record<string, Mutation> = {
  bitflips(b, r) {
    const c = Buffer.from(b);
    for (let i = 1 + int(r, 8); i > 0 && c.length; i--) c[int(r, c.length)] ^= 1 << int(r, 8);
    return c;
  },
  truncate(b, r) { return b.subarray(0, int(r, b.length)); },
  randomBytes(b, r) {
    const c = Buffer.from(b);
    const at = int(r, c.length), n = 1 + int(r, 16);
    for (let i = at; i < Math.min(c.length, at + n); i++) c[i] = int(r, 256);
    return c;
  },
  insert(b, r) {
    const at = int(r, b.length + 1);
    const ins = Buffer.from(Array.from({ length: 1 + int(r, 12) }, () => int(r, 256)));
    return Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]);
  },
  hugeInt(b, r) {
    const c = Buffer.from(b);
    if (c.length < 4) return c;
    const at = 4 * int(r, c.length >> 2);
    c.writeInt32LE(HUGE32[int(r, HUGE32.length)], at);
    return c;
  },
  hugeLong(b, r) {
    const c = Buffer.from(b);
    if (c.length < 8) return c;
    const at = 4 * int(r, (c.length - 4) >> 2);
    c.writeBigInt64LE([2n ** 62n, -1n, 2n ** 31n, 2n ** 53n + 1n, -(2n ** 40n)][int(r, 5)], at);
    return c;
  },
  asciiNumber(b, r) {
    const s = b.toString('latin1');
    const nums = [...s.matchAll(/-?\d+/g)];
    if (nums.length === 0) return Buffer.from(b);
    const m = nums[int(r, nums.length)];
    const rep = ['99999999999', '-5', '2147483647', '1e308', 'nan', '-', '0', '18446744073709551616'][int(r, 8)];
    return Buffer.from(s.slice(0, m.index) + rep + s.slice(m.index! + m[0].length), 'latin1');
  },
  splice(b, r) {
    const other = DATA[int(r, DATA.length)];
    const at = int(r, b.length), from = int(r, other.length);
    return Buffer.concat([b.subarray(0, at), other.subarray(from, from + 1 + int(r, 64))]);
  },
};
const NAMES = Object.keys(MUTATIONS);
const FORMATS: (T7Format | undefined)[] = [undefined, undefined, undefined, 'binary', 'ascii', 'b32'];

describe(`torch.load on hostile files (${CASES} seeded mutations of ${FILES.length} fixtures, seed ${SEED})`, function () {
  this.timeout(Math.max(60000, CASES * 200));

  it('every case loads or throws a TorchError naming a byte offset, quickly', () => {
    const r = prng(SEED);
    const counts: Record<string, { loaded: number; rejected: number }> = {};
    let slowest = 0;
    for (let i = 0; i < CASES; i++) {
      const k = int(r, FILES.length);
      const name = NAMES[int(r, NAMES.length)];
      const bytes = MUTATIONS[name](DATA[k], r);
      const format = FORMATS[int(r, FORMATS.length)];
      const c = (counts[name] ??= { loaded: 0, rejected: 0 });
      const t0 = performance.now();
      const mem0 = process.memoryUsage().arrayBuffers;
      try {
        deserialize(bytes, format);
        // what was allocated is bounded by what the file can describe (8 bytes per byte, generously)
        const grown = process.memoryUsage().arrayBuffers - mem0;
        expect(grown, `case ${i}: ${name} of ${FILES[k]} allocated ${grown} bytes`).to.be.below(8 * bytes.length + (4 << 20));
        c.loaded++;
      } catch (e) {
        const what = `case ${i}: ${name} of ${FILES[k]} (format ${format ?? 'auto'})`;
        expect(e, `${what}: ${(e as Error)?.stack}`).to.be.instanceOf(TorchError);
        expect((e as Error).message, what).to.match(/at byte \d+/);
        c.rejected++;
      }
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      expect(ms, `case ${i} (${name} of ${FILES[k]}) took ${ms.toFixed(0)} ms`).to.be.below(MAX_MS);
    }
    if (process.env.FUZZ_VERBOSE) console.log(counts, `slowest ${slowest.toFixed(1)} ms`);
    const total = Object.values(counts).reduce((a, c) => a + c.loaded + c.rejected, 0);
    expect(total).to.equal(CASES);
    // the mutations do reach the error paths (not everything loads) and not everything is rejected
    const rejected = Object.values(counts).reduce((a, c) => a + c.rejected, 0);
    expect(rejected).to.be.greaterThan(CASES / 10);
    expect(rejected).to.be.below(CASES);
    expect(slowest).to.be.below(MAX_MS);
  });

  it('the big models too (nn fix-ups on damaged fields), a case per 200', () => {
    const big = [...walk(fixture('t7')), ...walk(fixture('torch7-ref'))].filter((p) => statSync(p).size > 65536 && !/\.(json|md|txt)$/.test(p));
    const r = prng(SEED + 1);
    let rejected = 0;
    const n = Math.max(12, Math.round(CASES / 200));
    for (let i = 0; i < n; i++) {
      const f = big[i % big.length];
      const name = ['bitflips', 'randomBytes', 'hugeInt', 'hugeLong', 'truncate'][int(r, 5)];
      const bytes = MUTATIONS[name](readFileSync(f), r);
      const t0 = performance.now();
      try { deserialize(bytes); } catch (e) {
        expect(e, `${name} of ${f}: ${(e as Error)?.stack}`).to.be.instanceOf(TorchError);
        expect((e as Error).message).to.match(/at byte \d+/);
        rejected++;
      }
      expect(performance.now() - t0, `${name} of ${f}`).to.be.below(4 * MAX_MS);
    }
    expect(rejected).to.be.greaterThan(0);
  });

  it('huge counts in a tiny file are rejected before anything is allocated', () => {
    const int32 = (...v: number[]) => Buffer.from(new Int32Array(v).buffer);
    const long = (v: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64LE(v); return b; };
    const cases: [string, Buffer, RegExp][] = [
      ['string of 2^31-1 bytes', int32(2, 0x7fffffff), /at byte 4: expected the length of a string|at byte 8: expected a string/],
      ['table of 2^31-1 entries', int32(3, 1, 0x7fffffff), /at byte 8: expected the number of entries of a table/],
      ['storage of 2^40 doubles', Buffer.concat([int32(4, 1, 3), Buffer.from('V 1'), int32(19), Buffer.from('torch.DoubleStorage'), long(2n ** 40n)]), /at byte \d+: expected 1099511627776 elements of a torch.DoubleStorage/],
      ['tensor of 2^30 dimensions', Buffer.concat([int32(4, 1, 3), Buffer.from('V 1'), int32(18), Buffer.from('torch.DoubleTensor'), int32(1 << 30)]), /expected the sizes of a torch.DoubleTensor/],
      ['negative string length', int32(2, -5), /at byte 4: expected the length of a string \(negative length -5\)/],
      ['unknown type tag', int32(9), /at byte 0: expected a type tag .*got 9/],
      ['tds.Vec of 2^50 elements', Buffer.concat([int32(4, 1, 3), Buffer.from('V 0'), int32(7), Buffer.from('tds.Vec'), long(2n ** 50n)]), /expected the element count of a tds.Vec/],
    ];
    for (const [what, bytes, re] of cases) {
      expect(() => deserialize(bytes, 'binary'), what).to.throw(TorchError, re);
    }
  });

  it('200,000 nested tables: no stack overflow, the object or an error', () => {
    const depth = 200000;
    const level = Buffer.alloc(24);
    level.writeInt32LE(3, 0); level.writeInt32LE(1, 8); level.writeInt32LE(1, 12); level.writeDoubleLE(1, 16);
    const bytes = Buffer.alloc(depth * 24 + 4);
    for (let i = 0; i < depth; i++) { level.writeInt32LE(i + 1, 4); level.copy(bytes, i * 24); }
    let v = deserialize(bytes) as unknown[];
    let n = 0;
    while (Array.isArray(v)) { v = v[0] as unknown[]; n++; }
    expect(n).to.equal(depth);
    expect(() => deserialize(bytes.subarray(0, bytes.length - 2))).to.throw(TorchError, /at byte \d+/);
  });
});
