import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RecordStatus } from '../../../shared/domain';
import type { MutationResult, PullResponse, PushResponse } from '../../../shared/protocol';
import type { FieldMap, FieldValue } from '../../../shared/record';
import { decideMutation } from '../decisions/decide-mutation';
import { decideStaffAction } from '../decisions/decide-staff-action';
import { latestPerRecord } from '../decisions/pull-page';
import type {
  AmendmentState,
  AmendmentStateName,
  ConflictResolution,
  ConflictState,
  RecordBundle,
  RecordEvent,
  RecordState,
  RecordWrite,
  TimelineKind,
} from '../decisions/record-state';
import { toRecordChange } from '../decisions/snapshot';
import type { StaffAction } from '../decisions/staff-action';
import { outOfOrderResult } from '../mutation-outcome';
import {
  InvalidCursorError,
  type PushInput,
  type StaffOutcome,
  type Store,
  type StoredRecord,
} from '../store';
import { migrate } from './migrations';

export const SQLITE_FILE_NAME = 'lastivka.sqlite';

interface RecordRow {
  record_id: string;
  client_id: string;
  service: string;
  reference: string;
  status: RecordStatus;
  fields: string;
  version: number;
  captured_at: string;
  accepted_at: string;
  updated_at: string;
}

interface ConflictRow {
  conflict_id: string;
  record_id: string;
  path: string;
  base: string;
  server: string;
  client: string;
  created_at: string;
  resolved_at: string | null;
  resolution: ConflictResolution | null;
}

interface AmendmentRow {
  amendment_id: string;
  record_id: string;
  path: string;
  value: string;
  state: AmendmentStateName;
  created_at: string;
  decided_at: string | null;
}

interface EventRow {
  at: string;
  kind: TimelineKind;
  detail: string | null;
}

