import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { csvCell } from '../../src/server/routes/staff/csv';
import type { Store } from '../../src/server/store/store';
import type { Mutation, PushResponse, RecordChange } from '../../src/shared/protocol';
import {
  type Backend,
  countRows,
  createTestApp,
  KYIV,
  LVIV,
  ORIGIN,
  openBackend,
  type Person,
  type TestApp,
} from './authz/test-app';
import {
  LVIV_DAMAGE_FIELDS,
  newId,
  OTHER_STREET,
  resolveConflictMutation,
  setFieldsMutation,
  submitMutation,
  VALID_FIELDS,
} from './fixtures';

let backend: Backend;
let store: Store;
let t: TestApp;
let app: Hono;
/** Caseworker of Kyiv oblast, where VALID_FIELDS puts a damage report. */
let caseworker: Person;
let citizen: Person;

beforeEach(async () => {
  backend = await openBackend('sqlite');
  store = backend.store;
  t = await createTestApp(backend);
  app = t.app;
  await t.createStaff('o.petrenko', 'caseworker', [KYIV]);
  caseworker = await t.signInStaff('o.petrenko');
  citizen = await t.signInCitizen('+380501234567');
});

afterEach(async () => {
  await backend.dispose();
});

/** What the console sends: its session cookie; on writes our Origin and the CSRF header. */
const staffHeaders = (as: Person | null = caseworker): Record<string, string> => ({
  ...(as === null ? {} : { cookie: as.cookie }),
  origin: ORIGIN,
  'x-lastivka-request': '1',
});

async function staffGet(
  url: string,
  headers: Record<string, string> = staffHeaders(),
  on = app,
): Promise<Response> {
  return on.request(url, { headers });
}

