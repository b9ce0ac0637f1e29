import { randomUUID } from 'node:crypto';
import pg from 'pg';
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

interface RecordRow {
  record_id: string;
  client_id: string;
  service: string;
  reference: string;
  status: RecordStatus;
  fields: FieldMap;
  version: number;
  captured_at: string;
  accepted_at: Date;
  updated_at: Date;
}

interface ConflictRow {
  conflict_id: string;
  record_id: string;
  path: string;
  base: FieldValue;
  server: FieldValue;
  client: FieldValue;
  created_at: Date;
  resolved_at: Date | null;
  resolution: ConflictResolution | null;
}

interface AmendmentRow {
  amendment_id: string;
  record_id: string;
  path: string;
  value: FieldValue;
  state: AmendmentStateName;
  created_at: Date;
  decided_at: Date | null;
}

interface EventRow {
  record_id: string;
  at: Date;
  kind: TimelineKind;
  detail: string | null;
}

interface ChangeRow {
  txid: string;
  seq: string;
  record_id: string;
}

type Queryable = pg.Pool | pg.ClientBase;

export interface PostgresStoreOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // An idle connection that dies (database restart) must not crash the process: pg drops it from
  // the pool and the next query opens a new one or fails into a 503.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    return new PostgresStore(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
}

class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  #closed = false;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async applyPush(request: PushInput, now: Date): Promise<PushResponse> {
    const { clientId } = request;
    const nowIso = now.toISOString();
    return this.#transaction(async (db) => {
      // Insert-then-lock: the row must exist to be locked, and the lock makes two pushes from the
      // same client (two tabs, a retry racing its original) run one after the other.
      await db.query(
        'INSERT INTO clients (client_id, last_mutation_id) VALUES ($1, 0) ON CONFLICT DO NOTHING',
        [clientId],
      );
      const locked = await db.query<{ last_mutation_id: string }>(
        'SELECT last_mutation_id FROM clients WHERE client_id = $1 FOR UPDATE',
        [clientId],
      );
      let last = toSafeInteger(locked.rows[0]!.last_mutation_id);
      const results: MutationResult[] = [];
      for (const mutation of request.mutations) {
        if (mutation.id <= last) {
          const stored = await db.query<{ result: MutationResult }>(
            'SELECT result FROM mutations WHERE client_id = $1 AND mutation_id = $2',
            [clientId, mutation.id],
          );
          results.push(stored.rows[0]?.result ?? outOfOrderResult(mutation));
          continue;
        }
        const decide = async () => {
          // The row lock makes a caseworker's edit of the same record wait, so both decisions see
          // the other's committed result and neither is merged against a stale state.
          const record = await lockRecord(db, mutation.recordId);
          const conflicts = record === undefined ? [] : await this.#conflicts(db, [mutation.recordId]);
          return decideMutation(mutation, clientId, { record, conflicts }, nowIso, randomUUID);
        };
        let decision = await decide();
        if (decision.write !== undefined && !(await writeRecord(db, decision.write, now))) {
          // Another client's push created this record id after our read (our insert waited for it
          // to commit); decide again against the row that now exists.
          decision = await decide();
          if (decision.write !== undefined) await writeRecord(db, decision.write, now);
        }
        await db.query('INSERT INTO mutations (client_id, mutation_id, result) VALUES ($1, $2, $3)', [
          clientId,
          mutation.id,
          decision.result,
        ]);
        last = mutation.id;
        results.push(decision.result);
      }
      await db.query('UPDATE clients SET last_mutation_id = $1 WHERE client_id = $2', [last, clientId]);
      return { results, lastMutationId: last };
    });
  }

  async applyStaffAction(recordId: string, action: StaffAction, now: Date): Promise<StaffOutcome> {
    return this.#transaction(async (db) => {
      const record = await lockRecord(db, recordId);
      const amendments = record === undefined ? [] : await this.#amendments(db, [recordId]);
      const decision = decideStaffAction(action, { record, amendments }, now.toISOString(), randomUUID);
      if (!decision.ok) return { ok: false, refusal: decision.refusal };
      if (decision.write !== undefined) await writeRecord(db, decision.write, now);
      const bundle = (await this.#bundles(db, [recordId])).get(recordId)!;
      const snapshot = toRecordChange(bundle);
      return decision.requestId === undefined
        ? { ok: true, record: snapshot }
        : { ok: true, record: snapshot, requestId: decision.requestId };
    });
  }

  async pull(clientId: string, after: string, limit: number): Promise<PullResponse> {
    const from = parseCursor(after);
    // One snapshot for the page, the records' states and the last mutation id, so they agree.
    return this.#transaction(async (db) => {
      // Why not just `seq > cursor`: seq values are taken when a row is inserted, but become visible
      // when its transaction commits. If T1 takes seq 5, T2 takes seq 6 and commits first, a pull in
      // between returns 6 and the client's cursor jumps past 5 forever. Every transaction that can
      // still commit has txid >= the snapshot's xmin, so serving only txid < xmin, ordered by
      // (txid, seq), hands out rows in an order no later commit can insert itself before. Rows from
      // one transaction share a txid and are ordered by seq within it. xid8 never wraps around.
      const changes = await db.query<ChangeRow>(
        `SELECT c.txid::text AS txid, c.seq::text AS seq, c.record_id
           FROM change_log c
          WHERE c.client_id = $1
            AND (c.txid, c.seq) > ($2::xid8, $3::bigint)
            AND c.txid < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY c.txid, c.seq
          LIMIT $4`,
        [clientId, from.txid, from.seq, limit + 1],
      );
      const page = changes.rows.slice(0, limit);
      const recordIds = latestPerRecord(page.map((row) => row.record_id));
      const bundles = await this.#bundles(db, recordIds);
      const client = await db.query<{ last_mutation_id: string }>(
        'SELECT last_mutation_id FROM clients WHERE client_id = $1',
        [clientId],
      );
      const lastRow = page.at(-1);
      return {
        changes: recordIds.map((recordId) => toRecordChange(bundles.get(recordId)!)),
        cursor: lastRow === undefined ? after : `${lastRow.txid}:${lastRow.seq}`,
        hasMore: changes.rows.length > limit,
        lastMutationId: client.rows[0] === undefined ? 0 : toSafeInteger(client.rows[0].last_mutation_id),
      };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async countRecords(): Promise<number> {
    const { rows } = await this.#pool.query<{ count: string }>('SELECT count(*) AS count FROM records');
    return toSafeInteger(rows[0]!.count);
  }

  async getRecord(recordId: string): Promise<StoredRecord | undefined> {
    return this.#transaction(
      async (db) => (await this.#bundles(db, [recordId])).get(recordId),
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  async integrityCheck(): Promise<void> {
    // Foreign keys and checks (status column = status field) already hold in PostgreSQL; what they
    // cannot express is the sync bookkeeping: no stored result beyond a client's last id, every
    // acknowledged record present, every record announced in the change log.
    const { rows } = await this.#pool.query<{ problems: string }>(
      `SELECT (SELECT count(*) FROM mutations m JOIN clients c USING (client_id)
                WHERE m.mutation_id > c.last_mutation_id)
            + (SELECT count(*) FROM mutations m
                WHERE m.result->>'status' IN ('applied', 'merged', 'conflict')
                  AND NOT EXISTS (SELECT 1 FROM records r WHERE r.record_id = m.result->>'recordId'))
            + (SELECT count(*) FROM records r
                WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.record_id = r.record_id)) AS problems`,
    );
    const problems = toSafeInteger(rows[0]!.problems);
    if (problems > 0) throw new Error(`Sync bookkeeping inconsistent in ${problems} rows`);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async #conflicts(db: Queryable, recordIds: readonly string[]): Promise<ConflictState[]> {
    const { rows } = await db.query<ConflictRow>(
      'SELECT * FROM conflicts WHERE record_id = ANY($1::text[]) ORDER BY seq',
      [recordIds],
    );
    return rows.map(toConflictState);
  }

  async #amendments(db: Queryable, recordIds: readonly string[]): Promise<AmendmentState[]> {
    const { rows } = await db.query<AmendmentRow>(
      'SELECT * FROM amendments WHERE record_id = ANY($1::text[]) ORDER BY seq',
      [recordIds],
    );
    return rows.map(toAmendmentState);
  }

  /** Every named record with what hangs off it, in a constant number of queries. */
  async #bundles(db: Queryable, recordIds: readonly string[]): Promise<Map<string, RecordBundle>> {
    const bundles = new Map<string, RecordBundle>();
    if (recordIds.length === 0) return bundles;
    const records = await db.query<RecordRow>('SELECT * FROM records WHERE record_id = ANY($1::text[])', [
      recordIds,
    ]);
    const conflicts = await this.#conflicts(db, recordIds);
    const amendments = await this.#amendments(db, recordIds);
    const events = await db.query<EventRow>(
      'SELECT record_id, at, kind, detail FROM record_events WHERE record_id = ANY($1::text[]) ORDER BY at, event_id',
      [recordIds],
    );
    for (const row of records.rows) {
      bundles.set(row.record_id, {
        record: toRecordState(row),
        conflicts: conflicts.filter((conflict) => conflict.recordId === row.record_id),
        amendments: amendments.filter((amendment) => amendment.recordId === row.record_id),
        timeline: events.rows.filter((event) => event.record_id === row.record_id).map(toRecordEvent),
      });
    }
    return bundles;
  }

  async #transaction<T>(work: (db: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const db = await this.#pool.connect();
    try {
      await db.query(begin);
      const result = await work(db);
      await db.query('COMMIT');
      db.release();
      return result;
    } catch (error) {
      // A connection whose ROLLBACK fails is in an unknown state; destroy it rather than reuse it.
      const rollbackFailed = await db.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      db.release(rollbackFailed);
      throw error;
    }
  }
}

