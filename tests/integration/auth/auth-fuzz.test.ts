import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_SQLITE_FILE_NAME } from '../../../src/server/identity-store';
import { type AuthTestApp, createAuthTestApp, KYIV, PHONE, STAFF_PASSWORD } from './auth-test-app';

// Every /api/auth route and the staff invite route, with valid, mutated and malformed bodies,
// wrong content types, deep nesting and prototype keys. Two properties: never a 5xx, and a
// refusal (4xx) writes nothing. The only writes a refusal may make are the ones that make abuse
// expensive: a rate-limit counter, and the attempt counted against a one-time code.

const ROUTES = [
  { path: '/api/auth/otp/request', valid: () => ({ phone: PHONE }), as: 'anonymous' },
  { path: '/api/auth/otp/verify', valid: () => ({ phone: PHONE, code: '123456' }), as: 'anonymous' },
  {
    path: '/api/auth/staff/login',
    valid: () => ({ login: 'o.petrenko', password: STAFF_PASSWORD }),
    as: 'anonymous',
  },
  // Logout reads no body, so there is no input to refuse: it always signs out.
  { path: '/api/auth/logout', valid: () => ({}), as: 'leaving', readsBody: false },
  // Nor does signing out everywhere; it ends every session of its person, so each run gets a new one.
  { path: '/api/auth/sessions/revoke-all', valid: () => ({}), as: 'everywhere', readsBody: false },
  { path: '/api/auth/invites/redeem', valid: () => ({ code: 'ABCDEFGHJK' }), as: 'citizen' },
  { path: '/api/staff/invites', valid: () => ({ oblast: KYIV }), as: 'caseworker' },
] as const;

const TABLES = ['users', 'sessions', 'otp_codes', 'rate_buckets', 'invites', 'audit_log'] as const;
// Bodies refused before any service runs: nothing at all may change, not even a counter.
const INPUT_REFUSALS = new Set([
  'request.invalid',
  'json.malformed',
  'json.forbiddenKey',
  'contentType.unsupported',
  'payload.tooLarge',
  'encoding.unsupported',
  'encoding.malformed',
]);

let t: AuthTestApp;
let reader: Database.Database;
let cookies: Record<'anonymous' | 'citizen' | 'leaving' | 'caseworker', string | undefined>;
/** Whose sessions signing out everywhere ends, one new session per run. */
let everywhereUserId: string;

beforeAll(async () => {
  // Generous limits, so most runs reach the services instead of stopping at a 429.
  const big = { limit: 100_000, windowSeconds: 3600 };
  t = await createAuthTestApp({
    limits: {
      otpPerPhone: big,
      otpPerIp: big,
      otpPerDevice: big,
      verifyPerIp: big,
      staffLoginPerIp: big,
      staffLoginPerLogin: big,
      inviteRedeemPerUser: big,
    },
  });
  await t.createStaff('o.petrenko', 'caseworker', [KYIV]);
  cookies = {
    anonymous: undefined,
    citizen: await t.signInCitizen('+380671112233'),
    // Logout revokes its session; the other routes keep theirs.
    leaving: await t.signInCitizen('+380931112233'),
    caseworker: await t.signInStaff('o.petrenko'),
  };
  await t.signInCitizen('+380951112233');
  everywhereUserId = (await t.store.findUserByPhone('+380951112233'))!.userId;
  reader = new Database(path.join(t.harness.dataDir, IDENTITY_SQLITE_FILE_NAME), { readonly: true });
});

afterAll(async () => {
  reader.close();
  await t.dispose();
});

function snapshot(): Record<string, string> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    result[table] = JSON.stringify(reader.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all());
  }
  return result;
}

function withoutAttempts(otpCodes: string): string {
  return JSON.stringify(
    (JSON.parse(otpCodes) as Record<string, unknown>[]).map(({ attempts: _, ...row }) => row),
  );
}

const nested = (depth: number, open: string, close: string, inner = '1') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

/** A request body and its headers: [body, content type or none, content encoding or none]. */
type Body = { readonly body: string | Uint8Array; readonly type?: string; readonly encoding?: string };

