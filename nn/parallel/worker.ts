/**
 * The worker thread of a CPU device (devices 2..n): it holds replicas of modules, rebuilt from
 * their .t7 bytes, runs their jobs on tensors in shared memory, and answers each request (see
 * protocol.ts). Parameters and gradients are moved into shared memory so the calling thread can
 * sum and broadcast them in place; outputs and gradInputs are copied into shared buffers.
 */
import { workerData } from 'node:worker_threads';
import type { Tensor } from '../../lib/Tensor.js';
import type { Module } from '../Module.js';
import type { Activity } from '../utils.js';
import type { Job } from './devices.js';
import { CTRL_DONE, CTRL_EXITING, errorInfo, type Reply, type Request, type WorkerInit } from './protocol.js';
import { copyToShared, describe, materialize, shareInPlace, type Desc } from './shared.js';

const init = workerData as WorkerInit;
const ctrl = new Int32Array(init.control);
process.on('exit', () => { Atomics.store(ctrl, CTRL_EXITING, 1); Atomics.notify(ctrl, CTRL_DONE); });

interface Held { module: Module; output?: Activity; gradInput?: Activity; seen: unknown[] }
const held = new Map<number, Held>();

let booted: Error | undefined;
let lib: typeof import('../../lib/index.js') | undefined;
let runJob: typeof import('./LocalReplica.js').runJob | undefined;
try {
  lib = await import('../../lib/index.js');
  await import('../index.js'); // registers the nn classes that torch.deserialize builds
  runJob = (await import('./LocalReplica.js')).runJob;
  for (const m of init.imports) await import(m);
  lib.torch.setdefaulttensortype(init.defaultTensorType);
  lib.torch.setnumthreads(1); // one core per device
} catch (e) {
  booted = e instanceof Error ? e : new Error(String(e));
  booted.message = `the worker thread could not start: ${booted.message}`;
}

/** The replica's tensors in shared memory; their descriptors when they changed since the last reply. */
function parameterDescs(h: Held): [Desc[], Desc[]] | undefined {
  const [p, g] = h.module.parameters() ?? [[], []];
  const all = [...p, ...g];
  for (const t of all) shareInPlace(t.storage());
  const seen = all.flatMap((t) => [t.storage().data, t.storageOffset(), t.size().totable().join('x'), t.stride().totable().join(',')]);
  if (seen.length === h.seen.length && seen.every((x, i) => x === h.seen[i])) return undefined;
  h.seen = seen;
  return [p.map(describe), g.map(describe)];
}

/** The deferred broadcast: the replica's parameters become copies of `from` (replica 1's). */
function copyParameters(m: Module, from: Tensor[]): void {
  const mine = m.parameters()?.[0] ?? [];
  if (mine.length !== from.length) throw new Error(`internal: ${from.length} parameters sent for a replica with ${mine.length}`);
  mine.forEach((p, j) => p.copy(from[j]));
}

function replica(id: number): Held {
  const h = held.get(id);
  if (!h) throw new Error(`internal: no replica ${id} on this worker`);
  return h;
}

function serve(req: Request): Omit<Extract<Reply, { ok: true }>, 'seq' | 'ok'> {
  if (booted) throw booted;
  const { torch } = lib!;
  switch (req.kind) {
    case 'hello': return {};
    case 'drop': held.delete(req.replica); return {};
    case 'load': {
      torch.manualSeed(req.seed);
      const module = torch.deserialize(req.bytes) as Module;
      const h: Held = { module, seen: [] };
      held.set(req.replica, h);
      return { params: parameterDescs(h) };
    }
    case 'job': {
      const h = replica(req.replica);
      const job = { op: req.op, input: materialize(req.input ?? null), gradOutput: materialize(req.gradOutput ?? null), scale: req.scale ?? 1 } as Job;
      if (req.from) copyParameters(h.module, materialize(req.from) as Tensor[]);
      const r = runJob!(h.module, job);
      const out: Omit<Extract<Reply, { ok: true }>, 'seq' | 'ok'> = {};
      if (req.op === 'getParameters') {
        const [fp, fg] = r as [Tensor, Tensor];
        shareInPlace(fp.storage());
        shareInPlace(fg.storage());
        out.flat = [describe(fp), describe(fg)];
      } else if (req.op === 'updateOutput') {
        h.output = copyToShared(h.output, r as Activity);
        out.result = describe(h.output);
      } else if (req.op === 'updateGradInput' || req.op === 'backward') {
        h.gradInput = r === undefined || r === null ? undefined : copyToShared(h.gradInput, r as Activity);
        out.result = describe(h.gradInput);
      }
      out.params = parameterDescs(h);
      return out;
    }
  }
}

function handle(req: Request): void {
  let reply: Reply;
  try {
    reply = { seq: req.seq, ok: true, ...serve(req) };
  } catch (e) {
    reply = { seq: req.seq, ok: false, error: errorInfo(e) };
  }
  init.port.postMessage(reply);
  Atomics.store(ctrl, CTRL_DONE, req.seq);
  Atomics.notify(ctrl, CTRL_DONE);
}

init.port.on('message', handle);
