/**
 * The raw bytes of Torch's `THGenerator` struct on x86-64 (LP64, little-endian), as
 * `torch.getRNGState()` returns them and `torch.Generator` serializes:
 *
 * | offset | field | C type |
 * |---|---|---|
 * | 0 | the_initial_seed | unsigned long (8) |
 * | 8 | left | int (4) |
 * | 12 | seeded | int (4) |
 * | 16 | next | unsigned long (8) |
 * | 24 | state[624] | unsigned long (8 each) |
 * | 5016, 5024, 5032 | normal_x, normal_y, normal_rho | double |
 * | 5040 | normal_is_valid | int (4), then 4 bytes of padding |
 */
import { argError, TorchError } from '../errors.js';
import { ByteTensor } from '../Tensor.js';
import { _gen, Generator, MT_N } from './Generator.js';

/** `sizeof(THGenerator)` on x86-64. */
export const RNG_STATE_SIZE = 5048;
const OFF_STATE = 24;
const OFF_NORMAL = OFF_STATE + 8 * MT_N;

/**
 * Writes `gen` into a new 5048-byte array laid out as the C struct (what `torch.Generator` writes
 * to a .t7 file, with no length prefix).
 * @example
 * generatorToBytes(torch._gen).length; // 5048
 */
export function generatorToBytes(gen: Generator): Uint8Array {
  const bytes = new Uint8Array(RNG_STATE_SIZE);
  const v = new DataView(bytes.buffer);
  v.setBigUint64(0, gen.the_initial_seed, true);
  v.setInt32(8, gen.left, true);
  v.setInt32(12, gen.seeded, true);
  v.setBigUint64(16, BigInt(gen.next), true);
  for (let i = 0; i < MT_N; i++) v.setUint32(OFF_STATE + 8 * i, gen.state[i], true);
  v.setFloat64(OFF_NORMAL, gen.normal_x, true);
  v.setFloat64(OFF_NORMAL + 8, gen.normal_y, true);
  v.setFloat64(OFF_NORMAL + 16, gen.normal_rho, true);
  v.setInt32(OFF_NORMAL + 24, gen.normal_is_valid, true);
  return bytes;
}

/**
 * Copies a 5048-byte struct image into `gen`. With `fn` (the Lua function named in errors) it
 * makes THByteTensor_setRNGState's validity check first (seeded, 0 < left <= 624, next <= 624);
 * with `fn = null` it copies blindly, as `torch.Generator`'s `read` does.
 * State words keep their low 32 bits (Torch never sets the high ones); padding is ignored.
 */
export function generatorFromBytes(gen: Generator, bytes: Uint8Array, fn: string | null = 'setRNGState'): Generator {
  if (bytes.length !== RNG_STATE_SIZE) throw argError(1, fn ?? 'read', 'RNG state is wrong size');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const left = v.getInt32(8, true);
  const seeded = v.getInt32(12, true);
  const next = v.getBigUint64(16, true);
  if (fn !== null && !(seeded === 1 && left > 0 && left <= MT_N && next <= BigInt(MT_N))) {
    throw argError(1, fn, 'Invalid RNG state');
  }
  gen.the_initial_seed = v.getBigUint64(0, true);
  gen.left = left;
  gen.seeded = seeded;
  gen.next = Number(next > BigInt(MT_N) ? BigInt(MT_N) : next);
  for (let i = 0; i < MT_N; i++) gen.state[i] = v.getUint32(OFF_STATE + 8 * i, true);
  gen.normal_x = v.getFloat64(OFF_NORMAL, true);
  gen.normal_y = v.getFloat64(OFF_NORMAL + 8, true);
  gen.normal_rho = v.getFloat64(OFF_NORMAL + 16, true);
  gen.normal_is_valid = v.getInt32(OFF_NORMAL + 24, true);
  return gen;
}

function invalid(fn: string, args: readonly unknown[], help: string): TorchError {
  const got = args.map((a) => (a instanceof Generator ? 'torch.Generator' : a instanceof ByteTensor ? 'torch.ByteTensor' : typeof a)).join(' ');
  return new TorchError(`invalid arguments to '${fn}': ${got || 'no arguments'}\nexpected arguments: ${help}`);
}

/**
 * `torch.getRNGState([gen] [, res])`: the generator's raw C struct as a 5048-byte ByteTensor
 * (into `res`, resized, when given). Includes the cached normal value.
 * @example
 * const s = torch.getRNGState(); torch.normal(); torch.setRNGState(s); // replays the same normal()
 */
export function getRNGState(...args: [] | [Generator] | [ByteTensor] | [Generator, ByteTensor]): ByteTensor {
  const gen = args[0] instanceof Generator ? args[0] : _gen;
  const rest = args[0] instanceof Generator ? args.slice(1) : args;
  if (rest.length > 1 || (rest.length === 1 && !(rest[0] instanceof ByteTensor))) {
    throw invalid('getRNGState', args, '[Generator] [*ByteTensor*]');
  }
  const res = (rest[0] as ByteTensor | undefined) ?? new ByteTensor();
  res.resize(RNG_STATE_SIZE);
  res.storage().data.set(generatorToBytes(gen), res.offset);
  return res;
}

/**
 * `torch.setRNGState([gen,] state)`: restores a state from `getRNGState` (a contiguous 5048-byte
 * ByteTensor, or a Uint8Array). Returns `state`.
 * @example
 * const g = new torch.Generator(); torch.setRNGState(g, torch.getRNGState()); // g replays torch._gen
 */
export function setRNGState<S extends ByteTensor | Uint8Array>(...args: [S] | [Generator, S]): S {
  const gen = args[0] instanceof Generator ? args[0] : _gen;
  const state = (args[0] instanceof Generator ? args[1] : args[0]) as S | undefined;
  if (args.length > (args[0] instanceof Generator ? 2 : 1)) throw invalid('setRNGState', args, '[Generator] ByteTensor');
  if (state instanceof Uint8Array) { generatorFromBytes(gen, state); return state; }
  if (!(state instanceof ByteTensor)) throw invalid('setRNGState', args, '[Generator] ByteTensor');
  if (state.nElement() !== RNG_STATE_SIZE) throw argError(1, 'setRNGState', 'RNG state is wrong size');
  if (!state.isContiguous()) throw argError(1, 'setRNGState', 'RNG state needs to be contiguous');
  generatorFromBytes(gen, state.storage().data.subarray(state.offset, state.offset + RNG_STATE_SIZE) as Uint8Array);
  return state;
}
