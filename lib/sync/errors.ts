// What can go wrong in a sync, as classes the scheduler can tell apart: some errors are worth
// retrying (network, server), others wait for the user (wrong passphrase, revoked token, no setup).

import type { ErrorIssue } from './protocol';

export class SyncError extends Error {
  /** False when retrying cannot help until the user acts. */
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = new.target.name;
    this.retryable = retryable;
  }
}

export const WRONG_PASSPHRASE_MESSAGE = "wrong passphrase: this account's notes were encrypted with another passphrase";

/** The key does not open this account's key-check record: nothing was applied, nothing pushed. */
export class WrongPassphraseError extends SyncError {
  constructor() {
    super(WRONG_PASSPHRASE_MESSAGE, false);
  }
}

/** A pulled payload did not decrypt or did not match its envelope (tampering or corruption). */
export class DecryptError extends SyncError {
  constructor(
    readonly recordId: string,
    readonly detail: string,
  ) {
    super(`cannot decrypt record ${recordId}: ${detail}`, false);
  }
}

/** The running sync was stopped on purpose (disconnect): nothing more is written. */
export class SyncAbortedError extends SyncError {
  constructor() {
    super('sync stopped: this device was disconnected', false);
  }
}

/** Sync is not set up far enough for the operation (no account, or no passphrase on this device). */
export class NotConfiguredError extends SyncError {
  constructor(message: string) {
    super(message, false);
  }
}

/** The server answered with an error, or could not be reached (status 0). */
export class HttpError extends SyncError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null = null,
    /** From Retry-After, in ms. */
    readonly retryAfterMs: number | null = null,
    /** What the server said was wrong with the request (`{path, message}`), when it said. */
    readonly issues: ErrorIssue[] = [],
  ) {
    // 401: the token is unknown (account gone or mistyped): only the user can fix it.
    super(message, status !== 401);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
