import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, PUSH_MAX_BYTES } from '../../../src/shared/protocol';
import { VALID_FIELDS } from '../fixtures';
import { createWorld, listApiRoutes, type World } from './authz-world';
import { BACKENDS, countRows, KYIV, PROTOCOL_HEADERS, STAFF_PASSWORD, type TableName } from './test-app';

// Every /api route from the router, with valid, mutated and malformed bodies, wrong content types
// and encodings, deep nesting, prototype keys, huge strings, malformed path parameters and wrong
// query strings, as a signed-in caseworker and as a signed-in citizen. Two properties: never a
// 5xx, and a refusal (4xx) writes no row anywhere (the audit log included: only successful reads
// and writes are audited). A route missing from FUZZ fails, so new routes are fuzzed too.

type As = 'caseworker' | 'citizen';

interface FuzzRoute {
  /** A body the route accepts from someone (mutated below); none for GET. */
  readonly valid?: (world: World, as: As) => Record<string, unknown>;
  /** Valid query parameters, mutated below. */
  readonly query?: Readonly<Record<string, string>>;
  /** Extra headers the route reads (the pull's client and protocol headers). */
  readonly headers?: boolean;
}

const FUZZ: Readonly<Record<string, FuzzRoute>> = {
  'GET /api/health': {},
  'POST /api/sync/push': {
    valid: (world, as) => ({
      protocolVersion: PROTOCOL_VERSION,
      clientId: world.people[as === 'citizen' ? 'citizenA' : 'caseworkerX'].clientId,
      mutations: [
        {
          id: 1_000_000,
          type: 'record/setFields',
          recordId: world.recordIds.recordOfA,
          changes: [{ path: 'propStreet', base: VALID_FIELDS.propStreet, value: 'вул. Нова' }],
        },
      ],
    }),
  },
  'GET /api/sync/pull': { query: { limit: '50', after: '' }, headers: true },
  'POST /api/auth/otp/request': { valid: () => ({ phone: '+380501234567' }) },
  'POST /api/auth/otp/verify': { valid: () => ({ phone: '+380501234567', code: '123456' }) },
  'POST /api/auth/staff/login': { valid: () => ({ login: 'cw.spare', password: STAFF_PASSWORD }) },
  'POST /api/auth/logout': { valid: () => ({}) },
  'GET /api/auth/me': {},
  'POST /api/auth/invites/redeem': { valid: () => ({ code: 'ABCDEFGHJK' }) },
  'POST /api/staff/invites': { valid: () => ({ oblast: KYIV }) },
  'GET /api/staff/records': {
    query: { service: 'damageReport', status: 'received', from: '2026-01-01', to: '2026-12-31', limit: '20' },
  },
  'GET /api/staff/export.csv': { query: { service: 'damageReport', status: 'received', from: '2026-01-01' } },
  'GET /api/staff/records/:recordId': {},
  'GET /api/staff/records/:recordId/audit': {},
  'POST /api/staff/records/:recordId/assign': { valid: () => ({}) },
  'POST /api/staff/records/:recordId/status': { valid: () => ({ status: 'inReview', reason: 'Причина' }) },
  'POST /api/staff/records/:recordId/info-requests': { valid: () => ({ question: 'Додайте фото' }) },
  'POST /api/staff/records/:recordId/fields': {
    valid: () => ({ changes: [{ path: 'propStreet', base: VALID_FIELDS.propStreet, value: 'вул. Нова' }] }),
  },
  'POST /api/staff/records/:recordId/amendments/:amendmentId': { valid: () => ({ decision: 'decline' }) },
};

const ROUTES = listApiRoutes();
const RUNS = 40;

const printable = (maxLength: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${maxLength}}$`));
const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}1${close.repeat(depth)}`;

interface Body {
  readonly body: string | Uint8Array;
  readonly type?: string;
  readonly encoding?: string;
}

