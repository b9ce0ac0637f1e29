import 'fake-indexeddb/auto';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { IDBFactory } from 'fake-indexeddb';
import {
  editRecord,
  getClientId,
  type LocalDatabase,
  type LocalRecord,
  openLocalDatabase,
  pullChanges,
  pushOutbox,
  RetryableSyncError,
  resolveConflict,
  type SyncTransport,
  saveDraft,
  submitRecord,
  syncOnce,
} from '../../../src/local';
import { CLIENT_ID_HEADER, type PullResponse } from '../../../src/shared/protocol';
import type { FieldValue } from '../../../src/shared/record';
import { sleep } from './free-port';
import type { Random } from './seeded-random';
import { latestSmsCode, sessionCookieOf, writeHeaders } from './sign-in';

const REQUEST_TIMEOUT_MS = 15_000;

/** One POST /api/sync/push as it left the phone, and how it ended. */
export interface PushAttempt {
  /** The mutation ids in the batch, in order. */
  readonly mutationIds: readonly number[];
  readonly startedAt: number;
  endedAt?: number;
  /** HTTP status when an answer arrived. */
  status?: number;
  /** Set when no answer arrived (refused, reset, cut off, timed out). */
  error?: string;
}

/**
 * A simulated phone: its own IndexedDB (fake-indexeddb, a fresh factory per phone, so phones share
 * nothing) driven by the REAL src/local code — the same saveDraft, submitRecord, editRecord,
 * resolveConflict, pushOutbox and pullChanges the app's data worker runs. Only the network is ours:
 * `online = false` makes every request fail the way a phone without signal does.
 */
export class Phone {
  readonly name: string;
  readonly db: LocalDatabase;
  readonly transport: SyncTransport;
  baseUrl: string;
  online = true;
  /** Offline until this time (ms since the epoch), as in a lift, a basement, a village without signal. */
  offlineUntil = 0;
  /** Every pull page this phone received, in order (set by the transport). */
  onPullPage: ((page: PullResponse) => void) | undefined;
  /** Called as a push request leaves and when it ends (answered or failed). */
  onPushStart: ((attempt: PushAttempt) => void) | undefined;
  onPushEnd: ((attempt: PushAttempt) => void) | undefined;
  readonly pushes: PushAttempt[] = [];
  /** The session cookie (`name=value`) from signing in; sent with every request, as a browser does. */
  cookie: string | undefined;
  retries = 0;

  constructor(name: string, baseUrl: string) {
    this.name = name;
    this.baseUrl = baseUrl;
    this.db = openLocalDatabase(`lastivka-fault-${name}-${crypto.randomUUID()}`, new IDBFactory());
    const phone = this;
    this.transport = {
      get baseUrl() {
        return phone.baseUrl;
      },
      fetch: (input, init) => phone.#fetch(input, init),
    };
  }

  clientId(): Promise<string> {
    return getClientId(this.db);
  }

