import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RecordStatus } from '../../../shared/domain';
import type { MutationResult } from '../../../shared/protocol';
import type { FieldMap, FieldValue } from '../../../shared/record';
import { decideClientBinding } from '../decisions/client-binding';
import { decideMutation } from '../decisions/decide-mutation';
import { decideStaffAction } from '../decisions/decide-staff-action';
import { latestPerRecord } from '../decisions/pull-page';
import {
  EXPORT_MAX_ROWS,
  encodeQueueCursor,
  type QueueWhere,
  queueLimit,
  queueWhere,
} from '../decisions/queue-query';
import type {
  AmendmentState,
  AmendmentStateName,
  ConflictResolution,
  ConflictState,
  RecordBundle,
  RecordEvent,
  RecordState,
  StoredWrite,
  TimelineKind,
} from '../decisions/record-state';
import { fieldsReferenceBlob } from '../decisions/references-blob';
import { toRecordChange } from '../decisions/snapshot';
import type { StaffAction } from '../decisions/staff-action';
import { type StaffScope, scopeOblasts } from '../decisions/staff-scope';
import { outOfOrderResult } from '../mutation-outcome';
import {
  type ExportResult,
  type ExportRow,
  InvalidCursorError,
  type PullInput,
  type PullOutcome,
  type PushInput,
  type PushOutcome,
  type QueueFilter,
  type QueueItem,
  type QueuePage,
  type QueueQuery,
  type StaffOutcome,
  type Store,
  type StoredRecord,
} from '../store';
import { migrate } from './migrations';

export const SQLITE_FILE_NAME = 'lastivka.sqlite';

