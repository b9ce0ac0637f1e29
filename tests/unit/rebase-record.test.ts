import { describe, expect, it } from 'vitest';
import { type LocalRecord, rebaseRecord } from '../../src/local';
import type { Conflict, Mutation, RecordChange } from '../../src/shared/protocol';

const RECORD_ID = '44444444-4444-4444-8444-444444444444';
const CONFLICT_ID = '55555555-5555-4555-8555-555555555555';

const CONFLICT: Conflict = {
  conflictId: CONFLICT_ID,
  path: 'description',
  base: 'as sent',
  server: 'as the office corrected it',
  client: 'as the person edited it',
  createdAt: '2025-05-16T10:05:00.000Z',
};

function snapshot(overrides: Partial<RecordChange> = {}): RecordChange {
  return {
    recordId: RECORD_ID,
    service: 'damageReport',
    reference: 'LV-2505-XXXX',
    status: 'received',
    version: 1,
    fields: { description: 'as sent', oblast: 'UA63000000000041885', status: 'received' },
    conflicts: [],
    amendments: [],
    timeline: [{ at: '2025-05-16T10:00:00.000Z', kind: 'delivered' }],
    acceptedAt: '2025-05-16T10:00:00.000Z',
    updatedAt: '2025-05-16T10:00:00.000Z',
    ...overrides,
  };
}

/** The record on the phone after it was submitted and (optionally) pulled once. */
function local(overrides: Partial<LocalRecord> = {}): LocalRecord {
  return {
    id: RECORD_ID,
    service: 'damageReport',
    reference: 'LV-2505-XXXX',
    state: 'delivered',
    data: { description: 'as sent', oblast: 'UA63000000000041885' },
    createdAt: '2025-05-16T08:00:00.000Z',
    updatedAt: '2025-05-16T08:05:00.000Z',
    submittedAt: '2025-05-16T08:05:00.000Z',
    acceptedAt: '2025-05-16T10:00:00.000Z',
    ...overrides,
  };
}

function pulled(version: number): LocalRecord['server'] {
  const change = snapshot({ version });
  return {
    version,
    status: change.status,
    fields: change.fields,
    conflicts: [],
    amendments: [],
    timeline: change.timeline,
    updatedAt: change.updatedAt,
  };
}

let nextId = 1;
function setFields(...changes: Array<[string, string | null]>): Mutation {
  return {
    id: nextId++,
    type: 'record/setFields',
    recordId: RECORD_ID,
    changes: changes.map(([path, value]) => ({ path, base: null, value })),
  };
}

function resolve(choice: 'server' | 'client', conflictId = CONFLICT_ID): Mutation {
  return { id: nextId++, type: 'record/resolveConflict', recordId: RECORD_ID, conflictId, choice };
}

describe('rebaseRecord: data', () => {
  it('without pending edits the data is the server fields (a copy)', () => {
    const change = snapshot();
    const rebased = rebaseRecord(local(), change, []);
    expect(rebased.data).toEqual(change.fields);
    expect(rebased.data).not.toBe(change.fields);
    expect(rebased.server).toEqual({
      version: 1,
      status: 'received',
      fields: change.fields,
      conflicts: [],
      amendments: [],
      timeline: change.timeline,
      updatedAt: change.updatedAt,
    });
  });

  it('pending setFields are laid over the snapshot in the order they were made', () => {
    const change = snapshot({
      fields: { description: 'office text', oblast: 'UA63000000000041885', phone: '+380501234567' },
    });
    const rebased = rebaseRecord(local(), change, [
      setFields(['description', 'first edit'], ['area', '10']),
      setFields(['description', 'second edit']),
      setFields(['phone', null]),
    ]);
    expect(rebased.data).toEqual({
      description: 'second edit',
      oblast: 'UA63000000000041885',
      area: '10',
      phone: null,
    });
    // The server view stays what the server said.
    expect(rebased.server?.fields).toEqual(change.fields);
  });

  it("a pending resolution with choice 'client' shows the client value and hides the conflict", () => {
    const change = snapshot({
      fields: { description: CONFLICT.server, oblast: 'UA63000000000041885' },
      conflicts: [CONFLICT],
    });
    const rebased = rebaseRecord(local(), change, [resolve('client')]);
    expect(rebased.data.description).toBe(CONFLICT.client);
    expect(rebased.resolvingConflicts).toEqual([CONFLICT_ID]);
    expect(rebased.server?.conflicts).toEqual([CONFLICT]);
  });

  it("a pending resolution with choice 'server' shows the server value and hides the conflict", () => {
    const change = snapshot({
      fields: { description: CONFLICT.server, oblast: 'UA63000000000041885' },
      conflicts: [CONFLICT],
    });
    const rebased = rebaseRecord(local(), change, [resolve('server')]);
    expect(rebased.data.description).toBe(CONFLICT.server);
    expect(rebased.resolvingConflicts).toEqual([CONFLICT_ID]);
  });

  it('a resolution of a conflict the snapshot no longer lists changes no data', () => {
    const change = snapshot();
    const rebased = rebaseRecord(local(), change, [resolve('client')]);
    expect(rebased.data).toEqual(change.fields);
  });

  it('edits made after a resolution are laid over it', () => {
    const change = snapshot({ fields: { description: CONFLICT.server }, conflicts: [CONFLICT] });
    const rebased = rebaseRecord(local(), change, [resolve('client'), setFields(['description', 'later'])]);
    expect(rebased.data.description).toBe('later');
  });

  it('no resolvingConflicts without pending resolutions', () => {
    const rebased = rebaseRecord(local({ resolvingConflicts: [CONFLICT_ID] }), snapshot(), []);
    expect(rebased.resolvingConflicts).toBeUndefined();
  });
});

