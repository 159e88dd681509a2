/**
 * The messages between the calling thread and a CPU worker device. Requests go through a
 * MessagePort; a reply is posted back and announced by storing its sequence number in the control
 * word (`Int32Array` over a SharedArrayBuffer), so the caller can block on `Atomics.wait` and read
 * the reply with `receiveMessageOnPort` without returning to its event loop.
 *
 * The fast path: a training step repeats the same jobs on the same tensors, so a job whose tensors
 * are those of the replica's last job of that op is written into the control array instead (op,
 * replica, scale, part; CTRL_REQ = its number), and when its result and the replica's parameters
 * are the same tensors as last time the worker answers by storing its number in CTRL_FAST_DONE. No
 * message, descriptor or tensor object is made on either side. Anything else (an error, a new
 * result tensor) is answered through the port as usual.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Job } from './devices.js';
import type { Desc } from './shared.js';

/** Slots of the control array. */
export const CTRL_DONE = 0;
/** Set to 1 by the worker as its thread exits (process.exit, uncaught error). */
export const CTRL_EXITING = 1;
/** How long (ms) the worker polls for its next request after a reply before it sleeps (set by the caller with each request). */
export const CTRL_SPIN = 2;
/** The number of the last fast request (its fields are written before it). */
export const CTRL_REQ = 3;
/** 1 while the worker sleeps in its event loop: a fast request then also posts a `wake` message. */
export const CTRL_SLEEPING = 4;
/** A fast request's op (an index of FAST_OPS), replica, part and parts. */
export const CTRL_OP = 5, CTRL_REPLICA = 6, CTRL_PART = 7, CTRL_PARTS = 8;
/** The number of the last fast request answered "same result as last time" (else the reply is in the port). */
export const CTRL_FAST_DONE = 9;
export const CTRL_SLOTS = 10;
/** Bytes of the control buffer: the Int32 slots, then the fast request's scale as a Float64. */
export const CTRL_BYTES = CTRL_SLOTS * 4 + 8;
/** The Float64 index of the scale (byte CTRL_SLOTS * 4). */
export const CTRL_SCALE = CTRL_SLOTS / 2;

/** The jobs that may take the fast path. */
export const FAST_OPS = ['updateOutput', 'updateGradInput', 'backward', 'accGradParameters', 'reduceGradients'] as const;
export type FastOp = typeof FAST_OPS[number];

/** What the worker gets at start. */
export interface WorkerInit {
  control: SharedArrayBuffer;
  port: MessagePort;
  /** Module specifiers imported before any replica is built (custom nn classes). */
  imports: string[];
  defaultTensorType: string;
}

/** A request to the worker. */
export type Request =
  | { seq: number; kind: 'hello' }
  /** Sent (seq 0, no reply) with a fast request when the worker sleeps, so that it looks at CTRL_REQ. */
  | { seq: number; kind: 'wake' }
  | { seq: number; kind: 'load'; replica: number; bytes: Uint8Array; seed: number }
  | { seq: number; kind: 'drop'; replica: number }
  | {
    seq: number; kind: 'job'; replica: number; op: Job['op']; input?: Desc; gradOutput?: Desc; scale?: number; from?: Desc;
    /** reduceGradients: every replica's gradients, and which part of the sum this thread runs. */
    grads?: Desc; part?: number; parts?: number;
  };

/** A request before `post` numbers it. */
export type Unnumbered = Request extends infer R ? (R extends { seq: number } ? Omit<R, 'seq'> : never) : never;

/** An error as it crosses threads. */
export interface ErrorInfo { name: string; message: string; stack?: string }

/** The worker's answer to one request. */
export type Reply =
  | { seq: number; ok: true; result?: Desc; flat?: [Desc, Desc]; params?: [Desc[], Desc[]] }
  /** A fast request's answer: the result and parameters are the tensors of the op's last reply. */
  | { seq: number; ok: true; same: true }
  | { seq: number; ok: false; error: ErrorInfo };

/** Rebuilds an Error from its ErrorInfo (the worker's stack is kept). */
export function toError(info: ErrorInfo): Error {
  const e = new Error(info.message);
  e.name = info.name;
  if (info.stack) e.stack = info.stack;
  return e;
}

/** The ErrorInfo of anything thrown. */
export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}
