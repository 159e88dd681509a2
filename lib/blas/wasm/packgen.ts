/**
 * Generates the WebAssembly packing kernels: from a column-major copy of an operand in wasm memory
 * into panels of `w` rows (MR for A, NR for B) for one k block. One function per (element size,
 * panel width); addresses and `ld` in bytes, `rows` and `kl` in elements:
 *   runs_<t>_<w>(src, ld, rows, kl, dst):    X(i, p) = src[i + p*ld]  (w contiguous values per step)
 *   strided_<t>_<w>(src, ld, rows, kl, dst): X(i, p) = src[p + i*ld]
 * Packed layout: each operand is cut into k blocks of `kc` steps (the last one shorter); the block
 * starting at step k0 (kl steps) holds its panels one after the other, each step by step with its
 * `w` values contiguous: X(r*w + i, k0 + p) is element `k0*panels*w + r*kl*w + p*w + i`. Rows past
 * `rows` are written as zeros.
 */
import { I32, V128, type Code, type Module } from './asm.js';

/** while (v > 0) { body; v-- }: a counted loop on local v (set v first). */
function countdown(c: Code, v: number, body: () => void): void {
  c.block().loop();
  c.get(v).i32(0).i('le_s').brIf(1);
  body();
  c.get(v).i32(1).i('sub').set(v);
  c.br(0).end().end();
}

/** Steps per group in runs_*: a group's source lines stay in L1 while each panel takes its part. */
const GROUP = 8;

/**
 * Emits runs_<t>_<w>: panel by panel within groups of GROUP steps. (Whole panels at a time would read
 * kl lines `ld` apart, which a power-of-two `ld` maps to the same cache sets; one step at a time
 * would write as many streams as panels, `kl*w*esz` apart: measured 2-3x slower each.)
 */
function emitRuns(mod: Module, esz: 4 | 8, w: number): void {
  const G = GROUP;
  const c = mod.func(`runs_f${esz * 8}_${w}`, [I32, I32, I32, I32, I32]);
  const [SRC, LD, ROWS, KL, DST] = [0, 1, 2, 3, 4];
  const ws = w * esz, chunks = ws / 16;
  const full = c.local(I32), h = c.local(I32), p0 = c.local(I32), r = c.local(I32), s = c.local(I32), d = c.local(I32);
  const pstride = c.local(I32), i = c.local(I32), gl = c.local(I32), q = c.local(I32);
  c.get(ROWS).i32(w).i('div_s').set(full);
  c.get(ROWS).get(full).i32(w).i('mul').i('sub').set(h);
  c.get(KL).i32(ws).i('mul').set(pstride);
  c.i32(0).set(p0);
  c.block().loop();
  c.get(p0).get(KL).i('ge_s').brIf(1);
  c.get(KL).get(p0).i('sub').set(gl);
  c.i32(G).get(gl).i32(G).get(gl).i('lt_s').select().set(gl); // gl = min(G, kl - p0)
  c.i32(0).set(r);
  c.block().loop();
  c.get(r).get(full).i('ge_s').brIf(1);
  c.get(SRC).get(r).i32(ws).i('mul').i('add').get(p0).get(LD).i('mul').i('add').set(s);
  c.get(DST).get(r).get(pstride).i('mul').i('add').get(p0).i32(ws).i('mul').i('add').set(d);
  c.get(gl).set(q);
  countdown(c, q, () => {
    for (let k = 0; k < chunks; k++) c.get(d).get(s).v128Load(16 * k).v128Store(16 * k);
    c.get(s).get(LD).i('add').set(s);
    c.get(d).i32(ws).i('add').set(d);
  });
  c.get(r).i32(1).i('add').set(r);
  c.br(0).end().end();
  c.get(h).if();
  c.get(SRC).get(full).i32(ws).i('mul').i('add').get(p0).get(LD).i('mul').i('add').set(s);
  c.get(DST).get(full).get(pstride).i('mul').i('add').get(p0).i32(ws).i('mul').i('add').set(d);
  c.get(gl).set(q);
  countdown(c, q, () => {
    c.i32(0).set(i);
    c.block().loop();
    c.get(i).i32(w).i('ge_s').brIf(1);
    c.get(i).get(h).i('lt_s').if();
    c.get(d).get(i).i32(esz).i('mul').i('add').get(s).get(i).i32(esz).i('mul').i('add').loadF(esz).storeF(esz);
    c.else();
    c.get(d).get(i).i32(esz).i('mul').i('add').constF(esz, 0).storeF(esz);
    c.end();
    c.get(i).i32(1).i('add').set(i);
    c.br(0).end().end();
    c.get(s).get(LD).i('add').set(s);
    c.get(d).i32(ws).i('add').set(d);
  });
  c.end();
  c.get(p0).i32(G).i('add').set(p0);
  c.br(0).end().end();
}

/**
 * Transposes the L x L block held in locals r[0..L) (row i of the block in r[i]; L = 16/esz lanes)
 * and stores column q of it at `d + q*stride` (byte offset), for q < L.
 */
