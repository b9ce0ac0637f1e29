import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { Log, LogFields } from '../../src/server/log';
import { openSqliteStore } from '../../src/server/store/sqlite/sqlite-store';
import type { Store } from '../../src/server/store/store';
import {
  CLIENT_ID_HEADER,
  type Mutation,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
  type RecordChange,
} from '../../src/shared/protocol';
import {
  newId,
  OTHER_STREET,
  pushRequest,
  resolveConflictMutation,
  STAFF_TOKEN,
  setFieldsMutation,
  submitMutation,
  VALID_FIELDS,
} from './fixtures';

const silentLog: Log & { lines: (LogFields & { event: string })[] } = {
  lines: [],
  info(event, fields) {
    silentLog.lines.push({ event, ...fields });
  },
  warn() {},
  error() {},
};

let dataDir: string;
let store: Store;
let app: Hono;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lastivka-staff-'));
  store = await openSqliteStore(dataDir);
  silentLog.lines.length = 0;
  app = createApp({ store, log: silentLog, staffApiToken: STAFF_TOKEN });
});

afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${STAFF_TOKEN}` };

async function staffGet(url: string, headers: Record<string, string> = auth, on = app): Promise<Response> {
  return on.request(url, { headers });
}

async function staffPost(
  url: string,
  body: unknown,
  headers: Record<string, string> = auth,
  on = app,
): Promise<Response> {
  return on.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function push(clientId: string, mutations: Mutation[]): Promise<PushResponse> {
  const response = await app.request('/api/sync/push', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(pushRequest(clientId, mutations)),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as PushResponse;
}

async function pullAll(clientId: string): Promise<RecordChange[]> {
  const response = await app.request('/api/sync/pull?limit=500', {
    headers: { [CLIENT_ID_HEADER]: clientId, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as PullResponse).changes;
}

async function submittedRecord(clientId = newId()): Promise<{ clientId: string; recordId: string }> {
  const mutation = submitMutation(1);
  await push(clientId, [mutation]);
  return { clientId, recordId: mutation.recordId };
}

/** Every staff route with a valid body, for the auth and status sweeps. */
function routes(recordId: string, amendmentId = newId()) {
  return [
    {
      name: 'GET record',
      send: (headers: Record<string, string>, on?: Hono) =>
        staffGet(`/api/staff/records/${recordId}`, headers, on),
    },
    {
      name: 'POST status',
      send: (headers: Record<string, string>, on?: Hono) =>
        staffPost(`/api/staff/records/${recordId}/status`, { status: 'inReview' }, headers, on),
    },
    {
      name: 'POST info-requests',
      send: (headers: Record<string, string>, on?: Hono) =>
        staffPost(`/api/staff/records/${recordId}/info-requests`, { question: 'Фото?' }, headers, on),
    },
    {
      name: 'POST fields',
      send: (headers: Record<string, string>, on?: Hono) =>
        staffPost(
          `/api/staff/records/${recordId}/fields`,
          { changes: [{ path: 'propStreet', base: VALID_FIELDS.propStreet, value: OTHER_STREET }] },
          headers,
          on,
        ),
    },
    {
      name: 'POST amendments',
      send: (headers: Record<string, string>, on?: Hono) =>
        staffPost(
          `/api/staff/records/${recordId}/amendments/${amendmentId}`,
          { decision: 'accept' },
          headers,
          on,
        ),
    },
  ];
}

describe('staff API guard', () => {
  it('does not exist without STAFF_API_TOKEN', async () => {
    const closed = createApp({ store, log: silentLog });
    const { recordId } = await submittedRecord();
    for (const route of routes(recordId)) {
      const response = await route.send(auth, closed);
      expect(response.status, route.name).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'route.notFound' });
    }
    expect((await store.getRecord(recordId, 'all'))?.record.version).toBe(1);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: `Bearer ${STAFF_TOKEN.slice(0, -1)}x` }],
    ['a longer token', { authorization: `Bearer ${STAFF_TOKEN}0` }],
    ['another scheme', { authorization: `Basic ${STAFF_TOKEN}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers 401 to %s on every route and writes nothing', async (_name, headers) => {
    const { recordId } = await submittedRecord();
    for (const route of routes(recordId)) {
      const response = await route.send(headers as Record<string, string>);
      expect(response.status, route.name).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toMatchObject({ error: 'auth.required' });
    }
    expect((await store.getRecord(recordId, 'all'))?.record.version).toBe(1);
  });

  it('answers 404 for an unknown record on every route', async () => {
    for (const route of routes(newId())) {
      const response = await route.send(auth);
      expect(response.status, route.name).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'record.notFound' });
    }
  });

  it('answers 503 with Retry-After when the store fails', async () => {
    const failing: Store = {
      ...store,
      kind: store.kind,
      getRecord: () => Promise.reject(new Error('SQLITE_BUSY')),
      applyStaffAction: () => Promise.reject(new Error('SQLITE_BUSY')),
    };
    const failingApp = createApp({ store: failing, log: silentLog, staffApiToken: STAFF_TOKEN });
    for (const route of routes(newId())) {
      const response = await route.send(auth, failingApp);
      expect(response.status, route.name).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.text()).not.toContain('SQLITE');
    }
  });
});

