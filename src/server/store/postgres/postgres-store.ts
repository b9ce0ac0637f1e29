import pg from 'pg';
import type { MutationResult, PullResponse, PushResponse, RecordChange } from '../../../shared/protocol';
import { appliedResult, existingRecordResult, outOfOrderResult, validateMutation } from '../mutation-outcome';
import { InvalidCursorError, type PushInput, type Store, type StoredRecord } from '../store';
import { migrate } from './migrations';

interface RecordRow {
  record_id: string;
  client_id: string;
  service: string;
  reference: string;
  status: 'received';
  data: Record<string, unknown>;
  captured_at: string;
  accepted_at: Date;
  updated_at: Date;
}

interface ChangeRow extends RecordRow {
  txid: string;
  seq: string;
}

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
        const validation = validateMutation(mutation);
        let result: MutationResult;
        if (!validation.ok) {
          result = validation.result;
        } else {
          const { record } = validation;
          // ON CONFLICT waits for a concurrent insert of the same id to finish, so the owner read
          // below always sees a committed row instead of failing the whole batch on a duplicate key.
          const inserted = await db.query(
            `INSERT INTO records (record_id, client_id, service, reference, status, data, captured_at, accepted_at, updated_at)
             VALUES ($1, $2, $3, $4, 'received', $5, $6, $7, $7)
             ON CONFLICT (record_id) DO NOTHING`,
            [
              record.recordId,
              clientId,
              record.service,
              record.reference,
              record.data,
              record.capturedAt,
              now,
            ],
          );
          if (inserted.rowCount === 1) {
            await db.query('INSERT INTO change_log (record_id, client_id, changed_at) VALUES ($1, $2, $3)', [
              record.recordId,
              clientId,
              now,
            ]);
            result = appliedResult(mutation, now.toISOString());
          } else {
            const owner = await db.query<{ client_id: string; accepted_at: Date }>(
              'SELECT client_id, accepted_at FROM records WHERE record_id = $1',
              [record.recordId],
            );
            const row = owner.rows[0]!;
            result = existingRecordResult(mutation, clientId, {
              clientId: row.client_id,
              acceptedAt: row.accepted_at.toISOString(),
            });
          }
        }
        await db.query('INSERT INTO mutations (client_id, mutation_id, result) VALUES ($1, $2, $3)', [
          clientId,
          mutation.id,
          result,
        ]);
        last = mutation.id;
        results.push(result);
      }
      await db.query('UPDATE clients SET last_mutation_id = $1 WHERE client_id = $2', [last, clientId]);
      return { results, lastMutationId: last };
    });
  }

  async pull(clientId: string, after: string, limit: number): Promise<PullResponse> {
    const from = parseCursor(after);
    // Why not just `seq > cursor`: seq values are taken when a row is inserted, but become visible
    // when its transaction commits. If T1 takes seq 5, T2 takes seq 6 and commits first, a pull in
    // between returns 6 and the client's cursor jumps past 5 forever. Every transaction that can
    // still commit has txid >= the snapshot's xmin, so serving only txid < xmin, ordered by
    // (txid, seq), hands out rows in an order no later commit can insert itself before. Rows from
    // one transaction share a txid and are ordered by seq within it. xid8 never wraps around.
    const changes = await this.#pool.query<ChangeRow>(
      `SELECT c.txid::text AS txid, c.seq::text AS seq, r.*
         FROM change_log c JOIN records r ON r.record_id = c.record_id
        WHERE c.client_id = $1
          AND (c.txid, c.seq) > ($2::xid8, $3::bigint)
          AND c.txid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY c.txid, c.seq
        LIMIT $4`,
      [clientId, from.txid, from.seq, limit + 1],
    );
    const client = await this.#pool.query<{ last_mutation_id: string }>(
      'SELECT last_mutation_id FROM clients WHERE client_id = $1',
      [clientId],
    );
    const page = changes.rows.slice(0, limit);
    const lastRow = page.at(-1);
    return {
      changes: page.map(toChange),
      cursor: lastRow === undefined ? after : `${lastRow.txid}:${lastRow.seq}`,
      hasMore: changes.rows.length > limit,
      lastMutationId: client.rows[0] === undefined ? 0 : toSafeInteger(client.rows[0].last_mutation_id),
    };
  }

  async countRecords(): Promise<number> {
    const { rows } = await this.#pool.query<{ count: string }>('SELECT count(*) AS count FROM records');
    return toSafeInteger(rows[0]!.count);
  }

  async getRecord(recordId: string): Promise<StoredRecord | undefined> {
    const { rows } = await this.#pool.query<RecordRow>('SELECT * FROM records WHERE record_id = $1', [
      recordId,
    ]);
    return rows[0] === undefined ? undefined : toStoredRecord(rows[0]);
  }

  async integrityCheck(): Promise<void> {
    // Foreign keys and checks already hold in PostgreSQL; what they cannot express is the sync
    // bookkeeping: no stored result beyond a client's last id, every acknowledged record present,
    // every record announced in the change log.
    const { rows } = await this.#pool.query<{ problems: string }>(
      `SELECT (SELECT count(*) FROM mutations m JOIN clients c USING (client_id)
                WHERE m.mutation_id > c.last_mutation_id)
            + (SELECT count(*) FROM mutations m
                WHERE m.result->>'status' = 'applied'
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

  async #transaction<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const db = await this.#pool.connect();
    try {
      await db.query('BEGIN');
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

function toChange(row: RecordRow): RecordChange {
  return {
    recordId: row.record_id,
    service: row.service,
    reference: row.reference,
    status: row.status,
    acceptedAt: row.accepted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toStoredRecord(row: RecordRow): StoredRecord {
  return {
    recordId: row.record_id,
    clientId: row.client_id,
    service: row.service,
    reference: row.reference,
    status: row.status,
    data: row.data,
    capturedAt: row.captured_at,
    acceptedAt: row.accepted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