async function staffPost(
  url: string,
  body: unknown,
  headers: Record<string, string> = staffHeaders(),
  on = app,
): Promise<Response> {
  return on.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function push(clientId: string, mutations: Mutation[], as = citizen): Promise<PushResponse> {
  const response = await t.push(as, mutations, clientId);
  expect(response.status).toBe(200);
  return (await response.json()) as PushResponse;
}

async function pullAll(clientId: string, as = citizen): Promise<RecordChange[]> {
  return t.pullAll({ ...as, clientId });
}

async function submittedRecord(
  clientId = newId(),
  fields: Record<string, unknown> = { ...VALID_FIELDS },
  as = citizen,
): Promise<{ clientId: string; recordId: string }> {
  const mutation = submitMutation(1, { fields: fields as typeof VALID_FIELDS });
  const pushed = await push(clientId, [mutation], as);
  expect(pushed.results[0]).toMatchObject({ status: 'applied' });
  return { clientId, recordId: mutation.recordId };
}

/** Every staff route that acts on one record, with a valid body, for the guard sweeps. */
function routes(recordId: string, amendmentId = newId()) {
  const get = (url: string) => (headers: Record<string, string>, on?: Hono) => staffGet(url, headers, on);
  const post = (url: string, body: unknown) => (headers: Record<string, string>, on?: Hono) =>
    staffPost(url, body, headers, on);
  const base = `/api/staff/records/${recordId}`;
  return [
    { name: 'GET record', send: get(base) },
    { name: 'GET photos', send: get(`${base}/photos`) },
    { name: 'GET audit', send: get(`${base}/audit`) },
    { name: 'POST assign', send: post(`${base}/assign`, {}) },
    { name: 'POST status', send: post(`${base}/status`, { status: 'inReview' }) },
    { name: 'POST info-requests', send: post(`${base}/info-requests`, { question: 'Фото?' }) },
    {
      name: 'POST fields',
      send: post(`${base}/fields`, {
        changes: [{ path: 'propStreet', base: VALID_FIELDS.propStreet, value: OTHER_STREET }],
      }),
    },
    { name: 'POST amendments', send: post(`${base}/amendments/${amendmentId}`, { decision: 'accept' }) },
  ];
}

/** The staff routes that act on no one record. */
const listRoutes = [
  {
    name: 'GET records',
    send: (headers: Record<string, string>, on?: Hono) => staffGet('/api/staff/records', headers, on),
  },
  {
    name: 'GET export.csv',
    send: (headers: Record<string, string>, on?: Hono) => staffGet('/api/staff/export.csv', headers, on),
  },
];

describe('staff API guard', () => {
  it('answers 401 auth.required without a session, on every route, and writes nothing', async () => {
    const { recordId } = await submittedRecord();
    const before = await countRows(backend);
    for (const route of [...routes(recordId), ...listRoutes]) {
      const response = await route.send(staffHeaders(null));
      expect(response.status, route.name).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'auth.required' });
    }
    expect(await countRows(backend)).toEqual(before);
  });

  it('answers 403 auth.forbidden to citizens and volunteers, on every route, and writes nothing', async () => {
    const { recordId } = await submittedRecord();
    const volunteer = await t.inviteVolunteer('+380931234567', caseworker);
    const before = await countRows(backend);
    for (const person of [citizen, volunteer]) {
      for (const route of [...routes(recordId), ...listRoutes]) {
        const response = await route.send(staffHeaders(person));
        expect(response.status, `${person.user.kind} ${route.name}`).toBe(403);
        expect(await response.json()).toMatchObject({ error: 'auth.forbidden' });
      }
    }
    expect(await countRows(backend)).toEqual(before);
  });

  it('no longer takes the shared token', async () => {
    const { recordId } = await submittedRecord();
    const response = await staffGet(`/api/staff/records/${recordId}`, {
      authorization: 'Bearer test-staff-token-0123456789abcdef0123456789',
    });
    expect(response.status).toBe(401);
  });

  it("answers 404 for a record in another caseworker's oblast, exactly as for a missing one, and writes nothing", async () => {
    const { recordId } = await submittedRecord(newId(), LVIV_DAMAGE_FIELDS);
    const before = await countRows(backend);
    const version = (await store.getRecord(recordId, 'all'))?.record.version;
    for (const route of [...routes(recordId), ...routes(newId())]) {
      const response = await route.send(staffHeaders());
      expect(response.status, route.name).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'record.notFound' });
    }
    expect(await countRows(backend)).toEqual(before);
    expect((await store.getRecord(recordId, 'all'))?.record).toMatchObject({ version, assignedTo: null });
  });

  it('lets an administrator act in every oblast', async () => {
    await t.createStaff('admin', 'admin');
    const admin = await t.signInStaff('admin');
    const { recordId } = await submittedRecord(newId(), LVIV_DAMAGE_FIELDS);
    expect((await staffGet(`/api/staff/records/${recordId}`, staffHeaders(admin))).status).toBe(200);
    const assigned = await staffPost(`/api/staff/records/${recordId}/assign`, {}, staffHeaders(admin));
    expect(await assigned.json()).toMatchObject({ recordId, assignedTo: admin.user.userId, oblast: LVIV });
  });

  it('answers 503 with Retry-After when the store fails', async () => {
    const failing: Store = {
      ...store,
      kind: store.kind,
      getRecord: () => Promise.reject(new Error('SQLITE_BUSY')),
      applyStaffAction: () => Promise.reject(new Error('SQLITE_BUSY')),
      assignRecord: () => Promise.reject(new Error('SQLITE_BUSY')),
      listQueue: () => Promise.reject(new Error('SQLITE_BUSY')),
      exportRows: () => Promise.reject(new Error('SQLITE_BUSY')),
    };
    const failingApp = (await createTestApp(backend, { store: failing })).app;
    for (const route of [...routes(newId()), ...listRoutes]) {
      const response = await route.send(staffHeaders(), failingApp);
      expect(response.status, route.name).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.text()).not.toContain('SQLITE');
    }
  });

  it('refuses a write without the CSRF header even with a caseworker session', async () => {
    const { recordId } = await submittedRecord();
    const response = await staffPost(
      `/api/staff/records/${recordId}/status`,
      { status: 'inReview' },
      {
        cookie: caseworker.cookie,
        origin: ORIGIN,
      },
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'csrf.rejected' });
    expect((await store.getRecord(recordId, 'all'))?.record.version).toBe(1);
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
    expect(body).toMatchObject({ oblast: KYIV, assignedTo: null });
    const [entry] = await backend.identity.listAudit({ recordId });
    expect(entry).toMatchObject({ actorUserId: caseworker.user.userId, action: 'record.read', detail: null });
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
        () => staffPost(`${base}/status`, 'x', { ...staffHeaders(), 'content-type': 'text/plain' }),
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
    expect(await t.pullAll(await t.signInCitizen('+380671112233'))).toEqual([]);
  });
});