async function lockRecord(db: Queryable, recordId: string): Promise<RecordState | undefined> {
  const { rows } = await db.query<RecordRow>('SELECT * FROM records WHERE record_id = $1 FOR UPDATE', [
    recordId,
  ]);
  return rows[0] === undefined ? undefined : toRecordState(rows[0]);
}

/**
 * Applies a decided write inside the caller's transaction. False (and nothing written) when it
 * creates a record whose id a concurrent transaction has just taken.
 */
async function writeRecord(db: Queryable, write: RecordWrite, now: Date): Promise<boolean> {
  const { recordId } = write;
  if (write.create !== undefined) {
    // ON CONFLICT waits for a concurrent insert of the same id to finish instead of failing the
    // whole batch on a duplicate key.
    const inserted = await db.query(
      `INSERT INTO records (record_id, client_id, service, reference, status, fields, version, captured_at, accepted_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $9)
       ON CONFLICT (record_id) DO NOTHING`,
      [
        recordId,
        write.clientId,
        write.create.service,
        write.create.reference,
        write.status,
        JSON.stringify(write.fields),
        write.version,
        write.create.capturedAt,
        now,
      ],
    );
    if (inserted.rowCount !== 1) return false;
  } else {
    await db.query(
      'UPDATE records SET fields = $2::jsonb, status = $3, version = $4, updated_at = $5 WHERE record_id = $1',
      [recordId, JSON.stringify(write.fields), write.status, write.version, now],
    );
  }
  for (const { conflictId, resolution } of write.closedConflicts) {
    await db.query(
      'UPDATE conflicts SET resolved_at = $2, resolution = $3 WHERE conflict_id = $1 AND resolution IS NULL',
      [conflictId, now, resolution],
    );
  }
  for (const conflict of write.newConflicts) {
    await db.query(
      `INSERT INTO conflicts (conflict_id, record_id, path, base, server, client, created_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7)`,
      [
        conflict.conflictId,
        recordId,
        conflict.path,
        JSON.stringify(conflict.base),
        JSON.stringify(conflict.server),
        JSON.stringify(conflict.client),
        now,
      ],
    );
  }
  for (const { amendmentId, state } of write.decidedAmendments) {
    await db.query(
      `UPDATE amendments SET state = $2, decided_at = $3 WHERE amendment_id = $1 AND state = 'pending'`,
      [amendmentId, state, now],
    );
  }
  for (const amendment of write.newAmendments) {
    await db.query(
      `INSERT INTO amendments (amendment_id, record_id, path, value, state, created_at)
       VALUES ($1, $2, $3, $4::jsonb, 'pending', $5)`,
      [amendment.amendmentId, recordId, amendment.path, JSON.stringify(amendment.value), now],
    );
  }
  for (const event of write.events) {
    await db.query('INSERT INTO record_events (record_id, at, kind, detail) VALUES ($1, $2, $3, $4)', [
      recordId,
      now,
      event.kind,
      event.detail ?? null,
    ]);
  }
  await db.query('INSERT INTO change_log (record_id, client_id, changed_at) VALUES ($1, $2, $3)', [
    recordId,
    write.clientId,
    now,
  ]);
  return true;
}

