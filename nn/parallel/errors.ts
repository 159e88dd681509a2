/** The errors of the parallel modules: a replica that threw, and a device that was lost. */
import { TorchError } from '../../lib/errors.js';

/**
 * A replica threw while running a job; the others finished theirs, and the table is still usable.
 * `cause` holds the replica's own error (for a worker thread: its message and stack, rebuilt).
 */
export class ReplicaError extends TorchError {
  constructor(readonly replica: number, readonly where: string, readonly op: string, cause: Error) {
    super(`DataParallelTable: replica ${replica} on ${where} failed in ${op}: ${cause.message}`);
    this.name = 'ReplicaError';
    this.cause = cause;
  }
}

/** A device stopped (its worker thread died or hung past the timeout); the table that used it is disposed. */
export class DeviceLostError extends TorchError {
  constructor(readonly where: string, readonly op: string, readonly reason: string) {
    super(`DataParallelTable: ${where} was lost during ${op} (${reason}); the table is disposed ` +
      '(its first replica, modules[1], still holds the parameters)');
    this.name = 'DeviceLostError';
  }
}
