/**
 * Generates the WebAssembly SIMD GEMM macro-kernel for f32 (f32x4) or f64 (f64x2).
 *
 * Operands come packed (packgen.ts): per k block, A in panels of MR rows, each `kl x MR` with the MR
 * values of one k step contiguous; B in panels of NR columns, each `kl x NR`. C lives in a padded
 * column-major buffer (rows rounded up to MR, columns to NR), so the kernel never handles edges.
 */
import { Code, F64, I32, Module, V128 } from './asm.js';
import { emitPacking } from './packgen.js';

/** Register blocking of one micro-kernel. */
export interface KernelShape {
  /** Element size in bytes: 4 (float) or 8 (double). */
  esz: 4 | 8;
  /** Rows of C per micro-tile (a multiple of the lane count). */
  mr: number;
  /** Columns of C per micro-tile. */
  nr: number;
  /** Unroll factor of the k loop. */
  unroll: number;
}

/** The shapes used (12 accumulators each; measured fastest of 8x6, 8x7, 12x4, 16x3 in Node 20). */
export const SHAPES: Record<'f32' | 'f64', KernelShape> = {
  f32: { esz: 4, mr: 12, nr: 4, unroll: 4 },
  f64: { esz: 8, mr: 6, nr: 4, unroll: 4 },
};

/**
 * `macro(pa, pb, pc, nm, nn, kc, aStride, bStride, ldc, alpha, beta, mode)`: for each of `nn` B panels
 * (at `pb + s*bStride`) and `nm` A panels (at `pa + r*aStride`), C tile (r, s) at
 * `pc + r*MR*esz + s*NR*ldc` becomes `alpha*acc` (mode 0, C not read) or `beta*C + alpha*acc` (mode 1),
 * where acc is the sum over `kc` k-steps. All addresses and `ldc` are in bytes.
 */
function emitMacro(mod: Module, name: string, sh: KernelShape, aOuter: boolean): void {
  const { esz, mr, nr, unroll } = sh;
  const lanes = 16 / esz, mv = mr / lanes;
  const c = mod.func(name, [I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, I32]);
  const [PA, PB, PC, NM, NN, KC, AS, BS, LDC, ALPHA, BETA, MODE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const s = c.local(I32), r = c.local(I32), p = c.local(I32), ap = c.local(I32), bp = c.local(I32), cp = c.local(I32);
  const av = c.local(V128), bv = c.local(V128), tmp = c.local(V128);
  const acc: number[] = [];
  for (let j = 0; j < nr; j++) for (let i = 0; i < mv; i++) acc.push(c.local(V128));
  const a: number[] = [];
  for (let i = 0; i < mv; i++) a.push(c.local(V128));
  const scalar = (x: number): Code => (esz === 4 ? c.get(x).demote() : c.get(x));
  scalar(ALPHA).splat(esz).set(av);
  scalar(BETA).splat(esz).set(bv);

  /** One k step at byte offsets (oa, ob) from ap/bp. */
  const step = (oa: number, ob: number): void => {
    for (let i = 0; i < mv; i++) c.get(ap).v128Load(oa + 16 * i).set(a[i]);
    for (let j = 0; j < nr; j++) {
      c.get(bp).loadSplat(esz, ob + esz * j).set(tmp);
      for (let i = 0; i < mv; i++) {
        const x = acc[j * mv + i];
        c.get(x).get(a[i]).get(tmp).vmul(esz).vadd(esz).set(x);
      }
    }
  };

  // loop order: B panels outside (a B micro-panel stays in L1) or A panels outside
  const [outer, outerN, inner, innerN] = aOuter ? [r, NM, s, NN] : [s, NN, r, NM];
  c.i32(0).set(outer);
  c.block().loop();
  c.get(outer).get(outerN).i('ge_s').brIf(1);
  c.i32(0).set(inner);
  c.block().loop();
  c.get(inner).get(innerN).i('ge_s').brIf(1);
  c.get(PA).get(r).get(AS).i('mul').i('add').set(ap);
  c.get(PB).get(s).get(BS).i('mul').i('add').set(bp);
  for (const x of acc) c.v128Zero().set(x);
  c.get(KC).set(p);
  // unrolled k loop
  c.block().loop();
  c.get(p).i32(unroll).i('lt_s').brIf(1);
  for (let u = 0; u < unroll; u++) step(u * mr * esz, u * nr * esz);
  c.get(ap).i32(unroll * mr * esz).i('add').set(ap);
  c.get(bp).i32(unroll * nr * esz).i('add').set(bp);
  c.get(p).i32(unroll).i('sub').set(p);
  c.br(0).end().end();
  // remainder
  c.block().loop();
  c.get(p).i('eqz').brIf(1);
  step(0, 0);
  c.get(ap).i32(mr * esz).i('add').set(ap);
  c.get(bp).i32(nr * esz).i('add').set(bp);
  c.get(p).i32(1).i('sub').set(p);
  c.br(0).end().end();
  // store the tile
  c.get(PC).get(r).i32(mr * esz).i('mul').i('add').get(s).i32(nr).i('mul').get(LDC).i('mul').i('add').set(cp);
  c.get(MODE).if();
  for (let j = 0; j < nr; j++) {
    for (let i = 0; i < mv; i++) {
      c.get(cp);
      c.get(cp).v128Load(16 * i).get(bv).vmul(esz);
      c.get(acc[j * mv + i]).get(av).vmul(esz).vadd(esz);
      c.v128Store(16 * i);
    }
    if (j < nr - 1) c.get(cp).get(LDC).i('add').set(cp);
  }
  c.else();
  for (let j = 0; j < nr; j++) {
    for (let i = 0; i < mv; i++) c.get(cp).get(acc[j * mv + i]).get(av).vmul(esz).v128Store(16 * i);
    if (j < nr - 1) c.get(cp).get(LDC).i('add').set(cp);
  }
  c.end();
  c.get(inner).i32(1).i('add').set(inner);
  c.br(0).end().end();
  c.get(outer).i32(1).i('add').set(outer);
  c.br(0).end().end();
}

/** Builds the kernel module bytes for the given shapes (defaults: {@link SHAPES}). */
export function buildKernels(maxPages: number, f32: KernelShape = SHAPES.f32, f64: KernelShape = SHAPES.f64): Uint8Array<ArrayBuffer> {
  const mod = new Module();
  emitMacro(mod, 'macro_f32', f32, false);
  emitMacro(mod, 'macro_f64', f64, false);
  emitMacro(mod, 'macroA_f32', f32, true);
  emitMacro(mod, 'macroA_f64', f64, true);
  const pairs = new Map<string, readonly [4 | 8, number]>();
  for (const sh of [f32, f64]) for (const w of [sh.mr, sh.nr]) pairs.set(`${sh.esz}:${w}`, [sh.esz, w]);
  emitPacking(mod, [...pairs.values()]);
  return mod.bytes(maxPages);
}