  /**
   * Signs the person in the way the app does: their mobile number, then the six-digit code from
   * the SMS (read from the server's SMS outbox file in `dataDir`). Sync needs the session.
   */
  async signIn(options: { phoneNumber: string; dataDir: string }): Promise<void> {
    const clientId = await this.clientId();
    const post = async (path: string, body: unknown) => {
      const response = await this.#fetch(`${this.baseUrl}/api/auth${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLIENT_ID_HEADER]: clientId },
        body: JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${this.name}: ${path} answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    await post('/otp/request', { phone: options.phoneNumber });
    const code = await latestSmsCode(options.dataDir, options.phoneNumber);
    await post('/otp/verify', { phone: options.phoneNumber, code });
    if (this.cookie === undefined) throw new Error(`${this.name}: signed in but no session cookie was set`);
  }

  /** Fills in a form (draft autosave) and submits it: record + outbox entry in one transaction. */
  async submit(fields: Record<string, FieldValue>): Promise<string> {
    const draft = await saveDraft(this.db, { service: 'damageReport', data: fields });
    const outcome = await submitRecord(this.db, draft.id);
    if (!outcome.ok)
      throw new Error(`${this.name}: submission refused locally: ${JSON.stringify(outcome.issues)}`);
    return draft.id;
  }

  edit(recordId: string, values: Record<string, FieldValue>): Promise<LocalRecord> {
    return editRecord(this.db, recordId, values);
  }

  resolve(recordId: string, conflictId: string, choice: 'server' | 'client'): Promise<void> {
    return resolveConflict(this.db, recordId, conflictId, choice);
  }

  outboxSize(): Promise<number> {
    return this.db.outbox.count();
  }

  records(): Promise<LocalRecord[]> {
    return this.db.records.toArray();
  }

  record(recordId: string): Promise<LocalRecord | undefined> {
    return this.db.records.get(recordId);
  }

  /**
   * Pushes until the outbox is empty, treating every RetryableSyncError as the app's scheduler does
   * (wait, try again) but with a short wait, so a test makes many attempts in little time.
   */
  async pushUntilEmpty(options: { deadline: number; random: Random; maxWaitMs?: number }): Promise<void> {
    for (;;) {
      if ((await this.outboxSize()) === 0) return;
      if (Date.now() > options.deadline) {
        throw new Error(`${this.name}: outbox still has ${await this.outboxSize()} entries at the deadline`);
      }
      try {
        await pushOutbox(this.db, this.transport);
      } catch (error) {
        if (!(error instanceof RetryableSyncError)) throw error;
        this.retries++;
        await sleep(options.random.int(5, options.maxWaitMs ?? 60));
      }
    }
  }

  /** Push then pull until a round finds nothing to send and nothing new (the app's "quiet"). */
  async syncUntilQuiet(options: { deadline: number; random: Random }): Promise<void> {
    for (;;) {
      if (Date.now() > options.deadline)
        throw new Error(`${this.name}: did not become quiet by the deadline`);
      try {
        await this.pushUntilEmpty(options);
        const { changes } = await pullChanges(this.db, this.transport);
        if (changes === 0 && (await this.outboxSize()) === 0) return;
      } catch (error) {
        if (!(error instanceof RetryableSyncError)) throw error;
        this.retries++;
        await sleep(options.random.int(5, 60));
      }
    }
  }

  /**
   * Syncs until this phone's records are exactly the server's (`serverRecords` reads the truth from
   * the database). A quiet pull is not enough on PostgreSQL: a change whose transaction id is not
   * yet below every running transaction's (another phone's push still open, anywhere on the
   * server) is held back by design — served on a later pull, never skipped — so we pull again.
   */
  async syncUntilConverged(options: {
    deadline: number;
    random: Random;
    serverRecords: () => Promise<ReadonlyMap<string, { version: number; fields: unknown }>>;
  }): Promise<boolean> {
    for (;;) {
      await this.syncUntilQuiet(options);
      const server = await options.serverRecords();
      const local = await this.records();
      const converged = local.every((record) => {
        const truth = server.get(record.id);
        return (
          truth !== undefined &&
          truth.version === record.server?.version &&
          isDeepStrictEqual(record.data, truth.fields)
        );
      });
      if (converged) return true;
      if (Date.now() > options.deadline) return false;
      await sleep(options.random.int(50, 150));
    }
  }

  /** One sync round as the app's scheduler runs it (push, then pull); false when it must be retried later. */
  async trySync(): Promise<boolean> {
    try {
      await syncOnce(this.db, this.transport);
      return true;
    } catch (error) {
      if (!(error instanceof RetryableSyncError)) throw error;
      this.retries++;
      return false;
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async #fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    if (!this.online || Date.now() < this.offlineUntil)
      throw new TypeError('Failed to fetch (phone offline)');
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const attempt = url.includes('/api/sync/push') ? this.#pushAttempt(init) : undefined;
    if (attempt !== undefined) {
      this.pushes.push(attempt);
      this.onPushStart?.(attempt);
    }
    // What a browser adds by itself: the session cookie, and on writes our Origin (the server's
    // CSRF guard checks it together with the app's own request header).
    const headers = new Headers(init?.headers);
    if (this.cookie !== undefined) headers.set('cookie', this.cookie);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      for (const [name, value] of Object.entries(writeHeaders(this.baseUrl))) headers.set(name, value);
    }
    let response: Response;
    try {
      response = await fetch(input, { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      if (attempt !== undefined) {
        attempt.endedAt = Date.now();
        attempt.error = error instanceof Error ? error.message : String(error);
        this.onPushEnd?.(attempt);
      }
      throw error;
    }
    this.cookie = sessionCookieOf(response) ?? this.cookie;
    if (attempt !== undefined) {
      attempt.endedAt = Date.now();
      attempt.status = response.status;
      this.onPushEnd?.(attempt);
    }
    if (this.onPullPage !== undefined && response.ok && url.includes('/api/sync/pull')) {
      const observer = this.onPullPage;
      const page = (await response.clone().json()) as PullResponse;
      observer(page);
    }
    return response;
  }

  #pushAttempt(init: RequestInit | undefined): PushAttempt {
    const body = init?.body;
    const headers = new Headers(init?.headers);
    let bytes: Buffer;
    if (typeof body === 'string') bytes = Buffer.from(body, 'utf8');
    else if (body instanceof ArrayBuffer) bytes = Buffer.from(body);
    else if (ArrayBuffer.isView(body)) bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    else throw new Error(`${this.name}: unexpected push body type`);
    if (headers.get('content-encoding') === 'gzip') bytes = gunzipSync(bytes);
    const request = JSON.parse(bytes.toString('utf8')) as { mutations: { id: number }[] };
    return { mutationIds: request.mutations.map((mutation) => mutation.id), startedAt: Date.now() };
  }
}
