/** optim.de: differential evolution (de.lua). */
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { TorchError } from '../lib/errors.js';
import type { Objective } from './cmaes.js';
import { firstValue, tonumber, type OptimTable } from './types.js';

/**
 * `optim.de(opfunc, x[, config])` → `[best_solution, fx]`: the best point found and a tensor of size
 * maxFEs with every evaluated f in order. x only gives the dimension; x itself is not changed.
 *
 * Config: `popsize` (10·D), `scaleFactor` (F, e.g. 0.5), `crossoverRate` (CR, e.g. 0.9), `maxFEs`
 * (required; as in Torch a run that does not end exactly on maxFEs — popsize not dividing it — stops
 * with an index error when fx is full), `maxRegion` (30) and `minRegion` (−30) for the uniform initial
 * population. The random stream is a private generator seeded with 1, as in Torch, so runs repeat.
 * Each child mixes `best + F·(pop[r1] − pop[r2])` into its parent with probability CR per coordinate.
 * As in Torch, the initial "best" is the population's *largest* fitness (`fitness:max(1)`).
 * @example
 * const [best, fx] = optim.de(rosenbrock, torch.zeros(2), { popsize: 50, scaleFactor: 0.5, crossoverRate: 0.9, maxFEs: 3000 });
 */
export function de(opfunc: Objective, x: Tensor, config?: OptimTable, _state?: OptimTable): [x: Tensor, fx: Tensor] {
  const cfg = config ?? {};
  const scaleFactor: number = cfg.scaleFactor;
  const crossoverRate: number = cfg.crossoverRate;
  const maxFEs = tonumber(cfg.maxFEs);
  if (maxFEs === undefined) throw new TorchError('de: config.maxFEs (the number of function evaluations) is required');
  const maxRegion: number = cfg.maxRegion ?? 30;
  const minRegion: number = cfg.minRegion ?? -30;
  const D = x.nElement();
  const popsize: number = cfg.popsize ?? 10 * D;

  // the population
  const fx = x.new(maxFEs);
  const pop = x.new(popsize, D);
  const children = x.new(popsize, D);
  const fitness = x.new(popsize);
  const childrenFitness = x.new(popsize);
  let fes = 1;
  const bestSolution = x.new(D);
  const row = (m: Tensor, i: number) => m.select(1, i) as Tensor;

  // initialise the population and evaluate its fitness
  const gen = new torch.Generator();
  torch.manualSeed(gen, 1);
  pop.uniform(gen, minRegion, maxRegion);
  for (let i = 1; i <= popsize; i++) {
    fitness.put(i, firstValue(opfunc(row(pop, i))));
    fx.put(fes, fitness.get(i));
    fes++;
  }

  // the "best" solution (Torch takes the maximum here)
  const [bf, bi] = fitness.max(1);
  let bestFitness = bf.get(1);
  bestSolution.copy(row(pop, bi.get(1)));

  // the main loop
  while (fes < maxFEs) {
    for (let i = 1; i <= popsize; i++) {
      let r1: number, r2: number;
      do { r1 = torch.random(gen, 1, popsize); } while (r1 === i);
      do { r2 = torch.random(gen, 1, popsize); } while (r2 === r1 || r2 === i);
      const jrand = torch.random(gen, 1, D);
      for (let j = 1; j <= D; j++) {
        if (torch.uniform(gen, 0, 1) < crossoverRate || i === jrand) {
          children.put(i, j, bestSolution.get(j) + scaleFactor * (pop.get(r1, j) - pop.get(r2, j)));
        } else {
          children.put(i, j, pop.get(i, j));
        }
      }
      childrenFitness.put(i, firstValue(opfunc(row(children, i))));
      fx.put(fes, childrenFitness.get(i));
      fes++;
    }
    for (let i = 1; i <= popsize; i++) {
      if (childrenFitness.get(i) <= fitness.get(i)) {
        row(pop, i).copy(row(children, i));
        fitness.put(i, childrenFitness.get(i));
        if (fitness.get(i) < bestFitness) {
          bestFitness = fitness.get(i);
          bestSolution.copy(row(children, i));
        }
      }
    }
  }
  return [bestSolution, fx];
}
