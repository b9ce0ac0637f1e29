import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { apiError } from '../../../src/server/api-error';
import {
  type Auth,
  type AuthLimits,
  createAuth,
  createAuthRoutes,
  createFileSmsGateway,
  createStaffInviteRoutes,
  hashPassword,
  type SmsGateway,
  smsOutboxPath,
} from '../../../src/server/auth';
import type { IdentityStore, User } from '../../../src/server/identity-store';
import type { Log, LogFields } from '../../../src/server/log';
import { securityHeaders } from '../../../src/server/security-headers';
import { createSqliteIdentityHarness, type IdentityHarness } from './identity-harness';

export const T0 = new Date('2026-03-02T08:00:00.000Z');
export const KYIV = 'UA32000000000030281';
export const LVIV = 'UA46000000000026241';
export const PHONE = '+380501234567';
export const ORIGIN = 'http://localhost';
export const SECRET = Buffer.from('test-secret-test-secret-test-secret!!');
export const STAFF_PASSWORD = 'correct horse battery staple';

export interface LogLine extends LogFields {
  readonly event: string;
}

export interface AuthTestApp {
  readonly app: Hono;
  readonly auth: Auth;
  readonly store: IdentityStore;
  readonly harness: IdentityHarness;
  readonly logLines: LogLine[];
  /** Moves the injected clock. */
  advance(ms: number): void;
  now(): Date;
  /** The newest code the file gateway wrote for this phone. */
  lastCode(phone?: string): string;
  outbox(): { at: string; phone: string; text: string }[];
  request(path: string, options?: RequestOptions): Promise<Response>;
  /** Signs in through the API and returns the cookie header to send afterwards. */
  signInCitizen(phone?: string): Promise<string>;
  createStaff(login: string, kind: 'caseworker' | 'admin', oblasts?: readonly string[]): Promise<User>;
  signInStaff(login: string): Promise<string>;
  dispose(): Promise<void>;
}

export interface RequestOptions {
  readonly method?: string;
  readonly body?: unknown;
  /** A raw body, sent as is. */
  readonly raw?: BodyInit;
  readonly cookie?: string;
  readonly headers?: Record<string, string>;
  /** Leave out the app's Origin and X-Lastivka-Request headers. */
  readonly bare?: boolean;
  readonly ip?: string;
  readonly deviceId?: string;
}

/** `name=value` of the first Set-Cookie, ready to send back. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get('set-cookie');
  if (header === null) throw new Error('no Set-Cookie');
  return header.split(';')[0]!;
}

export async function createAuthTestApp(
  options: { limits?: Partial<AuthLimits>; sms?: SmsGateway; publicOrigin?: string } = {},
): Promise<AuthTestApp> {
  const harness = await createSqliteIdentityHarness();
  const store = await harness.open();
  let now = T0.getTime();
  const logLines: LogLine[] = [];
  const write = (event: string, fields?: LogFields) => logLines.push({ event, ...fields });
  const log: Log = { info: write, warn: write, error: write };
  const auth = createAuth({
    store,
    secret: SECRET,
    sms: options.sms ?? createFileSmsGateway(harness.dataDir),
    log,
    clock: () => new Date(now),
    trustProxy: true,
    publicOrigin: options.publicOrigin,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });

  // The wiring app.ts is expected to do, in miniature.
  const app = new Hono();
  app.use('*', securityHeaders());
  app.route('/api/auth', createAuthRoutes(auth));
  app.route('/api/staff/invites', createStaffInviteRoutes(auth));
  app.all('/api/*', (c) => apiError(c, 404, 'route.notFound', 'No such API route'));
  app.onError((error, c) => {
    write('request.failed', { name: error.name, message: error.message });
    return apiError(c, 500, 'internal', 'Something went wrong on the server');
  });

  const outbox = () => {
    let text: string;
    try {
      text = readFileSync(smsOutboxPath(harness.dataDir), 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { at: string; phone: string; text: string });
  };

  let ipCounter = 0;
  const request = (path: string, init: RequestOptions = {}) => {
    const headers: Record<string, string> = {};
    if (!init.bare) {
      headers.origin = ORIGIN;
      headers['x-lastivka-request'] = '1';
    }
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.cookie !== undefined) headers.cookie = init.cookie;
    // A fresh address per request unless the test names one, so only the limit under test is reached.
    headers['x-forwarded-for'] = init.ip ?? `10.0.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`;
    if (init.deviceId !== undefined) headers['x-lastivka-client'] = init.deviceId;
    const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    return Promise.resolve(
      app.request(path, {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: { ...headers, ...init.headers },
        ...(body === undefined ? {} : { body }),
      }),
    );
  };

  const lastCode = (phone = PHONE) => {
    const line = outbox()
      .filter((entry) => entry.phone === phone)
      .at(-1);
    const code = line && /(\d{6})/.exec(line.text)?.[1];
    if (code === undefined) throw new Error('no code in the outbox');
    return code;
  };

  return {
    app,
    auth,
    store,
    harness,
    logLines,
    advance: (ms) => {
      now += ms;
    },
    now: () => new Date(now),
    lastCode,
    outbox,
    request,
    async signInCitizen(phone = PHONE) {
      const asked = await request('/api/auth/otp/request', { body: { phone } });
      if (asked.status !== 202) throw new Error(`otp/request answered ${asked.status}`);
      const verified = await request('/api/auth/otp/verify', { body: { phone, code: lastCode(phone) } });
      if (verified.status !== 200) throw new Error(`otp/verify answered ${verified.status}`);
      return cookieFrom(verified);
    },
    async createStaff(login, kind, oblasts = kind === 'caseworker' ? [KYIV] : []) {
      return store.createStaffUser(
        { kind, login, passwordHash: await hashPassword(STAFF_PASSWORD), oblasts },
        new Date(now),
      );
    },
    async signInStaff(login) {
      const response = await request('/api/auth/staff/login', { body: { login, password: STAFF_PASSWORD } });
      if (response.status !== 200) throw new Error(`staff/login answered ${response.status}`);
      return cookieFrom(response);
    },
    dispose: () => harness.dispose(),
  };
}
