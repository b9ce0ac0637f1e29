import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import type { Store } from '../../src/server/store/store';
import {
  CLIENT_ID_HEADER,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PUSH_MAX_BYTES,
  type PullResponse,
  type PushResponse,
} from '../../src/shared/protocol';
import {
  type Backend,
  countRows,
  createTestApp,
  KYIV,
  memoryLog,
  ORIGIN,
  openBackend,
  type Person,
  type TestApp,
} from './authz/test-app';
import { newId, pushRequest, setFieldsMutation, submitMutation } from './fixtures';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

let backend: Backend;
let store: Store;
let log: ReturnType<typeof memoryLog>;
let t: TestApp;
let app: Hono;
/** The signed-in person every push and pull below is made as, unless a test says otherwise. */
let citizen: Person;

beforeEach(async () => {
  backend = await openBackend('sqlite');
  store = backend.store;
  t = await createTestApp(backend);
  app = t.app;
  log = { lines: t.logLines, info: () => undefined, warn: () => undefined, error: () => undefined };
  citizen = await t.signInCitizen('+380501234567');
});

afterEach(async () => {
  await backend.dispose();
});

/** What the data worker sends with a push: its session cookie, and the CSRF header (Origin comes by itself). */
const writeHeaders = (cookie: string) => ({ cookie, origin: ORIGIN, 'x-lastivka-request': '1' });

function postPush(body: BodyInit, headers: Record<string, string> = {}, as = citizen): Promise<Response> {
  return Promise.resolve(
    app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...writeHeaders(as.cookie), ...headers },
      body,
    }),
  );
}

function pull(
  query: string,
  headers: Record<string, string>,
  as: Person | null = citizen,
): Promise<Response> {
  return Promise.resolve(
    app.request(`/api/sync/pull${query}`, { headers: { ...(as ? { cookie: as.cookie } : {}), ...headers } }),
  );
}

const pullHeaders = (clientId: string) => ({
  [CLIENT_ID_HEADER]: clientId,
  [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
});

describe('GET /api/health', () => {
  it('reports the protocol version and store', async () => {
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      protocolVersion: PROTOCOL_VERSION,
      store: 'sqlite',
    });
  });
});