function transposeStore(c: Code, esz: 4 | 8, r: number[], t: number[], d: number, stride: number): void {
  if (esz === 8) {
    c.get(d).get(r[0]).get(r[1]).shuffle(8, [0, 2]).v128Store(0);
    c.get(d).get(r[0]).get(r[1]).shuffle(8, [1, 3]).v128Store(stride);
    return;
  }
  c.get(r[0]).get(r[1]).shuffle(4, [0, 4, 1, 5]).set(t[0]);
  c.get(r[0]).get(r[1]).shuffle(4, [2, 6, 3, 7]).set(t[1]);
  c.get(r[2]).get(r[3]).shuffle(4, [0, 4, 1, 5]).set(t[2]);
  c.get(r[2]).get(r[3]).shuffle(4, [2, 6, 3, 7]).set(t[3]);
  c.get(d).get(t[0]).get(t[2]).shuffle(4, [0, 1, 4, 5]).v128Store(0);
  c.get(d).get(t[0]).get(t[2]).shuffle(4, [2, 3, 6, 7]).v128Store(stride);
  c.get(d).get(t[1]).get(t[3]).shuffle(4, [0, 1, 4, 5]).v128Store(2 * stride);
  c.get(d).get(t[1]).get(t[3]).shuffle(4, [2, 3, 6, 7]).v128Store(3 * stride);
}

/** Emits strided_<t>_<w>: full panels by L x L SIMD transposes, the rest element by element. */
function emitStrided(mod: Module, esz: 4 | 8, w: number): void {
  const c = mod.func(`strided_f${esz * 8}_${w}`, [I32, I32, I32, I32, I32]);
  const [SRC, LD, ROWS, KL, DST] = [0, 1, 2, 3, 4];
  const L = 16 / esz, ws = w * esz;
  const i0 = c.local(I32), i = c.local(I32), s = c.local(I32), d = c.local(I32), p = c.local(I32);
  const r: number[] = [], t: number[] = [];
  for (let q = 0; q < L; q++) { r.push(c.local(V128)); t.push(c.local(V128)); }
  /** Element-by-element copy of rows [i, w) of the panel (zeros past ROWS), from step `p` on. */
  const scalarRows = (): void => {
    c.block().loop(); // rows of the panel
    c.get(i).i32(w).i('ge_s').brIf(1);
    c.get(DST).get(i).i32(esz).i('mul').i('add').get(p).i32(ws).i('mul').i('add').set(d);
    c.get(KL).get(p).i('sub').set(s); // s: steps left (reused as a counter first)
    c.get(i0).get(i).i('add').get(ROWS).i('lt_s').if();
    const left = c.local(I32), sp = c.local(I32);
    c.get(s).set(left);
    c.get(SRC).get(i0).get(i).i('add').get(LD).i('mul').i('add').get(p).i32(esz).i('mul').i('add').set(sp);
    countdown(c, left, () => {
      c.get(d).get(sp).loadF(esz).storeF(esz);
      c.get(sp).i32(esz).i('add').set(sp);
      c.get(d).i32(ws).i('add').set(d);
    });
    c.else();
    countdown(c, s, () => {
      c.get(d).constF(esz, 0).storeF(esz);
      c.get(d).i32(ws).i('add').set(d);
    });
    c.end();
    c.get(i).i32(1).i('add').set(i);
    c.br(0).end().end();
  };
  c.i32(0).set(i0);
  c.block().loop(); // panels
  c.get(i0).get(ROWS).i('ge_s').brIf(1);
  c.i32(0).set(p);
  c.get(i0).i32(w).i('add').get(ROWS).i('le_s').if(); // a full panel: L x L blocks while L steps remain
  c.block().loop();
  c.get(p).i32(L).i('add').get(KL).i('gt_s').brIf(1);
  for (let g = 0; g < w; g += L) {
    for (let q = 0; q < L; q++) {
      c.get(SRC).get(i0).i32(g + q).i('add').get(LD).i('mul').i('add').get(p).i32(esz).i('mul').i('add').v128Load(0).set(r[q]);
    }
    c.get(DST).get(p).i32(ws).i('mul').i('add').i32(g * esz).i('add').set(d);
    transposeStore(c, esz, r, t, d, ws);
  }
  c.get(p).i32(L).i('add').set(p);
  c.br(0).end().end();
  c.end();
  c.i32(0).set(i);
  scalarRows(); // the steps left (all of them for a partial panel)
  c.get(DST).get(KL).i32(ws).i('mul').i('add').set(DST);
  c.get(i0).i32(w).i('add').set(i0);
  c.br(0).end().end();
}

/** Emits both packing kernels for each (element size, width) pair. */
export function emitPacking(mod: Module, pairs: readonly (readonly [4 | 8, number])[]): void {
  for (const [esz, w] of pairs) { emitRuns(mod, esz, w); emitStrided(mod, esz, w); }
}
