/**
 * The worker thread of a CPU device (devices 2..n): it holds replicas of modules, rebuilt from
 * their .t7 bytes, runs their jobs on tensors in shared memory, and answers each request (see
 * protocol.ts). Parameters, gradients, outputs and gradInputs are moved into shared memory in place
 * (`shareInPlace`), so the calling thread sums, broadcasts and gathers them without copies.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { Tensor } from '../../lib/Tensor.js';
import type { Module } from '../Module.js';
import type { Activity } from '../utils.js';
import type { Job } from './devices.js';
import { CTRL_DONE, CTRL_EXITING, CTRL_SPIN, errorInfo, type Reply, type Request, type WorkerInit } from './protocol.js';
import { describe, materialize, shareInPlace, shareResult, viewOf, type Desc } from './shared.js';

const init = workerData as WorkerInit;
const ctrl = new Int32Array(init.control);
process.on('exit', () => { Atomics.store(ctrl, CTRL_EXITING, 1); Atomics.notify(ctrl, CTRL_DONE); });

interface Held {
  module: Module; seen: unknown[];
  /** Once shared: the `from` descriptors (viewOf) the parameters are views of, and their storages then. */
  sharing?: { key: string; storages: unknown[] };
}
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

/** What identifies a tensor's view: its elements' array, offset, sizes and strides. */
function viewKey(t: Tensor, out: unknown[]): void {
  out.push(t.storage().data, t.storageOffset());
  for (let d = 1; d <= t.nDimension(); d++) out.push(t.size(d), t.stride(d));
  out.push(-1);
}

/** The replica's tensors in shared memory; their descriptors when they changed since the last reply. */
function parameterDescs(h: Held): [Desc[], Desc[]] | undefined {
  const [p, g] = h.module.parameters() ?? [[], []];
  const seen: unknown[] = [];
  for (const t of p) { shareInPlace(t.storage()); viewKey(t, seen); }
  for (const t of g) { shareInPlace(t.storage()); viewKey(t, seen); }
  if (seen.length === h.seen.length && seen.every((x, i) => x === h.seen[i])) return undefined;
  h.seen = seen;
  return [p.map(describe), g.map(describe)];
}

/**
 * The deferred broadcast: the replica's parameters become views of replica 1's (`from`, in shared
 * memory), so once made it costs nothing (the calling thread updates them between jobs, never during
 * one). Modules that write their weights in the forward get an immediate copy instead (DataParallelTable).
 */
function shareParameters(h: Held, from: Desc): void {
  const key = viewOf(from);
  const mine = h.module.parameters()?.[0] ?? [];
  if (h.sharing?.key === key && mine.every((p, j) => p.storage() === h.sharing!.storages[j])) return;
  const src = materialize(from) as Tensor[];
  if (mine.length !== src.length) throw new Error(`internal: ${src.length} parameters sent for a replica with ${mine.length}`);
  mine.forEach((p, j) => p.set(src[j]));
  h.sharing = { key, storages: mine.map((p) => p.storage()) };
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
      const job = {
        op: req.op, input: materialize(req.input ?? null), gradOutput: materialize(req.gradOutput ?? null), scale: req.scale ?? 1,
        grads: materialize(req.grads ?? null), part: req.part, parts: req.parts,
      } as Job;
      if (req.from) shareParameters(h, req.from);
      const r = runJob!(h.module, job);
      const out: Omit<Extract<Reply, { ok: true }>, 'seq' | 'ok'> = {};
      if (req.op === 'getParameters') {
        const [fp, fg] = r as [Tensor, Tensor];
        shareInPlace(fp.storage());
        shareInPlace(fg.storage());
        out.flat = [describe(fp), describe(fg)];
      } else if (req.op === 'updateOutput') {
        out.result = describe(shareResult(r as Activity));
      } else if (req.op === 'updateGradInput' || req.op === 'backward') {
        out.result = r === undefined || r === null ? null : describe(shareResult(r as Activity));
      }
      out.params = parameterDescs(h);
      return out;
    }
  }
}

/** Serves `req`, then the requests that come while it polls the port for CTRL_SPIN ms after each reply. */
function handle(req: Request): void {
  for (let r: Request | undefined = req; r; r = nextRequest()) answer(r);
}

/** The next request if one comes within the caller's spin budget (the 'message' event then never sees it). */
function nextRequest(): Request | undefined {
  const end = performance.now() + Atomics.load(ctrl, CTRL_SPIN);
  do {
    const m = receiveMessageOnPort(init.port);
    if (m) return m.message as Request;
  } while (performance.now() < end);
  return undefined;
}

function answer(req: Request): void {
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
