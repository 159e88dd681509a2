/** optim.cmaes: the Covariance Matrix Adaptation Evolution Strategy, after Hansen's barecmaes2 (cmaes.lua). */
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { TorchError } from '../lib/errors.js';
import { sprintf, tostring } from './format.js';
import { symeig } from './linalg.js';
import { firstValue, tonumber, type OptimTable } from './types.js';

/** An objective for the derivative-free methods: f, or `[f, df/dx]` (the gradient is not used). */
export type Objective = (x: Tensor) => number | [number, ...unknown[]];

/** `torch.symeig(C, 'V')` on a tensor: `[eigenvalues (ascending), eigenvectors as columns]`. */
function symeigTensor(C: Tensor): [Tensor, Tensor] {
  const { values, vectors } = symeig(C.totable() as number[][]);
  return [C.new(values), C.new(vectors)];
}

/**
 * `optim.cmaes(opfunc, x[, config][, state])` → `[bestx, f_hist, counteval]`: the best candidate seen
 * (a flat copy; x itself is not changed), f at x followed by the best fitness of every generation and
 * finally the best f, and the number of evaluations. Random draws come from torch's default generator.
 *
 * Settings (read from `state`, which defaults to config): `sigma` (the initial step size, required),
 * `maxEval` (1e3·N²), `ftarget` (stop once a fitness ≤ ftarget), `popsize` (4 + ⌊3·ln N⌋),
 * `verb_disp` (print every verb_disp generations; 0 = never; Torch has no default, we take 0),
 * `min_iterations` (1). It stops on maxEval, ftarget, a condition number above 1e7 of D, a fitness
 * range below 1e-12 in a generation, or sigma·max(D) < 1e-11.
 * @example
 * const [best, fhist] = optim.cmaes(rosenbrock, torch.zeros(10), { sigma: 0.5, maxEval: 10000 });
 */
