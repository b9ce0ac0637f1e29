import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app';
import { createAuth, createFileSmsGateway, hashPassword } from '../../../src/server/auth';
import { type IdentityStore, openSqliteIdentityStore } from '../../../src/server/identity-store';
import type { Log } from '../../../src/server/log';
import { openSqliteStore } from '../../../src/server/store/sqlite/sqlite-store';
import type { Store } from '../../../src/server/store/store';
import { cookieFrom, KYIV, ORIGIN, PHONE, SECRET, STAFF_PASSWORD } from './auth-test-app';

// The auth layer inside the real app: one database file for both stores, the app's own headers.
const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
let dataDir: string;
let store: Store;
let identity: IdentityStore;
let app: Hono;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lastivka-wired-'));
  store = await openSqliteStore(dataDir);
  identity = await openSqliteIdentityStore(dataDir);
  const auth = createAuth({
    store: identity,
    secret: SECRET,
    sms: createFileSmsGateway(dataDir),
    log: quiet,
  });
  app = createApp({ store, log: quiet, auth });
});

afterEach(async () => {
  await identity.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string, body: unknown, cookie?: string) =>
  Promise.resolve(
    app.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: ORIGIN,
        'x-lastivka-request': '1',
        ...(cookie === undefined ? {} : { cookie }),
      },
      body: JSON.stringify(body),
    }),
  );

describe('createApp with auth', () => {
  it('serves /api/auth with the app headers and no-store', async () => {
    const response = await post('/api/auth/otp/request', { phone: PHONE });
    expect(response.status).toBe(202);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await app.request('/api/auth/nothing')).status).toBe(404);
  });

  it('lets a signed-in caseworker make an invite without the staff token', async () => {
    await identity.createStaffUser(
      {
        kind: 'caseworker',
        login: 'o.petrenko',
        passwordHash: await hashPassword(STAFF_PASSWORD),
        oblasts: [KYIV],
      },
      new Date(),
    );
    const signedIn = await post('/api/auth/staff/login', { login: 'o.petrenko', password: STAFF_PASSWORD });
    expect(signedIn.status).toBe(200);
    const invite = await post('/api/staff/invites', {}, cookieFrom(signedIn));
    expect(invite.status).toBe(201);
    expect(await invite.json()).toMatchObject({ oblast: KYIV });
  });

  it('leaves the app as it was without auth', async () => {
    const bare = createApp({ store, log: quiet });
    expect((await bare.request('/api/auth/me')).status).toBe(404);
  });
});