export async function openSqliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
  try {
    // WAL lets pulls read while a push writes; FULL syncs the WAL on every commit, because a
    // mutation we acknowledged is deleted from the phone and must survive a power cut here.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return new SqliteStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

function prepareStatements(db: Database.Database) {
  return {
    ensureClient: db.prepare(
      'INSERT INTO clients (client_id, last_mutation_id) VALUES (?, 0) ON CONFLICT DO NOTHING',
    ),
    lastMutationId: db.prepare('SELECT last_mutation_id FROM clients WHERE client_id = ?').pluck(),
    setLastMutationId: db.prepare('UPDATE clients SET last_mutation_id = ? WHERE client_id = ?'),
    storedResult: db.prepare('SELECT result FROM mutations WHERE client_id = ? AND mutation_id = ?').pluck(),
    storeResult: db.prepare('INSERT INTO mutations (client_id, mutation_id, result) VALUES (?, ?, ?)'),
    selectRecord: db.prepare('SELECT * FROM records WHERE record_id = ?'),
    insertRecord: db.prepare(
      `INSERT INTO records (record_id, client_id, service, reference, status, fields, version, captured_at, accepted_at, updated_at)
       VALUES (@recordId, @clientId, @service, @reference, @status, @fields, @version, @capturedAt, @now, @now)`,
    ),
    updateRecord: db.prepare(
      'UPDATE records SET fields = @fields, status = @status, version = @version, updated_at = @now WHERE record_id = @recordId',
    ),
    selectConflicts: db.prepare('SELECT * FROM conflicts WHERE record_id = ? ORDER BY rowid'),
    insertConflict: db.prepare(
      `INSERT INTO conflicts (conflict_id, record_id, path, base, server, client, created_at)
       VALUES (@conflictId, @recordId, @path, @base, @server, @client, @now)`,
    ),
    resolveConflict: db.prepare(
      `UPDATE conflicts SET resolved_at = @now, resolution = @resolution
       WHERE conflict_id = @conflictId AND resolution IS NULL`,
    ),
    selectAmendments: db.prepare('SELECT * FROM amendments WHERE record_id = ? ORDER BY rowid'),
    insertAmendment: db.prepare(
      `INSERT INTO amendments (amendment_id, record_id, path, value, state, created_at)
       VALUES (@amendmentId, @recordId, @path, @value, 'pending', @now)`,
    ),
    decideAmendment: db.prepare(
      `UPDATE amendments SET state = @state, decided_at = @now WHERE amendment_id = @amendmentId AND state = 'pending'`,
    ),
    selectEvents: db.prepare(
      'SELECT at, kind, detail FROM record_events WHERE record_id = ? ORDER BY at, event_id',
    ),
    insertEvent: db.prepare('INSERT INTO record_events (record_id, at, kind, detail) VALUES (?, ?, ?, ?)'),
    insertChange: db.prepare('INSERT INTO change_log (record_id, client_id, changed_at) VALUES (?, ?, ?)'),
    changesAfter: db.prepare(
      'SELECT seq, record_id FROM change_log WHERE client_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    countRecords: db.prepare('SELECT count(*) FROM records').pluck(),
    // Sync bookkeeping that SQL constraints cannot express: a client never has a stored result
    // beyond its last id, every acknowledged record really exists and is in the change log, and
    // the status column and the status field agree.
    inconsistencies: db
      .prepare(
        `SELECT
           (SELECT count(*) FROM mutations m JOIN clients c USING (client_id) WHERE m.mutation_id > c.last_mutation_id)
         + (SELECT count(*) FROM mutations m
              WHERE json_extract(m.result, '$.status') IN ('applied', 'merged', 'conflict')
                AND NOT EXISTS (SELECT 1 FROM records r WHERE r.record_id = json_extract(m.result, '$.recordId')))
         + (SELECT count(*) FROM records r
              WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.record_id = r.record_id))
         + (SELECT count(*) FROM records r
              WHERE json_extract(r.fields, '$.status') IS NOT r.status)`,
      )
      .pluck(),
  };
}

class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #s: ReturnType<typeof prepareStatements>;
  readonly #push: Database.Transaction<(request: PushInput, now: Date) => PushResponse>;
  readonly #staff: Database.Transaction<(recordId: string, action: StaffAction, now: Date) => StaffOutcome>;

  constructor(db: Database.Database) {
    this.#db = db;
    const s = prepareStatements(db);
    this.#s = s;

    this.#push = db.transaction((request: PushInput, now: Date): PushResponse => {
      const { clientId } = request;
      const nowIso = now.toISOString();
      s.ensureClient.run(clientId);
      let last = s.lastMutationId.get(clientId) as number;
      const results: MutationResult[] = [];
      for (const mutation of request.mutations) {
        if (mutation.id <= last) {
          const stored = s.storedResult.get(clientId, mutation.id) as string | undefined;
          results.push(
            stored === undefined ? outOfOrderResult(mutation) : (JSON.parse(stored) as MutationResult),
          );
          continue;
        }
        const record = this.#record(mutation.recordId);
        const conflicts = record === undefined ? [] : this.#conflicts(mutation.recordId);
        const decision = decideMutation(mutation, clientId, { record, conflicts }, nowIso, randomUUID);
        if (decision.write !== undefined) this.#write(decision.write, nowIso);
        s.storeResult.run(clientId, mutation.id, JSON.stringify(decision.result));
        last = mutation.id;
        results.push(decision.result);
      }
      s.setLastMutationId.run(last, clientId);
      return { results, lastMutationId: last };
    });

    this.#staff = db.transaction((recordId: string, action: StaffAction, now: Date): StaffOutcome => {
      const nowIso = now.toISOString();
      const record = this.#record(recordId);
      const amendments = record === undefined ? [] : this.#amendments(recordId);
      const decision = decideStaffAction(action, { record, amendments }, nowIso, randomUUID);
      if (!decision.ok) return { ok: false, refusal: decision.refusal };
      if (decision.write !== undefined) this.#write(decision.write, nowIso);
      const snapshot = toRecordChange(this.#bundle(recordId)!);
      return decision.requestId === undefined
        ? { ok: true, record: snapshot }
        : { ok: true, record: snapshot, requestId: decision.requestId };
    });
  }

  async applyPush(request: PushInput, now: Date): Promise<PushResponse> {
    // IMMEDIATE takes the write lock up front; a deferred transaction could read the client's last
    // id and then lose the race to upgrade to a writer against another process on the same file.
    return this.#push.immediate(request, now);
  }

  async applyStaffAction(recordId: string, action: StaffAction, now: Date): Promise<StaffOutcome> {
    return this.#staff.immediate(recordId, action, now);
  }

  async pull(clientId: string, after: string, limit: number): Promise<PullResponse> {
    const from = parseCursor(after);
    const s = this.#s;
    // One read transaction so the changes, the snapshots and the last mutation id agree.
    return this.#db
      .transaction(() => {
        const rows = s.changesAfter.all(clientId, from, limit + 1) as { seq: number; record_id: string }[];
        const page = rows.slice(0, limit);
        const lastRow = page.at(-1);
        return {
          changes: latestPerRecord(page.map((row) => row.record_id)).map((recordId) =>
            toRecordChange(this.#bundle(recordId)!),
          ),
          cursor: lastRow === undefined ? after : String(lastRow.seq),
          hasMore: rows.length > limit,
          lastMutationId: (s.lastMutationId.get(clientId) as number | undefined) ?? 0,
        };
      })
      .deferred();
  }

  async countRecords(): Promise<number> {
    return this.#s.countRecords.get() as number;
  }

  async getRecord(recordId: string): Promise<StoredRecord | undefined> {
    return this.#db.transaction(() => this.#bundle(recordId)).deferred();
  }

  async integrityCheck(): Promise<void> {
    const integrity = this.#db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`SQLite integrity_check: ${String(integrity)}`);
    const foreignKeyProblems = this.#db.pragma('foreign_key_check') as unknown[];
    if (foreignKeyProblems.length > 0)
      throw new Error(`SQLite foreign_key_check: ${foreignKeyProblems.length} rows`);
    const inconsistent = this.#s.inconsistencies.get() as number;
    if (inconsistent > 0) throw new Error(`Sync bookkeeping inconsistent in ${inconsistent} rows`);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  #record(recordId: string): RecordState | undefined {
    const row = this.#s.selectRecord.get(recordId) as RecordRow | undefined;
    return row === undefined ? undefined : toRecordState(row);
  }

  #conflicts(recordId: string): ConflictState[] {
    return (this.#s.selectConflicts.all(recordId) as ConflictRow[]).map(toConflictState);
  }

  #amendments(recordId: string): AmendmentState[] {
    return (this.#s.selectAmendments.all(recordId) as AmendmentRow[]).map(toAmendmentState);
  }

  #bundle(recordId: string): RecordBundle | undefined {
    const record = this.#record(recordId);
    if (record === undefined) return undefined;
    return {
      record,
      conflicts: this.#conflicts(recordId),
      amendments: this.#amendments(recordId),
      timeline: (this.#s.selectEvents.all(recordId) as EventRow[]).map(toRecordEvent),
    };
  }

  /** Applies a decided write; runs inside the caller's transaction. */
  #write(write: RecordWrite, now: string): void {
    const s = this.#s;
    const { recordId } = write;
    const record = {
      recordId,
      clientId: write.clientId,
      status: write.status,
      fields: JSON.stringify(write.fields),
      version: write.version,
      now,
    };
    if (write.create !== undefined) s.insertRecord.run({ ...record, ...write.create });
    else s.updateRecord.run(record);
    for (const conflict of write.closedConflicts) s.resolveConflict.run({ ...conflict, now });
    for (const conflict of write.newConflicts) {
      s.insertConflict.run({
        conflictId: conflict.conflictId,
        recordId,
        path: conflict.path,
        base: JSON.stringify(conflict.base),
        server: JSON.stringify(conflict.server),
        client: JSON.stringify(conflict.client),
        now,
      });
    }
    for (const amendment of write.decidedAmendments) s.decideAmendment.run({ ...amendment, now });
    for (const amendment of write.newAmendments) {
      s.insertAmendment.run({ ...amendment, recordId, value: JSON.stringify(amendment.value), now });
    }
    for (const event of write.events) s.insertEvent.run(recordId, now, event.kind, event.detail ?? null);
    s.insertChange.run(recordId, write.clientId, now);
  }
}

