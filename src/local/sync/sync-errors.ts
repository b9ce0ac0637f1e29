/** The server or the link failed in a way that may pass; the outbox stays and a retry is scheduled. */
export class RetryableSyncError extends Error {
  constructor(
    message: string,
    /** Seconds the server asked us to wait (Retry-After), if it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'RetryableSyncError';
  }
}

/**
 * The server needs to know who is sending (no session, an expired one, or a session of another person
 * than the one this device profile belongs to). Items stay queued until the person signs in.
 */
export class SignInRequiredError extends Error {
  constructor() {
    super('auth.required');
    this.name = 'SignInRequiredError';
  }
}

/** The server speaks a newer protocol: retrying cannot help until the app updates. */
export class UpdateRequiredError extends Error {
  constructor() {
    super('protocol.outdated');
    this.name = 'UpdateRequiredError';
  }
}

export function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}