interface RecordRow {
  record_id: string;
  client_id: string;
  owner_user_id: string | null;
  oblast: string | null;
  assigned_to: string | null;
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

interface ClientRow {
  user_id: string | null;
  last_mutation_id: number;
}

interface QueueRow {
  record_id: string;
  reference: string;
  service: string;
  status: RecordStatus;
  oblast: string | null;
  accepted_at: string;
  updated_at: string;
  assigned_to: string | null;
  open_conflicts: number;
  pending_amendments: number;
}

interface ExportRowRow extends QueueRow {
  captured_at: string;
  fields: string;
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
    selectClient: db.prepare('SELECT user_id, last_mutation_id FROM clients WHERE client_id = ?'),
    insertClient: db.prepare('INSERT INTO clients (client_id, user_id, last_mutation_id) VALUES (?, ?, 0)'),
    bindClient: db.prepare('UPDATE clients SET user_id = ? WHERE client_id = ? AND user_id IS NULL'),
    unadoptedRecords: db
      .prepare(
        'SELECT record_id FROM records WHERE client_id = ? AND owner_user_id IS NULL ORDER BY accepted_at, record_id',
      )
      .pluck(),
    adoptRecord: db.prepare(
      'UPDATE records SET owner_user_id = ? WHERE record_id = ? AND owner_user_id IS NULL',
    ),
    setLastMutationId: db.prepare('UPDATE clients SET last_mutation_id = ? WHERE client_id = ?'),
    storedResult: db.prepare('SELECT result FROM mutations WHERE client_id = ? AND mutation_id = ?').pluck(),
    storeResult: db.prepare('INSERT INTO mutations (client_id, mutation_id, result) VALUES (?, ?, ?)'),
    selectRecord: db.prepare('SELECT * FROM records WHERE record_id = ?'),
    // The scope is a JSON array of oblast codes, or null for every oblast.
    selectRecordInScope: db.prepare(
      `SELECT * FROM records WHERE record_id = @recordId
         AND (@oblasts IS NULL OR oblast IN (SELECT value FROM json_each(@oblasts)))`,
    ),
    assign: db.prepare(
      `UPDATE records SET assigned_to = @assignee WHERE record_id = @recordId
         AND (@oblasts IS NULL OR oblast IN (SELECT value FROM json_each(@oblasts)))`,
    ),
    insertRecord: db.prepare(
      `INSERT INTO records (record_id, client_id, owner_user_id, oblast, service, reference, status, fields, version, captured_at, accepted_at, updated_at)
       VALUES (@recordId, @clientId, @ownerUserId, @oblast, @service, @reference, @status, @fields, @version, @capturedAt, @now, @now)`,
    ),
    updateRecord: db.prepare(
      `UPDATE records SET fields = @fields, status = @status, version = @version, oblast = @oblast, updated_at = @now
       WHERE record_id = @recordId`,
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
    insertChange: db.prepare(
      'INSERT INTO change_log (record_id, client_id, user_id, changed_at) VALUES (?, ?, ?, ?)',
    ),
    changesAfter: db.prepare(
      'SELECT seq, record_id FROM change_log WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    countRecords: db.prepare('SELECT count(*) FROM records').pluck(),
    // instr() skips the person's records that cannot name the hash before any JSON is parsed.
    ownFieldsNaming: db
      .prepare('SELECT fields FROM records WHERE owner_user_id = ? AND instr(fields, ?) > 0')
      .pluck(),
    // Sync bookkeeping that SQL constraints cannot express: a client never has a stored result
    // beyond its last id, every acknowledged record really exists and is in the change log (its
    // owner's, once it has one), the status column and the status field agree, a bound client's
    // records are adopted, and no change-log row names anyone but the record's owner.
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
              WHERE json_extract(r.fields, '$.status') IS NOT r.status)
         + (SELECT count(*) FROM records r JOIN clients c USING (client_id)
              WHERE r.owner_user_id IS NULL AND c.user_id IS NOT NULL)
         + (SELECT count(*) FROM records r WHERE r.owner_user_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM change_log l WHERE l.record_id = r.record_id AND l.user_id = r.owner_user_id))
         + (SELECT count(*) FROM change_log l JOIN records r USING (record_id)
              WHERE l.user_id IS NOT NULL AND l.user_id IS NOT r.owner_user_id)`,
      )
      .pluck(),
  };
}

class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #s: ReturnType<typeof prepareStatements>;
  readonly #push: Database.Transaction<(request: PushInput, now: Date) => PushOutcome>;
  readonly #staff: Database.Transaction<
    (recordId: string, action: StaffAction, scope: StaffScope, now: Date) => StaffOutcome
  >;
  /** Queue statements by the shape of their filter, so each shape is planned (and indexed) once. */
  readonly #queueStatements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
    const s = prepareStatements(db);
    this.#s = s;

    this.#push = db.transaction((request: PushInput, now: Date): PushOutcome => {
      const { clientId, userId } = request;
      const citizen = { clientId, userId };
      const nowIso = now.toISOString();
      const client = s.selectClient.get(clientId) as ClientRow | undefined;
      const binding = decideClientBinding(client && { userId: client.user_id }, userId);
      // Refused before anything is written: the transaction ends with no change at all.
      if (binding === 'otherUser') return { ok: false, refusal: 'client.otherUser' };
      if (binding === 'create') s.insertClient.run(clientId, userId);
      if (binding === 'bind') {
        s.bindClient.run(userId, clientId);
        this.#adopt(clientId, userId, nowIso);
      }
      let last = client?.last_mutation_id ?? 0;
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
        const decision = decideMutation(mutation, citizen, { record, conflicts }, nowIso, randomUUID);
        if (decision.write !== undefined) this.#write(decision.write, nowIso);
        s.storeResult.run(clientId, mutation.id, JSON.stringify(decision.result));
        last = mutation.id;
        results.push(decision.result);
      }
      s.setLastMutationId.run(last, clientId);
      return { ok: true, response: { results, lastMutationId: last } };
    });

    this.#staff = db.transaction(
      (recordId: string, action: StaffAction, scope: StaffScope, now: Date): StaffOutcome => {
        const nowIso = now.toISOString();
        const record = this.#recordInScope(recordId, scope);
        const amendments = record === undefined ? [] : this.#amendments(recordId);
        const decision = decideStaffAction(action, { record, amendments }, nowIso, randomUUID);
        if (!decision.ok) return { ok: false, refusal: decision.refusal };
        if (decision.write !== undefined) this.#write(decision.write, nowIso);
        const snapshot = toRecordChange(this.#bundle(recordId)!);
        return decision.requestId === undefined
          ? { ok: true, record: snapshot }
          : { ok: true, record: snapshot, requestId: decision.requestId };
      },
    );
  }

  async applyPush(request: PushInput, now: Date): Promise<PushOutcome> {
    // IMMEDIATE takes the write lock up front; a deferred transaction could read the client's last
    // id and then lose the race to upgrade to a writer against another process on the same file.
    return this.#push.immediate(request, now);
  }

  async applyStaffAction(
    recordId: string,
    action: StaffAction,
    scope: StaffScope,
    now: Date,
  ): Promise<StaffOutcome> {
    return this.#staff.immediate(recordId, action, scope, now);
  }

  async pull(request: PullInput): Promise<PullOutcome> {
    const { userId, clientId, after, limit } = request;
    const from = parseCursor(after);
    const s = this.#s;
    // One read transaction so the changes, the snapshots and the last mutation id agree.
    return this.#db
      .transaction((): PullOutcome => {
        const client = s.selectClient.get(clientId) as ClientRow | undefined;
        if (decideClientBinding(client && { userId: client.user_id }, userId) === 'otherUser') {
          return { ok: false, refusal: 'client.otherUser' };
        }
        const rows = s.changesAfter.all(userId, from, limit + 1) as { seq: number; record_id: string }[];
        const page = rows.slice(0, limit);
        const lastRow = page.at(-1);
        const bundles = latestPerRecord(page.map((row) => row.record_id)).map(
          (recordId) => this.#bundle(recordId)!,
        );
        return {
          ok: true,
          response: {
            // The log names the owner; checking the record too costs nothing and guards the rule.
            changes: bundles.filter((bundle) => bundle.record.ownerUserId === userId).map(toRecordChange),
            cursor: lastRow === undefined ? after : String(lastRow.seq),
            hasMore: rows.length > limit,
            lastMutationId: client?.last_mutation_id ?? 0,
          },
        };
      })
      .deferred();
  }

  async listQueue(query: QueueQuery): Promise<QueuePage> {
    const where = queueWhere(query, query.after);
    const limit = queueLimit(query.limit);
    const rows = this.#queueRows(where, limit + 1, false) as QueueRow[];
    const items = rows.slice(0, limit).map(toQueueItem);
    const last = items.at(-1);
    return {
      items,
      next: rows.length > limit && last !== undefined ? encodeQueueCursor(last) : null,
    };
  }

  async exportRows(filter: QueueFilter): Promise<ExportResult> {
    const where = queueWhere(filter, undefined);
    const rows = this.#queueRows(where, EXPORT_MAX_ROWS + 1, true) as ExportRowRow[];
    return {
      rows: rows.slice(0, EXPORT_MAX_ROWS).map(
        (row): ExportRow => ({
          ...toQueueItem(row),
          capturedAt: row.captured_at,
          fields: JSON.parse(row.fields) as FieldMap,
        }),
      ),
      truncated: rows.length > EXPORT_MAX_ROWS,
    };
  }

  async assignRecord(
    recordId: string,
    assignee: string | null,
    scope: StaffScope,
  ): Promise<QueueItem | undefined> {
    const s = this.#s;
    const oblasts = scopeJson(scope);
    return this.#db
      .transaction(() => {
        const changed = s.assign.run({ recordId, assignee, oblasts }).changes;
        if (changed === 0) return undefined;
        const where: QueueWhere = {
          oblasts: null,
          service: null,
          status: null,
          acceptedFrom: null,
          acceptedBefore: null,
          after: null,
        };
        const rows = this.#queueRows(where, 1, false, recordId) as QueueRow[];
        return rows[0] === undefined ? undefined : toQueueItem(rows[0]);
      })
      .immediate();
  }

  async countRecords(): Promise<number> {
    return this.#s.countRecords.get() as number;
  }

  async recordReferencesBlob(userId: string, sha256: string): Promise<boolean> {
    const rows = this.#s.ownFieldsNaming.all(userId, sha256) as string[];
    return rows.some((fields) => fieldsReferenceBlob(JSON.parse(fields) as FieldMap, sha256));
  }

  async getRecord(recordId: string, scope: StaffScope): Promise<StoredRecord | undefined> {
    return this.#db
      .transaction(() =>
        this.#recordInScope(recordId, scope) === undefined ? undefined : this.#bundle(recordId),
      )
      .deferred();
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

  /** The record only if the caller's scope covers its oblast: the authorisation is in the query. */
  #recordInScope(recordId: string, scope: StaffScope): RecordState | undefined {
    const row = this.#s.selectRecordInScope.get({ recordId, oblasts: scopeJson(scope) }) as
      | RecordRow
      | undefined;
    return row === undefined ? undefined : toRecordState(row);
  }

  /**
   * A client from before sign-in, bound now: its person adopts the records it submitted, and each is
   * announced in the change log again so all of the person's devices pull it (whatever their cursor).
   */
  #adopt(clientId: string, userId: string, now: string): void {
    const s = this.#s;
    for (const recordId of s.unadoptedRecords.all(clientId) as string[]) {
      s.adoptRecord.run(userId, recordId);
      s.insertChange.run(recordId, clientId, userId, now);
    }
  }

  /**
   * The queue's rows for a filter, newest first; built per filter shape (only the conditions in use,
   * so SQLite can walk the matching index in order and stop at the limit).
   */
  #queueRows(where: QueueWhere, limit: number, full: boolean, recordId?: string): unknown[] {
    const conditions: string[] = [];
    const params: Record<string, unknown> = { limit };
    if (recordId !== undefined) {
      conditions.push('r.record_id = @recordId');
      params.recordId = recordId;
    }
    if (where.oblasts !== null) {
      if (where.oblasts.length === 1) {
        conditions.push('r.oblast = @oblast');
        params.oblast = where.oblasts[0];
      } else {
        conditions.push('r.oblast IN (SELECT value FROM json_each(@oblasts))');
        params.oblasts = JSON.stringify(where.oblasts);
      }
    }
    if (where.service !== null) {
      conditions.push('r.service = @service');
      params.service = where.service;
    }
    if (where.status !== null) {
      conditions.push('r.status = @status');
      params.status = where.status;
    }
    if (where.acceptedFrom !== null) {
      conditions.push('r.accepted_at >= @acceptedFrom');
      params.acceptedFrom = where.acceptedFrom;
    }
    if (where.acceptedBefore !== null) {
      conditions.push('r.accepted_at < @acceptedBefore');
      params.acceptedBefore = where.acceptedBefore;
    }
    if (where.after !== null) {
      conditions.push('(r.accepted_at, r.record_id) < (@afterAcceptedAt, @afterRecordId)');
      params.afterAcceptedAt = where.after.acceptedAt;
      params.afterRecordId = where.after.recordId;
    }
    const sql = `SELECT r.record_id, r.reference, r.service, r.status, r.oblast, r.accepted_at, r.updated_at,
         r.assigned_to,${full ? ' r.captured_at, r.fields,' : ''}
         (SELECT count(*) FROM conflicts c WHERE c.record_id = r.record_id AND c.resolution IS NULL) AS open_conflicts,
         (SELECT count(*) FROM amendments a WHERE a.record_id = r.record_id AND a.state = 'pending') AS pending_amendments
       FROM records r
       ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`}
       ORDER BY r.accepted_at DESC, r.record_id DESC
       LIMIT @limit`;
    let statement = this.#queueStatements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#queueStatements.set(sql, statement);
    }
    return statement.all(params);
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
  #write(write: StoredWrite, now: string): void {
    const s = this.#s;
    const { recordId } = write;
    const record = {
      recordId,
      clientId: write.clientId,
      ownerUserId: write.ownerUserId,
      oblast: write.oblast,
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
    s.insertChange.run(recordId, write.clientId, write.ownerUserId, now);
  }
}

function parseCursor(after: string): number {
  if (after === '') return 0;
  if (!/^\d{1,15}$/.test(after)) throw new InvalidCursorError();
  return Number(after);
}

function scopeJson(scope: StaffScope): string | null {
  const oblasts = scopeOblasts(scope);
  return oblasts === null ? null : JSON.stringify(oblasts);
}

function toQueueItem(row: QueueRow): QueueItem {
  return {
    recordId: row.record_id,
    reference: row.reference,
    service: row.service,
    status: row.status,
    oblast: row.oblast,
    acceptedAt: row.accepted_at,
    updatedAt: row.updated_at,
    assignedTo: row.assigned_to,
    openConflicts: row.open_conflicts,
    pendingAmendments: row.pending_amendments,
  };
}

function toRecordState(row: RecordRow): RecordState {
  return {
    recordId: row.record_id,
    clientId: row.client_id,
    ownerUserId: row.owner_user_id,
    oblast: row.oblast,
    assignedTo: row.assigned_to,
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