export function cmaes(opfunc: Objective, x: Tensor, config?: OptimTable, state?: OptimTable): [x: Tensor, fs: number[], counteval: number] {
  if (!x.kind.isFloat) throw new TorchError(`Unsupported Tensor ${x.type()} please use Float- or DoubleTensor for x`);
  const cfg = config ?? {};
  const st = state ?? cfg;
  const xmean = x.clone().view(-1); // the distribution mean, a flat copy
  const N = xmean.size(1);
  let sigma: number = st.sigma;
  if (typeof sigma !== 'number') throw new TorchError('cmaes: state.sigma (the initial step size) is required');
  const ftarget: number | undefined = st.ftarget ?? undefined;
  const maxEval = tonumber(st.maxEval) ?? 1e3 * N ** 2;
  const verbDisp: number = st.verb_disp ?? 0;
  const minIterations: number = st.min_iterations ?? 1;

  // selection
  const lambda: number = st.popsize ?? 4 + Math.floor(3 * Math.log(N));
  const mu = lambda / 2;
  const weightsD = torch.range(0, mu - 1).apply((i: number) => Math.log(mu + 0.5) - Math.log(i + 1));
  weightsD.div(weightsD.sum());
  const mueff = weightsD.sum() ** 2 / torch.pow(weightsD, 2).sum();
  const weights = weightsD.typeAs(x);
  const muN = weights.size(1);

  // adaptation
  const cc = (4 + mueff / N) / (N + 4 + 2 * mueff / N);
  const cs = (mueff + 2) / (N + mueff + 5);
  const c1 = 2 / ((N + 1.3) ** 2 + mueff);
  const cmu = Math.min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((N + 2) ** 2 + mueff));
  const damps = 2 * mueff / lambda + 0.3 + cs;

  // dynamic state
  let pc: Tensor = x.new(N).zero();
  let ps: Tensor = x.new(N).zero();
  let B: Tensor = torch.eye(N).typeAs(x);
  let D: Tensor = x.new(N).fill(1);
  let C: Tensor = torch.eye(N).typeAs(x);
  const candidates = x.new(lambda, N);
  let invsqrtC: Tensor = torch.eye(N).typeAs(x);
  let eigeneval = 0, counteval = 0;
  const fHist: number[] = [firstValue(opfunc(x))];
  let fitvals: Tensor = new torch.Tensor(lambda);
  const best: { x?: Tensor; f?: number; evals: number } = { evals: counteval };
  let iteration = 0;

  const ask = (): Tensor => {
    // the eigendecomposition, postponed to get O(N²) per candidate
    if (counteval - eigeneval > lambda / (c1 + cmu) / C.size(1) / 10) {
      eigeneval = counteval;
      C = torch.add(torch.triu(C), torch.triu(C, 1).t());
      [D, B] = symeigTensor(C);
      D = torch.sqrt(D);
      invsqrtC = torch.mm(torch.mm(B, torch.diag(torch.pow(D, -1))), B.t());
    }
    for (let k = 1; k <= lambda; k++) {
      const z = D.clone().normal(0, 1).cmul(D);
      (candidates.select(1, k) as Tensor).copy(torch.add(xmean, torch.mul(torch.mv(B, z), sigma)));
    }
    return candidates;
  };

  const tell = (arx: Tensor): void => {
    counteval += lambda;
    const xold = xmean.clone();
    // sort by fitness; the weighted mean of the best mu into xmean
    const [sorted, arindex] = torch.sort(fitvals) as [Tensor, Tensor];
    fitvals = sorted;
    arx = arx.index(1, arindex.narrow(1, 1, muN));
    fHist.push(fitvals.get(1));
    if (best.f === undefined || fitvals.get(1) < best.f) {
      best.x = (arx.select(1, 1) as Tensor).clone(); best.f = fitvals.get(1); best.evals = counteval;
    }
    xmean.zero();
    xmean.addmv(arx.t(), weights);

    // cumulation: the evolution paths
    const y = torch.add(xmean, -1, xold);
    const z = torch.mv(invsqrtC, y); // C^(-1/2)·(xnew − xold)
    let c = (cs * (2 - cs) * mueff) ** 0.5 / sigma;
    ps = torch.add(torch.add(ps, -1, torch.mul(ps, cs)), torch.mul(z, c));
    const hsig = torch.pow(ps, 2).sum() / (1 - (1 - cs) ** (2 * counteval / lambda)) / N < 2 + 4 / (N + 1) ? 1 : 0;
    c = (cc * (2 - cc) * mueff) ** 0.5 / sigma;
    pc = torch.add(torch.add(pc, -1, torch.mul(pc, cc)), torch.mul(torch.mul(y, c), hsig));

    // adapt the covariance matrix
    const c1a = c1 - (1 - hsig ** 2) * c1 * cc * (2 - cc);
    for (let i = 1; i <= N; i++) {
      for (let j = 1; j <= N; j++) {
        let sum = 0;
        for (let k = 1; k <= muN; k++) {
          sum += weights.get(k) * (arx.get(k, i) - xold.get(i)) * (arx.get(k, j) - xold.get(j));
        }
        const Cmuij = sum / sigma ** 2; // rank-mu update
        C.put(i, j, C.get(i, j) + ((-c1a - cmu) * C.get(i, j) + c1 * pc.get(i) * pc.get(j) + cmu * Cmuij));
      }
    }
    // adapt the step size (a factor of at most exp(0.6))
    sigma = sigma * Math.exp(Math.min(0.6, (cs / damps) * (torch.pow(ps, 2).sum() / N - 1) / 2));
  };

  const stop = (): Record<string, number> => {
    const res: Record<string, number> = {};
    if (counteval > 0) {
      if (counteval >= maxEval) res.evals = maxEval;
      if (ftarget !== undefined && fitvals.nElement() > 0 && fitvals.get(1) <= ftarget) res.ftarget = ftarget;
      if (D.max() > 1e7 * D.min()) res.condition = 1e7;
      if (fitvals.nElement() > 1 && fitvals.get(fitvals.nElement()) - fitvals.get(1) < 1e-12) res.tolfun = 1e-12;
      if (sigma * D.max() < 1e-11) res.tolx = 1e-11;
    }
    return res;
  };

  const disp = (verbModulo: number): void => {
    if (verbModulo === 0) return;
    const it = counteval / lambda;
    if (it === 1 || it % (10 * verbModulo) === 0) console.log('evals:\t ax-ratio max(std)   f-value');
    if (it <= 2 || it % verbModulo === 0) {
      const maxStd = Math.sqrt(torch.diag(C).max());
      console.log(`${tostring(counteval)}: ${sprintf(' %6.1f %8.1e ', D.max() / D.min(), sigma * maxStd)}${tostring(fitvals.get(1))}`);
    }
  };

  while (Object.keys(stop()).length === 0 || iteration < minIterations) {
    iteration++;
    const X = ask();
    for (let i = 1; i <= lambda; i++) {
      fitvals.put(i, firstValue(opfunc((X.select(1, i) as Tensor).viewAs(x))));
    }
    tell(X);
    disp(verbDisp);
  }

  const f = best.f as number;
  if (verbDisp > 0) {
    for (const [k, v] of Object.entries(stop())) console.log(`termination by\t${k}\t=\t${tostring(v)}`);
    console.log(`best f-value =\t${tostring(f)}`);
    console.log('solution = ');
    console.log(String(best.x));
    console.log(`best found at iteration: \t${tostring(best.evals / lambda)}\t , total iterations: \t${tostring(iteration)}`);
  }
  fHist.push(f);
  return [best.x as Tensor, fHist, counteval];
}
