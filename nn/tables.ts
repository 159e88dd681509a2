/**
 * nn.tables: the connection tables of nn.SpatialConvolutionMap (defined in SpatialConvolutionMap.lua).
 * A table is a nKernel x 2 tensor of the default type whose rows are 1-based [input plane, output plane].
 */
import { newDefault } from '../lib/defaults.js';
import { randperm } from '../lib/random/index.js';
import type { Tensor } from '../lib/Tensor.js';

/**
 * Every input plane to every output plane: rows (1,1), (2,1), ..., (nin,1), (1,2), ... (input fastest).
 * @example
 * nn.tables.full(2, 3); // 6 x 2: [1 1; 2 1; 1 2; 2 2; 1 3; 2 3]
 */
export function full(nin: number, nout: number): Tensor {
  const ft = newDefault().resize(nin * nout, 2);
  let p = 1;
  for (let j = 1; j <= nout; j++) {
    for (let i = 1; i <= nin; i++) {
      ft.put(p, 1, i);
      ft.put(p, 2, j);
      p++;
    }
  }
  return ft;
}

/**
 * Plane i to plane i, for i = 1..nfeat.
 * @example
 * nn.tables.oneToOne(3); // 3 x 2: [1 1; 2 2; 3 3]
 */
export function oneToOne(nfeat: number): Tensor {
  const ft = newDefault().resize(nfeat, 2);
  for (let i = 1; i <= nfeat; i++) {
    ft.put(i, 1, i);
    ft.put(i, 2, i);
  }
  return ft;
}

/**
 * Each of the nout output planes reads nto input planes: consecutive chunks of nto entries of
 * torch.randperm(nin), a fresh permutation drawn whenever the chunks run out (after every
 * floor(nin/nto) output planes, the last included), exactly as Lua draws them.
 * @example
 * torch.manualSeed(1);
 * nn.tables.random(6, 16, 3); // 48 x 2; rows 3k-2..3k read 3 distinct planes into output plane k
 */
export function random(nin: number, nout: number, nto: number): Tensor {
  const tbl = newDefault().resize(nto * nout, 2);
  const fi = randperm(nin);
  const nfi = Math.floor(nin / nto);
  const fitbl = fi.narrow(1, 1, nfi * nto);
  let frcntr = 0;
  for (let i = 0; i < nout; i++) {
    for (let j = 1; j <= nto; j++) tbl.put(i * nto + j, 1, fitbl.get(frcntr * nto + j));
    frcntr++;
    if (frcntr === nfi) {
      fi.copy(randperm(nin));
      frcntr = 0;
    }
  }
  for (let i = 0; i < nout; i++) for (let j = 1; j <= nto; j++) tbl.put(i * nto + j, 2, i + 1);
  return tbl;
}

/** `nn.tables`. */
export const tables = { full, oneToOne, random };
