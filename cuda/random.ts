/**
 * cutorch's random numbers: one generator per device (cutorch.manualSeed, seed, initialSeed,
 * getRNGState/setRNGState act on the current device, manualSeedAll/seedAll on every device) and the
 * CudaTensor fills (`x.uniform()`, `normal`, `bernoulli`, `random`, `exponential`, `cauchy`,
 * `logNormal`, `geometric`, `rand`, `randn`).
 *
 * Each device's generator is Torch's CPU generator (MT19937 with THRandom's transforms), run on the
 * host: a fill draws its values there, in row-major order, and uploads them (one counted upload per
 * fill; the result never goes back to the host). cutorch's MTGP32 streams are NOT reproduced: the same
 * seed gives different numbers than cutorch, but exactly the numbers a FloatTensor fill gives from a
 * CPU generator in the same state (so `cuda.setRNGState(torch.getRNGState())` replays the CPU stream).
 * The state is that generator's 5048-byte struct, not cutorch's MTGP32 state.
 */
import { TorchError, argCheck } from '../lib/errors.js';
import { Generator, getRNGState as cpuGetRNGState, setRNGState as cpuSetRNGState } from '../lib/random/index.js';
import { ByteTensor, FloatTensor, Tensor } from '../lib/Tensor.js';
import type { CudaStorage } from './CudaStorage.js';
import { CudaTensor } from './CudaTensor.js';
import { getDevice, getDeviceCount } from './device.js';
import { commit } from './kernels/commit.js';

const generators: (Generator | undefined)[] = [];

/** Device i's generator (default: the current device), created on first use with a random seed (as cutorch). */
export function generator(device = getDevice()): Generator {
  argCheck(Number.isInteger(device) && device >= 1 && device <= getDeviceCount(), 1, 'generator', `invalid device id ${device} (${getDeviceCount()} devices)`);
  return (generators[device - 1] ??= new Generator());
}

/**
 * `cutorch.manualSeed(seed)`: seeds the current device's generator (or device `device`'s).
 * @example
 * cuda.manualSeed(123); new torch.CudaTensor(4).uniform(); // reproducible
 */
export function manualSeed(seed: number, device?: number): void {
  argCheck(typeof seed === 'number', 1, 'manualSeed', 'number expected');
  generator(device).manualSeed(seed);
}

/** `cutorch.manualSeedAll(seed)`: seeds every device's generator. @example cuda.manualSeedAll(1) */
export function manualSeedAll(seed: number): void {
  argCheck(typeof seed === 'number', 1, 'manualSeedAll', 'number expected');
  for (let d = 1; d <= getDeviceCount(); d++) generator(d).manualSeed(seed);
}

/** `cutorch.seed()`: reseeds the current device's generator randomly; returns the seed. @example cuda.seed() */
export function seed(device?: number): number { return generator(device).seed(); }

/** `cutorch.seedAll()`: reseeds every device randomly; returns the current device's seed. @example cuda.seedAll() */
export function seedAll(): number {
  let s = 0;
  for (let d = 1; d <= getDeviceCount(); d++) { const v = generator(d).seed(); if (d === getDevice()) s = v; }
  return s;
}

/** `cutorch.initialSeed()`: the last seed of the current device's generator. @example cuda.initialSeed() */
export function initialSeed(device?: number): number { return generator(device).initialSeed(); }

/**
 * `cutorch.getRNGState()`: the current device's generator state as a ByteTensor (our MT19937
 * struct, 5048 bytes, not cutorch's MTGP32 state).
 * @example
 * const s = cuda.getRNGState(); x.uniform(); cuda.setRNGState(s); x.uniform(); // the same values
 */
export function getRNGState(device?: number): ByteTensor { return cpuGetRNGState(generator(device)); }

/** `cutorch.setRNGState(state)`: restores a state from `getRNGState`. @example cuda.setRNGState(s) */
export function setRNGState(state: ByteTensor, device?: number): void {
  const s: unknown = state;
  if (!(s instanceof ByteTensor)) throw new TorchError(`bad argument #1 to 'setRNGState' (torch.ByteTensor expected, got ${s instanceof Tensor ? s.type() : typeof s})`);
  cpuSetRNGState(generator(device), state);
}

/** The Tensor fill methods that CudaTensor draws on the host with its device's generator. */
const FILLS = ['uniform', 'normal', 'cauchy', 'logNormal', 'exponential', 'geometric', 'bernoulli', 'random'] as const;
const cpuFill = Tensor.prototype as unknown as Record<string, (...a: unknown[]) => Tensor>;

/** Draws x's values into a FloatTensor of its size with the CPU fill `name`, then uploads them into x. */
function fillOnHost(x: CudaTensor, name: string, args: unknown[]): CudaTensor {
  const gen = args[0] instanceof Generator ? [] : [generator(x.getDevice())];
  const rest = args.map((a) => (a instanceof CudaTensor ? a.float() : a));
  const tmp = new FloatTensor().resizeNd(x._size);
  try {
    cpuFill[name].call(tmp, ...gen, ...rest);
  } catch (e) {
    if (e instanceof TorchError) e.message = e.message.split('torch.FloatTensor').join('torch.CudaTensor');
    throw e;
  }
  const n = x.nElement();
  if (n === 0) return x;
  const st = x._storage as CudaStorage;
  return commit(x, st.ctx.upload(tmp._storage.read().subarray(0, n) as Float32Array)) as CudaTensor;
}

const proto = CudaTensor.prototype as unknown as Record<string, unknown>;
for (const name of FILLS) {
  Object.defineProperty(proto, name, {
    value(this: CudaTensor, ...args: unknown[]) { return fillOnHost(this, name, args); },
    writable: true, configurable: true, enumerable: false,
  });
}
for (const [name, fill] of [['rand', 'uniform'], ['randn', 'normal']] as const) {
  Object.defineProperty(proto, name, {
    value(this: CudaTensor, ...args: unknown[]) {
      const gen = args[0] instanceof Generator ? [args.shift()] : [];
      this.resize(...(args as Parameters<CudaTensor['resize']>));
      return fillOnHost(this, fill, gen);
    },
    writable: true, configurable: true, enumerable: false,
  });
}