describe('POST /api/sync/push', () => {
  it('applies a valid push', async () => {
    const clientId = newId();
    const mutation = submitMutation(1);
    const response = await postPush(JSON.stringify(pushRequest(clientId, [mutation])));

    expect(response.status).toBe(200);
    const body = (await response.json()) as PushResponse;
    expect(body.lastMutationId).toBe(1);
    expect(body.results).toEqual([
      { id: 1, status: 'applied', recordId: mutation.recordId, version: 1, acceptedAt: expect.any(String) },
    ]);
    expect(await store.countRecords()).toBe(1);
  });

  it('accepts a gzip-encoded body', async () => {
    const body = gzipSync(JSON.stringify(pushRequest(newId(), [submitMutation(1), submitMutation(2)])));
    const response = await postPush(body, { 'content-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(await store.countRecords()).toBe(2);
  });

  it('returns the rejection reasons of invalid service data with 200, since the batch itself was fine', async () => {
    const response = await postPush(
      JSON.stringify(pushRequest(newId(), [submitMutation(1, { fields: {} })])),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as PushResponse;
    expect(body.results[0]).toMatchObject({ status: 'rejected', reason: 'record.invalid' });
    expect(await store.countRecords()).toBe(0);
  });

  const valid = () => pushRequest(newId(), [submitMutation(1)]);
  const hugeDescription = 'я'.repeat(PUSH_MAX_BYTES);

  const badCases: {
    name: string;
    send: () => Promise<Response>;
    status: number;
    error: string;
    issue?: string;
  }[] = [
    {
      name: 'malformed JSON',
      send: () => postPush('{"protocolVersion": 1,'),
      status: 400,
      error: 'json.malformed',
    },
    {
      name: 'invalid UTF-8',
      send: () => postPush(new Uint8Array([0x7b, 0xff, 0x7d])),
      status: 400,
      error: 'json.malformed',
    },
    {
      name: 'wrong types',
      send: () =>
        postPush(JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId: 5, mutations: 'all' })),
      status: 400,
      error: 'push.invalid',
    },
    {
      name: 'an unknown mutation type',
      send: () =>
        postPush(
          JSON.stringify({
            ...valid(),
            mutations: [{ ...submitMutation(1), type: 'idpRegistration/submit' }],
          }),
        ),
      status: 400,
      error: 'push.invalid',
      issue: 'mutation.unknownType',
    },
    {
      name: 'unknown envelope fields',
      send: () => postPush(JSON.stringify({ ...valid(), admin: true })),
      status: 400,
      error: 'push.invalid',
    },
    {
      name: 'no mutations',
      send: () => postPush(JSON.stringify({ ...valid(), mutations: [] })),
      status: 400,
      error: 'push.invalid',
      issue: 'push.empty',
    },
    {
      name: 'mutation ids not increasing',
      send: () => postPush(JSON.stringify({ ...valid(), mutations: [submitMutation(2), submitMutation(1)] })),
      status: 400,
      error: 'push.invalid',
      issue: 'push.idsNotIncreasing',
    },
    {
      name: 'a JSON array',
      send: () => postPush('[]'),
      status: 400,
      error: 'push.invalid',
    },
    {
      name: 'a text/plain body',
      send: () => postPush(JSON.stringify(valid()), { 'content-type': 'text/plain' }),
      status: 415,
      error: 'contentType.unsupported',
    },
    {
      name: 'a form body',
      send: () => postPush('a=b', { 'content-type': 'application/x-www-form-urlencoded' }),
      status: 415,
      error: 'contentType.unsupported',
    },
    {
      name: 'a content encoding other than gzip',
      send: () => postPush(brotliCompressSync(JSON.stringify(valid())), { 'content-encoding': 'br' }),
      status: 415,
      error: 'encoding.unsupported',
    },
    {
      name: 'a corrupt gzip body',
      send: () => postPush(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), { 'content-encoding': 'gzip' }),
      status: 400,
      error: 'encoding.malformed',
    },
    {
      name: 'a streamed body over the limit',
      send: () =>
        postPush(
          JSON.stringify({
            ...valid(),
            mutations: [submitMutation(1, { fields: { description: hugeDescription } })],
          }),
        ),
      status: 413,
      error: 'payload.tooLarge',
    },
    {
      name: 'a chunked upload without Content-Length that keeps going past the limit',
      send: () => {
        let sent = 0;
        const chunk = new TextEncoder().encode(`[${'1,'.repeat(8 * 1024)}`);
        const endless = new ReadableStream<Uint8Array>({
          pull(controller) {
            // Never ends: only counting the bytes as they arrive can stop this one.
            sent += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
        const request = new Request('http://localhost/api/sync/push', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...writeHeaders(citizen.cookie) },
          body: endless,
          duplex: 'half',
        } as RequestInit);
        return Promise.resolve(app.request(request)).finally(() =>
          expect(sent).toBeLessThan(2 * PUSH_MAX_BYTES),
        );
      },
      status: 413,
      error: 'payload.tooLarge',
    },
    {
      name: 'a declared Content-Length over the limit',
      send: () => postPush('{}', { 'content-length': String(PUSH_MAX_BYTES + 1) }),
      status: 413,
      error: 'payload.tooLarge',
    },
    {
      name: 'a gzip bomb',
      // 64 MB of one repeated byte squeezes into about 64 KB, well under the wire limit.
      send: () => postPush(gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)), { 'content-encoding': 'gzip' }),
      status: 413,
      error: 'payload.tooLarge',
    },
    {
      name: 'an older protocol version with a shape this server no longer knows',
      send: () => postPush(JSON.stringify({ protocolVersion: 0, items: [{ anything: true }] })),
      status: 426,
      error: 'protocol.outdated',
    },
    {
      name: 'protocol version 1 (flat damageReport/submit mutations)',
      send: () =>
        postPush(
          JSON.stringify({
            protocolVersion: 1,
            clientId: newId(),
            mutations: [{ id: 1, type: 'damageReport/submit', recordId: newId(), data: {} }],
          }),
        ),
      status: 426,
      error: 'protocol.outdated',
    },
    {
      name: 'a newer protocol version',
      send: () => postPush(JSON.stringify({ ...valid(), protocolVersion: PROTOCOL_VERSION + 1 })),
      status: 426,
      error: 'protocol.outdated',
    },
  ];

  for (const badCase of badCases) {
    it(`refuses ${badCase.name} with ${badCase.status} and writes nothing`, async () => {
      const before = await store.countRecords();
      const response = await badCase.send();

      expect(response.status).toBe(badCase.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as {
        error: string;
        message: string;
        issues?: { message: string }[];
      };
      expect(body.error).toBe(badCase.error);
      expect(body.message).toEqual(expect.any(String));
      if (badCase.issue) expect(body.issues?.map((issue) => issue.message)).toContain(badCase.issue);
      expect(await store.countRecords()).toBe(before);
    });
  }

  it('says "please update" for an old protocol', async () => {
    const response = await postPush(JSON.stringify({ protocolVersion: 0 }));
    expect(await response.json()).toEqual({ error: 'protocol.outdated', message: 'Please update the app' });
  });

  it('lists the fields at fault', async () => {
    const response = await postPush(JSON.stringify({ ...valid(), clientId: 'not-a-uuid' }));
    const body = (await response.json()) as { issues: { field: string; message: string }[] };
    expect(body.issues).toContainEqual({ field: 'clientId', message: 'clientId.invalid' });
  });

  it('answers 503 with Retry-After, and no internals, when the store fails', async () => {
    const failing: Store = {
      ...store,
      kind: store.kind,
      applyPush: () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error')),
    };
    const failingApp = await createTestApp(backend, { store: failing });
    const response = await failingApp.request('/api/sync/push', { cookie: citizen.cookie, body: valid() });

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'store.unavailable' });
    expect(text).not.toMatch(/SQLITE|disk/);
    expect(failingApp.logLines).toContainEqual(expect.objectContaining({ event: 'store.failed' }));
  });
});