const MAX_INT8 = 2n ** 63n - 1n;
const MAX_XID8 = 2n ** 64n - 1n;

function parseCursor(after: string): { txid: string; seq: string } {
  if (after === '') return { txid: '0', seq: '0' };
  const match = /^(\d{1,20}):(\d{1,19})$/.exec(after);
  if (!match || BigInt(match[1]!) > MAX_XID8 || BigInt(match[2]!) > MAX_INT8) throw new InvalidCursorError();
  return { txid: match[1]!, seq: match[2]! };
}

/** pg returns int8 as text so nothing is silently rounded; refuse rather than round. */
function toSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`Integer out of safe range: ${text}`);
  return value;
}

function toRecordState(row: RecordRow): RecordState {
  return {
    recordId: row.record_id,
    clientId: row.client_id,
    service: row.service,
    reference: row.reference,
    status: row.status,
    fields: row.fields,
    version: row.version,
    capturedAt: row.captured_at,
    acceptedAt: row.accepted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toConflictState(row: ConflictRow): ConflictState {
  return {
    conflictId: row.conflict_id,
    recordId: row.record_id,
    path: row.path,
    base: row.base,
    server: row.server,
    client: row.client,
    createdAt: row.created_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolution: row.resolution,
  };
}

function toAmendmentState(row: AmendmentRow): AmendmentState {
  return {
    amendmentId: row.amendment_id,
    recordId: row.record_id,
    path: row.path,
    value: row.value,
    state: row.state,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}

function toRecordEvent(row: EventRow): RecordEvent {
  const at = row.at.toISOString();
  return row.detail === null ? { at, kind: row.kind } : { at, kind: row.kind, detail: row.detail };
}