function bodies(valid: Record<string, unknown>): fc.Arbitrary<Body> {
  const json = (value: unknown): Body => ({ body: JSON.stringify(value), type: 'application/json' });
  const keys = Object.keys(valid);
  const text = JSON.stringify(valid);
  const mutatedValue = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ maxLength: 40 }),
    fc.integer({ min: 1, max: 8 }).map((kb) => 'я'.repeat(kb * 1024)),
    fc.constantFrom('', ' ', '\u0000', '<script>', '=1+1', '../../etc/passwd', -1, 1e308, null, [], {}),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(json(valid)) },
    keys.length === 0
      ? fc.constant(json({}))
      : fc
          .tuple(fc.constantFrom(...keys), mutatedValue)
          .map(([key, value]) => json({ ...valid, [key]: value })),
    // A key the route does not know: an owner, a role, a scope, or anything.
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(
            'userId',
            'ownerUserId',
            'kind',
            'role',
            'oblasts',
            'assignedTo',
            'status',
            'clientId',
          ),
          fc.string({ minLength: 1, maxLength: 12 }),
        ),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([key, value]) => json({ ...valid, [key]: value })),
    fc.jsonValue({ maxDepth: 4 }).map(json),
    fc.string({ maxLength: 200 }).map((body) => ({ body, type: 'application/json' })),
    fc.uint8Array({ maxLength: 200 }).map((body) => ({ body, type: 'application/json' })),
    fc
      .constantFrom(
        `{"__proto__":{"kind":"admin","oblasts":"all"},${text.slice(1)}`,
        `{"constructor":{"prototype":{"kind":"admin"}},${text.slice(1)}`,
        `${text.slice(0, -1)}${keys.length > 0 ? ',' : ''}"__proto__":{"isAdmin":true}}`,
        '{"a":{"b":{"__proto__":{"polluted":true}}}}',
        '{"__proto__":null}',
        '{"prototype":1}',
      )
      .map((body) => ({ body, type: 'application/json' })),
    fc
      .integer({ min: 10, max: 20_000 })
      .map((depth) => ({ body: nested(depth, '[', ']'), type: 'application/json' })),
    fc
      .integer({ min: 10, max: 5_000 })
      .map((depth) => ({ body: nested(depth, '{"a":', '}'), type: 'application/json' })),
    // Huge strings: under and over each route's limit (4 KB sign-in, 64 KB staff, 512 KB push).
    fc
      .constantFrom(2_000, 70_000, PUSH_MAX_BYTES + 10)
      .map((size) => json({ ...valid, [keys[0] ?? 'x']: 'z'.repeat(size) })),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
        'application/json; charset=latin1',
        undefined,
      )
      .map((type) => ({ body: text, ...(type === undefined ? {} : { type }) })),
    fc.constant({ body: '', type: 'application/json' }),
    fc.constant({ body: gzipSync(text), type: 'application/json', encoding: 'gzip' }),
    fc.constant({ body: 'not gzip', type: 'application/json', encoding: 'gzip' }),
    fc.constant({ body: text, type: 'application/json', encoding: 'br' }),
    fc.constant({ body: gzipSync(Buffer.alloc(2_000_000, 32)), type: 'application/json', encoding: 'gzip' }),
  );
}

/** A path parameter: a real record (in or out of scope), an unknown one, or garbage (raw or encoded). */
function recordParam(world: World): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(world.recordIds.recordOfA, world.recordIds.recordOfB) },
    fc.uuid().map(String),
    fc.string({ maxLength: 60 }).map(encodeURIComponent),
    fc.constantFrom(
      '%zz',
      '%E0%A4%A',
      '..%2f..%2fetc',
      '%00',
      'x'.repeat(5000),
      world.recordIds.recordOfA.toUpperCase(),
    ),
  );
}