describe('GET /api/sync/pull', () => {
  it('pages through the client own changes', async () => {
    const clientId = newId();
    const mutations = [submitMutation(1), submitMutation(2), submitMutation(3)];
    await postPush(JSON.stringify(pushRequest(clientId, mutations)));
    const other = await t.signInCitizen('+380671234567');
    await postPush(JSON.stringify(pushRequest(newId(), [submitMutation(1)])), {}, other);

    const first = await pull('?limit=2', pullHeaders(clientId));
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as PullResponse;
    expect(page1).toMatchObject({ hasMore: true, lastMutationId: 3 });

    const second = await pull(`?limit=2&after=${encodeURIComponent(page1.cursor)}`, pullHeaders(clientId));
    const page2 = (await second.json()) as PullResponse;
    expect(page2.hasMore).toBe(false);
    expect([...page1.changes, ...page2.changes].map((change) => change.recordId)).toEqual(
      mutations.map((mutation) => mutation.recordId),
    );
  });

  it.each([
    ['a missing client header', { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) }, '', CLIENT_ID_HEADER],
    [
      'an invalid client header',
      { ...pullHeaders('x'), [CLIENT_ID_HEADER]: 'not-a-uuid' },
      '',
      CLIENT_ID_HEADER,
    ],
    ['a missing protocol header', { [CLIENT_ID_HEADER]: newId() }, '', PROTOCOL_HEADER],
    ['a bad limit', pullHeaders(newId()), '?limit=0', 'limit'],
    ['a limit over the maximum', pullHeaders(newId()), '?limit=100000', 'limit'],
    ['a malformed cursor', pullHeaders(newId()), '?after=abc', 'after'],
    ['a cursor this store never issued', pullHeaders(newId()), '?after=1:2', 'after'],
  ])('refuses %s with 400', async (_name, headers, query, field) => {
    const response = await pull(query, headers);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: { field: string }[] };
    expect(body.error).toBe('pull.invalid');
    expect(body.issues.map((issue) => issue.field)).toContain(field);
  });

  it.each(['0', '1'])('says "please update" to a client on protocol %s', async (version) => {
    const response = await pull('', { ...pullHeaders(newId()), [PROTOCOL_HEADER]: version });
    expect(response.status).toBe(426);
    expect(await response.json()).toMatchObject({ error: 'protocol.outdated' });
  });
});