function bodies(valid: Record<string, unknown>): fc.Arbitrary<Body> {
  const json = (value: unknown): Body => ({ body: JSON.stringify(value), type: 'application/json' });
  const keys = Object.keys(valid);
  const mutatedValue = fc.oneof(
    fc.jsonValue(),
    fc.string({ maxLength: 40 }),
    fc.string({ minLength: 2000, maxLength: 5000 }),
    fc.constantFrom(
      '',
      ' ',
      '+380',
      '0501234567',
      '０５０１２３４５６７',
      '\u0000',
      '<script>',
      '12345678',
      '999999',
    ),
  );
  return fc.oneof(
    fc.constant(json(valid)),
    // One field changed, dropped or added.
    keys.length === 0
      ? fc.constant(json({}))
      : fc
          .tuple(fc.constantFrom(...keys), mutatedValue)
          .map(([key, value]) => json({ ...valid, [key]: value })),
    fc.constantFrom(...(keys.length === 0 ? ['x'] : keys)).map((key) => {
      const { [key]: _, ...rest } = valid;
      return json(rest);
    }),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue())
      .map(([key, value]) => json({ ...valid, [key]: value })),
    // Whatever JSON, including arrays, numbers and null at the top.
    fc.jsonValue().map(json),
    // Not JSON at all.
    fc.string({ maxLength: 200 }).map((text) => ({ body: text, type: 'application/json' })),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ body: bytes, type: 'application/json' })),
    // Prototype keys, at the top and nested.
    fc
      .constantFrom(
        `{"__proto__":{"kind":"admin"},${JSON.stringify(valid).slice(1)}`,
        `{"constructor":{"prototype":{"kind":"admin"}},${JSON.stringify(valid).slice(1)}`,
        `{"a":{"b":{"__proto__":{"polluted":true}}}}`,
        '{"__proto__":null}',
      )
      .map((body) => ({ body, type: 'application/json' })),
    // Deep nesting, under and over the size limit.
    fc
      .integer({ min: 10, max: 3000 })
      .map((depth) => ({ body: nested(depth, '[', ']'), type: 'application/json' })),
    fc
      .integer({ min: 10, max: 1000 })
      .map((depth) => ({ body: nested(depth, '{"a":', '}'), type: 'application/json' })),
    // Wrong or missing content types with a valid body.
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
        undefined,
      )
      .map((type) => ({ body: JSON.stringify(valid), ...(type === undefined ? {} : { type }) })),
    // Encodings: a real gzip, a fake one, an unknown one, a bomb.
    fc.constant({ body: gzipSync(JSON.stringify(valid)), type: 'application/json', encoding: 'gzip' }),
    fc.constant({ body: 'not gzip', type: 'application/json', encoding: 'gzip' }),
    fc.constant({ body: JSON.stringify(valid), type: 'application/json', encoding: 'br' }),
    fc.constant({ body: gzipSync(Buffer.alloc(1_000_000, 32)), type: 'application/json', encoding: 'gzip' }),
  );
}

describe('fuzzing the auth API', () => {
  for (const route of ROUTES) {
    it(`${route.path}: never a 5xx, and a refusal writes nothing`, async () => {
      let reachedService = 0;
      let refusedInput = 0;
      await fc.assert(
        fc.asyncProperty(bodies(route.valid()), async (input) => {
          const cookie =
            route.as === 'everywhere'
              ? `lastivka_session=${(await t.auth.sessions.createSession(everywhereUserId, null)).token}`
              : cookies[route.as];
          const before = snapshot();
          const headers: Record<string, string> = {};
          if (input.type !== undefined) headers['content-type'] = input.type;
          if (input.encoding !== undefined) headers['content-encoding'] = input.encoding;
          const response = await t.request(route.path, {
            method: 'POST',
            raw: input.body as BodyInit,
            headers,
            ...(cookie === undefined ? {} : { cookie }),
          });
          expect(response.status).toBeLessThan(500);
          if (response.status < 400) {
            reachedService++;
            return;
          }
          const body = (await response.json()) as { error: string };
          const after = snapshot();
          if (INPUT_REFUSALS.has(body.error)) {
            refusedInput++;
            expect(after).toEqual(before);
            return;
          }
          reachedService++;
          const { rate_buckets: _a, otp_codes: otpBefore, ...restBefore } = before;
          const { rate_buckets: _b, otp_codes: otpAfter, ...restAfter } = after;
          expect(restAfter).toEqual(restBefore);
          expect(withoutAttempts(otpAfter!)).toEqual(withoutAttempts(otpBefore!));
        }),
        { numRuns: 150 },
      );
      // The generators reach both the input checks and the service behind them.
      expect(reachedService).toBeGreaterThan(0);
      if (!('readsBody' in route)) expect(refusedInput).toBeGreaterThan(0);
    });
  }

  it('leaves Object.prototype alone', () => {
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