function query(valid: Readonly<Record<string, string>> | undefined): fc.Arbitrary<string> {
  const encode = (entries: [string, string][]) =>
    entries.length === 0
      ? ''
      : `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
  const validEntries = Object.entries(valid ?? {});
  const value = fc.oneof(
    printable(30),
    fc.string({ maxLength: 30 }),
    fc.constantFrom('', '0', '-1', '1e9', '2026-02-30', 'received', 'closed', 'x'.repeat(3000)),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.subarray(validEntries).map(encode) },
    validEntries.length === 0
      ? fc.constant('')
      : fc
          .tuple(fc.subarray(validEntries), fc.constantFrom(...validEntries.map(([key]) => key)), value)
          .map(([entries, key, v]) => encode([...entries.filter(([k]) => k !== key), [key, v]])),
    fc
      .array(fc.tuple(fc.oneof(printable(10), fc.constantFrom('__proto__', 'constructor')), value), {
        maxLength: 4,
      })
      .map(encode),
    fc.constantFrom('?limit=1&limit=2', '?after=%zz', '?%', '?&&=&', '?status[]=received'),
  );
}

const CLIENT_HEADER = fc.oneof(fc.uuid().map(String), printable(50));
const PROTOCOL = fc.oneof(fc.constant(String(PROTOCOL_VERSION)), printable(12));

describe.each(BACKENDS)('fuzzing every route on %s', (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld(kind);
  }, 60_000);

  afterAll(async () => {
    await world?.dispose();
  });

  it('fuzzes every route the router has', () => {
    expect(
      ROUTES.filter((route) => !(route in FUZZ)),
      'routes without a fuzz entry',
    ).toEqual([]);
  });

  for (const as of ['caseworker', 'citizen'] as const) {
    it.each(ROUTES)(
      `%s as a ${as}: never a 5xx, never a row on a 4xx`,
      async (route) => {
        const spec = FUZZ[route];
        if (spec === undefined) throw new Error(`${route} has no fuzz entry: add it to FUZZ`);
        const [method, pattern] = route.split(' ') as ['GET' | 'POST', string];
        const person = world.people[as === 'citizen' ? 'citizenA' : 'caseworkerX'];
        const input = fc.record({
          recordId: recordParam(world),
          amendmentId: fc.oneof(fc.uuid().map(String), fc.string({ maxLength: 40 }).map(encodeURIComponent)),
          query: query(spec.query),
          body: spec.valid === undefined ? fc.constant(undefined) : bodies(spec.valid(world, as)),
          clientHeader: CLIENT_HEADER,
          protocol: PROTOCOL,
          otherMethod: fc.oneof(
            { weight: 9, arbitrary: fc.constant(undefined) },
            fc.constantFrom('PUT', 'DELETE', 'PATCH'),
          ),
        });
        await fc.assert(
          fc.asyncProperty(input, async (given) => {
            const url =
              pattern.replace(':recordId', given.recordId).replace(':amendmentId', given.amendmentId) +
              given.query;
            const headers: Record<string, string> = {};
            if (given.body?.type !== undefined) headers['content-type'] = given.body.type;
            if (given.body?.encoding !== undefined) headers['content-encoding'] = given.body.encoding;
            if (spec.headers)
              Object.assign(headers, PROTOCOL_HEADERS(given.clientHeader), {
                'x-lastivka-protocol': given.protocol,
              });
            // Logging out spends the session, so it gets one of its own each time.
            const cookie =
              route === 'POST /api/auth/logout'
                ? `lastivka_session=${(await world.t.auth.sessions.createSession(person.user.userId, null)).token}`
                : person.cookie;
            const before = await countRows(world.backend);
            const response = await world.t.request(url, {
              method: given.otherMethod ?? method,
              cookie,
              headers,
              ...(given.body === undefined || (given.otherMethod ?? method) === 'GET'
                ? {}
                : { raw: given.body.body as BodyInit }),
            });
            const text = await response.text();
            expect(response.status, `${route} → ${response.status} ${text.slice(0, 200)}`).toBeLessThan(500);
            if (response.status < 400) return;
            const after = await countRows(world.backend);
            // A refused sign-in attempt is counted on purpose (rate limits); nothing else may change.
            const counted: readonly TableName[] = route.startsWith('POST /api/auth/') ? ['rate_buckets'] : [];
            for (const table of Object.keys(before) as TableName[]) {
              if (!counted.includes(table))
                expect(after[table], `${route} → ${response.status} wrote to ${table}`).toBe(before[table]);
            }
          }),
          { numRuns: RUNS },
        );
      },
      120_000,
    );
  }

  it('leaves Object.prototype alone', () => {
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