function parseCursor(after: string): number {
  if (after === '') return 0;
  if (!/^\d{1,15}$/.test(after)) throw new InvalidCursorError();
  return Number(after);
}

function toRecordState(row: RecordRow): RecordState {
  return {
    recordId: row.record_id,
    clientId: row.client_id,
    service: row.service,
    reference: row.reference,
    status: row.status,
    fields: JSON.parse(row.fields) as FieldMap,
    version: row.version,
    capturedAt: row.captured_at,
    acceptedAt: row.accepted_at,
    updatedAt: row.updated_at,
  };
}

function toConflictState(row: ConflictRow): ConflictState {
  return {
    conflictId: row.conflict_id,
    recordId: row.record_id,
    path: row.path,
    base: JSON.parse(row.base) as FieldValue,
    server: JSON.parse(row.server) as FieldValue,
    client: JSON.parse(row.client) as FieldValue,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
  };
}

function toAmendmentState(row: AmendmentRow): AmendmentState {
  return {
    amendmentId: row.amendment_id,
    recordId: row.record_id,
    path: row.path,
    value: JSON.parse(row.value) as FieldValue,
    state: row.state,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

function toRecordEvent(row: EventRow): RecordEvent {
  return row.detail === null
    ? { at: row.at, kind: row.kind }
    : { at: row.at, kind: row.kind, detail: row.detail };
}
