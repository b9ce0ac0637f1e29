import { randomUUID } from 'node:crypto';
import pg from 'pg';
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

interface RecordRow {
  record_id: string;
  client_id: string;
  owner_user_id: string | null;
  oblast: string | null;
  assigned_to: string | null;
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

interface ClientRow {
  user_id: string | null;
  last_mutation_id: string;
}

interface QueueRow {
  record_id: string;
  reference: string;
  service: string;
  status: RecordStatus;
  oblast: string | null;
  accepted_at: Date;
  updated_at: Date;
  assigned_to: string | null;
  open_conflicts: number;
  pending_amendments: number;
}

interface ExportRowRow extends QueueRow {
  captured_at: string;
  fields: FieldMap;
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

  async applyPush(request: PushInput, now: Date): Promise<PushOutcome> {
    const { clientId, userId } = request;
    const citizen = { clientId, userId };
    const nowIso = now.toISOString();
    return this.#transaction(async (db): Promise<PushOutcome> => {
      // Insert-then-lock: the row must exist to be locked, and the lock makes two pushes from the
      // same client (two tabs, a retry racing its original) run one after the other. A new client
      // is created bound to this person; an existing one is left as it is (to be judged below).
      await db.query(
        'INSERT INTO clients (client_id, user_id, last_mutation_id) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING',
        [clientId, userId],
      );
      const locked = await db.query<ClientRow>(
        'SELECT user_id, last_mutation_id FROM clients WHERE client_id = $1 FOR UPDATE',
        [clientId],
      );
      const client = locked.rows[0]!;
      const binding = decideClientBinding({ userId: client.user_id }, userId);
      // Someone else's device profile: nothing was written (the insert above did nothing, as the
      // row existed), and the transaction is rolled back all the same.
      if (binding === 'otherUser') throw new RefusedPush();
      if (binding === 'bind') {
        await db.query('UPDATE clients SET user_id = $2 WHERE client_id = $1', [clientId, userId]);
        await adopt(db, clientId, userId, now);
      }
      let last = toSafeInteger(client.last_mutation_id);
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
          return decideMutation(mutation, citizen, { record, conflicts }, nowIso, randomUUID);
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
      return { ok: true, response: { results, lastMutationId: last } };
    }).catch((error: unknown) => {
      if (error instanceof RefusedPush) return { ok: false, refusal: 'client.otherUser' } as const;
      throw error;
    });
  }

  async applyStaffAction(
    recordId: string,
    action: StaffAction,
    scope: StaffScope,
    now: Date,
  ): Promise<StaffOutcome> {
    return this.#transaction(async (db) => {
      const record = await lockRecord(db, recordId, scope);
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

  async pull(request: PullInput): Promise<PullOutcome> {
    const { userId, clientId, after, limit } = request;
    const from = parseCursor(after);
    // One snapshot for the page, the records' states and the last mutation id, so they agree.
    return this.#transaction(async (db): Promise<PullOutcome> => {
      const client = await db.query<ClientRow>(
        'SELECT user_id, last_mutation_id FROM clients WHERE client_id = $1',
        [clientId],
      );
      const row = client.rows[0];
      if (decideClientBinding(row && { userId: row.user_id }, userId) === 'otherUser') {
        return { ok: false, refusal: 'client.otherUser' };
      }
      // Why not just `seq > cursor`: seq values are taken when a row is inserted, but become visible
      // when its transaction commits. If T1 takes seq 5, T2 takes seq 6 and commits first, a pull in
      // between returns 6 and the client's cursor jumps past 5 forever. Every transaction that can
      // still commit has txid >= the snapshot's xmin, so serving only txid < xmin, ordered by
      // (txid, seq), hands out rows in an order no later commit can insert itself before. Rows from
      // one transaction share a txid and are ordered by seq within it. xid8 never wraps around.
      // The change log names each record's owner, so a person's devices share one stream.
      const changes = await db.query<ChangeRow>(
        `SELECT c.txid::text AS txid, c.seq::text AS seq, c.record_id
           FROM change_log c
          WHERE c.user_id = $1
            AND (c.txid, c.seq) > ($2::xid8, $3::bigint)
            AND c.txid < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY c.txid, c.seq
          LIMIT $4`,
        [userId, from.txid, from.seq, limit + 1],
      );
      const page = changes.rows.slice(0, limit);
      const recordIds = latestPerRecord(page.map((change) => change.record_id));
      const bundles = await this.#bundles(db, recordIds);
      const lastRow = page.at(-1);
      return {
        ok: true,
        response: {
          // The log names the owner; checking the record too costs nothing and guards the rule.
          changes: recordIds
            .map((recordId) => bundles.get(recordId)!)
            .filter((bundle) => bundle.record.ownerUserId === userId)
            .map(toRecordChange),
          cursor: lastRow === undefined ? after : `${lastRow.txid}:${lastRow.seq}`,
          hasMore: changes.rows.length > limit,
          lastMutationId: row === undefined ? 0 : toSafeInteger(row.last_mutation_id),
        },
      };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async listQueue(query: QueueQuery): Promise<QueuePage> {
    const where = queueWhere(query, query.after);
    const limit = queueLimit(query.limit);
    const rows = await queueRows<QueueRow>(this.#pool, where, limit + 1, false);
    const items = rows.slice(0, limit).map(toQueueItem);
    const last = items.at(-1);
    return {
      items,
      next: rows.length > limit && last !== undefined ? encodeQueueCursor(last) : null,
    };
  }

  async exportRows(filter: QueueFilter): Promise<ExportResult> {
    const where = queueWhere(filter, undefined);
    const rows = await queueRows<ExportRowRow>(this.#pool, where, EXPORT_MAX_ROWS + 1, true);
    return {
      rows: rows
        .slice(0, EXPORT_MAX_ROWS)
        .map((row): ExportRow => ({ ...toQueueItem(row), capturedAt: row.captured_at, fields: row.fields })),
      truncated: rows.length > EXPORT_MAX_ROWS,
    };
  }

  async assignRecord(
    recordId: string,
    assignee: string | null,
    scope: StaffScope,
  ): Promise<QueueItem | undefined> {
    return this.#transaction(async (db) => {
      const updated = await db.query(
        `UPDATE records SET assigned_to = $2
          WHERE record_id = $1 AND ($3::text[] IS NULL OR oblast = ANY($3::text[]))`,
        [recordId, assignee, scopeOblasts(scope)],
      );
      if (updated.rowCount !== 1) return undefined;
      const rows = await queueRows<QueueRow>(db, EVERYTHING, 1, false, recordId);
      return rows[0] === undefined ? undefined : toQueueItem(rows[0]);
    });
  }

  async recordReferencesBlob(userId: string, sha256: string): Promise<boolean> {
    // strpos() skips the person's records that cannot name the hash before their fields are sent over.
    const { rows } = await this.#pool.query<{ fields: FieldMap }>(
      'SELECT fields FROM records WHERE owner_user_id = $1 AND strpos(fields::text, $2) > 0',
      [userId, sha256],
    );
    return rows.some((row) => fieldsReferenceBlob(row.fields, sha256));
  }

  async countRecords(): Promise<number> {
    const { rows } = await this.#pool.query<{ count: string }>('SELECT count(*) AS count FROM records');
    return toSafeInteger(rows[0]!.count);
  }

  async getRecord(recordId: string, scope: StaffScope): Promise<StoredRecord | undefined> {
    return this.#transaction(async (db) => {
      const found = await db.query(
        'SELECT 1 FROM records WHERE record_id = $1 AND ($2::text[] IS NULL OR oblast = ANY($2::text[]))',
        [recordId, scopeOblasts(scope)],
      );
      return found.rowCount === 1 ? (await this.#bundles(db, [recordId])).get(recordId) : undefined;
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async integrityCheck(): Promise<void> {
    // Foreign keys and checks (status column = status field) already hold in PostgreSQL; what they
    // cannot express is the sync bookkeeping: no stored result beyond a client's last id, every
    // acknowledged record present, every record announced in the change log (its owner's, once it
    // has one), a bound client's records adopted, no change-log row naming anyone but the owner.
    const { rows } = await this.#pool.query<{ problems: string }>(
      `SELECT (SELECT count(*) FROM mutations m JOIN clients c USING (client_id)
                WHERE m.mutation_id > c.last_mutation_id)
            + (SELECT count(*) FROM mutations m
                WHERE m.result->>'status' IN ('applied', 'merged', 'conflict')
                  AND NOT EXISTS (SELECT 1 FROM records r WHERE r.record_id = m.result->>'recordId'))
            + (SELECT count(*) FROM records r
                WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.record_id = r.record_id))
            + (SELECT count(*) FROM records r JOIN clients c USING (client_id)
                WHERE r.owner_user_id IS NULL AND c.user_id IS NOT NULL)
            + (SELECT count(*) FROM records r WHERE r.owner_user_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM change_log l
                                 WHERE l.record_id = r.record_id AND l.user_id = r.owner_user_id))
            + (SELECT count(*) FROM change_log l JOIN records r USING (record_id)
                WHERE l.user_id IS NOT NULL AND l.user_id IS DISTINCT FROM r.owner_user_id) AS problems`,
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

/** Thrown inside the push transaction to roll it back; applyPush turns it into the refusal. */
class RefusedPush extends Error {}

/**
 * Locks and reads a record; with a scope, only if the scope covers its oblast (the authorisation is
 * in the query, so a record outside it is exactly as missing as one that does not exist).
 */
async function lockRecord(
  db: Queryable,
  recordId: string,
  scope?: StaffScope,
): Promise<RecordState | undefined> {
  const { rows } =
    scope === undefined
      ? await db.query<RecordRow>('SELECT * FROM records WHERE record_id = $1 FOR UPDATE', [recordId])
      : await db.query<RecordRow>(
          `SELECT * FROM records WHERE record_id = $1 AND ($2::text[] IS NULL OR oblast = ANY($2::text[]))
             FOR UPDATE`,
          [recordId, scopeOblasts(scope)],
        );
  return rows[0] === undefined ? undefined : toRecordState(rows[0]);
}

/**
 * A client from before sign-in, bound now: its person adopts the records it submitted, and each is
 * announced in the change log again (a new transaction id) so all of the person's devices pull it,
 * whatever their cursor.
 */
async function adopt(db: Queryable, clientId: string, userId: string, now: Date): Promise<void> {
  await db.query(
    `WITH adopted AS (
       UPDATE records SET owner_user_id = $2 WHERE client_id = $1 AND owner_user_id IS NULL
       RETURNING record_id, accepted_at
     )
     INSERT INTO change_log (record_id, client_id, user_id, changed_at)
       SELECT record_id, $1, $2, $3 FROM adopted ORDER BY accepted_at, record_id`,
    [clientId, userId, now],
  );
}

const EVERYTHING: QueueWhere = {
  oblasts: null,
  service: null,
  status: null,
  acceptedFrom: null,
  acceptedBefore: null,
  after: null,
};

/**
 * The queue's rows for a filter, newest first, with only the conditions in use, so the planner can
 * walk the matching index in order and stop at the limit. record_id compares in byte order (C).
 */
async function queueRows<Row extends pg.QueryResultRow>(
  db: Queryable,
  where: QueueWhere,
  limit: number,
  full: boolean,
  recordId?: string,
): Promise<Row[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (recordId !== undefined) conditions.push(`r.record_id = ${param(recordId)}`);
  if (where.oblasts !== null) {
    conditions.push(
      where.oblasts.length === 1
        ? `r.oblast = ${param(where.oblasts[0])}`
        : `r.oblast = ANY(${param(where.oblasts)}::text[])`,
    );
  }
  if (where.service !== null) conditions.push(`r.service = ${param(where.service)}`);
  if (where.status !== null) conditions.push(`r.status = ${param(where.status)}`);
  if (where.acceptedFrom !== null)
    conditions.push(`r.accepted_at >= ${param(where.acceptedFrom)}::timestamptz`);
  if (where.acceptedBefore !== null)
    conditions.push(`r.accepted_at < ${param(where.acceptedBefore)}::timestamptz`);
  if (where.after !== null) {
    const at = param(where.after.acceptedAt);
    const id = param(where.after.recordId);
    conditions.push(
      `(r.accepted_at, r.record_id COLLATE "C") < (${at}::timestamptz, ${id}::text COLLATE "C")`,
    );
  }
  const { rows } = await db.query<Row>(
    `SELECT r.record_id, r.reference, r.service, r.status, r.oblast, r.accepted_at, r.updated_at,
            r.assigned_to,${full ? ' r.captured_at, r.fields,' : ''}
            (SELECT count(*)::int FROM conflicts c WHERE c.record_id = r.record_id AND c.resolution IS NULL)
              AS open_conflicts,
            (SELECT count(*)::int FROM amendments a WHERE a.record_id = r.record_id AND a.state = 'pending')
              AS pending_amendments
       FROM records r
      ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`}
      ORDER BY r.accepted_at DESC, r.record_id COLLATE "C" DESC
      LIMIT ${param(limit)}`,
    params,
  );
  return rows;
}

/**
 * Applies a decided write inside the caller's transaction. False (and nothing written) when it
 * creates a record whose id a concurrent transaction has just taken.
 */
async function writeRecord(db: Queryable, write: StoredWrite, now: Date): Promise<boolean> {
  const { recordId } = write;
  if (write.create !== undefined) {
    // ON CONFLICT waits for a concurrent insert of the same id to finish instead of failing the
    // whole batch on a duplicate key.
    const inserted = await db.query(
      `INSERT INTO records (record_id, client_id, owner_user_id, oblast, service, reference, status, fields, version, captured_at, accepted_at, updated_at)
       VALUES ($1, $2, $10, $11, $3, $4, $5, $6::jsonb, $7, $8, $9, $9)
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
        write.ownerUserId,
        write.oblast,
      ],
    );
    if (inserted.rowCount !== 1) return false;
  } else {
    await db.query(
      `UPDATE records SET fields = $2::jsonb, status = $3, version = $4, oblast = $6, updated_at = $5
        WHERE record_id = $1`,
      [recordId, JSON.stringify(write.fields), write.status, write.version, now, write.oblast],
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
  await db.query(
    'INSERT INTO change_log (record_id, client_id, user_id, changed_at) VALUES ($1, $2, $3, $4)',
    [recordId, write.clientId, write.ownerUserId, now],
  );
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

function toQueueItem(row: QueueRow): QueueItem {
  return {
    recordId: row.record_id,
    reference: row.reference,
    service: row.service,
    status: row.status,
    oblast: row.oblast,
    acceptedAt: row.accepted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
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
