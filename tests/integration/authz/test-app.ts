import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Hono } from 'hono';
import pg from 'pg';
import { createApp } from '../../../src/server/app';
import {
  type Auth,
  type AuthLimits,
  createAuth,
  createFileSmsGateway,
  hashPassword,
  smsOutboxPath,
} from '../../../src/server/auth';
import type { BlobStore } from '../../../src/server/blobs';
import {
  IDENTITY_SQLITE_FILE_NAME,
  type IdentityStore,
  openPostgresIdentityStore,
  openSqliteIdentityStore,
  type User,
} from '../../../src/server/identity-store';
import type { Log, LogFields } from '../../../src/server/log';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store';
import { openSqliteStore } from '../../../src/server/store/sqlite/sqlite-store';
import type { Store } from '../../../src/server/store/store';
import {
  CLIENT_ID_HEADER,
  type Mutation,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
  type RecordChange,
} from '../../../src/shared/protocol';
import { TEST_DATABASE_URL } from '../auth/identity-harness';

// The real app with sign-in, on either backend, and the people who use it. Every session is made
// the way a person gets one: citizens through the phone-code API (the code read from the file SMS
// outbox), staff through the password API (accounts created in the identity store, as the admin
// CLI does), volunteers by redeeming a caseworker's invite through the API.

export type BackendKind = 'sqlite' | 'postgres';
export const BACKENDS: readonly BackendKind[] = ['sqlite', 'postgres'];

/** app.request() has no socket: this is the origin it sees, and the one the app's pages send. */
export const ORIGIN = 'http://localhost';
export const SECRET = Buffer.from('authz-secret-authz-secret-authz-secret');
export const STAFF_PASSWORD = 'correct horse battery staple';
export const KYIV = 'UA32000000000030281';
export const LVIV = 'UA46000000000026241';

/** Every table either store has; a refusal must leave each one's row count as it was. */
export const SYNC_TABLES = [
  'clients',
  'mutations',
  'records',
  'change_log',
  'conflicts',
  'amendments',
  'record_events',
] as const;
export const IDENTITY_TABLES = [
  'users',
  'sessions',
  'otp_codes',
  'rate_buckets',
  'invites',
  'audit_log',
] as const;
export type TableName = (typeof SYNC_TABLES)[number] | (typeof IDENTITY_TABLES)[number];

// Generous, so the tests reach the code under test instead of a 429 (the limits have their own tests).
const BIG = { limit: 1_000_000, windowSeconds: 3600 };
export const GENEROUS_LIMITS: Partial<AuthLimits> = {
  otpPerPhone: BIG,
  otpPerIp: BIG,
  otpPerDevice: BIG,
  verifyPerIp: BIG,
  staffLoginPerLogin: BIG,
  staffLoginPerIp: BIG,
  inviteRedeemPerUser: BIG,
};