describe('rebaseRecord: state', () => {
  it('queued while anything is pending', () => {
    expect(rebaseRecord(local(), snapshot(), [setFields(['description', 'x'])]).state).toBe('queued');
    expect(rebaseRecord(local(), snapshot(), [resolve('server')]).state).toBe('queued');
    const withdraw: Mutation = { id: nextId++, type: 'record/withdraw', recordId: RECORD_ID };
    expect(rebaseRecord(local(), snapshot(), [withdraw]).state).toBe('queued');
    const submit: Mutation = {
      id: nextId++,
      type: 'record/submit',
      recordId: RECORD_ID,
      service: 'damageReport',
      reference: 'LV-2505-XXXX',
      capturedAt: '2025-05-16T08:00:00.000Z',
      fields: {},
    };
    expect(rebaseRecord(local({ state: 'queued' }), snapshot(), [submit]).state).toBe('queued');
  });

  it('delivered when nothing is pending', () => {
    expect(rebaseRecord(local({ state: 'queued' }), snapshot(), []).state).toBe('delivered');
    expect(rebaseRecord(undefined, snapshot(), []).state).toBe('delivered');
  });

  it('attention is preserved, with its reason, when nothing is pending', () => {
    const attention = {
      reason: 'field.officeOwned',
      issues: [{ field: 'status', message: 'field.officeOwned' }],
    };
    const rebased = rebaseRecord(local({ state: 'attention', attention }), snapshot(), []);
    expect(rebased.state).toBe('attention');
    expect(rebased.attention).toEqual(attention);
  });

  it('a new pending edit replaces the attention', () => {
    const attention = { reason: 'record.invalid', issues: [] };
    const rebased = rebaseRecord(local({ state: 'attention', attention }), snapshot(), [
      setFields(['description', 'fixed']),
    ]);
    expect(rebased.state).toBe('queued');
    expect(rebased.attention).toBeUndefined();
  });
});

describe('rebaseRecord: unseen', () => {
  it('not on first sight: a record new to this phone, or one never pulled before', () => {
    expect(rebaseRecord(undefined, snapshot({ version: 3 }), []).unseen).toBe(false);
    expect(rebaseRecord(local(), snapshot({ version: 3 }), []).unseen).toBe(false);
  });

  it('set when the server version grows', () => {
    expect(rebaseRecord(local({ server: pulled(1) }), snapshot({ version: 2 }), []).unseen).toBe(true);
  });

  it('not set by the same version again, and kept until the person opens the record', () => {
    expect(rebaseRecord(local({ server: pulled(2) }), snapshot({ version: 2 }), []).unseen).toBe(false);
    expect(
      rebaseRecord(local({ server: pulled(2), unseen: true }), snapshot({ version: 2 }), []).unseen,
    ).toBe(true);
  });
});

describe('rebaseRecord: identity and times', () => {
  it('keeps what only the phone knows: service, creation, last change and submission times', () => {
    const before = local({ service: 'damageReport' });
    const rebased = rebaseRecord(before, snapshot({ updatedAt: '2025-05-17T09:00:00.000Z' }), []);
    expect(rebased).toMatchObject({
      id: RECORD_ID,
      service: 'damageReport',
      createdAt: before.createdAt,
      updatedAt: before.updatedAt,
      submittedAt: before.submittedAt,
      acceptedAt: '2025-05-16T10:00:00.000Z',
    });
  });

  it('a record new to this phone takes its service and times from the snapshot', () => {
    const change = snapshot({ updatedAt: '2025-05-17T09:00:00.000Z' });
    const rebased = rebaseRecord(undefined, change, []);
    expect(rebased).toMatchObject({
      id: RECORD_ID,
      service: 'damageReport',
      reference: change.reference,
      createdAt: change.acceptedAt,
      updatedAt: change.updatedAt,
      acceptedAt: change.acceptedAt,
    });
    expect(rebased.submittedAt).toBeUndefined();
  });
});
