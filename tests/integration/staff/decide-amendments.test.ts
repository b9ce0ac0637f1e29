import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordChange } from '../../../src/shared/protocol';
import {
  BACKENDS,
  type Backend,
  createTestApp,
  eventually,
  KYIV,
  LVIV,
  openBackend,
  type Person,
  type TestApp,
} from '../authz/test-app';
import { LVIV_DAMAGE_FIELDS, newId, setFieldsMutation, submitMutation, VALID_FIELDS } from '../fixtures';

// A damage report whose property turns out to be in another oblast: the person changes the oblast and
// the settlement, both frozen after submission, so the office gets two amendments that pass the
// schema only together (Lviv city is not in Kyiv oblast, nor Brovary in Lviv oblast).

describe.each(BACKENDS)('deciding several amendments of a record together, on %s', (kind) => {
  let backend: Backend;
  let t: TestApp;
  let citizen: Person;
  /** Kyiv oblast, where VALID_FIELDS puts the report. */
  let kyivCaseworker: Person;
  let lvivCaseworker: Person;

  beforeEach(async () => {
    backend = await openBackend(kind);
    t = await createTestApp(backend);
    citizen = await t.signInCitizen('+380501234567');
    await t.createStaff('o.petrenko', 'caseworker', [KYIV]);
    await t.createStaff('i.franko', 'caseworker', [LVIV]);
    kyivCaseworker = await t.signInStaff('o.petrenko');
    lvivCaseworker = await t.signInStaff('i.franko');
  });

  afterEach(async () => {
    await backend.dispose();
  });

  /** A report in Kyiv oblast whose owner then asks to move its property to Lviv; answers both amendment ids. */
  async function reportAskedToMove(): Promise<{ recordId: string; oblastId: string; settlementId: string }> {
    const submit = submitMutation(t.nextMutationId(citizen));
    expect((await t.pushOk(citizen, [submit])).results[0]).toMatchObject({ status: 'applied' });
    const moved = await t.pushOk(citizen, [
      setFieldsMutation(t.nextMutationId(citizen), submit.recordId, [
        { path: 'propOblast', base: VALID_FIELDS.propOblast!, value: LVIV_DAMAGE_FIELDS.propOblast },
        {
          path: 'propSettlement',
          base: VALID_FIELDS.propSettlement!,
          value: LVIV_DAMAGE_FIELDS.propSettlement,
        },
      ]),
    ]);
    expect(moved.results[0]).toMatchObject({
      status: 'merged',
      amendments: ['propOblast', 'propSettlement'],
    });
    const record = await staffGet(kyivCaseworker, submit.recordId);
    const id = (path: string) => record.amendments.find((amendment) => amendment.path === path)!.amendmentId;
    return { recordId: submit.recordId, oblastId: id('propOblast'), settlementId: id('propSettlement') };
  }

  async function staffGet(as: Person, recordId: string): Promise<RecordChange> {
    const response = await t.request(`/api/staff/records/${recordId}`, { cookie: as.cookie });
    expect(response.status).toBe(200);
    return (await response.json()) as RecordChange;
  }

  const decide = (recordId: string, body: unknown, as = kyivCaseworker) =>
    t.request(`/api/staff/records/${recordId}/amendments`, { method: 'POST', cookie: as.cookie, body });

  it('refuses either change alone, accepts both together and hands the record to the other oblast', async () => {
    const { recordId, oblastId, settlementId } = await reportAskedToMove();

    const alone = await t.request(`/api/staff/records/${recordId}/amendments/${oblastId}`, {
      method: 'POST',
      cookie: kyivCaseworker.cookie,
      body: { decision: 'accept' },
    });
    expect(alone.status).toBe(422);
    expect(await alone.json()).toMatchObject({ error: 'record.invalid' });
    expect((await decide(recordId, { decision: 'accept', amendmentIds: [settlementId] })).status).toBe(422);
    expect((await staffGet(kyivCaseworker, recordId)).version).toBe(1);

    const together = await decide(recordId, { decision: 'accept', amendmentIds: [oblastId, settlementId] });
    expect(together.status).toBe(200);
    const answer = (await together.json()) as RecordChange;
    expect(answer).toMatchObject({
      version: 2,
      fields: {
        propOblast: LVIV_DAMAGE_FIELDS.propOblast,
        propSettlement: LVIV_DAMAGE_FIELDS.propSettlement,
      },
    });
    expect(answer.amendments.map((amendment) => amendment.state)).toEqual(['accepted', 'accepted']);
    const [audited] = await backend.identity.listAudit({ recordId, limit: 1 });
    expect(audited).toMatchObject({
      actorUserId: kyivCaseworker.user.userId,
      action: 'record.decideAmendment',
      detail: `amendment=${oblastId},${settlementId} decision=accept`,
    });

    // Now Lviv's record: Kyiv's caseworker is told it does not exist, Lviv's sees it.
    const kyiv = await t.request(`/api/staff/records/${recordId}`, { cookie: kyivCaseworker.cookie });
    expect(kyiv.status).toBe(404);
    expect(await staffGet(lvivCaseworker, recordId)).toMatchObject({ oblast: LVIV, version: 2 });

    await eventually(async () => {
      const change = (await t.pullAll(citizen)).filter((pulled) => pulled.recordId === recordId).at(-1);
      expect(change).toMatchObject({
        version: 2,
        fields: {
          propOblast: LVIV_DAMAGE_FIELDS.propOblast,
          propSettlement: LVIV_DAMAGE_FIELDS.propSettlement,
        },
      });
      expect(change!.amendments.map((amendment) => [amendment.path, amendment.state])).toEqual([
        ['propOblast', 'accepted'],
        ['propSettlement', 'accepted'],
      ]);
      // The history says what the office did, after what the person asked.
      const amendmentEvents = change!.timeline
        .filter((event) => event.kind === 'amendment')
        .map((event) => event.detail);
      expect(amendmentEvents).toEqual([
        'propOblast',
        'propSettlement',
        'propOblast accepted',
        'propSettlement accepted',
      ]);
    });
  });

  it('declines several together, and refuses a set with one decided already, writing nothing', async () => {
    const { recordId, oblastId, settlementId } = await reportAskedToMove();
    const declined = await decide(recordId, { decision: 'decline', amendmentIds: [oblastId, settlementId] });
    expect(declined.status).toBe(200);
    expect(await declined.json()).toMatchObject({
      version: 1,
      fields: { propOblast: VALID_FIELDS.propOblast },
      amendments: [{ state: 'declined' }, { state: 'declined' }],
    });

    const again = await decide(recordId, { decision: 'accept', amendmentIds: [oblastId, settlementId] });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'amendment.decided' });
    const unknown = await decide(recordId, { decision: 'decline', amendmentIds: [newId()] });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'amendment.notFound' });
  });

  it('answers 400 with reasons for a malformed set, and the caseworker of another oblast 404', async () => {
    const { recordId, oblastId, settlementId } = await reportAskedToMove();
    const id = newId();
    const cases: [string, unknown, string][] = [
      ['no ids', { decision: 'accept', amendmentIds: [] }, 'amendmentIds.empty'],
      ['a repeated id', { decision: 'accept', amendmentIds: [id, id] }, 'amendmentIds.duplicate'],
      [
        'too many',
        { decision: 'accept', amendmentIds: Array.from({ length: 51 }, newId) },
        'amendmentIds.tooMany',
      ],
      ['not a uuid', { decision: 'accept', amendmentIds: ['nope'] }, 'amendmentId.invalid'],
      ['not a list', { decision: 'accept', amendmentIds: id }, 'amendmentIds.invalid'],
      ['an unknown decision', { decision: 'maybe', amendmentIds: [id] }, 'decision.invalid'],
    ];
    for (const [name, body, message] of cases) {
      const response = await decide(recordId, body);
      expect(response.status, name).toBe(400);
      expect(JSON.stringify(await response.json()), name).toContain(message);
    }
    const outside = await decide(
      recordId,
      { decision: 'accept', amendmentIds: [oblastId, settlementId] },
      lvivCaseworker,
    );
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ error: 'record.notFound' });
    const noCsrf = await t.request(`/api/staff/records/${recordId}/amendments`, {
      method: 'POST',
      cookie: kyivCaseworker.cookie,
      body: { decision: 'accept', amendmentIds: [oblastId, settlementId] },
      bare: true,
    });
    expect(noCsrf.status).toBe(403);
    expect((await staffGet(kyivCaseworker, recordId)).amendments.map((amendment) => amendment.state)).toEqual(
      ['pending', 'pending'],
    );
  });
});