/** The headers a pull carries besides the cookie. */
export const PROTOCOL_HEADERS = (clientId: string): Record<string, string> => ({
  [CLIENT_ID_HEADER]: clientId,
  [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
});

export interface LogLine extends LogFields {
  readonly event: string;
}

export interface Backend {
  readonly kind: BackendKind;
  readonly dataDir: string;
  readonly store: Store;
  readonly identity: IdentityStore;
  /** SQL as an operator would run it, outside the stores. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export async function openBackend(kind: BackendKind): Promise<Backend> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `lastivka-authz-${kind}-`));
  if (kind === 'sqlite') {
    const store = await openSqliteStore(dataDir);
    const identity = await openSqliteIdentityStore(dataDir);
    const reader = new Database(path.join(dataDir, IDENTITY_SQLITE_FILE_NAME), { readonly: true });
    return {
      kind,
      dataDir,
      store,
      identity,
      query: async (sql) => reader.prepare(sql).all() as Record<string, unknown>[],
      async dispose() {
        reader.close();
        await identity.close();
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  // A schema of its own, first on the search_path; unreachable PostgreSQL fails the suite.
  const schema = `lastivka_authz_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const connectionString = url.toString();
  const store = await openPostgresStore({ connectionString, maxConnections: 4 });
  const identity = await openPostgresIdentityStore({ connectionString, maxConnections: 4 });
  const reader = new pg.Client({ connectionString });
  await reader.connect();
  return {
    kind,
    dataDir,
    store,
    identity,
    query: async (sql) => (await reader.query(sql)).rows as Record<string, unknown>[],
    async dispose() {
      await reader.end();
      await identity.close();
      await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const COUNT_ROWS_SQL = `SELECT ${[...SYNC_TABLES, ...IDENTITY_TABLES]
  .map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`)
  .join(', ')}`;

/** One query, not one per table: the matrix and the fuzz tests count before and after every call. */
export async function countRows(backend: Backend): Promise<Record<TableName, number>> {
  const [row] = await backend.query(COUNT_ROWS_SQL);
  const counts = {} as Record<TableName, number>;
  for (const table of [...SYNC_TABLES, ...IDENTITY_TABLES]) counts[table] = Number(row?.[table]);
  return counts;
}

export interface RequestOptions {
  readonly method?: string;
  /** JSON-encoded, with Content-Type application/json. */
  readonly body?: unknown;
  /** Sent as is. */
  readonly raw?: BodyInit;
  readonly cookie?: string | undefined;
  readonly headers?: Record<string, string>;
  /** Leave out the Origin and X-Lastivka-Request headers the app's pages and worker send. */
  readonly bare?: boolean;
}

export interface Person {
  readonly user: User;
  readonly cookie: string;
  /** The device profile this person syncs from. */
  readonly clientId: string;
}

export interface TestApp {
  readonly app: Hono;
  readonly auth: Auth;
  readonly backend: Backend;
  readonly logLines: LogLine[];
  request(url: string, options?: RequestOptions): Promise<Response>;
  signInCitizen(phone: string): Promise<Person>;
  /** The newest code the file SMS gateway wrote for this phone. */
  lastCode(phone: string): string;
  createStaff(login: string, kind: 'caseworker' | 'admin', oblasts?: readonly string[]): Promise<User>;
  signInStaff(login: string): Promise<Person>;
  /** A new citizen who redeems an invite the caseworker makes for their first oblast. */
  inviteVolunteer(phone: string, caseworker: Person): Promise<Person>;
  push(person: Person, mutations: Mutation[], clientId?: string): Promise<Response>;
  pushOk(person: Person, mutations: Mutation[]): Promise<PushResponse>;
  pull(person: Person, query?: string, clientId?: string): Promise<Response>;
  pullAll(person: Person): Promise<RecordChange[]>;
  /** The next unused mutation id of this person's device. */
  nextMutationId(person: Person): number;
}

export function memoryLog(): Log & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const write = (event: string, fields?: LogFields) => lines.push({ event, ...fields });
  return { lines, info: write, warn: write, error: write };
}

/**
 * Retries `check` until it passes (or `timeoutMs` passes): PostgreSQL's gap-free pull holds rows
 * back while any older transaction in the cluster is open (another test file's, say).
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export function cookieFrom(response: Response): string {
  const header = response.headers.get('set-cookie');
  if (header === null) throw new Error('no Set-Cookie');
  return header.split(';')[0]!;
}

export async function createTestApp(
  backend: Backend,
  options: {
    readonly staticDir?: string;
    readonly store?: Store;
    /** Photo bytes; with it the upload and staff photo routes exist, as in production. */
    readonly blobs?: BlobStore;
  } = {},
): Promise<TestApp> {
  const log = memoryLog();
  const auth = createAuth({
    store: backend.identity,
    secret: SECRET,
    sms: createFileSmsGateway(backend.dataDir),
    log,
    limits: GENEROUS_LIMITS,
  });
  const app = createApp({
    store: options.store ?? backend.store,
    log,
    auth,
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
    ...(options.blobs === undefined ? {} : { blobs: options.blobs }),
  });
  const mutationIds = new Map<string, number>();

  const request = (url: string, init: RequestOptions = {}) => {
    const headers: Record<string, string> = {};
    if (!init.bare) {
      headers.origin = ORIGIN;
      headers['x-lastivka-request'] = '1';
    }
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.cookie !== undefined) headers.cookie = init.cookie;
    const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    return Promise.resolve(
      app.request(url, {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: { ...headers, ...init.headers },
        ...(body === undefined ? {} : { body }),
      }),
    );
  };

  const lastCode = (phone: string) => {
    const lines = readFileSync(smsOutboxPath(backend.dataDir), 'utf8').split('\n').filter(Boolean);
    const entry = lines
      .map((line) => JSON.parse(line) as { phone: string; text: string })
      .filter((line) => line.phone === phone)
      .at(-1);
    const code = entry && /(\d{6})/.exec(entry.text)?.[1];
    if (code === undefined) throw new Error('no code in the outbox');
    return code;
  };

  const personOf = async (cookie: string): Promise<Person> => {
    const session = await auth.sessions.authenticate(decodeURIComponent(cookie.split('=')[1]!));
    if (session === null) throw new Error('the new session does not authenticate');
    return { user: session.user, cookie, clientId: crypto.randomUUID() };
  };

  const signInCitizen = async (phone: string) => {
    const asked = await request('/api/auth/otp/request', { body: { phone } });
    if (asked.status !== 202) throw new Error(`otp/request answered ${asked.status}`);
    const verified = await request('/api/auth/otp/verify', { body: { phone, code: lastCode(phone) } });
    if (verified.status !== 200) throw new Error(`otp/verify answered ${verified.status}`);
    return personOf(cookieFrom(verified));
  };

  const nextMutationId = (person: Person) => {
    const next = (mutationIds.get(person.clientId) ?? 0) + 1;
    mutationIds.set(person.clientId, next);
    return next;
  };

  const push = (person: Person, mutations: Mutation[], clientId = person.clientId) =>
    request('/api/sync/push', {
      cookie: person.cookie,
      body: { protocolVersion: PROTOCOL_VERSION, clientId, mutations },
    });

  const pull = (person: Person, query = '', clientId = person.clientId) =>
    request(`/api/sync/pull${query}`, {
      cookie: person.cookie,
      headers: { [CLIENT_ID_HEADER]: clientId, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    });

  return {
    app,
    auth,
    backend,
    logLines: log.lines,
    request,
    signInCitizen,
    lastCode,
    async createStaff(login, kind, oblasts = kind === 'caseworker' ? [KYIV] : []) {
      return backend.identity.createStaffUser(
        { kind, login, passwordHash: await hashPassword(STAFF_PASSWORD), oblasts },
        new Date(),
      );
    },
    async signInStaff(login) {
      const response = await request('/api/auth/staff/login', { body: { login, password: STAFF_PASSWORD } });
      if (response.status !== 200) throw new Error(`staff/login answered ${response.status}`);
      return personOf(cookieFrom(response));
    },
    async inviteVolunteer(phone, caseworker) {
      const citizen = await signInCitizen(phone);
      const invite = await request('/api/staff/invites', { cookie: caseworker.cookie, body: {} });
      if (invite.status !== 201) throw new Error(`invites answered ${invite.status}`);
      const { code } = (await invite.json()) as { code: string };
      const redeemed = await request('/api/auth/invites/redeem', { cookie: citizen.cookie, body: { code } });
      if (redeemed.status !== 200) throw new Error(`invites/redeem answered ${redeemed.status}`);
      return personOf(citizen.cookie);
    },
    push,
    async pushOk(person, mutations) {
      const response = await push(person, mutations);
      if (response.status !== 200)
        throw new Error(`push answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as PushResponse;
    },
    pull,
    async pullAll(person) {
      const changes: RecordChange[] = [];
      let cursor = '';
      for (;;) {
        const response = await pull(person, `?limit=500&after=${encodeURIComponent(cursor)}`);
        if (response.status !== 200) throw new Error(`pull answered ${response.status}`);
        const page = (await response.json()) as PullResponse;
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) return changes;
      }
    },
    nextMutationId,
  };
}