describe('staff API', () => {
  it('shows the whole record, without the owner device id', async () => {
    const { clientId, recordId } = await submittedRecord();
    const response = await staffGet(`/api/staff/records/${recordId}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as RecordChange;
    expect(body).toMatchObject({ recordId, status: 'received', version: 1, fields: { ...VALID_FIELDS } });
    expect(JSON.stringify(body)).not.toContain(clientId);
    expect(silentLog.lines).toContainEqual(
      expect.objectContaining({ event: 'audit', action: 'read', recordId }),
    );
  });

  it('changes the status along the allowed transitions', async () => {
    const { clientId, recordId } = await submittedRecord();
    const review = await staffPost(`/api/staff/records/${recordId}/status`, { status: 'inReview' });
    expect(review.status).toBe(200);
    expect(await review.json()).toMatchObject({
      status: 'inReview',
      version: 2,
      fields: { status: 'inReview' },
    });

    const noReason = await staffPost(`/api/staff/records/${recordId}/status`, {
      status: 'rejected',
      reason: '  ',
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ error: 'status.reasonRequired' });

    const rejected = await staffPost(`/api/staff/records/${recordId}/status`, {
      status: 'rejected',
      reason: 'Обʼєкт не в зоні бойових дій',
    });
    expect(await rejected.json()).toMatchObject({
      status: 'rejected',
      fields: { decisionReason: 'Обʼєкт не в зоні бойових дій' },
    });

    const notAllowed = await staffPost(`/api/staff/records/${recordId}/status`, { status: 'approved' });
    expect(notAllowed.status).toBe(409);
    expect(await notAllowed.json()).toMatchObject({ error: 'status.transitionNotAllowed' });

    const [change] = await pullAll(clientId);
    expect(change?.timeline.map((event) => [event.kind, event.detail])).toEqual([
      ['delivered', undefined],
      ['status', 'inReview'],
      ['status', 'rejected'],
    ]);
  });

  it('asks a question the citizen answers through a push', async () => {
    const { clientId, recordId } = await submittedRecord();
    const response = await staffPost(`/api/staff/records/${recordId}/info-requests`, {
      question: '  Додайте фото фасаду  ',
    });
    expect(response.status).toBe(200);
    const record = (await response.json()) as RecordChange & { requestId: string };
    const { requestId } = record;
    expect(record.status).toBe('needsInformation');
    expect(record.fields[`infoRequests/${requestId}/question`]).toBe('Додайте фото фасаду');

    const answer = await push(clientId, [
      setFieldsMutation(2, recordId, [
        { path: `infoRequests/${requestId}/answer`, base: null, value: 'Надіслала' },
      ]),
    ]);
    expect(answer.results[0]).toMatchObject({ status: 'applied', version: 3 });
    const [change] = await pullAll(clientId);
    expect(change?.timeline.map((event) => event.kind)).toEqual([
      'delivered',
      'infoRequest',
      'status',
      'answer',
    ]);
  });

  it('refuses bad input with 4xx reasons, never 5xx', async () => {
    const { recordId } = await submittedRecord();
    const base = `/api/staff/records/${recordId}`;
    const cases: [string, () => Promise<Response>, number, string][] = [
      ['a malformed record id', () => staffGet('/api/staff/records/not-a-uuid'), 400, 'request.invalid'],
      ['malformed JSON', () => staffPost(`${base}/status`, '{"status":'), 400, 'json.malformed'],
      [
        'a text body',
        () => staffPost(`${base}/status`, 'x', { ...auth, 'content-type': 'text/plain' }),
        415,
        'contentType.unsupported',
      ],
      ['an unknown status', () => staffPost(`${base}/status`, { status: 'closed' }), 400, 'request.invalid'],
      [
        'extra keys',
        () => staffPost(`${base}/status`, { status: 'inReview', admin: true }),
        400,
        'request.invalid',
      ],
      [
        'a rejection without a reason',
        () => staffPost(`${base}/status`, { status: 'rejected' }),
        400,
        'status.reasonRequired',
      ],
      [
        'an empty question',
        () => staffPost(`${base}/info-requests`, { question: '   ' }),
        400,
        'request.invalid',
      ],
      [
        'a question too long',
        () => staffPost(`${base}/info-requests`, { question: 'я'.repeat(1001) }),
        400,
        'request.invalid',
      ],
      ['no changes', () => staffPost(`${base}/fields`, { changes: [] }), 400, 'request.invalid'],
      [
        'a bad path',
        () => staffPost(`${base}/fields`, { changes: [{ path: '../x', base: null, value: 1 }] }),
        400,
        'request.invalid',
      ],
      [
        'the status through fields',
        () =>
          staffPost(`${base}/fields`, { changes: [{ path: 'status', base: 'received', value: 'approved' }] }),
        400,
        'field.statusReadOnly',
      ],
      [
        "the applicant's field",
        () =>
          staffPost(`${base}/fields`, {
            changes: [{ path: 'propertyType', base: 'house', value: 'apartment' }],
          }),
        403,
        'field.citizenOwned',
      ],
      [
        'a correction that breaks the record',
        () =>
          staffPost(`${base}/fields`, {
            changes: [{ path: 'description', base: VALID_FIELDS.description, value: 'x' }],
          }),
        422,
        'record.invalid',
      ],
      [
        'a malformed amendment id',
        () => staffPost(`${base}/amendments/nope`, { decision: 'accept' }),
        400,
        'request.invalid',
      ],
      [
        'an unknown decision',
        () => staffPost(`${base}/amendments/${newId()}`, { decision: 'maybe' }),
        400,
        'request.invalid',
      ],
      [
        'an unknown amendment',
        () => staffPost(`${base}/amendments/${newId()}`, { decision: 'accept' }),
        404,
        'amendment.notFound',
      ],
      [
        'an oversized body',
        () => staffPost(`${base}/info-requests`, { question: 'я'.repeat(70_000) }),
        413,
        'payload.tooLarge',
      ],
    ];
    for (const [name, send, status, error] of cases) {
      const response = await send();
      expect(response.status, name).toBe(status);
      expect(await response.json(), name).toMatchObject({ error, message: expect.any(String) });
    }
    expect((await store.getRecord(recordId, 'all'))?.record.version).toBe(1);
  });

  it('decides amendments once', async () => {
    const { clientId, recordId } = await submittedRecord();
    const merged = await push(clientId, [
      setFieldsMutation(2, recordId, [{ path: 'propertyType', base: 'house', value: 'apartment' }]),
    ]);
    expect(merged.results[0]).toMatchObject({ status: 'merged', amendments: ['propertyType'] });
    const [change] = await pullAll(clientId);
    const amendmentId = change!.amendments[0]!.amendmentId;

    const accepted = await staffPost(`/api/staff/records/${recordId}/amendments/${amendmentId}`, {
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({
      fields: { propertyType: 'apartment' },
      amendments: [{ amendmentId, state: 'accepted' }],
    });
    const again = await staffPost(`/api/staff/records/${recordId}/amendments/${amendmentId}`, {
      decision: 'decline',
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'amendment.decided' });
  });
});

describe('a field changed by both sides', () => {
  it("keeps the office's correction, shows the phone's value as a conflict, and lets the person decide", async () => {
    const { clientId, recordId } = await submittedRecord();
    const officeStreet = 'вул. Героїв України, корпус 2';

    // The office corrects the street while the phone is offline.
    const corrected = await staffPost(`/api/staff/records/${recordId}/fields`, {
      changes: [{ path: 'propStreet', base: VALID_FIELDS.propStreet, value: officeStreet }],
    });
    expect(corrected.status).toBe(200);
    expect(await corrected.json()).toMatchObject({ version: 2, fields: { propStreet: officeStreet } });

    // The phone edited the same field offline, from the value it had.
    const pushed = await push(clientId, [
      setFieldsMutation(2, recordId, [
        { path: 'propStreet', base: VALID_FIELDS.propStreet, value: OTHER_STREET },
      ]),
    ]);
    expect(pushed.results[0]).toMatchObject({ status: 'conflict', conflicts: [{ path: 'propStreet' }] });
    const conflictId = (pushed.results[0] as { conflicts: { conflictId: string }[] }).conflicts[0]!
      .conflictId;

    const [change] = await pullAll(clientId);
    expect(change?.fields.propStreet).toBe(officeStreet);
    expect(change?.conflicts).toEqual([
      {
        conflictId,
        path: 'propStreet',
        base: VALID_FIELDS.propStreet,
        server: officeStreet,
        client: OTHER_STREET,
        createdAt: expect.any(String),
      },
    ]);

    // The office, in turn, cannot overwrite what the citizen changed since its own base.
    const stale = await staffPost(`/api/staff/records/${recordId}/fields`, {
      changes: [
        { path: 'phone', base: VALID_FIELDS.phone, value: '+380501112233' },
        { path: 'description', base: 'Old text from an old screen', value: 'Нова редакція опису' },
      ],
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      error: 'field.conflict',
      conflicts: [
        { path: 'description', base: 'Old text from an old screen', server: VALID_FIELDS.description },
      ],
    });
    expect((await store.getRecord(recordId, 'all'))?.record.fields.phone).toBe(VALID_FIELDS.phone);

    // The person insists on their value.
    const resolved = await push(clientId, [resolveConflictMutation(3, recordId, conflictId, 'client')]);
    expect(resolved.results[0]).toMatchObject({ status: 'applied', version: 3 });
    const [after] = await pullAll(clientId);
    expect(after?.fields.propStreet).toBe(OTHER_STREET);
    expect(after?.conflicts).toEqual([]);

    // Nobody else sees any of it.
    expect(await pullAll(newId())).toEqual([]);
  });
});

describe('STAFF_API_TOKEN', () => {
  it('is optional, treats empty as unset, and refuses a short one without echoing it', () => {
    expect(loadConfig({}).config.staffApiToken).toBeUndefined();
    expect(loadConfig({ STAFF_API_TOKEN: '' }).config.staffApiToken).toBeUndefined();
    expect(loadConfig({ STAFF_API_TOKEN: STAFF_TOKEN }).config.staffApiToken).toBe(STAFF_TOKEN);
    expect(() => loadConfig({ STAFF_API_TOKEN: 'short-secret' })).toThrow(
      /STAFF_API_TOKEN: must be at least 16/,
    );
    expect(() => loadConfig({ STAFF_API_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