describe('every response', () => {
  it('carries the security headers', async () => {
    const response = await app.request('/api/health');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('adds HSTS over HTTPS only', async () => {
    const direct = await app.request('https://lastivka.example/api/health');
    expect(direct.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const proxied = await app.request('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('marks API answers, errors included, as not cacheable', async () => {
    const responses = [
      await app.request('/api/health'),
      await postPush('nope'),
      await pull('', {}),
      await app.request('/api/nowhere'),
    ];
    for (const response of responses) expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers unknown API routes with JSON 404', async () => {
    const response = await app.request('/api/nowhere', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'route.notFound' });
  });

  it('turns an unexpected failure into JSON 500 without a stack', async () => {
    const log = memoryLog();
    const broken = {
      ...store,
      get kind(): never {
        throw new Error('secret internals');
      },
    } as Store;
    const brokenApp = createApp({ store: broken, log });
    const response = await brokenApp.request('/api/health');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'internal' });
    expect(text).not.toContain('secret');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(log.lines).toContainEqual(
      expect.objectContaining({ event: 'request.failed', message: 'secret internals' }),
    );
  });

  it('logs the route pattern, never the URL or query', async () => {
    const clientId = newId();
    log.lines.length = 0;
    await pull('?after=12&limit=5', pullHeaders(clientId));
    const line = log.lines.find((entry) => entry.event === 'request');
    expect(line).toMatchObject({ method: 'GET', route: '/api/sync/pull', status: 200 });
    expect(JSON.stringify(log.lines)).not.toMatch(/after|limit=|12/);
    expect(JSON.stringify(log.lines)).not.toContain(clientId);
  });
});

describe('static app', () => {
  let staticDir: string;
  let staticApp: Hono;
  const script = 'console.log("Ластівка");'.repeat(50);

  beforeEach(() => {
    staticDir = mkdtempSync(path.join(tmpdir(), 'lastivka-static-'));
    mkdirSync(path.join(staticDir, 'assets'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Lastivka</title>');
    writeFileSync(path.join(staticDir, 'sw.js'), 'self.skipWaiting();');
    writeFileSync(path.join(staticDir, 'manifest.webmanifest'), '{}');
    writeFileSync(path.join(staticDir, 'robots.txt'), 'User-agent: *');
    writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js'), script);
    writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
    staticApp = createApp({ store, staticDir, log: memoryLog() });
  });

  afterEach(() => {
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('serves hashed assets as immutable, precompressed when the browser accepts brotli', async () => {
    const response = await staticApp.request('/assets/app-abc123.js', {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(script);
  });

  it('serves the plain file to a browser without brotli', async () => {
    const response = await staticApp.request('/assets/app-abc123.js');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe(script);
  });

  it.each([
    ['/', 'no-cache'],
    ['/index.html', 'no-cache'],
    ['/sw.js', 'no-cache'],
    ['/manifest.webmanifest', 'no-cache'],
    ['/robots.txt', 'public, max-age=3600'],
  ])('serves %s with Cache-Control %s', async (url, cacheControl) => {
    const response = await staticApp.request(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
  });

  it('answers a deep link navigation with the app shell', async () => {
    const response = await staticApp.request('/reports/LV-1234-5678', {
      headers: { accept: 'text/html,*/*' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>Lastivka</title>');
  });

  it('does not disguise a missing script or API route as the app shell', async () => {
    expect((await staticApp.request('/assets/missing.js')).status).toBe(404);
    const api = await staticApp.request('/api/missing', { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuses to serve files outside the static directory', async () => {
    const response = await staticApp.request('/..%2f..%2fetc/passwd', { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toContain('root:');
  });
});

describe('sync needs a signed-in citizen or volunteer', () => {
  it('answers 401 auth.required to a push or pull without a session, and writes nothing', async () => {
    const before = await countRows(backend);
    const pushed = await Promise.resolve(
      app.request('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-lastivka-request': '1' },
        body: JSON.stringify(pushRequest(newId(), [submitMutation(1)])),
      }),
    );
    expect(pushed.status).toBe(401);
    expect(await pushed.json()).toMatchObject({ error: 'auth.required' });
    const pulled = await pull('', pullHeaders(newId()), null);
    expect(pulled.status).toBe(401);
    expect(await pulled.json()).toMatchObject({ error: 'auth.required' });
    expect(await countRows(backend)).toEqual(before);
  });

  it('answers 401 to a revoked or made-up session', async () => {
    const leaving = await t.signInCitizen('+380931234567');
    await t.request('/api/auth/logout', { cookie: leaving.cookie, body: {} });
    const revoked = await postPush(JSON.stringify(pushRequest(newId(), [submitMutation(1)])), {}, leaving);
    expect(revoked.status).toBe(401);
    const madeUp = { ...citizen, cookie: `lastivka_session=${'A'.repeat(43)}` };
    expect(
      (await postPush(JSON.stringify(pushRequest(newId(), [submitMutation(1)])), {}, madeUp)).status,
    ).toBe(401);
    expect(await store.countRecords()).toBe(0);
  });

  it('answers 403 to staff, who have their own API', async () => {
    await t.createStaff('o.petrenko', 'caseworker', [KYIV]);
    const caseworker = await t.signInStaff('o.petrenko');
    const pushed = await postPush(JSON.stringify(pushRequest(newId(), [submitMutation(1)])), {}, caseworker);
    expect(pushed.status).toBe(403);
    expect(await pushed.json()).toMatchObject({ error: 'auth.forbidden' });
    expect((await pull('', pullHeaders(newId()), caseworker)).status).toBe(403);
    expect(await store.countRecords()).toBe(0);
  });

  it("takes the owner from the session: another person's device profile is refused with 403, nothing written", async () => {
    const clientId = newId();
    const mine = submitMutation(1);
    expect((await postPush(JSON.stringify(pushRequest(clientId, [mine])))).status).toBe(200);

    const other = await t.signInCitizen('+380671234567');
    const before = await countRows(backend);
    const pushed = await postPush(JSON.stringify(pushRequest(clientId, [submitMutation(2)])), {}, other);
    expect(pushed.status).toBe(403);
    expect(await pushed.json()).toMatchObject({ error: 'client.otherUser' });
    const pulled = await pull('', pullHeaders(clientId), other);
    expect(pulled.status).toBe(403);
    expect(await pulled.json()).toMatchObject({ error: 'client.otherUser' });
    expect(await countRows(backend)).toEqual(before);

    // From a device of their own, the other person still cannot touch the record.
    const edit = await postPush(
      JSON.stringify(
        pushRequest(newId(), [
          setFieldsMutation(1, mine.recordId, [{ path: 'propStreet', base: null, value: 'x' }]),
        ]),
      ),
      {},
      other,
    );
    expect(((await edit.json()) as PushResponse).results[0]).toMatchObject({
      status: 'rejected',
      reason: 'record.notFound',
    });
    expect((await store.getRecord(mine.recordId, 'all'))?.record.version).toBe(1);
  });

  it("shows a person's records on every device of theirs, and nobody else's", async () => {
    const mine = submitMutation(1);
    await postPush(JSON.stringify(pushRequest(newId(), [mine])));
    const other = await t.signInCitizen('+380671234567');
    await postPush(JSON.stringify(pushRequest(newId(), [submitMutation(1)])), {}, other);

    const secondDevice = await pull('?limit=50', pullHeaders(newId()));
    const page = (await secondDevice.json()) as PullResponse;
    expect(page.changes.map((change) => change.recordId)).toEqual([mine.recordId]);
  });
});

describe('CSRF on every write to the API', () => {
  const cases: [string, Record<string, string>][] = [
    ['no X-Lastivka-Request header', { 'x-lastivka-request': '' }],
    ['another site as Origin', { origin: 'https://evil.example' }],
    ['X-Lastivka-Request other than 1', { 'x-lastivka-request': 'yes' }],
  ];
  it.each(cases)('refuses a push with %s (403 csrf.rejected, nothing written)', async (_name, headers) => {
    const response = await postPush(JSON.stringify(pushRequest(newId(), [submitMutation(1)])), headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'csrf.rejected' });
    expect(await store.countRecords()).toBe(0);
  });

  it('accepts a push without Origin when the browser says it is same-origin (Sec-Fetch-Site)', async () => {
    const response = await Promise.resolve(
      app.request('/api/sync/push', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: citizen.cookie,
          'sec-fetch-site': 'same-origin',
          'x-lastivka-request': '1',
        },
        body: JSON.stringify(pushRequest(newId(), [submitMutation(1)])),
      }),
    );
    expect(response.status).toBe(200);
  });

  it('guards unknown API routes too, and leaves reads alone', async () => {
    const unknown = await app.request('/api/nowhere', { method: 'POST' });
    expect(unknown.status).toBe(403);
    expect((await pull('', pullHeaders(newId()))).status).toBe(200);
  });
});

describe('mass assignment through a push', () => {
  it('refuses a submission that sets the status or office fields, writing nothing', async () => {
    const pushed = await postPush(
      JSON.stringify(
        pushRequest(newId(), [
          submitMutation(1, {
            fields: { ...submitMutation(1).fields, status: 'approved', officeNote: 'Перевірено' },
          }),
        ]),
      ),
    );
    const body = (await pushed.json()) as PushResponse;
    expect(body.results[0]).toMatchObject({ status: 'rejected', reason: 'field.officeOwned' });
    expect(await store.countRecords()).toBe(0);
  });

  it('refuses edits of the status, the decision or the office note', async () => {
    const mine = submitMutation(1);
    await postPush(JSON.stringify(pushRequest(citizen.clientId, [mine])));
    for (const [index, path] of ['status', 'decisionReason', 'officeNote'].entries()) {
      const pushed = await postPush(
        JSON.stringify(
          pushRequest(citizen.clientId, [
            setFieldsMutation(index + 2, mine.recordId, [
              { path, base: path === 'status' ? 'received' : null, value: 'approved' },
            ]),
          ]),
        ),
      );
      const result = ((await pushed.json()) as PushResponse).results[0];
      expect(result, path).toMatchObject({ status: 'rejected' });
    }
    const stored = await store.getRecord(mine.recordId, 'all');
    expect(stored?.record).toMatchObject({ status: 'received', version: 1 });
    expect(stored?.record.fields.officeNote).toBeUndefined();
  });

  it.each([
    ['an owner', { userId: 'someone' }],
    ['a role', { kind: 'admin' }],
    ['a scope', { oblasts: [KYIV] }],
  ])('refuses a push envelope that names %s (400, nothing written)', async (_name, extra) => {
    const response = await postPush(
      JSON.stringify({ ...pushRequest(newId(), [submitMutation(1)]), ...extra }),
    );
    expect(response.status).toBe(400);
    expect(await store.countRecords()).toBe(0);
  });
});