describe('the queue', () => {
  it("lists the records of the caseworker's oblasts, newest first, in keyset pages", async () => {
    const kyiv = [await submittedRecord(), await submittedRecord(), await submittedRecord()];
    await submittedRecord(newId(), LVIV_DAMAGE_FIELDS);
    const first = await staffGet('/api/staff/records?limit=2');
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { items: { recordId: string }[]; next: string | null };
    expect(page1.items).toHaveLength(2);
    expect(page1.next).toEqual(expect.any(String));
    const second = await staffGet(`/api/staff/records?limit=2&after=${page1.next}`);
    const page2 = (await second.json()) as { items: { recordId: string }[]; next: string | null };
    expect(page2.next).toBeNull();
    expect([...page1.items, ...page2.items].map((item) => item.recordId).sort()).toEqual(
      kyiv.map((record) => record.recordId).sort(),
    );
    expect(JSON.stringify([page1, page2])).not.toContain(kyiv[0]!.clientId);
    expect(await backend.identity.listAudit()).toContainEqual(
      expect.objectContaining({ action: 'queue.list', recordId: null, detail: 'items=2' }),
    );
  });

  it('filters by service, status and office day', async () => {
    const { recordId } = await submittedRecord();
    await submittedRecord();
    await staffPost(`/api/staff/records/${recordId}/status`, { status: 'inReview' });
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Kyiv' });
    const items = async (query: string) =>
      ((await (await staffGet(`/api/staff/records?${query}`)).json()) as { items: { recordId: string }[] })
        .items;
    expect(await items('status=inReview')).toEqual([
      expect.objectContaining({ recordId, status: 'inReview' }),
    ]);
    expect(await items('service=damageReport')).toHaveLength(2);
    expect(await items('service=idpRegistration')).toHaveLength(0);
    expect(await items(`from=${today}&to=${today}`)).toHaveLength(2);
    expect(await items('to=2020-01-01')).toHaveLength(0);
  });

  it.each([
    ['an unknown service', 'service=taxes', 'service'],
    ['an unknown status', 'status=closed', 'status'],
    ['a date that does not exist', 'from=2026-02-30', 'from'],
    ['a date in another format', 'to=01.03.2026', 'to'],
    ['a limit of 0', 'limit=0', 'limit'],
    ['a limit over the maximum', 'limit=201', 'limit'],
    ['a limit that is not a number', 'limit=ten', 'limit'],
    ['a cursor this server never made', 'after=bm9wZQ', 'after'],
    ['a cursor with other characters', 'after=a%2Fb', 'after'],
    ['an unknown parameter', 'oblast=UA46000000000026241', 'oblast'],
    ['a repeated parameter', 'status=received&status=approved', 'status'],
  ])('refuses %s with 400 and the reason', async (_name, query, field) => {
    const response = await staffGet(`/api/staff/records?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: { field: string }[] };
    expect(body.error).toBe('query.invalid');
    expect(body.issues.map((issue) => issue.field)).toContain(field);
  });

  it('refuses a range that ends before it starts', async () => {
    const response = await staffGet('/api/staff/records?from=2026-03-02&to=2026-03-01');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ issues: [{ message: 'to.beforeFrom' }] });
  });

  it('assigns a record to the caller, and to nobody the body names', async () => {
    const { recordId } = await submittedRecord();
    const named = await staffPost(`/api/staff/records/${recordId}/assign`, { assignedTo: 'someone-else' });
    expect(named.status).toBe(400);
    const response = await staffPost(`/api/staff/records/${recordId}/assign`, '', {
      ...staffHeaders(),
      'content-type': 'text/plain',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ recordId, assignedTo: caseworker.user.userId });
    const [item] = ((await (await staffGet('/api/staff/records')).json()) as { items: unknown[] }).items;
    expect(item).toMatchObject({ recordId, assignedTo: caseworker.user.userId });
    expect((await store.getRecord(recordId, 'all'))?.record.version).toBe(1);
    expect(await backend.identity.listAudit({ recordId })).toEqual([
      expect.objectContaining({ action: 'record.assign', actorUserId: caseworker.user.userId }),
    ]);
  });
});

describe('CSV export', () => {
  it('is a UTF-8 spreadsheet with a BOM, the queue columns and every top-level field, as an attachment', async () => {
    const { recordId } = await submittedRecord();
    await submittedRecord(newId(), LVIV_DAMAGE_FIELDS);
    await staffPost(`/api/staff/records/${recordId}/assign`, {});
    const response = await staffGet('/api/staff/export.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="lastivka-export.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 7)).toEqual([
      'reference',
      'service',
      'status',
      'oblast',
      'acceptedAt',
      'updatedAt',
      'assigned',
    ]);
    const fieldColumns = header.slice(7);
    expect(fieldColumns).toEqual([...fieldColumns].sort());
    expect(fieldColumns).toContain('surname');
    expect(fieldColumns).not.toContain('status');
    // One row: the Lviv record is not this caseworker's.
    expect(lines).toHaveLength(3);
    const row = lines[1]!;
    expect(row).toContain(`,received,${KYIV},`);
    expect(row).toContain(',yes,');
    expect(row).toContain(String(VALID_FIELDS.surname));
    expect(row).toContain("'+380");
    expect(text).not.toContain(LVIV);
    expect(await backend.identity.listAudit()).toContainEqual(
      expect.objectContaining({ action: 'records.export', recordId: null, detail: 'rows=1 truncated=false' }),
    );
  });

  it('escapes quotes, commas and new lines, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('+380501234567')).toBe("'+380501234567");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('carries an injected formula in a field as text', async () => {
    await submittedRecord(newId(), { ...VALID_FIELDS, description: '=cmd|" /C calc"!A0, і ще' });
    const text = await (await staffGet('/api/staff/export.csv')).text();
    expect(text).toContain('"\'=cmd|"" /C calc""!A0, і ще"');
  });

  it('filters like the queue and refuses a bad filter', async () => {
    await submittedRecord();
    const none = await (await staffGet('/api/staff/export.csv?status=approved')).text();
    expect(none.split('\r\n')).toHaveLength(2);
    const bad = await staffGet('/api/staff/export.csv?status=closed&limit=5');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { issues: { field: string }[] };
    expect(body.issues.map((issue) => issue.field).sort()).toEqual(['limit', 'status']);
  });
});

describe('audit trail', () => {
  it('keeps who did what to a record and when, without personal data, and shows it to staff in scope', async () => {
    const { recordId } = await submittedRecord();
    await staffGet(`/api/staff/records/${recordId}`);
    await staffPost(`/api/staff/records/${recordId}/status`, { status: 'inReview' });
    await staffPost(`/api/staff/records/${recordId}/fields`, {
      changes: [{ path: 'officeNote', base: null, value: 'Дзвонила +380501234567' }],
    });
    // Refusals are not audited (nothing was read or written).
    await staffPost(`/api/staff/records/${recordId}/status`, { status: 'withdrawn' });
    const response = await staffGet(`/api/staff/records/${recordId}/audit`);
    expect(response.status).toBe(200);
    const { entries } = (await response.json()) as {
      entries: {
        at: string;
        actorUserId: string;
        actorKind: string;
        action: string;
        detail: string | null;
      }[];
    };
    expect(entries.map((entry) => [entry.action, entry.detail])).toEqual([
      ['record.auditRead', null],
      ['record.correctFields', 'paths=officeNote'],
      ['record.setStatus', 'status=inReview'],
      ['record.read', null],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ actorUserId: caseworker.user.userId, actorKind: 'caseworker' });
      expect(Date.parse(entry.at)).not.toBeNaN();
    }
    expect(JSON.stringify(entries)).not.toMatch(/380|Дзвонила/);
  });
});

describe('what each side may see', () => {
  it("keeps the office note out of the citizen's pull, and its corrections out of their timeline", async () => {
    const { clientId, recordId } = await submittedRecord();
    const noted = await staffPost(`/api/staff/records/${recordId}/fields`, {
      changes: [{ path: 'officeNote', base: null, value: 'Перевірити документи' }],
    });
    expect(noted.status).toBe(200);
    expect(await noted.json()).toMatchObject({ fields: { officeNote: 'Перевірити документи' } });
    expect(
      ((await (await staffGet(`/api/staff/records/${recordId}`)).json()) as RecordChange).fields.officeNote,
    ).toBe('Перевірити документи');

    const [change] = await pullAll(clientId);
    expect(change?.version).toBe(2);
    expect(change?.fields).not.toHaveProperty('officeNote');
    expect(change?.timeline.map((event) => event.kind)).toEqual(['delivered']);
    expect(JSON.stringify(change)).not.toContain('Перевірити');
  });

  it("never shows staff the device's client id", async () => {
    const { clientId, recordId } = await submittedRecord();
    const answers = [
      await staffGet(`/api/staff/records/${recordId}`),
      await staffGet(`/api/staff/records/${recordId}/audit`),
      await staffGet('/api/staff/records'),
      await staffGet('/api/staff/export.csv'),
      await staffPost(`/api/staff/records/${recordId}/assign`, {}),
      await staffPost(`/api/staff/records/${recordId}/status`, { status: 'inReview' }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(await answer.text()).not.toContain(clientId);
    }
  });

  it('refuses keys that would set an owner, role or scope on the auth routes', async () => {
    const before = await countRows(backend);
    const cases: [string, unknown, string | undefined][] = [
      ['/api/auth/otp/request', { phone: '+380671234567', kind: 'admin' }, undefined],
      ['/api/auth/otp/verify', { phone: '+380501234567', code: '123456', userId: 'x' }, undefined],
      ['/api/auth/staff/login', { login: 'o.petrenko', password: 'x', oblasts: [LVIV] }, undefined],
      ['/api/auth/invites/redeem', { code: 'ABCDEFGHJK', kind: 'caseworker' }, citizen.cookie],
      ['/api/staff/invites', { oblast: KYIV, kind: 'caseworker' }, caseworker.cookie],
      ['/api/staff/invites', { oblast: KYIV, createdBy: 'someone' }, caseworker.cookie],
    ];
    for (const [url, body, cookie] of cases) {
      const response = await t.request(url, { body, cookie });
      expect(response.status, url).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'request.invalid' });
    }
    expect(await countRows(backend)).toEqual(before);
  });
});

describe('configuration', () => {
  it('no longer reads STAFF_API_TOKEN', () => {
    const { config } = loadConfig({ STAFF_API_TOKEN: 'short' });
    expect(config).not.toHaveProperty('staffApiToken');
  });
});
